"""The denouncer's identity (Luật Tố cáo 2018, art. 47–48): seen only by the roles the office allows.

The office setting `petitions.identity_roles` lists them (leader and admin by default). For anyone else
every list, print, export, search result and log carries `MASKED` in place of the name and nothing in
place of the ID number, address and phone. The sync payload never carries it (the district gets the
counts and the content: desk/petitions/service.py `_wire`), and the audit log records the same masked
payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk.permissions import ROLES, role_of
from desk.store import Store

SETTING = "petitions.identity_roles"
DEFAULT_ROLES = "leader,admin"
MASKED = "(Giữ bí mật)"
PETITION_IDENTITY = ("petitioner_name", "petitioner_id_number", "petitioner_address", "petitioner_phone")
RECEPTION_IDENTITY = ("citizen_name", "citizen_id_number", "citizen_address", "citizen_phone")


def normalise_roles(value: object) -> str:
    from desk.errors import ValidationError

    names = [r.strip() for r in str(value or "").split(",") if r.strip()]
    bad = [r for r in names if r not in ROLES]
    if bad:
        raise ValidationError(SETTING, f"Vai trò «{bad[0]}» không có; chọn trong: {', '.join(ROLES)}.")
    return ",".join(dict.fromkeys(names))


def allowed_roles(store: Store) -> frozenset[str]:
    raw = store.scalar("SELECT value FROM settings WHERE name = ?", (SETTING,))
    return frozenset(r for r in normalise_roles(DEFAULT_ROLES if raw is None else raw).split(",") if r)


def may_see_identity(store: Store, actor: str) -> bool:
    """The app's own processes (the command line run by the data folder's OS account) see it: the OS
    account is the boundary there, as for every other record (desk/permissions.py)."""
    role = role_of(store, actor)
    return role == "system" or (role is not None and role in allowed_roles(store))


def is_confidential_petition(row: Mapping[str, Any]) -> bool:
    return str(row.get("kind")) == "to_cao"


def masked_petition(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if is_confidential_petition(row):
        out.update({"petitioner_name": MASKED, "petitioner_id_number": "", "petitioner_address": "",
                    "petitioner_phone": ""})
    return out


def masked_reception(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if row.get("confidential"):
        out.update({"citizen_name": MASKED, "citizen_id_number": "", "citizen_address": "", "citizen_phone": ""})
    return out
