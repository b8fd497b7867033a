"""The one-page notices: supplement request (02), refusal (03), apology with a new return date (04), the
stop notice and the notice of refusal after processing (từ chối giải quyết). Their wording follows the official forms; what varies (reasons, documents, dates) comes
from the dossier's action log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from reportlab.platypus import Flowable, Spacer

from desk.forms.common import (
    FormContext,
    applicant_label,
    due_of,
    received_of,
    top,
)
from desk.forms.layout import (
    FooterMark,
    PdfMeta,
    documents_table,
    esc,
    name_markup,
    nobreak,
    p,
    pm,
    render,
    signatures,
)
from desk.forms.words import date_words, moment_words

HEAD_SIGNATURE = ("THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", "")


def _meta(ctx: FormContext, dossier: Mapping[str, Any]) -> PdfMeta:
    return PdfMeta(title=f"{ctx.title.title.capitalize()} – {dossier['code']}", author=ctx.profile.name,
                   subject=str(dossier["procedure_name"])[:200])


def _paragraphs(text: str, ctx: FormContext, *, prefix: str = "") -> list[Flowable]:
    """A multi-line reason as paragraphs (the officer's line breaks are kept)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()] or [""]
    out: list[Flowable] = []
    for i, line in enumerate(lines):
        out.append(p(f"{prefix if i == 0 else ''}{line}", ctx.st.roomy_justify))
    return out


def render_supplement(ctx: FormContext, dossier: Mapping[str, Any], *, missing: Sequence[str], reason: str,
                      contact_name: str, contact_phone: str) -> bytes:
    """Form 02: what to add or complete, why, and whom to ask."""
    st, pap = ctx.st, ctx.paper

    def story() -> list[Flowable]:
        who = applicant_label(dossier)
        out = top(ctx, number=f"Số: {dossier['code']}/HDHS")
        out.append(Spacer(1, pap.size * 1.8))
        out.append(pm(f"Hồ sơ của: {who}\u00a0{name_markup(dossier['applicant_name'], pap.size)}", st.roomy))
        out.append(pm(f"Nội dung yêu cầu giải quyết: <b>{esc(dossier['procedure_name'])}</b>", st.roomy))
        out.append(p(f"Mã hồ sơ: {dossier['code']}", st.roomy))
        out.append(p(f"Thời gian nộp hồ sơ: {moment_words(received_of(dossier))}", st.roomy))
        out.append(p("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", st.roomy))
        submitted = {str(d["name"]): d for d in dossier.get("documents") or []}
        docs = [submitted.get(name, {"name": name}) | {"name": name} for name in missing]
        if docs:
            out.append(documents_table(docs, pap, head=("TT", "Thành phần hồ sơ cần bổ sung, hoàn thiện",
                                                        "Bản chính", "Bản chứng thực", "Bản photo")))
            out.append(Spacer(1, pap.size * 0.5))
        if reason:
            out += _paragraphs(reason, ctx, prefix="Lý do: ")
        contact = contact_name or "cán bộ tiếp nhận"
        phone = f", số điện thoại {nobreak(contact_phone)}" if contact_phone else ""
        out.append(p(f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {who} liên hệ với {contact}{phone} "
                     "để được hướng dẫn.", st.roomy_justify))
        out.append(p(f"Hồ sơ đã bổ sung, hoàn thiện nộp tại {ctx.unit}, {ctx.profile.name}.", st.roomy_justify))
        out.append(signatures([("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", ""),
                               ("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", contact_name)], pap))
        return out

    return render(lambda: [[FooterMark(f"Mã hồ sơ {dossier['code']}"), *story()]], pap, _meta(ctx, dossier))


def render_refusal(ctx: FormContext, dossier: Mapping[str, Any], *, reason: str, officer_name: str) -> bytes:
    """Form 03: the desk does not accept the dossier, and says exactly why."""
    st, pap = ctx.st, ctx.paper

    def story() -> list[Flowable]:
        who = applicant_label(dossier)
        out = top(ctx)
        out.append(Spacer(1, pap.size * 1.8))
        out.append(pm(f"{esc(ctx.unit)} {esc(ctx.profile.name)} tiếp nhận hồ sơ của: {who}\u00a0"
                      f"{name_markup(dossier['applicant_name'], pap.size)}", st.roomy))
        out.append(p(f"Địa chỉ: {dossier.get('applicant_address') or ''}", st.roomy))
        out.append(p(f"Số điện thoại: {dossier.get('applicant_phone') or ''}", st.roomy))
        out.append(pm(f"Đề nghị giải quyết: <b>{esc(dossier['procedure_name'])}</b>", st.roomy))
        out.append(p(f"Mã hồ sơ: {dossier['code']}", st.roomy))
        out.append(p(f"Sau khi xem xét thành phần hồ sơ và đối chiếu các quy định hiện hành, {ctx.unit} thông báo "
                     "không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:", st.roomy_justify))
        out += _paragraphs(reason, ctx)
        out.append(p(f"Xin thông báo để {who} được biết và thực hiện./.", st.roomy))
        out.append(signatures([("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", ""),
                               ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", officer_name)], pap))
        return out

    return render(lambda: [[FooterMark(f"Mã hồ sơ {dossier['code']}"), *story()]], pap, _meta(ctx, dossier))


def render_apology(ctx: FormContext, dossier: Mapping[str, Any], *, new_due: datetime, reason: str) -> bytes:
    """Form 04: the apology and the new return date (set only once)."""
    st, pap = ctx.st, ctx.paper
    office = ctx.profile.name

    def story() -> list[Flowable]:
        who = applicant_label(dossier)
        out = top(ctx, unit="")
        out.append(Spacer(1, pap.size * 1.8))
        out.append(pm(f"Kính gửi: {who}\u00a0{name_markup(dossier['applicant_name'], pap.size)}", st.center))
        out.append(Spacer(1, pap.size * 0.4))
        received = received_of(dossier)
        out.append(pm(f"Ngày {esc(date_words(received.date())[5:])}, {esc(office)} tiếp nhận giải quyết hồ sơ "
                      f"của {who} về: <b>{esc(dossier['procedure_name'])}</b>.", st.roomy_justify))
        out.append(p(f"Mã hồ sơ: {dossier['code']}.", st.roomy))
        out.append(p(f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {moment_words(due_of(dossier))}.", st.roomy))
        out.append(p(f"Tuy nhiên, hồ sơ của {who} chưa thể giải quyết xong đúng thời gian đã hẹn.", st.roomy_justify))
        out += _paragraphs(reason, ctx, prefix="Lý do: ")
        out.append(pm(f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của {who}. {esc(office)} "
                      f"xin lỗi {who} và sẽ trả kết quả giải quyết hồ sơ cho {who} vào "
                      f"<b>{esc(moment_words(new_due))}</b>.", st.roomy_justify))
        out.append(p(f"Mong nhận được sự thông cảm của {who}./.", st.roomy))
        out.append(signatures([("", "", ""), HEAD_SIGNATURE], pap))
        return out

    return render(lambda: [[FooterMark(f"Mã hồ sơ {dossier['code']}"), *story()]], pap, _meta(ctx, dossier))


def render_stop(ctx: FormContext, dossier: Mapping[str, Any], *, reason: str, stopped_at: datetime,
                withdrawn: bool) -> bytes:
    """The stop notice: processing ends before a result (the applicant asked, or the law requires it)."""
    st, pap = ctx.st, ctx.paper
    office = ctx.profile.name

    def story() -> list[Flowable]:
        who = applicant_label(dossier)
        out = top(ctx, unit="")
        out.append(Spacer(1, pap.size * 1.8))
        out.append(pm(f"Kính gửi: {who}\u00a0{name_markup(dossier['applicant_name'], pap.size)}", st.center))
        out.append(Spacer(1, pap.size * 0.4))
        received = received_of(dossier)
        out.append(pm(f"Ngày {esc(date_words(received.date())[5:])}, {esc(office)} đã tiếp nhận hồ sơ của {who} "
                      f"về: <b>{esc(dossier['procedure_name'])}</b>; mã hồ sơ {esc(dossier['code'])}; thời gian "
                      f"hẹn trả kết quả: {esc(moment_words(due_of(dossier)))}.", st.roomy_justify))
        cause = f"Theo đề nghị rút hồ sơ của {who}. " if withdrawn else ""
        out += _paragraphs(reason, ctx, prefix=f"{cause}Lý do: ")
        out.append(pm(f"{esc(office)} thông báo <b>dừng giải quyết hồ sơ</b> nêu trên kể từ "
                      f"{esc(moment_words(stopped_at))}.", st.roomy_justify))
        out.append(p(f"{who} liên hệ {ctx.unit}, {office} để nhận lại giấy tờ đã nộp (nếu có), mang theo "
                     "Giấy tiếp nhận hồ sơ và hẹn trả kết quả.", st.roomy_justify))
        out.append(p(f"Xin thông báo để {who} được biết./.", st.roomy))
        out.append(signatures([("", "", ""), HEAD_SIGNATURE], pap))
        return out

    return render(lambda: [[FooterMark(f"Mã hồ sơ {dossier['code']}"), *story()]], pap, _meta(ctx, dossier))


def render_rejection(ctx: FormContext, dossier: Mapping[str, Any], *, reason: str, decided_at: datetime,
                     unit_name: str) -> bytes:
    """Refusal after processing (từ chối giải quyết): the processing office examined the dossier and does
    not resolve it; the citizen gets the reason in writing, and the papers back."""
    st, pap = ctx.st, ctx.paper
    office = ctx.profile.name

    def story() -> list[Flowable]:
        who = applicant_label(dossier)
        out = top(ctx, unit="")
        out.append(Spacer(1, pap.size * 1.8))
        out.append(pm(f"Kính gửi: {who}\u00a0{name_markup(dossier['applicant_name'], pap.size)}", st.center))
        out.append(Spacer(1, pap.size * 0.4))
        received = received_of(dossier)
        out.append(pm(f"Ngày {esc(date_words(received.date())[5:])}, {esc(office)} đã tiếp nhận hồ sơ của {who} "
                      f"về: <b>{esc(dossier['procedure_name'])}</b>; mã hồ sơ {esc(dossier['code'])}; thời gian "
                      f"hẹn trả kết quả: {esc(moment_words(due_of(dossier)))}.", st.roomy_justify))
        by = f" ({unit_name})" if unit_name else ""
        out.append(pm(f"Sau khi xem xét, thẩm định hồ sơ, cơ quan giải quyết{esc(by)} thông báo <b>từ chối giải "
                      f"quyết hồ sơ</b> nêu trên kể từ {esc(moment_words(decided_at))}, với lý do cụ thể như sau:",
                      st.roomy_justify))
        out += _paragraphs(reason, ctx)
        out.append(p(f"{who} liên hệ {ctx.unit}, {office} để nhận lại giấy tờ đã nộp (nếu có), mang theo "
                     "Giấy tiếp nhận hồ sơ và hẹn trả kết quả.", st.roomy_justify))
        out.append(p(f"Xin thông báo để {who} được biết./.", st.roomy))
        out.append(signatures([("", "", ""), HEAD_SIGNATURE], pap))
        return out

    return render(lambda: [[FooterMark(f"Mã hồ sơ {dossier['code']}"), *story()]], pap, _meta(ctx, dossier))
