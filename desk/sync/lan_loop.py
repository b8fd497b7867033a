"""The office network with nothing to set (issue 15): whether and where this PC serves, DNS-SD, and the
loop that serves and asks next to the district sync.

Zero configuration for the officer: once the PC is enrolled and holds the commune secret, it serves on
every interface at port 47615 and announces and looks for the commune's other PCs by DNS-SD. What decides
it, first that is set wins:
1. the setting `lan.listen` (`desk peers --listen off|auto|HOST:PORT`): an officer's explicit choice;
2. the environment variable MOTCUA_OFFICE_NETWORK (same values): the test suite sets it to `off` for the
   whole session (tests/conftest.py), so no test serves on a real interface or multicasts on a real
   network unless it says where (loopback, or network namespaces it makes);
3. `auto`.
The loop reads this at every tick, so a change or an enrolment takes effect without a restart.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk import dbfile
from desk.errors import DeskError
from desk.store import Store
from desk.sync import state
from desk.sync.lan import (
    DEFAULT_PORT,
    LISTEN,
    SERVICE_TYPE,
    SERVING,
    SERVING_NOTE,
    LanServer,
    PeerResult,
    commune_secret,
    exchange_with,
    lan_key,
    manual_addresses,
    parse_address,
)

log = logging.getLogger(__name__)

ENV = "MOTCUA_OFFICE_NETWORK"
RETRY_LISTEN = 60.0  # a port taken by another desk on this PC is tried again this often, quietly


@dataclass(frozen=True)
class Listen:
    mode: str             # "off", "auto" (every interface, the default port) or "pinned"
    host: str = ""
    port: int = 0
    source: str = "default"  # "setting", "env" or "default"

    @property
    def address(self) -> str:
        return "" if self.mode == "off" else f"{self.host}:{self.port}"

    def key(self) -> tuple[str, str, int]:
        return self.mode, self.host, self.port


def parse_listen(text: str, source: str = "setting") -> Listen:
    """"off", "auto" or "host:port"; ValueError otherwise."""
    value = text.strip()
    if value.lower() == "off":
        return Listen("off", source=source)
    if value.lower() == "auto":
        return Listen("auto", "0.0.0.0", DEFAULT_PORT, source)
    host, port = parse_address(value)
    if not host or not 0 < port < 65536:
        raise ValueError(value)
    return Listen("pinned", host, port, source)


def wanted(store: Store, environ: Mapping[str, str] | None = None) -> Listen:
    setting = state.get(store, LISTEN).strip()
    if setting:
        try:
            return parse_listen(setting, "setting")
        except ValueError:
            log.warning("office network: the setting %s is not off, auto or host:port; ignored", LISTEN)
    env = (os.environ if environ is None else environ).get(ENV, "").strip()
    if env:
        try:
            return parse_listen(env, "env")
        except ValueError:
            log.warning("office network: %s is not off, auto or host:port; ignored", ENV)
    return Listen("auto", "0.0.0.0", DEFAULT_PORT, "default")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def status_vi(store: Store, environ: Mapping[str, str] | None = None) -> str:
    """One line for the officer (`desk peers`, the sync page): on or off, why, and on which address."""
    want = wanted(store, environ)
    if want.mode == "off":
        why = "đã tắt theo cài đặt của máy" if want.source == "setting" else f"đã tắt bởi biến môi trường {ENV}"
        return f"Mạng nội bộ: {why} (bật lại: desk peers --listen auto)."
    if not commune_secret(store):
        return "Mạng nội bộ: sẽ tự bật khi máy đã đăng ký với cấp trên (cần khóa chung của cơ quan)."
    if want.mode == "auto":
        head = f"Mạng nội bộ: bật (tự động), nghe ở mọi địa chỉ của máy, cổng {want.port}, tự tìm các máy cùng cơ quan"
    else:
        found = "" if _is_loopback(want.host) else ", tự tìm các máy cùng cơ quan"
        head = f"Mạng nội bộ: bật, nghe ở {want.address} (đặt tay){found}"
    serving, note = state.get(store, SERVING), state.get(store, SERVING_NOTE)
    if serving and serving == want.address:
        return f"{head}; đang nghe ở {serving}."
    if note:
        return f"{head}; {note}"
    return f"{head}; chưa chạy (phần mềm hoặc «desk sync --loop» chưa mở)."


def own_addresses() -> list[str]:
    """This PC's IPv4 addresses an office network can have (private or link-local, not loopback): what
    DNS-SD announces and multicasts on when serving on every interface."""
    import ifaddr

    out: list[str] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not ip.is_IPv4 or not isinstance(ip.ip, str):
                continue
            addr = ipaddress.ip_address(ip.ip)
            if not addr.is_loopback and (addr.is_private or addr.is_link_local):
                out.append(ip.ip)
    return list(dict.fromkeys(out))


# --- discovery --------------------------------------------------------------------------------------
class Discovery:
    """DNS-SD on the office network (python-zeroconf): announce this PC and collect the others'
    addresses. Not started on loopback (no multicast there). The announcement carries no name and no
    commune, only a tag made with the commune secret, so a stranger learns nothing by listening."""

    def __init__(self, store: Store, host: str, port: int) -> None:
        self.store = store
        self.host = host
        self.port = port
        self.found: dict[str, list[str]] = {}  # service name → its addresses, the one that answered first
        self.announced: list[str] = []
        self.started_tag = ""  # the tag announced: a new commune secret (a PC revoked) needs a new one
        self._zc: Any = None

    def tag(self) -> str:
        return hmac.new(lan_key(commune_secret(self.store)), b"dns-sd-tag", hashlib.sha256).hexdigest()[:16]

    def start(self) -> bool:
        if _is_loopback(self.host):
            return False
        try:
            from zeroconf import ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf
        except ImportError:
            return False
        mine = own_addresses() if self.host in ("", "0.0.0.0") else [self.host]
        if not mine:
            return False  # no office network here (yet): the addresses set by hand still work
        self.announced = mine
        device_id = str(self.store.device()["device_id"])
        # Only the interfaces that carry an office address: not loopback, never every interface blindly.
        self._zc = Zeroconf(interfaces=mine)
        # The random tail of the UUIDv7: its head is a timestamp, alike for PCs set up the same hour.
        short = device_id.replace("-", "")[-12:]
        tag = self.started_tag = self.tag()
        info = ServiceInfo(SERVICE_TYPE, f"motcua-{short}.{SERVICE_TYPE}", port=self.port,
                           properties={"t": tag, "d": device_id},
                           addresses=[socket.inet_aton(a) for a in mine], server=f"motcua-{short}.local.")
        self._zc.register_service(info)

        def changed(zeroconf: Any, service_type: str, name: str, state_change: Any) -> None:
            if state_change is ServiceStateChange.Removed:
                self.found.pop(name, None)
                return
            got = zeroconf.get_service_info(service_type, name, timeout=2000)
            if got is None:
                return
            props = got.properties or {}
            if (props.get(b"t") or b"").decode() != tag or (props.get(b"d") or b"").decode() == device_id:
                return  # another commune's PC, or this PC's own announcement
            self.found[name] = [f"{addr}:{got.port}" for addr in got.parsed_addresses()]

        ServiceBrowser(self._zc, SERVICE_TYPE, handlers=[changed])
        return True

    def prefer(self, name: str, address: str) -> None:
        """A PC announced on several interfaces: ask first at the address that answered."""
        addrs = self.found.get(name)
        if addrs and address in addrs:
            self.found[name] = [address, *(a for a in addrs if a != address)]

    def stop(self) -> None:
        if self._zc is not None:
            with contextlib.suppress(Exception):
                self._zc.unregister_all_services()
                self._zc.close()
            self._zc = None


# --- the loop ---------------------------------------------------------------------------------------
class LanLoop:
    """Serve and ask, every `interval` seconds, independently of the district: with the internet down the
    district's backoff grows, the office network's does not. Follows `wanted` at every tick."""

    def __init__(self, store: Store, tls_dir: Path, *, interval: float = 3.0,
                 on_result: Callable[[PeerResult], None] | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.store = store
        self.tls_dir = tls_dir
        self.interval = interval
        self.on_result = on_result
        self.environ = environ
        self.server: LanServer | None = None
        self.discovery: Discovery | None = None
        self.current: Listen | None = None  # what this loop serves (or failed to serve) for; None: off
        self._failed_at: float | None = None
        self._discovery_at = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def configured(self) -> bool:
        return wanted(self.store, self.environ).mode != "off" and bool(commune_secret(self.store))

    def start(self) -> bool:
        """Start following the setting; True when this PC serves on the office network now."""
        self.apply_setting()
        self._stop.clear()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="desk-lan-loop", daemon=True)
            self._thread.start()
        return self.server is not None

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        self._close()
        self.current = None

    def apply_setting(self) -> None:
        want: Listen | None = wanted(self.store, self.environ) if commune_secret(self.store) else None
        if want is not None and want.mode == "off":
            want = None
        same = (want is None and self.current is None) or (
            want is not None and self.current is not None and want.key() == self.current.key())
        if same and self.server is not None:
            self._refresh_discovery()
            return
        if same and (self._failed_at is None or time.monotonic() - self._failed_at < RETRY_LISTEN):
            return
        retry = same
        if not retry:
            self._failed_at = None
        self._close()
        self.current = want
        if want is None:
            return
        server = LanServer(self.store, want.host, want.port, self.tls_dir)
        try:
            server.start()
        except OSError as e:
            # Another desk on this PC holds the port, or the address is not this PC's: the district sync
            # and the addresses set by hand go on; tried again every minute and when the setting changes.
            if not retry:
                log.warning("office network: could not listen on %s (%s)", want.address,
                            e.strerror or type(e).__name__)
            self._failed_at = time.monotonic()
            self._record(SERVING_NOTE, f"không nghe được ở {want.address} (cổng đã có chương trình khác dùng, "
                                       "hoặc địa chỉ không phải của máy này); máy vẫn hỏi các địa chỉ đặt tay.")
            return
        self._failed_at = None
        self.server = server
        self._start_discovery()
        served = f"{want.host}:{server.port}"
        log.info("office network: serving on %s%s", served, " with DNS-SD" if self.discovery else "")
        self._record(SERVING, served)
        self._record(SERVING_NOTE, "")

    def _start_discovery(self) -> None:
        assert self.server is not None and self.current is not None
        self._discovery_at = time.monotonic()
        discovery = Discovery(self.store, self.current.host, self.server.port)
        try:
            if discovery.start():
                self.discovery = discovery
        except Exception:  # no multicast here, or a name clash: the addresses set by hand still work
            discovery.stop()
            log.warning("office network: DNS-SD not started", exc_info=True)

    def _refresh_discovery(self) -> None:
        """Serving on every interface, the PC's addresses may come or change after start-up (DHCP, a cable
        plugged in later): once a minute, announce again if they did."""
        if self.discovery is not None and self.discovery.started_tag != self.discovery.tag():
            # The district gave this PC the commune's new secret (a PC was revoked): announce and look
            # for the PCs that hold it, at once, rather than under a tag only the revoked PC still uses.
            log.info("office network: new commune key; DNS-SD announced again")
            self.discovery.stop()
            self.discovery = None
            self._start_discovery()
            return
        if (self.current is None or self.current.mode != "auto" or
                time.monotonic() - self._discovery_at < RETRY_LISTEN):
            return
        self._discovery_at = time.monotonic()
        announced = self.discovery.announced if self.discovery is not None else []
        if own_addresses() != announced:
            log.info("office network: this PC's addresses changed; DNS-SD announced again")
            if self.discovery is not None:
                self.discovery.stop()
                self.discovery = None
            self._start_discovery()

    def _close(self) -> None:
        if self.discovery is not None:
            self.discovery.stop()
            self.discovery = None
        if self.server is not None:
            self.server.stop()
            # Only the loop that served says it no longer does: a second one on the same data, which
            # could not take the port, leaves the first one's word alone.
            self._record(SERVING, "")
            self.server = None

    def _record(self, name: str, value: str) -> None:
        with contextlib.suppress(dbfile.Error, DeskError):
            if state.get(self.store, name) != value:
                state.put_many(self.store, {name: value})

    def addresses(self) -> list[list[str]]:
        """The PCs to ask: each address set by hand, and each PC found by DNS-SD with its addresses."""
        own = state.get(self.store, SERVING)
        groups = [[a] for a in manual_addresses(self.store)]
        if self.discovery is not None:
            groups += [list(addrs) for addrs in list(self.discovery.found.values())]
        seen: set[str] = {own}
        out = []
        for group in groups:
            kept = [a for a in group if a not in seen]
            seen.update(kept)
            if kept:
                out.append(kept)
        return out

    def run_once(self) -> list[PeerResult]:
        results = []
        for group in self.addresses():
            for address in group:
                res = exchange_with(self.store, address)
                results.append(res)
                if res.error is not None and res.error.code != "unreachable":
                    log.warning("office network: the PC at %s (an IP address, no citizen data) refused: %s", address,
                                res.error.code)
                if self.on_result:
                    self.on_result(res)
                if res.error is None or res.error.code != "unreachable":
                    if self.discovery is not None:
                        for name, addrs in list(self.discovery.found.items()):
                            if addrs == group:
                                self.discovery.prefer(name, address)
                    break
        return results

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.apply_setting()
                if self.current is not None:
                    self.run_once()
            except Exception:  # a bug must not end the loop; the district sync goes on regardless
                log.exception("office network exchange failed")
            self._stop.wait(self.interval)

