"""Talking to the district as this enrolled PC: the transport, signed requests, retries, enrolment.

Every request of a sync goes through `Session.call`: it signs the request with the device key over its
body and a counter the server has not seen (desk/sync/protocol.py), retries what may be retried with
backoff and jitter (docs/sync.md rule 10), and records whether the server answered — a successful answer is
the only "online" signal. A revoked device stops at once and keeps its data.

Counters are reserved in blocks of `COUNTER_BLOCK` in the database before use, so a crash never makes
the desk reuse one; a desk restored from a backup starts below what the server has seen, the server
says how far it got, and the desk jumps past it once.

Silence: a sync stops retrying once the server has said nothing for `SILENCE_LIMIT` seconds (a server
that accepts connections but never answers), so it gives up within 30 s instead of minutes.
"""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk.clock import iso
from desk.services import Desk
from desk.sync import peerkey, replies, state, tls
from desk.sync import protocol as p
from desk.sync.reports import Cancel, SyncError
from desk.sync.transport import Dump, HttpTransport, Transport, TransportError

COUNTER = "sig_counter"  # the first counter not yet reserved
COUNTER_BLOCK = 64
SILENCE_LIMIT = 30.0


@dataclass
class RetryPolicy:
    """Retries inside one sync: exponential backoff with full jitter, bounded by `attempts`."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap, self.base * (2 ** attempt)))


def split_enrol_code(text: str) -> tuple[str, str]:
    """`ABCD-EFGH-JKLM` or `ABCD-EFGH-JKLM-1A2B-3C4D-5E6F-7A8B`: the one-time code (12 characters) and,
    when the district serves a self-signed certificate, the first hex digits of its fingerprint. A code
    of the wrong shape is refused here, without asking the server."""
    raw = "".join(c for c in text.upper() if c not in "- ")
    code, pin = raw[:12], raw[12:]
    wrong = SyncError("bad_enroll_code", "Mã đăng ký không đúng hoặc đã hết hạn: mã gồm 12 chữ và số (không có 0, O, "
                                         "1, I), có thể kèm bốn nhóm dấu vân tay ở cuối; hãy nhập đúng như cấp trên "
                                         "in ra.", retryable=False)
    if len(code) != 12 or any(c not in p.ENROLL_CODE_ALPHABET for c in code):
        raise wrong
    if pin:
        try:
            pin = tls.normalise_pin(pin)
        except ValueError:
            raise wrong from None
    return "-".join(code[i:i + 4] for i in range(0, 12, 4)), pin


class Session:
    def __init__(self, desk: Desk, *, transport: Transport | None = None, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.desk = desk
        self.store = desk.store
        self._transport = transport
        self._injected = transport is not None
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.monotonic = monotonic
        self.silence_limit = SILENCE_LIMIT
        self.dump: Dump | None = None
        # None until a request of this sync got an answer or failed on the network.
        self.online: bool | None = None
        self._silent_since = monotonic()
        self._counter = 0
        self._reserved = 0

    # --- the transport ----------------------------------------------------------------------------
    @property
    def transport(self) -> Transport:
        if self._transport is None:
            ident = state.identity(self.store)
            url = ident["server_url"] if ident else str(self.desk.settings.get("sync.server_url"))
            if not url:
                raise SyncError("not_enrolled", "Máy chưa đăng ký với máy chủ cấp trên (lệnh «desk enroll»).",
                                retryable=False)
            pin = str(ident["tls_pin"] or "") if ident else ""
            self._transport = self._make_transport(url, tls.Trust(pin=pin))
        return self._transport

    def _make_transport(self, url: str, trust: tls.Trust) -> HttpTransport:
        try:
            transport = HttpTransport(url, trust=trust)
        except tls.InsecureUrl as e:
            raise SyncError("insecure_url", e.message_vi, retryable=False) from None
        transport.dump = self.dump
        return transport

    @property
    def counters(self) -> Any:
        return getattr(self._transport, "counters", None)

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            if not self._injected:
                self._transport = None

    def start_sync(self) -> None:
        self.online = None
        self._silent_since = self.monotonic()

    # --- one request --------------------------------------------------------------------------------
    def call(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
             auth: bool = True, cancel: Cancel | None = None, headers: dict[str, str] | None = None,
             retry: bool = True) -> dict[str, Any]:
        """One request, signed, with bounded retries; records online/offline."""
        attempt = 0
        resynced = False
        while True:
            if cancel is not None and cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            signer = self.signer() if auth else None
            try:
                reply = self.transport.request(method, path, body=body, params=params, signer=signer,
                                               headers=headers)
            except TransportError as e:
                if e.status:
                    self.online = True
                    self._silent_since = self.monotonic()
                if e.code == "device_revoked":
                    self.mark_revoked(e.message_vi)
                    raise SyncError(e.code, e.message_vi, retryable=False) from None
                if e.code == "stale_counter" and auth and not resynced:
                    # This desk was restored from a backup: its counter is behind what the server saw.
                    resynced = True
                    self.skip_counters(int(e.detail.get("counter") or 0))
                    continue
                if not e.status:
                    self.online = False
                # A 4xx is never "retryable" from the server; a signature that did not verify (a request
                # damaged on the way) is still worth one freshly signed attempt, as before.
                again = e.retryable or (auth and e.status == 401 and e.code in ("bad_signature", "unauthorized"))
                if not retry or not again or e.status == 413 or attempt + 1 >= self.retry.attempts:
                    raise
                wait = self.retry.delay(attempt)
                self.check_silence(wait, e)
                self.sleep(wait)
                attempt += 1
                continue
            self.online = True
            self._silent_since = self.monotonic()
            return reply

    def check_silence(self, wait: float, error: TransportError) -> None:
        """Give up rather than start an attempt that would end past the silence limit."""
        if error.status:
            return
        io = float(getattr(self._transport, "io_timeout", 0.0) or 0.0)
        if self.monotonic() - self._silent_since + wait + io > self.silence_limit:
            raise SyncError("no_answer", f"Máy chủ cấp trên không trả lời trong {self.silence_limit:.0f} giây "
                                         f"({error.message_vi}) Máy sẽ tự thử lại sau.") from None

    # --- identity and signatures ----------------------------------------------------------------------
    def identity(self) -> dict[str, Any]:
        ident = state.identity(self.store)
        if ident is None:
            raise SyncError("not_enrolled", "Máy chưa đăng ký với máy chủ cấp trên: hãy nhập mã đăng ký do cấp "
                                            "trên cấp (lệnh «desk enroll --server … --code …»).", retryable=False)
        if ident["revoked_at"]:
            raise SyncError("device_revoked", ident["revoked_message"] or "Máy này đã bị thu hồi quyền đồng bộ.",
                            retryable=False)
        return ident

    def device_id(self) -> str:
        return str(self.store.device()["device_id"])

    def signer(self) -> Callable[[str, str, str, bytes], str]:
        ident = self.identity()
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(ident["private_key"]))
        device_id = self.device_id()

        def sign(method: str, target: str, encoding: str, body: bytes) -> str:
            counter = self.next_counter()
            return p.auth_header(device_id, counter, key.sign(
                p.request_message(method, target, device_id, counter, encoding, body)))

        return sign

    def next_counter(self) -> int:
        if self._counter >= self._reserved:
            # Reserve a block before using any of it: after a crash the desk starts past the block.
            start = max(self._counter, int(state.get(self.store, COUNTER, "1") or 1))
            self._counter, self._reserved = start, start + COUNTER_BLOCK
            state.put_many(self.store, {COUNTER: str(self._reserved)})
        self._counter += 1
        return self._counter - 1

    def skip_counters(self, server_high: int) -> None:
        self._counter = self._reserved = max(server_high + 1, 1)
        state.put_many(self.store, {COUNTER: str(self._counter)})

    def mark_revoked(self, message_vi: str) -> None:
        with self.store.write("sync") as uow:
            uow.execute("UPDATE sync_identity SET revoked_at = ?, revoked_message = ? WHERE id = 1",
                        (iso(uow.now), message_vi))
            state.put(uow, "last_error", message_vi)
            uow.audit("sync_revoked", "device", self.device_id(), {"message": message_vi})

    # --- enrolment --------------------------------------------------------------------------------
    def enroll(self, url: str, code_text: str, *, name: str = "") -> dict[str, Any]:
        """Enrol this desk with a one-time code; the private key never leaves this database. Over https the
        code's fingerprint digits pin the district's self-signed certificate (checked in the handshake,
        before the code is sent); without them the OS trust store must know the certificate. The caller
        holds the sync lock, so no sync is using the transport while it changes."""
        profile = self.desk.office.require()
        device = self.store.device()
        code, pin_prefix = split_enrol_code(code_text)
        key = Ed25519PrivateKey.generate()
        private = base64.b64encode(key.private_bytes_raw()).decode()
        public = base64.b64encode(key.public_key().public_bytes_raw()).decode()
        url = url.strip().rstrip("/")
        transport: Transport
        if self._injected:
            transport = self.transport
        else:
            self.close()
            transport = self._make_transport(url, tls.Trust(pin=pin_prefix, enrolling=bool(pin_prefix)))
        try:
            reply = transport.request("POST", "/devices/enroll", body={
                "code": code, "device_id": device["device_id"], "public_key": public,
                "name": name or f"{profile.name} — quầy {device['desk_no']}", "commune": profile.agency_code,
                "desk_no": int(device["desk_no"])})
            seen = transport.peer_fingerprint() if pin_prefix and isinstance(transport, HttpTransport) else ""
        except TransportError as e:
            raise SyncError(e.code, e.message_vi, retryable=e.retryable) from None
        finally:
            if not self._injected:
                transport.close()
        commune = replies.text(reply, "commune")
        with self.store.write("sync") as uow:
            uow.execute("DELETE FROM sync_identity")
            uow.insert("sync_identity", {
                "id": 1, "server_url": url, "server_id": str(reply.get("server_id", "")),
                "commune": commune, "private_key": private, "public_key": public, "tls_pin": seen,
                "enrolled_at": iso(uow.now)})
            uow.execute("DELETE FROM sync_state WHERE name IN ('token', 'last_error', ?)", (COUNTER,))
            if isinstance(reply.get("peer_secret"), str):
                # The commune's secret: PCs of the commune recognise each other on the office network
                # with it (desk/sync/lan.py). Kept in this database like the device's private key.
                gen = reply.get("peer_generation")
                peerkey.put(uow, reply["peer_secret"], gen if isinstance(gen, int) and not isinstance(gen, bool)
                            else 0, how="enrol")
            uow.execute("INSERT INTO settings (name, value) VALUES ('sync.server_url', ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (url,))
            uow.audit("sync_enrolled", "device", str(device["device_id"]),
                      {"server": url, "commune": commune, "pinned": bool(seen)})
        self._counter = self._reserved = 0
        return reply
