"""Officer accounts: local, offline log-in with argon2id hashes (argon2-cffi's defaults).

Every log-in and every failed one is audited. After `security.lockout_attempts` wrong passwords in a
row the account is locked for `security.lockout_minutes` (or until an admin unlocks it): guessing a
colleague's password on a shared PC takes days instead of minutes.
"""

from __future__ import annotations

import builtins
import re
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.clock import iso
from desk.errors import DeskError, ValidationError, ValidationErrors
from desk.ids import new_id
from desk.permissions import ROLES, require
from desk.store import Store
from desk.text import clean_line

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[a-z0-9._-]{2,40}$")


class LoginFailed(DeskError):
    code = "login_failed"


class AccountLocked(LoginFailed):
    code = "account_locked"


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
        if role not in ROLES:
            errors.append(ValidationError("role", "Vai trò phải là officer (cán bộ), leader (lãnh đạo) hoặc admin."))
        if errors:
            raise ValidationErrors(errors)
        if self.count() and actor != "first_run":
            require(self.store, actor, "officers.manage")
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
        user = (username or "").strip().lower()
        row = self.store.query_one("SELECT * FROM officers WHERE username = ? AND active = 1", (user,))
        message = "Tên đăng nhập hoặc mật khẩu không đúng."
        # What was typed as a user name may be anything (a citizen's name typed in the wrong box): the
        # audit keeps it only if it is a well-formed user name.
        named = user if USERNAME.match(user) else "(không hợp lệ)"
        if row is None:
            # Hash anyway so a wrong user name takes as long as a wrong password.
            _hasher.hash(password or "x")
            with self.store.write(named) as uow:
                uow.audit("login_failed", "officer", named, {"reason": "unknown_user"})
            raise LoginFailed(message, message_en="Wrong user name or password.")
        now = self.store.clock()
        if row["locked_until"] and datetime.fromisoformat(row["locked_until"]) > now:
            with self.store.write(str(row["id"])) as uow:
                uow.audit("login_refused", "officer", str(row["id"]), {"reason": "locked"})
            raise self._locked(datetime.fromisoformat(row["locked_until"]), now)
        try:
            _hasher.verify(row["password_hash"], password or "")
        except (VerificationError, InvalidHashError):
            raise self._wrong_password(row) from None
        with self.store.write(str(row["id"])) as uow:
            uow.update("officers", {"id": row["id"]}, {"failed_logins": 0, "locked_until": None})
            uow.audit("login", "officer", str(row["id"]), {})
        return {k: v for k, v in row.items() if k not in ("password_hash", "failed_logins", "locked_until")}

    def _wrong_password(self, row: dict[str, Any]) -> LoginFailed:
        """Count a wrong password (locking the account at the limit); the error to show."""
        from desk.settings import Settings

        settings = Settings(self.store)
        limit = max(1, int(settings.get("security.lockout_attempts")))
        minutes = max(1, int(settings.get("security.lockout_minutes")))
        with self.store.write(str(row["id"])) as uow:
            failed = int(uow.scalar("SELECT failed_logins FROM officers WHERE id = ?", (row["id"],)) or 0) + 1
            until = uow.now + timedelta(minutes=minutes) if failed >= limit else None
            uow.update("officers", {"id": row["id"]}, {"failed_logins": 0 if until else failed,
                                                       "locked_until": iso(until) if until else None})
            uow.audit("login_failed", "officer", str(row["id"]), {"reason": "wrong_password", "attempt": failed})
            if until:
                uow.audit("account_locked", "officer", str(row["id"]), {"until": iso(until), "after": failed})
        if until:
            return self._locked(until, self.store.clock())
        left = limit - failed
        return LoginFailed(f"Tên đăng nhập hoặc mật khẩu không đúng. Còn {left} lần thử trước khi tài khoản bị khóa.",
                          message_en=f"Wrong user name or password; {left} tries left before the account locks.")

    @staticmethod
    def _locked(until: datetime, now: datetime) -> AccountLocked:
        minutes = max(1, int((until - now).total_seconds() // 60) + (1 if (until - now).total_seconds() % 60 else 0))
        return AccountLocked(
            f"Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {minutes} phút, hoặc nhờ quản trị "
            "viên mở khóa.", message_en=f"Account locked after repeated wrong passwords; try again in {minutes} "
            "min or ask an admin to unlock it.")

    def unlock(self, officer_id: str, *, actor: str = "system") -> None:
        require(self.store, actor, "officers.manage")
        with self.store.write(actor) as uow:
            if not uow.update("officers", {"id": officer_id}, {"failed_logins": 0, "locked_until": None}):
                raise ValidationError("officer", "Không có tài khoản này.")
            uow.audit("account_unlocked", "officer", officer_id, {})

    def set_role(self, officer_id: str, role: str, *, actor: str = "system") -> None:
        require(self.store, actor, "officers.manage")
        if role not in ROLES:
            raise ValidationError("role", "Vai trò phải là officer (cán bộ), leader (lãnh đạo) hoặc admin.")
        with self.store.write(actor) as uow:
            if not uow.update("officers", {"id": officer_id}, {"role": role}):
                raise ValidationError("officer", "Không có tài khoản này.")
            uow.audit("officer_role_changed", "officer", officer_id, {"role": role})

    def by_username(self, username: str) -> dict[str, Any] | None:
        return self.store.query_one("SELECT id, username, full_name, title, role, active, locked_until "
                                    "FROM officers WHERE username = ?", ((username or "").strip().lower(),))

    def set_password(self, officer_id: str, password: str, *, actor: str = "system") -> None:
        if actor != officer_id:
            require(self.store, actor, "officers.manage")
        if len(password or "") < 6:
            raise ValidationError("password", "Mật khẩu cần ít nhất 6 ký tự.")
        with self.store.write(actor) as uow:
            uow.update("officers", {"id": officer_id}, {"password_hash": _hasher.hash(password)})
            uow.audit("password_changed", "officer", officer_id, {})
