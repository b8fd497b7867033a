"""A small file beside the database that remembers the highest numbers ever handed out.

A commune restores `desk.db` from an older backup after a disk fault; without this file the desk would
issue again the dossier codes and device sequence numbers it had already given to citizens and to the
server. The file is rewritten atomically (write, fsync, rename) while the database write lock is held,
so two processes on the same data directory never race on it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class HighWater:
    path: Path
    last_seq: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    device_id: str = ""
    # The database's next_seq when the transaction that last wrote this file began. If the database
    # still has that value on opening, that transaction died before its commit (a kill, a power cut):
    # its sequence numbers were never committed nor sent, so they are free again. A backup taken just
    # before that transaction looks the same, so `desk restore` clears this mark (0 = "a restore").
    base_seq: int = 0

    @classmethod
    def load(cls, path: Path) -> HighWater:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError):
            # Unreadable (e.g. edited by hand): the database still has its own marks, so carry on.
            return cls(path)
        return cls(
            path,
            last_seq=int(data.get("last_seq", 0)),
            codes={str(k): int(v) for k, v in dict(data.get("codes", {})).items()},
            device_id=str(data.get("device_id", "")),
            base_seq=int(data.get("base_seq", 0)),
        )

    def save(self) -> None:
        # Only the last few days matter for codes; older days cannot be issued again.
        recent = dict(sorted(self.codes.items())[-40:])
        self.codes = recent
        payload = json.dumps(
            {"device_id": self.device_id, "last_seq": self.last_seq, "codes": recent, "base_seq": self.base_seq},
            sort_keys=True,
        ).encode()
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        # rename is atomic: a reader sees the old or the new file, never a torn one.
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
