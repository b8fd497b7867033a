"""The desk's notion of 'now', injectable so tests and back-dated paper intakes are explicit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    # Local office time without tz: a commune desk works in one time zone (Asia/Ho_Chi_Minh), and
    # every date on a printed form is local time.
    return datetime.now().replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")
