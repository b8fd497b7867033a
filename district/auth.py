"""Device identity: one-time enrollment codes, Ed25519 keys, and every request signed.

A district admin makes a code bound to one commune (`district enroll-code`). The desk makes its own key
pair and enrols with the code (single use, only its hash is stored). From then on it signs every request
(desk/sync/protocol.py `request_message`): method, path and query, the body's hash and encoding, and a
counter it never reuses. The server checks the signature against the enrolled key, refuses a counter it
has seen (a replay) and re-checks the device on every request, so a revocation takes effect at the very
next request: there is no token left to outlive it. No clock is involved (desk clocks are often wrong).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, delete, insert, select, update

from desk.sync.protocol import ENROLL_CODE_ALPHABET, parse_auth_header, request_message
from district import models as m
from district.columns import Unfit, fit
from district.db import stamp, utcnow
from district.errors import ApiError, bad_request, revoked, unauthorized

CODE_ALPHABET = ENROLL_CODE_ALPHABET
CODE_TTL = timedelta(days=7)
COUNTER_WINDOW = 62  # counters below the highest seen that may still arrive (out of order), once each
WINDOW_MASK = (1 << COUNTER_WINDOW) - 1


@dataclass(frozen=True)
class Device:
    device_id: str
    commune: str


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().upper().encode()).hexdigest()


def make_enroll_code(conn: Connection, commune: str, *, now: datetime | None = None,
                     device_id: str | None = None) -> str:
    """A one-time code for a new PC of `commune`, or (`device_id`) the code that lets one revoked PC of
    that commune back in: an ordinary code never re-admits a revoked device id."""
    now = now or utcnow()
    if device_id is not None:
        row = conn.execute(select(m.devices.c.commune).where(m.devices.c.device_id == device_id)).first()
        if row is None or row.commune != commune:
            raise ApiError(404, "unknown_device", f"no device {device_id} in {commune}",
                           f"Không có máy {device_id} thuộc {commune}.")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i:i + 4] for i in range(0, 12, 4))
    conn.execute(insert(m.enroll_codes).values(
        code_hash=_hash_code(code), commune=commune, created_at=stamp(now), expires_at=stamp(now + CODE_TTL),
        device_id=device_id))
    return code


def enroll(conn: Connection, code: str, device_id: str, public_key_b64: str, name: str,
           commune: str | None = None, desk_no: int | None = None) -> str:
    """Bind the device to the code's commune for ever; return the commune's agency code.

    A device id once enrolled belongs to its commune: another commune's code never takes it. An active
    device may not be taken over by any code. A revoked one comes back only with a code the district made
    for that very device (`district enroll-code --device`), and then with a new key: every signature made
    with the old key, by the old PC or by whoever copied its data, stays refused.
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
    if not _is_device_id(device_id):
        raise bad_request("bad_device_id", "device_id must be a UUID", "Mã máy không hợp lệ.")
    if row.used_at is not None:
        if row.device_id == device_id:
            return str(row.commune)  # the same desk retrying after a lost reply
        raise ApiError(403, "enroll_code_used", "enrollment code already used",
                       "Mã đăng ký này đã được dùng cho một máy khác; mỗi mã chỉ dùng một lần.")
    if commune and commune != row.commune:
        raise ApiError(403, "commune_mismatch", f"code is for {row.commune}, desk is {commune}",
                       f"Mã đăng ký này cấp cho cơ quan {row.commune}, nhưng máy này khai báo mã cơ quan "
                       f"{commune}. Hãy kiểm tra lại mã định danh cơ quan hoặc xin mã đúng.")
    if row.device_id is not None and row.device_id != device_id:
        raise ApiError(403, "enroll_code_for_other_device", "enrollment code is for another device",
                       "Mã đăng ký này cấp riêng cho một máy khác; hãy xin cấp trên mã cho máy này.")
    existing = conn.execute(select(m.devices).where(m.devices.c.device_id == device_id)).first()
    if existing is not None and existing.commune != row.commune:
        raise ApiError(403, "device_other_commune", "device id belongs to another commune",
                       "Mã máy này đã thuộc một xã/phường khác; một máy không thể chuyển sang xã/phường khác. "
                       "Hãy liên hệ quản trị viên cấp trên.")
    if existing is not None and existing.revoked_at is None:
        raise ApiError(409, "device_exists", "device id already enrolled",
                       "Máy này đã đăng ký với cấp trên từ trước.")
    if existing is not None and row.device_id != device_id:
        raise ApiError(403, "device_revoked", "a revoked device comes back only with a code made for it",
                       "Máy này đã bị cấp trên thu hồi; chỉ đăng ký lại được bằng mã cấp trên cấp riêng cho "
                       f"máy này (district enroll-code --commune {row.commune} --device {device_id}).")
    try:
        fit(m.devices, {"name": name[:200], "public_key": public_key_b64})
    except Unfit:
        raise bad_request("bad_device_name", "device name is not plain text", "Tên máy không hợp lệ.") from None
    if desk_no is not None:
        _claim_desk_no(conn, str(row.commune), device_id, desk_no)
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


