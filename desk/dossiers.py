"""Dossiers: intake, the lifecycle actions, and finding them again.

`validate_intake` decides what makes an intake valid (the window only shows its messages);
`DossierService.receive` and `.act` are the only ways a dossier changes, each one transaction through
`Store.write` that carries the record, its action, its audit entry and its outbox op.
"""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk import lifecycle as lc
from desk.calendar import WorkCalendar
from desk.catalog import Catalog
from desk.citizen_id import GENDERS, check_id_number
from desk.clock import iso
from desk.codes import day_key, format_code, parse_code
from desk.errors import NotFoundError, ValidationError, ValidationErrors
from desk.ids import new_id
from desk.office import OfficeService
from desk.store import Store, UnitOfWork
from desk.text import ascii_digits, clean_line, fold, parse_hhmm, title_case_name

APPLICANT_TYPES = {"citizen": "Công dân", "business": "Doanh nghiệp", "agency": "Cơ quan nhà nước",
                   "organisation": "Tổ chức khác"}
CHANNELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "post": "Bưu chính công ích"}
RETURN_PLACES = {"desk": "Bộ phận Một cửa", "post": "Qua dịch vụ bưu chính"}
SATISFACTION = {"very_satisfied": "Rất hài lòng", "satisfied": "Hài lòng", "dissatisfied": "Không hài lòng"}
PHONE = re.compile(r"^(\+84|0)\d{9,10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DOCUMENTS = 200


@dataclass
class ApplicantInput:
    full_name: str = ""
    id_number: str = ""
    dob: str | date | None = None  # DD/MM/YYYY as typed, or a date
    gender: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    old_id_number: str = ""


@dataclass
class DocumentInput:
    name: str
    originals: int = 0
    certified: int = 0
    photocopies: int = 0
    position: int | None = None  # the catalogue position, when it comes from the catalogue


@dataclass
class IntakeInput:
    procedure_code: str
    applicant: ApplicantInput
    documents: list[DocumentInput] | None = None  # None: the catalogue's list, as submitted
    applicant_type: str = "citizen"
    channel: str = "direct"
    submitter_name: str = ""
    submitter_id_number: str = ""
    sets_count: int = 1
    return_place: str = "desk"
    received_at: datetime | None = None
    confirmed_due_at: datetime | None = None  # needed when the procedure's limit is unconfirmed
    note: str = ""


@dataclass(frozen=True)
class DuePreview:
    due_at: datetime | None
    days: int | None
    needs_confirmation: bool
    same_day_cutoff: time | None

    def text_vi(self) -> str:
        if self.due_at is None:
            return "Thời hạn của thủ tục chưa được xác nhận: cán bộ cần nhập ngày hẹn trả."
        return f"{self.due_at:%H:%M} ngày {self.due_at:%d/%m/%Y}"


@dataclass
class CleanIntake:
    procedure: dict[str, Any]
    applicant: dict[str, Any]
    documents: list[dict[str, Any]]
    fields: dict[str, Any] = field(default_factory=dict)
    received_at: datetime = field(default_factory=datetime.now)
    due_at: datetime = field(default_factory=datetime.now)
    due_confirmed: bool = False


def parse_dob(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = value.strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d%m%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError("dob", f"Ngày sinh «{text[:20]}» không đúng dạng NN/TT/NNNN.",
                          message_en="Date of birth must be DD/MM/YYYY.")


# Papers the catalogue lists for some cases only ("Trường hợp …", "… trong trường hợp ủy quyền").
_CONDITIONAL = re.compile(r"^truong hop|\btrong truong hop\b")


def default_documents(procedure_docs: Sequence[Mapping[str, Any]]) -> list[DocumentInput]:
    """The catalogue's documents with the usual kind of copy taken from its wording.

    Papers only shown at the desk ("xuất trình", e.g. the ID card) and papers needed only in some cases
    ("Trường hợp …", "… trong trường hợp …") start at zero: the officer counts them in when the citizen brings them, and
    rows left at zero are not recorded as submitted.
    """
    docs = []
    for d in procedure_docs:
        text = fold(str(d.get("copies_text") or ""))
        copies = int(d.get("copies") or 1)
        if fold(str(d.get("submission") or "")) == "xuat trinh" or _CONDITIONAL.search(fold(str(d["name"]))):
            docs.append(DocumentInput(d["name"], position=int(d["position"])))
        elif "chung thuc" in text or "ban sao" in text:
            docs.append(DocumentInput(d["name"], certified=copies, position=int(d["position"])))
        elif "photo" in text:
            docs.append(DocumentInput(d["name"], photocopies=copies, position=int(d["position"])))
        else:
            docs.append(DocumentInput(d["name"], originals=copies, position=int(d["position"])))
    return docs


def _count(value: object, field_name: str, label: str) -> int:
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError(field_name, f"{label} phải là số.") from None
    if not 0 <= n <= 99:
        raise ValidationError(field_name, f"{label} phải từ 0 đến 99.")
    return n


def validate_applicant(
    a: ApplicantInput, *, id_required: bool, today: date | None = None
) -> tuple[dict[str, Any], list[ValidationError]]:
    errors: list[ValidationError] = []
    out: dict[str, Any] = {}

    def take(key: str, value: object, label: str, **kw: Any) -> str:
        try:
            out[key] = clean_line(value, field=key, label=label, **kw)
        except ValidationError as e:
            errors.append(e)
            out[key] = ""
        return str(out[key])

    name = take("full_name", a.full_name, "Họ tên người nộp", required=True, max_len=100)
    if name:
        if re.search(r"[0-9@#$%^&*_=+<>{}\[\]\\|/]", name):
            errors.append(ValidationError("full_name", "Họ tên người nộp chỉ gồm chữ cái và khoảng trắng."))
        out["full_name"] = title_case_name(name)
    id_number = take("id_number", ascii_digits(a.id_number or ""), "Số định danh cá nhân", max_len=40)
    id_number = id_number.replace(" ", "")
    out["id_number"] = id_number
    if id_required and not id_number and not any(e.field == "id_number" for e in errors):
        errors.append(ValidationError("id_number", "Số định danh cá nhân (CCCD) không được để trống."))
    try:
        dob = parse_dob(a.dob)
        if dob is not None and not (date(1900, 1, 1) <= dob <= (today or date.today())):
            raise ValidationError("dob", "Ngày sinh không hợp lệ (sau ngày hôm nay hoặc trước năm 1900).")
        out["dob"] = dob.isoformat() if dob else ""
    except ValidationError as e:
        errors.append(e)
        dob = None
        out["dob"] = ""
    gender = take("gender", a.gender, "Giới tính", max_len=10)
    if gender:
        norm = GENDERS.get(gender.lower())
        if norm is None:
            errors.append(ValidationError("gender", "Giới tính phải là «Nam» hoặc «Nữ»."))
        else:
            out["gender"] = norm
    if id_number:
        errors.extend(check_id_number(id_number, dob=dob, gender=out.get("gender", "")))
    take("address", a.address, "Địa chỉ", max_len=300)
    phone = take("phone", ascii_digits(a.phone or ""), "Số điện thoại", max_len=20).replace(" ", "").replace(".", "")
    out["phone"] = phone
    if phone and not PHONE.match(phone):
        errors.append(ValidationError("phone", "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)."))
    email = take("email", a.email, "Thư điện tử", max_len=120)
    if email and not EMAIL.match(email):
        errors.append(ValidationError("email", "Địa chỉ thư điện tử không hợp lệ."))
    old = take("old_id_number", a.old_id_number, "Số CMND cũ", max_len=12)
    if old and not re.match(r"^\d{9}$|^\d{12}$", old):
        errors.append(ValidationError("old_id_number", "Số CMND cũ phải gồm 9 chữ số."))
    return out, errors


class DossierService:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        office: OfficeService,
        calendar_provider: Callable[[], WorkCalendar],
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.office = office
        self.calendar = calendar_provider

    # --- intake -----------------------------------------------------------------------------------
    def preview_due(self, procedure_code: str, received_at: datetime | None = None) -> DuePreview:
        proc = self.catalog.get(procedure_code)
        return self._due_for(proc, received_at or self.store.clock())

    def _due_for(self, proc: Mapping[str, Any], received_at: datetime) -> DuePreview:
        cutoff = None
        if proc.get("same_day_cutoff"):
            cutoff = parse_hhmm(proc["same_day_cutoff"], field="same_day_cutoff", label="Giờ giới hạn tiếp nhận")
        days = proc.get("time_limit_days")
        if days is None:
            return DuePreview(None, None, True, cutoff)
        return DuePreview(self.calendar().due(received_at, int(days), cutoff), int(days), False, cutoff)

    def validate_intake(self, intake: IntakeInput) -> CleanIntake:
        """Everything that makes an intake valid, as one list of field errors."""
        errors: list[ValidationError] = []
        proc: dict[str, Any] | None = None
        code = (intake.procedure_code or "").strip()
        if not code:
            errors.append(ValidationError("procedure_code", "Chưa chọn thủ tục hành chính."))
        else:
            try:
                proc = self.catalog.get(code[:60])
            except NotFoundError as e:
                errors.append(ValidationError("procedure_code", e.message_vi))
        applicant, app_errors = validate_applicant(intake.applicant, id_required=intake.applicant_type == "citizen",
                                                   today=self.store.clock().date())
        errors.extend(app_errors)
        fields: dict[str, Any] = {}
        if intake.applicant_type not in APPLICANT_TYPES:
            errors.append(ValidationError("applicant_type", "Loại người nộp không hợp lệ."))
        if intake.channel not in CHANNELS:
            errors.append(ValidationError("channel", "Hình thức nộp không hợp lệ."))
        if intake.return_place not in RETURN_PLACES:
            errors.append(ValidationError("return_place", "Nơi nhận kết quả không hợp lệ."))
        for key, value, label, max_len in (
            ("submitter_name", intake.submitter_name, "Họ tên người được ủy quyền", 100),
            ("submitter_id_number", intake.submitter_id_number, "Số giấy tờ người được ủy quyền", 12),
            ("note", intake.note, "Ghi chú", 1000),
        ):
            try:
                fields[key] = clean_line(value, field=key, label=label, max_len=max_len, multiline=key == "note")
            except ValidationError as e:
                errors.append(e)
        if fields.get("submitter_name"):
            fields["submitter_name"] = title_case_name(fields["submitter_name"])
        try:
            fields["sets_count"] = _count(intake.sets_count, "sets_count", "Số lượng hồ sơ (bộ)")
            if fields["sets_count"] < 1:
                errors.append(ValidationError("sets_count", "Số lượng hồ sơ phải ít nhất 1 bộ."))
        except ValidationError as e:
            errors.append(e)
        documents: list[dict[str, Any]] = []
        if proc is not None:
            docs_in = intake.documents if intake.documents is not None else default_documents(proc["documents"])
            if len(docs_in) > MAX_DOCUMENTS:
                errors.append(ValidationError("documents", f"Quá nhiều thành phần hồ sơ (tối đa {MAX_DOCUMENTS})."))
                docs_in = []
            for i, d in enumerate(docs_in, start=1):
                try:
                    if not any(_count(c, "documents", "Số bản") for c in (d.originals, d.certified, d.photocopies)):
                        continue  # not brought: not part of what was received
                    documents.append({
                        "position": len(documents) + 1,
                        "catalog_position": d.position,
                        "name": clean_line(d.name, field="documents", label=f"Thành phần hồ sơ số {i}",
                                           required=True, max_len=2000),
                        "originals": _count(d.originals, "documents", f"Số bản chính (thành phần {i})"),
                        "certified": _count(d.certified, "documents", f"Số bản chứng thực (thành phần {i})"),
                        "photocopies": _count(d.photocopies, "documents", f"Số bản photo (thành phần {i})"),
                    })
                except ValidationError as e:
                    errors.append(e)
        now = self.store.clock()
        received_at = (intake.received_at or now).replace(microsecond=0)
        if received_at > now + timedelta(minutes=5):
            errors.append(ValidationError("received_at", "Thời gian tiếp nhận không được ở tương lai."))
        elif received_at < now - timedelta(days=366):
            errors.append(ValidationError("received_at", "Thời gian tiếp nhận quá xa trong quá khứ (hơn một năm)."))
        due_at: datetime | None = None
        due_confirmed = False
        if proc is not None:
            preview = self._due_for(proc, received_at)
            if preview.needs_confirmation:
                if intake.confirmed_due_at is None:
                    errors.append(ValidationError(
                        "due_at",
                        "Thời hạn giải quyết của thủ tục này chưa được xác nhận: hãy nhập ngày hẹn trả và xác nhận.",
                        message_en="This procedure's time limit is unconfirmed: enter and confirm the return date.",
                    ))
                elif intake.confirmed_due_at <= received_at:
                    errors.append(ValidationError("due_at", "Ngày hẹn trả phải sau thời gian tiếp nhận."))
                else:
                    due_at, due_confirmed = intake.confirmed_due_at.replace(second=0, microsecond=0), True
            else:
                due_at = preview.due_at
        if errors:
            raise ValidationErrors(errors)
        assert proc is not None and due_at is not None
        fields.update(applicant_type=intake.applicant_type, channel=intake.channel, return_place=intake.return_place)
        return CleanIntake(proc, applicant, documents, fields, received_at, due_at, due_confirmed)

    def receive(
        self,
        intake: IntakeInput,
        officer_id: str,
        *,
        outcome: str = lc.RECEIVED,
        reason: str = "",
        missing_documents: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Record a dossier. `outcome` is received, or supplement_requested / refused for forms 02 / 03."""
        if outcome not in (lc.RECEIVED, lc.SUPPLEMENT_REQUESTED, lc.REFUSED):
            raise ValidationError("outcome", "Kết quả tiếp nhận không hợp lệ.")
        clean = self.validate_intake(intake)
        reason_text = clean_line(reason, field="reason", label="Lý do", max_len=2000, multiline=True,
                                 required=outcome == lc.REFUSED)
        missing = [clean_line(m, field="missing_documents", label="Giấy tờ cần bổ sung", max_len=2000)
                   for m in missing_documents]
        if outcome == lc.SUPPLEMENT_REQUESTED and not (missing or reason_text):
            raise ValidationError("missing_documents", "Cần ghi giấy tờ phải bổ sung hoặc lý do.")
        profile = self.office.require()
        calendar = self.calendar()
        with self.store.write(officer_id) as uow:
            device = uow.one("SELECT desk_no FROM device WHERE id = 1")
            assert device is not None
            desk_no = int(device["desk_no"])
            citizen_id = self._upsert_citizen(uow, clean.applicant)
            received = clean.received_at
            number = uow.next_daily_number(day_key(received.date()))
            code = format_code(profile.agency_code, received.date(), desk_no, number)
            register_no = uow.next_daily_number(f"Y{received.year}-{desk_no:02d}")
            dossier_id = new_id()
            a = clean.applicant
            row = {
                "id": dossier_id,
                "code": code,
                "code_tail_rev": code.rsplit("-", 1)[-1][::-1],
                "procedure_code": clean.procedure["code"],
                "procedure_name": clean.procedure["name"],
                "field": clean.procedure["field"],
                "citizen_id": citizen_id,
                "applicant_name": a["full_name"],
                "applicant_name_fold": fold(a["full_name"]),
                "applicant_id_number": a["id_number"],
                "applicant_dob": a["dob"],
                "applicant_gender": a.get("gender", ""),
                "applicant_address": a["address"],
                "applicant_phone": a["phone"],
                "applicant_email": a["email"],
                "applicant_type": clean.fields["applicant_type"],
                "submitter_name": clean.fields["submitter_name"],
                "submitter_id_number": clean.fields["submitter_id_number"],
                "channel": clean.fields["channel"],
                "received_at": iso(received),
                "received_by": officer_id,
                "desk_no": desk_no,
                "sets_count": clean.fields["sets_count"],
                "time_limit_days": clean.procedure["time_limit_days"],
                "due_at": iso(clean.due_at),
                "due_confirmed": 1 if clean.due_confirmed else 0,
                "return_place": clean.fields["return_place"],
                "status": outcome,
                "status_at": iso(uow.now),
                "paused_at": iso(received) if outcome == lc.SUPPLEMENT_REQUESTED else None,
                "register_book": profile.register_book,
                "register_no": register_no,
                "calendar_version": calendar.version,
                "catalog_version": int(clean.procedure["catalog_version"]),
                "note": clean.fields["note"],
                "created_at": iso(uow.now),
                "updated_at": iso(uow.now),
            }
            uow.insert("dossiers", row)
            for d in clean.documents:
                uow.insert("dossier_documents", {k: d[k] for k in ("position", "name", "originals", "certified",
                                                                  "photocopies")} | {"dossier_id": dossier_id})
            self._index(uow, dossier_id)
            self.catalog.bump_use(uow, clean.procedure["code"])
            data: dict[str, Any] = {}
            if reason_text:
                data["reason"] = reason_text
            if missing:
                data["missing_documents"] = missing
            action = self._append_action(uow, row, "receive", None, outcome, officer_id, "", data)
            payload = {
                "dossier": {k: v for k, v in row.items() if k not in ("applicant_name_fold", "created_at", "updated_at",
                                                                      "status_at")},
                # Catalogue documents travel as positions: the server has the same catalogue version.
                "documents": [
                    [d["catalog_position"], d["originals"], d["certified"], d["photocopies"]]
                    if d["catalog_position"] is not None and d["catalog_position"] == d["position"]
                    else [None, d["originals"], d["certified"], d["photocopies"], d["name"]]
                    for d in clean.documents
                ],
                "action": action,
            }
            uow.record("receive", "dossier", dossier_id, payload,
                       audit_detail={"code": code, "procedure": row["procedure_code"], "status": outcome})
        return self.get(dossier_id)

    def _upsert_citizen(self, uow: UnitOfWork, a: Mapping[str, Any]) -> str | None:
        if not a.get("id_number"):
            return None
        existing = uow.one("SELECT * FROM citizens WHERE id_number = ?", (a["id_number"],))
        fields = {
            "full_name": a["full_name"], "name_fold": fold(a["full_name"]), "dob": a["dob"],
            "gender": a.get("gender", ""), "address": a["address"], "phone": a["phone"], "email": a["email"],
            "old_id_number": a.get("old_id_number", ""),
        }
        if existing is None:
            cid = new_id()
            uow.insert("citizens", {"id": cid, "id_number": a["id_number"], **fields,
                                    "created_at": iso(uow.now), "updated_at": iso(uow.now)})
            uow.audit("citizen_created", "citizen", cid, {"id_number": a["id_number"]})
            return cid
        # A returning citizen: keep what we knew unless the officer typed something new.
        changes = {k: v for k, v in fields.items() if v and v != existing.get(k)}
        if changes:
            changes["updated_at"] = iso(uow.now)
            uow.update("citizens", {"id": existing["id"]}, changes)
            uow.audit("citizen_updated", "citizen", existing["id"], {k: v for k, v in changes.items()
                                                                      if k != "name_fold"})
        return str(existing["id"])

    @staticmethod
    def _index(uow: UnitOfWork, dossier_id: str) -> None:
        row = uow.one("SELECT rowid, applicant_name_fold, procedure_name FROM dossiers WHERE id = ?", (dossier_id,))
        assert row is not None
        uow.execute("DELETE FROM dossiers_fts WHERE rowid = ?", (row["rowid"],))
        uow.execute("INSERT INTO dossiers_fts (rowid, name_fold, procedure_fold) VALUES (?, ?, ?)",
                    (row["rowid"], row["applicant_name_fold"], fold(row["procedure_name"])))

    @staticmethod
    def _append_action(
        uow: UnitOfWork, dossier: Mapping[str, Any], kind: str, from_status: str | None, to_status: str,
        officer_id: str, note: str, data: Mapping[str, Any], origin: str = "desk",
    ) -> dict[str, Any]:
        action = {
            "id": new_id(), "dossier_id": dossier["id"], "kind": kind, "from_status": from_status,
            "to_status": to_status, "at": iso(uow.now), "by_officer": officer_id, "note": note,
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True), "origin": origin,
        }
        uow.insert("dossier_actions", action)
        return action

    # --- lifecycle --------------------------------------------------------------------------------
    def act(
        self,
        dossier_ref: str,
        action: str,
        officer_id: str,
        *,
        note: str = "",
        data: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Apply one lifecycle action, or refuse it with a clear message; nothing is half-written."""
        data = dict(data or {})
        note = clean_line(note, field="note", label="Ghi chú", max_len=2000, multiline=True)
        with self.store.write(officer_id) as uow:
            dossier = uow.one("SELECT * FROM dossiers WHERE id = ? OR code = ?",
                              (dossier_ref, dossier_ref.strip().upper()))
            if dossier is None:
                raise NotFoundError(f"Không tìm thấy hồ sơ «{dossier_ref}».")
            spec = lc.check(action, dossier)
            changes, clean_data = self._changes_for(uow, dossier, action, data)
            to_status = spec.to_state or changes.get("status") or dossier["status"]
            changes["status"] = to_status
            if to_status != dossier["status"]:
                changes["status_at"] = iso(uow.now)
            changes["updated_at"] = iso(uow.now)
            uow.update("dossiers", {"id": dossier["id"]}, changes)
            record = self._append_action(uow, dossier, action, dossier["status"], to_status, officer_id, note,
                                         clean_data)
            uow.record("action", "dossier", dossier["id"],
                       {"action": record, "changes": {k: v for k, v in changes.items()
                                                      if k not in ("updated_at", "status_at")}},
                       audit_detail={"code": dossier["code"], "action": action, "to": to_status})
        return self.get(dossier["id"])

    def _changes_for(
        self, uow: UnitOfWork, dossier: Mapping[str, Any], action: str, data: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        now = uow.now
        changes: dict[str, Any] = {}
        clean: dict[str, Any] = {}

        def text(key: str, label: str, *, required: bool = False, max_len: int = 2000) -> str:
            value = clean_line(data.get(key, ""), field=key, label=label, required=required, max_len=max_len,
                               multiline=True)
            if value:
                clean[key] = value
            return value

        if action == "hand_over":
            text("to_unit", "Bộ phận giải quyết", max_len=200)
            text("handler", "Người nhận xử lý", max_len=100)
        elif action == "request_supplement":
            missing = [clean_line(m, field="missing_documents", label="Giấy tờ cần bổ sung", max_len=2000)
                       for m in data.get("missing_documents", [])]
            reason = text("reason", "Lý do")
            if not missing and not reason:
                raise ValidationError("missing_documents", "Cần ghi giấy tờ phải bổ sung hoặc lý do.")
            if missing:
                clean["missing_documents"] = missing
            changes["paused_at"] = iso(now)
        elif action == "supplement_received":
            changes.update(self._resume_after_supplement(uow, dossier, now))
        elif action == "result_ready":
            changes["result_at"] = iso(now)
        elif action == "apologize":
            reason = text("reason", "Lý do chậm trả kết quả", required=True)
            raw = data.get("new_due_at")
            new_due = raw if isinstance(raw, datetime) else parse_moment(raw, "new_due_at", "Ngày hẹn trả mới")
            current_due = datetime.fromisoformat(dossier["due_at"])
            if new_due <= current_due:
                raise ValidationError("new_due_at", "Ngày hẹn trả mới phải sau ngày hẹn cũ "
                                      f"({current_due:%H:%M %d/%m/%Y}).")
            cal = self.calendar()
            if not cal.is_working_day(new_due.date()):
                raise ValidationError("new_due_at", f"Ngày {new_due:%d/%m/%Y} là ngày nghỉ; hãy chọn ngày làm việc.")
            if not any(a <= new_due.time() <= b for a, b in cal.hours.sessions):
                raise ValidationError("new_due_at", f"Giờ hẹn {new_due:%H:%M} ngoài giờ làm việc ({cal.hours}).")
            changes["new_due_at"] = iso(new_due)
            clean["new_due_at"] = iso(new_due)
            clean["reason"] = reason
        elif action == "return_result":
            collected = text("collected_by", "Người nhận kết quả", required=True, max_len=100)
            clean["collected_by"] = title_case_name(collected)
            changes["collected_by"] = clean["collected_by"]
            originals = text("originals_returned", "Bản chính đã trả lại")
            changes["originals_returned"] = originals
            changes["returned_at"] = iso(now)
            if data.get("satisfaction"):
                changes["satisfaction"] = self._satisfaction(data["satisfaction"])
                clean["satisfaction"] = changes["satisfaction"]
        elif action == "rate":
            changes["satisfaction"] = self._satisfaction(data.get("satisfaction"))
            clean["satisfaction"] = changes["satisfaction"]
        elif action in ("withdraw", "stop", "refuse"):
            text("reason", "Lý do", required=True)
        return changes, clean

    @staticmethod
    def _satisfaction(value: object) -> str:
        if value not in SATISFACTION:
            raise ValidationError("satisfaction", "Mức hài lòng phải là Rất hài lòng, Hài lòng hoặc Không hài lòng.")
        return str(value)

    def _resume_after_supplement(self, uow: UnitOfWork, dossier: Mapping[str, Any], now: datetime) -> dict[str, Any]:
        """The clock was paused by the supplement request: resume it with the time that was left."""
        last = uow.one(
            "SELECT from_status, kind FROM dossier_actions WHERE dossier_id = ? AND to_status = ? "
            "ORDER BY at DESC, rowid DESC LIMIT 1",
            (dossier["id"], lc.SUPPLEMENT_REQUESTED),
        )
        previous = last["from_status"] if last else None
        cal = self.calendar()
        paused = datetime.fromisoformat(dossier["paused_at"]) if dossier["paused_at"] else now
        due = datetime.fromisoformat(dossier["due_at"])
        if previous is None:
            # Sent back at the desk (form 02): the dossier counts as received now, complete.
            proc = self.catalog.get(dossier["procedure_code"])
            preview = self._due_for(proc, now)
            new_due = preview.due_at if preview.due_at is not None else now + (due - paused)
            return {"status": lc.RECEIVED, "paused_at": None, "due_at": iso(new_due), "received_at": iso(now)}
        remaining = cal.working_minutes_between(paused, due)
        new_due = cal.add_working_minutes(now, remaining) if remaining > 0 else cal.closing_of(cal.next_opening(now).date())
        return {"status": previous, "paused_at": None, "due_at": iso(new_due)}

    # --- reading ----------------------------------------------------------------------------------
    def get(self, ref: str) -> dict[str, Any]:
        row = self.store.query_one("SELECT * FROM dossiers WHERE id = ? OR code = ?", (ref, ref.strip().upper()))
        if row is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ «{ref}».")
        row["documents"] = self.store.query(
            "SELECT position, name, originals, certified, photocopies FROM dossier_documents "
            "WHERE dossier_id = ? ORDER BY position", (row["id"],))
        row["effective_due_at"] = row["new_due_at"] or row["due_at"]
        row["allowed_actions"] = lc.allowed_actions(row)
        return row

    def actions(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT a.*, COALESCE(o.full_name, a.by_officer) AS officer_name FROM dossier_actions a "
            "LEFT JOIN officers o ON o.id = a.by_officer WHERE a.dossier_id = ? ORDER BY a.at, a.rowid",
            (dossier_id,))
        for r in rows:
            r["data"] = json.loads(r["data"] or "{}")
        return rows

    LIST_FILTERS = ("all", "today", "in_processing", "due_today", "overdue", "result_ready", "returned",
                    "refused", "supplement_requested")

    def list(self, flt: str = "all", *, limit: int = 200, offset: int = 0,
             now: datetime | None = None) -> builtins.list[dict[str, Any]]:
        now = now or self.store.clock()
        today = now.date().isoformat()
        tomorrow = (now.date() + timedelta(days=1)).isoformat()
        due = "COALESCE(new_due_at, due_at)"
        open_states = "('received','in_processing')"  # awaiting a supplement: the clock is paused
        where, params = {
            "all": ("1=1", []),
            "today": ("received_at >= ? AND received_at < ?", [today, tomorrow]),
            "in_processing": ("status IN ('received','in_processing')", []),
            "supplement_requested": ("status = 'supplement_requested'", []),
            "due_today": (f"status IN {open_states} AND {due} >= ? AND {due} < ?", [today, tomorrow]),
            "overdue": (f"status IN {open_states} AND {due} < ?", [iso(now)]),
            "result_ready": ("status = 'result_ready'", []),
            "returned": ("status = 'returned'", []),
            "refused": ("status = 'refused'", []),
        }.get(flt, ("1=1", []))
        return self.store.query(
            f"SELECT id, code, procedure_code, procedure_name, applicant_name, applicant_id_number, applicant_phone, "
            f"received_at, due_at, new_due_at, status, result_at, returned_at FROM dossiers WHERE {where} "
            f"ORDER BY received_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def search(self, text: str, *, limit: int = 50) -> builtins.list[dict[str, Any]]:
        """Find by code, ID number, phone, or name/procedure words (diacritics ignored)."""
        q = (text or "").strip()
        cols = ("id, code, procedure_code, procedure_name, applicant_name, applicant_id_number, applicant_phone, "
                "received_at, due_at, new_due_at, status")
        if not q:
            return []
        compact = q.replace(" ", "").replace(".", "")
        if parse_code(q) is not None or ("-" in q and re.match(r"^[0-9A-Za-z.]+-", q)):
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                                    (q.upper(), q.upper() + "\uffff", limit))
        if compact.isdigit() and len(compact) == 12:
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE applicant_id_number = ? "
                                    "ORDER BY received_at DESC LIMIT ?", (compact, limit))
        if re.match(r"^(\+84|0)\d{8,10}$", compact):
            phone = "0" + compact[3:] if compact.startswith("+84") else compact
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE applicant_phone = ? "
                                    "ORDER BY received_at DESC LIMIT ?", (phone, limit))
        if compact.isdigit() and len(compact) >= 4:
            # The tail of a code, as a citizen reads it from a slip: a suffix is a prefix of the reversed tail.
            rev = compact[::-1]
            return self.store.query(f"SELECT {cols} FROM dossiers WHERE code_tail_rev >= ? AND code_tail_rev < ? "
                                    "ORDER BY received_at DESC LIMIT ?", (rev, rev + ":", limit))
        words = re.findall(r"[0-9a-z]+", fold(q))
        if not words:
            return []
        # Words already typed are whole words; only the last one may still be growing.
        match = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
        # ORDER BY rowid DESC lets FTS5 walk its index backwards: newest first without sorting all hits.
        return self.store.query(
            f"SELECT {cols} FROM dossiers WHERE rowid IN ("
            f"  SELECT rowid FROM dossiers_fts WHERE dossiers_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
            f") ORDER BY rowid DESC",
            (match, limit),
        )

    def returning_citizen(self, id_number: str) -> dict[str, Any] | None:
        return self.store.query_one("SELECT * FROM citizens WHERE id_number = ?", (id_number.strip(),))


def parse_moment(value: object, field_name: str, label: str) -> datetime:
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            moment = moment.replace(hour=17)
        if not 1900 <= moment.year <= 2200:
            break
        return moment
    raise ValidationError(field_name, f"{label} «{text[:30]}» không đúng dạng (ví dụ 2026-11-30 16:00).")


def on_time_class(result_at: str | None, due_at: str) -> str | None:
    """'early' / 'on_time' / 'late' for the control sheet and the reports."""
    if not result_at:
        return None
    r, d = datetime.fromisoformat(result_at), datetime.fromisoformat(due_at)
    if r > d:
        return "late"
    return "early" if r.date() < d.date() else "on_time"
