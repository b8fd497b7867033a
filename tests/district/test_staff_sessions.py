"""District staff sessions end after half an hour without a page, and at the latest a working day after
log-in, whatever the activity: a page left open on a shared PC stops working by itself."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from district.db import make_engine, migrate, utcnow
from district.web import accounts


def test_a_session_ends_when_idle_and_at_the_end_of_the_working_day(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'district.db'}")
    migrate(engine)
    start = utcnow()
    with engine.begin() as conn:
        accounts.add_user(conn, "huyen1", "Lê Thị Huyện", accounts.OFFICER, "matkhau-dai-du")
        token, _ = accounts.login(conn, "huyen1", "matkhau-dai-du", now=start)

    def alive(minutes: float) -> bool:
        with engine.begin() as conn:
            return accounts.session(conn, token, now=start + timedelta(minutes=minutes)) is not None

    # Idle for 29 minutes: still in. Each page moves the idle deadline on.
    assert alive(29)
    # A page every 20 minutes keeps it open past the first half hour...
    for minute in range(40, 10 * 60, 20):
        assert alive(minute), f"the session ended at minute {minute} although a page was opened 20 minutes before"
    # ...but not past the working day, however busy.
    assert alive(10 * 60 - 1)
    assert not alive(10 * 60 + 1)

    # A second log-in left alone for 31 minutes is out, and stays out.
    with engine.begin() as conn:
        token, _ = accounts.login(conn, "huyen1", "matkhau-dai-du", now=start)
    assert not alive(31)
    assert not alive(32)
    engine.dispose()
