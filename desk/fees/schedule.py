"""The fee schedule as data: per procedure, how each fee is computed, who is exempted, and on what basis.

Rules ship in `resources/fees.json` for the starter catalogue, come down from the district as the
`fees` reference data (province councils set many of them), and may be corrected by the office; a
correction is audited and kept across later publications. Methods:

- ``free``: nothing is collected (the law exempts the procedure);
- ``flat``: one amount per dossier (a case);
- ``per_copy``: the amount times the number of copies or cases;
- ``per_page``: tiers over the pages of one copy (e.g. 2.000 đ a page for pages 1–2, 1.000 đ from the
  3rd), capped per copy, times the number of copies.

An amount left empty is one the province sets and nobody has declared yet: it cannot be collected
until it is, and the desk says so rather than guessing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desk.clock import iso
from desk.errors import NotFoundError, ValidationError
from desk.fees.money import MAX_AMOUNT, group, vnd
from desk.resources import load_json
from desk.store import Store, UnitOfWork
from desk.text import clean_line

METHODS = ("free", "flat", "per_copy", "per_page")
KINDS = {"phi": "Phí", "le_phi": "Lệ phí"}
OTHER_EXEMPTION = "khac"  # any other reason, typed by the officer
MAX_PAGES = 10_000
MAX_COPIES = 999
# What the office may correct on a rule (amounts set by the province council, the basis they cite).
EDITABLE = ("name", "method", "amount", "unit", "tiers", "cap_per_copy", "basis", "note", "confirmed")


@dataclass(frozen=True)
class Tier:
    first: int
    last: int | None  # None: every page from `first` on
    rate: int

    def text_vi(self) -> str:
        if self.last is None:
            return f"từ trang {self.first}" if self.first > 1 else "mỗi trang"
        return f"trang {self.first}" if self.first == self.last else f"trang {self.first}–{self.last}"


@dataclass(frozen=True)
class Exemption:
    code: str
    label: str
    basis: str = ""


@dataclass(frozen=True)
class FeeRule:
    procedure_code: str
    fee_code: str
    name: str
    method: str
    kind: str = "le_phi"
    amount: int | None = None
    unit: str = ""
    tiers: tuple[Tier, ...] = ()
    cap_per_copy: int | None = None
    exemptions: tuple[Exemption, ...] = ()
    set_by: str = "national"
    basis: str = ""
    confirmed: bool = False
    note: str = ""
    source: str = "shipped"
    local: bool = False
    position: int = 1

    @property
    def declared(self) -> bool:
        """False while a province-set amount has not been entered: nothing can be collected yet."""
        return self.method in ("free", "per_page") or self.amount is not None

    @property
    def uses_pages(self) -> bool:
        return self.method == "per_page"

    @property
    def uses_copies(self) -> bool:
        return self.method in ("per_copy", "per_page")

    def exemption(self, code: str) -> Exemption | None:
        return next((e for e in self.exemptions if e.code == code), None)

    def describe_vi(self) -> str:
        """'2.000 đ/trang (trang 1–2), 1.000 đ/trang (từ trang 3), tối đa 200.000 đ/bản'."""
        if self.method == "free":
            return "Miễn thu"
        if self.method == "per_page":
            parts = [f"{group(t.rate)} đ/trang ({t.text_vi()})" for t in self.tiers]
            if self.cap_per_copy is not None:
                parts.append(f"tối đa {group(self.cap_per_copy)} đ/bản")
            return ", ".join(parts)
        if self.amount is None:
            return "Mức do HĐND tỉnh quy định — chưa khai báo"
        if self.method == "per_copy":
            return f"{group(self.amount)} đ/{self.unit or 'bản'}"
        return f"{group(self.amount)} đ" + (f"/{self.unit}" if self.unit else "")

    def as_row(self) -> dict[str, Any]:
        return {
            "procedure_code": self.procedure_code, "fee_code": self.fee_code, "position": self.position,
            "name": self.name, "kind": self.kind, "method": self.method, "amount": self.amount, "unit": self.unit,
            "tiers": json.dumps([{"from": t.first, "to": t.last, "rate": t.rate} for t in self.tiers]),
            "cap_per_copy": self.cap_per_copy,
            "exemptions": json.dumps([{"code": e.code, "label": e.label, "basis": e.basis} for e in self.exemptions],
                                     ensure_ascii=False),
            "set_by": self.set_by, "basis": self.basis, "confirmed": 1 if self.confirmed else 0, "note": self.note,
            "source": self.source, "local": 1 if self.local else 0,
        }


def _money(value: object, field_name: str, label: str, *, allow_none: bool = False) -> int | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise ValidationError(field_name, f"{label} không được để trống.")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(field_name, f"{label} phải là số đồng (số nguyên).")
    try:
        amount = int(value)
    except ValueError:
        raise ValidationError(field_name, f"{label} «{str(value)[:20]}» phải là số đồng (số nguyên).") from None
    if not 0 <= amount <= MAX_AMOUNT:
        raise ValidationError(field_name, f"{label} phải từ 0 đến {group(MAX_AMOUNT)} đồng.")
    return amount


def parse_rule(raw: Mapping[str, Any], *, where: str = "", source: str = "shipped") -> FeeRule:
    """One rule from JSON (shipped, published, or an office edit), checked field by field."""
    at = f"{where}: " if where else ""
    code = clean_line(raw.get("procedure_code"), field="procedure_code", label=f"{at}Mã thủ tục", required=True,
                      max_len=60)
    fee_code = clean_line(raw.get("fee_code") or "le_phi", field="fee_code", label=f"{at}Mã khoản thu", max_len=40)
    name = clean_line(raw.get("name"), field="name", label=f"{at}Tên khoản thu", required=True, max_len=300)
    method = str(raw.get("method") or "")
    if method not in METHODS:
        raise ValidationError("method", f"{at}cách tính «{method[:20]}» không có; chọn {', '.join(METHODS)}.")
    kind = str(raw.get("kind") or "le_phi")
    if kind not in KINDS:
        raise ValidationError("kind", f"{at}loại khoản thu phải là «phi» hoặc «le_phi».")
    amount = _money(raw.get("amount"), "amount", f"{at}Mức thu", allow_none=True)
    tiers: list[Tier] = []
    if method == "per_page":
        raw_tiers = raw.get("tiers")
        if not isinstance(raw_tiers, list) or not raw_tiers:
            raise ValidationError("tiers", f"{at}cách tính theo trang cần các bậc (từ trang, đến trang, mức thu).")
        expected_first = 1
        for i, t in enumerate(raw_tiers, start=1):
            if not isinstance(t, Mapping):
                raise ValidationError("tiers", f"{at}bậc {i} không đúng dạng.")
            first = int(t.get("from") or 0)
            last = t.get("to")
            last_i = None if last in (None, "") else int(last)
            rate = _money(t.get("rate"), "tiers", f"{at}Mức thu bậc {i}")
            assert rate is not None
            if first != expected_first or (last_i is not None and last_i < first):
                raise ValidationError("tiers", f"{at}các bậc phải liền nhau từ trang 1 (bậc {i} sai).")
            if last_i is None and i != len(raw_tiers):
                raise ValidationError("tiers", f"{at}chỉ bậc cuối được để trống «đến trang».")
            tiers.append(Tier(first, last_i, rate))
            expected_first = (last_i or first) + 1
        if tiers[-1].last is not None:
            raise ValidationError("tiers", f"{at}bậc cuối phải áp cho mọi trang còn lại («đến trang» để trống).")
    elif method == "free":
        amount = 0
    cap = _money(raw.get("cap_per_copy"), "cap_per_copy", f"{at}Mức tối đa mỗi bản", allow_none=True)
    exemptions = []
    for i, e in enumerate(raw.get("exemptions") or [], start=1):
        if not isinstance(e, Mapping) or not e.get("code") or not e.get("label"):
            raise ValidationError("exemptions", f"{at}trường hợp miễn {i} cần mã và tên.")
        exemptions.append(Exemption(str(e["code"])[:40], clean_line(e["label"], field="exemptions",
                                                                     label=f"{at}Trường hợp miễn {i}", max_len=300),
                                    str(e.get("basis") or "")[:300]))
    set_by = str(raw.get("set_by") or "national")
    if set_by not in ("national", "province"):
        raise ValidationError("set_by", f"{at}cấp quy định mức thu phải là «national» hoặc «province».")
    return FeeRule(
        procedure_code=code, fee_code=fee_code, name=name, method=method, kind=kind, amount=amount,
        unit=clean_line(raw.get("unit"), field="unit", label=f"{at}Đơn vị tính", max_len=60),
        tiers=tuple(tiers), cap_per_copy=cap, exemptions=tuple(exemptions), set_by=set_by,
        basis=clean_line(raw.get("basis"), field="basis", label=f"{at}Căn cứ", max_len=500),
        confirmed=bool(raw.get("confirmed")),
        note=clean_line(raw.get("note"), field="note", label=f"{at}Ghi chú", max_len=1000),
        source=source, local=bool(raw.get("local")), position=int(raw.get("position") or 1))


def rule_from_row(row: Mapping[str, Any]) -> FeeRule:
    tiers = tuple(Tier(int(t["from"]), None if t.get("to") is None else int(t["to"]), int(t["rate"]))
                  for t in json.loads(row["tiers"] or "[]"))
    exemptions = tuple(Exemption(str(e["code"]), str(e["label"]), str(e.get("basis") or ""))
                       for e in json.loads(row["exemptions"] or "[]"))
    return FeeRule(
        procedure_code=row["procedure_code"], fee_code=row["fee_code"], name=row["name"], method=row["method"],
        kind=row["kind"], amount=row["amount"], unit=row["unit"], tiers=tiers, cap_per_copy=row["cap_per_copy"],
        exemptions=exemptions, set_by=row["set_by"], basis=row["basis"], confirmed=bool(row["confirmed"]),
        note=row["note"], source=row["source"], local=bool(row["local"]), position=int(row["position"]))


# --- computing an amount ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    """What to collect for one fee: the amount before and after an exemption, and how it was computed."""

    rule: FeeRule
    pages: int | None
    copies: int
    gross: int
    amount: int
    lines: tuple[str, ...] = ()
    exemption: Exemption | None = None
    exemption_reason: str = ""

    @property
    def exempt(self) -> bool:
        return self.exemption is not None

    @property
    def detail(self) -> str:
        """One line for the receipt: how the amount was reached."""
        return "; ".join(self.lines)


def _count(value: object, field_name: str, label: str, top: int) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValidationError(field_name, f"{label} phải là số.") from None
    if not 1 <= n <= top:
        raise ValidationError(field_name, f"{label} phải từ 1 đến {top}.")
    return n


def copy_amount(rule: FeeRule, pages: int) -> tuple[int, list[str]]:
    """The amount of one copy of `pages` pages under a per-page rule, with the lines that explain it."""
    total = 0
    lines = []
    for t in rule.tiers:
        last = pages if t.last is None else min(t.last, pages)
        n = last - t.first + 1
        if n <= 0:
            continue
        total += n * t.rate
        lines.append(f"{t.text_vi()}: {n} × {group(t.rate)} đ")
    if rule.cap_per_copy is not None and total > rule.cap_per_copy:
        lines.append(f"mỗi bản {group(total)} đ, thu tối đa {group(rule.cap_per_copy)} đ")
        total = rule.cap_per_copy
    return total, lines


def compute(rule: FeeRule, *, pages: object = None, copies: object = 1) -> Quote:
    """The amount due under `rule` (no exemption), or a message naming what is missing."""
    n_copies = _count(copies if copies not in (None, "") else 1, "copies", f"Số {rule.unit or 'bản'}"
                      if rule.method == "per_copy" else "Số bản", MAX_COPIES) if rule.uses_copies else 1
    if rule.method == "free":
        return Quote(rule, None, n_copies, 0, 0, ("miễn thu",))
    if rule.method == "per_page":
        if pages in (None, ""):
            raise ValidationError("pages", "Cần nhập số trang (của bản chính) để tính phí.")
        n_pages = _count(pages, "pages", "Số trang", MAX_PAGES)
        each, lines = copy_amount(rule, n_pages)
        gross = each * n_copies
        lines.insert(0, f"{n_pages} trang")
        lines.append(f"{group(each)} đ/bản × {n_copies} bản = {group(gross)} đ")
        return Quote(rule, n_pages, n_copies, gross, gross, tuple(lines))
    if rule.amount is None:
        raise ValidationError("amount", f"Mức thu «{rule.name}» do HĐND tỉnh quy định chưa được khai báo: quản trị "
                                        f"viên nhập mức thu (desk fee set {rule.procedure_code} --amount …) rồi mới thu.")
    if rule.method == "per_copy":
        gross = rule.amount * n_copies
        return Quote(rule, None, n_copies, gross, gross,
                     (f"{n_copies} {rule.unit or 'bản'} × {group(rule.amount)} đ = {group(gross)} đ",))
    return Quote(rule, None, 1, rule.amount, rule.amount, (f"{group(rule.amount)} đ/{rule.unit or 'trường hợp'}",))


def apply_exemption(q: Quote, code: str | None, reason: str = "") -> Quote:
    """The quote with an exemption: nothing to collect, and why. `code` is one of the rule's
    exemptions or OTHER_EXEMPTION with a typed reason."""
    if not code:
        return q
    reason = clean_line(reason, field="exemption_reason", label="Lý do miễn", max_len=500)
    if code == OTHER_EXEMPTION:
        if not reason:
            raise ValidationError("exemption_reason", "Ghi rõ lý do miễn thu (căn cứ, giấy tờ chứng minh).")
        ex = Exemption(OTHER_EXEMPTION, "Trường hợp khác")
    else:
        found = q.rule.exemption(code)
        if found is None:
            raise ValidationError("exemption", f"«{code[:40]}» không phải trường hợp miễn của khoản thu này.")
        ex = found
    text = ex.label + (f" — {reason}" if reason and reason != ex.label else "")
    return Quote(q.rule, q.pages, q.copies, q.gross, 0, (*q.lines, f"miễn: {text}"), ex, text)


def quote(rule: FeeRule, *, pages: object = None, copies: object = 1, exemption: str | None = None,
          reason: str = "") -> Quote:
    """The amount to collect, after an exemption. An exempted payer owes nothing even where the amount
    itself is not known yet (a province amount not declared, no page count): the quote says so."""
    try:
        base = compute(rule, pages=pages, copies=copies)
    except ValidationError:
        if not exemption:
            raise
        base = Quote(rule, None, 1, 0, 0, ("mức thu chưa xác định",))
    return apply_exemption(base, exemption, reason)


# --- the schedule in the database ---------------------------------------------------------------------
@dataclass
class PublishReport:
    version: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class FeeSchedule:
    def __init__(self, store: Store) -> None:
        self.store = store

    def ensure_loaded(self) -> int:
        """The shipped rules on a desk that has none yet; returns how many were loaded."""
        if self.store.scalar("SELECT 1 FROM fee_rules LIMIT 1"):
            return 0
        data = load_json("fees.json")
        rules = [parse_rule(r, where=f"fees.json #{i}") for i, r in enumerate(data["rules"], start=1)]
        with self.store.write("system") as uow:
            for r in rules:
                uow.insert("fee_rules", {**r.as_row(), "version": 0, "updated_at": iso(uow.now)})
            uow.audit("fees_loaded", "fee_rules", "shipped", {"rules": len(rules), "version": data.get("version")})
        return len(rules)

    # --- reading --------------------------------------------------------------------------------
    def rules(self, procedure_code: str) -> list[FeeRule]:
        rows = self.store.query("SELECT * FROM fee_rules WHERE procedure_code = ? ORDER BY position, fee_code",
                                (procedure_code.strip(),))
        return [rule_from_row(r) for r in rows]

    def all(self) -> list[FeeRule]:
        return [rule_from_row(r) for r in self.store.query(
            "SELECT * FROM fee_rules ORDER BY procedure_code, position, fee_code")]

    def rule(self, procedure_code: str, fee_code: str | None = None) -> FeeRule:
        rules = self.rules(procedure_code)
        if fee_code:
            rules = [r for r in rules if r.fee_code == fee_code]
        if not rules:
            raise NotFoundError(f"Thủ tục «{procedure_code[:60]}» không có khoản phí, lệ phí nào trong biểu phí"
                                + (f" mã «{fee_code[:40]}»" if fee_code else "") + ".", code="no_fee")
        return rules[0]

    def quote(self, procedure_code: str, *, fee_code: str | None = None, pages: object = None, copies: object = 1,
              exemption: str | None = None, reason: str = "") -> Quote:
        return quote(self.rule(procedure_code, fee_code), pages=pages, copies=copies, exemption=exemption,
                     reason=reason)

    # --- changing -------------------------------------------------------------------------------
    def set_local(self, procedure_code: str, fee_code: str | None, changes: Mapping[str, Any], *,
                  actor: str = "system") -> FeeRule:
        """An office correction (e.g. the amount its province council set); audited, and kept when the
        district publishes the schedule again. A rule not in the schedule yet is created."""
        bad = [k for k in changes if k not in EDITABLE]
        if bad:
            raise ValidationError(bad[0], f"Không sửa được trường «{bad[0][:30]}» của biểu phí.")
        try:
            current: FeeRule | None = self.rule(procedure_code, fee_code)
        except NotFoundError:
            current = None
        if current is None:
            if not self.store.scalar("SELECT 1 FROM procedures WHERE code = ?", (procedure_code.strip(),)):
                raise NotFoundError(f"Không có thủ tục mã «{procedure_code[:60]}» trong danh mục.",
                                    code="unknown_procedure")
            base: dict[str, Any] = {"procedure_code": procedure_code.strip(), "fee_code": fee_code or "le_phi",
                                    "name": changes.get("name") or "Lệ phí", "method": changes.get("method") or "flat"}
        else:
            row = current.as_row()
            base = {**row, "tiers": json.loads(row["tiers"]), "exemptions": json.loads(row["exemptions"])}
        # The office enters what its own province decided: that is the confirmed figure for this desk.
        confirmed = changes.get("confirmed", True if {"amount", "tiers", "method"} & set(changes) else base.get(
            "confirmed", False))
        merged = {**base, **changes, "confirmed": confirmed, "local": True}
        rule = parse_rule(merged, source="office")
        with self.store.write(actor) as uow:
            self._upsert(uow, rule, version=0)
            uow.audit("fee_rule_edited", "fee_rule", f"{rule.procedure_code}/{rule.fee_code}", {
                k: {"old": None if current is None else current.as_row().get(k), "new": rule.as_row().get(k)}
                for k in changes})
        return rule

    def apply_published(self, records: Iterable[Mapping[str, Any]], version: int, *,
                        actor: str = "district") -> PublishReport:
        """The district's schedule (reference data `fees`): new and changed rules replace the shipped
        ones; a rule the office corrected stays as the office set it and is reported."""
        report = PublishReport(version)
        rules = []
        for i, raw in enumerate(records, start=1):
            try:
                rules.append(parse_rule(raw, where=f"Khoản {i}", source="district"))
            except ValidationError as e:
                report.errors.append(e.message_vi)
        with self.store.write(actor) as uow:
            for r in rules:
                key = f"{r.procedure_code}/{r.fee_code}"
                old = uow.one("SELECT * FROM fee_rules WHERE procedure_code = ? AND fee_code = ?",
                              (r.procedure_code, r.fee_code))
                if old is not None and old["local"]:
                    report.kept_local.append(key)
                    continue
                if old is None:
                    report.added.append(key)
                elif {k: old[k] for k in r.as_row() if k not in ("source", "local")} != \
                        {k: v for k, v in r.as_row().items() if k not in ("source", "local")}:
                    report.updated.append(key)
                else:
                    continue
                self._upsert(uow, r, version=version)
            uow.audit("fees_published", "fee_rules", str(version), {
                "added": report.added, "updated": report.updated, "kept_local": report.kept_local,
                "errors": report.errors})
        return report

    @staticmethod
    def _upsert(uow: UnitOfWork, rule: FeeRule, *, version: int) -> None:
        row = {**rule.as_row(), "version": version, "updated_at": iso(uow.now)}
        cols = list(row)
        uow.execute(
            f"INSERT INTO fee_rules ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
            "ON CONFLICT(procedure_code, fee_code) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in cols if c not in ("procedure_code", "fee_code")),
            [row[c] for c in cols])


def rules_summary(rules: Sequence[FeeRule]) -> str:
    return "; ".join(f"{r.name}: {r.describe_vi()}" for r in rules)


__all__ = ["OTHER_EXEMPTION", "Exemption", "FeeRule", "FeeSchedule", "Quote", "Tier", "apply_exemption",
           "compute", "parse_rule", "vnd"]
