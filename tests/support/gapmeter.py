"""How long the GUI thread went without turning its event loop, seen by a 10 ms timer on it."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer


class GapMeter:
    """Ticks every 10 ms while the event loop turns; `max_gap` is the longest wait between two ticks,
    i.e. how long an officer would have seen the window frozen."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.max_gap = 0
        self.ticks = 0

    def start(self) -> None:
        """Start (again) from zero."""
        self.clock.start()
        self.last = 0
        self.max_gap = 0
        self.ticks = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now
        self.ticks += 1

    def stop(self) -> None:
        self._tick()
        self.timer.stop()
