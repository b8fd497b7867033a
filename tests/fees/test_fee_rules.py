"""The fee rules against amounts computed by hand: tiers, the cap per copy, copies, exemptions, amounts
the province has not declared, and the office's corrections kept across a district publication."""

from __future__ import annotations

from typing import Any

import pytest

from desk.errors import ValidationError
from desk.fees.money import parse_amount, vnd
from desk.fees.schedule import OTHER_EXEMPTION, compute, parse_rule

PAGES = {"procedure_code": "2.000815", "fee_code": "x", "name": "Phí chứng thực bản sao", "method": "per_page",
         "tiers": [{"from": 1, "to": 2, "rate": 2000}, {"from": 3, "to": None, "rate": 1000}], "cap_per_copy": 200000}


@pytest.mark.parametrize(("pages", "copies", "expected"), [
    (1, 1, 2_000),            # one page at the first rate
    (2, 1, 4_000),            # both pages of the first tier
    (3, 1, 5_000),            # 2 × 2.000 + 1 × 1.000
    (3, 2, 10_000),           # per copy, times two copies
    (10, 3, 36_000),          # (4.000 + 8 × 1.000) × 3
    (198, 1, 200_000),        # 4.000 + 196 × 1.000 = 200.000: exactly the cap
    (199, 1, 200_000),        # 201.000 capped at 200.000
    (250, 2, 400_000),        # 252.000 capped per copy, × 2
    (10_000, 1, 200_000),
])
def test_certified_copies_by_the_page_with_a_cap_per_copy(pages: int, copies: int, expected: int) -> None:
    q = compute(parse_rule(PAGES), pages=pages, copies=copies)
    assert q.amount == expected == q.gross


def test_the_shipped_schedule_gives_the_amounts_of_the_sources(desk: Any) -> None:
    s = desk.fees.schedule
    assert s.quote("2.000815", pages=3, copies=2).amount == 10_000
    assert s.quote("2.000942", pages=250).amount == 200_000
    assert s.quote("2.000884", copies=3).amount == 30_000          # chữ ký: 10.000 đ per case
    assert s.quote("2.001035").amount == 50_000                    # hợp đồng, giao dịch
    assert s.quote("2.000635", copies=4).amount == 32_000          # 8.000 đ per copy of an extract
    assert s.quote("1.001193").amount == 0                         # khai sinh: free by law
    rule = s.rule("2.000815")
    assert rule.confirmed and "226/2016/TT-BTC" in rule.basis
    assert not s.rule("2.001263").confirmed, "an amount from one weak source is marked as unconfirmed"


def test_a_per_page_fee_needs_the_page_count(desk: Any) -> None:
    with pytest.raises(ValidationError) as e:
        desk.fees.schedule.quote("2.000815")
    assert e.value.field == "pages" and "số trang" in e.value.message_vi.lower()
    for bad in ("0", "abc", "10001"):
        with pytest.raises(ValidationError):
            desk.fees.schedule.quote("2.000815", pages=bad)
    with pytest.raises(ValidationError) as e:
        desk.fees.schedule.quote("2.000884", copies=0)
    assert e.value.field == "copies"


def test_an_exemption_makes_the_amount_zero_and_keeps_why(desk: Any) -> None:
    q = desk.fees.schedule.quote("2.002516", copies=2, exemption="ho_ngheo")
    assert (q.gross, q.amount) == (16_000, 0)
    assert q.exemption is not None and q.exemption_reason == "Người thuộc hộ nghèo"
    other = desk.fees.schedule.quote("2.000884", exemption=OTHER_EXEMPTION, reason="Công văn số 12/UBND miễn phí")
    assert other.amount == 0 and "Công văn số 12/UBND" in other.exemption_reason
    with pytest.raises(ValidationError) as e:
        desk.fees.schedule.quote("2.000884", exemption=OTHER_EXEMPTION)
    assert e.value.field == "exemption_reason"
    with pytest.raises(ValidationError) as e:
        desk.fees.schedule.quote("2.000884", exemption="ho_ngheo")  # not an exemption of this fee
    assert e.value.field == "exemption"


def test_a_province_amount_not_declared_cannot_be_collected_until_the_office_sets_it(desk: Any,
                                                                                    officer: dict) -> None:
    s = desk.fees.schedule
    with pytest.raises(ValidationError) as e:
        s.quote("1.004873")
    assert e.value.field == "amount" and "HĐND tỉnh" in e.value.message_vi
    # An exempted payer owes nothing even before the amount is known.
    assert s.quote("1.000656", exemption="dung_han").amount == 0
    rule = s.set_local("1.004873", None, {"amount": 15000, "basis": "Nghị quyết 20/2025/NQ-HĐND tỉnh"},
                       actor=officer["id"])
    assert rule.local and rule.confirmed and s.quote("1.004873").amount == 15_000
    audit = desk.store.query_one("SELECT actor, detail FROM audit_log WHERE action = 'fee_rule_edited'")
    assert audit is not None and audit["actor"] == officer["id"] and "15000" in audit["detail"]
    # The district publishes its schedule: the office's figure stays, the rest follows the district.
    report = s.apply_published([
        {"procedure_code": "1.004873", "fee_code": "le_phi_ho_tich", "name": "Lệ phí xác nhận", "method": "flat",
         "amount": 20000, "set_by": "province"},
        {"procedure_code": "1.004884", "fee_code": "le_phi_ho_tich", "name": "Lệ phí đăng ký lại khai sinh",
         "method": "flat", "amount": 10000, "set_by": "province"},
        {"procedure_code": "1.004884", "fee_code": "bad", "name": "Sai", "method": "by_weight"},
    ], version=3)
    assert report.kept_local == ["1.004873/le_phi_ho_tich"]
    assert report.updated == ["1.004884/le_phi_ho_tich"] and len(report.errors) == 1
    assert s.quote("1.004873").amount == 15_000 and s.quote("1.004884").amount == 10_000


@pytest.mark.parametrize(("raw", "field"), [
    ({**PAGES, "tiers": [{"from": 2, "to": None, "rate": 1000}]}, "tiers"),          # does not start at page 1
    ({**PAGES, "tiers": [{"from": 1, "to": 2, "rate": 2000}]}, "tiers"),             # last tier must be open
    ({**PAGES, "tiers": [{"from": 1, "to": None, "rate": -5}]}, "tiers"),
    ({**PAGES, "method": "per_kg"}, "method"),
    ({**PAGES, "method": "flat", "amount": 1.5}, "amount"),                          # no xu, no floats
    ({**PAGES, "name": ""}, "name"),
])
def test_a_malformed_rule_is_refused_naming_the_field(raw: dict, field: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_rule(raw)
    assert e.value.field == field


@pytest.mark.parametrize(("text", "amount"), [("48000", 48000), ("48.000", 48000), ("48 000 đ", 48000),
                                              ("1.000.000", 1000000), ("０", 0)])
def test_amounts_as_officers_type_them(text: str, amount: int) -> None:
    assert parse_amount(text, field="counted", label="Số tiền") == amount


@pytest.mark.parametrize("text", ["48,5", "4.80", "-1000", "", "mười nghìn"])
def test_what_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(text, field="counted", label="Số tiền")


def test_money_is_grouped_with_dots() -> None:
    assert vnd(1_234_567) == "1.234.567 đ" and vnd(0) == "0 đ"
