"""The citizen's lookup page end to end: a real desk receives a dossier and syncs to a real `district serve`
(TLS, self-signed), its printed slip is rendered to PNG and the QR read off it, and headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) opens the URL the QR holds.

Set LOOKUP_SCREENSHOTS=DIR to keep phone-size screenshots of the page (docs/screenshots/).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desk.forms import FormService
from desk.sync import lookup_key
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, receive
from tests.support import pg
from tests.support.server import ServerProcess

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
PAGE_RATE = 12  # requests per minute per client, low so that the test reaches the limit quickly

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def lookup_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp(f"lookup-{request.param}")
    extra = ["--secret-file", str(workdir / "secret.key")]
    # The child process inherits the environment as it is when it starts.
    with mock.patch.dict(os.environ, {"DISTRICT_LOOKUP_RATE": f"{PAGE_RATE}/60", "DISTRICT_LOOKUP_FORM_RATE": "5/60"}):
        if request.param == "postgres":
            with pg.fresh_database() as url, ServerProcess(url, workdir, extra=extra) as srv:
                yield srv
        else:
            with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir, extra=extra) as srv:
                yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                               args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def _qr_of_printed_slip(pdf: Path, png: Path) -> str:
    """The slip as a scanner sees it: page 1 rasterised to a PNG file, the QR read back from the file."""
    import pypdfium2 as pdfium
    import zxingcpp
    from PIL import Image

    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc[0].render(scale=150 / 72).to_pil().save(png)
    finally:
        doc.close()
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1, found
    return found[0]


def _shot(page: object, name: str) -> None:
    target = os.environ.get("LOOKUP_SCREENSHOTS")
    if target:
        page.screenshot(path=str(Path(target) / name), full_page=True)  # type: ignore[attr-defined]


def test_slip_qr_opens_the_status_in_chromium(tmp_path: Path, clock: FakeClock, lookup_server: ServerProcess,
                                              browser: object) -> None:
    desk, officer, client = enrolled(tmp_path / "desk", clock, lookup_server)
    dossier = receive(desk, officer)[0]
    desk.dossiers.act(dossier["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    report = client.sync_once()
    assert report.error is None, report.error and report.error.message_vi
    assert report.round_trips == 1  # the slip key rode in the one exchange
    assert lookup_key.pending(desk.store) is None  # confirmed by the district: not sent again

    pdf = FormService(desk).slip(dossier["code"], officer_id=officer)
    url = _qr_of_printed_slip(pdf, tmp_path / "slip.png")
    # No lookup address configured: the QR opens the page of the district this desk is enrolled with.
    assert url.startswith(lookup_server.url + "/tra-cuu?MHS=" + dossier["code"] + "&SGT=")

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, ignore_https_errors=True,  # type: ignore[attr-defined]
                                  locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(lookup_server.url) else None)

    response = page.goto(url)
    assert response is not None and response.status == 200
    body = page.inner_text("body")
    assert dossier["code"] in body
    assert page.inner_text("#status") == "Đang giải quyết"
    assert "Nguyễn V. A." in body and "Nguyễn Văn An" not in body
    assert dossier["applicant_id_number"] not in page.content()
    assert "0912345678" not in page.content() and "5678" not in body
    assert "Chuyển xử lý" in body and "Tiếp nhận hồ sơ" in body
    _shot(page, "lookup-status-phone.png")

    # The tag altered by one character: refused with a sentence, and nothing of the dossier shown.
    query = parse_qs(urlsplit(url).query)
    tag = query["SGT"][0]
    altered = url[: -len(tag)] + ("A" if tag[0] != "A" else "B") + tag[1:]
    response = page.goto(altered)
    assert response is not None and response.status == 403
    assert "không đúng" in page.inner_text(".error")
    assert dossier["code"] not in page.inner_text("body")
    _shot(page, "lookup-altered-phone.png")
    # Another code with the genuine tag is refused the same way.
    other = url.replace(dossier["code"], re.sub(r"\d$", lambda m: str((int(m[0]) + 1) % 10), dossier["code"]))
    response = page.goto(other)
    assert response is not None and response.status == 403

    # The form: the code and the last four digits of the phone.
    page.goto(lookup_server.url + "/tra-cuu")
    _shot(page, "lookup-form-phone.png")
    page.fill("#mhs", dossier["code"])
    page.fill("#sdt", "5678")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.inner_text("#status") == "Đang giải quyết"
    page.fill("#mhs", dossier["code"])
    page.fill("#sdt", "1234")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Không tìm thấy hồ sơ" in page.inner_text(".error")
    _shot(page, "lookup-not-found-phone.png")
    assert outside == []  # every asset comes from the district itself
    context.close()

    # Requests per client are limited: past the limit, 429 with a Vietnamese sentence and Retry-After.
    statuses = []
    with httpx.Client(verify=lookup_server.trust(), trust_env=False) as http:
        for _ in range(PAGE_RATE + 1):
            r = http.get(url)
            statuses.append(r.status_code)
            if r.status_code == 429:
                assert "quá nhiều lần" in r.text and int(r.headers["retry-after"]) >= 1
                break
    assert statuses[-1] == 429 and set(statuses[:-1]) <= {200}

    # The slip key never reached the server's log.
    key = desk.office.require().hmac_key
    assert key and key not in lookup_server.log()
    desk.close()
