"""Hostile requests against the real `district serve` process, on SQLite and on PostgreSQL (issue 17).

Hand-written cases for each cause the attack found (tenancy and revocation, a desk's illegal status,
bodies too deep or falsely compressed, values beyond their columns, an op id twice in one batch, the
public OpenAPI), then schemathesis generating requests from the server's own OpenAPI description, for
the public routes, the signed desk routes (each generated request signed as the desk signs) and the
admin routes. Across all of it: no 500, no 4xx that says "retryable", nothing forged accepted, nothing
of another commune read, and the server's log never holds a name, ID number or phone that was sent.
"""

from __future__ import annotations

import base64
import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from desk.services import Desk
from desk.sync import SyncClient, wire
from desk.sync import protocol as p
from district import auth
from district.db import make_engine
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, new_commune, receive
from tests.support import pg, signed
from tests.support.server import ServerProcess

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
# Personal data this module sends in hostile ops; none of it may reach the server's log.
SECRET_NAME = "Phạm Thị Bí Mật"
SECRET_ID = "001190123457"
SECRET_PHONE = "0987654321"
SENT: set[str] = {SECRET_NAME, SECRET_ID, SECRET_PHONE}


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp(f"hostile-{request.param}")
    extra = ["--log-file", str(workdir / "district.log")]
    if request.param == "postgres":
        with pg.fresh_database() as url, ServerProcess(url, workdir, extra=extra) as srv:
            yield srv
    else:
        with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir, extra=extra) as srv:
            yield srv


def _logs(server: ServerProcess) -> str:
    return "".join(f.read_text(encoding="utf-8", errors="replace") for f in
                   (server.workdir / "server.log", server.workdir / "district.log") if f.exists())


def _api(server: ServerProcess) -> httpx.Client:
    return httpx.Client(base_url=server.url, verify=server.trust(), trust_env=False, timeout=60)


_admin_keys: dict[str, str] = {}


def _admin(server: ServerProcess) -> dict[str, str]:
    if server.database not in _admin_keys:
        _admin_keys[server.database] = server.cli("admin-key").stdout.strip()
    return {"x-admin-key": _admin_keys[server.database]}


def _dossiers(server: ServerProcess, commune: str) -> list[dict[str, Any]]:
    with _api(server) as api:
        resp = api.get("/api/district/v1/dossiers", params={"commune": commune}, headers=_admin(server))
    assert resp.status_code == 200, resp.text
    return list(resp.json()["dossiers"])


def _refused(resp: httpx.Response, status: int | tuple[int, ...], code: str | None = None) -> dict[str, Any]:
    """A clean refusal: the status, JSON {error: {...}}, and a 4xx never said to be worth retrying."""
    statuses = (status,) if isinstance(status, int) else status
    assert resp.status_code in statuses, (resp.status_code, resp.text[:300])
    err = dict(resp.json()["error"])
    assert err["message_vi"] and err["retryable"] is False, err
    if code is not None:
        assert err["code"] == code, err
    return err


def _code(server: ServerProcess, commune: str, device: str | None = None) -> str:
    """An enrolment code made as `district enroll-code` makes it, without a process per code."""
    engine = make_engine(server.database)
    try:
        with engine.begin() as conn:
            code = auth.make_enroll_code(conn, commune, device_id=device)
    finally:
        engine.dispose()
    return f"{code}-{server.fingerprint()[:16]}"


def _enroll_raw(server: ServerProcess, code: str, device_id: str, commune: str | None = None) -> httpx.Response:
    key = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    body = {"code": code.split("-")[0] + code.split("-")[1] + code.split("-")[2], "device_id": device_id,
            "public_key": base64.b64encode(key).decode(), "name": "máy lạ", **({"commune": commune} if commune else {})}
    with _api(server) as api:
        return api.post(p.API_PREFIX + "/devices/enroll", json=body)


def _push(client: SyncClient, ops: list[dict[str, Any]], batch: str | None = None) -> list[dict[str, Any]]:
    resp = signed.post(client, {"batch": batch or str(uuid.uuid4()), "ops": wire.pack_ops(ops)})
    assert resp.status_code == 200, resp.text
    return signed.results(signed.reply(resp)["push"])


