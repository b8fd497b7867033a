"""Form numbers and titles as data: Circular 03/2025 renumbered the forms and many provinces still print
the 2018 numbers, so the office's numbering picks the set and a local file may correct any entry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk.errors import DeskError
from desk.resources import load_json

KINDS = ("slip", "supplement", "refusal", "apology", "stop", "rejection", "control", "register")
OVERRIDE_FILE = "forms.json"


@dataclass(frozen=True)
class FormTitle:
    kind: str
    number: str
    title: str
    basis: str

    @property
    def label(self) -> str:
        """'Mẫu số 01' printed in the top corner; empty when the numbering has no number for it."""
        return f"Mẫu số {self.number}" if self.number else ""


def _merged(data_dir: Path | None) -> dict[str, Any]:
    base: dict[str, Any] = json.loads(json.dumps(load_json("forms.json")))
    if data_dir is None:
        return base
    local = data_dir / OVERRIDE_FILE
    if not local.exists():
        return base
    try:
        extra = json.loads(local.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DeskError(f"Tệp cấu hình biểu mẫu {local} không đọc được: {e}") from e
    for numbering, spec in (extra.get("numberings") or {}).items():
        target = base["numberings"].setdefault(numbering, {"basis": "", "forms": {}})
        if spec.get("basis"):
            target["basis"] = spec["basis"]
        for kind, entry in (spec.get("forms") or {}).items():
            target["forms"].setdefault(kind, {}).update(entry)
    return base


def form_title(kind: str, numbering: str, data_dir: Path | None = None) -> FormTitle:
    data = _merged(data_dir)["numberings"]
    spec = data.get(numbering) or data["2025"]
    entry = spec["forms"].get(kind)
    if entry is None:
        raise DeskError(f"Chưa có cấu hình biểu mẫu «{kind}» cho cách đánh số {numbering}.")
    return FormTitle(kind, str(entry.get("number", "")), str(entry["title"]), str(spec.get("basis", "")))
