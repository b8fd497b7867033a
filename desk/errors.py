"""Errors that carry a Vietnamese message for the person at the desk."""

from __future__ import annotations


class DeskError(Exception):
    """Base error: `message_vi` is what the officer reads; `code` is stable for programs."""

    code = "desk_error"

    def __init__(self, message_vi: str, *, code: str | None = None, message_en: str | None = None) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
        if code:
            self.code = code


class ValidationError(DeskError):
    """Bad input: names the field so the form can show the message next to it."""

    code = "invalid_input"

    def __init__(self, field: str, message_vi: str, *, message_en: str | None = None) -> None:
        super().__init__(message_vi, message_en=message_en)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message_vi}"


class ValidationErrors(DeskError):
    """Several fields wrong at once; a form shows each next to its field."""

    code = "invalid_input"

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.message_vi}" for e in errors))

    @property
    def fields(self) -> dict[str, str]:
        # The first message per field: it is the most specific one (later checks depend on it).
        out: dict[str, str] = {}
        for e in self.errors:
            out.setdefault(e.field, e.message_vi)
        return out


class TransitionError(DeskError):
    """An action the dossier lifecycle does not allow from the current state."""

    code = "invalid_transition"


class NotFoundError(DeskError):
    code = "not_found"


class SetupRequired(DeskError):
    """The office profile (or another prerequisite) has not been set yet."""

    code = "setup_required"


class SchemaTooNew(DeskError):
    """The database was written by a newer build; an old build must not touch it."""

    code = "schema_too_new"


class AlreadyRunning(DeskError):
    code = "already_running"
