"""A denouncer's name and ID number appear in no list, print, export, log, search result or sync payload
for a role the office does not allow (an officer by default), and appear for one it allows (a leader)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desk.cli import main as cli_main
from desk.intake import ApplicantInput
from desk.petitions.papers import PetitionPapers
from desk.petitions.privacy import MASKED
from desk.petitions.service import ActInput, PetitionInput, ReceptionInput
from tests.forms.pdfcheck import page_texts

NAME = "Phạm Thị Kín Đáo"
ID = "001185012345"
PHONE = "0912345678"
DAY = date(2026, 11, 23)


def _xlsx_text(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
                     if c is not None)


def _everything_seen_by(desk: Any, actor: str, username: str, tmp: Path, data_dir: Path) -> dict[str, str]:
    svc = desk.petitions
    papers = PetitionPapers(desk)
    ref = svc.petitions(DAY, DAY, actor=actor)[0]["ref"]
    seen = {
        "list": repr(svc.petitions(DAY, DAY, actor=actor)),
        "get": repr(svc.get(ref, actor=actor)),
        "receptions": repr(svc.receptions(DAY, DAY, actor=actor)),
        "search by content": repr(svc.search("xã viên", actor=actor)),
        "search by name": repr(svc.search("Kín Đáo", actor=actor)) + repr(svc.search(ID, actor=actor)),
        "overdue": repr(svc.overdue(actor=actor)),
        "reception register": " ".join(page_texts(papers.reception_register(DAY, DAY, officer_id=actor))),
        "petition register": " ".join(page_texts(papers.petition_register(DAY, DAY, officer_id=actor))),
        "receipt": " ".join(page_texts(papers.receipt(ref, ["Bản sao hợp đồng"], officer_id=actor))),
        "export": _xlsx_text(papers.export_xlsx(DAY, DAY, tmp / f"export-{username}.xlsx", officer_id=actor)),
    }
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["--data-dir", str(data_dir), "petition", "list", "--officer", username]) == 0
    seen["command line list"] = out.getvalue()
    return seen


def test_the_denouncer_is_seen_only_by_the_roles_allowed(desk: Any, officer: Any, leader: Any, tmp_path: Path,
                                                        data_dir: Path, clock: Any) -> None:
    clock.set(datetime(2026, 11, 23, 10, 0))
    rec = desk.petitions.record_reception(ReceptionInput(
        citizen=ApplicantInput(full_name=NAME, id_number=ID, phone=PHONE, address="Tổ 5, phường Hòa Bình"),
        content="Tố cáo cán bộ địa chính thu tiền sai quy định của xã viên", received_at="2026-11-23 08:30"),
        actor=officer["id"])
    p = desk.petitions.add(PetitionInput(
        kind="to-cao", petitioner=ApplicantInput(full_name=NAME, id_number=ID, phone=PHONE,
                                                 address="Tổ 5, phường Hòa Bình"),
        content="Tố cáo cán bộ địa chính thu tiền sai quy định của xã viên", received_at="2026-11-23 08:40",
        reception_id=rec["ref"]), actor=officer["id"])
    desk.petitions.act(p["ref"], "accept", ActInput(at="2026-11-23 09:30", handler="Chủ tịch UBND"),
                       actor=leader["id"])
    # An ordinary petition beside it keeps its petitioner visible to everyone.
    desk.petitions.add(PetitionInput(kind="kien-nghi", petitioner=ApplicantInput(full_name="Lò Văn Công Khai"),
                                     content="Kiến nghị sửa đường", received_at="2026-11-23 09:00"),
                       actor=officer["id"])

    hidden = _everything_seen_by(desk, officer["id"], "canbo1", tmp_path, data_dir)
    for where, text in hidden.items():
        assert NAME not in text, where
        assert ID not in text, where
        assert PHONE not in text, where
    assert MASKED in hidden["list"] and MASKED in hidden["petition register"] and MASKED in hidden["export"]
    assert "Lò Văn Công Khai" in hidden["list"] and "Lò Văn Công Khai" in hidden["petition register"]
    assert p["ref"] in hidden["search by content"] and p["ref"] not in hidden["search by name"]

    shown = _everything_seen_by(desk, leader["id"], "lanhdao", tmp_path, data_dir)
    for where in ("list", "get", "receptions", "search by name", "reception register", "petition register",
                  "receipt", "export", "command line list"):
        assert NAME in shown[where], where
    for where in ("list", "get", "receptions", "search by name", "reception register", "petition register",
                  "export"):
        assert ID in shown[where], where

    # What leaves the PC and what the logs keep carry it for nobody: the sync payloads, the audit log,
    # the log files.
    payloads = " ".join(r["payload"] for r in desk.store.query("SELECT payload FROM outbox"))
    audits = " ".join(str(r["detail"]) for r in desk.store.query("SELECT detail FROM audit_log"))
    logs = " ".join(f.read_text(encoding="utf-8", errors="replace") for f in (data_dir / "logs").glob("*.log*")) \
        if (data_dir / "logs").exists() else ""
    for where, text in {"sync payload": payloads, "audit": audits, "logs": logs}.items():
        assert NAME not in text and ID not in text and PHONE not in text, where
    assert "thu tiền sai quy định" in payloads  # the content travels, the identity does not


def test_the_office_may_allow_officers(desk: Any, officer: Any, clock: Any) -> None:
    admin = desk.officers.create("quantri", "Quản Trị Viên", "matkhau123", role="admin")
    desk.petitions.add(PetitionInput(kind="to-cao", petitioner=ApplicantInput(full_name=NAME, id_number=ID),
                                     content="Tố cáo", received_at="2026-11-23 08:40"))
    assert desk.petitions.petitions(DAY, DAY, actor=officer["id"])[0]["petitioner_name"] == MASKED
    desk.settings.set("petitions.identity_roles", "officer,leader,admin", actor=admin["id"])
    assert desk.petitions.petitions(DAY, DAY, actor=officer["id"])[0]["petitioner_name"] == NAME
    desk.settings.set("petitions.identity_roles", "leader", actor=admin["id"])
    assert desk.petitions.petitions(DAY, DAY, actor=admin["id"])[0]["petitioner_name"] == MASKED
