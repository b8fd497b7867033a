"""The office profile: who this desk is, printed on every form."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from desk.calendar import OfficeHours
from desk.clock import iso
from desk.errors import SetupRequired, ValidationError, ValidationErrors
from desk.permissions import require
from desk.store import Store, new_hmac_key
from desk.text import clean_line

AGENCY_CODE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*$")
DEFAULT_UNIT = "Bộ phận tiếp nhận và trả kết quả"
# What communes call the unit (Decree 118/2025 names it "Bộ phận Một cửa"; many keep the older name; a
# ward with a public-service centre names the centre). Any other wording may be typed.
UNIT_NAMES = (DEFAULT_UNIT, "Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công")


@dataclass(frozen=True)
class OfficeProfile:
    name: str
    agency_code: str
    province: str = ""
    upstream_name: str = ""
    address: str = ""
    place_name: str = ""
    phone: str = ""
    office_hours: str = "07:00-11:30,13:30-17:00"
    lookup_url_base: str = ""
    form_numbering: str = "2025"
    register_book: str = "01"
    hmac_key: str = ""
    unit_name: str = DEFAULT_UNIT

    @property
    def hours(self) -> OfficeHours:
        return OfficeHours.parse(self.office_hours)

    @property
    def place(self) -> str:
        """The place in the '<place>, ngày … tháng … năm …' line."""
        if self.place_name:
            return self.place_name
        for prefix in ("UBND ", "Ủy ban nhân dân ", "Trung tâm Phục vụ hành chính công "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):].split(" ", 1)[-1] if " " in self.name[len(prefix):] else self.name
        return self.name


def validate_profile(data: dict[str, Any]) -> dict[str, Any]:
    errors: list[ValidationError] = []
    out: dict[str, Any] = {}

    def take(key: str, label: str, *, required: bool = False, max_len: int = 200) -> None:
        try:
            out[key] = clean_line(data.get(key, ""), field=key, label=label, required=required, max_len=max_len)
        except ValidationError as e:
            errors.append(e)

    take("name", "Tên cơ quan", required=True)
    take("agency_code", "Mã định danh cơ quan", required=True, max_len=35)
    take("province", "Tỉnh/thành phố")
    take("upstream_name", "Tên cơ quan cấp trên")
    take("address", "Địa chỉ")
    take("place_name", "Địa danh ghi trên biểu mẫu")
    take("phone", "Điện thoại", max_len=30)
    take("lookup_url_base", "Địa chỉ tra cứu hồ sơ", max_len=300)
    take("register_book", "Quyển sổ theo dõi", max_len=10)
    out["register_book"] = out.get("register_book") or "01"
    take("unit_name", "Tên bộ phận tiếp nhận", max_len=120)
    out["unit_name"] = out.get("unit_name") or DEFAULT_UNIT
    code = out.get("agency_code", "").upper()
    if code and not AGENCY_CODE.match(code):
        errors.append(
            ValidationError(
                "agency_code",
                "Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm (ví dụ 000.00.06.H56).",
            )
        )
    out["agency_code"] = code
    hours = str(data.get("office_hours") or "07:00-11:30,13:30-17:00")
    try:
        out["office_hours"] = str(OfficeHours.parse(hours))
    except ValidationError as e:
        errors.append(e)
    numbering = str(data.get("form_numbering") or "2025")
    if numbering not in ("2018", "2025"):
        errors.append(ValidationError("form_numbering", "Cách đánh số biểu mẫu phải là 2018 hoặc 2025."))
    out["form_numbering"] = numbering
    url = out.get("lookup_url_base", "")
    if url and not url.startswith(("http://", "https://")):
        errors.append(ValidationError("lookup_url_base", "Địa chỉ tra cứu phải bắt đầu bằng http:// hoặc https://."))
    if errors:
        raise ValidationErrors(errors)
    return out


class OfficeService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self) -> OfficeProfile | None:
        row = self.store.query_one("SELECT * FROM office WHERE id = 1")
        if row is None:
            return None
        fields = {k: row[k] for k in OfficeProfile.__dataclass_fields__ if k in row}
        return OfficeProfile(**fields)

    def require(self) -> OfficeProfile:
        profile = self.get()
        if profile is None:
            raise SetupRequired(
                "Chưa khai báo thông tin cơ quan. Chạy «desk init --office-name … --agency-code …» "
                "hoặc mở phần mềm để khai báo lần đầu.",
                message_en="The office profile is not set: run 'desk init' or open the app.",
            )
        return profile

    def save(self, data: dict[str, Any], *, actor: str = "system") -> OfficeProfile:
        """Create or update the profile. `slip_key` (64 hex digits) sets the commune's slip key: every desk
        PC of one commune must share it, or one desk would call another desk's genuine slip forged."""
        clean = validate_profile(data)
        if self.get() is not None:
            require(self.store, actor, "office.edit")
        slip_key = str(data.get("slip_key") or "").strip().lower()
        if slip_key and not re.fullmatch(r"[0-9a-f]{64}", slip_key):
            raise ValidationError("slip_key", "Khóa kiểm tra giấy hẹn phải gồm đúng 64 chữ số hệ 16 (0–9, a–f); "
                                              "hãy chép lại từ máy đầu tiên của xã («desk slip-key»).")
        n = self._desk_no(data.get("desk_no"))
        with self.store.write(actor) as uow:
            existing = uow.one("SELECT hmac_key FROM office WHERE id = 1")
            clean["updated_at"] = iso(uow.now)
            if slip_key:
                clean["hmac_key"] = slip_key
            if existing is None:
                clean.setdefault("hmac_key", new_hmac_key())
                uow.insert("office", {"id": 1, **clean})
                uow.audit("office_created", "office", "1", {k: v for k, v in clean.items() if k != "hmac_key"})
            else:
                uow.update("office", {"id": 1}, clean)
                uow.audit("office_updated", "office", "1", {k: v for k, v in clean.items() if k != "hmac_key"}
                          | ({"slip_key_changed": True} if slip_key else {}))
            if n is not None:
                uow.update("device", {"id": 1}, {"desk_no": n})
        profile = self.get()
        assert profile is not None
        return profile

    def _desk_no(self, raw: object) -> int | None:
        """The counter number asked for, checked: 1–99, and not one another PC of the commune was lately heard
        with (desk/sync/peers.py; the district checks it again at enrolment)."""
        if raw is None:
            return None
        try:
            n = int(raw)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            n = 0
        if not 1 <= n <= 99:
            raise ValidationError("desk_no", "Số quầy phải từ 1 đến 99.")
        from desk.sync.peers import holders_of  # desk.sync builds on this module: imported when needed

        taken = holders_of(self.store, n) if n != int(self.store.device()["desk_no"]) else []
        if taken:
            raise ValidationError("desk_no", f"Số quầy {n:02d} đang là của một máy khác của cơ quan (máy "
                                             f"{taken[0].device_id[:8]}, nghe thấy lần cuối "
                                             f"{taken[0].last_heard_at.replace('T', ' ')}): chọn số khác.")
        return n

    def as_dict(self) -> dict[str, Any]:
        p = self.get()
        return {} if p is None else {k: v for k, v in asdict(p).items() if k != "hmac_key"}
