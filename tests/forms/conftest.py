"""Dossiers made through the real intake path, and the FormService over the test desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desk.forms import FormService
from desk.intake import ApplicantInput, IntakeInput

NHUNG = "Nguyễn Thị Hồng Nhung"


@pytest.fixture
def forms(desk: Any) -> FormService:
    return FormService(desk)


def applicant(**kw: Any) -> ApplicantInput:
    base: dict[str, Any] = {
        "full_name": "nguyễn thị hồng nhung", "id_number": "019190000123", "dob": "12/05/1990", "gender": "Nữ",
        "address": "Tổ 5, phường Hòa Bình, tỉnh Thái Nguyên", "phone": "0912345678",
    }
    base.update(kw)
    return ApplicantInput(**base)


@pytest.fixture
def receive(desk: Any, officer: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    """Receive a dossier at the desk like the window does; returns the stored dossier."""

    def make(procedure: str = "1.004873", *, outcome: str = "received", reason: str = "",
             missing: tuple[str, ...] = (), **intake: Any) -> dict[str, Any]:
        app = intake.pop("applicant", None) or applicant()
        return desk.dossiers.receive(IntakeInput(procedure, app, **intake), officer["id"], outcome=outcome,
                                     reason=reason, missing_documents=missing)

    return make
