"""Papers of citizen reception and petitions: Sổ tiếp công dân, Sổ theo dõi xử lý đơn (A4 landscape), the
receipt for documents a citizen hands in and the notice that a petition is not within the commune's
competence (A4). The rows given are already masked for the printing officer's role
(desk/petitions/privacy.py): this module prints what it is given."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.platypus import Flowable, LongTable, Spacer

from desk.forms.common import FormContext, top
from desk.forms.layout import PdfMeta, esc, field_line, p, pm, render, signatures, table_style
from desk.forms.words import count2, short_date
from desk.petitions import rules

RECEPTION_HEAD = ("STT", "Ngày tiếp", "Họ tên, địa chỉ, số định danh", "Số người", "Nội dung vụ việc",
                  "Người tiếp", "Kết quả tiếp, hướng xử lý", "Ghi chú")
PETITION_HEAD = ("STT", "Mã đơn, ngày nhận", "Người đứng đơn", "Nội dung", "Loại đơn, nguồn",
                 "Thẩm quyền, thụ lý", "Hạn giải quyết", "Kết quả", "Trạng thái")


def _d(value: object) -> str:
    return short_date(datetime.fromisoformat(str(value))) if value else ""


def _grid(ctx: FormContext, head: Sequence[str], rows: list[list[object]], weights: Sequence[float],
          empty: str) -> LongTable:
    st = ctx.st
    total = sum(weights)
    widths = [ctx.paper.frame_width * w / total for w in weights]
    body: list[list[object]] = [[p(h, st.head) for h in head]]
    body += [[c if not isinstance(c, str) else pm(esc(c).replace("\n", "<br/>"), st.cell) for c in r]
             for r in rows]
    style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    if not rows:
        body.append([p(empty, st.cell)] + [""] * (len(head) - 1))
        style.append(("SPAN", (0, 1), (-1, 1)))
    return LongTable(body, colWidths=widths, repeatRows=1, style=table_style(*style))


def render_reception_register(ctx: FormContext, receptions: Sequence[Mapping[str, Any]], *, date_from: date,
                              date_to: date) -> bytes:
    st = ctx.st

    def story() -> list[Flowable]:
        out: list[Flowable] = top(ctx)
        out.append(p(f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}", st.center_italic))
        out.append(Spacer(1, ctx.paper.size * 0.6))
        rows: list[list[object]] = []
        for i, r in enumerate(receptions, start=1):
            who = [str(r["citizen_name"])] + [str(r[k]) for k in ("citizen_address", "citizen_id_number") if r.get(k)]
            receiver = str(r.get("receiver_name") or "")
            if r.get("receiver_kind") == "chairman":
                receiver = f"Chủ tịch UBND: {receiver}".rstrip(": ")
            note = "Đoàn đông người" if r.get("is_group") else ""
            rows.append([str(i), _d(r["received_at"]) + "\n" + str(r["received_at"])[11:16], "\n".join(who),
                         count2(int(r.get("headcount") or 1)), str(r["content"]), receiver, str(r.get("outcome") or ""),
                         note])
        out.append(_grid(ctx, RECEPTION_HEAD, rows, (3, 7, 16, 5, 26, 11, 20, 9),
                         "Không có lượt tiếp công dân nào trong khoảng thời gian này."))
        out.append(Spacer(1, ctx.paper.size * 0.6))
        persons = sum(int(r.get("headcount") or 1) for r in receptions)
        groups = sum(1 for r in receptions if r.get("is_group"))
        out.append(p(f"Tổng số: {len(receptions)} lượt tiếp, {persons} người; {groups} đoàn đông người.", st.body))
        return out

    meta = PdfMeta(title=f"Sổ tiếp công dân {short_date(date_from)} – {short_date(date_to)}",
                   author=ctx.profile.name, footer="Sổ tiếp công dân")
    return render(lambda: [story()], ctx.paper, meta)


def render_petition_register(ctx: FormContext, petitions: Sequence[Mapping[str, Any]], *, date_from: date,
                             date_to: date, at: datetime, sentence: str) -> bytes:
    st = ctx.st

    def story() -> list[Flowable]:
        out: list[Flowable] = top(ctx)
        out.append(p(f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}", st.center_italic))
        out.append(Spacer(1, ctx.paper.size * 0.6))
        rows: list[list[object]] = []
        for i, d in enumerate(petitions, start=1):
            who = [str(d["petitioner_name"])] + [str(d[k]) for k in ("petitioner_address", "petitioner_id_number")
                                                 if d.get(k)]
            if int(d.get("persons") or 1) > 1:
                who.append(f"{d['persons']} người đứng đơn")
            source = rules.SOURCE_LABELS_VI[str(d["source"])]
            if d.get("source_body"):
                source += f": {d['source_body']}"
            if d.get("competent") == 1:
                competence = f"Thụ lý {_d(d.get('accepted_at'))}" + (f"\n{d['handler']}" if d.get("handler") else "")
            elif d.get("competent") == 0:
                competence = f"Không thuộc thẩm quyền; {d.get('competent_body') or ''}"
            else:
                competence = f"Phân loại trước {_d(d.get('classify_due'))}"
            due = _d(d.get("due_at"))
            if int(d.get("extensions") or 0):
                due += f"\n(gia hạn {d['extensions']} lần, {d['extension_days']} ngày)"
            status = rules.STATUS_LABELS_VI[str(d["status"])]
            if rules.is_overdue(dict(d), at):
                status += "\nQUÁ HẠN"
            result = str(d.get("result") or "") + (f"\n{_d(d.get('resolved_at'))}" if d.get("resolved_at") else "")
            rows.append([str(i), f"{d['ref']}\n{_d(d['received_at'])}", "\n".join(who), str(d["content"]),
                         f"{rules.KIND_LABELS_VI[str(d['kind'])]}\n{source}", competence, due, result, status])
        out.append(_grid(ctx, PETITION_HEAD, rows, (3, 10, 14, 24, 11, 13, 9, 14, 8),
                         "Không có đơn thư nào trong khoảng thời gian này."))
        out.append(Spacer(1, ctx.paper.size * 0.6))
        out.append(p(f"Tổng hợp: {sentence}.", st.body))
        return out

    meta = PdfMeta(title=f"Sổ theo dõi xử lý đơn {short_date(date_from)} – {short_date(date_to)}",
                   author=ctx.profile.name, footer="Sổ theo dõi xử lý đơn")
    return render(lambda: [story()], ctx.paper, meta)


def render_documents_receipt(ctx: FormContext, petition: Mapping[str, Any], documents: Sequence[str],
                             officer_name: str) -> bytes:
    st = ctx.st

    def story() -> list[Flowable]:
        out: list[Flowable] = top(ctx)
        out.append(Spacer(1, ctx.paper.size * 0.5))
        out.append(field_line("Người nộp", str(petition["petitioner_name"]), st, bold_value=True))
        if petition.get("petitioner_address"):
            out.append(field_line("Địa chỉ", str(petition["petitioner_address"]), st))
        out.append(field_line("Đơn", f"{petition['ref']} ({rules.KIND_LABELS_VI[str(petition['kind'])]}), "
                                     f"nhận ngày {_d(petition['received_at'])}", st))
        out.append(p("Đã nhận các thông tin, tài liệu, chứng cứ sau:", st.body))
        for i, doc in enumerate(documents or ["(không có)"], start=1):
            out.append(p(f"{i}. {doc}", st.body))
        out.append(Spacer(1, ctx.paper.size))
        out.append(signatures([("NGƯỜI NỘP", "(Ký, ghi rõ họ tên)", ""),
                               ("NGƯỜI NHẬN", "(Ký, ghi rõ họ tên)", officer_name)], ctx.paper))
        return out

    meta = PdfMeta(title=f"Giấy biên nhận tài liệu {petition['ref']}", author=ctx.profile.name)
    return render(lambda: [story()], ctx.paper, meta)


def render_not_competent(ctx: FormContext, petition: Mapping[str, Any], officer_name: str) -> bytes:
    st = ctx.st

    def story() -> list[Flowable]:
        out: list[Flowable] = top(ctx)
        out.append(Spacer(1, ctx.paper.size * 0.5))
        out.append(field_line("Kính gửi", str(petition["petitioner_name"]), st, bold_value=True))
        out.append(p(f"Ngày {_d(petition['received_at'])}, {ctx.profile.name} nhận được đơn "
                     f"({rules.KIND_LABELS_VI[str(petition['kind'])].lower()}, mã {petition['ref']}) với nội dung: "
                     f"{petition['content']}", st.body_justify))
        body = str(petition.get("competent_body") or "")
        out.append(p(f"Nội dung đơn không thuộc thẩm quyền giải quyết của {ctx.profile.name}. Đề nghị "
                     f"Ông/Bà gửi đơn đến {body or 'cơ quan có thẩm quyền'} để được xem xét, giải quyết theo quy "
                     "định của pháp luật.", st.body_justify))
        out.append(Spacer(1, ctx.paper.size))
        out.append(signatures([("", "", ""), ("NGƯỜI LẬP", "(Ký, ghi rõ họ tên)", officer_name)], ctx.paper))
        return out

    meta = PdfMeta(title=f"Thông báo đơn không thuộc thẩm quyền {petition['ref']}", author=ctx.profile.name)
    return render(lambda: [story()], ctx.paper, meta)
