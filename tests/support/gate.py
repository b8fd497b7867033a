"""Gates a test opens itself, to hold a write or a print where it really runs.

`Gate` holds a thread of the test's own process (a database write on the window's worker thread).
`FileGate` holds whatever process reaches it (a print in the print worker process): it is a folder,
so it pickles and works across processes, and it records which process it held.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

# Long enough that a window stuck behind a gate is noticed, short enough to fail quickly.
GATE_LIMIT = 20.0


class Gate:
    """Holds the calling thread until `open()`; remembers which threads it held."""

    def __init__(self) -> None:
        self._open = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []
        self.gave_up = False

    def hold(self) -> None:
        self.threads.append(threading.current_thread())
        self.entered.set()
        if not self._open.wait(GATE_LIMIT):
            self.gave_up = True

    def open(self) -> None:
        self._open.set()


class FileGate:
    """Holds the calling process until `open()`; `holders()` are the ids of the processes it held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def hold(self) -> None:
        (self.folder / f"held-{os.getpid()}").touch()
        deadline = time.monotonic() + GATE_LIMIT
        while not (self.folder / "open").exists():
            if time.monotonic() > deadline:
                (self.folder / "gave-up").touch()
                return
            time.sleep(0.01)

    def open(self) -> None:
        (self.folder / "open").touch()

    def holders(self) -> list[int]:
        return sorted(int(p.name.split("-")[1]) for p in self.folder.glob("held-*"))

    @property
    def gave_up(self) -> bool:
        return (self.folder / "gave-up").exists()
