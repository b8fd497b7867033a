"""Talking to the district as this enrolled PC: the transport, its token, retries, and enrolment.

Every request of a sync goes through `Session.call`: it adds the device's token (fetched by signing
the server's nonce with the device key), refreshes it once on a 401, retries what may be retried with
backoff and jitter (docs/sync.md rule 10), and records whether the server answered — a successful answer is
the only "online" signal. A revoked device stops at once and keeps its data.
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
from desk.sync import protocol as p
from desk.sync import replies, state
from desk.sync.reports import Cancel, SyncError
from desk.sync.transport import HttpTransport, Transport, TransportError


@dataclass
class RetryPolicy:
    """Retries inside one sync: exponential backoff with full jitter, bounded by `attempts`."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap, self.base * (2 ** attempt)))


class Session:
    def __init__(self, desk: Desk, *, transport: Transport | None = None, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.desk = desk
        self.store = desk.store
        self._transport = transport
        self._injected = transport is not None
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        # None until a request of this sync got an answer or failed on the network.
        self.online: bool | None = None

    # --- the transport ----------------------------------------------------------------------------
    @property
    def transport(self) -> Transport:
        if self._transport is None:
            ident = state.identity(self.store)
            url = ident["server_url"] if ident else str(self.desk.settings.get("sync.server_url"))
            if not url:
                raise SyncError("not_enrolled", "Máy chưa đăng ký với máy chủ cấp trên (lệnh «desk enroll»).",
                                retryable=False)
            self._transport = HttpTransport(url)
        return self._transport

    @property
    def counters(self) -> Any:
        return getattr(self._transport, "counters", None)

    def use_server(self, url: str) -> None:
        """Talk to `url` from now on (enrolment); an injected transport (tests) stays."""
        if not self._injected:
            self.close()
            self._transport = HttpTransport(url)

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            if not self._injected:
                self._transport = None

    # --- one request --------------------------------------------------------------------------------
    def call(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
             auth: bool = True, cancel: Cancel | None = None, headers: dict[str, str] | None = None,
             retry: bool = True) -> dict[str, Any]:
        """One request with token refresh and bounded retries; records online/offline."""
        attempt = 0
        refreshed = False
        while True:
            if cancel is not None and cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            token = self.token(cancel) if auth else None
            try:
                reply = self.transport.request(method, path, body=body, params=params, token=token,
                                               headers=headers)
            except TransportError as e:
                if e.status:
                    self.online = True
                if e.code == "device_revoked":
                    self.mark_revoked(e.message_vi)
                    raise SyncError(e.code, e.message_vi, retryable=False) from None
                if e.status == 401 and auth and not refreshed:
                    refreshed = True
                    self.forget_token()
                    continue
                if not e.status:
                    self.online = False
                if not retry or not e.retryable or e.status == 413 or attempt + 1 >= self.retry.attempts:
                    raise
                self.sleep(self.retry.delay(attempt))
                attempt += 1
                continue
            self.online = True
            return reply

    # --- identity and token -------------------------------------------------------------------------
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

    def token(self, cancel: Cancel | None) -> str:
        cached = state.get(self.store, "token")
        if cached:
            return cached
        ident = self.identity()
        device_id = self.device_id()
        nonce = replies.text(self.call("POST", "/auth/challenge", auth=False, body={"device_id": device_id},
                                       cancel=cancel), "nonce")
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(ident["private_key"]))
        signature = base64.b64encode(key.sign(p.challenge_message(nonce, device_id))).decode()
        token = replies.text(self.call("POST", "/auth/token", auth=False, cancel=cancel, body={
            "device_id": device_id, "nonce": nonce, "signature": signature}), "token")
        state.put_many(self.store, {"token": token})
        return token

    def forget_token(self) -> None:
        with self.store.write("sync") as uow:
            uow.execute("DELETE FROM sync_state WHERE name = 'token'")

    def mark_revoked(self, message_vi: str) -> None:
        with self.store.write("sync") as uow:
            uow.execute("UPDATE sync_identity SET revoked_at = ?, revoked_message = ? WHERE id = 1",
                        (iso(uow.now), message_vi))
            state.put(uow, "last_error", message_vi)
            uow.audit("sync_revoked", "device", self.device_id(), {"message": message_vi})

    # --- enrolment --------------------------------------------------------------------------------
    def enroll(self, url: str, code: str, *, name: str = "") -> dict[str, Any]:
        """Enrol this desk with a one-time code; the private key never leaves this database. The caller
        holds the sync lock, so no sync is using the transport while it changes."""
        profile = self.desk.office.require()
        device = self.store.device()
        key = Ed25519PrivateKey.generate()
        private = base64.b64encode(key.private_bytes_raw()).decode()
        public = base64.b64encode(key.public_key().public_bytes_raw()).decode()
        self.use_server(url)
        try:
            reply = self.call("POST", "/devices/enroll", auth=False, body={
                "code": code.strip(), "device_id": device["device_id"], "public_key": public,
                "name": name or f"{profile.name} — quầy {device['desk_no']}", "commune": profile.agency_code})
        except TransportError as e:
            raise SyncError(e.code, e.message_vi, retryable=e.retryable) from None
        commune = replies.text(reply, "commune")
        with self.store.write("sync") as uow:
            uow.execute("DELETE FROM sync_identity")
            uow.insert("sync_identity", {
                "id": 1, "server_url": url.rstrip("/"), "server_id": str(reply.get("server_id", "")),
                "commune": commune, "private_key": private, "public_key": public,
                "enrolled_at": iso(uow.now)})
            uow.execute("DELETE FROM sync_state WHERE name IN ('token', 'last_error')")
            uow.execute("INSERT INTO settings (name, value) VALUES ('sync.server_url', ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (url.rstrip("/"),))
            uow.audit("sync_enrolled", "device", str(device["device_id"]), {"server": url, "commune": commune})
        return reply
