"""One declarative registry of the desk's settings (name, type, default, labels).

Values live in the database's `settings` table (local to this PC, not synced); Qt's QSettings keeps only
window geometry. The window's settings screen and the CLI both read this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desk.calendar import parse_seasons, seasons_text
from desk.errors import ValidationError
from desk.permissions import require
from desk.petitions.privacy import DEFAULT_ROLES, normalise_roles
from desk.store import Store


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    label_vi: str
    label_en: str
    choices: tuple[str, ...] = ()
    normalise: Callable[[Any], Any] | None = None  # checks a value (raising ValidationError) and tidies it


REGISTRY: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("print.paper", str, "a4", "Khổ giấy in giấy hẹn", "Slip paper size", ("a4", "a5", "80mm")),
        Setting("print.printer", str, "", "Máy in", "Printer"),
        Setting("print.copies", int, 1, "Số bản in mỗi liên", "Copies of each part"),
        Setting("print.preview", bool, False, "Xem trước khi in", "Preview before printing"),
        Setting("ui.language", str, "vi", "Ngôn ngữ", "Language", ("vi", "en")),
        Setting("sync.server_url", str, "", "Địa chỉ máy chủ cấp trên", "District server URL"),
        Setting("sync.interval_seconds", int, 120, "Chu kỳ đồng bộ (giây)", "Sync interval (seconds)"),
        Setting("backup.keep", int, 30, "Số bản sao lưu giữ lại", "Backups to keep"),
        Setting("backup.second_folder", str, "", "Thư mục sao lưu thứ hai (USB)", "Second backup folder (USB)"),
        Setting("security.idle_lock_minutes", int, 10, "Khóa màn hình sau số phút không dùng (0: không khóa)",
                "Lock the window after idle minutes (0: never)"),
        Setting("security.lockout_attempts", int, 5, "Số lần nhập sai mật khẩu trước khi khóa tài khoản",
                "Wrong passwords before the account locks"),
        Setting("security.lockout_minutes", int, 15, "Thời gian khóa tài khoản (phút)", "Account lock (minutes)"),
        Setting("retention.years", int, 10, "Thời hạn lưu dữ liệu cá nhân (năm, tối thiểu 5)",
                "Personal data retention (years, at least 5)"),
        # docs/design.md, "Lateness": pause (practice) or restart from the complete dossier.
        Setting("timing.supplement_clock", str, "pause", "Bổ sung trong lúc giải quyết", "Supplement during processing",
                ("pause", "restart")),
        Setting("calendar.season_hours", str, "", "Giờ làm việc theo mùa", "Office hours by season",
                normalise=lambda v: seasons_text(parse_seasons(str(v), "calendar.season_hours"))),
        # Luật Tố cáo 2018, art. 47-48: who may see a denouncer's identity (desk/petitions/privacy.py).
        Setting("petitions.identity_roles", str, DEFAULT_ROLES, "Vai trò được xem danh tính người tố cáo",
                "Roles that may see a denouncer's identity", normalise=normalise_roles),
        Setting("petitions.remote_area", bool, False, "Xã vùng sâu, vùng xa (thời hạn giải quyết khiếu nại 45 ngày)",
                "Remote area (45 days for a complaint)"),
    )
}


# Lower bounds: the retention floor is the legal minimum for one-stop records (docs/design.md).
MINIMUMS: dict[str, int] = {"retention.years": 5, "security.lockout_attempts": 3, "security.lockout_minutes": 1,
                            "security.idle_lock_minutes": 0, "backup.keep": 1}


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "có", "on")
        return bool(value)
    try:
        out = setting.type(value)
    except (TypeError, ValueError):
        raise ValidationError(setting.name, f"«{setting.label_vi}» không hợp lệ.") from None
    if setting.choices and out not in setting.choices:
        raise ValidationError(setting.name, f"«{setting.label_vi}» phải là một trong: {', '.join(setting.choices)}.")
    low = MINIMUMS.get(setting.name)
    if low is not None and out < low:
        raise ValidationError(setting.name, f"«{setting.label_vi}» không được nhỏ hơn {low}.")
    return setting.normalise(out) if setting.normalise else out


class Settings:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, name: str) -> Any:
        setting = REGISTRY[name]
        raw = self.store.scalar("SELECT value FROM settings WHERE name = ?", (name,))
        return setting.default if raw is None else _coerce(setting, raw)

    def set(self, name: str, value: Any, *, actor: str = "system") -> None:
        if name not in REGISTRY:
            raise ValidationError(name, f"Không có thiết lập «{name}».")
        clean = _coerce(REGISTRY[name], value)
        require(self.store, actor, "settings.edit")
        with self.store.write(actor) as uow:
            uow.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, str(int(clean)) if isinstance(clean, bool) else str(clean)),
            )
            uow.audit("setting_changed", "setting", name, {"value": clean})
