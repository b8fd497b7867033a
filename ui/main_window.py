"""The main window: navigation, the page stack and the status bar. Layout only, no desk logic."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from ui.common import set_style_state


@dataclass
class _Entry:
    key: str
    item: QListWidgetItem
    widget: QWidget | None = None


class MainWindow(QMainWindow):
    """Pages are added with `add_page`; entries reserved for features still to come stay disabled
    with a tooltip that says so, rather than showing a page that does nothing."""

    page_changed = Signal(str)
    retry_prints_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Bộ phận Một cửa"))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._entries: dict[str, _Entry] = {}
        self.nav.currentItemChanged.connect(self._on_nav)

        bar = self.statusBar()
        self.officer_label = QLabel()
        self.office_label = QLabel()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printRetry")
        self.print_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_button.hide()
        self.print_button.clicked.connect(self.retry_prints_requested)
        self.version_label = QLabel()
        self.version_label.setObjectName("versionState")
        for label in (self.officer_label, self.office_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.print_button)
        bar.addPermanentWidget(self.version_label)

    # --- pages ------------------------------------------------------------------------------------
    def reserve_page(self, key: str, title: str, reason: str) -> None:
        entry = self._entries.get(key)
        if entry is not None:  # already listed: only the reason changes (e.g. settings for a non-admin)
            entry.item.setToolTip(reason)
            return
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setToolTip(reason)
        self.nav.addItem(item)
        self._entries[key] = _Entry(key, item)

    def add_page(self, key: str, title: str, widget: QWidget, shortcut: str | None = None) -> None:
        entry = self._entries.get(key)
        if entry is None:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            entry = self._entries[key] = _Entry(key, item)
        entry.item.setText(title)
        entry.item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        entry.item.setToolTip(title if not shortcut else f"{title} ({shortcut})")
        entry.widget = widget
        self.stack.addWidget(widget)
        if shortcut:
            sc = QShortcut(QKeySequence(shortcut), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda k=key: self.show_page(k))
        if self.nav.currentItem() is None:
            self.nav.setCurrentItem(entry.item)

    def page(self, key: str) -> QWidget | None:
        entry = self._entries.get(key)
        return entry.widget if entry else None

    def is_page_enabled(self, key: str) -> bool:
        entry = self._entries.get(key)
        return bool(entry and entry.widget is not None)

    def nav_tooltip(self, key: str) -> str:
        return self._entries[key].item.toolTip()

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_page(self, key: str) -> None:
        entry = self._entries.get(key)
        if entry is not None and entry.widget is not None:
            self.nav.setCurrentItem(entry.item)

    def _on_nav(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = str(current.data(Qt.ItemDataRole.UserRole))
        entry = self._entries.get(key)
        if entry is None or entry.widget is None:
            return
        self.stack.setCurrentWidget(entry.widget)
        activate = getattr(entry.widget, "activate", None)
        if callable(activate):
            activate()
        self.page_changed.emit(key)

    # --- status bar -------------------------------------------------------------------------------
    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent status-bar widget (e.g. the sync state, ui/sync_status.py)."""
        # The version stays at the far right, after whatever other parts add.
        self.statusBar().removeWidget(self.version_label)
        self.statusBar().addPermanentWidget(widget)
        self.statusBar().addPermanentWidget(self.version_label)
        self.version_label.show()

    def set_version(self, text: str, tooltip: str = "", *, newer: bool = False) -> None:
        """This build's version, or the district's newer one to install (desk/updates.py)."""
        self.version_label.setText(text)
        self.version_label.setToolTip(tooltip)
        set_style_state(self.version_label, "newer", newer)

    def set_identity(self, officer_name: str, office_name: str) -> None:
        self.officer_label.setText(self.tr("Cán bộ: {0}").format(officer_name))
        self.office_label.setText(f"· {office_name}")
        self.setWindowTitle(self.tr("Bộ phận Một cửa — {0}").format(office_name))

    def set_failed_prints(self, count: int) -> None:
        self.print_button.setText(self.tr("{0} bản in lỗi — In lại").format(count))
        self.print_button.setVisible(count > 0)
