"""Requests per client on the public lookup page: a fixed window per client address, in memory.

Each server process counts on its own (several workers let a client through up to workers × the limit,
still far too few to guess a tag of 50 bits or walk a commune's phone digits). Behind a reverse proxy the
client's address is the one uvicorn takes from X-Forwarded-For, for the proxies `--forwarded-allow-ips`
names only, so a client cannot pick its own address.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: float

    @classmethod
    def from_env(cls, name: str, default: Rate) -> Rate:
        """`N` or `N/SECONDS` (e.g. DISTRICT_LOOKUP_RATE=60/60)."""
        text = (os.environ.get(name) or "").strip()
        if not text:
            return default
        n, _, secs = text.partition("/")
        return cls(max(1, int(n)), float(secs or 60))


class Limiter:
    MAX_CLIENTS = 100_000  # past this many windows in memory the expired ones are dropped

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = self.clock()
        with self._lock:
            start, count = self._windows.get(client, (now, 0))
            if now - start >= self.rate.seconds:
                start, count = now, 0
            if count >= self.rate.requests:
                return False
            if len(self._windows) >= self.MAX_CLIENTS and client not in self._windows:
                self._prune(now)
            self._windows[client] = (start, count + 1)
            return True

    def retry_after(self, client: str) -> int:
        with self._lock:
            start, _ = self._windows.get(client, (self.clock(), 0))
        return max(1, int(self.rate.seconds - (self.clock() - start)) + 1)

    def _prune(self, now: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if now - v[0] < self.rate.seconds}
        if len(self._windows) >= self.MAX_CLIENTS:
            self._windows.clear()  # a flood of distinct addresses: forget them all rather than grow
