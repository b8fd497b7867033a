"""Dossier codes never collide (2 desks, concurrent writers, a restored backup), and a killed process
never leaves a half-written dossier."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk import dbfile
from tests.support import deskdb

WRITER = Path(__file__).with_name("writer_proc.py")
ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-11-23T09:30:00"


def _spawn(data_dir: Path, count: int, desk_no: int, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(count), str(desk_no), DAY],
                            stdout=out.open("wb"), stderr=subprocess.PIPE, env=env)


def _prepare(data_dir: Path, desk_no: int) -> None:
    from desk.services import Desk

    d = Desk.open(data_dir)
    d.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "desk_no": desk_no})
    d.officers.create("writer", "Cán bộ Ghi", "matkhau123")
    d.close()


def _codes(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip()]


@pytest.mark.slow
def test_two_desks_concurrent_writers_and_a_restored_backup_never_collide(tmp_path: Path) -> None:
    desks = {1: tmp_path / "desk1", 2: tmp_path / "desk2"}
    for no, d in desks.items():
        _prepare(d, no)
    # Two writer processes per desk (concurrent writers on one database), 2 × 5,000 = 10,000 per desk.
    procs = []
    for no, d in desks.items():
        for k in range(2):
            procs.append((_spawn(d, 5000, no, tmp_path / f"codes-{no}-{k}.txt"), f"{no}-{k}"))
    # Back up desk 1 while it is being written, to restore it later.
    time.sleep(3)
    src = deskdb.connect(desks[1] / "desk.db")
    dst = dbfile.connect(tmp_path / "backup-desk1.db", deskdb.key_of(desks[1] / "desk.db"))
    src.backup(dst)
    src.close()
    dst.close()
    for p, name in procs:
        assert p.wait(timeout=600) == 0, f"writer {name} failed: {p.stderr.read().decode() if p.stderr else ''}"
    issued = []
    for f in tmp_path.glob("codes-*.txt"):
        issued.extend(_codes(f))
    assert len(issued) == 20000
    assert len(set(issued)) == 20000, "a dossier code was issued twice"

    # Disk fault: desk 1's database is restored from the older copy, then the desk keeps working.
    db1 = desks[1] / "desk.db"
    for suffix in ("-wal", "-shm"):
        Path(str(db1) + suffix).unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup-desk1.db", db1)
    p = _spawn(desks[1], 500, 1, tmp_path / "codes-after-restore.txt")
    assert p.wait(timeout=300) == 0
    after = _codes(tmp_path / "codes-after-restore.txt")
    assert len(after) == 500
    assert not set(after) & set(issued), "a code issued before the restore was issued again"
    # The restored database knows it was restored: a new epoch, and sequence numbers past all issued.
    con = deskdb.connect(db1)
    epoch, = con.execute("SELECT epoch FROM device").fetchone()
    seqs = [r[0] for r in con.execute("SELECT seq FROM outbox ORDER BY seq")]
    con.close()
    assert epoch == 2
    assert len(seqs) == len(set(seqs))


def test_sigkill_mid_burst_leaves_only_whole_dossiers(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    _prepare(data, 1)
    out = tmp_path / "codes.txt"
    p = _spawn(data, 100000, 1, out)
    deadline = time.time() + 120
    while time.time() < deadline and len(_codes(out)) < 300:
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    committed = _codes(out)
    assert len(committed) >= 300
    con = deskdb.connect(data / "desk.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = {r[0] for r in con.execute("SELECT code FROM dossiers")}
    # Every code the child saw committed is there; the database may hold at most the one in flight more.
    assert set(committed) <= codes
    assert len(codes) - len(committed) <= 1
    # Nothing half-written: each dossier has its receive action, its outbox op, its audit entry, its documents.
    orphans = con.execute(
        """SELECT COUNT(*) FROM dossiers d WHERE
             NOT EXISTS (SELECT 1 FROM dossier_actions a WHERE a.dossier_id = d.id AND a.kind = 'receive')
          OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = d.id AND o.kind = 'receive')
          OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity_id = d.id)
          OR NOT EXISTS (SELECT 1 FROM dossier_documents x WHERE x.dossier_id = d.id)"""
    ).fetchone()[0]
    assert orphans == 0
    n_dossiers = con.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
    assert con.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'receive'").fetchone()[0] == n_dossiers
    assert con.execute("SELECT COUNT(*) FROM dossiers_fts").fetchone()[0] == n_dossiers
    con.close()
    # The desk opens again and carries on: a killed write is not mistaken for a restored backup (same
    # epoch, no audit of a restore), sequence numbers stay contiguous, and no code is issued twice.
    from desk.intake import ApplicantInput, IntakeInput
    from desk.services import Desk

    d = Desk.open(data)
    assert d.store.device()["epoch"] == 1
    assert d.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'restore_detected'") == 0
    new = d.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Lý Văn Tâm", "001099012345", "", "Nam")),
                             str(d.officers.by_username("writer")["id"]))
    assert new["code"] not in codes
    seqs = [r["seq"] for r in d.store.query("SELECT seq FROM outbox ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    d.close()