def _pulled(client: SyncClient) -> str:
    """Everything the desk's feed holds for it, from the start, as text."""
    out, cursor = [], ""
    for _ in range(50):
        reply = signed.reply(signed.post(client, {"cursor": cursor, "limit": 1000}))
        out.append(json.dumps(reply["pull"], ensure_ascii=False))
        cursor = reply["pull"]["cursor"]
        if not reply["pull"].get("has_more"):
            break
    return "".join(out)


_seqs = iter(range(10_000, 10**9))


def _op(payload: Any, *, entity: str = "dossier", kind: str = "receive", entity_id: str | None = None,
        **fields: Any) -> dict[str, Any]:
    """A hand-made op at the start of an epoch (prev_seq 0), so no chain holds it back."""
    eid = entity_id or (payload.get("dossier", {}).get("id") if isinstance(payload, dict) else None) or str(uuid.uuid4())
    # Epoch 50: a desk's own chain (epoch 1) is never acknowledged past its ops by these.
    op = {"seq": next(_seqs), "op_id": str(uuid.uuid4()), "epoch": 50, "prev_seq": 0, "entity": entity,
          "entity_id": eid, "kind": kind, "payload": payload if isinstance(payload, str) else json.dumps(payload),
          "created_at": "2026-11-26T09:00:00"}
    op.update(fields)
    return op


def _receive_payload(desk: Desk, officer: str) -> dict[str, Any]:
    """A real receive op's payload from this desk, with this module's secret citizen in it."""
    receive(desk, officer, 1)
    row = desk.store.query("SELECT payload FROM outbox WHERE kind = 'receive' ORDER BY seq DESC LIMIT 1")[0]
    payload = json.loads(row["payload"])
    fresh = str(uuid.uuid4())
    d = payload["dossier"]
    d["id"] = fresh
    d["code"] = d["code"][:-4] + f"{next(_seqs) % 10_000:04d}"
    d["applicant_name"] = SECRET_NAME
    text = json.dumps(payload, ensure_ascii=False)
    for field in ("id_number", "phone"):
        for value in {str(v) for v in _values_named(payload, field)}:
            text = text.replace(value, SECRET_ID if field == "id_number" else SECRET_PHONE)
    return dict(json.loads(text))


def _values_named(value: Any, name: str) -> Iterator[Any]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k.endswith(name) and isinstance(v, str) and v:
                yield v
            yield from _values_named(v, name)
    elif isinstance(value, list):
        for v in value:
            yield from _values_named(v, name)


# --- 1. tenancy and revocation ----------------------------------------------------------------------------
def test_a_device_id_is_bound_to_its_commune_and_a_revoked_one_reads_nothing(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "a", clock, server)
    commune = desk.office.require().agency_code
    receive(desk, officer, 2)
    names = [r["full_name"] for r in desk.store.query("SELECT full_name FROM citizens")]
    assert client.sync_once().all_acknowledged
    device_id = str(desk.store.device()["device_id"])
    old_identity = dict(desk.store.query_one("SELECT * FROM sync_identity") or {})
    server.cli("revoke", device_id)

    # Another commune cannot take the revoked id; nor can an ordinary code of its own commune.
    other = new_commune()
    _refused(_enroll_raw(server, _code(server, other), device_id), 403, "device_other_commune")
    _refused(_enroll_raw(server, _code(server, commune), device_id), 403, "device_revoked")
    _refused(_enroll_raw(server, _code(server, other), "not-a-uuid"), 400, "bad_device_id")
    # A code made for this device is for this device only.
    _refused(_enroll_raw(server, _code(server, commune, device_id), str(uuid.uuid4())), 403,
             "enroll_code_for_other_device")
    assert server.cli("enroll-code", "--commune", other, "--device", device_id, check=False).returncode == 2
    # Nor can the district's own command move it, once its commune holds its dossiers.
    assert server.cli("rebind", device_id, "--commune", other, check=False).returncode == 2

    # The revoked desk's key is dead at once: its signed pull is refused, nothing of the feed comes back.
    resp = signed.post(client, {"cursor": ""})
    _refused(resp, 403, "device_revoked")
    assert not any(n in resp.text for n in names)

    # Re-admitted by the district with a code for this very PC: a new key; the old key stays dead.
    client.enroll(server.url, server.enroll_code(commune, device=device_id))
    assert client.sync_once().all_acknowledged
    with desk.store.write("test") as uow:
        uow.execute("UPDATE sync_identity SET private_key = ?, public_key = ?",
                    (old_identity["private_key"], old_identity["public_key"]))
    _refused(signed.post(client, {"cursor": ""}), 401, "bad_signature")
    client.close()
    desk.close()


