"""The fault proxy must be trustworthy before any sync test leans on it.

Each fault is checked from both ends: what the upstream server actually received and answered, and
what the client saw. Timing checks are lower bounds only (the proxy can never deliver earlier than the
link allows); they cannot flake on a slow machine.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.sync.faultproxy import FaultProxy


class _Upstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.completed: list[tuple[str, bytes]] = []  # requests whose body arrived whole
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the proxy resets connections on purpose; the tests check what arrived instead


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Upstream

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        size = int(self.path.rsplit("/", 1)[-1]) if self.path.startswith("/bytes/") else 2
        body = random.Random(size).randbytes(size) if size > 2 else b"ok"
        with self.server.lock:
            self.server.completed.append((self.path, b""))
        self._reply(body)

    def do_POST(self) -> None:
        n = int(self.headers["Content-Length"])
        body = self.rfile.read(n)
        if len(body) < n:
            return  # the client vanished mid-body: nothing is "completed", as in a real server
        with self.server.lock:
            self.server.completed.append((self.path, body))
        self._reply(body)

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    srv = _Upstream()
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.server_address[1], scheme="http") as p:
        yield p


def _client(proxy: FaultProxy, timeout: float = 5.0) -> httpx.Client:
    return httpx.Client(base_url=proxy.url, timeout=timeout)


def test_passes_bytes_unchanged_and_counts_them(proxy: FaultProxy, upstream: _Upstream) -> None:
    payload = random.Random(1).randbytes(200_000)
    with _client(proxy) as c:
        r1 = c.post("/echo", content=payload)
        r2 = c.get("/bytes/50000")
    assert r1.content == payload
    assert len(r2.content) == 50000
    assert upstream.completed == [("/echo", payload), ("/bytes/50000", b"")]
    s = proxy.stats
    # Both exchanges went over one kept-alive connection, and every byte was counted exactly once.
    assert s.connections == 1
    assert s.round_trips == 2
    assert s.bytes_up > len(payload) and s.bytes_up < len(payload) + 1000
    assert s.bytes_down > len(payload) + 50000 and s.bytes_down < len(payload) + 50000 + 1000
    assert s.fired == []
    assert s.exchanges == [("POST /echo HTTP/1.1", "HTTP/1.1 200 OK"), ("GET /bytes/50000 HTTP/1.1", "HTTP/1.1 200 OK")]


def test_raw_counts_are_exact(proxy: FaultProxy) -> None:
    request = b"GET /bytes/1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", proxy.port)) as s:
        s.sendall(request)
        received = b""
        while chunk := s.recv(65536):
            received += chunk
    assert received.endswith(b"\r\n\r\n" + received.split(b"\r\n\r\n", 1)[1])
    assert len(received.split(b"\r\n\r\n", 1)[1]) == 1000
    deadline = time.monotonic() + 5
    while proxy.stats.bytes_down < len(received) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proxy.stats.bytes_up == len(request)
    assert proxy.stats.bytes_down == len(received)


def test_cut_request_after_n_bytes_reaches_server_partially_once(proxy: FaultProxy, upstream: _Upstream) -> None:
    payload = b"x" * 100_000
    proxy.cut_request_after(30_000, match=b"POST /push")
    with _client(proxy) as c:
        # A non-matching request is untouched even while the rule is armed.
        assert c.post("/other", content=b"abc").content == b"abc"
        with pytest.raises(httpx.TransportError):
            c.post("/push", content=payload)
        # One-shot: the retry goes through whole.
        assert c.post("/push", content=payload).content == payload
    assert [p for p, _ in upstream.completed] == ["/other", "/push"]
    fired = proxy.stats.fired
    assert len(fired) == 1 and fired[0].kind == "cut_up" and fired[0].request_line.startswith("POST /push")
    assert fired[0].bytes_passed == 30_000


def test_cut_request_delivers_exactly_n_bytes_to_the_server() -> None:
    got = bytearray()
    done = threading.Event()
    lsock = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = lsock.accept()
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                got.extend(chunk)
        done.set()

    threading.Thread(target=serve, daemon=True).start()
    with FaultProxy(lsock.getsockname()[1], scheme="http") as p:
        p.cut_request_after(12345)
        with socket.create_connection(("127.0.0.1", p.port)) as s, contextlib.suppress(OSError):
            s.sendall(b"y" * 50_000)
            s.recv(10)
        assert done.wait(5)
    lsock.close()
    assert len(got) == 12345


def test_cut_response_after_n_bytes(proxy: FaultProxy) -> None:
    proxy.cut_response_after(5000, match=b"GET /bytes")
    with socket.create_connection(("127.0.0.1", proxy.port)) as s:
        s.sendall(b"GET /bytes/40000 HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := s.recv(65536):
                received += chunk
    assert len(received) == 5000
    with _client(proxy) as c:
        assert len(c.get("/bytes/40000").content) == 40000


def test_drop_reply_after_server_completed_the_request(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.drop_reply(match=b"POST /push")
    with _client(proxy) as c:
        with pytest.raises(httpx.TransportError):
            c.post("/push", content=b"batch-1")
        # The server did get and answer the whole request: it committed; only the reply was lost.
        assert upstream.completed == [("/push", b"batch-1")]
        assert c.post("/push", content=b"batch-1").content == b"batch-1"
    assert upstream.completed == [("/push", b"batch-1"), ("/push", b"batch-1")]
    assert [f.kind for f in proxy.stats.fired] == ["drop_reply"]


def test_persistent_rule_fires_every_time(proxy: FaultProxy) -> None:
    proxy.drop_reply(match=b"/push", times=-1)
    with _client(proxy) as c:
        for _ in range(3):
            with pytest.raises(httpx.TransportError):
                c.post("/push", content=b"z")
        proxy.clear_faults()
        assert c.post("/push", content=b"z").status_code == 200
    assert len(proxy.stats.fired) == 3


def test_hang_then_resume(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.hang()
    with _client(proxy, timeout=0.5) as c, pytest.raises(httpx.TimeoutException):
        c.post("/push", content=b"held")
    assert upstream.completed == []
    proxy.resume()
    with _client(proxy) as c:
        assert c.post("/push", content=b"ok").content == b"ok"


def test_offline_resets_then_online_works(proxy: FaultProxy) -> None:
    with _client(proxy) as c:
        assert c.get("/x").status_code == 200
        proxy.set_offline(True)
        with pytest.raises(httpx.TransportError):
            c.get("/x")
        proxy.set_offline(False)
        assert c.get("/x").status_code == 200


def test_reset_connections_breaks_open_exchange(proxy: FaultProxy) -> None:
    proxy.hang()
    errors: list[BaseException] = []

    def call() -> None:
        try:
            with _client(proxy, timeout=10) as c:
                c.get("/x")
        except BaseException as e:
            errors.append(e)

    t = threading.Thread(target=call)
    t.start()
    deadline = time.monotonic() + 5
    while proxy.stats.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    proxy.reset_connections()
    proxy.resume()
    t.join(5)
    assert len(errors) == 1 and isinstance(errors[0], httpx.TransportError)


def test_latency_and_bandwidth_are_lower_bounds(proxy: FaultProxy) -> None:
    proxy.set_link(rtt=0.2, bandwidth=50_000)
    payload = b"q" * 25_000  # 0.5 s up and 0.5 s down at 50 kB/s
    with _client(proxy) as c:
        start = time.monotonic()
        assert c.post("/echo", content=payload).content == payload
        first = time.monotonic() - start
        start = time.monotonic()
        assert c.get("/x").status_code == 200
        second = time.monotonic() - start
    # handshake (1 RTT) + request/response (1 RTT) + serialisation both ways
    assert first >= 0.2 + 0.2 + 1.0
    assert second >= 0.2  # a small exchange on the kept-alive connection still costs one round trip
    assert proxy.stats.round_trips == 2 and proxy.stats.connections == 1


def test_jitter_never_reorders_a_stream(proxy: FaultProxy) -> None:
    proxy.set_link(rtt=0.06, jitter=0.05)
    payload = random.Random(7).randbytes(300_000)
    with _client(proxy) as c:
        assert c.post("/echo", content=payload).content == payload


def test_measuring_block_counts_only_inside(proxy: FaultProxy) -> None:
    with _client(proxy) as c:
        c.get("/x")
        with proxy.measuring() as m:
            c.get("/bytes/3000")
        c.get("/x")
    assert m.round_trips == 1
    assert 3000 < m.bytes_down < 3300
    assert m.bytes_up > 0


def test_refuses_non_loopback_upstream() -> None:
    with pytest.raises(ValueError):
        FaultProxy(80, upstream_host="10.0.0.1")


def test_skip_lets_earlier_matching_exchanges_through(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.drop_reply(match=b"POST /push", skip=2)
    with _client(proxy) as c:
        assert c.post("/push", content=b"1").content == b"1"
        assert c.get("/x").status_code == 200  # not matching: not counted
        assert c.post("/push", content=b"2").content == b"2"
        with pytest.raises(httpx.TransportError):
            c.post("/push", content=b"3")
        assert c.post("/push", content=b"4").content == b"4"
    assert [b for p, b in upstream.completed if p == "/push"] == [b"1", b"2", b"3", b"4"]


def test_rewrites_keep_length_and_framing(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.rewrite_request(b"secret", b"SECRET", match=b"POST /echo")
    proxy.corrupt_response(b"SECRET", b"S3CRET", match=b"POST /echo")
    with _client(proxy) as c:
        assert c.post("/echo", content=b"a secret word").content == b"a S3CRET word"
        assert c.post("/echo", content=b"a secret word").content == b"a secret word"  # one-shot
    assert upstream.completed[0] == ("/echo", b"a SECRET word")
    assert [f.kind for f in proxy.stats.fired] == ["rewrite_up", "rewrite_down"]
    with pytest.raises(ValueError):
        proxy.corrupt_response(b"abc", b"abcd")
