"""Bar charts painted with QPainter for the "Báo cáo" page: dossiers per day, on-time share per month,
overdue by procedure. Painting a few bars ourselves avoids QtCharts (it ships in PySide6-Addons, some
40 MB the installer does not carry) and pyqtgraph (numpy and a scientific plotting stack for three bar
charts); docs/design.md, "Reports", says more."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#2f6fb0")
BAR_WARN = QColor("#c0392b")
AXIS = QColor("#555555")
GRID = QColor("#dddddd")


class BarChart(QWidget):
    """Vertical bars (`horizontal=False`: one per day or month) or horizontal bars (one per procedure,
    the label on the left). `percent`: values are shares 0..1 drawn against 100 %."""

    def __init__(self, title: str, *, horizontal: bool = False, percent: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.percent = percent
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.empty_text = ""
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: Sequence[str], values: Sequence[float | None], empty_text: str = "") -> None:
        self.labels, self.values, self.empty_text = list(labels), list(values), empty_text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    # --- painting ---------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        fm = QFontMetrics(title_font)
        p.setPen(AXIS)
        p.drawText(QRectF(0, 4, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title)
        p.setFont(self.font())
        area = QRectF(8, fm.height() + 12, self.width() - 16, self.height() - fm.height() - 20)
        shown = [v for v in self.values if v is not None]
        if not shown or (not self.percent and max(shown) <= 0):
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            p.end()
            return
        if self.horizontal:
            self._horizontal(p, area)
        else:
            self._vertical(p, area)
        p.end()

    def _top(self) -> float:
        if self.percent:
            return 1.0
        top = max(v for v in self.values if v is not None)
        return float(max(1.0, top))

    def _value_text(self, v: float | None) -> str:
        if v is None:
            return "—"
        if self.percent:
            return f"{v * 100:.0f}%"
        return f"{int(v):,}".replace(",", ".")

    def _vertical(self, p: QPainter, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        label_h = fm.height() + 4
        plot = QRectF(area.left() + fm.horizontalAdvance("100%") + 6, area.top() + fm.height(),
                      area.width() - fm.horizontalAdvance("100%") - 6, area.height() - label_h - fm.height())
        top = self._top()
        p.setPen(QPen(GRID, 1))
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(AXIS)
            mark = self._value_text(top * i / 4) if self.percent else f"{top * i / 4:.0f}"
            p.drawText(QRectF(area.left(), y - fm.height() / 2, plot.left() - area.left() - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark)
            p.setPen(QPen(GRID, 1))
        n = len(self.values)
        slot = plot.width() / max(1, n)
        every = max(1, int((fm.horizontalAdvance(max(self.labels, key=len)) + 8) // max(1.0, slot)) + 1)
        for i, (label, v) in enumerate(zip(self.labels, self.values, strict=True)):
            x = plot.left() + i * slot
            if v is not None and v > 0:
                h = plot.height() * v / top
                bar = QRectF(x + slot * 0.15, plot.bottom() - h, max(1.0, slot * 0.7), h)
                p.fillRect(bar, BAR if not self.percent or v >= 0.9 else BAR_WARN)
                if slot > fm.horizontalAdvance(self._value_text(v)) + 2:
                    p.setPen(AXIS)
                    p.drawText(QRectF(x, bar.top() - fm.height(), slot, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                               self._value_text(v))
            if i % every == 0:
                p.setPen(AXIS)
                p.drawText(QRectF(x - slot * every / 2 + slot / 2, plot.bottom() + 2, slot * every, label_h),
                           Qt.AlignmentFlag.AlignHCenter, label)
        p.setPen(QPen(AXIS, 1))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))

    def _horizontal(self, p: QPainter, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        label_w = min(area.width() * 0.45, max(fm.horizontalAdvance(s) for s in self.labels) + 8)
        value_w = fm.horizontalAdvance("00.000") + 8
        plot = QRectF(area.left() + label_w, area.top(), area.width() - label_w - value_w, area.height())
        n = len(self.values)
        row = min(fm.height() * 1.8, plot.height() / max(1, n))
        top = self._top()
        for i, (label, v) in enumerate(zip(self.labels, self.values, strict=True)):
            y = plot.top() + i * row
            p.setPen(AXIS)
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(QRectF(area.left(), y, label_w - 8, row), Qt.AlignmentFlag.AlignRight
                       | Qt.AlignmentFlag.AlignVCenter, text)
            w = plot.width() * (v or 0) / top
            p.fillRect(QRectF(plot.left(), y + row * 0.18, max(1.0, w), row * 0.64), BAR_WARN)
            p.drawText(QRectF(plot.left() + w + 4, y, value_w, row), Qt.AlignmentFlag.AlignVCenter,
                       self._value_text(v))
