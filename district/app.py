"""The district server's HTTP API (FastAPI): sync under /api/sync/v1, admin steps under /api/district/v1.

A desk's sync is `POST /exchange` (district/exchange.py), signed by the device (district/auth.py); the
signature is checked on the bytes as they came, before anything is decompressed. Bodies are read as a
stream and refused with 413 past `max_body` bytes, then decompressed (zstd with the shared dictionary,
or gzip) in bounded steps and refused past `max_decompressed` bytes, so a bomb never costs more than the
cap in memory. Every error is JSON: {"error": {"code", "message", "message_vi", "retryable"}}.
"""

from __future__ import annotations

import asyncio
import copy
import hmac
import json
import logging
import os
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError

from desk import timing
from desk.sync import protocol as p
from desk.sync import wire
from district import auth, columns, desk_release, exchange, feed, ingest, peers, refdata
from district import fees as fee_ops
from district import models as m
from district import petitions as petition_ops
from district.db import DB_TRANSACTIONS, make_engine, meta, migrate, stamp, utcnow
from district.errors import ApiError, bad_request, too_large, unauthorized

T = TypeVar("T")
log = logging.getLogger("district")
# Deeper than any body a desk or a district page sends; the parser's own limit (a RecursionError) is ~1000.
MAX_JSON_DEPTH = 32
INT64_MAX = 2**63 - 1
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # cheap pre-check before the full one


@dataclass(frozen=True)
class Limits:
    max_body: int = p.MAX_BODY_BYTES
    max_decompressed: int = p.MAX_DECOMPRESSED_BYTES
    max_ops: int = p.MAX_OPS_PER_BATCH
    # Bodies being read and inflated at once: the buffers stay under max_bodies × (max_body +
    # max_decompressed) however many devices push together.
    max_bodies: int = 16
    # Transactions at once. More than the cores can feed only holds PostgreSQL row locks and
    # connections while threads queue for the GIL (bench/bench_ingest.py); equal to the pool size.
    max_transactions: int = DB_TRANSACTIONS

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(max_body=int(os.environ.get("DISTRICT_MAX_BODY") or d.max_body),
                   max_decompressed=int(os.environ.get("DISTRICT_MAX_DECOMPRESSED") or d.max_decompressed))


