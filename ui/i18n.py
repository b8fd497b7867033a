"""Languages: Vietnamese is the source language of every string; English comes from a Qt .qm file.

Strings are marked with `self.tr()` (context = the class name, kept stable) or
`QCoreApplication.translate("<Context>", …)`. `pyside6-lupdate ui -ts resources/translations/desk_en.ts`
collects them; `pyside6-lrelease` builds the .qm that is committed next to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from desk import lifecycle as lc
from desk import timing
from desk.limits import TimeLimit

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("vi", "en")

_state: dict[str, object] = {"lang": "vi", "translator": None}


def current_language() -> str:
    return str(_state["lang"])


def install_language(lang: str) -> bool:
    """Switch the application's language; returns False (and stays Vietnamese) if the file is missing."""
    app = QCoreApplication.instance()
    old = _state["translator"]
    if app is not None and isinstance(old, QTranslator):
        app.removeTranslator(old)
    _state["translator"] = None
    _state["lang"] = "vi"
    if lang != "en" or app is None:
        return lang == "vi"
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS_DIR / "desk_en.qm")):
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["lang"] = "en"
    return True


def status_label(status: str) -> str:
    labels = lc.STATUS_LABELS_EN if current_language() == "en" else lc.STATUS_LABELS_VI
    return labels.get(status, status)


def action_label(action: str) -> str:
    if action == "receive":
        return QCoreApplication.translate("Labels", "Tiếp nhận")
    spec = lc.ACTIONS.get(action)
    if spec is None:
        return action
    return spec.label_en if current_language() == "en" else spec.label_vi


def limit_label(limit: TimeLimit) -> str:
    """A time limit as the law writes it (or its English)."""
    return limit.text_en() if current_language() == "en" else limit.text_vi()


def timing_label(verdict: str | None) -> str:
    """Early / on time / late, within / past the deadline (desk.timing), in the window's language."""
    if not verdict:
        return ""
    return (timing.LABELS_EN if current_language() == "en" else timing.LABELS_VI)[verdict]


# Labels that desk keeps in Vietnamese (applicant types, channels, return places, satisfaction):
# listed here so lupdate collects them, translated when shown.
_DESK_LABELS = (
    QT_TRANSLATE_NOOP("DeskLabels", "Công dân"), QT_TRANSLATE_NOOP("DeskLabels", "Doanh nghiệp"),
    QT_TRANSLATE_NOOP("DeskLabels", "Cơ quan nhà nước"), QT_TRANSLATE_NOOP("DeskLabels", "Tổ chức khác"),
    QT_TRANSLATE_NOOP("DeskLabels", "Trực tiếp"), QT_TRANSLATE_NOOP("DeskLabels", "Trực tuyến"),
    QT_TRANSLATE_NOOP("DeskLabels", "Bưu chính công ích"), QT_TRANSLATE_NOOP("DeskLabels", "Bộ phận Một cửa"),
    QT_TRANSLATE_NOOP("DeskLabels", "Qua dịch vụ bưu chính"), QT_TRANSLATE_NOOP("DeskLabels", "Rất hài lòng"),
    QT_TRANSLATE_NOOP("DeskLabels", "Hài lòng"), QT_TRANSLATE_NOOP("DeskLabels", "Không hài lòng"),
)


def desk_label(text: str) -> str:
    return QCoreApplication.translate("DeskLabels", text)
