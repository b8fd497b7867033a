"""FormService: render a form for a dossier, keep the PDF in the data directory, record it.

Every printed form is archived under `<data_dir>/forms/<yyyy>/<mm>/<code>/` and listed in
`printed_forms`, so a lost slip is reprinted byte for byte from the archive rather than rendered again
from data that may have changed since.

Form 01 has versions: when a step moves the promised date (supplement received, financial obligation
met, verification needed) the next slip printed is a new issue that says which one it replaces; the
archive keeps every issue, and a reprint gives the latest, saying which issue it is (`latest`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.clock import iso
from desk.codes import register_book_label
from desk.errors import DeskError, NotFoundError, ValidationError
from desk.forms.common import FormContext
from desk.forms.control import hand_offs, render_control
from desk.forms.layout import Paper
from desk.forms.layout import paper as paper_spec
from desk.forms.notices import (
    render_apology,
    render_refusal,
    render_rejection,
    render_stop,
    render_supplement,
)
from desk.forms.qr import district_lookup_base, slip_url
from desk.forms.register import render_register
from desk.forms.slip import Issue, render_slip
from desk.forms.titles import form_title
from desk.ids import new_id
from desk.intake import parse_moment

if TYPE_CHECKING:
    from desk.services import Desk

Row = dict[str, Any]

FORM_KINDS = ("supplement", "refusal", "apology", "stop", "rejection", "control")
KIND_LABELS_VI = {
    "slip": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "rejection": "Thông báo từ chối giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "register": "Sổ theo dõi hồ sơ",
}


def render_here(fn: Callable[..., bytes], *args: Any, **kwargs: Any) -> bytes:
    return fn(*args, **kwargs)


class FormService:
    """`renderer(render_fn, *args, **kwargs)` runs a ReportLab render function and returns its PDF; the
    window hands one that runs it in its print worker process, since rendering is Python that would
    otherwise share the window's GIL. The data a form shows is always read here, in the caller's process."""

    def __init__(self, desk: Desk, *, renderer: Callable[..., bytes] = render_here) -> None:
        self.desk = desk
        self.store = desk.store
        self.renderer = renderer

    # --- form 01 ----------------------------------------------------------------------------------
    def slip(self, dossier_ref: str, *, paper: str = "a4", officer_id: str = "system") -> Path:
        """Render form 01 (both copies as separate pages), archive it, record it, return the PDF path."""
        pap = paper_spec(paper)
        dossier = self.desk.dossiers.get(dossier_ref)
        self._check_accepted(dossier)
        profile = self.desk.office.require()
        last = self.latest(dossier["id"], "slip")
        if last is None:
            issue = Issue()
        elif last["due_at"] == dossier["due_at"]:
            issue = Issue(int(last["version"]), self._replaced_due(dossier["id"], int(last["version"])))
        else:
            issue = Issue(int(last["version"]) + 1, last["due_at"])
        # Dated the day it is issued: a re-issued slip is a new paper, its receipt time stays item 4.
        dated = datetime.fromisoformat(dossier["received_at"]) if issue.number == 1 else self.store.clock()
        pdf = self.renderer(
            render_slip,
            self._context("slip", pap, dated),
            dossier,
            url=slip_url(profile, dossier["code"], fallback_base=self._district_lookup()),
            receiver=self._officer_name(dossier.get("received_by")),
            desk_label=f" – Quầy số {int(dossier['desk_no']):02d}" if dossier.get("desk_no") else "",
            cutoff=self._cutoff(dossier),
            issue=issue,
        )
        return self._archive(dossier, "slip", pap.name, pdf, officer_id, version=issue.number,
                             due_at=str(dossier["due_at"]))

    def _district_lookup(self) -> str:
        """The enrolled district's lookup page: what the QR opens when the office set no address of its own."""
        server_url = self.store.scalar("SELECT server_url FROM sync_identity WHERE id = 1")
        return district_lookup_base(str(server_url or ""))

    def latest(self, dossier_ref: str, kind: str = "slip") -> dict[str, Any] | None:
        """The latest archived print of this kind for the dossier (its `version`, `due_at`, `printed_at`,
        `path`), or None when none was printed on this desk."""
        dossier = self.desk.dossiers.get(dossier_ref)
        row = self.store.query_one(
            "SELECT * FROM printed_forms WHERE dossier_id = ? AND kind = ? ORDER BY printed_at DESC, rowid DESC "
            "LIMIT 1", (dossier["id"], kind))
        if row is not None:
            row["path"] = str(self._resolve(row["path"]))
            row["label"] = KIND_LABELS_VI.get(kind, kind)
        return row

    def _replaced_due(self, dossier_id: str, version: int) -> str | None:
        return self.store.scalar(
            "SELECT due_at FROM printed_forms WHERE dossier_id = ? AND kind = 'slip' AND version = ? "
            "ORDER BY printed_at DESC, rowid DESC LIMIT 1", (dossier_id, version - 1))

    # --- the other forms --------------------------------------------------------------------------
    def form(self, kind: str, dossier_ref: str, *, officer_id: str = "system", paper: str = "a4",
             **extra: Any) -> Path:
        """kind in 'supplement' (02), 'refusal' (03), 'apology' (04), 'stop' (stop notice), 'control'
        (control sheet). What the form states comes from the dossier's action log; `extra` may supply it
        before the action is recorded (missing_documents, reason, contact_name, contact_phone, new_due_at)."""
        if kind == "slip":
            return self.slip(dossier_ref, paper=paper, officer_id=officer_id)
        if kind not in FORM_KINDS:
            raise ValidationError("kind", f"Không có biểu mẫu «{kind}»; chọn một trong: {', '.join(FORM_KINDS)}.")
        pap = paper_spec(paper, ("a4", "a5"))
        dossier = self.desk.dossiers.get(dossier_ref)
        actions = self.desk.dossiers.actions(dossier["id"])
        make = {"supplement": self._supplement, "refusal": self._refusal, "apology": self._apology,
                "stop": self._stop, "rejection": self._rejection, "control": self._control}[kind]
        pdf = make(dossier, actions, pap, officer_id, extra)
        return self._archive(dossier, kind, pap.name, pdf, officer_id)

    def _supplement(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        act = _last(actions, lambda a: a["to_status"] == "supplement_requested")
        data = act["data"] if act else {}
        missing = [str(m) for m in extra.get("missing_documents", data.get("missing_documents", []))]
        reason = str(extra.get("reason", data.get("reason", "")))
        if not (missing or reason):
            raise DeskError(f"Hồ sơ {dossier['code']} chưa có yêu cầu bổ sung: ghi nhận «Yêu cầu bổ sung» "
                            "(giấy tờ cần bổ sung hoặc lý do) trước khi in phiếu.", code="no_supplement")
        contact = str(extra.get("contact_name") or self._officer_name(act["by_officer"] if act else officer_id))
        return self.renderer(
            render_supplement,
            self._context("supplement", pap, _at(act, self.store.clock())), dossier, missing=missing,
            reason=reason, contact_name=contact,
            contact_phone=str(extra.get("contact_phone") or self.desk.office.require().phone))

    def _refusal(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        act = _last(actions, lambda a: a["to_status"] == "refused")
        reason = str(extra.get("reason") or (act["data"].get("reason") if act else "") or "")
        if not reason:
            raise DeskError(f"Hồ sơ {dossier['code']} chưa bị từ chối tiếp nhận: ghi lý do từ chối trước khi "
                            "in phiếu.", code="no_refusal")
        by = str(act["by_officer"]) if act else officer_id
        return self.renderer(render_refusal, self._context("refusal", pap, _at(act, self.store.clock())), dossier,
                             reason=reason, officer_name=self._officer_name(by))

    def _apology(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        act = _last(actions, lambda a: a["kind"] == "apologize")
        raw_due = extra.get("new_due_at") or dossier.get("new_due_at")
        reason = str(extra.get("reason") or (act["data"].get("reason") if act else "") or "")
        if not raw_due or not reason:
            raise DeskError(f"Hồ sơ {dossier['code']} chưa được hẹn lại ngày trả: ghi nhận «Xin lỗi, hẹn lại "
                            "ngày trả» (lý do và ngày hẹn mới) trước khi in phiếu.", code="no_apology")
        new_due = raw_due if isinstance(raw_due, datetime) else parse_moment(raw_due, "new_due_at",
                                                                             "Ngày hẹn trả mới")
        return self.renderer(render_apology, self._context("apology", pap, _at(act, self.store.clock())), dossier,
                             new_due=new_due, reason=reason)

    def _stop(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        act = _last(actions, lambda a: a["kind"] in ("stop", "withdraw"))
        reason = str(extra.get("reason") or (act["data"].get("reason") if act else "") or "")
        if act is None and not extra.get("reason"):
            raise DeskError(f"Hồ sơ {dossier['code']} chưa dừng giải quyết hay rút: ghi nhận «Dừng giải "
                            "quyết» hoặc «Rút hồ sơ» (kèm lý do) trước khi in thông báo.", code="no_stop")
        stopped_at = _at(act, self.store.clock())
        return self.renderer(render_stop, self._context("stop", pap, stopped_at), dossier, reason=reason,
                             stopped_at=stopped_at, withdrawn=bool(act and act["kind"] == "withdraw"))

    def _rejection(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        act = _last(actions, lambda a: a["kind"] == "reject")
        reason = str(extra.get("reason") or (act["data"].get("reason") if act else "") or "")
        if act is None and not extra.get("reason"):
            raise DeskError(f"Hồ sơ {dossier['code']} chưa bị từ chối giải quyết: ghi nhận «Từ chối giải quyết» "
                            "(kèm lý do) trước khi in thông báo.", code="no_rejection")
        handed = _last(actions, lambda a: a["kind"] == "hand_over")
        unit = str((handed["data"].get("to_unit") if handed else "") or "")
        decided = _at(act, self.store.clock())
        return render_rejection(self._context("rejection", pap, decided), dossier, reason=reason,
                                decided_at=decided, unit_name=unit)

    def _control(self, dossier: Row, actions: list[Row], pap: Paper, officer_id: str, extra: Row) -> bytes:
        return self.renderer(render_control,
                             self._context("control", pap, datetime.fromisoformat(dossier["received_at"])),
                             dossier, hand_offs(dossier, actions))

    # --- the register -----------------------------------------------------------------------------
    def register(self, date_from: date, date_to: date, *, officer_id: str = "system",
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> Path:
        """Sổ theo dõi hồ sơ for the dossiers received from `date_from` to `date_to` (both included).

        A month of a busy ward takes seconds: `progress(pages_done, dossiers)` is called after each
        page, and `cancel()` returning True stops the rendering (nothing is archived)."""
        check_range(date_from, date_to)
        pap = paper_spec("a4-landscape", ("a4-landscape",))
        profile = self.desk.office.require()
        # The lines of the book: accepted dossiers (a refusal at the desk, or one sent back to be completed,
        # is not entered until it is accepted), each under the STT its slip printed.
        dossiers = self.store.query(
            "SELECT * FROM dossiers WHERE received_at >= ? AND received_at < ? AND register_no > 0 "
            "ORDER BY received_at, code",
            (date_from.isoformat(), (date_to + timedelta(days=1)).isoformat()))
        books = sorted({str(d["register_book"]) for d in dossiers if d.get("register_book")})
        book = ", ".join(books) or register_book_label(profile.register_book, date_from.year)
        officers = {str(r["id"]): str(r["full_name"]) for r in self.desk.officers.list()}

        def on_page(page: int) -> None:
            if progress is not None:
                progress(page, len(dossiers))
            if cancel is not None and cancel():
                raise DeskError("Đã hủy in Sổ theo dõi hồ sơ.", code="cancelled")

        # Rendered here, not by the renderer: `on_page` reports progress and cancels, and a callback
        # does not cross into another process (the register is printed from the office, not at intake).
        now = self.store.clock()
        pdf = render_register(self._context("register", pap, now), dossiers, officers,
                              date_from=date_from, date_to=date_to, book=book, at=now, on_page=on_page)
        return self._archive(None, "register", pap.name, pdf, officer_id,
                             name_hint=f"-{date_from:%Y%m%d}-{date_to:%Y%m%d}")

    # --- archive ----------------------------------------------------------------------------------
    def reprint(self, dossier_ref: str, kind: str = "slip", *, officer_id: str = "system",
                paper: str | None = None) -> Path:
        """The archived PDF of the latest print of this kind, unchanged (a lost slip, a second copy).

        A form never printed on this desk (a dossier received on another desk of the commune) is
        rendered now, on `paper` (by default the desk's own paper setting), and archived, so the next
        reprint is identical to it."""
        paper = paper or str(self.desk.settings.get("print.paper"))
        dossier = self.desk.dossiers.get(dossier_ref)
        row = self.store.query_one(
            "SELECT * FROM printed_forms WHERE dossier_id = ? AND kind = ? ORDER BY printed_at DESC, rowid DESC "
            "LIMIT 1", (dossier["id"], kind))
        if kind == "slip" and row is not None and row["due_at"] != dossier["due_at"]:
            # The promised date moved since the last slip (e.g. synced from another desk): the citizen
            # needs the paper with the new date, not the stale one.
            return self.slip(dossier["id"], paper=str(row["paper"]), officer_id=officer_id)
        if row is None:
            if kind == "slip":
                return self.slip(dossier["id"], paper=paper, officer_id=officer_id)
            return self.form(kind, dossier["id"], officer_id=officer_id, paper="a4" if paper == "80mm" else paper)
        path = self._resolve(row["path"])
        if not path.exists() or _sha256(path.read_bytes()) != row["sha256"]:
            raise NotFoundError(
                f"Bản lưu của «{KIND_LABELS_VI.get(kind, kind)}» hồ sơ {dossier['code']} bị mất hoặc đã bị sửa "
                f"({path}); hãy in lại từ dữ liệu hồ sơ.", code="archive_damaged")
        with self.store.write(officer_id) as uow:
            uow.audit("form_reprinted", "dossier", dossier["id"], {"kind": kind, "printed_form": row["id"]})
        return path

    def archived(self, dossier_ref: str) -> list[dict[str, Any]]:
        """Every form printed for the dossier, newest first, with the absolute path of its PDF."""
        dossier = self.desk.dossiers.get(dossier_ref)
        rows = self.store.query(
            "SELECT f.*, COALESCE(o.full_name, f.by_officer) AS officer_name FROM printed_forms f "
            "LEFT JOIN officers o ON o.id = f.by_officer WHERE f.dossier_id = ? "
            "ORDER BY f.printed_at DESC, f.rowid DESC", (dossier["id"],))
        for r in rows:
            r["path"] = str(self._resolve(r["path"]))
            r["label"] = KIND_LABELS_VI.get(r["kind"], r["kind"])
        return rows

    # --- helpers ----------------------------------------------------------------------------------
    def _check_accepted(self, dossier: Mapping[str, Any]) -> None:
        """A slip promises a return date: never print one for a dossier the desk did not accept (refused,
        or sent back for completion at intake and not yet brought back complete)."""
        accepted = self.store.scalar(
            "SELECT 1 FROM dossier_actions WHERE dossier_id = ? AND to_status IN "
            "('received', 'in_processing', 'result_ready', 'returned') LIMIT 1", (dossier["id"],))
        if accepted:
            return
        if dossier["status"] == "refused":
            raise DeskError(f"Hồ sơ {dossier['code']} bị từ chối tiếp nhận: in Phiếu từ chối tiếp nhận (mẫu 03), "
                            "không in giấy hẹn.", code="not_accepted")
        raise DeskError(f"Hồ sơ {dossier['code']} chưa đủ để tiếp nhận: in Phiếu yêu cầu bổ sung (mẫu 02); giấy "
                        "hẹn in khi người nộp mang hồ sơ đã bổ sung đến.", code="not_accepted")

    def _context(self, kind: str, pap: Paper, dated: datetime) -> FormContext:
        profile = self.desk.office.require()
        return FormContext(profile, form_title(kind, profile.form_numbering, self.desk.data_dir), pap, dated)

    def _officer_name(self, officer_id: object) -> str:
        if not officer_id:
            return ""
        row = self.desk.officers.get(str(officer_id))
        return str(row["full_name"]) if row else ""

    def _cutoff(self, dossier: Mapping[str, Any]) -> str | None:
        if dossier.get("same_day_cutoff"):
            return str(dossier["same_day_cutoff"])
        try:
            proc = self.desk.catalog.get(str(dossier["procedure_code"]))
        except NotFoundError:
            return None
        return proc.get("same_day_cutoff") or None

    def _resolve(self, stored: str) -> Path:
        path = Path(stored)
        # Stored relative to the data directory, so a moved or restored data folder keeps its archive.
        return path if path.is_absolute() else self.desk.data_dir / path

    def archive(self, kind: str, paper: str, pdf: bytes, officer_id: str, *, folder: Path, name_hint: str = "",
                dossier_id: str | None = None) -> Path:
        """Archive and record a PDF that is not a dossier form (a receipt, a till's hand-over list, a
        report) under `forms/<folder>/`; `dossier_id` links it to a dossier's list of printed forms."""
        return self._archive(None, kind, paper, pdf, officer_id, name_hint=name_hint,
                             folder=Path("forms") / folder, dossier_id=dossier_id)

    def _archive(self, dossier: Mapping[str, Any] | None, kind: str, paper: str, pdf: bytes,
                 officer_id: str, *, name_hint: str = "", version: int = 1, due_at: str | None = None,
                 folder: Path | None = None, dossier_id: str | None = None) -> Path:
        now = self.store.clock()
        form_id = new_id()
        if folder is not None:
            pass
        elif dossier is not None:
            received = datetime.fromisoformat(str(dossier["received_at"]))
            folder = Path("forms") / f"{received:%Y}" / f"{received:%m}" / _safe(str(dossier["code"]))
        else:
            folder = Path("forms") / "registers"
        if dossier is not None:
            dossier_id = str(dossier["id"])
        issue = f"-v{version}" if version > 1 else ""
        rel = folder / f"{kind}{issue}-{paper}-{now:%Y%m%d-%H%M%S}-{form_id[-8:]}{name_hint}.pdf"
        target = self.desk.data_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        digest = _sha256(pdf)
        try:
            with self.store.write(officer_id) as uow:
                uow.insert("printed_forms", {
                    "id": form_id, "dossier_id": dossier_id, "kind": kind,
                    "paper": paper, "path": rel.as_posix(), "sha256": digest, "printed_at": iso(uow.now),
                    "by_officer": officer_id, "version": version, "due_at": due_at,
                })
                uow.audit("form_printed", "dossier" if dossier_id is not None else "register",
                          dossier_id if dossier_id is not None else form_id,
                          {"kind": kind, "paper": paper, "sha256": digest, "path": rel.as_posix(), "version": version})
        except BaseException:
            target.unlink(missing_ok=True)  # no archive file without its record
            raise
        return target


def _last(actions: list[dict[str, Any]], match: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    found = [a for a in actions if match(a)]
    return found[-1] if found else None


def _at(action: Mapping[str, Any] | None, default: datetime) -> datetime:
    return datetime.fromisoformat(str(action["at"])) if action else default


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z.\-]", "_", text)


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValidationError("date_to", f"Ngày cuối ({date_to:%d/%m/%Y}) phải từ ngày đầu ({date_from:%d/%m/%Y}) "
                              "trở đi.")
