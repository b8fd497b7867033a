"""What a sync tells the person at the desk: plain data, Vietnamese messages, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from desk.errors import DeskError

# Worst first: a dossier shows the worst state among its ops.
DOSSIER_STATES_VI = {
    "rejected": "Bị từ chối",
    "conflict": "Xung đột",
    "held": "Đang giữ lại",
    "pending": "Chưa đồng bộ",
    "synced": "Đã đồng bộ",
}


class Cancel(Protocol):
    def is_set(self) -> bool: ...


Progress = Callable[[str, int, int], None]


def no_progress(_message_vi: str, _done: int, _total: int) -> None:
    return None


class NeverCancel:
    def is_set(self) -> bool:
        return False


class SyncError(DeskError):
    """A sync that could not finish; `message_vi` says what failed and what happens next."""

    def __init__(self, code: str, message_vi: str, *, retryable: bool = True) -> None:
        super().__init__(message_vi, code=code)
        self.retryable = retryable


@dataclass
class SyncReport:
    ok: bool = False
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    deferred: int = 0
    pulled: int = 0
    pull_conflicts: int = 0
    # The same clash is often noticed by the push and by the pull: the officer counts dossiers.
    conflict_dossiers: set[str] = field(default_factory=set)
    refdata: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    round_trips: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    resent_after_server_restore: int = 0
    recovered: int = 0  # own ops put back from the server after this desk's database was restored
    district_lost: int = 0  # district steps this desk holds that the district's restore lost
    given_back: int = 0  # such steps the district took back in this sync
    warnings: list[str] = field(default_factory=list)
    error: SyncError | None = None

    @property
    def all_acknowledged(self) -> bool:
        return self.ok and self.pending == 0

    def message_vi(self) -> str:
        if self.error is not None:
            return self.error.message_vi
        parts = [f"Đã gửi {self.applied} thay đổi", f"nhận {self.pulled} cập nhật từ cấp trên"]
        if self.duplicates:
            parts.append(f"{self.duplicates} thay đổi cấp trên đã có từ trước")
        if self.given_back:  # why (the district's restore) is in the warnings
            parts.append(f"đã gửi lại cho cấp trên {self.given_back} bước xử lý")
        if self.conflicts or self.pull_conflicts:
            parts.append(f"{len(self.conflict_dossiers) or self.conflicts + self.pull_conflicts} hồ sơ xung đột "
                         "cần xử lý")
        if self.rejected:
            parts.append(f"{self.rejected} thay đổi bị từ chối")
        if self.pending:
            parts.append(f"còn {self.pending} thay đổi chưa gửi được")
        return ", ".join(parts) + "."


@dataclass
class DayCloseReport:
    day: str
    matched: bool
    server_agreed: bool
    queue_empty: bool
    counts: dict[str, int] = field(default_factory=dict)
    server_counts: dict[str, int] = field(default_factory=dict)
    resent: int = 0
    pending: int = 0
    message_vi: str = ""
    notes: list[str] = field(default_factory=list)  # what the closing steps did (the till's close)


@dataclass
class SyncStatus:
    enrolled: bool
    server_url: str = ""
    commune: str = ""
    revoked: bool = False
    online: bool | None = None  # None: never tried
    pending: int = 0
    last_success: str = ""
    last_attempt: str = ""
    next_retry: str = ""
    last_error: str = ""
    clock_offset_s: int | None = None
    clock_warning: str = ""
    peer_key_warning: str = ""  # a PC of the office showed a newer commune key (desk/sync/peerkey.py)
    desk_no_warning: str = ""   # another PC of the commune uses this PC's counter number (desk/sync/peers.py)
    issues: list[dict[str, Any]] = field(default_factory=list)     # rejected / held ops, by dossier
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # open conflicts with both values

    def summary_vi(self) -> str:
        if not self.enrolled:
            return "Máy chưa đăng ký đồng bộ với cấp trên."
        if self.revoked:
            return self.last_error or "Máy này đã bị cấp trên thu hồi quyền đồng bộ."
        state = {True: "Trực tuyến", False: "Mất kết nối", None: "Chưa đồng bộ lần nào"}[self.online]
        return f"{state} · {self.pending} thay đổi chờ gửi"
