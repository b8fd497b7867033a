"""HTTPS for `district serve`: a kept self-signed key pair or the admin's certificate, TLS 1.3 only.

- `--tls-self-signed`: an ECDSA P-256 key and a self-signed certificate are made once in `--tls-dir`
  (0600 key) and reused at every start, so the fingerprint the desks pinned at enrolment stays valid.
  P-256 keeps the certificate small (about 500 bytes in the handshake against 800+ for RSA) on 2G links,
  and every browser speaks it — an Ed25519 certificate would be smaller still, but Chromium and the
  phones' browsers refuse it, and the same server serves the staff pages and the citizens' lookup page.
- `--tls-cert/--tls-key`: the admin's certificate (e.g. from a public CA; the desks then check it against
  the operating system's trust store, no pin).
- Behind a reverse proxy that terminates TLS (docs/reverse-proxy.md), serve plain HTTP on loopback and
  name the proxy with `--forwarded-allow-ips`: only then are X-Forwarded-* headers believed, and a request
  that did not arrive over HTTPS at the proxy is refused.

The fingerprint of a self-signed certificate goes into the database (`server_meta.tls_pin`), so
`district enroll-code` can print it with each code.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERT_NAME = "district-cert.pem"
KEY_NAME = "district-key.pem"
SELF_SIGNED_YEARS = 30  # a pin does not look at dates; a long life spares a renewal that breaks every pin


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path

    def fingerprint(self) -> str:
        return fingerprint_of(self.cert)

    def self_signed(self) -> bool:
        cert = x509.load_pem_x509_certificate(self.cert.read_bytes())
        return cert.issuer == cert.subject


def fingerprint_of(cert_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return cert.fingerprint(hashes.SHA256()).hex()


def self_signed(directory: Path, names: list[str] | None = None) -> TlsFiles:
    """The kept key pair in `directory`, made on first use."""
    directory.mkdir(parents=True, exist_ok=True)
    files = TlsFiles(directory / CERT_NAME, directory / KEY_NAME)
    if files.cert.exists() and files.key.exists():
        return files
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "motcua-district")])
    alt: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    for n in names or []:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            alt.append(x509.DNSName(n))
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * SELF_SIGNED_YEARS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(files.key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem_key)
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return files


def server_context(files: TlsFiles) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(str(files.cert), str(files.key))
    # One ticket per connection (OpenSSL sends two by default): a desk keeps only the last one, and each
    # costs some 250 bytes down a 2G link.
    ctx.num_tickets = 1
    ctx.options &= ~getattr(ssl, "OP_ENABLE_MIDDLEBOX_COMPAT", 0)
    return ctx


class TlsConfig(uvicorn.Config):
    """uvicorn's config with our own SSL context (uvicorn's own cannot be limited to TLS 1.3). It is a
    class of this module, so a worker process that unpickles the config imports it and builds the same
    context (`--workers`)."""

    def __init__(self, *args: Any, tls: TlsFiles | None = None, **kwargs: Any) -> None:
        if tls is not None:
            kwargs.update(ssl_certfile=str(tls.cert), ssl_keyfile=str(tls.key))
        super().__init__(*args, **kwargs)
        self.tls = tls

    def load(self) -> None:
        super().load()
        if self.tls is not None:
            self.ssl = server_context(self.tls)