def create_app(database_url: str, *, limits: Limits | None = None, engine: Engine | None = None,
               require_https: bool = False) -> FastAPI:
    engine = engine or make_engine(database_url)
    migrate(engine)
    limits = limits or Limits()
    app = FastAPI(title="Máy chủ cấp trên — đồng bộ Một cửa", docs_url=None, redoc_url=None)
    app.state.engine = engine
    app.state.limits = limits
    app.add_middleware(GZipMiddleware, minimum_size=400)

    if require_https:
        # Behind a TLS-terminating proxy (`--forwarded-allow-ips`): uvicorn sets the scheme from the
        # proxy's X-Forwarded-Proto, and only for the proxies named. Anything that did not come over
        # HTTPS at the proxy is refused, so a misconfigured proxy cannot carry citizens' data in clear.
        @app.middleware("http")
        async def _https_only(request: Request, call_next: Callable[[Request], Any]) -> Any:
            # The staff's pages too: their forms carry passwords and session cookies.
            path = request.url.path
            if request.url.scheme != "https" and (path.startswith(p.API_PREFIX + "/") or path.startswith("/staff")) \
                    and not path.endswith("/info"):
                return JSONResponse(p.error_body(
                    "https_required", "plain HTTP refused", "Máy chủ chỉ nhận kết nối mã hóa (https://).",
                    retryable=False), status_code=403)
            return await call_next(request)

    @app.middleware("http")
    async def _plain_target(request: Request, call_next: Callable[[Request], Any]) -> Any:
        # A NUL or a broken UTF-8 sequence in the path or the query reaches no route: no column or
        # driver can hold it, and no route needs it.
        raw = request.scope.get("raw_path", b"") + b"?" + request.scope.get("query_string", b"")
        try:
            decoded = urllib.parse.unquote(raw.decode("ascii"), errors="strict")
        except (UnicodeDecodeError, ValueError):
            decoded = "\x00"
        if not columns.plain(decoded):
            return JSONResponse(p.error_body("bad_request", "path or query is not plain text",
                                             "Địa chỉ yêu cầu chứa ký tự không hợp lệ.", retryable=False),
                                status_code=400)
        return await call_next(request)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        body = p.error_body(exc.code, exc.message, exc.message_vi, retryable=exc.retryable)
        body["error"].update(exc.detail)
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(p.error_body("bad_request", str(exc.errors())[:500],
                                         "Yêu cầu gửi lên không đúng dạng.", retryable=False), status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The path and the traceback, never the body (it is citizens' data); the text of a database
        # error carries no values (hide_parameters) and the log's filter scrubs what else might.
        log.error("%s %s: unexpected error", request.method, request.url.path,
                  exc_info=(type(exc), exc, exc.__traceback__))
        return JSONResponse(p.error_body("server_error", type(exc).__name__,
                                         "Máy chủ cấp trên gặp lỗi; máy sẽ tự thử lại sau.", retryable=True),
                            status_code=500)

    transactions = anyio.CapacityLimiter(limits.max_transactions)

    def tx(fn: Callable[[Connection], T], *, retries: int = 4) -> Any:
        """Run `fn` in one transaction on a worker thread; a lost race on a UNIQUE key is run again."""

        def run() -> T:
            for attempt in range(retries):
                try:
                    with engine.begin() as conn:
                        return fn(conn)
                except IntegrityError:
                    # A concurrent copy of the same op or batch committed first: running again turns
                    # those ops into duplicates (docs/sync.md F5).
                    if attempt == retries - 1:
                        raise
                except OperationalError as e:
                    if "deadlock" not in str(e).lower() or attempt == retries - 1:
                        raise
            raise AssertionError("unreachable")

        return anyio.to_thread.run_sync(run, limiter=transactions)

    app.state.tx = tx  # the staff's web pages (district/web/) run their transactions the same way

    bodies = asyncio.Semaphore(limits.max_bodies)

    async def raw_body(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limits.max_body:
            raise too_large(limits.max_body)
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > limits.max_body:
                raise too_large(limits.max_body)
        return bytes(raw)

    def parse_json(raw: bytes, encoding: str | None) -> dict[str, Any]:
        try:
            text = wire.decode(raw, encoding, limits.max_decompressed)
        except wire.BodyTooLarge:
            raise too_large(limits.max_decompressed) from None
        except Exception:
            raise bad_request("bad_encoding", "body is not valid for its Content-Encoding",
                              "Dữ liệu nén gửi lên bị hỏng hoặc không đúng kiểu nén.") from None
        try:
            data = json.loads(text) if text else {}
        except (ValueError, RecursionError):
            raise bad_request("bad_json", "body is not JSON", "Dữ liệu gửi lên không đúng dạng JSON.") from None
        if SURROGATE_ESCAPE.search(text) and not _encodable(data):
            # JSON may spell a lone surrogate ("\\ud800"): no column, driver or answer can encode it.
            raise bad_request("bad_text", "body holds an unpaired surrogate", "Dữ liệu gửi lên chứa ký tự hỏng.")
        if json_depth(data) > MAX_JSON_DEPTH:
            raise bad_request("too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH}",
                              "Dữ liệu gửi lên lồng nhau quá sâu.")
        if not isinstance(data, dict):
            raise bad_request("bad_json", "body must be an object", "Dữ liệu gửi lên không đúng dạng.")
        return data

    async def body_json(request: Request) -> dict[str, Any]:
        """An unsigned body (enrolment, the admin API)."""
        async with bodies:
            return parse_json(await raw_body(request), request.headers.get("content-encoding"))

    async def signed(request: Request) -> tuple[auth.Device, dict[str, Any]]:
        """Check the request's signature (desk/sync/protocol.py) over the bytes as they came, before
        inflating anything: a body from a stranger is never decompressed."""
        async with bodies:
            raw = await raw_body(request)
            encoding = request.headers.get("content-encoding") or ""
            query = request.scope.get("query_string", b"").decode("latin-1")
            target = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1") + \
                (f"?{query}" if query else "")
            device = await tx(lambda c: auth.verify_request(c, request.headers.get("authorization"),
                                                             request.method, target, encoding, raw))
            return device, (parse_json(raw, encoding) if raw else {})

    def encoded(data: dict[str, Any], request: Request) -> Response:
        """An answer in the encoding the desk used for its request (zstd with the shared dictionary: the
        request proved the desk has it), when it accepts zstd; else plain JSON (gzip by the middleware)."""
        accepts = {e.split(";")[0].strip().lower() for e in request.headers.get("accept-encoding", "").split(",")}
        if (request.headers.get("content-encoding") or "").lower() == "zstd" and "zstd" in accepts:
            body, encoding = wire.encode(data)
            return Response(body, media_type="application/json", headers={"Content-Encoding": encoding})
        return JSONResponse(data)

    prefix = p.API_PREFIX
    _public_openapi(app)

    @app.get(prefix + "/info")
    async def info() -> dict[str, Any]:
        return {"server_time": stamp(), "protocol_versions": [p.PROTOCOL_VERSION],
                "limits": {"max_body": limits.max_body, "max_decompressed": limits.max_decompressed,
                           "max_ops": limits.max_ops},
                "name": os.environ.get("DISTRICT_NAME", "Máy chủ cấp trên"),
                "desk": await tx(desk_release.current)}

    @app.post(prefix + "/devices/enroll", openapi_extra=_body(ENROLL_SCHEMA))
    async def enroll(request: Request) -> dict[str, Any]:
        body = await body_json(request)
        fields = _strings(body, "code", "device_id", "public_key")

        def run(conn: Connection) -> dict[str, Any]:
            desk_no = body.get("desk_no")
            if desk_no is not None and (isinstance(desk_no, bool) or not isinstance(desk_no, int)):
                raise bad_request("bad_desk_no", "desk_no must be a number", "Số quầy không hợp lệ.")
            commune = auth.enroll(conn, fields["code"], fields["device_id"], fields["public_key"],
                                  str(body.get("name", "")), str(body.get("commune") or "") or None, desk_no)
            key = peers.commune_key(conn, commune)  # issue 15: the office network
            return {"device_id": fields["device_id"], "commune": commune, "server_id": meta(conn, "server_id"),
                    "peer_secret": key["secret"], "peer_generation": key["generation"]}

        return await tx(run)

    @app.post(prefix + "/exchange", openapi_extra=_body(EXCHANGE_SCHEMA, auth="device"))
    async def sync_exchange(request: Request) -> Response:
        device, body = await signed(request)
        req = exchange.parse(body, limits.max_ops, limits.max_body)
        offset = _clock_offset(req["desk_time"])
        return encoded(await tx(lambda c: exchange.run(c, device, req, offset)), request)

    @app.get(prefix + "/devices/{device_id}/ops", openapi_extra={"x-auth": "device"})
    async def device_ops(device_id: str, request: Request, after_seq: Annotated[int, Query(ge=0, le=INT64_MAX)],
                         through_seq: Annotated[int, Query(ge=0, le=INT64_MAX)],
                         limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> Response:
        """The ops this device sent that it no longer holds (its database was restored from a backup),
        so it can put its own lost work back; only the device itself may ask."""
        device, _ = await signed(request)
        if device.device_id != device_id:
            raise unauthorized("signed by another device")

        def run(conn: Connection) -> dict[str, Any]:
            return {"ops": ingest.device_ops(conn, device_id, after_seq, through_seq, max(1, min(limit, 1000)))}

        return JSONResponse(await tx(run))

    @app.get(prefix + "/refdata/{name}", openapi_extra={"x-auth": "device"})
    async def get_refdata(name: str, request: Request,
                          since: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0) -> dict[str, Any]:
        await signed(request)
        return await tx(lambda c: refdata.fetch(c, name, since))

    # --- district officers' API (the `district` command does the same locally) -------------------
    def admin(conn: Connection, request: Request) -> None:
        if not hmac.compare_digest(request.headers.get("x-admin-key", ""), meta(conn, "admin_key")):
            raise ApiError(403, "not_admin", "admin key required", "Cần khóa quản trị của máy chủ cấp trên.")

    @app.post("/api/district/v1/dossiers/{ref}/actions", openapi_extra=_body(ACTION_SCHEMA, auth="admin"))
    async def district_action(ref: str, request: Request) -> dict[str, Any]:
        body = await body_json(request)

        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            data = body.get("data") or {}
            if not isinstance(data, dict) or not columns.plain(json.dumps(data, ensure_ascii=False)):
                raise bad_request("bad_data", "data must be an object of plain text",
                                  "Dữ liệu thao tác không đúng dạng.")
            texts = {name: body.get(name) or default for name, default in
                     (("action", ""), ("by", "cấp trên"), ("note", ""))}
            for name, limit in (("action", 40), ("by", 200), ("note", 2000)):
                value = texts[name]
                if not isinstance(value, str) or len(value) > limit or not columns.plain(value):
                    raise bad_request("bad_field", f"{name} must be text of at most {limit} characters",
                                      f"Trường «{name}» phải là chữ, tối đa {limit} ký tự.")
            return feed.district_act(conn, ref[:80], texts["action"], by=texts["by"], note=texts["note"], data=data)

        return await tx(run)

    @app.get("/api/district/v1/openapi.json", include_in_schema=False)
    async def full_openapi(request: Request) -> dict[str, Any]:
        """Every route, the authenticated ones too: for the district's own tools and the hostile-request
        tests (the public /openapi.json shows only what needs no credentials)."""
        await tx(lambda c: admin(c, request))
        return app.state.full_openapi()

    @app.get("/api/district/v1/dossiers", openapi_extra={"x-auth": "admin"})
    async def district_dossiers(request: Request, commune: str) -> dict[str, Any]:
        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            return {"dossiers": list_dossiers(conn, commune)}

        return await tx(run)

    @app.get("/api/district/v1/collections", openapi_extra={"x-auth": "admin"})
    async def district_collections(request: Request, commune: str, date_from: str, date_to: str) -> dict[str, Any]:
        """A commune's fee collections by fee, day and payment method (issue 19), for the district's
        pages and reports."""
        first, last = fee_ops.period(date_from, date_to)

        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            return fee_ops.collections(conn, commune.strip().upper(), first, last)

        return await tx(run)

    @app.get("/api/district/v1/petitions/figures", openapi_extra={"x-auth": "admin"})
    async def district_petition_figures(request: Request, date_from: str, date_to: str,
                                        commune: str = "") -> dict[str, Any]:
        """Receptions and petitions of the communes (all, or a comma-separated list), each and together,
        in the seeds' sentence (issue 14); counts and content only, never a denouncer."""
        first, last = fee_ops.period(date_from, date_to)
        wanted = [c.strip().upper() for c in commune.split(",") if c.strip()]

        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            at = (utcnow() + p.OFFICE_UTC_OFFSET).replace(tzinfo=None)
            return petition_ops.figures(conn, wanted or None, first, last, at)

        return await tx(run)

    from district.web import install as install_staff_pages

    install_staff_pages(app)  # the district staff's web pages under /staff (issue 13)
    # The citizen's lookup page (issue 13.3): public HTML at /tra-cuu, district/lookup/.
    from district.lookup.routes import router as lookup_router

    app.include_router(lookup_router(engine))

    return app


def list_dossiers(conn: Connection, commune: str | None, *, statuses: Sequence[str] = (),
                  limit: int | None = None, wide: bool = False) -> list[dict[str, Any]]:
    """A commune's dossiers (every commune's with None), each judged the way the desk judges it
    (desk.timing: against the promised date, never the apology's new one) at the server's office time.
    `wide` adds the commune and the procedure's name (the staff's web pages)."""
    q = select(m.dossiers.c.id, m.dossiers.c.code, m.dossiers.c.status, m.dossiers.c.procedure_code,
               m.dossiers.c.applicant_name, m.dossiers.c.received_at, m.dossiers.c.due_at,
               m.dossiers.c.new_due_at, m.dossiers.c.result_at, m.dossiers.c.paused_at,
               m.dossiers.c.device_id)
    if commune is not None:
        q = q.where(m.dossiers.c.commune == commune)
    if wide:
        q = q.add_columns(m.dossiers.c.commune, m.dossiers.c.procedure_name)
    if statuses:
        q = q.where(m.dossiers.c.status.in_(list(statuses)))
    q = q.order_by(m.dossiers.c.received_at, m.dossiers.c.code)
    if limit is not None:
        q = q.limit(limit)
    at = (utcnow() + p.OFFICE_UTC_OFFSET).replace(tzinfo=None)
    out = [dict(r._mapping) for r in conn.execute(q)]
    return [{**row, "timing": timing.verdict(row, at)} for row in out]


def _encodable(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_depth(value: Any) -> int:
    """How deeply a parsed JSON value nests (iteratively: a hostile body cannot exhaust the stack here)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            items: Any = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in items)
    return deepest


# --- the OpenAPI description --------------------------------------------------------------------------
# The routes read their bodies themselves (signature first), so the bodies are described here; the
# descriptions are what schemathesis generates hostile requests from (tests/district/test_hostile.py).
ENROLL_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["code", "device_id", "public_key"],
    "properties": {"code": {"type": "string", "maxLength": 200}, "device_id": {"type": "string", "maxLength": 200},
                   "public_key": {"type": "string", "maxLength": 200}, "name": {"type": "string"},
                   "commune": {"type": "string"}}}
EXCHANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "cursor": {"type": "string"}, "limit": {"type": "integer"}, "batch": {"type": "string"},
        "settle": {"type": "string"}, "t": {"type": "string"}, "peer_gen": {"type": "integer"},
        "ops": {"type": "object", "description": "ops packed as columns (desk/sync/wire.py pack_ops)"},
        "echo": {"type": "array", "items": {"type": "object"}},
        "refdata": {"type": "object", "additionalProperties": {"type": "integer"}},
        "close": {"type": "object", "properties": {"day": {"type": "string"}, "ids_hash": {"type": "string"},
                                                   "counts": {"type": "object"}}}}}
ACTION_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["action"],
    "properties": {"action": {"type": "string"}, "by": {"type": "string"}, "note": {"type": "string"},
                   "data": {"type": "object"}}}


def _body(schema: dict[str, Any], *, auth: str | None = None) -> dict[str, Any]:
    extra: dict[str, Any] = {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
    if auth:
        extra["x-auth"] = auth  # "device": signed by an enrolled desk; "admin": the district's admin key
    return extra


def _public_openapi(app: FastAPI) -> None:
    """/openapi.json without the operations that need credentials (`x-auth`); the whole description stays
    available to the district admin (GET /api/district/v1/openapi.json)."""
    full = app.openapi

    def public() -> dict[str, Any]:
        schema = copy.deepcopy(full())
        paths: dict[str, Any] = {}
        for path, operations in schema.get("paths", {}).items():
            kept = {verb: op for verb, op in operations.items() if not (isinstance(op, dict) and op.get("x-auth"))}
            if kept:
                paths[path] = kept
        schema["paths"] = paths
        return schema

    app.state.full_openapi = full
    app.openapi = public  # type: ignore[method-assign]


def _strings(body: dict[str, Any], *names: str) -> dict[str, str]:
    out = {}
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or not value or len(value) > 200:
            raise bad_request("missing_field", f"{name} is required", f"Yêu cầu thiếu trường «{name}».")
        out[name] = value
    return out


def _clock_offset(desk_time: str | None) -> int | None:
    """Seconds the desk clock is ahead of the server (negative: behind); None when not sent."""
    if not desk_time:
        return None
    try:
        desk = datetime.fromisoformat(desk_time)
    except ValueError:
        return None
    server_local = (utcnow() + p.OFFICE_UTC_OFFSET).replace(tzinfo=None)
    offset = int((desk.replace(tzinfo=None) - server_local) / timedelta(seconds=1))
    return max(-(2**31 - 1), min(offset, 2**31 - 1))  # a clock set to year 9999 still fits the column


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers: the URL comes from the environment."""
    return create_app(os.environ["DISTRICT_DATABASE_URL"], limits=Limits.from_env(),
                      require_https=os.environ.get("DISTRICT_REQUIRE_HTTPS") == "1")
