"""A TCP proxy of our own, placed between the desk client and the real server, that the test steers.

It shapes the link (round-trip latency with jitter, bandwidth per direction shared by all connections
like a real radio link, the TCP handshake's round trip) and injects faults at exact points of an HTTP
exchange: cut a request or a response after N bytes, drop a reply after the request was fully
forwarded (the server committed, the desk never hears it), hang, reset, go offline. It counts bytes per
direction, connections and request/response round trips so benchmarks can compare with the physics.

An "exchange" is one request and its response on a connection: bytes from the client start a new
exchange whenever the previous bytes on that connection went the other way (HTTP/1.1 without
pipelining, which is what httpx speaks). Fault rules can be restricted to exchanges whose first bytes
contain a marker such as ``b"POST /api/sync/v1/push"``: the request line is never compressed.

With TLS on the sync (issue 16) the proxy works in one of two ways:
- **pass-through** (default): bytes go through untouched, TLS included; what is counted and shaped is
  exactly what crosses the link (handshakes, records). Rules without `match` still work (they count the
  encrypted bytes); `capture=True` keeps every byte for a look at what an eavesdropper gets.
- **terminating** (`tls=(cert, key)`): the proxy holds the district's own certificate and key, like the
  TLS-terminating reverse proxy the district may run (docs/reverse-proxy.md): it ends the desk's TLS 1.3
  session (the desk's pin check passes: it is the district's certificate), opens its own to the server,
  and applies the rules to the plaintext between them, so a cut "inside the request line" or a rewrite
  means what it says. A cut resets both TCP connections, as a cut link does. Bytes up are counted as they
  came from the desk, bytes down as they leave for it; shaping follows the plaintext (use pass-through
  for timing).

Threads rather than asyncio so a test can steer it from synchronous code without an event loop; each
direction of each connection has a reader (that stamps chunks with their arrival time on the far side)
and a writer (that delivers them at that time), so latency pipelines like on a real link instead of
adding up per chunk.
"""

from __future__ import annotations

import contextlib
import queue
import random
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

UP = "up"  # client -> server
DOWN = "down"  # server -> client
_SLICE = 1460  # one TCP segment: bandwidth is charged per segment so cuts and timing stay fine-grained
_POLL = 0.05
_HEAD = 2048  # how much of a request is kept to match rules against


@dataclass
class Rule:
    kind: str  # "cut_up" | "cut_down" | "drop_reply" | "rewrite_up" | "rewrite_down"
    after: int = 0
    match: bytes | None = None
    times: int = 1  # negative: every time
    skip: int = 0  # let this many matching exchanges through first
    find: bytes = b""
    replace: bytes = b""
    fired: int = 0
    seen: int = 0
    _seen_heads: set[int] = field(default_factory=set)

    def armed(self) -> bool:
        return self.times < 0 or self.fired < self.times


@dataclass
class FiredFault:
    kind: str
    request_line: str
    bytes_passed: int


@dataclass
class ProxyStats:
    bytes_up: int = 0
    bytes_down: int = 0
    connections: int = 0
    round_trips: int = 0  # responses that began after a request: one per HTTP exchange
    fired: list[FiredFault] = field(default_factory=list)
    exchanges: list[tuple[str, str]] = field(default_factory=list)  # (request line, status line)

    @property
    def bytes_total(self) -> int:
        return self.bytes_up + self.bytes_down


