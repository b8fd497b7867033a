"""Device identity: one-time enrollment codes, Ed25519 keys, signed challenges and short-lived tokens.

A district admin makes a code bound to one commune (`district enroll-code`). The desk makes its own key
pair and enrols with the code (single use, only its hash is stored). From then on it asks for a nonce,
signs it, and gets a token (an HMAC over device id and expiry, keyed by a secret kept in the database).
Every request re-checks that the device is not revoked, so a revocation takes effect at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, delete, insert, select, update

from desk.sync.protocol import challenge_message
from district import models as m
from district.db import meta, stamp, utcnow
from district.errors import ApiError, bad_request, revoked, unauthorized

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_TTL = timedelta(days=7)
CHALLENGE_TTL = timedelta(minutes=5)
TOKEN_TTL = timedelta(hours=2)


@dataclass(frozen=True)
class Device:
    device_id: str
    commune: str


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().upper().encode()).hexdigest()


def make_enroll_code(conn: Connection, commune: str, *, now: datetime | None = None) -> str:
    now = now or utcnow()
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i:i + 4] for i in range(0, 12, 4))
    conn.execute(insert(m.enroll_codes).values(
        code_hash=_hash_code(code), commune=commune, created_at=stamp(now), expires_at=stamp(now + CODE_TTL)))
    return code


def enroll(conn: Connection, code: str, device_id: str, public_key_b64: str, name: str,
           commune: str | None = None) -> str:
    """Bind the device to the code's commune; return the commune's agency code.

    A revoked device may enrol again with a new code (a new key replaces the old one); an active one
    may not be taken over by another code.
    """
    try:
        key = base64.b64decode(public_key_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(key)
    except (ValueError, TypeError):
        raise bad_request("bad_public_key", "public key is not a raw Ed25519 key",
                          "Khóa công khai của máy không hợp lệ.") from None
    row = conn.execute(select(m.enroll_codes).where(m.enroll_codes.c.code_hash == _hash_code(code))
                       .with_for_update()).first()
    now = utcnow()
    if row is None or row.expires_at < stamp(now):
        raise ApiError(403, "bad_enroll_code", "unknown or expired enrollment code",
                       "Mã đăng ký không đúng hoặc đã hết hạn; hãy xin cấp trên mã mới.")
    if row.used_at is not None:
        if row.device_id == device_id:
            return str(row.commune)  # the same desk retrying after a lost reply
        raise ApiError(403, "enroll_code_used", "enrollment code already used",
                       "Mã đăng ký này đã được dùng cho một máy khác; mỗi mã chỉ dùng một lần.")
    if commune and commune != row.commune:
        raise ApiError(403, "commune_mismatch", f"code is for {row.commune}, desk is {commune}",
                       f"Mã đăng ký này cấp cho cơ quan {row.commune}, nhưng máy này khai báo mã cơ quan "
                       f"{commune}. Hãy kiểm tra lại mã định danh cơ quan hoặc xin mã đúng.")
    existing = conn.execute(select(m.devices).where(m.devices.c.device_id == device_id)).first()
    if existing is not None and existing.revoked_at is None:
        raise ApiError(409, "device_exists", "device id already enrolled",
                       "Máy này đã đăng ký với cấp trên từ trước.")
    if existing is not None:
        conn.execute(update(m.devices).where(m.devices.c.device_id == device_id).values(
            commune=row.commune, public_key=public_key_b64, name=name[:200], enrolled_at=stamp(now),
            revoked_at=None))
    else:
        conn.execute(insert(m.devices).values(device_id=device_id, commune=row.commune,
                                              public_key=public_key_b64, name=name[:200], enrolled_at=stamp(now)))
    conn.execute(update(m.enroll_codes).where(m.enroll_codes.c.code_hash == row.code_hash)
                 .values(used_at=stamp(now), device_id=device_id))
    return str(row.commune)


def _device_row(conn: Connection, device_id: str):  # type: ignore[no-untyped-def]
    row = conn.execute(select(m.devices).where(m.devices.c.device_id == device_id)).first()
    if row is None:
        raise ApiError(403, "unknown_device", "device not enrolled",
                       "Máy này chưa đăng ký với cấp trên; hãy đăng ký bằng mã do cấp trên cấp.")
    if row.revoked_at is not None:
        raise revoked()
    return row


def challenge(conn: Connection, device_id: str) -> tuple[str, str]:
    _device_row(conn, device_id)
    now = utcnow()
    conn.execute(delete(m.challenges).where(m.challenges.c.expires_at < stamp(now)))
    nonce = secrets.token_urlsafe(24)
    expires = stamp(now + CHALLENGE_TTL)
    conn.execute(insert(m.challenges).values(nonce=nonce, device_id=device_id, expires_at=expires))
    return nonce, expires


def issue_token(conn: Connection, device_id: str, nonce: str, signature_b64: str) -> tuple[str, str]:
    row = _device_row(conn, device_id)
    found = conn.execute(delete(m.challenges).where(
        m.challenges.c.nonce == nonce, m.challenges.c.device_id == device_id,
        m.challenges.c.expires_at >= stamp())).rowcount
    if not found:
        raise unauthorized("unknown or expired challenge",
                           "Phiên xác thực đã hết hạn; máy sẽ tự xác thực lại.")
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key)).verify(
            base64.b64decode(signature_b64), challenge_message(nonce, device_id))
    except (InvalidSignature, ValueError):
        raise ApiError(403, "bad_signature", "signature does not verify",
                       "Chữ ký của máy không khớp khóa đã đăng ký; hãy đăng ký lại máy.") from None
    expires = utcnow() + TOKEN_TTL
    return _sign_token(conn, device_id, int(expires.timestamp())), stamp(expires)


def _sign_token(conn: Connection, device_id: str, expires_ts: int) -> str:
    body = f"{device_id}.{expires_ts}"
    mac = hmac.new(bytes.fromhex(meta(conn, "token_secret")), body.encode(), hashlib.sha256).hexdigest()[:40]
    return f"{body}.{mac}"


def check_token(conn: Connection, token: str | None) -> Device:
    if not token:
        raise unauthorized()
    try:
        device_id, exp_text, _mac = token.rsplit(".", 2)
        expires_ts = int(exp_text)
    except ValueError:
        raise unauthorized("malformed token") from None
    if not hmac.compare_digest(_sign_token(conn, device_id, expires_ts), token):
        raise unauthorized("bad token")
    if expires_ts < utcnow().timestamp():
        raise unauthorized("token expired")
    row = _device_row(conn, device_id)
    return Device(device_id, str(row.commune))


def revoke(conn: Connection, device_id: str) -> bool:
    return bool(conn.execute(update(m.devices).where(m.devices.c.device_id == device_id,
                                                     m.devices.c.revoked_at.is_(None))
                             .values(revoked_at=stamp())).rowcount)
