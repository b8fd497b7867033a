"""The PCs of one commune on the office network, with or without the internet (issue 15).

Each PC serves, over HTTPS on the office network, the ops it holds (its own outbox and the other PCs'
ops it received) and asks the PCs it knows for what it lacks: a version vector, origin device → highest
seq held, as Morango does between Kolibri devices (shared/SYNC.md "Peers"). Ops are applied through
desk/sync/peerops.py, once by op_id whichever way they came; the ones that came this way are also handed
to the district by whichever PC reaches it first (desk/sync/relay.py), and the district stores each
once by op_id.

Who may talk (docs/design.md "Several PCs of one commune"):
- **Encrypted:** TLS 1.3 (Python's `ssl`), with a certificate each PC makes for itself when it starts
  listening. No CA vouches for it; the commune's secret does, per connection, below.
- **Authenticated as the commune's:** the district hands every PC of a commune the same secret at
  enrolment and in exchange answers (district/peers.py). Every request carries HMAC-SHA256(key,
  "c" | server certificate fingerprint | path | SHA-256 of the body); every answer HMAC(key, "s" |
  fingerprint | the request's nonce | SHA-256 of the answer). The fingerprint is the one each side sees in its own TLS session, so a
  man in the middle (who must present another certificate) breaks both MACs; the nonce makes an answer
  good for one request only. A PC without the secret gets 401 and reads nothing; its answers are refused.
  The secret has a generation, new at each revocation of a PC of the commune; a request names its own
  and one of another generation gets 401 and a message saying who must sync (desk/sync/peerkey.py).
- **Found:** DNS-SD (python-zeroconf) on the office network when listening on a real interface, and the
  addresses set by hand (`desk peers --add`) always (desk/sync/lan_loop.py: on by default once enrolled).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desk.store import Store
from desk.sync import peerkey, peerops, state, wire

log = logging.getLogger(__name__)

DEFAULT_PORT = 47615
SERVICE_TYPE = "_motcua-peer._tcp.local."
PATH = "/peer/v1/ops"
PAGE = 500
MAX_BODY = 8 * 1024 * 1024
MAX_ANSWER = 64 * 1024 * 1024  # inflated: a page of 500 ops is about 1 MB
TIMEOUT = 5.0
SECRET = peerkey.SECRET
LISTEN = "lan.listen"      # "off", "auto" or "host:port"; empty: not set (desk/sync/lan_loop.py `wanted`)
ADDRESSES = "lan.peers"    # addresses set by hand, comma-separated "host:port"
SERVING = "lan.serving"    # written by the running loop: the address it serves on, "" when it does not
SERVING_NOTE = "lan.serving_note"  # written by the running loop: why it does not serve, in Vietnamese


class PeerError(Exception):
    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(code)
        self.code = code
        self.message_vi = message_vi


# --- keys and MACs ----------------------------------------------------------------------------------
def lan_key(secret_hex: str) -> bytes:
    return hmac.new(bytes.fromhex(secret_hex), b"motcua-lan-mac-v1", hashlib.sha256).digest()


def request_mac(key: bytes, fingerprint: str, path: str, body: bytes) -> str:
    msg = b"c|" + fingerprint.encode() + b"|" + path.encode() + b"|" + hashlib.sha256(body).digest()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def answer_mac(key: bytes, fingerprint: str, nonce: str, body: bytes) -> str:
    msg = b"s|" + fingerprint.encode() + b"|" + nonce.encode() + b"|" + hashlib.sha256(body).digest()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def commune_secret(store: Store) -> str:
    return state.get(store, SECRET)


def parse_address(text: str) -> tuple[str, int]:
    host, _, port = text.strip().rpartition(":")
    if not host:
        host, port = text.strip(), str(DEFAULT_PORT)
    return host.strip("[]"), int(port)


def manual_addresses(store: Store) -> list[str]:
    return [a.strip() for a in state.get(store, ADDRESSES).split(",") if a.strip()]


# --- what this PC holds and serves ------------------------------------------------------------------
def vector(store: Store) -> dict[str, int]:
    """Origin device → the highest seq this PC holds of it (its own outbox included)."""
    out = {str(r["device_id"]): int(r["seq"]) for r in store.query(
        "SELECT device_id, MAX(seq) AS seq FROM peer_ops GROUP BY device_id")}
    own = str(store.device()["device_id"])
    out[own] = int(store.scalar("SELECT COALESCE(MAX(seq), 0) FROM outbox") or 0)
    return out


def ops_for(store: Store, asker: str, have: Mapping[str, int], limit: int = PAGE) -> tuple[list[dict[str, Any]], bool]:
    """The ops this PC holds that `asker` lacks, in the order this PC came to hold them (its own in seq
    order, the others' as they arrived): a step never comes before the receipt of its dossier."""
    own = str(store.device()["device_id"])
    found: list[tuple[str, dict[str, Any]]] = []
    if own != asker:
        for r in store.query("SELECT seq, op_id, epoch, prev_seq, entity, entity_id, kind, payload, created_at "
                             "FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (int(have.get(own, 0)), limit + 1)):
            found.append((str(r["created_at"]), {**dict(r), "device_id": own}))
    known = {d: int(s) for d, s in have.items()}
    rows = store.query("SELECT rowid, device_id, seq, op_id, epoch, prev_seq, entity, entity_id, kind, payload, "
                       "created_at, received_at FROM peer_ops WHERE device_id != ? ORDER BY rowid", (asker,))
    for r in rows:
        if int(r["seq"]) > known.get(str(r["device_id"]), 0):
            op = {k: r[k] for k in ("device_id", "seq", "op_id", "epoch", "prev_seq", "entity", "entity_id",
                                    "kind", "payload", "created_at")}
            found.append((str(r["received_at"]), op))
            if len(found) > 2 * limit:
                break
    found.sort(key=lambda x: x[0])  # a stable sort: each source keeps its own order
    ops = [op for _, op in found]
    return ops[:limit], len(ops) > limit


def apply_ops(store: Store, ops: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Apply another PC's answer in one local transaction. A dossier's receipt goes first, so a step on
    a dossier received in the same answer finds it whatever the order it came in."""
    counts: dict[str, int] = {}
    ordered = sorted(ops, key=lambda o: 0 if o.get("kind") == "receive" else 1)
    with store.write("peer") as uow:
        for op in ordered:
            outcome = peerops.apply_op(uow, op, via="lan")
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


# --- the certificate this PC serves with ------------------------------------------------------------
def make_certificate(directory: Path) -> tuple[Path, Path, str]:
    """A fresh ECDSA P-256 key and self-signed certificate each time this PC starts listening. Nobody
    pins it: the commune secret's MACs bind each exchange to the fingerprint each side sees."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "motcua-peer")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650)).sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "peer-cert.pem", directory / "peer-key.pem"
    key_path.touch(mode=0o600)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path, hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


# --- serving ----------------------------------------------------------------------------------------
class LanServer:
    """This PC's side for the others: answers authenticated requests for ops, nothing else."""

    def __init__(self, store: Store, host: str, port: int, tls_dir: Path) -> None:
        self.store = store
        self.host = host
        self.port = port
        self.tls_dir = tls_dir
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.fingerprint = ""

    def start(self) -> None:
        cert, key, self.fingerprint = make_certificate(self.tls_dir)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        ctx.load_cert_chain(cert, key)
        server = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 15  # a PC that connects and then says nothing does not hold a thread for long

            def do_POST(self) -> None:
                try:
                    server.handle(self)
                finally:
                    server.store.release_thread()

            def log_message(self, format: str, *args: Any) -> None:
                return  # requests carry no citizen data in their lines, but the log stays quiet anyway

        httpd = ThreadingHTTPServer((self.host, self.port), Handler)
        httpd.daemon_threads = True
        httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
        self.port = int(httpd.server_address[1])
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="desk-lan-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        try:
            length = int(req.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if req.path != PATH or not 0 < length <= MAX_BODY:
            self._send(req, 404 if req.path != PATH else 413, {"error": "bad_request"}, None)
            return
        body = req.rfile.read(length)
        secret = commune_secret(self.store)
        if not secret:
            self._send(req, 403, {"error": "not_enrolled"}, None)
            return
        stale = peerkey.refusal(self.store, peerkey.asked_generation(req.headers.get(peerkey.HEADER)))
        if stale is not None:
            # Made with another generation of the commune's key: a revoked PC, or one of the two has not
            # synced since a revocation (desk/sync/peerkey.py). Nothing read, nothing written.
            self._send(req, 401, stale, None)
            return
        key = lan_key(secret)
        mac = req.headers.get("X-Peer-Mac") or ""
        if not hmac.compare_digest(mac, request_mac(key, self.fingerprint, PATH, body)):
            # A stranger on the network: nothing read, nothing written, nothing told.
            self._send(req, 401, {"error": "unauthorized"}, None)
            return
        try:
            ask = json.loads(body)
            asker = str(ask["device_id"])
            nonce = str(ask["nonce"])
            have = {str(k): int(v) for k, v in dict(ask.get("vector") or {}).items()}
            limit = max(1, min(int(ask.get("limit") or PAGE), PAGE))
        except (ValueError, KeyError, TypeError):
            self._send(req, 400, {"error": "bad_request"}, None)
            return
        ops, more = ops_for(self.store, asker, have, limit)
        device = self.store.device()
        with self.store.write("peer") as uow:
            peerops.heard_from(uow, asker, "lan", desk_no=_int(ask.get("desk_no")),
                               address=_reply_address(str(ask.get("listen") or ""), str(req.client_address[0])))
        # The ops as columns, zstd with the sync's dictionary (desk/sync/wire.py): as on the district's link.
        answer = {"device_id": str(device["device_id"]), "desk_no": int(device["desk_no"]),
                  "ops": wire.pack_ops(ops) if ops else None, "more": more}
        self._send(req, 200, answer, (key, nonce))

    def _send(self, req: BaseHTTPRequestHandler, status: int, body: Mapping[str, Any],
              signing: tuple[bytes, str] | None) -> None:
        data, encoding = wire.encode(body) if signing is not None else (
            json.dumps(body, separators=(",", ":")).encode(), "identity")
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Encoding", encoding)
        req.send_header("Content-Length", str(len(data)))
        if signing is not None:
            req.send_header("X-Peer-Mac", answer_mac(signing[0], self.fingerprint, signing[1], data))
        req.end_headers()
        req.wfile.write(data)


def _reply_address(listen: str, client_ip: str) -> str:
    """Where the asking PC can be reached: its port, at the address it came from when it serves on every
    interface (0.0.0.0 says nothing about which one is on this network)."""
    try:
        host, port = parse_address(listen)
    except ValueError:
        return client_ip
    return f"{client_ip}:{port}" if host in ("", "0.0.0.0", "::") else listen


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- asking -----------------------------------------------------------------------------------------
@dataclass
class PeerResult:
    address: str
    device_id: str = ""
    desk_no: int | None = None
    received: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    error: PeerError | None = None


def client_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    # No CA vouches for a PC's certificate: the commune secret does, through the MACs (module docstring).
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _loopback_or_private(host: str) -> bool:
    try:
        ip = ipaddress.ip_address(socket.gethostbyname(host))
    except (OSError, ValueError):
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


def exchange_with(store: Store, address: str, *, timeout: float = TIMEOUT) -> PeerResult:
    """Ask one PC for what this PC lacks, page by page, and apply it."""
    result = PeerResult(address)
    secret, generation = peerkey.current(store)
    if not secret:
        result.error = PeerError("not_enrolled", "Máy chưa đăng ký với cấp trên nên chưa có khóa chung của cơ quan.")
        return result
    host, port = parse_address(address)
    if not _loopback_or_private(host):
        # Citizens' data stays inside the office: only private (LAN) or loopback addresses.
        result.error = PeerError("not_lan", f"Địa chỉ {address} không thuộc mạng nội bộ; không trao đổi.")
        return result
    key = lan_key(secret)
    device = store.device()
    conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=client_context())
    try:
        conn.connect()
        der = conn.sock.getpeercert(binary_form=True) if isinstance(conn.sock, ssl.SSLSocket) else None
        if not der:
            raise PeerError("no_certificate", "Máy kia không trình chứng chỉ.")
        fp = hashlib.sha256(der).hexdigest()
        for _page in range(10_000):
            nonce = secrets.token_hex(16)
            ask = {"device_id": str(device["device_id"]), "desk_no": int(device["desk_no"]), "nonce": nonce,
                   "vector": vector(store), "limit": PAGE, "listen": state.get(store, SERVING)}
            body = json.dumps(ask, separators=(",", ":")).encode()
            conn.request("POST", PATH, body=body, headers={
                "Content-Type": "application/json", "X-Peer-Mac": request_mac(key, fp, PATH, body),
                peerkey.HEADER: str(generation)})
            resp = conn.getresponse()
            data = resp.read(MAX_BODY + 1)
            if resp.status == 401:
                raise PeerError(*peerkey.refused(store, address, data))
            if resp.status != 200:
                raise PeerError("peer_error", f"Máy {address} trả lời lỗi {resp.status}.")
            if not hmac.compare_digest(resp.getheader("X-Peer-Mac") or "", answer_mac(key, fp, nonce, data)):
                raise PeerError("not_same_commune", f"Máy {address} không chứng minh được là máy của cơ quan này.")
            answer = json.loads(wire.decode(data, resp.getheader("Content-Encoding"), MAX_ANSWER))
            result.device_id = str(answer["device_id"])
            result.desk_no = _int(answer.get("desk_no"))
            if result.device_id == str(device["device_id"]):
                break  # this PC's own address
            ops = wire.unpack_ops(answer["ops"]) if answer.get("ops") else []
            for outcome, n in apply_ops(store, ops).items():
                result.counts[outcome] = result.counts.get(outcome, 0) + n
            result.received += len(ops)
            if not answer.get("more") or not ops:
                break
        if result.device_id and result.device_id != str(device["device_id"]):
            with store.write("peer") as uow:
                peerops.heard_from(uow, result.device_id, "lan", desk_no=result.desk_no, address=address)
    except PeerError as e:
        result.error = e
    except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError, wire.BodyTooLarge) as e:
        result.error = PeerError("unreachable", f"Không kết nối được máy {address} ({type(e).__name__}).")
    finally:
        conn.close()
    if result.error is not None and result.error.code in ("unreachable", "peer_error", "no_certificate"):
        # The list of PCs must say so now, not two minutes after the last success (desk/sync/peers.py).
        with store.write("peer") as uow:
            peerops.unreachable(uow, address)
    return result
