"""Is there a newer desk build? The district says which one it publishes (`district desk-release`, in
`GET /api/sync/v1/info`); the desk asks after a successful sync, at most every few hours, keeps the
answer in its sync state and shows "Có phiên bản mới …" until this PC runs that version.

Installing it stays a person's job (docs/guide): a newer build opens this database after a backup copy
and migrates it; an older build refuses a database a newer one wrote (desk/store.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from packaging.version import InvalidVersion, Version

from desk import dbfile
from desk.clock import iso
from desk.store import Store
from desk.sync import state, tls
from desk.sync.transport import HttpTransport, Transport, TransportError
from desk.version import app_version

CHECK_EVERY = timedelta(hours=6)
LATEST = "desk_release.version"
URL = "desk_release.url"
CHECKED = "desk_release.checked_at"


@dataclass(frozen=True)
class UpdateNotice:
    current: str
    latest: str
    download_url: str

    @property
    def text_vi(self) -> str:
        return f"Có phiên bản mới {self.latest} (máy này: {self.current})"

    @property
    def detail_vi(self) -> str:
        where = f" Tải tại: {self.download_url}." if self.download_url else " Hỏi quản trị cấp trên bộ cài mới."
        return ("Cấp trên đã phát hành phiên bản mới của phần mềm." + where +
                " Cài đè lên bản cũ; dữ liệu được giữ và tự sao lưu trước khi nâng cấp.")


def is_newer(latest: str, current: str) -> bool:
    try:
        return Version(latest) > Version(current)
    except InvalidVersion:
        return False


def notice(store: Store, current: str | None = None) -> UpdateNotice | None:
    """The notice to show, or None when this build is the newest the district knows of."""
    current = current or app_version()
    latest = state.get(store, LATEST)
    if not latest or not is_newer(latest, current):
        return None
    return UpdateNotice(current, latest, state.get(store, URL))


def due(store: Store, now: datetime) -> bool:
    checked = state.get(store, CHECKED)
    try:
        return not checked or now - datetime.fromisoformat(checked) >= CHECK_EVERY
    except ValueError:
        return True


def check(store: Store, transport: Transport) -> UpdateNotice | None:
    """Ask the district now; store what it says (nothing published clears an older notice)."""
    info = transport.request("GET", "/info")
    published = info.get("desk")
    desk: dict[str, object] = published if isinstance(published, dict) else {}
    state.put_many(store, {LATEST: str(desk.get("latest_version") or ""), URL: str(desk.get("download_url") or ""),
                           CHECKED: iso(store.clock())}, actor="sync")
    return notice(store)


def check_if_due(store: Store, *, transport: Transport | None = None) -> UpdateNotice | None:
    """After a successful sync (the sync loop's report hook): ask at most every CHECK_EVERY. Never
    raises: a missed check is tried again after the next sync."""
    try:
        if not due(store, store.clock()):
            return notice(store)
        ident = state.identity(store)
        if ident is None:
            return None
        own = transport is None
        # The same trust as the sync: the district's certificate pinned at enrolment, or the OS trust store.
        transport = transport or HttpTransport(str(ident["server_url"]), trust=tls.Trust(pin=str(ident.get("tls_pin") or "")),
                                               connect_timeout=5.0, io_timeout=15.0)
        try:
            return check(store, transport)
        finally:
            if own:
                transport.close()
    except (TransportError, dbfile.Error, sqlite3.Error, ValueError):
        return None
