"""HTTPS to the district server (httpx), turning every failure into one `TransportError`.

Timeouts bound inactivity (connect and TLS handshake, each read, each write), so a 64 KB batch on a
6 KB/s link goes through while a hung server is noticed within `io_timeout`; on top of that a request
that keeps trickling must finish within `deadline(bytes)` (30 s plus a second per 500 bytes moved), so
a server that answers one byte at a time cannot hold a sync for ever. How many attempts a sync makes
against a silent server is the session's business (desk/sync/session.py: it gives up after 30 s of
silence). A successful answer from the server is the only "online" signal (docs/sync.md rule 10).

TLS and trust are desk/sync/tls.py's; the bodies' encoding is desk/sync/wire.py's. `dump`, when set,
receives every request and reply decoded (`desk sync --dump`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

import httpx

from desk.sync import protocol as p
from desk.sync import tls, wire

MAX_REPLY_BYTES = 64 * 1024 * 1024
# Signs one request: (method, target with query, content-encoding, body bytes) → Authorization value.
Signer = Callable[[str, str, str, bytes], str]
Dump = Callable[[str, dict[str, Any]], None]


class TransportError(Exception):
    """A request that did not produce a usable answer."""

    def __init__(self, code: str, message_vi: str, *, status: int = 0, retryable: bool = True,
                 maybe_delivered: bool = False, message: str = "", detail: dict[str, Any] | None = None) -> None:
        super().__init__(message or code)
        self.code = code
        self.message_vi = message_vi
        self.status = status
        self.retryable = retryable
        # True when the request may have reached the server (timeout or cut after sending): the client
        # then settles by asking for the stored reply instead of guessing.
        self.maybe_delivered = maybe_delivered
        self.detail = detail or {}


@dataclass
class Counters:
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    resumed: int = 0  # TLS connections that resumed a session instead of a full handshake
    handshakes: int = 0


class Transport(Protocol):
    counters: Counters

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                signer: Signer | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]: ...

    def close(self) -> None: ...


def deadline(nbytes: int) -> float:
    """The longest one request may take, however it trickles: 30 s plus 2 ms per byte moved (500 B/s,
    a twelfth of a 2G link's 6 KB/s)."""
    return 30.0 + nbytes / 500


@dataclass
class HttpTransport:
    """The real transport. `base_url` is the server root, e.g. https://district.example:8443."""

    base_url: str
    trust: tls.Trust = field(default_factory=tls.Trust)
    connect_timeout: float = 10.0
    io_timeout: float = 15.0
    counters: Counters = field(default_factory=Counters)
    dump: Dump | None = None
    _client: httpx.Client | None = None
    _seen_streams: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        tls.check_url(self.base_url)

    def client(self) -> httpx.Client:
        if self._client is None:
            ctx = tls.client_context(self.base_url, self.trust)
            self._client = httpx.Client(
                base_url=self.base_url.rstrip("/") + p.API_PREFIX,
                timeout=httpx.Timeout(self.io_timeout, connect=self.connect_timeout),
                # Only what the server reads: every header byte crosses the 2G link each request.
                headers={"Accept-Encoding": "zstd, gzip", "User-Agent": "motcua-desk/2"},
                verify=ctx if ctx is not None else True,
                trust_env=False,  # never route desk data through a proxy set in the environment
            )
            for name in ("Accept", "Connection"):  # HTTP/1.1 defaults: the server does not need them
                self._client.headers.pop(name, None)
        return self._client

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                signer: Signer | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]:
        hdrs = dict(headers or {})
        content = b""
        encoding = ""
        if body is not None:
            if isinstance(body, tuple):  # (bytes, content-encoding) made by the caller
                content, encoding = body
            elif isinstance(body, bytes):
                content, encoding = body, "gzip"
            else:
                content, encoding = wire.encode(body)
            if encoding:
                hdrs["Content-Encoding"] = encoding
        query = {k: v for k, v in (params or {}).items() if v is not None}
        target = p.API_PREFIX + path + (("?" + urlencode(query)) if query else "")
        if signer is not None:
            hdrs["Authorization"] = signer(method, target, encoding, content)
        if self.dump is not None:
            self.dump("request", {"method": method, "path": target, "bytes": len(content), "encoding": encoding,
                                  "body": _decoded(content, encoding)})
        self.counters.requests += 1
        self.counters.bytes_sent += len(content)
        started = time.monotonic()
        url = path + (("?" + urlencode(query)) if query else "")
        try:
            with self.client().stream(method, url, content=content or None, headers=hdrs) as resp:
                self._note_tls(resp)
                raw = bytearray()
                for chunk in resp.iter_raw():
                    raw += chunk
                    if len(raw) > MAX_REPLY_BYTES:
                        raise TransportError("bad_reply", "Máy chủ cấp trên trả lời quá lớn; máy sẽ thử lại sau.",
                                             status=resp.status_code)
                    if time.monotonic() - started > deadline(len(content) + len(raw)):
                        raise TransportError("timeout", "Máy chủ cấp trên trả lời quá chậm; máy sẽ thử lại.",
                                             maybe_delivered=True)
                status = resp.status_code
                reply_encoding = resp.headers.get("content-encoding", "")
        except httpx.ConnectTimeout:
            raise TransportError("offline", "Không kết nối được máy chủ cấp trên (hết thời gian chờ kết nối).") \
                from None
        except httpx.TimeoutException:
            raise TransportError("timeout", "Máy chủ cấp trên không trả lời kịp; máy sẽ thử lại.",
                                 maybe_delivered=bool(content)) from None
        except httpx.ConnectError as e:
            refused = tls.verify_failure_vi(e)
            if refused is not None:
                raise TransportError("tls_untrusted", refused, retryable=False) from None
            raise TransportError("offline", "Không kết nối được máy chủ cấp trên; kiểm tra mạng Internet.") \
                from None
        except httpx.HTTPError as e:
            raise TransportError("network", f"Đường truyền bị ngắt giữa chừng ({type(e).__name__}); "
                                            "máy sẽ thử lại.", maybe_delivered=bool(content)) from None
        self.counters.bytes_received += len(raw)
        data: Any = None
        try:
            data = json.loads(wire.decode(bytes(raw), reply_encoding, MAX_REPLY_BYTES))
        except (ValueError, wire.BodyTooLarge):
            data = None
        if self.dump is not None:
            self.dump("reply", {"status": status, "bytes": len(raw), "encoding": reply_encoding, "body": data})
        if status >= 400:
            err = data.get("error") if isinstance(data, dict) else None
            if isinstance(err, dict):
                raise TransportError(str(err.get("code")), str(err.get("message_vi") or err.get("message")),
                                     status=status, retryable=bool(err.get("retryable")),
                                     message=str(err.get("message", "")), detail=err)
            raise TransportError(f"http_{status}", f"Máy chủ cấp trên trả lỗi {status}.",
                                 status=status, retryable=status >= 500 or status == 413)
        if not isinstance(data, dict):
            raise TransportError("bad_reply", "Máy chủ cấp trên trả lời không đúng dạng; máy sẽ thử lại.",
                                 status=status)
        return data

    def _note_tls(self, resp: httpx.Response) -> None:
        stream = resp.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        if ssl_object is None:
            return
        if id(ssl_object) not in self._seen_streams:
            self._seen_streams.add(id(ssl_object))
            if ssl_object.session_reused:
                self.counters.resumed += 1
            else:
                self.counters.handshakes += 1
        tls.remember_session(tls.session_key(self.base_url, self.trust), ssl_object)

    def peer_fingerprint(self) -> str:
        ctx = tls.client_context(self.base_url, self.trust)
        return str(getattr(ctx, "seen", ""))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self._seen_streams.clear()


def _decoded(content: bytes, encoding: str) -> Any:
    """The body as JSON for --dump, with packed ops shown as the ops they are."""
    try:
        data = json.loads(wire.decode(content, encoding, MAX_REPLY_BYTES)) if content else None
    except (ValueError, wire.BodyTooLarge):
        return f"<{len(content)} bytes>"
    if isinstance(data, dict) and isinstance(data.get("ops"), dict):
        try:
            data = {**data, "ops": wire.unpack_ops(data["ops"])}
        except ValueError:
            pass
    if isinstance(data, dict) and "slip_key" in data:
        data = {**data, "slip_key": "<hidden>"}  # the office's secret (desk/sync/lookup_key.py): never shown
    return data


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
