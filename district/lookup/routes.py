"""The citizen's lookup page: `GET /tra-cuu` (the slip's QR, or an empty form) and `POST /tra-cuu` (the
dossier code with the last four digits of the applicant's phone). Public, no log-in, HTML for a phone.

- A QR link is checked first: the code must parse and its tag must match one of the commune's slip keys
  (district/lookup/keys.py, constant-time); an altered code or tag gets a Vietnamese sentence and 403,
  whether or not such a dossier exists, so the page tells a guesser nothing.
- Each request is one indexed query (the commune's keys are cached) on worker threads; the template is
  compiled once. Requests per client address are limited (limiter.py); past the limit, 429 with
  Retry-After and a Vietnamese sentence.
- Responses are never cached by the browser or a proxy (`no-store`), send no Referer (the URL carries
  the tag) and load nothing but the page's own stylesheet (Content-Security-Policy).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from desk.codes import parse_code
from desk.forms.qr import CODE_PARAM, LOOKUP_PATH, TAG_PARAM
from district.lookup import keys, page
from district.lookup.limiter import Limiter, Rate

PAGE_RATE = Rate(60, 60)  # a citizen reloading the page: one a second at most, on average
FORM_RATE = Rate(10, 60)  # code + 4 digits: 10,000 guesses per code would take a client ~17 hours
FORM_BODY_MAX = 2048
STATIC = Path(__file__).parent / "static"
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
}

MSG_ALTERED = ("Mã hồ sơ hoặc mã xác thực trên phiếu không đúng: đường dẫn có thể đã bị sửa hoặc phiếu không do "
               "Bộ phận Một cửa cấp. Vui lòng quét lại mã QR trên phiếu, hoặc tra cứu bằng mã hồ sơ và 4 số cuối "
               "số điện thoại.")
MSG_NO_KEY = ("Xã/phường cấp phiếu này chưa gửi mã xác thực phiếu lên cấp trên nên chưa kiểm tra được mã QR. "
              "Vui lòng tra cứu bằng mã hồ sơ và 4 số cuối số điện thoại.")
MSG_BAD_CODE = "Mã hồ sơ không đúng dạng (ví dụ: 000.00.12.H56-260105-010001). Vui lòng kiểm tra lại."
MSG_BAD_DIGITS = "Vui lòng nhập đúng 4 chữ số cuối của số điện thoại đã khai khi nộp hồ sơ."
MSG_NOT_FOUND = ("Không tìm thấy hồ sơ với mã hồ sơ và 4 số cuối số điện thoại này. Vui lòng kiểm tra lại; hồ sơ "
                 "mới nộp có thể chưa được cập nhật lên hệ thống.")
MSG_NOT_YET = ("Mã QR hợp lệ nhưng hồ sơ chưa được cập nhật lên hệ thống tra cứu (máy của Bộ phận Một cửa chưa "
               "đồng bộ). Vui lòng thử lại sau.")


def _too_many(seconds: int) -> str:
    return (f"Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau {seconds} giây.")


def reader(engine: Engine) -> Engine:
    """The page's own engine for its reads.

    SQLite: read-only connections; the server's engine begins every transaction IMMEDIATE (it takes the
    write lock), which would queue the page's reads behind each other and behind the desks' pushes, while
    plain reads in WAL mode run beside a writer.
    PostgreSQL: a pool of its own without the server pool's pre-ping, which costs a round trip per
    request (doubling the page's); a connection found dead is dropped and the read tried once more
    (`read` in `router`)."""
    if engine.dialect.name != "sqlite":
        return create_engine(engine.url, pool_size=8, max_overflow=4, pool_recycle=3600, hide_parameters=True)
    ro = create_engine(engine.url, connect_args={"timeout": 30, "check_same_thread": False}, hide_parameters=True,
                       pool_size=8, max_overflow=8)

    @event.listens_for(ro, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA query_only=1")
        cur.close()

    return ro


def router(engine: Engine) -> APIRouter:
    """The lookup page's routes over the server's engine (district/app.py includes them)."""
    env = Environment(loader=PackageLoader("district.lookup", "templates"), autoescape=select_autoescape(["html"]),
                      auto_reload=False, trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("lookup.html")
    stylesheet = (STATIC / "lookup.css").read_bytes()
    read_engine = reader(engine)
    pages, forms = Limiter(Rate.from_env("DISTRICT_LOOKUP_RATE", PAGE_RATE)), \
        Limiter(Rate.from_env("DISTRICT_LOOKUP_FORM_RATE", FORM_RATE))
    cache = keys.cache()
    api = APIRouter(include_in_schema=False)

    def html(status: int, **context: Any) -> HTMLResponse:
        context.setdefault("code", "")
        context.setdefault("dossier", None)
        context.setdefault("error", "")
        context.setdefault("lookup_path", LOOKUP_PATH)
        return HTMLResponse(template.render(**context), status_code=status, headers=HEADERS)

    def limited(limiter: Limiter, request: Request) -> HTMLResponse | None:
        client = request.client.host if request.client else "?"
        if limiter.allow(client):
            return None
        wait = limiter.retry_after(client)
        resp = html(429, error=_too_many(wait))
        resp.headers["Retry-After"] = str(wait)
        return resp

    def read(fn: Callable[[Connection], HTMLResponse]) -> Any:
        def run() -> HTMLResponse:
            try:
                with read_engine.connect() as conn:
                    return fn(conn)
            except DBAPIError as e:
                if not e.connection_invalidated:
                    raise
            with read_engine.connect() as conn:  # the server restarted since: a fresh connection
                return fn(conn)

        return anyio.to_thread.run_sync(run)

    @api.get(LOOKUP_PATH + "/lookup.css")
    async def css() -> Response:
        return Response(stylesheet, media_type="text/css",
                        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})

    @api.get(LOOKUP_PATH)
    async def by_qr(request: Request) -> HTMLResponse:
        refused = limited(pages, request)
        if refused is not None:
            return refused
        params = {k.upper(): v for k, v in request.query_params.items()}
        code = (params.get(CODE_PARAM) or "").strip().upper()[:100]
        tag = (params.get(TAG_PARAM) or "").strip().upper()[:40]
        if not code and not tag:
            return html(200)
        parsed = parse_code(code)
        if parsed is None:
            return html(403, error=MSG_ALTERED, code="")

        def run(conn: Connection) -> HTMLResponse:
            commune_keys = cache.get(conn, parsed.agency)
            if not keys.tag_matches(commune_keys, code, tag):
                # A desk may have sent a new key a moment ago to another server process.
                commune_keys = cache.get(conn, parsed.agency, fresher_than=5.0)
                if not commune_keys:
                    return html(403, error=MSG_NO_KEY, code=code)
                if not keys.tag_matches(commune_keys, code, tag):
                    return html(403, error=MSG_ALTERED, code="")
            found = page.fetch(conn, parsed.agency, code)
            if not found:
                return html(404, error=MSG_NOT_YET, code=code)
            return html(200, dossier=page.view(found[0]), code=code)

        return await read(run)

    @api.post(LOOKUP_PATH)
    async def by_phone(request: Request) -> HTMLResponse:
        refused = limited(forms, request)
        if refused is not None:
            return refused
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > FORM_BODY_MAX:
                return html(413, error=MSG_BAD_CODE)
        fields = {k.upper(): v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        code = (fields.get(CODE_PARAM) or "").strip().upper()[:100]
        digits = "".join((fields.get("SDT") or "").split())
        parsed = parse_code(code)
        if parsed is None:
            return html(400, error=MSG_BAD_CODE, code=code)
        if len(digits) != 4 or not digits.isascii() or not digits.isdigit():
            return html(400, error=MSG_BAD_DIGITS, code=code)

        def run(conn: Connection) -> HTMLResponse:
            for dossier in page.fetch(conn, parsed.agency, code, with_data=True):
                if page.phone_matches(dossier, digits):
                    return html(200, dossier=page.view(dossier), code=code)
            return html(404, error=MSG_NOT_FOUND, code=code)

        return await read(run)

    return api
