"""Every dossier step takes one path (desk/steps.py): a write that goes around it is refused, and no
module but the step path holds such a write in its source."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from desk import dbfile, steps
from desk.intake import ApplicantInput, IntakeInput

ROOT = Path(__file__).resolve().parents[2]
STEP_PATH = ROOT / "desk" / "steps.py"


def _receive(desk: Any, officer: dict) -> dict:
    return desk.dossiers.receive(IntakeInput("1.001193", ApplicantInput("Lê Thị Hoa", "001190012345", "02/03/1990",
                                                                        "Nữ")), officer["id"])


def test_a_status_change_or_log_entry_outside_the_step_path_is_refused(desk: Any, officer: dict) -> None:
    d = _receive(desk, officer)
    with pytest.raises(dbfile.IntegrityError, match=r"desk\.steps"), desk.store.write("x") as uow:
        uow.update("dossiers", {"id": d["id"]}, {"status": "returned"})
    with pytest.raises(dbfile.IntegrityError, match=r"desk\.steps"), desk.store.write("x") as uow:
        uow.insert("dossier_actions", {"id": "a1", "dossier_id": d["id"], "kind": "hand_over", "from_status": "received",
                                       "to_status": "in_processing", "at": "2026-11-23T09:00:00", "by_officer": "x"})
    with pytest.raises(dbfile.IntegrityError, match=r"desk\.steps"):
        desk.store.conn().execute("UPDATE dossiers SET status = 'returned'")
    # Nothing of the refused writes stayed; other columns may still be edited (e.g. a note).
    assert desk.dossiers.get(d["id"])["status"] == "received"
    assert [a["kind"] for a in desk.dossiers.actions(d["id"])] == ["receive"]
    with desk.store.write("x") as uow:
        uow.update("dossiers", {"id": d["id"]}, {"note": "ghi chú"})


@pytest.mark.parametrize("origin", [steps.DESK, steps.DISTRICT, steps.PEER])
def test_each_origin_writes_status_log_and_audit_and_only_the_desk_queues(desk: Any, officer: dict,
                                                                          origin: str) -> None:
    d = _receive(desk, officer)
    ops_before = desk.store.scalar("SELECT COUNT(*) FROM outbox")
    with desk.store.write(officer["id"]) as uow:
        dossier = uow.one("SELECT * FROM dossiers WHERE id = ?", (d["id"],))
        steps.apply(uow, dossier, "hand_over", "in_processing", origin=origin, officer_id=officer["id"],
                    data={"to_unit": "Tư pháp"})
    after = desk.dossiers.get(d["id"])
    assert after["status"] == "in_processing" and after["status_at"]
    log = desk.dossiers.actions(d["id"])
    assert [(a["kind"], a["from_status"], a["to_status"]) for a in log] == [
        ("receive", None, "received"), ("hand_over", "received", "in_processing")]
    assert log[-1]["origin"] == origin and log[-1]["data"] == {"to_unit": "Tư pháp"}
    audited = desk.store.query("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id", (d["id"],))
    assert len(audited) == 2
    queued = desk.store.scalar("SELECT COUNT(*) FROM outbox") - ops_before
    assert queued == (1 if origin == steps.DESK else 0)
    if origin == steps.DESK:
        op = desk.store.query_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
        payload = json.loads(op["payload"])
        assert payload["action"]["id"] == log[-1]["id"] and payload["changes"]["status"] == "in_processing"


def test_the_search_index_follows_a_dossier_opened_by_recovery(desk: Any, officer: dict) -> None:
    d = _receive(desk, officer)
    op = desk.store.query_one("SELECT payload FROM outbox WHERE kind = 'receive'")
    payload = json.loads(op["payload"])
    payload["dossier"].update(id="recovered-1", code=d["code"] + "X", applicant_name="Đỗ Văn Khôi")
    payload["action"].update(id="recovered-action", dossier_id="recovered-1")
    with desk.store.write("sync") as uow:
        steps.open_dossier(uow, payload["dossier"], [], officer_id="sync", origin=steps.RECOVERY,
                           action=payload["action"])
    assert [r["id"] for r in desk.dossiers.search("do van khoi")] == ["recovered-1"]
    assert desk.dossiers.actions("recovered-1")[0]["id"] == "recovered-action"


def _writes_around_the_step_path(path: Path) -> list[str]:
    """SQL text or store calls in `path` that would insert a dossier, change its status or append to the
    lifecycle log."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            sql = " ".join(node.value.lower().split())
            if ("into dossier_actions" in sql or "into dossiers " in sql or "into dossiers(" in sql
                    or ("update dossiers" in sql and "status" in sql.split("update dossiers", 1)[1])):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            first = node.args[0]
            table = first.value if isinstance(first, ast.Constant) else None
            if node.func.attr == "insert" and table in ("dossiers", "dossier_actions"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: insert({table!r})")
            if node.func.attr == "update" and table == "dossiers" and len(node.args) > 2:
                changes = node.args[2]
                keys = [k.value for k in getattr(changes, "keys", []) if isinstance(k, ast.Constant)]
                if "status" in keys or not isinstance(changes, ast.Dict):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: update('dossiers', …)")
    return found


def test_no_module_but_the_step_path_writes_dossier_steps() -> None:
    offenders = []
    for package in ("desk", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path != STEP_PATH:
                offenders += _writes_around_the_step_path(path)
    assert offenders == []
    # The scan itself can fail: the step path is found writing.
    assert _writes_around_the_step_path(STEP_PATH)