class _Link:
    """One direction of the shaped link: a serialising pipe of given bandwidth plus propagation delay."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bandwidth: float | None = None
        self.next_free = 0.0

    def transmit(self, nbytes: int, now: float) -> float:
        """Reserve the pipe for `nbytes` arriving now; return when their last bit has left."""
        with self.lock:
            if not self.bandwidth:
                return now
            start = max(now, self.next_free)
            self.next_free = start + nbytes / self.bandwidth
            return self.next_free


class _Conn:
    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.lock = threading.Lock()
        self.last_dir: str | None = None
        self.exchange_up = 0
        self.exchange_down = 0
        self.head = b""
        self.exchange = 0
        self.closed = False
        self.eof = {UP: False, DOWN: False}
        self.first_up = True
        self.queues: dict[str, queue.Queue[tuple[float, bytes | str]]] = {UP: queue.Queue(), DOWN: queue.Queue()}
        self.last_deliver = {UP: 0.0, DOWN: 0.0}
        self.tls: _TlsLegs | None = None

    # --- lifecycle --------------------------------------------------------------------------------
    def start(self) -> None:
        if self.proxy._tls is not None:
            threading.Thread(target=self._start_tls, daemon=True, name="proxy-tls").start()
            return
        self._start_pumps()

    def _start_tls(self) -> None:
        assert self.proxy._tls is not None
        try:
            self.tls = _TlsLegs(self.proxy._tls, self.server)
        except (OSError, ssl.SSLError):
            self.abort()
            return
        self._start_pumps()

    def _start_pumps(self) -> None:
        for direction, src in ((UP, self.client), (DOWN, self.server)):
            threading.Thread(target=self._read, args=(direction, src), daemon=True,
                             name=f"proxy-read-{direction}").start()
            dst = self.server if direction == UP else self.client
            threading.Thread(target=self._write, args=(direction, dst), daemon=True,
                             name=f"proxy-write-{direction}").start()

    def abort(self) -> None:
        """Tear both sides down with a TCP reset, as a dropped radio link or a crashed router does."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for s in (self.client, self.server):
            with contextlib.suppress(OSError):
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                s.close()
        self.proxy._forget(self)

    def _finish_direction(self, direction: str) -> None:
        with self.lock:
            self.eof[direction] = True
            done = all(self.eof.values())
        if done:
            with self.lock:
                if self.closed:
                    return
                self.closed = True
            for s in (self.client, self.server):
                with contextlib.suppress(OSError):
                    s.close()
            self.proxy._forget(self)

    # --- the two pumps ----------------------------------------------------------------------------
    def _read(self, direction: str, src: socket.socket) -> None:
        q = self.queues[direction]
        try:
            src.settimeout(_POLL)
        except OSError:
            q.put((0.0, "abort"))
            return
        while not self.closed:
            try:
                data = src.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                q.put((0.0, "abort"))
                return
            if not data:
                q.put((self._deliver_at(direction, 0), "eof"))
                return
            if self.proxy._capture:
                with self.proxy._lock:
                    self.proxy._captured.append((direction, data))
            if self.tls is not None:
                try:
                    data = self._tls_in(direction, data)
                except ssl.SSLError:
                    q.put((0.0, "abort"))
                    return
                if data is None:
                    q.put((self._deliver_at(direction, 0), "eof"))
                    return
            for i in range(0, len(data), _SLICE):
                if not self._admit(direction, data[i:i + _SLICE], q):
                    return

    def _tls_in(self, direction: str, raw: bytes) -> bytes | None:
        """Decrypt what came in on one leg; handshake records for the desk go down the link (counted and
        shaped like any byte). None at a TLS close."""
        assert self.tls is not None
        if direction == UP:
            with self.proxy._lock:
                self.proxy._stats.bytes_up += len(raw)
            with self.tls.lock:
                plain, closed = self.tls.desk_in(raw)
                back = self.tls.desk_out()
                if back:
                    self._queue_down(back)
        else:
            with self.tls.lock:
                plain, closed = self.tls.server_in(raw)
        return None if closed and not plain else plain

    def _queue_down(self, raw: bytes) -> None:
        with self.proxy._lock:
            self.proxy._stats.bytes_down += len(raw)
        self.queues[DOWN].put((self._deliver_at(DOWN, len(raw)), raw))

    def _admit(self, direction: str, chunk: bytes, q: queue.Queue[tuple[float, bytes | str]]) -> bool:
        """Count the chunk, apply fault rules, and queue what passes. False once the connection dies."""
        proxy = self.proxy
        with self.lock:
            if direction == UP:
                if self.last_dir != UP:
                    self.exchange_up = 0
                    self.head = b""
                    self.exchange = proxy._next_exchange()
                self.last_dir = UP
                if len(self.head) < _HEAD:
                    self.head += chunk[:_HEAD - len(self.head)]
                passed_before = self.exchange_up
            else:
                new_response = self.last_dir == UP
                if new_response:
                    self.exchange_down = 0
                    request_line = self.head.split(b"\r\n", 1)[0].decode("latin-1", "replace")
                    status_line = chunk.split(b"\r\n", 1)[0].decode("latin-1", "replace")
                    with proxy._lock:
                        proxy._stats.round_trips += 1
                        proxy._stats.exchanges.append((request_line, status_line))
                self.last_dir = DOWN
                passed_before = self.exchange_down
            head, exchange = self.head, self.exchange
        rewrite = proxy._take_rule("rewrite_" + direction, head, passed_before, len(chunk), exchange)
        if rewrite is not None and rewrite.find in chunk:
            chunk = chunk.replace(rewrite.find, rewrite.replace)
            with proxy._lock:
                rewrite.fired += 1
            proxy._record_fire(rewrite, head, passed_before)
        rule = proxy._take_rule("cut_" + direction, head, passed_before, len(chunk), exchange)
        if direction == DOWN and passed_before == 0 and rule is None:
            drop = proxy._take_rule("drop_reply", head, 0, len(chunk), exchange)
            if drop is not None:
                proxy._record_fire(drop, head, 0)
                q.put((0.0, "abort"))
                return False
        if rule is not None:
            keep = max(0, rule.after - passed_before)
            chunk = chunk[:keep]
            proxy._record_fire(rule, head, rule.after)
        if chunk:
            with self.lock:
                if direction == UP:
                    self.exchange_up += len(chunk)
                else:
                    self.exchange_down += len(chunk)
            if self.tls is None:
                with proxy._lock:
                    if direction == UP:
                        proxy._stats.bytes_up += len(chunk)
                    else:
                        proxy._stats.bytes_down += len(chunk)
                q.put((self._deliver_at(direction, len(chunk)), chunk))
            elif direction == UP:
                q.put((self._deliver_at(UP, len(chunk)), chunk))  # encrypted for the server by the writer
            else:
                with self.tls.lock:
                    self._queue_down(self.tls.to_desk(chunk))
        if rule is not None:
            q.put((self._deliver_at(direction, 0), "abort"))
            return False
        return True

    def _deliver_at(self, direction: str, nbytes: int) -> float:
        proxy = self.proxy
        link = proxy._links[direction]
        now = time.monotonic()
        if direction == UP and self.first_up and proxy.handshake:
            # The client could not send before SYN and SYN-ACK had crossed the link.
            now += 2 * proxy._one_way_delay()
            self.first_up = False
        sent = link.transmit(nbytes, now)
        delay = proxy._one_way_delay()
        # A later chunk never overtakes an earlier one on the same TCP stream, whatever the jitter.
        at = max(sent + delay, self.last_deliver[direction])
        self.last_deliver[direction] = at
        return at

    def _write(self, direction: str, dst: socket.socket) -> None:
        q = self.queues[direction]
        while True:
            try:
                at, item = q.get(timeout=_POLL)
            except queue.Empty:
                if self.closed:
                    return
                continue
            while True:
                wait = at - time.monotonic()
                if self.proxy._hung.is_set() or wait > 0:
                    if self.closed:
                        return
                    time.sleep(min(max(wait, 0.0), _POLL) or _POLL / 5)
                    continue
                break
            if self.closed:
                return
            if item == "abort":
                self.abort()
                return
            if item == "eof":
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)
                self._finish_direction(direction)
                return
            assert isinstance(item, bytes)
            if self.tls is not None and direction == UP:
                with self.tls.lock:
                    item = self.tls.to_server(item)
            try:
                dst.sendall(item)
            except OSError:
                self.abort()
                return


