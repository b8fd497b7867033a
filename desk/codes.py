"""Dossier codes, `{agency code}-{yymmdd}-{desk number, 2 digits}{daily number, ≥4 digits}`, and the
register's numbering (Quyển số / Số thứ tự of the Sổ theo dõi hồ sơ).

The desk number in front of the daily number is the `AA` of Circular 04/2025's `…-YYMMDD-AAXXXX`
pattern: it is what lets several desks of one commune issue codes offline without ever colliding. The
daily number comes from `UnitOfWork.next_daily_number`, which also consults the side file so a database
restored from an older backup cannot issue a code twice.

The register has one book per commune and year ("Quyển số 01/2026": the office's book number and the
year). Its STT carries the desk number the same way the code does ("02-0137": desk 02, its 137th
dossier of the year), so two desks of one commune, offline all day, never write the same line; the slip
prints the very pair the register prints. A dossier the desk did not accept (refused, or sent back to be
completed) is not entered in the register and has no STT until it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

CODE = re.compile(r"^(?P<agency>[0-9A-Z.]{1,35})-(?P<day>\d{6})-(?P<desk>\d{2})(?P<number>\d{4,})$")


@dataclass(frozen=True)
class DossierCode:
    agency: str
    day: date
    desk_no: int
    number: int

    def __str__(self) -> str:
        return f"{self.agency}-{self.day:%y%m%d}-{self.desk_no:02d}{self.number:04d}"


def format_code(agency: str, day: date, desk_no: int, number: int) -> str:
    return str(DossierCode(agency, day, desk_no, number))


def day_key(day: date) -> str:
    return f"{day:%y%m%d}"


def parse_code(text: str) -> DossierCode | None:
    m = CODE.match(text.strip().upper())
    if not m:
        return None
    d = m["day"]
    try:
        day = date(2000 + int(d[:2]), int(d[2:4]), int(d[4:]))
    except ValueError:
        return None
    return DossierCode(m["agency"], day, int(m["desk"]), int(m["number"]))


def register_book_label(book: str, year: int) -> str:
    """'01' and 2026 → '01/2026': the book of one commune for one year."""
    return f"{book or '01'}/{year}"


def register_key(year: int, desk_no: int) -> str:
    """The counter of one desk's register lines in one year (kept like a day's dossier numbers)."""
    return f"Y{year}-{desk_no:02d}"


def register_stt(desk_no: object, number: object) -> str:
    """The STT printed on the slip and in the register; empty for a dossier not entered in it."""
    try:
        n, desk = int(str(number or 0)), int(str(desk_no or 0))
    except ValueError:
        return ""
    return f"{desk:02d}-{n:04d}" if n > 0 else ""
