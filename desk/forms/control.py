"""The control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ): one row per hand-off of the dossier,
with the time, both people, and whether it happened before, on or after the deadline. Printed rows come
from the action log; blank rows follow for the hand-offs still to be signed by pen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.platypus import Flowable, Spacer, Table

from desk import timing
from desk.forms.common import FormContext, applicant_label, due_of, new_due_of, received_of, top
from desk.forms.layout import FooterMark, PdfMeta, esc, p, pm, render, table_style
from desk.forms.words import moment_words, short_moment

RESULT_LABELS = {k: timing.LABELS_VI[k] for k in (timing.EARLY, timing.ON_TIME, timing.LATE)}
MIN_ROWS = 4
DESK_UNIT = "Bộ phận TN&TKQ"
NOTES = {
    "request_supplement": "Yêu cầu bổ sung hồ sơ",
    "supplement_received": "Đã nhận hồ sơ bổ sung",
    "withdraw": "Người nộp rút hồ sơ",
    "stop": "Dừng giải quyết",
    "refuse": "Từ chối tiếp nhận",
    "reject": "Từ chối giải quyết",
    "request_payment": "Chờ thực hiện nghĩa vụ tài chính",
    "payment_done": "Đã thực hiện nghĩa vụ tài chính",
    "require_verification": "Cần xác minh",
    "send_by_post": "Gửi kết quả qua bưu chính",
    "cancel": "Hủy hồ sơ nhập nhầm",
}


@dataclass(frozen=True)
class HandOff:
    giver_unit: str
    taker_unit: str
    at: datetime | None
    giver: str
    taker: str
    result: str  # '', or one of RESULT_LABELS' values
    note: str


def hand_offs(dossier: Mapping[str, Any], actions: Sequence[Mapping[str, Any]]) -> list[HandOff]:
    """Turn the action log into the sheet's rows: who gave the dossier to whom, and when. Each hand-off is
    judged against the promised date (desk/timing.py), never the apology's."""
    due = timing.promised_due(dossier)
    unit = "Cơ quan giải quyết"
    handler = ""
    rows: list[HandOff] = []
    for a in actions:
        kind = a["kind"]
        data = a.get("data") or {}
        at = datetime.fromisoformat(str(a["at"]))
        officer = str(a.get("officer_name") or "")
        result = RESULT_LABELS[timing.classify(at, due)] if due is not None else ""
        if kind == "hand_over":
            unit = str(data.get("to_unit") or unit)
            handler = str(data.get("handler") or "")
            rows.append(HandOff(DESK_UNIT, unit, at, officer, handler, result, str(a.get("note") or "")))
        elif kind == "request_supplement":
            giver = unit if a.get("from_status") == "in_processing" else DESK_UNIT
            rows.append(HandOff(giver, "Người nộp hồ sơ", at, officer, "", "", NOTES[kind]))
        elif kind == "supplement_received":
            taker = unit if a.get("to_status") == "in_processing" else DESK_UNIT
            rows.append(HandOff("Người nộp hồ sơ", taker, at, "", handler or officer, "", NOTES[kind]))
        elif kind == "result_ready":
            rows.append(HandOff(unit, DESK_UNIT, at, handler, officer, result, str(a.get("note") or "")))
        elif kind == "return_result":
            collected = str(data.get("collected_by") or dossier.get("collected_by") or "")
            rows.append(HandOff(DESK_UNIT, "Người nộp hồ sơ", at, officer, collected, result,
                                "Đã trả kết quả"))
        elif kind == "send_by_post":
            tracking = str(data.get("tracking_no") or "")
            post = f"{NOTES[kind]}, số hiệu {tracking}" if tracking else NOTES[kind]
            rows.append(HandOff(DESK_UNIT, "Bưu chính công ích", at, officer, str(data.get("post_office") or ""),
                                result, post))
        elif kind == "reject":
            reason = str(data.get("reason") or "")
            rows.append(HandOff(unit, DESK_UNIT, at, handler, officer, result,
                                f"{NOTES[kind]}: {reason}" if reason else NOTES[kind]))
        elif kind in ("request_payment", "payment_done", "require_verification"):
            detail = str(data.get("obligation") or data.get("reason") or "")
            new = timing.moment(data.get("due_at")) if kind == "require_verification" else None
            if new is not None:
                detail = f"hẹn trả mới {new:%H:%M %d/%m/%Y}"
            rows.append(HandOff(unit, unit, at, officer, "", "", f"{NOTES[kind]}: {detail}" if detail else NOTES[kind]))
        elif kind in ("withdraw", "stop", "refuse", "cancel"):
            reason = str(data.get("reason") or "")
            rows.append(HandOff(unit if a.get("from_status") == "in_processing" else DESK_UNIT, DESK_UNIT, at,
                                officer, "", "", f"{NOTES[kind]}: {reason}" if reason else NOTES[kind]))
    return rows


