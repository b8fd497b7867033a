"""TLS to the district: who the desk trusts, and a second sync that skips the full handshake.

- **Only TLS 1.3**, both ways; plain `http://` is refused for anything but this PC itself (loopback), with
  a sentence that says why (Law 91/2025: citizens' data never crosses a network readable).
- **A public certificate** (the district behind a reverse proxy with a certificate from a public CA) is
  checked against the operating system's own trust store through `truststore` (Windows' store on the
  desks), hostname included.
- **A self-signed certificate** (`district serve --tls-self-signed`) is pinned: the SHA-256 of the
  certificate the desk saw at enrolment, checked *during the handshake*, before a byte of a request
  leaves. Enrolment itself needs the fingerprint from elsewhere: the enrolment code the district prints
  ends with its first 16 hex digits (64 bits: a man in the middle at enrolment would have to find a
  certificate matching them, about 2^64 hashes). A pinned certificate that changes is refused with what
  to do. Validity dates do not matter for a pin, so a desk whose clock is years off (F14) still syncs.
- **Resumption.** The TLS 1.3 session ticket of the last connection to each server is kept in this
  process and offered on the next connection, so a second sync in the day skips the certificate and the
  signatures (httpx does not expose it: `wrap_socket` is where the session goes in).
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

PIN_PREFIX_HEX = 16  # what the enrolment code carries
MIN_PIN_PREFIX_HEX = 8


class InsecureUrl(ValueError):
    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


def fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> None:
    """Refuse what would carry citizens' data readable on the way."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return  # this PC only: nothing crosses a network
    if parts.scheme == "http":
        raise InsecureUrl(
            f"Địa chỉ máy chủ cấp trên «{url}» dùng http:// (không mã hóa): họ tên, số định danh, số điện thoại "
            "của công dân sẽ đi qua mạng ở dạng ai cũng đọc được, điều Luật Bảo vệ dữ liệu cá nhân không cho "
            "phép. Hãy dùng địa chỉ https:// do cấp trên cung cấp.")
    raise InsecureUrl(f"Địa chỉ máy chủ cấp trên «{url}» không đúng dạng; cần dạng https://tên-máy-chủ:cổng.")


def normalise_pin(text: str) -> str:
    pin = "".join(c for c in text.lower() if c not in "-: ")
    if len(pin) < MIN_PIN_PREFIX_HEX or any(c not in "0123456789abcdef" for c in pin):
        raise ValueError(text)
    return pin


class PinMismatch(ssl.SSLCertVerificationError):
    """The server showed a certificate other than the pinned one."""

    def __init__(self, seen: str, expected: str, *, enrolling: bool) -> None:
        super().__init__(f"certificate fingerprint {seen[:16]}… is not the pinned {expected[:16]}…")
        self.seen = seen
        self.expected = expected
        self.enrolling = enrolling

    def message_vi(self) -> str:
        if self.enrolling:
            return (f"Chứng chỉ của máy chủ (dấu vân tay {_groups(self.seen)}) không khớp phần dấu vân tay trong mã "
                    f"đăng ký ({_groups(self.expected)}). Có thể máy đang nói chuyện với một máy khác mạo danh cấp "
                    "trên, hoặc mã đăng ký gõ sai: hãy kiểm tra lại mã với cấp trên; chưa gửi dữ liệu nào.")
        return (f"Chứng chỉ của máy chủ cấp trên đã thay đổi (dấu vân tay nay là {_groups(self.seen)}, máy đã ghi "
                f"nhận {_groups(self.expected)} khi đăng ký), nên máy không gửi dữ liệu. Nếu cấp trên vừa thay "
                "chứng chỉ: xin cấp trên thu hồi đăng ký cũ của máy này và cấp mã đăng ký mới, rồi đăng ký lại "
                "(Cài đặt → Đồng bộ, hoặc lệnh «desk enroll --server … --code …»). Nếu cấp trên không thay "
                "chứng chỉ: có thể có kẻ mạo danh máy chủ trên đường truyền — đừng đồng bộ và báo quản trị viên.")


def _groups(hexdigits: str) -> str:
    short = hexdigits[:PIN_PREFIX_HEX].upper()
    return "-".join(short[i:i + 4] for i in range(0, len(short), 4))


# --- sessions kept for resumption -------------------------------------------------------------------------
_sessions: dict[tuple[str, int, str], ssl.SSLSession] = {}
_sessions_lock = threading.Lock()


def remember_session(key: tuple[str, int, str], ssl_object: Any) -> None:
    session = getattr(ssl_object, "session", None)
    if session is not None and getattr(session, "has_ticket", False):
        with _sessions_lock:
            _sessions[key] = session


def forget_sessions() -> None:
    with _sessions_lock:
        _sessions.clear()
        _contexts.clear()


def _session_for(key: tuple[str, int, str]) -> ssl.SSLSession | None:
    with _sessions_lock:
        return _sessions.get(key)


