"""The district server's HTTP API (FastAPI): sync under /api/sync/v1, admin steps under /api/district/v1.

Bodies are read as a stream and refused with 413 past `max_body` bytes, then inflated in bounded steps
and refused past `max_decompressed` bytes, so a gzip bomb never costs more than the cap in memory. Every
error is JSON: {"error": {"code", "message", "message_vi", "retryable"}}.
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
from fastapi.responses import JSONResponse
from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from desk import timing
from desk.sync import protocol as p
from district import auth, daybook, desk_release, echo, feed, ingest, refdata
from district import fees as fee_ops
from district import models as m
from district.db import DB_TRANSACTIONS, make_engine, meta, migrate, stamp, utcnow
from district.errors import ApiError, bad_request, not_found, too_large, too_many_ops, unauthorized

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


def create_app(database_url: str, *, limits: Limits | None = None, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(database_url)
    migrate(engine)
    limits = limits or Limits()
    app = FastAPI(title="Máy chủ cấp trên — đồng bộ Một cửa", docs_url=None, redoc_url=None)
    app.state.engine = engine
    app.state.limits = limits
    app.add_middleware(GZipMiddleware, minimum_size=400)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(p.error_body(exc.code, exc.message, exc.message_vi, retryable=exc.retryable),
                            status_code=exc.status)

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

    async def body_json(request: Request) -> dict[str, Any]:
        async with bodies:
            return await _body_json(request)

    async def _body_json(request: Request) -> dict[str, Any]:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limits.max_body:
            raise too_large(limits.max_body)
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > limits.max_body:
                raise too_large(limits.max_body)
        try:
            text = p.inflate(bytes(raw), request.headers.get("content-encoding"), limits.max_decompressed)
        except p.BodyTooLarge:
            raise too_large(limits.max_decompressed) from None
        except (ValueError, OSError):
            raise bad_request("bad_encoding", "body is not valid gzip",
                              "Dữ liệu nén gửi lên bị hỏng; máy sẽ gửi lại.") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise bad_request("bad_json", "body is not JSON", "Dữ liệu gửi lên không đúng dạng JSON.") from None
        if not isinstance(data, dict):
            raise bad_request("bad_json", "body must be an object", "Dữ liệu gửi lên không đúng dạng.")
        return data

    def token_of(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        return header[7:].strip() if header.lower().startswith("bearer ") else None

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
            commune = auth.enroll(conn, fields["code"], fields["device_id"], fields["public_key"],
                                  str(body.get("name", "")), str(body.get("commune") or "") or None)
            return {"device_id": fields["device_id"], "commune": commune, "server_id": meta(conn, "server_id")}

        return await tx(run)

    @app.post(prefix + "/auth/challenge")
    async def challenge(request: Request) -> dict[str, Any]:
        fields = _strings(await body_json(request), "device_id")
        nonce, expires = await tx(lambda c: auth.challenge(c, fields["device_id"]))
        return {"nonce": nonce, "expires_at": expires}

    @app.post(prefix + "/auth/token")
    async def token(request: Request) -> dict[str, Any]:
        fields = _strings(await body_json(request), "device_id", "nonce", "signature")
        tok, expires = await tx(lambda c: auth.issue_token(c, fields["device_id"], fields["nonce"],
                                                            fields["signature"]))
        return {"token": tok, "expires_at": expires}

    @app.get(prefix + "/devices/{device_id}/state")
    async def device_state(device_id: str, request: Request, cursor: str = "") -> dict[str, Any]:
        tok = token_of(request)
        desk_time = request.headers.get("x-desk-time")

        def run(conn: Connection) -> dict[str, Any]:
            device = auth.check_token(conn, tok)
            if device.device_id != device_id:
                raise unauthorized("token is for another device")
            offset = _clock_offset(desk_time)
            conn.execute(update(m.devices).where(m.devices.c.device_id == device_id).values(
                last_seen_at=stamp(), clock_offset_s=offset))
            return {"device_id": device_id, "commune": device.commune, "server_id": meta(conn, "server_id"),
                    "acked": {str(e): s for e, s in ingest.epoch_state(conn, device_id).items()},
                    "refdata": refdata.versions(conn), "server_time": stamp(), "clock_offset_s": offset,
                    # False: the change log lost what the desk pulled (a restore); it re-reads the feed
                    # before pushing, so that it can give back the district steps the district lost.
                    "feed_ok": feed.cursor_valid(conn, cursor)}

        return await tx(run)

    @app.get(prefix + "/devices/{device_id}/ops")
    async def device_ops(device_id: str, request: Request, after_seq: int, through_seq: int,
                         limit: int = 200) -> dict[str, Any]:
        """The ops this device sent that it no longer holds (its database was restored from a backup),
        so it can put its own lost work back; only the device itself may ask."""
        tok = token_of(request)

        def run(conn: Connection) -> dict[str, Any]:
            device = auth.check_token(conn, tok)
            if device.device_id != device_id:
                raise unauthorized("token is for another device")
            return {"ops": ingest.device_ops(conn, device_id, after_seq, through_seq, max(1, min(limit, 1000)))}

        return await tx(run)

    @app.post(prefix + "/push")
    async def push(request: Request) -> dict[str, Any]:
        tok = token_of(request)
        body = await body_json(request)
        batch_id = str(body.get("batch_id") or "")
        if not 8 <= len(batch_id) <= 64:
            raise bad_request("bad_batch", "batch_id is required", "Gói dữ liệu thiếu mã gói.")
        echoes = echo.validate_echoes(body.get("echo"))
        # A batch may carry only echoes (district steps given back after a restore, district.echo).
        ops = ingest.validate_ops(body.get("ops")) if body.get("ops") or not echoes else []
        if len(ops) + len(echoes) > limits.max_ops:
            raise too_many_ops(len(ops) + len(echoes), limits.max_ops)

        def run(conn: Connection) -> dict[str, Any]:
            device = auth.check_token(conn, tok)
            return ingest.push(conn, device, batch_id, ops, echoes)

        return await tx(run)

    @app.get(prefix + "/push/{batch_id}")
    async def push_reply(batch_id: str, request: Request) -> dict[str, Any]:
        tok = token_of(request)

        def run(conn: Connection) -> dict[str, Any] | None:
            device = auth.check_token(conn, tok)
            return ingest.stored_reply(conn, device.device_id, batch_id)

        reply = await tx(run)
        if reply is None:
            raise not_found("unknown_batch", "no such batch", "Máy chủ chưa nhận gói dữ liệu này; máy sẽ gửi lại.")
        return reply

    @app.get(prefix + "/pull")
    async def pull(request: Request, stream: str = "status", cursor: str = "", limit: int = 200) -> dict[str, Any]:
        tok = token_of(request)
        if stream != "status":
            raise not_found("unknown_stream", f"no stream {stream}", f"Không có luồng dữ liệu «{stream}».")

        def run(conn: Connection) -> dict[str, Any]:
            device = auth.check_token(conn, tok)
            return feed.pull(conn, device.commune, cursor, max(1, min(limit, 1000)))

        return await tx(run)

    @app.get(prefix + "/refdata/{name}")
    async def get_refdata(name: str, request: Request, since: int = 0) -> dict[str, Any]:
        tok = token_of(request)

        def run(conn: Connection) -> dict[str, Any]:
            auth.check_token(conn, tok)
            return refdata.fetch(conn, name, since)

        return await tx(run)

    @app.post(prefix + "/daybook/close")
    async def close_day(request: Request) -> dict[str, Any]:
        tok = token_of(request)
        body = await body_json(request)

        def run(conn: Connection) -> dict[str, Any]:
            return daybook.close_day(conn, auth.check_token(conn, tok), body)

        return await tx(run)

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
    return create_app(os.environ["DISTRICT_DATABASE_URL"], limits=Limits.from_env())