def _is_device_id(value: str) -> bool:
    try:
        return len(value) <= 36 and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _claim_desk_no(conn: Connection, commune: str, device_id: str, desk_no: int) -> None:
    """Counter numbers are unique within a commune among PCs not revoked: a dossier code carries the
    counter number, so two PCs with one number would issue the same codes (issue 15)."""
    if not 1 <= desk_no <= 99:
        raise bad_request("bad_desk_no", "desk number must be 1..99", "Số quầy phải từ 1 đến 99.")
    taken = conn.execute(select(m.commune_desks.c.device_id).join(
        m.devices, m.devices.c.device_id == m.commune_desks.c.device_id).where(
        m.commune_desks.c.commune == commune, m.commune_desks.c.desk_no == desk_no,
        m.commune_desks.c.device_id != device_id, m.devices.c.revoked_at.is_(None))).first()
    if taken is not None:
        raise ApiError(409, "desk_no_taken", f"desk number {desk_no} is already used in {commune}",
                       f"Số quầy {desk_no:02d} đã có một máy khác của cơ quan dùng. Hãy đổi số quầy của máy này "
                       "(Khai báo cơ quan) rồi đăng ký lại; mã đăng ký vẫn dùng được.")
    conn.execute(delete(m.commune_desks).where(m.commune_desks.c.device_id == device_id))
    conn.execute(insert(m.commune_desks).values(device_id=device_id, commune=commune, desk_no=desk_no))


def _device_row(conn: Connection, device_id: str, *, lock: bool = False):  # type: ignore[no-untyped-def]
    q = select(m.devices).where(m.devices.c.device_id == device_id)
    # FOR UPDATE: one device's requests check and move its counter one at a time (PostgreSQL).
    row = conn.execute(q.with_for_update() if lock else q).first()
    if row is None:
        raise ApiError(403, "unknown_device", "device not enrolled",
                       "Máy này chưa đăng ký với cấp trên; hãy đăng ký bằng mã do cấp trên cấp.")
    if row.revoked_at is not None:
        raise revoked()
    return row


def verify_request(conn: Connection, header: str | None, method: str, target: str, encoding: str,
                   body: bytes) -> Device:
    """A signed request: the device is enrolled and not revoked, the signature covers this very request,
    and its counter was never used (a replay, or a request altered on the way, is refused)."""
    parsed = parse_auth_header(header or "")
    if parsed is None:
        raise unauthorized("signed request required",
                           "Yêu cầu không có chữ ký của máy; hãy cập nhật phần mềm Một cửa.")
    device_id, counter, signature = parsed
    if not 0 < counter < 2**62 or not _is_device_id(device_id):
        raise unauthorized("malformed signed request", "Chữ ký của yêu cầu không đúng dạng.")
    row = _device_row(conn, device_id, lock=True)
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key)).verify(
            signature, request_message(method, target, device_id, counter, encoding, body))
    except (InvalidSignature, ValueError):
        raise ApiError(401, "bad_signature", "signature does not verify for this request",
                       "Chữ ký của yêu cầu không khớp (yêu cầu bị sửa trên đường truyền, hoặc khóa của máy không "
                       "còn khớp khóa đã đăng ký); máy sẽ thử lại, nếu vẫn lỗi hãy đăng ký lại máy.",
                       retryable=True) from None
    _use_counter(conn, device_id, counter)
    return Device(device_id, str(row.commune))


def _use_counter(conn: Connection, device_id: str, counter: int) -> None:
    """A sliding window of COUNTER_WINDOW counters, like IPsec's: requests of one device may arrive out of
    order (several connections), but each counter is accepted once."""
    row = conn.execute(select(m.request_counters).where(m.request_counters.c.device_id == device_id)).first()
    high, seen = (int(row.high), int(row.seen)) if row is not None else (0, 0)
    if counter <= 0 or counter <= high - COUNTER_WINDOW:
        raise stale_counter(high)
    if counter > high:
        shift = counter - high
        seen = ((seen << shift) | 1) & WINDOW_MASK if shift < COUNTER_WINDOW else 1
        high = counter
    else:
        bit = 1 << (high - counter)
        if seen & bit:
            raise stale_counter(high, replay=True)
        seen |= bit
    values = {"high": high, "seen": seen}
    if row is None:
        conn.execute(insert(m.request_counters).values(device_id=device_id, **values))
    else:
        conn.execute(update(m.request_counters).where(m.request_counters.c.device_id == device_id).values(**values))


def stale_counter(high: int, *, replay: bool = False) -> ApiError:
    err = ApiError(401, "stale_counter", "request counter already used" if replay else "request counter too old",
                   "Yêu cầu này máy chủ đã nhận rồi (gửi lại một yêu cầu cũ); máy sẽ gửi yêu cầu mới.",
                   retryable=True)
    err.detail = {"counter": high}
    return err


def revoke(conn: Connection, device_id: str) -> bool:
    """Revoke a PC; its commune's office-network secret moves to the next generation with it (the count
    of revocations, district/peers.py), one row updated, so two revocations at once both count."""
    return bool(conn.execute(update(m.devices).where(m.devices.c.device_id == device_id,
                                                     m.devices.c.revoked_at.is_(None))
                             .values(revoked_at=stamp(), revocations=m.devices.c.revocations + 1)).rowcount)
