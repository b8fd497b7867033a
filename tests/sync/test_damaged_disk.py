"""A damaged disk: the desk database truncated, bytes flipped mid-file, the header zeroed, or the file
deleted. Each is found at the next start with a Vietnamese message (window and command line), and
`desk restore` puts back the last good backup and fetches from the district what it lacked: nothing
that had been synced is lost, and what never reached the district is listed by code."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desk import health
from desk.backup import make_backup
from desk.cli import main
from desk.paths import database_path
from desk.services import Desk
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.harness import DistrictServer


def _truncate(db: Path) -> None:
    with open(db, "r+b") as f:
        f.truncate(db.stat().st_size * 2 // 3)


def _flip_mid_file(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.seek(size // 2)
        chunk = f.read(16)
        f.seek(size // 2)
        f.write(bytes(b ^ 0x5A for b in chunk))


def _zero_header(db: Path) -> None:
    with open(db, "r+b") as f:
        f.write(b"\0" * 100)


def _delete(db: Path) -> None:
    db.unlink()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate, "flipped": _flip_mid_file, "header_zeroed": _zero_header, "deleted": _delete}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_is_found_at_start_and_recovered_from_the_backup_and_the_district(
        make_site: Any, server: DistrictServer, capsys: pytest.CaptureFixture[str], damage: str) -> None:
    site = make_site()
    rng = random.Random(17)
    before_backup = wl.receive(site.desk, site.officer_id, rng, 3)
    assert site.client.sync_once().all_acknowledged
    backup = make_backup(site.desk.store)
    after_backup = wl.receive(site.desk, site.officer_id, rng, 4)
    wl.hand_over(site.desk, site.officer_id, before_backup[0]["id"])
    assert site.client.sync_once().all_acknowledged
    never_synced = wl.receive(site.desk, site.officer_id, rng, 1)[0]  # the disk fails before the next sync
    synced = {d["id"] for d in before_backup + after_backup}
    site.client.close()
    site.desk.close()
    db = database_path(site.data_dir)
    DAMAGE[damage](db)

    # The next start: refused with a message, nothing written, the last good backup offered.
    with pytest.raises(health.DamagedDatabase) as info:
        Desk.open(site.data_dir)
    message = info.value.message_vi
    assert ("Không tìm thấy tệp cơ sở dữ liệu" if damage == "deleted" else "bị hỏng") in message
    assert info.value.backup == backup and backup.name in message
    assert not db.exists() if damage == "deleted" else db.exists()
    assert main(["--data-dir", str(site.data_dir), "check"]) == 2
    assert backup.name in capsys.readouterr().err

    # `desk restore` with no file: the last good backup, then the district gives back what it holds.
    assert main(["--data-dir", str(site.data_dir), "restore"]) == 0
    out = capsys.readouterr().out
    assert f"Đã khôi phục từ {backup}" in out
    assert never_synced["code"] in out, "the dossier that never reached the district is listed"
    site.reopen()
    here = wl.dossier_ids(site.desk)
    assert synced <= here, "a synced dossier was lost"
    assert never_synced["id"] not in here
    assert site.desk.dossiers.get(before_backup[0]["id"])["status"] == "in_processing"
    # The desk goes on: a new dossier gets a new code and reaches the district.
    fresh = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    assert fresh["code"] != never_synced["code"]
    assert site.client.sync_once().all_acknowledged
    checks.assert_delivered(server, site.desk)
