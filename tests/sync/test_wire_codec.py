"""The column packing of ops (desk/sync/wire.py) gives back the very same ops, payload text included —
the server hashes that text to tell a duplicate from an op_id reused for other content, so one changed
byte would turn every retry into a refusal. Checked on arbitrary JSON and on the real desk's ops."""

from __future__ import annotations

import json
import random
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.services import Desk
from desk.sync import wire
from tests.sync import workload as wl

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**53, 2**53), st.text(max_size=20),
                    st.uuids().map(str), st.floats(allow_nan=False, allow_infinity=False))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@st.composite
def ops(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for seq in range(1, draw(st.integers(0, 8)) + 1):
        payload = draw(st.dictionaries(st.sampled_from(["dossier", "action", "documents", "x", ""]),
                                       json_values, max_size=4))
        text = draw(st.sampled_from([wire.canonical(payload), wire.dumps(payload).decode() + " ", "not json"]))
        op: dict[str, Any] = {"seq": seq, "op_id": str(uuid.uuid4()), "epoch": 1, "prev_seq": seq - 1,
                              "entity": "dossier", "entity_id": draw(st.uuids()).hex, "kind": "receive",
                              "payload": text, "created_at": "2026-11-23T09:00:00"}
        if draw(st.booleans()):
            op["retry"] = True
        out.append(op)
    return out


@settings(max_examples=300, deadline=None)
@given(ops())
def test_packed_ops_come_back_byte_for_byte(batch: list[dict[str, Any]]) -> None:
    packed = wire.pack_ops(batch)
    assert wire.unpack_ops(json.loads(wire.dumps(packed))) == batch


def test_a_real_day_packs_smaller_and_comes_back_exact(tmp_path: Path) -> None:
    desk = Desk.open(tmp_path / "desk", clock=lambda: datetime(2026, 11, 23, 16, 45))
    officer = wl.setup_desk(desk)
    dossiers = wl.receive(desk, officer, random.Random(11), 30)
    wl.hand_over(desk, officer, dossiers[0]["id"])
    batch = [{k: op[k] for k in wire.OP_FIELDS} for op in desk.store.query("SELECT * FROM outbox ORDER BY seq")]
    desk.close()
    packed, _ = wire.encode({"ops": wire.pack_ops(batch)})
    rows, _ = wire.encode({"ops": batch})
    assert len(packed) < len(rows)
    assert wire.unpack_ops(json.loads(wire.decode(packed, "zstd", 10**7))["ops"]) == batch


def test_values_equal_in_python_but_not_in_json_stay_apart() -> None:
    rows = [{"a": [1], "b": 1, "c": {"d": 0}}, {"a": [True], "b": 1.0, "c": {"d": False}}]
    assert wire.unpack_rows(json.loads(wire.dumps(wire.pack_rows(rows)))) == rows
    for got, want in zip(wire.unpack_rows(wire.pack_rows(rows)), rows, strict=True):
        assert wire.dumps(got) == wire.dumps(want)
