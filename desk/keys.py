"""The database key: made once per data folder, kept by the OS, never in clear in the data folder.

Where the key lives, best first:
- the OS credential store through `keyring`: Windows Credential Manager (DPAPI, tied to the Windows
  account), macOS Keychain, the Secret Service of a Linux desktop;
- where none is usable (a Linux PC without a desktop keyring, CI): a key file in the OS account's own
  config folder (`~/.config/motcua-desk/keys/`, folder 0700, file 0600), outside the data folder, so a
  copied data folder or backup stick carries no key. `MOTCUA_DESK_KEYS=<folder>` names another folder
  and leaves the OS store alone (tests; a portable install that keeps its keys elsewhere).

The data folder holds only `desk.keyid`: which key (a random id) and a check value (an HMAC of a fixed
text under the key) that tells "wrong key" from "damaged file" without decrypting anything. The same
file is copied beside every backup, so a backup folder names its key too.

Recovery: `desk key recovery` shows the key as 16 groups of 4 hexadecimal digits, for the admin to
print or write down and keep in the office safe. With it, `desk key restore` (or `desk restore
--recovery-key`) puts the key back on a reinstalled or replaced PC.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from platformdirs import user_config_dir

from desk.errors import DeskError

SERVICE = "motcua-desk"
KEYID_FILE = "desk.keyid"
ENV_KEYS = "MOTCUA_DESK_KEYS"
_CHECK_TEXT = b"motcua-desk database key check v1"


class KeyMissing(DeskError):
    """The data folder's key is not on this PC (another OS account, a reinstalled PC, a lost keyring)."""

    code = "key_missing"


@dataclass(frozen=True)
class KeyId:
    vault: str
    check: str

    def matches(self, key: bytes) -> bool:
        return hmac.compare_digest(self.check, check_value(key))


def check_value(key: bytes) -> str:
    return hmac.new(key, _CHECK_TEXT, hashlib.sha256).hexdigest()[:32]


class KeyStore(Protocol):
    def get(self, vault: str) -> bytes | None: ...

    def put(self, vault: str, key: bytes) -> None: ...


class FileKeyStore:
    """One 0600 file per key in a 0700 folder of the OS account's own profile."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, vault: str) -> Path:
        if not re.fullmatch(r"[0-9a-f-]{36}", vault):
            raise ValueError("bad vault id")
        return self.folder / f"{vault}.key"

    def get(self, vault: str) -> bytes | None:
        try:
            text = self._path(vault).read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            return None
        return parse_recovery(text)

    def put(self, vault: str, key: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        path = self._path(vault)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, key.hex().encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)


class OsKeyStore:
    """The OS credential store (Windows Credential Manager / DPAPI, Keychain, Secret Service)."""

    def get(self, vault: str) -> bytes | None:
        import keyring

        try:
            text = keyring.get_password(SERVICE, vault)
        except Exception:  # a locked or broken keyring: the caller says the key is missing
            return None
        return parse_recovery(text) if text else None

    def put(self, vault: str, key: bytes) -> None:
        import keyring

        keyring.set_password(SERVICE, vault, key.hex())


_store_lock = threading.Lock()
_stores: dict[str, KeyStore] = {}


def key_store() -> KeyStore:
    """The key store of this OS account (decided once per process: probing a keyring takes time)."""
    folder = os.environ.get(ENV_KEYS)
    if folder:
        return FileKeyStore(Path(folder))
    default = Path(user_config_dir(SERVICE, appauthor=False)) / "keys"
    with _store_lock:
        cached = _stores.get(str(default))
        if cached is None:
            cached = OsKeyStore() if _os_keyring_usable() else FileKeyStore(default)
            _stores[str(default)] = cached
        return cached


def _os_keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    # priority < 1: only the "fail" or a plaintext file backend is there; our own 0600 file is better.
    return not isinstance(backend, fail.Keyring) and float(getattr(backend, "priority", 0)) >= 1


# --- the key id file ------------------------------------------------------------------------------------
def read_keyid(folder: Path) -> KeyId | None:
    try:
        data = json.loads((folder / KEYID_FILE).read_text(encoding="utf-8"))
        return KeyId(str(data["vault"]), str(data["check"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_keyid(folder: Path, keyid: KeyId) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / KEYID_FILE
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps({"vault": keyid.vault, "check": keyid.check}).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _lookup(keyid: KeyId) -> bytes | None:
    key = key_store().get(keyid.vault)
    return key if key is not None and keyid.matches(key) else None


def existing_key(*folders: Path) -> bytes | None:
    """The key named by the first of `folders` that has a key id whose key this PC holds."""
    for folder in folders:
        keyid = read_keyid(folder)
        if keyid is not None:
            key = _lookup(keyid)
            if key is not None:
                return key
    return None


def database_key(data_dir: Path, *, create: bool) -> bytes:
    """The data folder's key; a new one if the folder has none yet and `create` is set."""
    keyid = read_keyid(data_dir) or read_keyid(data_dir / "backups")
    if keyid is not None:
        key = _lookup(keyid)
        if key is None:
            raise KeyMissing(
                "Không tìm thấy khóa mã hóa dữ liệu của thư mục này trên máy (đăng nhập Windows khác, máy cài lại "
                "hoặc thay máy). Quản trị viên nhập khóa khôi phục đã in khi cài đặt: "
                "«desk key restore --recovery-key …».",
                message_en="This data folder's encryption key is not on this PC; enter the recovery key "
                           "with 'desk key restore --recovery-key …'.")
        if read_keyid(data_dir) is None:
            write_keyid(data_dir, keyid)
        return key
    if not create:
        raise KeyMissing("Thư mục dữ liệu chưa có khóa mã hóa.", message_en="The data folder has no key yet.")
    return _new_key(data_dir)


def _new_key(data_dir: Path) -> bytes:
    key = secrets.token_bytes(32)
    keyid = KeyId(str(uuid.uuid4()), check_value(key))
    key_store().put(keyid.vault, key)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Two processes opening a new folder at once: the first key id written wins, the other key is unused.
    try:
        fd = os.open(data_dir / KEYID_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return database_key(data_dir, create=False)
    try:
        os.write(fd, json.dumps({"vault": keyid.vault, "check": keyid.check}).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def install_key(data_dir: Path, key: bytes, keyid: KeyId | None = None) -> KeyId:
    """Put a recovered key back in this PC's store for `data_dir` (checked against its key id if any)."""
    keyid = keyid or read_keyid(data_dir) or read_keyid(data_dir / "backups")
    if keyid is not None and not keyid.matches(key):
        raise DeskError("Khóa khôi phục không đúng với dữ liệu này (kiểm tra lại từng nhóm chữ số).",
                        code="wrong_recovery_key", message_en="The recovery key does not match this data.")
    keyid = keyid or KeyId(str(uuid.uuid4()), check_value(key))
    key_store().put(keyid.vault, key)
    write_keyid(data_dir, keyid)
    return keyid


def copy_keyid(data_dir: Path, folder: Path) -> None:
    """Put the data folder's key id beside its backups (a backup folder then names its own key)."""
    keyid = read_keyid(data_dir)
    if keyid is not None and read_keyid(folder) != keyid:
        with contextlib.suppress(OSError):
            write_keyid(folder, keyid)


# --- the recovery key as people read it -----------------------------------------------------------------
def recovery_text(key: bytes) -> str:
    digits = key.hex().upper()
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def parse_recovery(text: str) -> bytes | None:
    digits = re.sub(r"[\s\-.]", "", text or "").lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digits):
        return None
    return bytes.fromhex(digits)
