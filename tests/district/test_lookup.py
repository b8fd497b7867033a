"""The lookup page's parts in process: the masked name, the limiter, the sealed slip keys (SQLite and
PostgreSQL), the page's refusals. The whole path from a printed slip is test_lookup_browser.py."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from unittest import mock

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select

from desk.forms.qr import tag_for_key
from desk.services import Desk
from district import models as m
from district.app import create_app
from district.lookup import keys, page
from district.lookup.limiter import Limiter, Rate
from district.lookup.models import slip_keys

COMMUNE = "000.00.31.H56"
CODE = f"{COMMUNE}-260105-010001"


def _dossier(engine: Engine, *, code: str = CODE, phone: str = "0912345678", name: str = "Lê Thị Thu Hà") -> str:
    dossier_id = str(uuid.uuid4())
    with engine.begin() as conn:
        conn.execute(insert(m.dossiers).values(
            id=dossier_id, commune=COMMUNE, device_id="d1", code=code, procedure_code="1.010833",
            procedure_name="Đăng ký khai sinh", applicant_name=name, received_at="2026-01-05T09:00:00",
            due_at="2026-01-06T09:00:00", status="result_ready", status_at="2026-01-05T15:00:00",
            result_at="2026-01-05T15:00:00", calendar_version="1", catalog_version=1,
            data=json.dumps({"applicant_phone": phone, "applicant_id_number": "001190012345",
                             "applicant_address": "Số 5 ngõ 7"}), documents="[]", updated_at="2026-01-05T15:00:00"))
        conn.execute(insert(m.dossier_actions).values(
            id=str(uuid.uuid4()), dossier_id=dossier_id, kind="receive", from_status=None, to_status="received",
            at="2026-01-05T09:00:00", by_officer="Trần Văn Tiếp", note="CCCD 001190012345", data="{}",
            origin="desk", applied=True))
    return dossier_id


def test_the_name_is_masked_to_family_name_and_initials() -> None:
    assert page.mask_name("Nguyễn Thị Hoa") == "Nguyễn T. H."
    assert page.mask_name("  Lê   Văn  An ") == "Lê V. A."
    assert page.mask_name("Hà") == "Hà"
    assert page.mask_name("") == ""


def test_the_limiter_counts_per_client_and_window() -> None:
    now = [0.0]
    limiter = Limiter(Rate(3, 60), clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another client has its own window
    assert limiter.retry_after("a") == 61
    now[0] = 60.0
    assert limiter.allow("a")


def test_slip_keys_are_sealed_and_a_lost_secret_file_only_disables_them(engine: Engine, tmp_path: Path) -> None:
    key = os.urandom(32)
    with engine.begin() as conn:
        kid = keys.store(conn, COMMUNE, "dev-meta", key.hex())
    secret = tmp_path / "secret.key"
    other = os.urandom(32)
    with mock.patch.dict(os.environ, {keys.SECRET_FILE_ENV: str(secret)}), engine.begin() as conn:
        keys.store(conn, COMMUNE, "dev-file", other.hex())
        assert secret.stat().st_mode & 0o077 == 0  # the secret file is the server's alone
        assert sorted(keys.load(conn, COMMUNE)) == sorted([key, other])
    with engine.connect() as conn:
        rows = {r.device_id: r for r in conn.execute(select(slip_keys))}
        assert rows["dev-meta"].key_id == kid and rows["dev-meta"].sealed.startswith("m1:")
        assert rows["dev-file"].sealed.startswith("f1:")
        stored = " ".join(str(v) for r in rows.values() for v in r)
        assert key.hex() not in stored and other.hex() not in stored
        # Without the secret file the key sealed under it cannot be opened; the other still works.
        assert keys.load(conn, COMMUNE) == [key]
    with mock.patch.dict(os.environ, {keys.SECRET_FILE_ENV: str(tmp_path / "another.key")}), engine.connect() as conn:
        assert keys.load(conn, COMMUNE) == [key]  # a different secret file: InvalidTag, not a crash
    assert keys.tag_matches([other, key], CODE, tag_for_key(key, CODE))
    assert not keys.tag_matches([other], CODE, tag_for_key(key, CODE))


def test_the_page_refuses_altered_links_and_wrong_digits(engine: Engine) -> None:
    key = os.urandom(32)
    _dossier(engine)
    with engine.begin() as conn:
        keys.store(conn, COMMUNE, "d1", key.hex())
    url = engine.url.render_as_string(hide_password=False)
    with mock.patch.dict(os.environ, {"DISTRICT_LOOKUP_RATE": "1000/60", "DISTRICT_LOOKUP_FORM_RATE": "3/60"}):
        client = TestClient(create_app(url, engine=engine))
    tag = tag_for_key(key, CODE)
    ok = client.get(f"/tra-cuu?MHS={CODE}&SGT={tag}")
    assert ok.status_code == 200
    assert "Có kết quả" in ok.text and "Lê T. T. H." in ok.text and "Thu Hà" not in ok.text
    assert "001190012345" not in ok.text and "0912345678" not in ok.text and "ngõ" not in ok.text
    assert ok.headers["cache-control"] == "no-store" and ok.headers["referrer-policy"] == "no-referrer"
    lower = client.get(f"/tra-cuu?mhs={CODE.lower()}&sgt={tag.lower()}")  # a scanner's caps lock
    assert lower.status_code == 200
    for bad in (f"MHS={CODE}&SGT={tag[:-1]}", f"MHS={CODE}", "MHS=không-phải-mã&SGT=X", f"MHS={CODE[:-1]}2&SGT={tag}"):
        r = client.get(f"/tra-cuu?{bad}")
        assert r.status_code == 403 and "không đúng" in r.text and "Lê T." not in r.text, bad
    other_commune = "000.00.32.H56-260105-010001"
    r = client.get(f"/tra-cuu?MHS={other_commune}&SGT={tag}")
    assert r.status_code == 403 and "chưa gửi mã xác thực" in r.text
    assert client.post("/tra-cuu", data={"MHS": CODE, "SDT": "12a4"}).status_code == 400
    found = client.post("/tra-cuu", data={"MHS": CODE, "SDT": "5678"})
    assert found.status_code == 200 and "Có kết quả" in found.text
    assert client.post("/tra-cuu", data={"MHS": CODE, "SDT": "5679"}).status_code == 404
    limited = client.post("/tra-cuu", data={"MHS": CODE, "SDT": "5678"})
    assert limited.status_code == 429 and "quá nhiều lần" in limited.text and limited.headers["retry-after"]


def test_a_clash_of_codes_is_found_by_the_phone_of_each(engine: Engine) -> None:
    first = _dossier(engine, phone="0911110001")
    second = _dossier(engine, phone="0922220002", name="Phạm Minh")
    with engine.connect() as conn:
        found = page.fetch(conn, COMMUNE, CODE, with_data=True)
    assert {d["id"] for d in found} == {first, second}
    assert [d["id"] for d in found if page.phone_matches(d, "0002")] == [second]
    assert not any(page.phone_matches({**d, "data": "{}"}, "0002") for d in found)


def test_the_qr_opens_the_office_address_else_the_enrolled_district() -> None:
    from desk.forms.qr import district_lookup_base, slip_url, verify_slip_text
    from desk.office import OfficeProfile

    own = OfficeProfile(name="UBND xã", agency_code=COMMUNE, hmac_key=os.urandom(32).hex(),
                        lookup_url_base="https://tinh.example.vn/tra-cuu?lang=vi")
    district = district_lookup_base("https://huyen.example.vn:8443/")
    assert district == "https://huyen.example.vn:8443/tra-cuu"
    assert slip_url(own, CODE, fallback_base=district).startswith(f"https://tinh.example.vn/tra-cuu?lang=vi&MHS={CODE}&SGT=")
    bare = OfficeProfile(name="UBND xã", agency_code=COMMUNE, hmac_key=own.hmac_key)
    url = slip_url(bare, CODE, fallback_base=district)
    assert url == f"{district}?MHS={CODE}&SGT={tag_for_key(bytes.fromhex(own.hmac_key), CODE)}"
    scanned = verify_slip_text(url, bare)
    assert scanned is not None and scanned.genuine  # a desk's scanner reads the district's URL too
    assert slip_url(bare, CODE) == url.split("?", 1)[1]  # neither configured nor enrolled: the bare query


def test_the_sync_dump_hides_the_slip_key() -> None:
    from desk.sync import wire
    from desk.sync.transport import _decoded

    content, encoding = wire.encode({"cursor": "", "slip_key": "ab" * 32})
    assert _decoded(content, encoding)["slip_key"] == "<hidden>"


def test_the_desk_sends_its_slip_key_once_per_district(desk: Desk) -> None:
    from desk.sync import lookup_key

    def enrol(server_id: str) -> None:
        with desk.store.write("test") as uow:
            uow.execute("INSERT OR REPLACE INTO sync_identity (id, server_url, server_id, commune, private_key, "
                        "public_key, enrolled_at) VALUES (1, 'https://huyen.example.vn', ?, ?, 'k', 'k', 'x')",
                        (server_id, COMMUNE))

    enrol("district-a")
    first = lookup_key.pending(desk.store)
    assert first is not None and first.key == desk.office.require().hmac_key
    lookup_key.answered(desk.store, first, "another id")  # not this key: still to send
    assert lookup_key.pending(desk.store) == first
    lookup_key.answered(desk.store, first, first.key_id)
    assert lookup_key.pending(desk.store) is None
    enrol("district-b")  # enrolled anew with another district: it needs the key too
    assert lookup_key.pending(desk.store) is not None
