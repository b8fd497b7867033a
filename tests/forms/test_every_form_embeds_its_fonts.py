"""Every form, on every paper it is offered on, embeds only TrueType fonts (never a base-14 font that a
commune printer would substitute without Vietnamese letters) and keeps the applicant's name intact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from desk.forms import FormService
from tests.forms.conftest import NHUNG
from tests.forms.pdfcheck import A4, A5, fonts, page_sizes, page_texts, same_size


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_forms_02_to_06_embed_truetype_on_each_paper(forms: FormService, receive: Callable[..., dict[str, Any]],
                                                     desk: Any, officer: dict[str, Any], leader: dict[str, Any],
                                                     clock: Any, paper: str) -> None:
    sup = receive(outcome="supplement_requested", missing=("Bản sao giấy khai sinh",))
    ref = receive(outcome="refused", reason="Không thuộc thẩm quyền giải quyết của UBND phường.")
    d = receive()
    desk.dossiers.act(d["code"], "hand_over", officer["id"])
    desk.dossiers.act(d["code"], "apologize", leader["id"],
                      data={"reason": "Cần xác minh thêm", "new_due_at": "2026-12-02 16:00"})
    stopped = receive()
    clock.set(datetime(2026, 11, 23, 10, 0))
    desk.dossiers.act(stopped["code"], "withdraw", officer["id"], data={"reason": "Người nộp xin rút hồ sơ."})
    made = {
        "supplement": forms.form("supplement", sup["code"], officer_id=officer["id"], paper=paper),
        "refusal": forms.form("refusal", ref["code"], officer_id=officer["id"], paper=paper),
        "apology": forms.form("apology", d["code"], officer_id=officer["id"], paper=paper),
        "stop": forms.form("stop", stopped["code"], officer_id=officer["id"], paper=paper),
        "control": forms.form("control", d["code"], officer_id=officer["id"], paper=paper),
    }
    size = A4 if paper == "a4" else A5
    for kind, path in made.items():
        rows = fonts(path)
        assert rows, kind
        assert all(r["type"] == "TrueType" and r["emb"] == "yes" for r in rows), (kind, rows)
        assert all(same_size(s, size) for s in page_sizes(path)), kind
        assert NHUNG in " ".join(page_texts(path)), kind
