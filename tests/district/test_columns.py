"""The two rules the district applies to every desk op before it reaches the database: the lifecycle step
(`desk.lifecycle.statuses_after`) and the column fit (`district.columns.fit`). In-process and quick; the
same rules against the real server on both databases are in test_hostile.py."""

from __future__ import annotations

from typing import Any

import pytest

from desk import lifecycle as lc
from district import models as m
from district.columns import Unfit, fit


def test_each_action_leaves_only_the_statuses_its_step_allows() -> None:
    assert lc.statuses_after("hand_over", lc.RECEIVED) == {lc.IN_PROCESSING}
    assert lc.statuses_after("supplement_received", lc.SUPPLEMENT_REQUESTED) == {lc.RECEIVED, lc.IN_PROCESSING}
    assert lc.statuses_after("payment_done", lc.AWAITING_PAYMENT) == {lc.RECEIVED, lc.IN_PROCESSING}
    assert lc.statuses_after("apologize", lc.IN_PROCESSING) == {lc.IN_PROCESSING}
    assert lc.statuses_after("rate", lc.RECEIVED) == frozenset()  # not a step from there at all
    assert lc.statuses_after("no_such_step", lc.RECEIVED) == frozenset()
    for name, action in lc.ACTIONS.items():
        for status in action.from_states:
            after = lc.statuses_after(name, status)
            assert after and after <= set(lc.STATUSES), (name, status)


@pytest.mark.parametrize(("row", "column"), [
    ({"catalog_version": 2**31}, "catalog_version"),
    ({"catalog_version": True}, "catalog_version"),
    ({"catalog_version": "7"}, "catalog_version"),
    ({"code": "X" * 81}, "code"),
    ({"due_at": {"y": 2026}}, "due_at"),
    ({"applicant_name": "a\x00b"}, "applicant_name"),
    ({"applicant_name": "a\ud800b"}, "applicant_name"),
    ({"status": None}, "status"),
])
def test_a_value_its_column_cannot_hold_is_named(row: dict[str, Any], column: str) -> None:
    with pytest.raises(Unfit) as info:
        fit(m.dossiers, row)
    assert info.value.column == column


def test_values_that_fit_pass_and_big_integers_use_their_columns_range() -> None:
    fit(m.dossiers, {"code": "X" * 80, "catalog_version": 2**31 - 1, "new_due_at": None, "applicant_name": "Đặng 😀",
                     "unknown_key": object()})
    fit(m.ops, {"seq": 2**63 - 1, "prev_seq": 0})
    with pytest.raises(Unfit):
        fit(m.ops, {"seq": 2**63})
