"""Biên lai thu tiền phí, lệ phí (self-printed): two copies on A5 or the 80 mm roll.

Every mandatory field (DOMAIN.md): the receipt's name; ký hiệu mẫu, ký hiệu and number; the collecting
organisation's name and tax code; the payer; what the fee is for; the amount in figures and in words;
the payment method; the date; the collector's signature. A reprint says it is a copy, a cancelled
receipt says so with its reason. The QR lets the citizen (or a desk's scanner) check the receipt: it
carries the series, number and amount with a tag under the commune's key, never personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table

from desk.fees.money import group
from desk.fees.receipts import METHODS
from desk.fees.series import format_number
from desk.fees.words import amount_words
from desk.forms.common import FormContext
from desk.forms.layout import PdfMeta, esc, name_markup, p, pm, render, rule, signatures, table_style
from desk.forms.qr import QrFlowable, slip_tag
from desk.forms.words import date_words, short_moment
from desk.office import OfficeProfile

COPIES = ("Liên 1: Lưu tại nơi thu", "Liên 2: Giao người nộp tiền")
RECEIPT_PARAM, AMOUNT_PARAM, TAG_PARAM = "BL", "ST", "SGT"


def receipt_key(row: Mapping[str, Any]) -> str:
    return f"{row['symbol']}-{format_number(int(row['number']))}"


def receipt_url(profile: OfficeProfile, row: Mapping[str, Any]) -> str:
    """`{lookup}?BL=01AA-26T-0000123&ST=5000&SGT=<tag>`: the tag covers series, number and amount."""
    key = receipt_key(row)
    amount = int(row["amount"])
    query = f"{RECEIPT_PARAM}={key}&{AMOUNT_PARAM}={amount}&{TAG_PARAM}={slip_tag(profile, f'{key}|{amount}')}"
    base = (profile.lookup_url_base or "").strip()
    return f"{base}{'&' if '?' in base else '?'}{query}" if base else query


def verify_receipt_text(text: str, profile: OfficeProfile) -> tuple[str, int, bool] | None:
    """(series-number, amount, genuine) from a scanned receipt QR; None when it is not one."""
    raw = (text or "").strip()
    query = urlsplit(raw).query if "?" in raw else raw
    params = {k.upper(): v for k, v in parse_qs(query).items()}
    if not params.get(RECEIPT_PARAM) or not params.get(AMOUNT_PARAM):
        return None
    key, amount_text = params[RECEIPT_PARAM][0].strip().upper(), params[AMOUNT_PARAM][0].strip()
    if not amount_text.isdigit():
        return None
    tag = (params.get(TAG_PARAM) or [""])[0].strip().upper()
    import hmac

    genuine = bool(profile.hmac_key) and hmac.compare_digest(tag, slip_tag(profile, f"{key}|{amount_text}"))
    return key, int(amount_text), genuine


def _head(ctx: FormContext, row: Mapping[str, Any]) -> Flowable:
    """The organisation on the left; ký hiệu mẫu, ký hiệu and number on the right (stacked on the roll)."""
    st, pap = ctx.st, ctx.paper
    bold = ParagraphStyle("rh-b", parent=st.center_bold, fontSize=pap.size * 0.95, leading=pap.size * 1.2)
    reg = ParagraphStyle("rh", parent=st.center, fontSize=pap.size * 0.9, leading=pap.size * 1.15)
    left_style = ParagraphStyle("rh-l", parent=st.body, fontSize=pap.size * 0.92, leading=pap.size * 1.18,
                                spaceAfter=0)
    org = [p(str(row["org_name"]).upper(), bold), p(f"Mã số thuế: {row['tax_code']}", reg)]
    if ctx.profile.address:
        org.append(p(ctx.profile.address, reg))
    marks = [p(f"Ký hiệu mẫu: {row['form_no']}", left_style), p(f"Ký hiệu: {row['symbol']}", left_style),
             pm(f"Số: <b>{esc(format_number(int(row['number'])))}</b>", left_style)]
    if pap.narrow:
        return Table([[org], [rule(pap.frame_width * 0.4)], [marks]], colWidths=[pap.frame_width],
                     style=table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                       ("TOPPADDING", (0, 0), (-1, -1), 0)))
    w = pap.frame_width
    return Table([[org, marks]], colWidths=[w * 0.62, w * 0.38], style=table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 12)))


def _copy(ctx: FormContext, row: Mapping[str, Any], copy: str, *, url: str, reprint_at: datetime | None,
          ) -> list[Flowable]:
    st, pap = ctx.st, ctx.paper
    from desk.forms.layout import FooterMark

    key = receipt_key(row)
    story: list[Flowable] = [FooterMark(f"Biên lai {row['symbol']} số {format_number(int(row['number']))} · {copy}"),
                             _head(ctx, row), Spacer(1, pap.size * 0.8)]
    story.append(p(ctx.title.title, st.title))
    story.append(p(f"({copy})", st.center_italic))
    stamp = ParagraphStyle("stamp", parent=st.center_bold, fontSize=pap.size * 1.05, leading=pap.size * 1.4)
    if reprint_at is not None:
        story.append(p(f"BẢN SAO — IN LẠI LÚC {short_moment(reprint_at)}", stamp))
    if row["status"] == "cancelled":
        story.append(pm(f"ĐÃ HỦY — Lý do: {esc(row['cancel_reason'])}", stamp))
    story.append(Spacer(1, pap.size * 0.5))
    body = st.body
    story.append(pm(f"Họ tên người nộp tiền: {name_markup(row['payer_name'], pap.size)}", body))
    story.append(p(f"Địa chỉ: {row['payer_address'] or ''}", body))
    what = str(row["fee_name"])
    if row.get("dossier_code"):
        what += f" (hồ sơ {row['dossier_code']})"
    story.append(pm(f"Nội dung thu: {esc(what)}", body))
    if row.get("detail"):
        story.append(p(f"Cách tính: {row['detail']}", st.small))
    story.append(pm(f"Số tiền: <b>{esc(group(int(row['amount'])))} đồng</b>", body))
    story.append(pm(f"(Viết bằng chữ: <i>{esc(amount_words(int(row['amount'])))}</i>)", body))
    story.append(p(f"Hình thức thanh toán: {METHODS.get(str(row['method']), row['method'])}", body))
    issued = datetime.fromisoformat(str(row["issued_at"]))
    place = ctx.profile.place
    story.append(p(f"{place}, {date_words(issued.date())}" if place else date_words(issued.date()).capitalize(),
                   st.right_italic))
    story.append(signatures([("NGƯỜI NỘP TIỀN", "(Ký, ghi rõ họ tên)", ""),
                             ("NGƯỜI THU TIỀN", "(Ký, ghi rõ họ tên)", str(row["collector_name"]))], pap,
                            space=pap.size * 3.2))
    qr = QrFlowable(url, pap.qr * 0.8)
    caption = p(f"Quét mã để kiểm tra biên lai {key} ({group(int(row['amount']))} đ).", st.small_center)
    story.append(Spacer(1, pap.size * 0.4))
    story.append(Table([[qr], [caption]], colWidths=[pap.frame_width], style=table_style(
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0))))
    story.append(p("Biên lai tự in từ phần mềm Bộ phận Một cửa.", st.small_center))
    return story


def render_receipt(ctx: FormContext, row: Mapping[str, Any], *, url: str, reprint_at: datetime | None = None) -> bytes:
    def pages() -> list[list[Flowable]]:
        return [_copy(ctx, row, copy, url=url, reprint_at=reprint_at) for copy in COPIES]

    meta = PdfMeta(title=f"Biên lai {row['symbol']} số {format_number(int(row['number']))}",
                   author=str(row["org_name"]), subject=str(row["fee_name"])[:200])
    return render(pages, ctx.paper, meta)
