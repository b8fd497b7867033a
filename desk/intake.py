"""What makes an intake valid: the applicant, the documents, the dates — decided here, shown by the window.

`IntakeCheck.validate` turns what the officer typed (or a scanner sent) into a clean intake or one list of
field errors in Vietnamese, with nothing written; `desk.dossiers.DossierService.receive` records a clean one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk.calendar import WorkCalendar
from desk.catalog import Catalog
from desk.citizen_id import GENDERS, check_id_number
from desk.errors import NotFoundError, ValidationError, ValidationErrors
from desk.limits import TimeLimit, optional_limit
from desk.text import ascii_digits, clean_line, fold, parse_hhmm, title_case_name

APPLICANT_TYPES = {"citizen": "Công dân", "business": "Doanh nghiệp", "agency": "Cơ quan nhà nước",
                   "organisation": "Tổ chức khác"}
CHANNELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "post": "Bưu chính công ích"}
RETURN_PLACES = {"desk": "Bộ phận Một cửa", "post": "Qua dịch vụ bưu chính"}
SATISFACTION = {"very_satisfied": "Rất hài lòng", "satisfied": "Hài lòng", "dissatisfied": "Không hài lòng"}
PHONE = re.compile(r"^0[0-9]{9,10}$")
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
    # A back-dated paper intake: the return date already written on the paper slip the citizen holds.
    # Otherwise the date comes from the procedure's limit (the officer never types it per dossier).
    confirmed_due_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class DuePreview:
    due_at: datetime | None
    limit: TimeLimit | None
    needs_limit: bool  # the procedure has no limit yet: the officer answers once for it
    same_day_cutoff: time | None
    verify_limit: TimeLimit | None = None

    @property
    def days(self) -> int | None:
        return self.limit.whole_working_days if self.limit else None

    def text_vi(self) -> str:
        if self.due_at is None:
            return "Thủ tục chưa có thời hạn giải quyết: cán bộ khai báo thời hạn (một lần cho thủ tục)."
        return f"{self.due_at:%H:%M} ngày {self.due_at:%d/%m/%Y}"


@dataclass
class CleanIntake:
    procedure: dict[str, Any]
    applicant: dict[str, Any]
    documents: list[dict[str, Any]]
    fields: dict[str, Any] = field(default_factory=dict)
    received_at: datetime = field(default_factory=datetime.now)
    due_at: datetime | None = None  # None: not accepted (refused, or sent back to complete at intake)
    due_confirmed: bool = False
    preview: DuePreview | None = None


def normalize_phone(text: str) -> str:
    """One stored form per number: a Vietnamese number typed as +84… or 0084… is kept as 0…, so a search
    by either form finds it (separators a person types are dropped)."""
    compact = re.sub(r"[\s.\-()]", "", text or "")
    for prefix in ("+84", "0084"):
        if compact.startswith(prefix) and compact[len(prefix):].isdigit():
            return "0" + compact[len(prefix):]
    return compact


def parse_dob(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = ascii_digits(value).strip()
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
        if "?" in name:
            errors.append(ValidationError(
                "full_name", "Họ tên có dấu «?» thay cho chữ: chữ tiếng Việt bị mất khi quét hoặc dán; hãy gõ lại họ tên.",
                message_en="The name has '?' where letters were lost; type it again."))
        elif re.search(r"[0-9@#$%^&*_=+<>{}\[\]\\|/]", name) or any(ch.isdigit() for ch in name):
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
        errors.extend(check_id_number(id_number, dob=dob, gender=out.get("gender", ""), today=today))
    take("address", a.address, "Địa chỉ", max_len=300)
    phone = normalize_phone(take("phone", ascii_digits(a.phone or ""), "Số điện thoại", max_len=20))
    out["phone"] = phone
    if phone and not PHONE.match(phone):
        errors.append(ValidationError("phone", "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)."))
    email = take("email", a.email, "Thư điện tử", max_len=120)
    if email and not EMAIL.match(email):
        errors.append(ValidationError("email", "Địa chỉ thư điện tử không hợp lệ."))
    old = take("old_id_number", ascii_digits(a.old_id_number or ""), "Số CMND cũ", max_len=12)
    if old and not re.match(r"^[0-9]{9}$|^[0-9]{12}$", old):
        errors.append(ValidationError("old_id_number", "Số CMND cũ phải gồm 9 hoặc 12 chữ số."))
    return out, errors


class IntakeCheck:
    """The intake rules over one catalogue and the office calendar."""

    def __init__(self, catalog: Catalog, calendar_provider: Callable[[], WorkCalendar],
                 clock: Callable[[], datetime]) -> None:
        self.catalog = catalog
        self.calendar = calendar_provider
        self.clock = clock

    def preview_due(self, procedure_code: str, received_at: datetime | None = None) -> DuePreview:
        return self.due_for(self.catalog.get(procedure_code), received_at or self.clock())

    def due_for(self, proc: Mapping[str, Any], received_at: datetime) -> DuePreview:
        """The return date for a dossier of this procedure received at `received_at` (or, for a
        procedure without a limit yet, what the officer must answer first)."""
        cutoff = None
        if proc.get("same_day_cutoff"):
            cutoff = parse_hhmm(proc["same_day_cutoff"], field="same_day_cutoff", label="Giờ giới hạn tiếp nhận")
        limit = optional_limit(proc.get("time_limit"))
        verify = optional_limit(proc.get("verify_limit"))
        if limit is None:
            return DuePreview(None, None, True, cutoff, verify)
        return DuePreview(self.calendar().due_for(received_at, limit, cutoff), limit, False, cutoff, verify)

    def validate(self, intake: IntakeInput, *, accepted: bool = True) -> CleanIntake:
        """Everything that makes an intake valid, as one list of field errors. A dossier the desk does not
        accept (refused, or sent back to complete) gets no return date, so needs no limit."""
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
                                                   today=self.clock().date())
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
            ("submitter_id_number", ascii_digits(intake.submitter_id_number or ""), "Số giấy tờ người được ủy quyền",
             12),
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
        now = self.clock()
        received_at = (intake.received_at or now).replace(microsecond=0)
        if received_at > now + timedelta(minutes=5):
            errors.append(ValidationError("received_at", "Thời gian tiếp nhận không được ở tương lai."))
        elif received_at < now - timedelta(days=366):
            errors.append(ValidationError("received_at", "Thời gian tiếp nhận quá xa trong quá khứ (hơn một năm)."))
        due_at: datetime | None = None
        due_confirmed = False
        preview: DuePreview | None = None
        if proc is not None:
            preview = self.due_for(proc, received_at)
            if not accepted:
                pass
            elif intake.confirmed_due_at is not None:
                if intake.confirmed_due_at <= received_at:
                    errors.append(ValidationError("due_at", "Ngày hẹn trả phải sau thời gian tiếp nhận."))
                else:
                    due_at, due_confirmed = intake.confirmed_due_at.replace(second=0, microsecond=0), True
            elif preview.needs_limit:
                errors.append(ValidationError(
                    "time_limit",
                    f"Thủ tục {proc['code']} chưa có thời hạn giải quyết: hãy khai báo thời hạn của thủ tục "
                    "(một lần; các hồ sơ sau dùng lại).",
                    message_en="This procedure has no time limit yet: state it once for the procedure.",
                ))
            else:
                due_at = preview.due_at
        if errors:
            raise ValidationErrors(errors)
        assert proc is not None and (due_at is not None or not accepted)
        fields.update(applicant_type=intake.applicant_type, channel=intake.channel, return_place=intake.return_place)
        return CleanIntake(proc, applicant, documents, fields, received_at, due_at, due_confirmed, preview)


def parse_moment(value: object, field_name: str, label: str) -> datetime:
    text = ascii_digits(str(value or "")).strip()
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


