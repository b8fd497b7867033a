"""The first-run wizard's flow, without Qt: which steps there are, what each needs, what it writes, which
may be skipped, and where an interrupted run resumes. The window's pages (ui/first_run.py) only show it.

Steps, in order:
  office    the commune, its agency code, province, address, the unit's name, office hours   (required)
  admin     the first administrator account                                                  (required)
  printer   printer and paper, with a test page                                              (defaults are fine)
  district  the district server's address and a one-time enrolment code                      (may be skipped)

Each step is committed when the officer moves on (`submit`), so a PC switched off halfway keeps what
was typed, and the next start resumes at the step after the last one committed (`office.first_run_step`).
The desk works offline from the end of the admin step: the district step can always be done later on
the sync page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desk.errors import ValidationError, ValidationErrors
from desk.office import DEFAULT_UNIT, validate_profile
from desk.resources import load_json
from desk.text import clean_line, fold

if TYPE_CHECKING:
    from desk.services import Desk

OFFICE, ADMIN, PRINTER, DISTRICT = "office", "admin", "printer", "district"
DONE = "done"


@dataclass(frozen=True)
class Step:
    key: str
    title_vi: str
    title_en: str
    skippable: bool = False


STEPS: tuple[Step, ...] = (
    Step(OFFICE, "Cơ quan", "Office"),
    Step(ADMIN, "Tài khoản quản trị", "Administrator"),
    Step(PRINTER, "Máy in và khổ giấy", "Printer and paper"),
    Step(DISTRICT, "Máy chủ cấp trên", "District server", skippable=True),
)
KEYS = tuple(s.key for s in STEPS)
OFFICE_FIELDS = ("name", "province", "agency_code", "address", "unit_name", "office_hours")
ADMIN_FIELDS = ("username", "full_name", "password", "password2")
PAPERS = ("a4", "a5", "80mm")

# An enrolment function: (server URL, one-time code) → the server's reply. The window passes
# SyncClient.enroll; tests may pass the same against a real server.
Enroll = Callable[[str, str], Mapping[str, Any]]


def provinces() -> list[str]:
    """Province names as an officer writes them on a form ("Tỉnh …", "Thành phố …"), from the list the
    citizen-ID check uses. The pre-2025 names: every province after the 2025 merger kept one of them."""
    names = load_json("provinces.json")["codes"].values()
    cities = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
    out = []
    for name in names:
        if name.startswith("Thành phố "):
            out.append(str(name))
        elif name in cities:
            out.append(f"Thành phố {name}")
        elif name == "Thừa Thiên Huế":
            out.append("Thành phố Huế")
        else:
            out.append(f"Tỉnh {name}")
    return sorted(set(out), key=lambda n: fold(n.removeprefix("Tỉnh ").removeprefix("Thành phố ")))


def province_suggestions(text: str, limit: int = 6) -> list[str]:
    """Provinces whose name contains what was typed, diacritics ignored ("thai" → Thái Bình, Thái
    Nguyên); names that start with it first."""
    key = fold(" ".join(str(text or "").split()))
    names = provinces()
    if not key:
        return names[:limit]

    def bare(name: str) -> str:
        return fold(name).removeprefix("tinh ").removeprefix("thanh pho ")

    found = [n for n in names if key in fold(n)]
    found.sort(key=lambda n: (not bare(n).startswith(key), names.index(n)))
    return found[:limit]


def match_province(text: str) -> str:
    """The province the officer meant: typed without diacritics or in part ("thai nguyen", "hue"), the one
    name of the list that contains it; otherwise the text as typed (a name the list lacks is allowed)."""
    typed = " ".join(str(text or "").split())
    key = fold(typed)
    if not key:
        return ""
    names = provinces()
    exact = [n for n in names if key in (fold(n), fold(n).removeprefix("tinh ").removeprefix("thanh pho "))]
    if len(exact) == 1:
        return exact[0]
    found = [n for n in names if key in fold(n)]
    return found[0] if len(found) == 1 else typed


def dossier_code_example(agency_code: str, now: datetime, desk_no: int = 1) -> str:
    """What the first dossier code of the day will look like with this agency code (desk/codes.py)."""
    from desk.codes import format_code

    return format_code(agency_code.strip().upper(), now.date(), desk_no, 1)


class FirstRun:
    """One run of the wizard over a desk. Every method that writes is meant for a worker thread."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    # --- where are we -----------------------------------------------------------------------------
    def pending_step(self) -> str | None:
        """The step to show, or None when the desk is set up (a log-in comes next)."""
        profile_row = self.desk.store.query_one("SELECT first_run_step FROM office WHERE id = 1")
        if profile_row is None:
            return OFFICE
        if self.desk.officers.count() == 0:
            return ADMIN
        step = profile_row["first_run_step"]
        return str(step) if step in KEYS else None

    def next_of(self, key: str) -> str:
        i = KEYS.index(key)
        return KEYS[i + 1] if i + 1 < len(KEYS) else DONE

    def previous_of(self, key: str) -> str | None:
        i = KEYS.index(key)
        return KEYS[i - 1] if i > 0 else None

    def admin_exists(self) -> bool:
        return self.desk.officers.count() > 0

    # --- what a page shows first ------------------------------------------------------------------
    def initial(self, key: str) -> dict[str, Any]:
        if key == OFFICE:
            current = self.desk.office.as_dict()
            return {"name": current.get("name", ""), "province": current.get("province", ""),
                    "agency_code": current.get("agency_code", ""), "address": current.get("address", ""),
                    "unit_name": current.get("unit_name") or DEFAULT_UNIT,
                    "office_hours": current.get("office_hours") or "07:00-11:30,13:30-17:00"}
        if key == ADMIN:
            return {"username": "admin", "full_name": "", "password": "", "password2": ""}
        if key == PRINTER:
            s = self.desk.settings
            return {"printer": str(s.get("print.printer")), "paper": str(s.get("print.paper"))}
        if key == DISTRICT:
            return {"server_url": str(self.desk.settings.get("sync.server_url")), "code": ""}
        raise KeyError(key)

    # --- checking and committing a step -----------------------------------------------------------
    def validate(self, key: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """The step's values cleaned, or ValidationErrors naming each wrong field."""
        if key == OFFICE:
            return self._validate_office(values)
        if key == ADMIN:
            return self._validate_admin(values)
        if key == PRINTER:
            return self._validate_printer(values)
        if key == DISTRICT:
            return self._validate_district(values)
        raise KeyError(key)

    def submit(self, key: str, values: Mapping[str, Any], *, enroll: Enroll | None = None) -> dict[str, Any]:
        """Validate and write the step; returns what the next page needs to know (e.g. the admin)."""
        clean = self.validate(key, values)
        result: dict[str, Any] = {}
        if key == OFFICE:
            current = self.desk.office.as_dict()
            self.desk.office.save({**current, **clean}, actor="first_run")
        elif key == ADMIN:
            if not self.admin_exists():
                result["officer"] = self.desk.officers.create(
                    clean["username"], clean["full_name"], clean["password"], role="admin", actor="first_run")
        elif key == PRINTER:
            self._save_printer(clean)
        elif key == DISTRICT:
            if enroll is None:
                raise ValidationError("server_url", "Máy này chưa sẵn sàng đăng ký với cấp trên; hãy bỏ qua bước này "
                                                    "và đăng ký sau ở trang Đồng bộ.")
            result["enrolment"] = dict(enroll(clean["server_url"], clean["code"]))
        self._move_to(self.next_of(key))
        return result

    def skip(self, key: str) -> None:
        step = STEPS[KEYS.index(key)]
        if not step.skippable:
            raise ValidationError(key, f"Bước «{step.title_vi}» không bỏ qua được.")
        self._move_to(self.next_of(key))

    def test_page(self, values: Mapping[str, Any]) -> Path:
        """Keep the chosen printer and paper (the print that follows goes to them) and render the test
        page for them; the page itself is not recorded anywhere."""
        from desk.forms.test_page import render_test_page

        clean = self._validate_printer(values)
        self._save_printer(clean)
        profile = self.desk.office.require()
        now = self.desk.store.clock()
        folder = self.desk.data_dir / "forms" / "test"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"in-thu-{clean['paper']}-{now:%Y%m%d-%H%M%S}.pdf"
        target.write_bytes(render_test_page(profile, clean["paper"], clean["printer"], now))
        return target

    # --- the steps --------------------------------------------------------------------------------
    def _validate_office(self, values: Mapping[str, Any]) -> dict[str, Any]:
        data = {k: str(values.get(k, "") or "") for k in OFFICE_FIELDS}
        data["province"] = match_province(data["province"])
        errors: list[ValidationError] = []
        try:
            clean = validate_profile(data)
        except ValidationErrors as e:
            errors.extend(e.errors)
            clean = {}
        if not data["province"].strip():
            errors.append(ValidationError("province", "Hãy chọn tỉnh/thành phố trong danh sách (gõ vài chữ đầu để tìm)."))
        if errors:
            raise ValidationErrors(errors)
        return {k: clean[k] for k in OFFICE_FIELDS}

    def _validate_admin(self, values: Mapping[str, Any]) -> dict[str, Any]:
        if self.admin_exists():
            return {}
        errors: list[ValidationError] = []
        password, again = str(values.get("password") or ""), str(values.get("password2") or "")
        if password and again != password:
            errors.append(ValidationError("password2", "Hai lần nhập mật khẩu không giống nhau."))
        try:
            full_name = clean_line(values.get("full_name", ""), field="full_name", label="Họ tên quản trị viên",
                                   required=True, max_len=100)
        except ValidationError as e:
            errors.append(e)
            full_name = ""
        username = str(values.get("username") or "").strip().lower()
        from desk.officers import USERNAME

        if not USERNAME.match(username):
            errors.append(ValidationError("username", "Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, . _ -"))
        if len(password) < 6:
            errors.append(ValidationError("password", "Mật khẩu cần ít nhất 6 ký tự."))
        if errors:
            raise ValidationErrors(errors)
        return {"username": username, "full_name": full_name, "password": password}

    @staticmethod
    def _validate_printer(values: Mapping[str, Any]) -> dict[str, Any]:
        paper = str(values.get("paper") or "a4")
        if paper not in PAPERS:
            raise ValidationError("paper", "Khổ giấy phải là A4, A5 hoặc giấy cuộn 80 mm.")
        printer = clean_line(values.get("printer", ""), field="printer", label="Máy in", max_len=200)
        return {"printer": printer, "paper": paper}

    @staticmethod
    def _validate_district(values: Mapping[str, Any]) -> dict[str, Any]:
        errors: list[ValidationError] = []
        url = str(values.get("server_url") or "").strip().rstrip("/")
        parts = urlsplit(url)
        if not url:
            errors.append(ValidationError("server_url", "Hãy nhập địa chỉ máy chủ cấp trên, hoặc bấm «Bỏ qua» để làm sau."))
        elif parts.scheme not in ("http", "https") or not parts.hostname:
            errors.append(ValidationError("server_url", "Địa chỉ máy chủ phải có dạng https://ten-may-chu (hoặc http:// "
                                                        "trong mạng nội bộ)."))
        code = str(values.get("code") or "").strip()
        if not code:
            errors.append(ValidationError("code", "Hãy nhập mã đăng ký dùng một lần do cấp trên cấp."))
        if errors:
            raise ValidationErrors(errors)
        return {"server_url": url, "code": code}

    def _save_printer(self, clean: Mapping[str, Any]) -> None:
        self.desk.settings.set("print.printer", clean["printer"], actor="first_run")
        self.desk.settings.set("print.paper", clean["paper"], actor="first_run")

    def _move_to(self, step: str) -> None:
        with self.desk.store.write("first_run") as uow:
            uow.update("office", {"id": 1}, {"first_run_step": None if step == DONE else step})
            if step == DONE:
                uow.audit("first_run_done", "office", "1", {})
