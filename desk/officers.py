"""Officer accounts: local, offline log-in with argon2id hashes (argon2-cffi's defaults)."""

from __future__ import annotations

import builtins
import re
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.clock import iso
from desk.errors import DeskError, ValidationError, ValidationErrors
from desk.ids import new_id
from desk.store import Store
from desk.text import clean_line

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[a-z0-9._-]{2,40}$")


class LoginFailed(DeskError):
    code = "login_failed"


class OfficerService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def count(self) -> int:
        return int(self.store.scalar("SELECT COUNT(*) FROM officers WHERE active = 1") or 0)

    def list(self) -> builtins.list[dict[str, Any]]:
        return self.store.query(
            "SELECT id, username, full_name, title, role, active FROM officers ORDER BY full_name"
        )

    def get(self, officer_id: str) -> dict[str, Any] | None:
        return self.store.query_one(
            "SELECT id, username, full_name, title, role, active FROM officers WHERE id = ?", (officer_id,)
        )

    def create(
        self, username: str, full_name: str, password: str, *, role: str = "officer", title: str = "",
        actor: str = "system",
    ) -> dict[str, Any]:
        errors: list[ValidationError] = []
        user = (username or "").strip().lower()
        if not USERNAME.match(user):
            errors.append(ValidationError("username", "Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, . _ -"))
        try:
            name = clean_line(full_name, field="full_name", label="Họ tên cán bộ", required=True, max_len=100)
        except ValidationError as e:
            errors.append(e)
            name = ""
        if len(password or "") < 6:
            errors.append(ValidationError("password", "Mật khẩu cần ít nhất 6 ký tự."))
        if role not in ("admin", "officer"):
            errors.append(ValidationError("role", "Vai trò phải là admin hoặc officer."))
        if errors:
            raise ValidationErrors(errors)
        if self.store.scalar("SELECT 1 FROM officers WHERE username = ?", (user,)):
            raise ValidationError("username", f"Tên đăng nhập «{user}» đã có.")
        officer = {
            "id": new_id(), "username": user, "full_name": name, "title": title.strip(), "role": role,
            "password_hash": _hasher.hash(password), "active": 1,
        }
        with self.store.write(actor) as uow:
            officer["created_at"] = iso(uow.now)
            uow.insert("officers", officer)
            uow.audit("officer_created", "officer", str(officer["id"]), {"username": user, "role": role})
        return {k: v for k, v in officer.items() if k != "password_hash"}

    def authenticate(self, username: str, password: str) -> dict[str, Any]:
        row = self.store.query_one(
            "SELECT * FROM officers WHERE username = ? AND active = 1", ((username or "").strip().lower(),)
        )
        message = "Tên đăng nhập hoặc mật khẩu không đúng."
        if row is None:
            # Hash anyway so a wrong user name takes as long as a wrong password.
            _hasher.hash(password or "x")
            raise LoginFailed(message, message_en="Wrong user name or password.")
        try:
            _hasher.verify(row["password_hash"], password or "")
        except (VerificationError, InvalidHashError):
            raise LoginFailed(message, message_en="Wrong user name or password.") from None
        return {k: v for k, v in row.items() if k != "password_hash"}

    def set_password(self, officer_id: str, password: str, *, actor: str = "system") -> None:
        if len(password or "") < 6:
            raise ValidationError("password", "Mật khẩu cần ít nhất 6 ký tự.")
        with self.store.write(actor) as uow:
            uow.update("officers", {"id": officer_id}, {"password_hash": _hasher.hash(password)})
            uow.audit("password_changed", "officer", officer_id, {})
