"""The period's figures for receptions and petitions, in the seeds' sentence.

"76 đơn thư (03 khiếu nại, 03 tố cáo, 04 tranh chấp, 67 kiến nghị, phản ánh); 70 đơn thuộc thẩm quyền;
đã giải quyết 64/70, đạt 91,5%".

Pure functions over rows (desk or district alike, so the district's aggregate over communes counts the
same way). Counting rules:
- petitions on the same content share a case (`case_id`): a case counts once, its petitions as persons;
  a case takes the kind, competence and status of its first petition (the one the others were linked to);
- "thuộc thẩm quyền" is a case the commune accepted (thụ lý) as its own (`competent` = 1);
- "đã giải quyết" is such a case resolved (at or before the moment the figures are made);
- overdue: a case whose acceptance or handling deadline has passed (rules.is_overdue);
- receptions: sessions and persons; delegations (đoàn đông người) also apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desk.petitions import rules


@dataclass
class Figures:
    cases: int = 0
    persons: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in rules.KINDS})
    competent: int = 0
    resolved: int = 0
    overdue: int = 0
    forwarded: int = 0
    sessions: int = 0
    session_persons: int = 0
    groups: int = 0
    group_persons: int = 0

    @property
    def rate(self) -> Decimal | None:
        if not self.competent:
            return None
        return (Decimal(self.resolved) * 100 / Decimal(self.competent)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def rate_text(self) -> str:
        rate = self.rate
        return "" if rate is None else f"{rate}".replace(".", ",") + "%"

    def sentence(self) -> str:
        k = self.by_kind
        text = (f"{self.cases} đơn thư ({k[rules.KHIEU_NAI]:02d} khiếu nại, {k[rules.TO_CAO]:02d} tố cáo, "
                f"{k[rules.TRANH_CHAP]:02d} tranh chấp, {k[rules.KIEN_NGHI]:02d} kiến nghị, phản ánh); "
                f"{self.competent} đơn thuộc thẩm quyền; đã giải quyết {self.resolved}/{self.competent}")
        return text + (f", đạt {self.rate_text()}" if self.competent else "")

    def receptions_sentence(self) -> str:
        return (f"Tiếp {self.sessions} lượt công dân ({self.session_persons} người), trong đó {self.groups} đoàn "
                f"đông người ({self.group_persons} người); {self.persons} người đứng đơn; "
                f"{self.overdue} đơn quá hạn; {self.forwarded} đơn chuyển, hướng dẫn nơi khác.")

    def as_dict(self) -> dict[str, Any]:
        return {"cases": self.cases, "persons": self.persons, "by_kind": dict(self.by_kind),
                "competent": self.competent, "resolved": self.resolved, "overdue": self.overdue,
                "forwarded": self.forwarded, "sessions": self.sessions, "session_persons": self.session_persons,
                "groups": self.groups, "group_persons": self.group_persons,
                "rate": None if self.rate is None else str(self.rate), "sentence": self.sentence()}

    def add(self, other: Figures) -> Figures:
        """Two communes' figures together (the district's aggregate)."""
        out = Figures()
        for name in ("cases", "persons", "competent", "resolved", "overdue", "forwarded", "sessions",
                     "session_persons", "groups", "group_persons"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.by_kind = {k: self.by_kind.get(k, 0) + other.by_kind.get(k, 0) for k in rules.KINDS}
        return out


def compute(petitions: Iterable[Mapping[str, Any]], receptions: Iterable[Mapping[str, Any]],
            at: datetime) -> Figures:
    """`petitions` and `receptions`: the rows received in the period."""
    f = Figures()
    cases: dict[str, list[Mapping[str, Any]]] = {}
    for p in sorted(petitions, key=lambda r: (str(r["received_at"]), str(r["id"]))):
        cases.setdefault(str(p["case_id"]), []).append(p)
    at_text = at.isoformat(timespec="seconds")
    for members in cases.values():
        first = next((m for m in members if str(m["id"]) == str(m["case_id"])), members[0])
        f.cases += 1
        f.persons += sum(int(m.get("persons") or 1) for m in members)
        f.by_kind[str(first["kind"])] += 1
        if first.get("competent") in (1, True):
            f.competent += 1
            if first["status"] == rules.RESOLVED and str(first.get("resolved_at") or "") <= at_text:
                f.resolved += 1
        if first["status"] == rules.FORWARDED:
            f.forwarded += 1
        if rules.is_overdue(dict(first), at):
            f.overdue += 1
    for r in receptions:
        n = int(r.get("headcount") or 1)
        f.sessions += 1
        f.session_persons += n
        if r.get("is_group") in (1, True):
            f.groups += 1
            f.group_persons += n
    return f
