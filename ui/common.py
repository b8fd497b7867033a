"""Small pieces every screen uses: error text, field error labels, date formats, colours."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from ui.i18n import current_language


def set_style_state(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on (`QLabel#x[name="value"]`) and restyle the widget:
    Qt applies such selectors only when a widget is polished again."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def message_of(exc: BaseException) -> str:
    """The officer-facing message of any failure (desk errors carry Vietnamese and English text)."""
    fields = getattr(exc, "errors", None)
    if isinstance(fields, list) and fields:
        return "\n".join(message_of(e) for e in fields)
    message_vi = getattr(exc, "message_vi", None)
    if message_vi:
        if current_language() == "en":
            return str(getattr(exc, "message_en", None) or message_vi)
        return str(message_vi)
    text = str(exc)
    if type(exc).__name__ == "PrintError":
        return text
    return QCoreApplication.translate("Common", "Lỗi không mong đợi: {0}").format(text or type(exc).__name__)


def field_errors(exc: BaseException) -> dict[str, str]:
    """{field: message} for a desk ValidationError(s); empty for anything else."""
    errors = getattr(exc, "errors", None)
    if isinstance(errors, list):
        out: dict[str, str] = {}
        for e in errors:
            out.setdefault(str(getattr(e, "field", "")), message_of(e))
        return out
    field = getattr(exc, "field", None)
    return {str(field): message_of(exc)} if field else {}


class ErrorLabel(QLabel):
    """The red line under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def show_field_errors(labels: Mapping[str, ErrorLabel], errors: Mapping[str, str]) -> list[str]:
    """Put each message next to its field; return the messages that had no field on this screen."""
    leftover = []
    for name, label in labels.items():
        label.show_message(errors.get(name, ""))
    for name, message in errors.items():
        if name not in labels:
            leftover.append(message)
    return leftover


def fmt_moment(value: str | datetime | None) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.strftime("%H:%M %d/%m/%Y")


def fmt_day(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).strftime("%d/%m/%Y")


def weekday_name(moment: datetime | date) -> str:
    names = (QCoreApplication.translate("Weekday", "thứ hai"), QCoreApplication.translate("Weekday", "thứ ba"),
             QCoreApplication.translate("Weekday", "thứ tư"), QCoreApplication.translate("Weekday", "thứ năm"),
             QCoreApplication.translate("Weekday", "thứ sáu"), QCoreApplication.translate("Weekday", "thứ bảy"),
             QCoreApplication.translate("Weekday", "chủ nhật"))
    return names[moment.weekday()]



def form_titles() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "slip": t("Forms", "Giấy tiếp nhận và hẹn trả kết quả (01)"),
        "supplement": t("Forms", "Phiếu yêu cầu bổ sung hồ sơ (02)"),
        "refusal": t("Forms", "Phiếu từ chối tiếp nhận (03)"),
        "apology": t("Forms", "Phiếu xin lỗi và hẹn lại ngày trả (04)"),
        "stop": t("Forms", "Thông báo dừng giải quyết (05)"),
        "rejection": t("Forms", "Thông báo từ chối giải quyết"),
        "control": t("Forms", "Phiếu kiểm soát quá trình giải quyết (06)"),
    }
