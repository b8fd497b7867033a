"""The district server's HTTP API (FastAPI): sync under /api/sync/v1, admin steps under /api/district/v1.

A desk's sync is `POST /exchange` (district/exchange.py), signed by the device (district/auth.py); the
signature is checked on the bytes as they came, before anything is decompressed. Bodies are read as a
stream and refused with 413 past `max_body` bytes, then decompressed (zstd with the shared dictionary,
or gzip) in bounded steps and refused past `max_decompressed` bytes, so a bomb never costs more than the
cap in memory. Every error is JSON: {"error": {"code", "message", "message_vi", "retryable"}}.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError

from desk import timing
from desk.sync import protocol as p
from desk.sync import wire
from district import auth, desk_release, exchange, feed, ingest, peers, refdata
from district import fees as fee_ops
from district import models as m
from district.db import DB_TRANSACTIONS, make_engine, meta, migrate, stamp, utcnow
from district.errors import ApiError, bad_request, too_large, unauthorized

T = TypeVar("T")
log = logging.getLogger("district")


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
            if request.url.scheme != "https" and request.url.path.startswith(p.API_PREFIX + "/") and \
                    not request.url.path.endswith("/info"):
                return JSONResponse(p.error_body(
                    "https_required", "plain HTTP refused", "Máy chủ chỉ nhận kết nối mã hóa (https://).",
                    retryable=False), status_code=403)
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
        except (ValueError, OSError):
            raise bad_request("bad_encoding", "body is not valid zstd or gzip",
                              "Dữ liệu nén gửi lên bị hỏng; máy sẽ gửi lại.") from None
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            raise bad_request("bad_json", "body is not JSON", "Dữ liệu gửi lên không đúng dạng JSON.") from None
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

    @app.get(prefix + "/info")
    async def info() -> dict[str, Any]:
        return {"server_time": stamp(), "protocol_versions": [p.PROTOCOL_VERSION],
                "limits": {"max_body": limits.max_body, "max_decompressed": limits.max_decompressed,
                           "max_ops": limits.max_ops},
                "name": os.environ.get("DISTRICT_NAME", "Máy chủ cấp trên"),
                "desk": await tx(desk_release.current)}

    @app.post(prefix + "/devices/enroll")
    async def enroll(request: Request) -> dict[str, Any]:
        body = await body_json(request)
        fields = _strings(body, "code", "device_id", "public_key")

        def run(conn: Connection) -> dict[str, Any]:
            desk_no = body.get("desk_no")
            if desk_no is not None and (isinstance(desk_no, bool) or not isinstance(desk_no, int)):
                raise bad_request("bad_desk_no", "desk_no must be a number", "Số quầy không hợp lệ.")
            commune = auth.enroll(conn, fields["code"], fields["device_id"], fields["public_key"],
                                  str(body.get("name", "")), str(body.get("commune") or "") or None, desk_no)
            return {"device_id": fields["device_id"], "commune": commune, "server_id": meta(conn, "server_id"),
                    "peer_secret": peers.commune_secret(conn, commune)}  # issue 15: the office network

        return await tx(run)

    @app.post(prefix + "/exchange")
    async def sync_exchange(request: Request) -> Response:
        device, body = await signed(request)
        req = exchange.parse(body, limits.max_ops, limits.max_body)
        offset = _clock_offset(req["desk_time"])
        return encoded(await tx(lambda c: exchange.run(c, device, req, offset)), request)

    @app.get(prefix + "/devices/{device_id}/ops")
    async def device_ops(device_id: str, request: Request, after_seq: int, through_seq: int,
                         limit: int = 200) -> Response:
        """The ops this device sent that it no longer holds (its database was restored from a backup),
        so it can put its own lost work back; only the device itself may ask."""
        device, _ = await signed(request)
        if device.device_id != device_id:
            raise unauthorized("signed by another device")

        def run(conn: Connection) -> dict[str, Any]:
            return {"ops": ingest.device_ops(conn, device_id, after_seq, through_seq, max(1, min(limit, 1000)))}

        return JSONResponse(await tx(run))

    @app.get(prefix + "/refdata/{name}")
    async def get_refdata(name: str, request: Request, since: int = 0) -> dict[str, Any]:
        await signed(request)
        return await tx(lambda c: refdata.fetch(c, name, since))

    # --- district officers' API (the `district` command does the same locally) -------------------
    def admin(conn: Connection, request: Request) -> None:
        if not hmac.compare_digest(request.headers.get("x-admin-key", ""), meta(conn, "admin_key")):
            raise ApiError(403, "not_admin", "admin key required", "Cần khóa quản trị của máy chủ cấp trên.")

    @app.post("/api/district/v1/dossiers/{ref}/actions")
    async def district_action(ref: str, request: Request) -> dict[str, Any]:
        body = await body_json(request)

        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            data = body.get("data") or {}
            if not isinstance(data, dict):
                raise bad_request("bad_data", "data must be an object", "Dữ liệu thao tác không đúng dạng.")
            return feed.district_act(conn, ref, str(body.get("action", "")), by=str(body.get("by") or "cấp trên"),
                                     note=str(body.get("note") or ""), data=data)

        return await tx(run)

    @app.get("/api/district/v1/dossiers")
    async def district_dossiers(request: Request, commune: str) -> dict[str, Any]:
        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            return {"dossiers": list_dossiers(conn, commune)}

        return await tx(run)

    @app.get("/api/district/v1/collections")
    async def district_collections(request: Request, commune: str, date_from: str, date_to: str) -> dict[str, Any]:
        """A commune's fee collections by fee, day and payment method (issue 19), for the district's
        pages and reports."""
        first, last = fee_ops.period(date_from, date_to)

        def run(conn: Connection) -> dict[str, Any]:
            admin(conn, request)
            return fee_ops.collections(conn, commune.strip().upper(), first, last)

        return await tx(run)

    return app


def list_dossiers(conn: Connection, commune: str) -> list[dict[str, Any]]:
    """A commune's dossiers, each judged the way the desk judges it (desk.timing: against the promised
    date, never the apology's new one) at the server's office time."""
    rows = conn.execute(select(m.dossiers.c.id, m.dossiers.c.code, m.dossiers.c.status, m.dossiers.c.procedure_code,
                               m.dossiers.c.applicant_name, m.dossiers.c.received_at, m.dossiers.c.due_at,
                               m.dossiers.c.new_due_at, m.dossiers.c.result_at, m.dossiers.c.paused_at,
                               m.dossiers.c.device_id)
                        .where(m.dossiers.c.commune == commune).order_by(m.dossiers.c.received_at, m.dossiers.c.code))
    at = (utcnow() + p.OFFICE_UTC_OFFSET).replace(tzinfo=None)
    out = [dict(r._mapping) for r in rows]
    return [{**row, "timing": timing.verdict(row, at)} for row in out]


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
    return int((desk.replace(tzinfo=None) - server_local) / timedelta(seconds=1))


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers: the URL comes from the environment."""
    return create_app(os.environ["DISTRICT_DATABASE_URL"], limits=Limits.from_env(),
                      require_https=os.environ.get("DISTRICT_REQUIRE_HTTPS") == "1")
