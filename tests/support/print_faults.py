"""Paint functions for the print worker process that misbehave the way printers do: they wait at a
gate the test opens, or they crash the process. Module-level so that they pickle into the worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.support.gate import FileGate
from ui.printing import PrintOptions, paint_pdf


def paint_at_gate(gate: FileGate, pdf: Path, options: PrintOptions, **kw: Any) -> None:
    """A printer that does not answer until the test lets it."""
    gate.hold()
    paint_pdf(pdf, options, **kw)


def crash_first_time(marker: Path, test_pid: int, pdf: Path, options: PrintOptions, **kw: Any) -> None:
    """The first job ends the process it runs in without a word, as a crashing printer driver does;
    later jobs print."""
    if os.getpid() == test_pid:
        raise AssertionError("this would end the test's own process: print through the print worker")
    if not marker.exists():
        marker.touch()
        os._exit(70)
    paint_pdf(pdf, options, **kw)