class _CheckedSocket(ssl.SSLSocket):
    """Checks the pin as soon as the handshake is done, before httpx writes a byte of the request."""

    def do_handshake(self, block: bool = False) -> None:
        super().do_handshake(block)
        check = getattr(self.context, "check_peer", None)
        if check is not None:
            check(self)


class PinnedContext(ssl.SSLContext):
    """Trust exactly one certificate (by SHA-256), or at enrolment one whose fingerprint starts with the
    digits the enrolment code carried; the fingerprint seen is kept in `seen`."""

    sslsocket_class = _CheckedSocket
    pin: str
    enrolling: bool
    seen: str
    session_key: tuple[str, int, str]

    def check_peer(self, sock: ssl.SSLSocket) -> None:
        der = sock.getpeercert(binary_form=True)
        seen = fingerprint(der) if der else ""
        self.seen = seen
        if not seen.startswith(self.pin) or (not self.enrolling and seen != self.pin):
            raise PinMismatch(seen, self.pin, enrolling=self.enrolling)

    def wrap_socket(self, sock: socket.socket, server_side: bool = False, do_handshake_on_connect: bool = True,
                    suppress_ragged_eofs: bool = True, server_hostname: str | bytes | None = None,
                    session: ssl.SSLSession | None = None) -> ssl.SSLSocket:
        return super().wrap_socket(sock, server_side=server_side, do_handshake_on_connect=do_handshake_on_connect,
                                   suppress_ragged_eofs=suppress_ragged_eofs, server_hostname=server_hostname,
                                   session=session or _session_for(self.session_key))


def _tls13(ctx: ssl.SSLContext) -> None:
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    # The middlebox-compatibility dressing (a fake session id and a ChangeCipherSpec each way) only helps
    # through old middleboxes that inspect TLS 1.2; on a 2G link every byte counts.
    ctx.options &= ~getattr(ssl, "OP_ENABLE_MIDDLEBOX_COMPAT", 0)


@dataclass(frozen=True)
class Trust:
    """How to check the server: `pin` (full fingerprint, or a prefix while `enrolling`), else the OS."""

    pin: str = ""
    enrolling: bool = False


_contexts: dict[tuple[str, int, str, bool], ssl.SSLContext] = {}


def client_context(url: str, trust: Trust) -> ssl.SSLContext | None:
    """The SSL context for `url`, or None for plain loopback http (check_url first). One context per server
    and trust for the process: OpenSSL resumes a session only with the context that made it."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    with _sessions_lock:
        cached = _contexts.get((parts.hostname or "", parts.port or 443, trust.pin, trust.enrolling))
    if cached is None:
        cached = _new_context(url, trust)
        with _sessions_lock:
            _contexts[(parts.hostname or "", parts.port or 443, trust.pin, trust.enrolling)] = cached
    return cached


def _new_context(url: str, trust: Trust) -> ssl.SSLContext:
    parts = urlsplit(url)
    key = (parts.hostname or "", parts.port or 443, trust.pin)
    if trust.pin:
        ctx = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
        # The pin is the whole check: no chain, no name, no dates (see the module docstring).
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.pin = trust.pin
        ctx.enrolling = trust.enrolling
        ctx.seen = ""
        ctx.session_key = key
        _tls13(ctx)
        return ctx
    import truststore

    class _SystemContext(truststore.SSLContext):
        def wrap_socket(self, sock: socket.socket, server_side: bool = False, do_handshake_on_connect: bool = True,
                        suppress_ragged_eofs: bool = True, server_hostname: str | None = None,
                        session: ssl.SSLSession | None = None) -> ssl.SSLSocket:
            return super().wrap_socket(sock, server_side=server_side,
                                       do_handshake_on_connect=do_handshake_on_connect,
                                       suppress_ragged_eofs=suppress_ragged_eofs, server_hostname=server_hostname,
                                       session=session or _session_for(key))

    system = _SystemContext(ssl.PROTOCOL_TLS_CLIENT)
    _tls13(system)
    return system


def session_key(url: str, trust: Trust) -> tuple[str, int, str]:
    parts = urlsplit(url)
    return (parts.hostname or "", parts.port or 443, trust.pin)


def verify_failure_vi(exc: BaseException) -> str | None:
    """A Vietnamese sentence for a certificate the desk refused, or None when it was something else."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PinMismatch):
            return seen.message_vi()
        if isinstance(seen, ssl.SSLCertVerificationError):
            detail = getattr(seen, "verify_message", "") or str(seen)
            return ("Máy không tin được chứng chỉ của máy chủ cấp trên (" + detail + "). Nếu cấp trên dùng chứng "
                    "chỉ tự ký, hãy đăng ký bằng mã đầy đủ cấp trên in ra (có phần dấu vân tay ở cuối); nếu "
                    "không, hãy kiểm tra ngày giờ của máy và báo quản trị viên — có thể có kẻ mạo danh máy chủ.")
        seen = seen.__cause__ or seen.__context__
    return None
