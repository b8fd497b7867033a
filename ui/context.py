"""What every page is handed by the composition root: the desk, the runner, the forms, the printer and
the sync client.

Pages get this object instead of reaching for globals; `ui/app.py` is the only place that builds it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desk.services import Desk
from desk.sync import SyncClient
from ui.common import ErrorLabel
from ui.operations import MessageSink, Operations
from ui.printing import PrintJob, PrintQueue
from ui.tasks import TaskRunner


class Forms(Protocol):
    """The part of desk.forms.FormService the window uses."""

    def slip(self, dossier_ref: str, *, paper: str = "a4", officer_id: str = "system") -> Path: ...

    def form(self, kind: str, dossier_ref: str, *, officer_id: str = "system", paper: str = "a4",
             **extra: Any) -> Path: ...

    def reprint(self, dossier_ref: str, kind: str = "slip", *, officer_id: str = "system") -> Path: ...


class LazyForms:
    """desk.forms.FormService, imported on first use: ReportLab stays out of the start-up path and is
    first loaded on a worker thread, not the GUI thread. `renderer` runs the ReportLab part (the window's
    runs it in the print worker process)."""

    def __init__(self, desk: Desk, *, renderer: Callable[..., bytes] | None = None) -> None:
        self.desk = desk
        self.renderer = renderer
        self._service: Forms | None = None
        self._lock = threading.Lock()

    def _get(self) -> Forms:
        with self._lock:
            if self._service is None:
                from desk.forms import FormService

                self._service = (FormService(self.desk) if self.renderer is None
                                 else FormService(self.desk, renderer=self.renderer))
            return self._service

    def slip(self, dossier_ref: str, *, paper: str = "a4", officer_id: str = "system") -> Path:
        return self._get().slip(dossier_ref, paper=paper, officer_id=officer_id)

    def form(self, kind: str, dossier_ref: str, *, officer_id: str = "system", paper: str = "a4",
             **extra: Any) -> Path:
        return self._get().form(kind, dossier_ref, officer_id=officer_id, paper=paper, **extra)

    def reprint(self, dossier_ref: str, kind: str = "slip", *, officer_id: str = "system") -> Path:
        return self._get().reprint(dossier_ref, kind, officer_id=officer_id)


class DeskContext(QObject):
    dossier_changed = Signal(dict)  # any page that wrote a dossier says so; lists and status refresh
    settings_changed = Signal()

    def __init__(self, desk: Desk, runner: TaskRunner, forms: Forms, print_queue: PrintQueue,
                 sync_client: SyncClient, officer: dict[str, Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.forms = forms
        self.print_queue = print_queue
        self.sync_client = sync_client
        self.officer = officer

    def operations(self, owner: QWidget, *, banner: MessageSink | None = None,
                   general: ErrorLabel | None = None) -> Operations:
        """The operation helper of one page (ui/operations.py), printing through this context."""
        return Operations(self.runner, owner, banner=banner, general=general, ctx=self)

    @property
    def officer_id(self) -> str:
        return str(self.officer["id"])

    @property
    def is_admin(self) -> bool:
        return self.officer.get("role") == "admin"

    def print_form(self, kind: str, code: str, title: str,
                   on_finished: Callable[[PrintJob], None] | None = None, *, reprint: bool = False) -> PrintJob:
        """Render (or fetch the archived copy of) a form on a worker, then print it."""
        desk, forms, officer = self.desk, self.forms, self.officer_id

        def render() -> Path:
            if reprint:
                return forms.reprint(code, kind, officer_id=officer)
            paper = str(desk.settings.get("print.paper"))
            if kind == "slip":
                return forms.slip(code, paper=paper, officer_id=officer)
            # Only the slip comes in the narrow 80 mm size; other forms are A4 documents.
            return forms.form(kind, code, officer_id=officer, paper="a4" if paper == "80mm" else paper)

        return self.print_queue.submit(title, render, on_finished)
