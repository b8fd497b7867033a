"""HTTP to the district server (httpx), turning every failure into one `TransportError`.

Timeouts bound inactivity (connect, each read, each write), not the whole request, so a 64 KB batch on
a 6 KB/s link still goes through while a hung server is noticed. A successful answer from the server is
the only "online" signal (docs/sync.md rule 10); `last_ok` records it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from desk.sync import protocol as p


class TransportError(Exception):
    """A request that did not produce a usable answer."""

    def __init__(self, code: str, message_vi: str, *, status: int = 0, retryable: bool = True,
                 maybe_delivered: bool = False, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code
        self.message_vi = message_vi
        self.status = status
        self.retryable = retryable
        # True when the request may have reached the server (timeout or cut after sending): the push
        # loop then settles by asking for the stored reply instead of guessing.
        self.maybe_delivered = maybe_delivered


@dataclass
class Counters:
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


class Transport(Protocol):
    counters: Counters

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                token: str | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]: ...

    def close(self) -> None: ...


@dataclass
class HttpTransport:
    """The real transport. `base_url` is the server root, e.g. http://127.0.0.1:8080."""

    base_url: str
    connect_timeout: float = 10.0
    io_timeout: float = 60.0
    gzip_min: int = 256
    counters: Counters = field(default_factory=Counters)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.base_url.rstrip("/") + p.API_PREFIX,
                timeout=httpx.Timeout(self.io_timeout, connect=self.connect_timeout),
                headers={"Accept-Encoding": "gzip", "User-Agent": "motcua-desk-sync/1"},
                trust_env=False,  # never route desk data through a proxy set in the environment
            )
        return self._client

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                token: str | None = None, headers: dict[str, str] | None = None) -> dict[str, Any]:
        hdrs = dict(headers or {})
        content: bytes | None = None
        if token:
            hdrs["Authorization"] = f"Bearer {token}"
        if body is not None:
            raw = body if isinstance(body, bytes) else p.dumps(body)
            if isinstance(body, bytes) or len(raw) >= self.gzip_min:
                content = raw if isinstance(body, bytes) else p.gzip_body(body)
                hdrs["Content-Encoding"] = "gzip"
            else:
                content = raw
            hdrs["Content-Type"] = "application/json"
        self.counters.requests += 1
        self.counters.bytes_sent += len(content or b"")
        try:
            resp = self.client().request(method, path, content=content, params=params, headers=hdrs)
        except httpx.ConnectTimeout:
            raise TransportError("offline", "Không kết nối được máy chủ cấp trên (hết thời gian chờ kết nối).") \
                from None
        except httpx.TimeoutException:
            raise TransportError("timeout", "Máy chủ cấp trên không trả lời kịp; máy sẽ thử lại.",
                                 maybe_delivered=content is not None) from None
        except httpx.ConnectError:
            raise TransportError("offline", "Không kết nối được máy chủ cấp trên; kiểm tra mạng Internet.") \
                from None
        except httpx.HTTPError as e:
            raise TransportError("network", f"Đường truyền bị ngắt giữa chừng ({type(e).__name__}); "
                                            "máy sẽ thử lại.", maybe_delivered=content is not None) from None
        # Bytes as they came over the wire (gzip), not after httpx inflated them.
        self.counters.bytes_received += resp.num_bytes_downloaded
        data: Any = None
        try:
            data = resp.json()
        except (ValueError, json.JSONDecodeError):
            data = None
        if resp.status_code >= 400:
            err = data.get("error") if isinstance(data, dict) else None
            if isinstance(err, dict):
                raise TransportError(str(err.get("code")), str(err.get("message_vi") or err.get("message")),
                                     status=resp.status_code, retryable=bool(err.get("retryable")),
                                     message=str(err.get("message", "")))
            raise TransportError(f"http_{resp.status_code}", f"Máy chủ cấp trên trả lỗi {resp.status_code}.",
                                 status=resp.status_code, retryable=resp.status_code >= 500 or resp.status_code == 413)
        if not isinstance(data, dict):
            raise TransportError("bad_reply", "Máy chủ cấp trên trả lời không đúng dạng; máy sẽ thử lại.",
                                 status=resp.status_code)
        return data

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
