"""Printing what the fees produce — receipts, the till's hand-over list, the collections report —
archived like every form (`printed_forms`, under `forms/receipts/…`, `forms/tills/…`, `forms/reports/…`).

A receipt's first print is the original; every later print of the same receipt is rendered again
marked as a copy (never the archived original, which would pass for a second receipt).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk.errors import ValidationError
from desk.fees.report import collections
from desk.fees.series import format_number
from desk.forms.collections import render_collections
from desk.forms.common import FormContext
from desk.forms.layout import paper as paper_spec
from desk.forms.receipt import receipt_url, render_receipt
from desk.forms.service import FormService
from desk.forms.till import render_till
from desk.forms.titles import FormTitle
from desk.resources import load_json

if TYPE_CHECKING:
    from desk.services import Desk

RECEIPT_PAPERS = ("a5", "80mm")


def receipt_paper(setting: str) -> str:
    """The office's slip paper, as receipts take it: A4 offices print receipts on A5."""
    return setting if setting in RECEIPT_PAPERS else "a5"


def _title(kind: str) -> FormTitle:
    return FormTitle(kind, "", str(load_json("fees.json")["titles"][kind]), "")


class FeeForms:
    def __init__(self, desk: Desk, forms: FormService | None = None) -> None:
        self.desk = desk
        self.forms = forms or FormService(desk)

    def receipt(self, ref: str, *, paper: str = "a5", officer_id: str = "system") -> Path:
        """Render, archive and return the receipt's PDF (two copies); a copy-marked one when it was
        printed before."""
        pap = paper_spec(paper, RECEIPT_PAPERS)
        row = self.desk.fees.receipts.get(ref)
        if row["void"]:
            raise ValidationError("receipt", f"Số {row['symbol']} {format_number(int(row['number']))} không phải "
                                             "biên lai đã thu (số không sử dụng): không có gì để in.")
        folder = Path("receipts") / str(row["symbol"]).replace("/", "_") / format_number(int(row["number"]))
        printed = self.desk.store.scalar("SELECT 1 FROM printed_forms WHERE kind = 'receipt' AND path LIKE ? LIMIT 1",
                                         (f"forms/{folder.as_posix()}/%",))
        profile = self.desk.office.require()
        now = self.desk.store.clock()
        ctx = FormContext(profile, _title("receipt"), pap, datetime.fromisoformat(str(row["issued_at"])))
        pdf = render_receipt(ctx, row, url=receipt_url(profile, row), reprint_at=now if printed else None)
        dossier_id = row["dossier_id"] if row["dossier_id"] and self.desk.store.scalar(
            "SELECT 1 FROM dossiers WHERE id = ?", (row["dossier_id"],)) else None
        return self.forms.archive("receipt", pap.name, pdf, officer_id, folder=folder, dossier_id=dossier_id,
                                  name_hint="-ban-sao" if printed else "")

    def till(self, close_id: str, *, officer_id: str = "system") -> Path:
        """The hand-over list (bảng kê) of a till close, on A4."""
        close = self.desk.fees.till.get_close(close_id)
        pap = paper_spec("a4", ("a4",))
        ctx = FormContext(self.desk.office.require(), _title("till"), pap,
                          datetime.fromisoformat(str(close["closed_at"])))
        pdf = render_till(ctx, close, close["receipts"])
        return self.forms.archive("till", pap.name, pdf, officer_id, folder=Path("tills") / str(close["day"])[:7])

    def collections(self, date_from: date, date_to: date, *, officer_id: str = "system") -> Path:
        """Báo cáo tình hình thu phí, lệ phí for a period, on A4."""
        report = collections(self.desk.store, date_from, date_to)
        pap = paper_spec("a4", ("a4",))
        ctx = FormContext(self.desk.office.require(), _title("collections"), pap, self.desk.store.clock())
        name = self.desk.store.scalar("SELECT full_name FROM officers WHERE id = ?", (officer_id,)) or ""
        pdf = render_collections(ctx, report, prepared_by=str(name))
        return self.forms.archive("collections", pap.name, pdf, officer_id, folder=Path("reports"),
                                  name_hint=f"-thu-phi-{date_from:%Y%m%d}-{date_to:%Y%m%d}")
