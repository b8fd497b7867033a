"""Who may do what: three roles, checked where the work is done (the services), not only in the window.

- officer (cán bộ một cửa): receives dossiers, records the ordinary steps, prints, serves citizens —
  the only role that sees full ID numbers in lists (it checks them against the card at the counter).
- leader (lãnh đạo): what an officer does, plus the steps a leader decides and signs (the apology with a
  new return date — form 04 is signed by the head of the agency —, stopping a dossier, and cancelling one entered
  by mistake, which takes it out of every figure), citizens'
  personal-data requests (export, correction) and the audit check.
- admin (quản trị): accounts, office profile, catalogue, calendar, settings, backups and restore,
  the retention purge, the audit check. An admin works at the counter too in a small commune, so the
  ordinary steps are allowed; the leader's decisions are not.

Internal actors (`system`, `first_run`, `sync`, `district`, `cli`, `demo`, `self-test`) are the app's own processes and the command
line run by the OS account that owns the data folder: the OS account is the boundary there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk.errors import DeskError

OFFICER, LEADER, ADMIN = "officer", "leader", "admin"
ROLES = (OFFICER, LEADER, ADMIN)
ROLE_LABELS_VI = {OFFICER: "Cán bộ một cửa", LEADER: "Lãnh đạo", ADMIN: "Quản trị"}
SYSTEM_ACTORS = frozenset({"system", "first_run", "sync", "district", "cli", "demo", "self-test"})

# Lifecycle steps a leader decides. Cancelling a dossier entered by mistake takes it out of every figure, so
# it is not an officer's call alone.
LEADER_ACTIONS = frozenset({"apologize", "stop", "cancel"})

_COUNTER = {"dossier.receive", "dossier.act", "dossier.print", "citizen.lookup", "catalog.answer_limit",
            "petition.receive", "petition.act"}
GRANTS: dict[str, frozenset[str]] = {
    OFFICER: frozenset(_COUNTER | {"personal.id_in_lists"}),
    LEADER: frozenset(_COUNTER | {"dossier.act.leader", "privacy.requests", "audit.verify", "reports"}),
    ADMIN: frozenset(_COUNTER | {"officers.manage", "office.edit", "catalog.edit", "calendar.edit",
                                 "settings.edit", "backup.make", "backup.restore", "retention.purge",
                                 "audit.verify", "reports"}),
}
LABELS_VI = {
    "dossier.receive": "tiếp nhận hồ sơ",
    "dossier.act": "ghi bước xử lý hồ sơ",
    "dossier.act.leader": "quyết định của lãnh đạo (xin lỗi, hẹn lại; dừng giải quyết)",
    "dossier.print": "in biểu mẫu",
    "citizen.lookup": "tra cứu công dân",
    "petition.receive": "tiếp công dân, nhận đơn thư",
    "petition.act": "ghi bước xử lý đơn thư",
    "personal.id_in_lists": "xem đầy đủ số định danh trong danh sách",
    "privacy.requests": "xử lý yêu cầu về dữ liệu cá nhân",
    "audit.verify": "kiểm tra nhật ký",
    "reports": "xem báo cáo",
    "officers.manage": "quản lý tài khoản cán bộ",
    "office.edit": "sửa thông tin cơ quan",
    "catalog.edit": "sửa danh mục thủ tục",
    "catalog.answer_limit": "xác nhận thời hạn của thủ tục chưa có thời hạn",
    "calendar.edit": "sửa lịch làm việc",
    "settings.edit": "thay đổi cài đặt",
    "backup.make": "sao lưu",
    "backup.restore": "khôi phục dữ liệu",
    "retention.purge": "xóa dữ liệu quá thời hạn lưu trữ",
}


class PermissionDenied(DeskError):
    code = "permission_denied"


def allowed(role: str | None, permission: str) -> bool:
    return role is not None and permission in GRANTS.get(role, frozenset())


def role_of(store: Any, actor: str) -> str | None:
    """The role of an officer id (or user name); `system` for the app's own actors; None if unknown."""
    if actor in SYSTEM_ACTORS:
        return "system"
    row = store.query_one("SELECT role, active FROM officers WHERE id = ? OR username = ?", (actor, actor))
    if row is None or not row["active"]:
        return None
    return str(row["role"])


def require(store: Any, actor: str, permission: str) -> str:
    """Raise PermissionDenied unless `actor` may do `permission`; returns the actor's role."""
    role = role_of(store, actor)
    if role == "system" or allowed(role, permission):
        return str(role)
    label = LABELS_VI.get(permission, permission)
    who = ROLE_LABELS_VI.get(role or "", "tài khoản này")
    raise PermissionDenied(f"{who} không có quyền {label}.",
                           message_en=f"This account may not do: {permission}.")


def action_permission(action: str) -> str:
    return "dossier.act.leader" if action in LEADER_ACTIONS else "dossier.act"


def mask_id(number: str) -> str:
    """An ID number as lists show it to a role that does not need it: the last three digits only."""
    digits = str(number or "")
    if len(digits) <= 3:
        return digits
    return "•" * (len(digits) - 3) + digits[-3:]


def mask_rows(rows: list[dict[str, Any]], role: str | None) -> list[dict[str, Any]]:
    """Dossier list rows with ID numbers masked unless `role` needs them in lists."""
    if role == "system" or allowed(role, "personal.id_in_lists"):
        return rows
    out = []
    for r in rows:
        masked: Mapping[str, Any] = {**r, **{k: mask_id(str(r[k])) for k in ("applicant_id_number",
                                                                            "submitter_id_number") if r.get(k)}}
        out.append(dict(masked))
    return out