def test_no_route_reads_or_writes_another_communes_records(tmp_path: Path, clock: FakeClock,
                                                           server: ServerProcess) -> None:
    a, a_officer, a_client = enrolled(tmp_path / "a", clock, server)
    b, b_officer, b_client = enrolled(tmp_path / "b", clock, server)
    a_dossiers = receive(a, a_officer, 2)
    a_names = {r["full_name"] for r in a.store.query("SELECT full_name FROM citizens")}
    a_ids = {r["id_number"] for r in a.store.query("SELECT id_number FROM citizens")}
    assert a_client.sync_once().all_acknowledged
    server.cli("act", a_dossiers[0]["code"], "in_processing")  # a district step: in A's feed only
    b_commune = b.office.require().agency_code

    feed = _pulled(b_client)
    assert not any(s in feed for s in a_names | a_ids | {d["code"] for d in a_dossiers})
    # B asks for A's own ops by A's device id: only the device itself may.
    a_device = str(a.store.device()["device_id"])
    with signed.http(b_client) as api:
        path = f"/devices/{a_device}/ops?after_seq=0&through_seq=100"
        resp = api.get(path, headers=signed.signed_headers(b_client, "GET", path, b"", ""))
    _refused(resp, 401)
    # B acts on A's dossier, or sends a dossier under A's id: refused per op, A's copy untouched.
    receive(b, b_officer, 1)
    b_row = b.store.query("SELECT payload FROM outbox WHERE kind = 'receive'")[0]
    taken = json.loads(b_row["payload"])
    taken["dossier"]["id"] = a_dossiers[1]["id"]
    action = {"action": {"id": str(uuid.uuid4()), "kind": "stop", "from_status": "received", "to_status": "stopped",
                         "at": "2026-11-26T09:00:00", "by_officer": "x"}, "changes": {"status": "stopped"}}
    results = [*_push(b_client, [_op(taken)]), *_push(b_client, [_op(action, kind="action",
                                                                     entity_id=a_dossiers[0]["id"])])]
    assert [(r["outcome"], r["code"]) for r in results] == [("rejected", "dossier_exists"),
                                                              ("rejected", "unknown_dossier")]
    held = {d["id"]: d for d in _dossiers(server, a.office.require().agency_code)}
    assert held[a_dossiers[1]["id"]]["status"] == "received"
    assert {d["id"] for d in _dossiers(server, b_commune)}.isdisjoint(held)
    for c in (a_client, b_client):
        c.close()
    a.close()
    b.close()


