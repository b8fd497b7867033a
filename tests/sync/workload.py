"""Real desk work for the sync tests: dossiers received and moved through the real services.

Everything goes through `DossierService.receive/act`, so the outbox holds exactly what a commune desk
would queue; nothing is written behind the core's back.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from tests.support import deskdb

AGENCY = "000.00.06.H56"
OFFICE = {"name": "UBND phường Hòa Bình", "agency_code": AGENCY, "province": "Tỉnh Thái Nguyên",
          "place_name": "Hòa Bình", "lookup_url_base": "https://tracuu.example.gov.vn/tra-cuu"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Nam", "Phúc", "Yến"]


def setup_desk(desk: Desk, *, agency: str = AGENCY) -> str:
    """Give a fresh desk its office profile and one officer; return the officer id."""
    if desk.office.get() is None:
        desk.office.save(OFFICE | {"agency_code": agency})
    existing = desk.officers.list()
    if existing:
        return str(existing[0]["id"])
    return str(desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")["id"])


def procedure_codes(desk: Desk) -> list[str]:
    rows = desk.store.query("SELECT code FROM procedures WHERE time_limit_days IS NOT NULL ORDER BY code LIMIT 12")
    return [str(r["code"]) for r in rows]


def intake(rng: random.Random, procedure: str) -> IntakeInput:
    female = rng.random() < 0.5
    born = date(rng.randint(1955, 1999), rng.randint(1, 12), rng.randint(1, 28))
    id_number = f"019{1 if female else 0}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
    name = f"{rng.choice(SURNAMES)} {'Thị' if female else 'Văn'} {rng.choice(GIVEN)}"
    return IntakeInput(procedure, ApplicantInput(
        full_name=name, id_number=id_number, dob=born.strftime("%d/%m/%Y"), gender="Nữ" if female else "Nam",
        address=f"Số {rng.randint(1, 200)} đường Lê Lợi, phường Hòa Bình", phone=f"0912{rng.randint(0, 999999):06d}"))


def receive(desk: Desk, officer_id: str, rng: random.Random, n: int = 1) -> list[dict[str, Any]]:
    codes = procedure_codes(desk)
    return [desk.dossiers.receive(intake(rng, rng.choice(codes)), officer_id) for _ in range(n)]


def hand_over(desk: Desk, officer_id: str, dossier_id: str) -> dict[str, Any]:
    return desk.dossiers.act(dossier_id, "hand_over", officer_id, data={"to_unit": "Công chức Tư pháp"})


# --- what the desk database says -----------------------------------------------------------------
def outbox(desk: Desk) -> list[dict[str, Any]]:
    return desk.store.query("SELECT seq, op_id, epoch, entity_id, kind, state FROM outbox ORDER BY seq")


def unacked(desk: Desk) -> list[dict[str, Any]]:
    return [op for op in outbox(desk) if op["state"] != "acked"]


def dossier_ids(desk: Desk) -> set[str]:
    return {str(r["id"]) for r in desk.store.query("SELECT id FROM dossiers")}


def integrity_ok(path: Path) -> bool:
    conn = deskdb.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
