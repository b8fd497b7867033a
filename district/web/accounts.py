"""District staff accounts: argon2id password hashes, lockout after repeated failures, sessions, CSRF.

A session is a random cookie; only its SHA-256 is stored, beside a CSRF token that every form the session
posts must carry back (compared in constant time). Five wrong passwords in a row lock the account for
LOCK_MINUTES (or until an admin unlocks it); the message for a wrong password never says whether the
user name exists, and an unknown name costs the same argon2 verification as a known one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, delete, insert, select, update

from district import models as m
from district.db import stamp, utcnow
from district.errors import ApiError, bad_request

OFFICER = "officer"
ADMIN = "admin"
ROLES = {OFFICER: "Cán bộ cấp huyện", ADMIN: "Quản trị viên"}
MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 10  # a working day; the cookie dies with it
IDLE_MINUTES = 30   # a page left open on a shared PC in the district office stops working after this
_SLIDE = timedelta(minutes=5)  # a session's idle deadline moves at most once per 5 minutes: fewer writes
MIN_PASSWORD = 10

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user name is unknown, so the answer takes as long as for a real account.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    full_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def role_vi(self) -> str:
        return ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class Session:
    staff: Staff
    csrf: str


class LoginRefused(Exception):
    def __init__(self, message_vi: str, *, locked: bool = False) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.locked = locked


WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def _norm(username: str) -> str:
    return username.strip().lower()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(conn: Connection, username: str, full_name: str, role: str, password: str) -> Staff:
    name = _norm(username)
    if not name or len(name) > 60 or not all(c.isalnum() or c in "._-" for c in name):
        raise bad_request("bad_username", "bad user name",
                          "Tên đăng nhập chỉ gồm chữ, số và dấu . _ - (tối đa 60 ký tự).")
    if role not in ROLES:
        raise bad_request("bad_role", "unknown role", f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise bad_request("weak_password", "password too short",
                          f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if not full_name.strip():
        raise bad_request("missing_field", "full name required", "Cần ghi họ tên của cán bộ.")
    if conn.execute(select(m.staff_users.c.id).where(m.staff_users.c.username == name)).first():
        raise ApiError(409, "user_exists", "user name taken", f"Tên đăng nhập «{name}» đã có.")
    conn.execute(insert(m.staff_users).values(
        username=name, full_name=full_name.strip()[:200], role=role, password_hash=_hasher.hash(password),
        failed_count=0, locked_until=None, created_at=stamp()))
    new_id = conn.execute(select(m.staff_users.c.id).where(m.staff_users.c.username == name)).scalar_one()
    return Staff(int(new_id), name, full_name.strip()[:200], role)


def unlock(conn: Connection, username: str) -> bool:
    return bool(conn.execute(update(m.staff_users).where(m.staff_users.c.username == _norm(username))
                             .values(failed_count=0, locked_until=None)).rowcount)


def set_password(conn: Connection, username: str, password: str) -> bool:
    if len(password) < MIN_PASSWORD:
        raise bad_request("weak_password", "password too short", f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    done = conn.execute(update(m.staff_users).where(m.staff_users.c.username == _norm(username)).values(
        password_hash=_hasher.hash(password), failed_count=0, locked_until=None)).rowcount
    conn.execute(delete(m.staff_sessions).where(m.staff_sessions.c.user_id.in_(
        select(m.staff_users.c.id).where(m.staff_users.c.username == _norm(username)))))
    return bool(done)


def users(conn: Connection) -> list[dict[str, object]]:
    rows = conn.execute(select(m.staff_users.c.id, m.staff_users.c.username, m.staff_users.c.full_name,
                               m.staff_users.c.role, m.staff_users.c.failed_count, m.staff_users.c.locked_until,
                               m.staff_users.c.created_at).order_by(m.staff_users.c.username))
    now = stamp()
    return [{**r._mapping, "locked": bool(r.locked_until and r.locked_until > now),
             "role_vi": ROLES.get(r.role, r.role)} for r in rows]


def _local(moment: str) -> str:
    """A stored UTC stamp as the office's wall clock (UTC+7), for messages."""
    from desk.sync.protocol import OFFICE_UTC_OFFSET

    return (datetime.fromisoformat(moment) + OFFICE_UTC_OFFSET).strftime("%H:%M")


