"""A newer desk build published by the district reaches the desk after a sync, and only a newer one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from desk import updates
from tests.district.helpers import enrolled
from tests.support.server import ServerProcess


def test_the_district_publishes_a_desk_release_and_the_desk_shows_it_after_a_sync(tmp_path: Path,
                                                                                   clock: Any) -> None:
    with ServerProcess(f"sqlite:///{tmp_path / 'district.db'}", tmp_path / "district") as server:
        desk, _officer, client = enrolled(tmp_path / "desk", clock, server)
        try:
            # Nothing published yet: after a sync the desk asks, finds nothing, says nothing.
            assert client.sync_once().ok
            assert updates.check_if_due(desk.store) is None and not updates.due(desk.store, clock.now)

            bad = server.cli("desk-release", "bản mới", check=False)
            assert bad.returncode == 2 and "không phải số phiên bản" in bad.stderr
            out = server.cli("desk-release", "99.1.0", "--url", "https://motcua.huyen.example.vn/tai-ve/")
            assert "99.1.0" in out.stdout

            # Asked at most every few hours: the same day's next sync does not ask again…
            assert updates.check_if_due(desk.store) is None
            # …the next check after that does.
            clock.set(clock.now + updates.CHECK_EVERY + timedelta(minutes=1))
            shown = updates.check_if_due(desk.store)
            assert shown is not None and shown.latest == "99.1.0"
            assert shown.text_vi.startswith("Có phiên bản mới 99.1.0")
            assert "https://motcua.huyen.example.vn/tai-ve/" in shown.detail_vi
            # The PC that already runs it (or a newer one) is told nothing.
            assert updates.notice(desk.store, current="99.1.0") is None
            assert updates.notice(desk.store, current="100.0") is None

            # The district withdraws it: the next check clears the notice.
            server.cli("desk-release", "--clear")
            clock.set(clock.now + updates.CHECK_EVERY + timedelta(minutes=1))
            assert updates.check_if_due(desk.store) is None and updates.notice(desk.store) is None
        finally:
            client.close()
            desk.close()


def test_a_district_that_does_not_answer_costs_nothing(tmp_path: Path, clock: Any) -> None:
    from desk.sync.transport import HttpTransport
    from tests.support.server import free_port

    with ServerProcess(f"sqlite:///{tmp_path / 'district.db'}", tmp_path / "district") as server:
        desk, _officer, client = enrolled(tmp_path / "desk", clock, server)
    try:
        gone = HttpTransport(f"http://127.0.0.1:{free_port()}", connect_timeout=1, io_timeout=1)
        assert updates.check_if_due(desk.store, transport=gone) is None  # no exception reaches the loop
        assert updates.due(desk.store, clock.now)  # and it asks again next time
    finally:
        client.close()
        desk.close()


def test_versions_compare_as_releases_not_as_text() -> None:
    assert updates.is_newer("0.10.0", "0.9.0") and updates.is_newer("1.0.0", "1.0.0rc1")
    assert not updates.is_newer("0.2.0", "0.10.0") and not updates.is_newer("bản mới", "0.1.0")
