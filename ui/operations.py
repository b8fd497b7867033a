"""One way for every page to run desk work (the role Anki's `CollectionOp` plays).

`Operations.run(fn, on_done, …)` puts the page in its busy state (the triggering buttons disabled, a
busy cursor over the page, an optional "Đang …" line), runs `fn` on the TaskRunner, and on the GUI
thread either calls `on_done(result)` or shows the failure where the officer looks for it:
- desk's `ValidationError(s)`: each message on the red line of its field, the first wrong field gets
  the keyboard, and a summary in the banner; messages for fields this screen does not have go to the
  page's general error line (or the banner);
- any other `DeskError` (a lifecycle rule, a missing setup) or a `TransportError` (the network): its
  Vietnamese message in the banner;
- anything else: a generic message in the banner. The worker already logged the traceback
  (ui/tasks.py); a failure in `on_done` itself is logged here.

Pages register their fields once (`ops.fields.add(name, error_label, widget)`); a page with several
forms keeps one `Fields` per form and passes it to `run`. Printing a form goes through `print_form`,
which reports the job in a banner with «In lại» on failure; how printing works is ui/printing.py's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.common import ErrorLabel, field_errors, message_of, set_style_state
from ui.tasks import EXPECTED_ERRORS, TaskRunner, log_failure

if TYPE_CHECKING:
    from ui.context import DeskContext
    from ui.printing import PrintJob

log = logging.getLogger(__name__)


def unexpected_text() -> str:
    return QCoreApplication.translate(
        "Operations", "Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký.")


class MessageSink(Protocol):
    """Where a page says how an operation went: a `Banner`, or a `LabelSink` over a plain label."""

    def show_message(self, text: str, kind: str = "info") -> None: ...


class LabelSink:
    """A plain label as a banner (the sync page's message line): red while it reports an error."""

    def __init__(self, label: QLabel) -> None:
        self.label = label

    def show_message(self, text: str, kind: str = "info") -> None:
        self.label.setText(text)
        set_style_state(self.label, "error", kind == "error")


class Fields:
    """The fields of one form: the red line under each and the widget that takes the keyboard when the
    field is wrong. Several desk fields may share one line (a day and its note)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[ErrorLabel, QWidget | None]] = {}

    def add(self, name: str, error: ErrorLabel, widget: QWidget | None = None) -> ErrorLabel:
        self._entries[name] = (error, widget)
        return error

    def names(self) -> list[str]:
        return list(self._entries)

    def label(self, name: str) -> ErrorLabel:
        return self._entries[name][0]

    def show(self, errors: Mapping[str, str]) -> list[str]:
        """Put each message on its field's line; return the messages this form has no field for."""
        per_label: dict[int, tuple[ErrorLabel, list[str]]] = {}
        for name, (label, widget) in self._entries.items():
            slot = per_label.setdefault(id(label), (label, []))
            if name in errors:
                slot[1].append(errors[name])
            if widget is not None:
                set_style_state(widget, "invalid", name in errors)
        for label, messages in per_label.values():
            label.show_message("\n".join(dict.fromkeys(messages)))
        return [message for name, message in errors.items() if name not in self._entries]

    def clear(self) -> None:
        self.show({})

    def focus_first(self, errors: Iterable[str]) -> QWidget | None:
        wrong = set(errors)
        for name, (_label, widget) in self._entries.items():
            if name in wrong and widget is not None and widget.isVisibleTo(widget.window()):
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return widget
        return None


class Operations(QObject):
    """One page's way of running desk work; see the module docstring."""

    def __init__(self, runner: TaskRunner, owner: QWidget, *, banner: MessageSink | None = None,
                 general: ErrorLabel | None = None, ctx: DeskContext | None = None) -> None:
        super().__init__(owner)
        self.runner = runner
        self.owner = owner
        self.banner = banner
        self.general = general
        self.ctx = ctx
        self.fields = Fields()
        self.running = 0

    @property
    def busy(self) -> bool:
        return self.running > 0

    # --- running ----------------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *, label: str,
            busy: Sequence[QWidget] = (), busy_text: str = "", ok_text: str = "", refused_text: str = "",
            fields: Fields | None = None, on_failed: Callable[[BaseException], None] | None = None,
            log_done: bool = True) -> None:
        """Run `fn` off the GUI thread. `label` names the work in the log (never data: no names, no
        numbers a citizen gave); `log_done=False` for a frequent read that would only fill the log.
        `on_failed` runs after the failure was shown (to restore focus etc.)."""
        form = self.fields if fields is None else fields
        started = time.monotonic()
        self._enter(busy)
        if busy_text:
            self._say(busy_text, "info")

        def done(result: Any) -> None:
            self._leave(busy)
            if log_done:
                # What the officer did and how long it took: what support asks first after a complaint.
                log.info("%s: done in %d ms", label, (time.monotonic() - started) * 1000)
            form.clear()
            if self.general is not None:
                self.general.show_message("")
            if ok_text:
                self._say(ok_text, "ok")
            elif busy_text:
                self._say("", "info")  # the "Đang …" line must not outlive the work
            if on_done is None:
                return
            try:
                on_done(result)
            except Exception:  # a bug in the page's own follow-up: the officer is told, support can read why
                log.error("%s: failed after the work was done", label, exc_info=True)
                self._say(unexpected_text(), "error")

        def failed(exc: BaseException) -> None:
            self._leave(busy)
            self._show(exc, form, refused_text)
            if on_failed is not None:
                on_failed(exc)

        self.runner.run(fn, done, failed, label=label)

    def show_error(self, exc: BaseException, *, label: str = "", fields: Fields | None = None,
                   refused_text: str = "") -> None:
        """A failure that happened on the GUI thread (e.g. a date the page parses itself): shown the way
        a worker's failure is, and logged like one."""
        log_failure(label or type(self.owner).__name__, exc)
        self._show(exc, self.fields if fields is None else fields, refused_text)

    def _show(self, exc: BaseException, form: Fields, refused_text: str) -> None:
        errors = field_errors(exc)
        if errors:
            leftover = form.show(errors)
            form.focus_first(errors)
            summary = refused_text or QCoreApplication.translate(
                "Operations", "Chưa ghi được: hãy sửa các ô báo đỏ.")
            if self.general is not None:
                self.general.show_message("\n".join(leftover))
                self._say(summary, "error", general=False)
            else:
                self._say("\n".join(leftover) or summary, "error")
            return
        form.clear()
        if self.general is not None and self.banner is not None:
            self.general.show_message("")
        self._say(message_of(exc) if isinstance(exc, EXPECTED_ERRORS) else unexpected_text(), "error")

    # --- busy state -------------------------------------------------------------------------------
    def _enter(self, busy: Sequence[QWidget]) -> None:
        self.running += 1
        for w in busy:
            w.setEnabled(False)
        if self.running == 1:
            self.owner.setCursor(Qt.CursorShape.BusyCursor)

    def _leave(self, busy: Sequence[QWidget]) -> None:
        self.running -= 1
        for w in busy:
            w.setEnabled(True)
        if self.running == 0:
            self.owner.unsetCursor()

    def _say(self, text: str, kind: str, *, general: bool = True) -> None:
        if self.banner is not None:
            self.banner.show_message(text, kind)
        elif general and self.general is not None:
            self.general.show_message(text if kind == "error" else "")

    # --- printing ---------------------------------------------------------------------------------
    def print_form(self, kind: str, code: str, title: str, *, banner: Any = None, reprint: bool = False,
                   quiet: bool = False, on_finished: Callable[[PrintJob], None] | None = None,
                   render: Callable[[], Path] | None = None) -> PrintJob:
        """Print a form of dossier `code` and say how it went in `banner` (a Banner: it offers «In lại»).
        `quiet`: the banner keeps what it says (e.g. what was just recorded) unless the print fails.
        `render` prints another PDF than a dossier form (a receipt, a hand-over list): it runs on the
        print worker and returns the PDF's path; `code` then only names it in the log."""
        assert self.ctx is not None, "printing needs the desk context"
        target = banner if banner is not None else self.banner
        if target is not None and not quiet:
            target.show_message(QCoreApplication.translate("Operations", "Đang in: {0}…").format(title), "info")

        def finished(job: PrintJob) -> None:
            outcome = "printed" if job.done else "cancelled" if job.cancelled else "failed"
            log.log(logging.WARNING if outcome == "failed" else logging.INFO, "print %s of %s: %s (attempt %d)",
                    kind, code, outcome, job.attempts)
            if target is not None and not (quiet and job.done and job.attempts == 1):
                self._report_print(job, target)
            if on_finished is not None:
                on_finished(job)

        if render is not None:
            return self.ctx.print_queue.submit(title, render, finished)
        return self.ctx.print_form(kind, code, title, finished, reprint=reprint)

    def _report_print(self, job: PrintJob, target: Any) -> None:
        def again() -> None:
            text = QCoreApplication.translate("Operations", "Đang in lại: {0}…")
            target.show_message(text.format(job.title), "info")
            assert self.ctx is not None
            self.ctx.print_queue.retry(job)

        retry = (QCoreApplication.translate("Operations", "In lại"), again)
        if job.done:
            target.show_message(QCoreApplication.translate("Operations", "Đã in: {0}.").format(job.title), "ok")
        elif job.cancelled:
            text = QCoreApplication.translate("Operations", "Chưa in: {0} (đã huỷ). Hồ sơ đã được lưu.")
            target.show_message(text.format(job.title), "info", retry)
        else:
            text = QCoreApplication.translate("Operations", "In lỗi: {0} — {1} Hồ sơ đã được lưu.")
            target.show_message(text.format(job.title, job.error), "error", retry)
