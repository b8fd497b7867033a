"""One numbering per commune: two desks of one commune, offline all day, 500 dossiers each, never write
the same register line (Quyển số, STT), and the slip prints the very pair the register prints (read back
from both PDFs)."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from desk.codes import register_stt
from desk.forms import FormService
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from tests.conftest import FakeClock
from tests.forms.pdfcheck import page_texts

PER_DESK = 500
PROCEDURES = ("1.004873", "2.000815", "1.001193", "1.011607", "2.001035")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang")


def _desk(path: Path, clock: FakeClock, desk_no: int) -> tuple[Desk, str]:
    d = Desk.open(path, clock=clock)
    d.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "place_name": "Hòa Bình",
                   "desk_no": desk_no})
    officer = d.officers.create(f"canbo{desk_no}", f"Cán Bộ Quầy {desk_no}", "matkhau123")
    return d, str(officer["id"])


def test_two_desks_offline_never_print_the_same_register_line(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 7, 0))
    desks = [_desk(tmp_path / f"quay{n}", clock, n) for n in (1, 2)]
    rng = random.Random(12)
    try:
        # One long day and the next morning, the two counters interleaved as citizens arrive.
        for i in range(PER_DESK):
            for desk, officer in desks:
                clock.set(datetime(2026, 11, 23, 7, 0) + timedelta(minutes=i * 2 + rng.randint(0, 1)))
                person = ApplicantInput(NAMES[i % len(NAMES)], f"0190{80 + i % 15:02d}{i:06d}",
                                        f"01/01/{1980 + i % 15}", "Nam")
                desk.dossiers.receive(IntakeInput(PROCEDURES[i % len(PROCEDURES)], person), officer)
        lines: dict[tuple[str, str], str] = {}
        for desk, _officer in desks:
            for r in desk.store.query("SELECT code, register_book, desk_no, register_no FROM dossiers"):
                pair = (r["register_book"], register_stt(r["desk_no"], r["register_no"]))
                assert pair not in lines, f"{pair} printed for {lines[pair]} and {r['code']}"
                lines[pair] = r["code"]
        assert len(lines) == 2 * PER_DESK and {book for book, _ in lines} == {"01/2026"}

        for desk, _officer in desks:
            forms = FormService(desk)
            rows = desk.store.query("SELECT id, code, desk_no, register_no FROM dossiers ORDER BY received_at")
            register = " ".join(page_texts(forms.register(date(2026, 11, 23), date(2026, 11, 24))))
            assert f"Tổng số: {PER_DESK} hồ sơ." in register
            # Every line of the book carries its STT; the slips of a sample carry the same pair.
            in_register = re.findall(r"\b(0[12]-\d{4})\b", register)
            assert sorted(in_register) == sorted(register_stt(r["desk_no"], r["register_no"]) for r in rows)
            for r in (rows[0], rows[1], rows[PER_DESK // 2], rows[-1]):
                slip = page_texts(forms.slip(r["id"]))[0]
                stt = re.search(r"Quyển số: (\S+), Số thứ tự: (\S+)", slip)
                assert stt is not None and (stt[1].rstrip(","), stt[2]) == ("01/2026",
                                                                           register_stt(r["desk_no"], r["register_no"]))
                assert stt[2] in in_register
    finally:
        for desk, _officer in desks:
            desk.close()