# --- 2. the lifecycle on a desk's ops ---------------------------------------------------------------------
def test_a_desk_op_that_sets_an_illegal_status_is_rejected_per_op_and_not_stored(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    dossiers = receive(desk, officer, 5)
    dossier = dossiers[0]
    assert client.sync_once().all_acknowledged
    desk.dossiers.act(dossier["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    real = desk.store.query("SELECT * FROM outbox WHERE state = 'pending'")[0]
    payload = json.loads(real["payload"])

    def forged(n: int, status: Any, kind: str = "hand_over") -> dict[str, Any]:
        body = json.loads(json.dumps(payload))
        body["action"].update(id=str(uuid.uuid4()), kind=kind)
        body["changes"]["status"] = status
        return _op(body, kind="action", entity_id=dossiers[n]["id"])

    # One dossier each: a rejected op holds back the later ops of its dossier.
    results = _push(client, [forged(0, "bogus_status"), forged(1, "returned"), forged(2, {"x": 1}),
                             forged(3, "in_processing", kind="rate"), forged(4, "in_processing", kind="no_such_step")])
    assert [r["outcome"] for r in results] == ["rejected"] * 5
    assert [r["code"] for r in results] == ["illegal_step"] * 4 + ["unknown_action"]
    assert all(r["message_vi"] for r in results)
    assert {d["status"] for d in _dossiers(server, desk.office.require().agency_code)} == {"received"}
    # The desk's own, legal step (an earlier op of its chain) still goes through afterwards.
    assert client.sync_once().all_acknowledged
    statuses = {d["id"]: d["status"] for d in _dossiers(server, desk.office.require().agency_code)}
    assert statuses.pop(dossier["id"]) == "in_processing" and set(statuses.values()) == {"received"}
    client.close()
    desk.close()


# --- 3. bodies: depth, compression, encoding --------------------------------------------------------------
HOSTILE_BODIES: list[tuple[str, bytes, str]] = [
    ("nested_list", b"[" * 100_000 + b"]" * 100_000, ""),
    ("nested_object", b'{"a":' * 5_000 + b"1" + b"}" * 5_000, ""),
    ("nested_moderately", b'{"code":' + b'{"a":' * 40 + b"1" + b"}" * 41, ""),
    ("gzip_header_on_plain_json", b'{"code": "AAAA"}', "gzip"),
    ("gzip_truncated", gzip.compress(b'{"code": "AAAA", "device_id": "x"}')[:-12], "gzip"),
    ("zstd_header_on_plain_json", b'{"code": "AAAA"}', "zstd"),
    ("zstd_damaged", wire.encode({"code": "A" * 100})[0][:-5] + b"\xff" * 5, "zstd"),
    ("unknown_encoding", b'{"code": "AAAA"}', "br"),
    ("not_utf8", b'{"code": "\xff\xfe"}', ""),
    ("a_list", b"[1, 2, 3]", ""),
    ("nan_and_huge", b'{"code": NaN, "device_id": 1e999, "public_key": ' + b"9" * 5000 + b"}", ""),
]


@pytest.mark.parametrize("case", HOSTILE_BODIES, ids=[c[0] for c in HOSTILE_BODIES])
def test_a_hostile_body_before_any_log_in_is_a_400(server: ServerProcess, case: tuple[str, bytes, str]) -> None:
    _, content, encoding = case
    headers = {"Content-Type": "application/json", **({"Content-Encoding": encoding} if encoding else {})}
    with _api(server) as api:
        resp = api.post(p.API_PREFIX + "/devices/enroll", content=content, headers=headers)
    _refused(resp, 400)


def test_a_signed_body_that_lies_about_its_compression_or_nests_too_deep_is_a_400(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, _, client = enrolled(tmp_path / "d", clock, server)
    for content, encoding in ((b'{"cursor": ""}', "gzip"), (b"\x28\xb5\x2f\xfd garbage", "zstd"),
                              (b'{"close":' + b"[" * 3000 + b"]" * 3000 + b"}", ""),
                              (b'{"close":' + b'{"a":' * 40 + b"{}" + b"}" * 41, "")):
        _refused(signed.post(client, content=content, encoding=encoding), 400)
    # Query values beyond their range are refused before any database sees them.
    device = str(desk.store.device()["device_id"])
    with signed.http(client) as api:
        for path in (f"/devices/{device}/ops?after_seq=0&through_seq={10**30}",
                     f"/devices/{device}/ops?after_seq=-1&through_seq=5", f"/refdata/catalog?since={2**40}"):
            _refused(api.get(path, headers=signed.signed_headers(client, "GET", path, b"", "")), 400)
    # A cursor the server never made (an id beyond any column, a float, a list) starts the feed over.
    for forged in ({"v": 1, "id": 10**30, "c": "x"}, {"v": 1, "id": 1e999, "c": "x"}, {"v": 1, "id": [1], "c": {}}):
        cursor = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode()
        resp = signed.post(client, {"cursor": cursor})
        assert resp.status_code == 200 and signed.reply(resp)["pull"].get("reset") is True, resp.text
    # A desk clock set to year 9999 is noted, not a failure.
    assert signed.post(client, {"cursor": "", "t": "9999-12-31T23:59:59"}).status_code == 200
    client.close()
    desk.close()


# --- 4. every field against its column, per op ------------------------------------------------------------
def test_values_beyond_their_columns_are_refused_per_op_and_an_op_id_twice_is_answered_per_op(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    commune = desk.office.require().agency_code

    def receive_with(**dossier: Any) -> dict[str, Any]:
        payload = _receive_payload(desk, officer)
        payload["dossier"].update(dossier)
        return _op(payload)

    bad = [receive_with(due_at={"y": 2026}), receive_with(catalog_version=2**40),
           receive_with(procedure_code="P" * 5000), receive_with(received_at=["2026"]),
           receive_with(new_due_at="2026-11-30T17:00:00" + "9" * 200), receive_with(applicant_name="a\x00b"),
           receive_with(status="bogus_status"), receive_with(status="returned")]
    results = _push(client, bad)
    assert [r["outcome"] for r in results] == ["rejected"] * len(bad), results
    assert {r["code"] for r in results} <= {"invalid_field", "invalid_payload", "invalid_status"}
    assert _dossiers(server, commune) == []

    # Numbers beyond the op table's own columns: the batch is malformed, a 400 naming the op.
    for field, value in (("epoch", 2**40), ("seq", 2**70), ("prev_seq", -(2**70))):
        resp = signed.post(client, {"batch": str(uuid.uuid4()), "ops": wire.pack_ops(
            [_op(_receive_payload(desk, officer), **{field: value})])})
        _refused(resp, 400, "bad_op")

    # A receipt whose amount no column holds.
    receipt = {"id": str(uuid.uuid4()), "symbol": "AA/26", "form_no": "01", "number": 1, "tax_code": "0101",
               "fee_name": "Lệ phí", "amount": 2**70, "method": "cash", "issued_at": "2026-11-26T09:00:00",
               "desk_no": 1, "status": "issued"}
    [res] = _push(client, [_op(receipt, entity="receipt", kind="issue", entity_id=receipt["id"])])
    assert res["outcome"] == "rejected" and res["code"] == "invalid_field"

    # The same op twice in one batch; the same op id with other content; two ops under one seq.
    good = receive_with()
    twin = dict(good)
    other = {**good, "payload": receive_with()["payload"]}
    same_seq = {**receive_with(), "seq": good["seq"]}
    results = _push(client, [good, twin, other, same_seq])
    assert [r["outcome"] for r in results] == ["applied", "duplicate", "rejected", "rejected"], results
    assert [r.get("code") for r in results[2:]] == ["op_id_reused", "seq_reused"]
    assert [d["applicant_name"] for d in _dossiers(server, commune)] == [SECRET_NAME]
    client.close()
    desk.close()


# --- 5. the OpenAPI description ---------------------------------------------------------------------------
def test_the_public_openapi_shows_only_the_public_routes(server: ServerProcess) -> None:
    with _api(server) as api:
        public = api.get("/openapi.json").json()
        assert api.get("/api/district/v1/openapi.json").status_code == 403
        full = api.get("/api/district/v1/openapi.json", headers=_admin(server)).json()
    assert p.API_PREFIX + "/info" in public["paths"] and p.API_PREFIX + "/devices/enroll" in public["paths"]
    for path in (p.API_PREFIX + "/exchange", p.API_PREFIX + "/refdata/{name}", "/api/district/v1/dossiers",
                 "/api/district/v1/dossiers/{ref}/actions"):
        assert path not in public["paths"] and path in full["paths"]
    assert not any(isinstance(op, dict) and op.get("x-auth") for ops in public["paths"].values() for op in ops.values())


# --- 6. schemathesis from the server's OpenAPI ------------------------------------------------------------
EXAMPLES = 12  # per operation and mode: the whole run stays near a minute per backend


def test_generated_requests_from_the_openapi_never_get_a_500(tmp_path: Path, clock: FakeClock,
                                                            server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 2)
    assert client.sync_once().all_acknowledged
    admin = _admin(server)
    with _api(server) as api:
        schema = schemathesis.openapi.from_dict(api.get("/api/district/v1/openapi.json", headers=admin).json())
    operations = [r.ok() for r in schema.get_all_operations()]
    assert {op.definition.raw.get("x-auth") for op in operations} == {None, "device", "admin"}
    seen: dict[tuple[str | None, int], int] = {}  # (x-auth, status) → count
    failures: list[str] = []

    with _api(server) as api, signed.http(client) as desk_api:

        def send(case: Any, auth: str | None, bare: bool) -> httpx.Response:
            """The generated request as it would come: signed by the desk for its routes, with the admin
            key for the admin's (`bare`: without any credential)."""
            query = httpx.QueryParams({k: str(v) for k, v in (case.query or {}).items()})
            path = case.formatted_path + (f"?{query}" if query else "")
            body = case.body
            if body is None or type(body).__name__ == "NotSet":
                content = b""
            elif isinstance(body, bytes):
                content = body  # the negative mode's bodies that are not JSON at all
            else:
                content = json.dumps(body, default=str).encode()
            headers = {"Content-Type": "application/json"} if content else {}
            if auth == "device" and not bare:
                target = path.removeprefix(p.API_PREFIX)
                headers.update(signed.signed_headers(client, case.method, target, content, ""))
                return desk_api.request(case.method, target, content=content, headers=headers)
            if auth == "admin" and not bare:
                headers.update(admin)
            return api.request(case.method, path, content=content, headers=headers)

        def judge(resp: httpx.Response, case: Any, auth: str | None) -> None:
            seen[auth, resp.status_code] = seen.get((auth, resp.status_code), 0) + 1
            if resp.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {resp.status_code}: {resp.text[:200]}")
            elif resp.status_code >= 400:
                err = resp.json().get("error", {})
                if err.get("retryable") is not False or not err.get("message_vi"):
                    failures.append(f"{case.method} {case.formatted_path} → {resp.status_code} {err}")

        for op in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                try:
                    _fuzz(op.as_strategy(generation_mode=mode), op.definition.raw.get("x-auth"), send, judge)
                except Unsatisfiable:
                    # Nothing to make invalid (GET /info takes no input): only the negative mode can say so.
                    assert mode is GenerationMode.NEGATIVE, op.path
    assert not failures, failures[:10]
    # Generated requests got through on every kind of route (signed ones too): the handlers were reached.
    assert {auth for (auth, status) in seen if status < 300} == {None, "device", "admin"}, seen
    # Nothing forged: the district holds only what the desk itself sent, and it is all still there.
    held = _dossiers(server, desk.office.require().agency_code)
    assert sorted(d["code"] for d in held) == sorted(r["code"] for r in desk.store.query("SELECT code FROM dossiers"))
    client.close()
    desk.close()


def _fuzz(strategy: Any, auth: str | None, send: Any, judge: Any) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy, bare=st.booleans())
    def check(case: Any, bare: bool) -> None:
        judge(send(case, auth, bare), case, auth)

    check()


def test_a_nul_or_a_lone_surrogate_anywhere_is_refused_not_stored(tmp_path: Path, clock: FakeClock,
                                                                  server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    admin = _admin(server)
    with _api(server) as api:
        for path in ("/api/district/v1/dossiers?commune=000%00", "/api/district/v1/dossiers?commune=%ED%A0%80",
                     p.API_PREFIX + "/refdata/cat%00alog"):
            _refused(api.get(path, headers=admin), 400)
        resp = api.post("/api/district/v1/dossiers/x/actions", headers={**admin, "Content-Type": "application/json"},
                        content=b'{"action": "stop", "by": "\\ud800"}')
        _refused(resp, 400)
        resp = api.post(p.API_PREFIX + "/devices/enroll", headers={"Content-Type": "application/json"},
                        content=b'{"code": "\\udfff", "device_id": "x", "public_key": "y", "commune": "\\ud800"}')
        _refused(resp, 400, "bad_text")
    day_close = b'{"close": {"day": "2026-11-26", "ids_hash": "x", "op_ids": ["\\ud800"]}}'
    _refused(signed.post(client, content=day_close, encoding=""), 400, "bad_text")
    payload = _receive_payload(desk, officer)
    text = json.dumps(payload, ensure_ascii=True).replace(json.dumps(SECRET_NAME, ensure_ascii=True)[1:-1], "\\ud800")
    [res] = _push(client, [_op(json.loads(text))])
    assert res["outcome"] == "rejected" and res["code"] == "invalid_field"
    assert _dossiers(server, desk.office.require().agency_code) == []
    client.close()
    desk.close()


def test_after_all_of_it_the_log_has_no_500_and_no_personal_data(tmp_path: Path, clock: FakeClock,
                                                                 server: ServerProcess) -> None:
    """Runs last for its backend (pytest keeps file order within a module's parameter): every request
    above is in the access log, none answered 500, and no name, ID number or phone sent is in the log."""
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    receive(desk, officer, 3)
    SENT.update(str(r[k]) for r in desk.store.query("SELECT full_name, id_number, phone FROM citizens")
                for k in ("full_name", "id_number", "phone") if r[k])
    assert client.sync_once().all_acknowledged
    logs = _logs(server)
    # The files searched are the server's own (its start-up is there); an unexpected error would be too.
    assert (server.workdir / "district.log").exists() and "Uvicorn running" in logs, logs[-2000:]
    assert '" 500' not in logs and "unexpected error" not in logs and "Traceback" not in logs, logs[-3000:]
    leaked = sorted(s for s in SENT if s in logs)
    assert not leaked, f"personal data in the server log: {leaked}"
    client.close()
    desk.close()
