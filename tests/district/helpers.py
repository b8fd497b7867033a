"""Desk-side helpers for the server tests: a real desk, real dossiers, a real sync client."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from desk.sync import SyncClient
from tests.conftest import FakeClock
from tests.support.server import ServerProcess

_communes = itertools.count(1)
_people = itertools.count(1)


def new_commune() -> str:
    # Each test gets its own commune, so tests sharing one server process never see each other's data.
    return f"000.00.{next(_communes):02d}.H56"


def open_desk(path: Path, clock: FakeClock, agency: str) -> tuple[Desk, str]:
    desk = Desk.open(path, clock=clock)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": agency, "place_name": "Hòa Bình"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")
    return desk, str(officer["id"])


def enrolled(path: Path, clock: FakeClock, server: ServerProcess, agency: str | None = None, *,
             desk_no: int = 1) -> tuple[Desk, str, SyncClient]:
    agency = agency or new_commune()
    desk, officer = open_desk(path, clock, agency)
    if desk_no != 1:  # counter numbers are unique within a commune (the district refuses a second 01)
        desk.office.save({**desk.office.as_dict(), "desk_no": desk_no})
    client = SyncClient(desk)
    client.enroll(server.url, server.enroll_code(agency))
    return desk, officer, client


def receive(desk: Desk, officer: str, n: int = 1) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        k = next(_people)
        born = date(1980 + k % 15, 1 + k % 12, 1 + k % 27)
        intake = IntakeInput("1.010833", ApplicantInput(
            full_name="Nguyễn Văn An", id_number=f"0190{born.year % 100:02d}{k:06d}",
            dob=born.strftime("%d/%m/%Y"), gender="Nam", phone="0912345678"))
        out.append(desk.dossiers.receive(intake, officer))
    return out


def outbox_states(desk: Desk) -> dict[str, int]:
    rows = desk.store.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
    return {r["state"]: r["n"] for r in rows}
