"""The desk's notion of 'now', injectable so tests and back-dated paper intakes are explicit.

Every time the desk stores or prints is Vietnam wall time (Asia/Ho_Chi_Minh, UTC+7, no daylight
saving), naive, whatever time zone the PC is set to: commune PCs are often left on a vendor's default
zone, and a slip must still say the hour on the office's wall clock. The instant comes from the system
clock (UTC underneath), so only the zone setting is ignored, not the clock itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]

# From the tzdata package when the OS has no zone database (Windows).
OFFICE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def system_clock() -> datetime:
    return datetime.now(UTC).astimezone(OFFICE_ZONE).replace(tzinfo=None, microsecond=0)


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")
