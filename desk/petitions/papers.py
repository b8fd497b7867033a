"""Printing the reception and petition papers with the form engine, each print archived and recorded
(`FormService.archive`), the rows masked for the printing officer's role."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.errors import DeskError
from desk.forms.common import FormContext
from desk.forms.layout import paper as paper_spec
from desk.forms.petitions import (
    render_documents_receipt,
    render_not_competent,
    render_petition_register,
    render_reception_register,
)
from desk.forms.service import FormService, check_range, render_here
from desk.forms.titles import FormTitle
from desk.permissions import require

if TYPE_CHECKING:
    from desk.services import Desk

# Thông tư 04/2021/TT-TTCP and 05/2021/TT-TTCP set these books' columns; their form numbers are not
# printed until checked against the circulars' annexes.
TITLES = {
    "reception_register": FormTitle("reception_register", "", "SỔ TIẾP CÔNG DÂN", "Thông tư 04/2021/TT-TTCP"),
    "petition_register": FormTitle("petition_register", "", "SỔ THEO DÕI XỬ LÝ ĐƠN", "Thông tư 05/2021/TT-TTCP"),
    "petition_receipt": FormTitle("petition_receipt", "", "GIẤY BIÊN NHẬN THÔNG TIN, TÀI LIỆU, CHỨNG CỨ",
                                  "Thông tư 04/2021/TT-TTCP"),
    "petition_not_competent": FormTitle("petition_not_competent", "", "PHIẾU HƯỚNG DẪN",
                                        "Thông tư 05/2021/TT-TTCP"),
}


class PetitionPapers:
    def __init__(self, desk: Desk, *, renderer: Callable[..., bytes] = render_here) -> None:
        self.desk = desk
        self.forms = FormService(desk, renderer=renderer)
        self.renderer = renderer

    def _ctx(self, kind: str, paper: str) -> FormContext:
        allowed = ("a4-landscape",) if paper == "a4-landscape" else ("a4",)
        return FormContext(self.desk.office.require(), TITLES[kind], paper_spec(paper, allowed),
                           self.desk.store.clock())

    def reception_register(self, date_from: date, date_to: date, *, officer_id: str = "system") -> Path:
        require(self.desk.store, officer_id, "petition.receive")
        check_range(date_from, date_to)
        rows = self.desk.petitions.receptions(date_from, date_to, actor=officer_id)
        pdf = self.renderer(render_reception_register, self._ctx("reception_register", "a4-landscape"), rows,
                            date_from=date_from, date_to=date_to)
        return self.forms.archive("reception_register", "a4-landscape", pdf, officer_id,
                                  folder=Path("petitions"), name_hint=f"-{date_from:%Y%m%d}-{date_to:%Y%m%d}")

    def petition_register(self, date_from: date, date_to: date, *, officer_id: str = "system") -> Path:
        require(self.desk.store, officer_id, "petition.receive")
        check_range(date_from, date_to)
        rows = self.desk.petitions.petitions(date_from, date_to, actor=officer_id)
        now = self.desk.store.clock()
        sentence = self.desk.petitions.figures(date_from, date_to, at=now).sentence()
        pdf = self.renderer(render_petition_register, self._ctx("petition_register", "a4-landscape"), rows,
                            date_from=date_from, date_to=date_to, at=now, sentence=sentence)
        return self.forms.archive("petition_register", "a4-landscape", pdf, officer_id,
                                  folder=Path("petitions"), name_hint=f"-{date_from:%Y%m%d}-{date_to:%Y%m%d}")

    def receipt(self, ref: str, documents: Sequence[str], *, officer_id: str = "system") -> Path:
        require(self.desk.store, officer_id, "petition.receive")
        petition = self.desk.petitions.get(ref, actor=officer_id)
        pdf = self.renderer(render_documents_receipt, self._ctx("petition_receipt", "a4"), petition,
                            list(documents), self._officer_name(officer_id))
        return self.forms.archive("petition_receipt", "a4", pdf, officer_id, folder=Path("petitions"),
                                  name_hint=f"-{petition['ref']}")

    def not_competent(self, ref: str, *, officer_id: str = "system") -> Path:
        require(self.desk.store, officer_id, "petition.receive")
        petition = self.desk.petitions.get(ref, actor=officer_id)
        if petition.get("competent") != 0:
            raise DeskError(f"Đơn {petition['ref']} chưa được ghi là không thuộc thẩm quyền (bước «chuyển đơn / "
                            "hướng dẫn»).", code="not_forwarded")
        pdf = self.renderer(render_not_competent, self._ctx("petition_not_competent", "a4"), petition,
                            self._officer_name(officer_id))
        return self.forms.archive("petition_not_competent", "a4", pdf, officer_id, folder=Path("petitions"),
                                  name_hint=f"-{petition['ref']}")

    def export_xlsx(self, date_from: date, date_to: date, target: Path, *, officer_id: str = "system") -> Path:
        """Both books and the figures as a workbook, masked for the officer's role like every list."""
        from openpyxl import Workbook

        from desk.petitions import rules
        from desk.xlsx import safe_row

        require(self.desk.store, officer_id, "petition.receive")
        check_range(date_from, date_to)
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Don thu"
        ws.append(["Mã đơn", "Ngày nhận", "Loại", "Nguồn", "Người đứng đơn", "Số định danh", "Địa chỉ",
                   "Số người", "Nội dung", "Thuộc thẩm quyền", "Cơ quan có thẩm quyền", "Ngày thụ lý",
                   "Hạn giải quyết", "Trạng thái", "Kết quả", "Ngày giải quyết"])
        for d in self.desk.petitions.petitions(date_from, date_to, actor=officer_id):
            ws.append(safe_row([d["ref"], d["received_at"], rules.KIND_LABELS_VI[d["kind"]],
                                rules.SOURCE_LABELS_VI[d["source"]], d["petitioner_name"],
                                d["petitioner_id_number"], d["petitioner_address"], d["persons"], d["content"],
                                {1: "Có", 0: "Không"}.get(d["competent"], ""), d["competent_body"],
                                d["accepted_at"] or "", d["due_at"] or "", rules.STATUS_LABELS_VI[d["status"]],
                                d["result"], d["resolved_at"] or ""]))
        wr = wb.create_sheet("Tiep cong dan")
        wr.append(["Mã", "Ngày tiếp", "Người tiếp", "Công dân", "Số định danh", "Địa chỉ", "Số người",
                   "Đoàn đông người", "Nội dung", "Kết quả tiếp"])
        for r in self.desk.petitions.receptions(date_from, date_to, actor=officer_id):
            wr.append(safe_row([r["ref"], r["received_at"], r["receiver_name"], r["citizen_name"],
                                r["citizen_id_number"], r["citizen_address"], r["headcount"],
                                "Có" if r["is_group"] else "", r["content"], r["outcome"]]))
        wf = wb.create_sheet("So lieu")
        figures = self.desk.petitions.figures(date_from, date_to)
        wf.append(safe_row([figures.sentence()]))
        wf.append(safe_row([figures.receptions_sentence()]))
        target = Path(target)
        wb.save(target)
        return target

    def _officer_name(self, officer_id: str) -> str:
        row: dict[str, Any] | None = self.desk.store.query_one(
            "SELECT full_name FROM officers WHERE id = ?", (officer_id,))
        return str(row["full_name"]) if row else ""
