"""Dossier codes: `{agency code}-{yymmdd}-{desk number, 2 digits}{daily number, ≥4 digits}`.

The desk number in front of the daily number is the `AA` of Circular 04/2025's `…-YYMMDD-AAXXXX`
pattern: it is what lets several desks of one commune issue codes offline without ever colliding. The
daily number comes from `UnitOfWork.next_daily_number`, which also consults the side file so a database
restored from an older backup cannot issue a code twice.
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