def render_control(ctx: FormContext, dossier: Mapping[str, Any], rows: Sequence[HandOff]) -> bytes:
    st, pap = ctx.st, ctx.paper
    w = pap.frame_width

    def story() -> list[Flowable]:
        out: list[Flowable] = [FooterMark(f"Mã hồ sơ {dossier['code']}"), *top(ctx)]
        out.append(p(f"(Kèm theo hồ sơ của {applicant_label(dossier)} {dossier['applicant_name']})",
                     st.center_italic))
        out.append(Spacer(1, pap.size * 0.5))
        out.append(pm(f"Mã hồ sơ: <b>{esc(dossier['code'])}</b>", st.body))
        out.append(pm(f"Nội dung: <b>{esc(dossier['procedure_name'])}</b>", st.body))
        unit = next((r.taker_unit for r in rows if r.giver_unit == DESK_UNIT and r.taker_unit not in
                     (DESK_UNIT, "Người nộp hồ sơ")), "")
        out.append(p(f"Cơ quan (bộ phận) giải quyết hồ sơ: {unit or '.' * 50}", st.body))
        out.append(p(f"Cơ quan phối hợp giải quyết hồ sơ: {'.' * 50}", st.body))
        out.append(p(f"Thời gian nhận hồ sơ: {moment_words(received_of(dossier))}", st.body))
        out.append(p(f"Thời gian hẹn trả kết quả: {moment_words(due_of(dossier))}", st.body))
        new_due = new_due_of(dossier)
        if new_due is not None:
            out.append(p(f"Hẹn lại ngày trả kết quả (Phiếu xin lỗi): {moment_words(new_due)}", st.body))
        verdict = timing.result_class(dossier)
        if verdict:
            out.append(pm(f"Kết quả giải quyết so với ngày hẹn trả: <b>{esc(timing.LABELS_VI[verdict])}</b>", st.body))
        out.append(Spacer(1, pap.size * 0.4))
        head = [p(h, st.head) for h in ("TÊN CƠ QUAN, BỘ PHẬN", "THỜI GIAN GIAO, NHẬN HỒ SƠ",
                                         "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)", "GHI CHÚ")]
        data: list[list[object]] = [head]
        for r in rows:
            data.append([
                pm(f"1. Giao: {esc(r.giver_unit)}<br/>2. Nhận: {esc(r.taker_unit)}", st.cell),
                pm(f"<b>{esc(short_moment(r.at)) if r.at else ''}</b><br/>Người giao: {esc(r.giver)}"
                   f"<br/>Người nhận: {esc(r.taker)}", st.cell),
                p(r.result, st.cell_center),
                p(r.note, st.cell),
            ])
        for _ in range(max(0, MIN_ROWS - len(rows))):
            data.append([
                pm("1. Giao: ……………………<br/>2. Nhận: ……………………", st.cell),
                pm("…… giờ …… phút, ngày ……/……/……<br/>Người giao: <br/>Người nhận: ", st.cell),
                p("Trước hạn / Đúng hạn / Quá hạn", st.cell_center),
                p("", st.cell),
            ])
        widths = [w * 0.27, w * 0.31, w * 0.2, w * 0.22]
        out.append(Table(data, colWidths=widths, repeatRows=1, style=table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 1), (-1, -1), pap.size * 1.6),  # room for two signatures
        )))
        return out

    meta = PdfMeta(title=f"{ctx.title.title.capitalize()} – {dossier['code']}", author=ctx.profile.name)
    return render(lambda: [story()], pap, meta)
