"""Enrollment, push with per-op outcomes, lost-reply settlement and the caps, against the real server."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desk.sync import SyncClient, wire
from desk.sync import protocol as p
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, new_commune, open_desk, outbox_states, receive
from tests.support import signed
from tests.support.server import ROOT, ServerProcess


def _dossiers(server: ServerProcess, commune: str) -> list[dict]:
    return json.loads(server.cli("dossiers", "--commune", commune, "--json").stdout)


def _push(client: SyncClient, batch_id: str, ops: list[dict]) -> dict:
    """A batch sent by hand, signed as the desk signs; its answer unpacked to one result per op."""
    resp = signed.post(client, {"batch": batch_id, "ops": wire.pack_ops(ops)})
    assert resp.status_code == 200, resp.text
    return {"results": signed.results(signed.reply(resp)["push"])}


def _wire(op: dict) -> dict:
    return {k: op[k] for k in wire.OP_FIELDS}


def test_enrolled_desk_pushes_every_dossier_once(tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    dossiers = receive(desk, officer, 120)
    desk.dossiers.act(dossiers[0]["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})

    report = client.sync_once()

    assert report.error is None, report.error and report.error.message_vi
    assert report.applied == 121 and report.pending == 0
    assert outbox_states(desk) == {"acked": 121}
    held = _dossiers(server, desk.office.require().agency_code)
    assert sorted(d["code"] for d in held) == sorted(d["code"] for d in dossiers)
    assert {d["status"] for d in held if d["code"] == dossiers[0]["code"]} == {"in_processing"}
    assert set(client.dossier_states().values()) == {"synced"}
    # Nothing left: a second sync sends nothing and still succeeds.
    again = client.sync_once()
    assert again.error is None and again.applied == 0 and again.duplicates == 0


def test_enroll_code_is_single_use_and_bound_to_its_commune(tmp_path: Path, clock: FakeClock,
                                                            server: ServerProcess) -> None:
    commune = new_commune()
    code = server.enroll_code(commune)
    desk, _ = open_desk(tmp_path / "a", clock, commune)
    SyncClient(desk).enroll(server.url, code)
    other, _ = open_desk(tmp_path / "b", clock, commune)
    with pytest.raises(Exception) as e:
        SyncClient(other).enroll(server.url, code)
    assert "đã được dùng" in getattr(e.value, "message_vi", str(e.value))
    wrong, _ = open_desk(tmp_path / "c", clock, new_commune())
    with pytest.raises(Exception) as e:
        SyncClient(wrong).enroll(server.url, server.enroll_code(commune))
    assert "cấp cho cơ quan" in getattr(e.value, "message_vi", str(e.value))


def test_same_batch_twice_is_duplicate_and_stored_reply_is_replayed(tmp_path: Path, clock: FakeClock,
                                                                     server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 3)
    ops = [_wire(op) for op in desk.store.query("SELECT * FROM outbox ORDER BY seq")]
    batch_id = "batch-0001-" + ops[0]["op_id"][:8]
    first = _push(client, batch_id, ops)
    second = _push(client, batch_id, ops)
    stored = signed.reply(signed.post(client, {"settle": batch_id}))["settled"]
    tampered = [dict(ops[0], payload=ops[0]["payload"].replace("Nguyễn", "Lê"))]
    clash = _push(client, "batch-0002-x", tampered)
    assert [r["outcome"] for r in first["results"]] == ["applied"] * 3
    assert [(r["outcome"], r["original"]) for r in second["results"]] == [("duplicate", "applied")] * 3
    assert signed.results(stored) == first["results"]
    assert clash["results"][0]["outcome"] == "rejected"
    assert clash["results"][0]["code"] == "op_id_reused"
    assert len(_dossiers(server, desk.office.require().agency_code)) == 3


def test_too_many_ops_in_one_push_is_said_as_such_not_as_a_too_large_body(tmp_path: Path, clock: FakeClock,
                                                                           server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 1)
    op = _wire(desk.store.query("SELECT * FROM outbox ORDER BY seq")[0])
    resp = signed.post(client, {"batch": "many-ops-batch-1", "ops": wire.pack_ops([op] * (p.MAX_OPS_PER_BATCH + 1))})
    assert resp.status_code == 413
    error = resp.json()["error"]
    assert error["code"] == "too_many_ops" and f"giới hạn {p.MAX_OPS_PER_BATCH}" in error["message_vi"]
    assert "quá lớn" not in error["message_vi"]


def test_a_gap_defers_later_ops_until_the_missing_one_arrives(tmp_path: Path, clock: FakeClock,
                                                              server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 4)
    ops = [_wire(op) for op in desk.store.query("SELECT * FROM outbox ORDER BY seq")]
    late = _push(client, "late-batch-1", ops[2:])
    assert [(r["outcome"], r["code"]) for r in late["results"]] == [("deferred", p.GAP)] * 2
    assert _dossiers(server, desk.office.require().agency_code) == []
    report = client.sync_once()
    assert report.error is None and report.applied == 4
    assert outbox_states(desk) == {"acked": 4}


def test_a_rejected_op_holds_back_only_its_own_dossier(tmp_path: Path, clock: FakeClock,
                                                       server: ServerProcess) -> None:
    commune = new_commune()
    desk, officer, client = enrolled(tmp_path / "d", clock, server, commune)
    good = receive(desk, officer, 2)
    # The office code typed wrong after enrolling: the server refuses dossiers of another agency.
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.99.H56", "place_name": "Hòa Bình"})
    bad = receive(desk, officer, 1)[0]
    desk.dossiers.act(bad["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": commune, "place_name": "Hòa Bình"})
    later = receive(desk, officer, 2)

    report = client.sync_once()

    assert report.error is None
    assert report.rejected == 1 and report.applied == 4
    states = client.dossier_states()
    assert states[bad["id"]] == "rejected"
    assert all(states[d["id"]] == "synced" for d in good + later)
    status = client.status()
    codes = {i["result_code"] for i in status.issues if i["dossier_id"] == bad["id"]}
    assert codes == {"wrong_commune", p.HELD}
    assert all(i["what_to_do_vi"] for i in status.issues)
    assert len(_dossiers(server, commune)) == 4
    # The held op is not sent again on every sync.
    assert client.sync_once().round_trips <= 2


def test_oversized_and_gzip_bomb_bodies_get_413(tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    _desk, _officer, client = enrolled(tmp_path / "d", clock, server)
    bomb = gzip.compress(b'{"batch": "' + b"0" * (40 * 1024 * 1024) + b'"}')
    zbomb = wire.compress(b'{"batch": "' + b"0" * (40 * 1024 * 1024) + b'"}')
    big = signed.post(client, content=b"x" * (p.MAX_BODY_BYTES + 10), encoding="")
    boom = signed.post(client, content=bomb, encoding="gzip")
    zboom = signed.post(client, content=zbomb, encoding="zstd")
    with signed.http(client) as api:
        info = api.get("/info")
    for resp in (big, boom, zboom):
        assert resp.status_code == 413
        err = resp.json()["error"]
        # A 4xx is never "retryable": the same body gets the same answer; the desk halves on the code.
        assert err["code"] == "too_large" and err["message_vi"] and err["retryable"] is False
    assert info.status_code == 200  # the server is still up and answering


def test_revoked_desk_stops_syncing_with_a_clear_message_and_keeps_its_data(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 2)
    assert client.sync_once().error is None
    receive(desk, officer, 1)
    server.cli("revoke", str(desk.store.device()["device_id"]))

    report = client.sync_once()

    assert report.error is not None and report.error.code == "device_revoked" and not report.error.retryable
    assert "thu hồi" in report.error.message_vi
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 3
    assert outbox_states(desk) == {"acked": 2, "pending": 1}
    status = client.status()
    assert status.revoked and "thu hồi" in status.summary_vi()
    desk.close()
    cli = subprocess.run([sys.executable, "-m", "ui.launch", "--data-dir", str(tmp_path / "d"), "sync"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert cli.returncode == 2 and "thu hồi" in cli.stderr


def test_desk_cli_enrolls_and_syncs(tmp_path: Path, server: ServerProcess) -> None:
    commune = new_commune()
    data = str(tmp_path / "cli")

    def desk_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui.launch", "--data-dir", data, *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    assert desk_cli("init", "--office-name", "UBND xã Tân Lập", "--agency-code", commune).returncode == 0
    # Without the fingerprint digits the self-signed certificate is trusted by nothing: refused, nothing sent.
    unpinned = desk_cli("enroll", "--server", server.url, "--code", "AAAA-BBBB-CCCC ")
    assert unpinned.returncode == 2 and "không tin được chứng chỉ" in unpinned.stderr
    assert "Traceback" not in unpinned.stderr
    pin = server.fingerprint()[:16]
    bad = desk_cli("enroll", "--server", server.url, "--code", f"AAAA-BBBB-CCCC-{pin}")
    assert bad.returncode == 2 and "Mã đăng ký không đúng" in bad.stderr and "Traceback" not in bad.stderr
    enrol = desk_cli("enroll", "--server", server.url, "--code", server.enroll_code(commune))
    assert enrol.returncode == 0, enrol.stderr
    got = desk_cli("receive", "--procedure", "1.010833", "--name", "Lê Thị Hoa", "--id", "019185000123",
                   "--dob", "01/02/1985", "--gender", "Nữ")
    assert got.returncode == 0, got.stderr
    sync = desk_cli("sync", "--dump")
    assert sync.returncode == 0, sync.stderr
    # The exchange, decoded: the request line, and the packed ops shown as the ops they are.
    assert "→ POST /api/sync/v1/exchange" in sync.stderr and "← 200" in sync.stderr
    assert '"kind": "receive"' in sync.stderr and "Lê Thị Hoa" in sync.stderr
    assert len(_dossiers(server, commune)) == 1
    closed = desk_cli("sync", "--close-day")
    assert closed.returncode == 0, closed.stderr
    assert "khớp" in closed.stdout


def test_an_op_too_large_to_send_is_stored_as_rejected_and_the_chain_goes_on(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 3)
    rows = desk.store.query("SELECT * FROM outbox ORDER BY seq")
    ops = [_wire(op) for op in rows]
    stub = dict(ops[1], payload=None, payload_hash=rows[1]["payload_hash"], too_large=True)
    first = _push(client, "big-batch-01", [ops[0], stub, ops[2]])
    # If the op fits one day (a bigger cap), the real payload matches the stored hash: a duplicate.
    later = _push(client, "big-batch-02", [ops[1]])
    assert [(r["outcome"], r.get("code")) for r in first["results"]] == [
        ("applied", None), ("rejected", "too_large"), ("applied", None)]
    assert (later["results"][0]["outcome"], later["results"][0]["original"]) == ("duplicate", "rejected")
    assert len(_dossiers(server, desk.office.require().agency_code)) == 2



def test_a_rejected_dossier_can_be_sent_again_once_the_cause_is_fixed(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    commune = new_commune()
    desk, officer, client = enrolled(tmp_path / "d", clock, server, commune)
    device_id = str(desk.store.device()["device_id"])
    # A district admin's slip: the desk is bound to another commune, so its dossiers are refused.
    server.cli("rebind", device_id, "--commune", "000.00.97.H56")
    (a,) = receive(desk, officer, 1)
    desk.dossiers.act(a["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    first = client.sync_once()
    assert first.rejected == 1 and client.dossier_states()[a["id"]] == "rejected"
    # Re-sending without a fix changes nothing: the stored answer stands.
    assert client.retry_rejected(a["id"]) == 2
    assert client.sync_once().rejected == 1

    server.cli("rebind", device_id, "--commune", commune)
    assert client.retry_rejected(a["id"]) == 2
    again = client.sync_once()

    assert again.error is None and again.applied == 2
    assert client.dossier_states()[a["id"]] == "synced" and outbox_states(desk) == {"acked": 2}
    assert [(d["code"], d["status"]) for d in _dossiers(server, commune)] == [(a["code"], "in_processing")]


def test_a_sequence_number_used_twice_is_refused_per_op_not_a_server_error(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 2)
    assert client.sync_once().error is None
    ops = desk.store.query("SELECT * FROM outbox ORDER BY seq")
    reused = _wire(ops[1])
    reused["op_id"] = "01a20000-0000-7000-8000-000000000001"  # same seq, another op
    resp = _push(client, "reused-seq-1", [reused])
    assert (resp["results"][0]["outcome"], resp["results"][0]["code"]) == ("rejected", "seq_reused")