def login(conn: Connection, username: str, password: str, *, now: datetime | None = None) -> tuple[str, Session]:
    """Check the password; return (cookie token, session). Counts failures and locks at MAX_FAILURES."""
    now = now or utcnow()
    row = conn.execute(select(m.staff_users).where(m.staff_users.c.username == _norm(username))).first()
    if row is None:
        try:
            _hasher.verify(_DUMMY_HASH, password or "-")
        except VerificationError:
            pass
        raise LoginRefused(WRONG)
    if row.locked_until and row.locked_until > stamp(now):
        raise LoginRefused(f"Tài khoản đang tạm khóa vì nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp. Thử lại "
                           f"sau {_local(row.locked_until)} hoặc nhờ quản trị viên mở khóa.", locked=True)
    try:
        _hasher.verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failures = int(row.failed_count or 0) + 1
        values: dict[str, object] = {"failed_count": failures}
        if failures >= MAX_FAILURES:
            values.update(failed_count=0, locked_until=stamp(now + timedelta(minutes=LOCK_MINUTES)))
        conn.execute(update(m.staff_users).where(m.staff_users.c.id == row.id).values(**values))
        if failures >= MAX_FAILURES:
            raise LoginRefused(f"Nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp: tài khoản bị tạm khóa "
                               f"{LOCK_MINUTES} phút.", locked=True) from None
        raise LoginRefused(WRONG) from None
    values = {"failed_count": 0, "locked_until": None}
    if _hasher.check_needs_rehash(row.password_hash):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(update(m.staff_users).where(m.staff_users.c.id == row.id).values(**values))
    # Expired sessions of anyone go when someone logs in: the table stays small without a sweeper.
    conn.execute(delete(m.staff_sessions).where(m.staff_sessions.c.expires_at < stamp(now)))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(insert(m.staff_sessions).values(
        token_hash=_hash_token(token), user_id=row.id, csrf=csrf, created_at=stamp(now),
        expires_at=stamp(_deadline(now, now))))
    return token, Session(Staff(int(row.id), row.username, row.full_name, row.role), csrf)


def _deadline(created: datetime, now: datetime) -> datetime:
    """A session ends IDLE_MINUTES after its last page, and never later than SESSION_HOURS after log-in."""
    return min(created + timedelta(hours=SESSION_HOURS), now + timedelta(minutes=IDLE_MINUTES))


def session(conn: Connection, token: str | None, *, now: datetime | None = None) -> Session | None:
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    row = conn.execute(select(m.staff_sessions.c.csrf, m.staff_sessions.c.expires_at, m.staff_sessions.c.created_at,
                              m.staff_users.c.id, m.staff_users.c.username, m.staff_users.c.full_name,
                              m.staff_users.c.role)
                       .join(m.staff_users, m.staff_users.c.id == m.staff_sessions.c.user_id)
                       .where(m.staff_sessions.c.token_hash == _hash_token(token))).first()
    if row is None or row.expires_at < stamp(now):
        return None
    deadline = _deadline(datetime.fromisoformat(row.created_at), now)
    if deadline - datetime.fromisoformat(row.expires_at) >= _SLIDE:
        conn.execute(update(m.staff_sessions).where(m.staff_sessions.c.token_hash == _hash_token(token))
                     .values(expires_at=stamp(deadline)))
    return Session(Staff(int(row.id), row.username, row.full_name, row.role), row.csrf)


def logout(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(delete(m.staff_sessions).where(m.staff_sessions.c.token_hash == _hash_token(token)))


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))
