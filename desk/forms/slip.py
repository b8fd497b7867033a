"""Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả: two copies (one kept with the control sheet, one
for the applicant) on A4 or A5, or a compact 80 mm receipt for thermal printers.

When a step moves the promised date (supplement received, financial obligation met, verification
needed) the slip is issued again: it says which issue it is and which date it replaces, so the citizen
never holds only a stale date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table

from desk.codes import register_stt
from desk.forms.common import (
    FormContext,
    applicant_label,
    due_of,
    received_of,
    return_place_text,
    top,
)
from desk.forms.layout import (
    FooterMark,
    PdfMeta,
    balanced,
    documents_table,
    esc,
    name_markup,
    nobreak,
    p,
    pm,
    render,
    signatures,
    table_style,
)
from desk.forms.qr import QrFlowable
from desk.forms.words import count2, moment_words, short_moment
from desk.limits import optional_limit

COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")


def time_limit_text(dossier: Mapping[str, Any], cutoff: str | None) -> str:
    """Item 3: the legal limit as the law writes it (the second limit once verification was needed)."""
    limit = optional_limit(dossier.get("time_limit"))
    verify = optional_limit(dossier.get("verify_limit"))
    if dossier.get("verification_at") and verify is not None:
        return f"{verify.text_vi()} (trường hợp cần xác minh)"
    if limit is None:
        # Entered from a paper slip before the procedure had a limit: the date on that slip.
        return "theo ngày hẹn trả ghi tại mục 5"
    if limit.kind == "sd":
        after = f"; nếu tiếp nhận sau {cutoff.replace(':00', '')} giờ thì trả trong ngày làm việc tiếp theo" \
            if cutoff else ""
        return f"trong ngày làm việc{after}"
    return limit.text_vi()


@dataclass(frozen=True)
class Issue:
    """Which issue of the slip this is: 1 at intake; 2, 3… when a step moved the promised date."""

    number: int = 1
    replaces_due: str | None = None  # the promised date of the issue it replaces

    @property
    def line(self) -> str:
        if self.number <= 1:
            return ""
        old = datetime.fromisoformat(self.replaces_due) if self.replaces_due else None
        return (f"Cấp lại lần {self.number}: thay giấy hẹn trước"
                + (f" (hẹn trả {short_moment(old)})" if old else "") + ".")


def _title_block(ctx: FormContext, dossier: Mapping[str, Any], copy: str, url: str, issue: Issue) -> list[Flowable]:
    """Title, code and copy label (and which issue this is), with the QR code beside them (below them
    on the roll)."""
    st, pap = ctx.st, ctx.paper
    code_style = ParagraphStyle("code", parent=st.center_bold, fontSize=pap.size * 1.08, leading=pap.size * 1.4,
                                spaceBefore=pap.size * 0.3)
    side = pap.qr + 4
    middle = pap.frame_width if pap.narrow else pap.frame_width - 2 * side
    lines: list[Flowable] = [
        balanced(ctx.title.title, st.title, middle),
        pm(f"Mã hồ sơ: {esc(dossier['code'])}", code_style),
        p(f"({copy})", st.center_italic),
    ]
    if issue.line:
        lines.append(pm(f"<b>{esc(issue.line)}</b>", st.center))
    qr = QrFlowable(url, pap.qr)
    if pap.narrow:
        return [*lines, Spacer(1, 3), Table([[qr]], colWidths=[pap.frame_width], style=table_style(
            ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0))), p("Quét mã để tra cứu hồ sơ", st.small_center)]
    caption = p("Tra cứu hồ sơ", st.small_center)
    return [Table(
        [["", lines, [qr, caption]]],
        colWidths=[side, middle, side],
        style=table_style(
            ("VALIGN", (0, 0), (1, 0), "MIDDLE"),
            ("VALIGN", (2, 0), (2, 0), "TOP"),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        ),
    )]


def _copy(ctx: FormContext, dossier: Mapping[str, Any], copy: str, *, url: str, receiver: str,
          desk_label: str, cutoff: str | None, issue: Issue) -> list[Flowable]:
    st, pap = ctx.st, ctx.paper
    who = applicant_label(dossier)
    story: list[Flowable] = [FooterMark(f"Mã hồ sơ {dossier['code']} · {copy}"), *top(ctx, title=False)]
    story += _title_block(ctx, dossier, copy, url, issue)
    story.append(Spacer(1, pap.size * 0.3))
    body = st.body
    story.append(pm(f"{esc(ctx.unit)}: {esc(ctx.profile.name)}{esc(desk_label)}", body))
    story.append(pm(f"Tiếp nhận hồ sơ của: {who}\u00a0{name_markup(dossier['applicant_name'], pap.size)}", body))
    if dossier.get("submitter_name"):
        sub_id = f" (số giấy tờ: {dossier['submitter_id_number']})" if dossier.get("submitter_id_number") else ""
        story.append(p(f"Người nộp thay (được ủy quyền): {dossier['submitter_name']}{sub_id}", body))
    story.append(p(f"Địa chỉ: {dossier.get('applicant_address') or ''}", body))
    phone = dossier.get("applicant_phone") or ""
    email = dossier.get("applicant_email") or ""
    story.append(p(f"Số điện thoại: {phone}" + (f"    Email: {email}" if email else ""), body))
    if dossier.get("applicant_id_number"):
        story.append(p(f"Số định danh cá nhân (CCCD): {dossier['applicant_id_number']}", body))
    story.append(pm(f"Nội dung yêu cầu giải quyết: <b>{esc(dossier['procedure_name'])}</b>", body))
    story.append(p("1. Thành phần hồ sơ nộp gồm:", body))
    story.append(documents_table(dossier.get("documents") or [], pap))
    story.append(Spacer(1, pap.size * 0.3))
    story.append(p(f"2. Số lượng hồ sơ: {count2(int(dossier.get('sets_count') or 1))} (bộ)", body))
    story.append(p(f"3. Thời gian giải quyết hồ sơ theo quy định là: {time_limit_text(dossier, cutoff)}", body))
    story.append(p(f"4. Thời gian nhận hồ sơ: {moment_words(received_of(dossier))}", body))
    story.append(pm(f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{esc(moment_words(due_of(dossier)))}</b>",
                    body))
    story.append(p(f"6. Đăng ký nhận kết quả tại: {return_place_text(dossier, ctx.profile)}", body))
    story.append(p(f"Vào Sổ theo dõi hồ sơ, Quyển số: {dossier.get('register_book') or ''}, "
                   f"Số thứ tự: {register_stt(dossier.get('desk_no'), dossier.get('register_no'))}", body))
    story.append(signatures([("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", ""),
                             ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", receiver)], pap))
    # The page the QR opens: the office's own address, else the enrolled district's (desk/forms/qr.py).
    lookup = ctx.profile.lookup_url_base or (url.split("?", 1)[0] if "://" in url else "")
    contact = []
    if lookup:
        contact.append(f"Tra cứu hồ sơ: {lookup} (nhập mã hồ sơ) hoặc quét mã QR.")
    if ctx.profile.phone:
        contact.append(f"Điện thoại: {nobreak(ctx.profile.phone)}.")
    if contact:
        story.append(p(" ".join(contact), st.small))
    return story


def render_slip(ctx: FormContext, dossier: Mapping[str, Any], *, url: str, receiver: str, desk_label: str = "",
                cutoff: str | None = None, issue: Issue | None = None) -> bytes:
    def pages() -> list[list[Flowable]]:
        return [_copy(ctx, dossier, copy, url=url, receiver=receiver, desk_label=desk_label, cutoff=cutoff,
                      issue=issue or Issue()) for copy in COPIES]

    meta = PdfMeta(title=f"{ctx.title.title.capitalize()} – {dossier['code']}", author=ctx.profile.name,
                   subject=str(dossier["procedure_name"])[:200])
    return render(pages, ctx.paper, meta)
