"""Bảng kê biên lai thu tiền phí, lệ phí: the till's hand-over list, signed by whoever hands the cash
over and whoever takes it. Every receipt of the session (cancelled ones with their reason), the totals
by fee and by payment method, the cash expected, counted and the difference with its explanation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Spacer, Table

from desk.fees.money import group
from desk.fees.receipts import METHODS
from desk.fees.series import format_number
from desk.fees.words import amount_words
from desk.forms.common import FormContext, top
from desk.forms.layout import PdfMeta, esc, p, pm, render, signatures, table_style
from desk.forms.words import short_moment

HEAD = ("STT", "Ký hiệu, số biên lai", "Thời gian", "Người nộp tiền", "Nội dung thu", "Hình thức", "Số tiền (đồng)",
        "Ghi chú")


def _grid(extra: Sequence[tuple[object, ...]] = ()) -> list[tuple[object, ...]]:
    return [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *extra]


def render_till(ctx: FormContext, close: Mapping[str, Any], receipts: Sequence[Mapping[str, Any]]) -> bytes:
    """`close` is a till_closes row with `totals` parsed; `receipts` those it handed over."""
    st, pap = ctx.st, ctx.paper
    cell = ParagraphStyle("till-cell", parent=st.cell, fontSize=pap.size * 0.86, leading=pap.size * 1.08)
    cell_r = ParagraphStyle("till-cell-r", parent=cell, alignment=2)
    w = pap.frame_width
    widths = [22.0, 78.0, 52.0, 0.0, 0.0, 50.0, 56.0, 0.0]
    rest = w - sum(widths)
    widths[3], widths[4], widths[7] = rest * 0.3, rest * 0.42, rest * 0.28

    def story() -> list[Flowable]:
        out = top(ctx)
        opened = datetime.fromisoformat(str(close["opened_at"])) if close.get("opened_at") else None
        closed = datetime.fromisoformat(str(close["closed_at"]))
        span = f"từ {short_moment(opened)} đến {short_moment(closed)}" if opened else f"chốt lúc {short_moment(closed)}"
        out.append(p(f"Người thu tiền: {close['officer_name']} — Quầy số {int(close['desk_no']):02d} — {span}",
                     st.center_italic))
        out.append(Spacer(1, pap.size * 0.6))
        rows: list[list[object]] = [[p(h, st.head) for h in HEAD]]
        for i, r in enumerate(receipts, start=1):
            cancelled = r["status"] == "cancelled"
            amount = group(int(r["amount"]))
            code = str(r.get("dossier_code") or "")
            # The code's date and number are what fits the column; the agency part is the same on every line.
            note = f"Đã hủy: {r['cancel_reason']}" if cancelled else (f"Hồ sơ {code.split('-', 1)[-1]}" if code else "")
            rows.append([
                p(str(i), st.cell_center), p(f"{r['symbol']} {format_number(int(r['number']))}", cell),
                p(short_moment(datetime.fromisoformat(str(r["issued_at"]))), cell),
                p(str(r["payer_name"]), cell), p(str(r["fee_name"]), cell),
                p(METHODS.get(str(r["method"]), str(r["method"])) if not r["void"] else "", cell),
                # A cancelled receipt shows its amount in brackets: listed, never added.
                p(f"({amount})" if cancelled and int(r["amount"]) else ("" if cancelled else amount), cell_r),
                p(note, cell)])
        out.append(LongTable(rows, colWidths=widths, repeatRows=1, style=table_style(*_grid())))
        out.append(Spacer(1, pap.size * 0.5))
        totals = close["totals"]
        out.append(p("Tổng hợp theo khoản thu:", st.heading))
        fee_rows: list[list[object]] = [[p("Khoản thu", st.head), p("Số biên lai", st.head), p("Số tiền (đồng)", st.head)]]
        for t in totals.get("by_fee", []):
            fee_rows.append([p(str(t["fee_name"]), cell), p(str(t["count"]), st.cell_center),
                             p(group(int(t["amount"])), cell_r)])
        fee_rows.append([p("Cộng", st.head), p(str(close["issued_count"]), st.cell_center),
                         pm(f"<b>{esc(group(int(close['total'])))}</b>", cell_r)])
        out.append(Table(fee_rows, colWidths=[w * 0.6, w * 0.15, w * 0.25], style=table_style(*_grid())))
        out.append(Spacer(1, pap.size * 0.4))
        by_method = totals.get("by_method", {})
        out.append(p("Theo hình thức thanh toán: " + "; ".join(
            f"{METHODS.get(m, m)}: {group(int(a))} đồng" for m, a in by_method.items()) + ".", st.body))
        cancelled = totals.get("cancelled", [])
        out.append(p(f"Biên lai đã hủy ({len(cancelled)}): " + (", ".join(cancelled) if cancelled else "không có") + ".",
                     st.body))
        if totals.get("gaps"):
            out.append(p("Số biên lai chưa có trong dữ liệu của máy (chờ đồng bộ lấy lại hoặc cần ghi hủy): "
                         + ", ".join(totals["gaps"]) + ".", st.body))
        expected, counted, diff = int(close["expected_cash"]), int(close["counted_cash"]), int(close["difference"])
        out.append(Spacer(1, pap.size * 0.3))
        out.append(pm(f"Tiền mặt phải nộp: <b>{esc(group(expected))} đồng</b> "
                      f"(<i>{esc(amount_words(expected))}</i>).", st.body))
        out.append(pm(f"Tiền mặt thực nộp: <b>{esc(group(counted))} đồng</b> "
                      f"(<i>{esc(amount_words(counted))}</i>).", st.body))
        if diff:
            side = "thiếu" if diff < 0 else "thừa"
            out.append(pm(f"Chênh lệch: <b>{'−' if diff < 0 else '+'}{esc(group(abs(diff)))} đồng ({side})</b>.",
                          st.body))
            out.append(p(f"Giải trình: {close['explanation']}", st.body))
        else:
            out.append(p("Chênh lệch: không.", st.body))
        out.append(signatures([("NGƯỜI NỘP TIỀN", "(Ký, ghi rõ họ tên)", str(close["officer_name"])),
                               ("NGƯỜI NHẬN TIỀN", "(Kế toán/thủ quỹ — ký, ghi rõ họ tên)", "")], pap))
        return out

    meta = PdfMeta(title=f"Bảng kê biên lai — {close['officer_name']} — {str(close['closed_at'])[:10]}",
                   author=ctx.profile.name, footer=f"Bảng kê biên lai, chốt {short_moment(datetime.fromisoformat(str(close['closed_at'])))}")
    return render(lambda: [story()], pap, meta)
