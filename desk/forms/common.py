"""What every form knows about its office and dossier, and the lines several forms print alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.platypus import Flowable, Spacer

from desk import timing
from desk.forms.layout import Paper, Styles, balanced, header, styles
from desk.forms.titles import FormTitle
from desk.forms.words import place_date_line
from desk.intake import RETURN_PLACES
from desk.office import OfficeProfile


@dataclass(frozen=True)
class FormContext:
    profile: OfficeProfile
    title: FormTitle
    paper: Paper
    dated: datetime  # the date on the '<place>, ngày … tháng … năm …' line

    @property
    def st(self) -> Styles:
        return styles(self.paper.size)

    @property
    def unit(self) -> str:
        """The one-stop unit as this commune names it (office profile): "Bộ phận tiếp nhận và trả kết
        quả", "Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công xã …"."""
        return self.profile.unit_name


def top(ctx: FormContext, *, unit: str | None = None, number: str = "", title: bool = True) -> list[Flowable]:
    """Header, motto, place-and-date line and (unless the form sets it itself) the form's title."""
    out = header(ctx.profile.name, ctx.unit if unit is None else unit,
                 place_date_line(ctx.profile.place, ctx.dated.date()),
                 ctx.title.label, ctx.paper, number=number)
    out.append(Spacer(1, ctx.paper.size * (0.9 if title else 0.4)))
    if title:
        out.append(balanced(ctx.title.title, ctx.st.title, ctx.paper.frame_width))
    return out


def applicant_label(dossier: Mapping[str, Any]) -> str:
    """'Ông/Bà' before a person's name; an organisation is named as it is."""
    return "Ông/Bà" if dossier.get("applicant_type", "citizen") == "citizen" else "Tổ chức"


def return_place_text(dossier: Mapping[str, Any], profile: OfficeProfile) -> str:
    if dossier.get("return_place") == "post":
        address = dossier.get("applicant_address") or ""
        return f"{RETURN_PLACES['post']}" + (f", tại địa chỉ: {address}" if address else "")
    return f"{profile.unit_name}, {profile.name}" + (f", {profile.address}" if profile.address else "")


def due_of(dossier: Mapping[str, Any]) -> datetime:
    """The promised date (form 01). Forms never print the apology's date in its place."""
    due = timing.promised_due(dossier)
    assert due is not None, "a form that states the promised date is only printed for an accepted dossier"
    return due


def new_due_of(dossier: Mapping[str, Any]) -> datetime | None:
    """The apology's new date, printed beside the promised one."""
    return timing.new_due(dossier)


def received_of(dossier: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(str(dossier["received_at"]))