class FaultProxy:
    """Listen on 127.0.0.1 and forward to `upstream`; shape the link and inject faults on request."""

    def __init__(self, upstream_port: int, *, upstream_host: str = "127.0.0.1", seed: int = 0,
                 tls: tuple[str | Path, str | Path] | None = None, capture: bool = False,
                 scheme: str = "https") -> None:
        if upstream_host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the fault proxy only talks to loopback")
        self.upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._stats = ProxyStats()
        self._rules: list[Rule] = []
        self._conns: set[_Conn] = set()
        self._exchanges = 0
        self._links = {UP: _Link(), DOWN: _Link()}
        self._rng = random.Random(seed)
        self.rtt = 0.0
        self.jitter = 0.0
        self.handshake = False
        self._hung = threading.Event()
        self._tls = _tls_contexts(tls) if tls is not None else None
        self._capture = capture
        self.scheme = scheme  # what the upstream speaks (pass-through: the proxy does not care)
        self._captured: list[tuple[str, bytes]] = []
        self._offline = False
        self._stopping = False
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, daemon=True, name="proxy-accept")

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def captured(self, direction: str | None = None) -> bytes:
        """Every byte that crossed the link (capture=True), as an eavesdropper would record it."""
        with self._lock:
            return b"".join(d for dr, d in self._captured if direction in (None, dr))

    # --- lifecycle --------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        with contextlib.suppress(OSError):
            self._listener.close()
        self.reset_connections()
        self._thread.join(timeout=2)

    def __enter__(self) -> FaultProxy:
        return self.start() if not self._thread.is_alive() else self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        self._listener.settimeout(_POLL)
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self._offline:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                # The server is down: the client sees its connection reset, as it would on the field.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            server.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = _Conn(self, client, server)
            with self._lock:
                self._conns.add(conn)
                self._stats.connections += 1
            conn.start()

    def _next_exchange(self) -> int:
        with self._lock:
            self._exchanges += 1
            return self._exchanges

    def _forget(self, conn: _Conn) -> None:
        with self._lock:
            self._conns.discard(conn)

    # --- shaping ----------------------------------------------------------------------------------
    def set_link(self, *, rtt: float = 0.0, jitter: float = 0.0, bandwidth: float | None = None,
                 up_bandwidth: float | None = None, down_bandwidth: float | None = None,
                 handshake: bool | None = None) -> None:
        """Round trip `rtt` ± `jitter` seconds, `bandwidth` bytes/s each way (or per direction).

        The TCP handshake costs one extra round trip per new connection when `handshake` (default: on
        whenever a latency is set), because a real client waits for SYN-ACK before sending.
        """
        if jitter > rtt:
            raise ValueError("jitter cannot exceed the round trip")
        self.rtt = rtt
        self.jitter = jitter
        self.handshake = rtt > 0 if handshake is None else handshake
        self._links[UP].bandwidth = up_bandwidth if up_bandwidth is not None else bandwidth
        self._links[DOWN].bandwidth = down_bandwidth if down_bandwidth is not None else bandwidth

    def _one_way_delay(self) -> float:
        if not self.rtt:
            return 0.0
        with self._lock:
            jitter = self._rng.uniform(-self.jitter, self.jitter) if self.jitter else 0.0
        return (self.rtt + jitter) / 2

    # --- faults -----------------------------------------------------------------------------------
    # Every rule: `match` restricts it to exchanges whose request starts with those bytes, `skip` lets
    # that many matching exchanges through first, `times` is how often it fires (negative: always).
    def cut_request_after(self, nbytes: int, *, match: bytes | None = None, times: int = 1, skip: int = 0) -> Rule:
        """Forward the first `nbytes` of a (matching) request, then reset both sides."""
        return self._add(Rule("cut_up", nbytes, match, times, skip))

    def cut_response_after(self, nbytes: int, *, match: bytes | None = None, times: int = 1,
                           skip: int = 0) -> Rule:
        """Deliver the first `nbytes` of a (matching) response, then reset both sides."""
        return self._add(Rule("cut_down", nbytes, match, times, skip))

    def drop_reply(self, *, match: bytes | None = None, times: int = 1, skip: int = 0) -> Rule:
        """Let the request reach the server whole; when its reply starts, reset instead of delivering.

        The server has answered, so it has committed: this is the "server committed, reply lost" case.
        """
        return self._add(Rule("drop_reply", 0, match, times, skip))

    def rewrite_request(self, find: bytes, replace: bytes, *, match: bytes | None = None, times: int = 1,
                        skip: int = 0) -> Rule:
        """Replace bytes in a (matching) request; same length, so framing stays valid."""
        return self._add(self._rewrite("rewrite_up", find, replace, match, times, skip))

    def corrupt_response(self, find: bytes, replace: bytes, *, match: bytes | None = None, times: int = 1,
                         skip: int = 0) -> Rule:
        """Replace bytes in a (matching) response: damage that TCP's checksum would not catch."""
        return self._add(self._rewrite("rewrite_down", find, replace, match, times, skip))

    @staticmethod
    def _rewrite(kind: str, find: bytes, replace: bytes, match: bytes | None, times: int, skip: int) -> Rule:
        if len(find) != len(replace) or not find:
            raise ValueError("a rewrite keeps the length, so Content-Length stays true")
        return Rule(kind, 0, match, times, skip, find, replace)

    def clear_faults(self) -> None:
        with self._lock:
            self._rules.clear()

    def hang(self) -> None:
        """Accept and read, but deliver nothing either way until `resume()`."""
        self._hung.set()

    def resume(self) -> None:
        self._hung.clear()

    def set_offline(self, offline: bool = True) -> None:
        """Offline: every new connection is reset at once, and open ones are reset now."""
        self._offline = offline
        if offline:
            self.reset_connections()

    def reset_connections(self) -> None:
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            c.abort()

    def _add(self, rule: Rule) -> Rule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def _take_rule(self, kind: str, head: bytes, passed_before: int, nbytes: int, exchange: int) -> Rule | None:
        with self._lock:
            for rule in self._rules:
                if rule.kind != kind or not rule.armed():
                    continue
                if rule.match is not None and rule.match not in head:
                    continue
                if exchange not in rule._seen_heads:
                    rule._seen_heads.add(exchange)
                    rule.seen += 1
                if rule.seen <= rule.skip:
                    continue
                if kind in ("cut_up", "cut_down") and passed_before + nbytes <= rule.after:
                    continue
                if kind.startswith("rewrite"):
                    return rule  # counted by the caller only when the bytes were really found
                rule.fired += 1
                return rule
        return None

    def _record_fire(self, rule: Rule, head: bytes, passed: int) -> None:
        line = head.split(b"\r\n", 1)[0].decode("latin-1", "replace")
        with self._lock:
            self._stats.fired.append(FiredFault(rule.kind, line, passed))

    # --- counting ---------------------------------------------------------------------------------
    @property
    def stats(self) -> ProxyStats:
        with self._lock:
            s = self._stats
            return ProxyStats(s.bytes_up, s.bytes_down, s.connections, s.round_trips, list(s.fired),
                              list(s.exchanges))

    def reset_stats(self) -> None:
        with self._lock:
            self._stats = ProxyStats()

    @contextlib.contextmanager
    def measuring(self) -> Iterator[ProxyStats]:
        """Yield a stats object filled in with what crossed the proxy inside the block."""
        before = self.stats
        out = ProxyStats()
        try:
            yield out
        finally:
            after = self.stats
            out.bytes_up = after.bytes_up - before.bytes_up
            out.bytes_down = after.bytes_down - before.bytes_down
            out.connections = after.connections - before.connections
            out.round_trips = after.round_trips - before.round_trips
            out.fired = after.fired[len(before.fired):]
            out.exchanges = after.exchanges[len(before.exchanges):]


