"""The one helper that runs desk work off the GUI thread.

A desk callable runs on a worker thread of a QThreadPool; its result or its exception comes back to the
GUI thread through a queued signal. Workers never touch widgets. The GUI thread never waits on the
database, the network or the printer.

A failure is logged where it happened, on the worker, while its traceback is at hand: an expected one
(a `DeskError`: bad input, a lifecycle rule; a `TransportError`: the network) as one line with its code
and field names, anything else with the full traceback. The message of neither is trusted into the log as is (desk/logs.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desk.errors import DeskError
from desk.logs import describe_error
from desk.sync.transport import TransportError

log = logging.getLogger(__name__)

# Failures that are part of the job: a refusal with a message for the officer, a network that is down.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (DeskError, TransportError)


def log_failure(label: str, exc: BaseException) -> None:
    if isinstance(exc, EXPECTED_ERRORS):
        log.info("%s: refused: %s", label, describe_error(exc))
    else:
        log.error("%s: unexpected error", label, exc_info=(type(exc), exc, exc.__traceback__))


class _Relay(QObject):
    """Lives on the GUI thread, so its slots run there when a worker emits (a queued connection)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[object], None], on_failed: Callable[[object], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_failed = on_failed
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        self._on_done(result)

    @Slot(object)
    def _deliver_failed(self, exc: object) -> None:
        self._on_failed(exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, label: str) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.label = label
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # reported to the GUI thread, never swallowed
            log_failure(self.label, exc)
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class TaskRunner(QObject):
    """Run `fn` on a worker; `on_done(result)` or `on_error(exc)` is called on the GUI thread."""

    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str = "",
    ) -> None:
        """`label` names the work in the log (a lambda has no useful name of its own)."""
        relay: _Relay

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            self.busy_changed.emit(len(self._relays))

        def ok(result: object) -> None:
            try:
                if on_done is not None:
                    on_done(result)
            finally:
                finish()

        def bad(exc: object) -> None:
            try:
                if on_error is not None:
                    on_error(exc)  # type: ignore[arg-type]
                else:
                    raise exc  # type: ignore[misc]
            finally:
                finish()

        relay = _Relay(ok, bad)
        self._relays.add(relay)
        self.busy_changed.emit(len(self._relays))
        self.pool.start(_Job(fn, relay, label or getattr(fn, "__qualname__", "task")))

    @property
    def pending(self) -> int:
        return len(self._relays)

    def wait(self, msecs: int = 30000) -> bool:
        """For shutdown and tests only: never called from a GUI event handler."""
        return bool(self.pool.waitForDone(msecs))