# --- the terminating mode ---------------------------------------------------------------------------------
def _tls_contexts(files: tuple[str | Path, str | Path]) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(the context that ends the desk's TLS with the district's certificate, the one towards the server)."""
    toward_desk = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    toward_desk.minimum_version = ssl.TLSVersion.TLSv1_3
    toward_desk.load_cert_chain(str(files[0]), str(files[1]))
    toward_desk.num_tickets = 1
    toward_server = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    toward_server.minimum_version = ssl.TLSVersion.TLSv1_3
    # The proxy stands where a (possibly hostile) middlebox would: it trusts whatever the server shows.
    toward_server.check_hostname = False
    toward_server.verify_mode = ssl.CERT_NONE
    return toward_desk, toward_server


class _TlsLegs:
    """The two TLS sessions of one proxied connection, driven through memory BIOs under one lock (OpenSSL
    objects are not to be used from two threads at once)."""

    def __init__(self, contexts: tuple[ssl.SSLContext, ssl.SSLContext], server: socket.socket) -> None:
        self.lock = threading.Lock()
        self._desk_in, self._desk_out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self._srv_in, self._srv_out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.desk = contexts[0].wrap_bio(self._desk_in, self._desk_out, server_side=True)
        self.srv = contexts[1].wrap_bio(self._srv_in, self._srv_out, server_side=False)
        self.desk_ready = False
        server.settimeout(10)
        while True:  # the server leg's handshake, on loopback, before any desk byte is forwarded
            try:
                self.srv.do_handshake()
                break
            except ssl.SSLWantReadError:
                server.sendall(self._srv_out.read())
                data = server.recv(65536)
                if not data:
                    raise OSError("server closed during the handshake") from None
                self._srv_in.write(data)
        server.sendall(self._srv_out.read())

    def desk_in(self, raw: bytes) -> tuple[bytes, bool]:
        self._desk_in.write(raw)
        if not self.desk_ready:
            try:
                self.desk.do_handshake()
                self.desk_ready = True
            except ssl.SSLWantReadError:
                return b"", False
        return self._read(self.desk)

    def desk_out(self) -> bytes:
        return self._desk_out.read()

    def server_in(self, raw: bytes) -> tuple[bytes, bool]:
        self._srv_in.write(raw)
        return self._read(self.srv)

    def to_desk(self, plain: bytes) -> bytes:
        self.desk.write(plain)
        return self._desk_out.read()

    def to_server(self, plain: bytes) -> bytes:
        self.srv.write(plain)
        return self._srv_out.read()

    @staticmethod
    def _read(obj: ssl.SSLObject) -> tuple[bytes, bool]:
        out = bytearray()
        while True:
            try:
                chunk = obj.read(65536)
            except ssl.SSLWantReadError:
                return bytes(out), False
            except ssl.SSLZeroReturnError:
                return bytes(out), True
            if not chunk:
                return bytes(out), True
            out += chunk
