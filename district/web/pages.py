"""The district staff's pages under /staff: log-in, communes, dossiers, overdue, one dossier and its steps.

Server-rendered (Jinja2, autoescaped), one stylesheet shipped in the package, no script at all. Every
page needs a session; every POST carries the session's CSRF token (the log-in form a double-submit
cookie's). A step recorded here goes through `feed.district_act`, exactly what `district act` runs, so it
reaches the commune's desks on their next sync like any district step.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection, select

from desk import lifecycle as lc
from desk import timing
from desk.errors import TransitionError, ValidationError
from desk.sync.protocol import OFFICE_UTC_OFFSET
from district import feed
from district import models as m
from district.db import utcnow
from district.errors import ApiError
from district.web import accounts, queries

HERE = Path(__file__).resolve().parent
PREFIX = "/staff"
COOKIE = "district_staff"
LOGIN_COOKIE = "district_login_csrf"
MAX_FORM = 16 * 1024
# The steps a district officer records from the web, in the order the buttons show them.
WEB_ACTIONS = ("hand_over", "request_supplement", "request_payment", "result_ready", "reject", "stop")
NEEDS_REASON = {"request_supplement": "Giấy tờ cần bổ sung hoặc lý do", "request_payment": "Nghĩa vụ tài chính",
                "reject": "Lý do từ chối", "stop": "Lý do dừng"}

templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(prefix=PREFIX, statuses=lc.STATUS_LABELS_VI, report_enabled=True)
templates.env.filters["local"] = queries.local  # a stored UTC stamp as the office's dd/mm/yyyy HH:MM


class NotLoggedIn(Exception):
    pass


class CsrfRefused(Exception):
    pass


def install(app: FastAPI) -> None:
    """Mount the pages and their stylesheet on the district app (`app.state.tx` runs a transaction)."""
    import fontpkg_be_vietnam_pro

    app.mount(PREFIX + "/static", StaticFiles(directory=str(HERE / "static")), name="staff-static")
    # The forms' Vietnamese font, already a dependency: the pages fetch nothing from the internet.
    app.mount(PREFIX + "/font", StaticFiles(directory=str(fontpkg_be_vietnam_pro.ROOT / "files")), name="staff-font")

    @app.exception_handler(NotLoggedIn)
    async def _login_first(request: Request, _: NotLoggedIn) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{PREFIX}/login?next={quote(target)}", status_code=303)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _: CsrfRefused) -> Response:
        return templates.TemplateResponse(request, "refused.html", {"title": "Yêu cầu bị từ chối"},
                                          status_code=403)

    app.include_router(router)


router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _tx(request: Request, fn: Callable[[Connection], Any]) -> Any:
    return request.app.state.tx(fn)


async def _form(request: Request) -> dict[str, str]:
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_FORM:
            raise ApiError(413, "too_large", "form too large", "Biểu mẫu gửi lên quá lớn.")
    parsed = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in parsed.items()}


async def _session(request: Request) -> accounts.Session:
    token = request.cookies.get(COOKIE)
    found = await _tx(request, lambda c: accounts.session(c, token)) if token else None
    if found is None:
        raise NotLoggedIn()
    return found


async def _posted(request: Request) -> tuple[accounts.Session, dict[str, str]]:
    """A POST from a logged-in page: the session, and the form only when it carries the session's token."""
    sess = await _session(request)
    form = await _form(request)
    if not accounts.csrf_ok(sess.csrf, form.get("csrf")):
        raise CsrfRefused()
    return sess, form


def _page(request: Request, name: str, sess: accounts.Session | None, status_code: int = 200,
          **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"session": sess, "me": sess.staff if sess else None,
                                                      "csrf": sess.csrf if sess else "", **context},
                                      status_code=status_code)


def _safe_next(target: str | None) -> str:
    # Only a path of these pages: never an open redirect to another site.
    if target and target.startswith(PREFIX + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return PREFIX + "/communes"


def _set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict", path=PREFIX,
                        secure=request.url.scheme == "https")


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
async def home() -> Response:
    return RedirectResponse(PREFIX + "/communes", status_code=303)


@router.get("/login")
async def login_page(request: Request, next: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = _page(request, "login.html", None, title="Đăng nhập", login_csrf=token, next=_safe_next(next),
                     error="", username="")
    _set_cookie(response, request, LOGIN_COOKIE, token, 3600)
    return response


@router.post("/login")
async def login_post(request: Request) -> Response:
    form = await _form(request)
    if not accounts.csrf_ok(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
        raise CsrfRefused()
    username, password = form.get("username", "")[:60], form.get("password", "")[:200]
    target = _safe_next(form.get("next"))

    def run(conn: Connection) -> tuple[str, accounts.Session] | accounts.LoginRefused:
        try:
            return accounts.login(conn, username, password)
        except accounts.LoginRefused as e:
            return e  # returned, not raised: the failure count must commit

    result = await _tx(request, run)
    if isinstance(result, accounts.LoginRefused):
        token = secrets.token_urlsafe(24)
        refused = _page(request, "login.html", None, status_code=423 if result.locked else 401,
                         title="Đăng nhập", login_csrf=token, next=target, error=result.message_vi,
                         username=username)
        _set_cookie(refused, request, LOGIN_COOKIE, token, 3600)
        return refused
    cookie, _ = result
    response = RedirectResponse(target, status_code=303)
    _set_cookie(response, request, COOKIE, cookie, accounts.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _posted(request)
    token = request.cookies.get(COOKIE)
    await _tx(request, lambda c: accounts.logout(c, token))
    response = RedirectResponse(PREFIX + "/login", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


@router.get("/communes")
async def communes_page(request: Request) -> Response:
    sess = await _session(request)
    rows = await _tx(request, queries.communes)
    return _page(request, "communes.html", sess, title="Xã, phường", nav="communes", rows=rows)


@router.get("/dossiers")
async def dossiers_page(request: Request, commune: str = "", status: str = "", q: str = "") -> Response:
    sess = await _session(request)
    commune, status, q = commune.strip().upper()[:35], status.strip()[:30], q.strip()[:100]
    if status not in lc.STATUS_LABELS_VI:
        status = ""

    def run(conn: Connection) -> tuple[list[str], list[dict[str, Any]], int]:
        rows, total = queries.dossiers(conn, commune, status, q)
        return queries.commune_codes(conn), rows, total

    codes, rows, total = await _tx(request, run)
    return _page(request, "dossiers.html", sess, title="Hồ sơ", nav="dossiers", communes=codes, rows=rows,
                 total=total, shown=len(rows), commune=commune, status=status, q=q)


@router.get("/overdue")
async def overdue_page(request: Request, commune: str = "") -> Response:
    sess = await _session(request)
    commune = commune.strip().upper()[:35]

    def run(conn: Connection) -> tuple[list[str], list[dict[str, Any]], int]:
        rows, total = queries.dossiers(conn, commune, None, "", overdue=True)
        return queries.commune_codes(conn), rows, total

    codes, rows, total = await _tx(request, run)
    by_commune: dict[str, int] = {}
    for r in rows:
        by_commune[r["commune"]] = by_commune.get(r["commune"], 0) + 1
    return _page(request, "overdue.html", sess, title="Hồ sơ quá hạn", nav="overdue", communes=codes, rows=rows,
                 total=total, shown=len(rows), commune=commune, by_commune=sorted(by_commune.items()))


def _dossier_view(conn: Connection, dossier_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(m.dossiers).where(m.dossiers.c.id == dossier_id)).first()
    if row is None:
        return None
    view = feed.lifecycle_view(row)
    at = (utcnow() + OFFICE_UTC_OFFSET).replace(tzinfo=None)
    verdict = timing.verdict(view, at)
    actions = [dict(a._mapping) for a in conn.execute(
        select(m.dossier_actions).where(m.dossier_actions.c.dossier_id == dossier_id, m.dossier_actions.c.applied)
        .order_by(m.dossier_actions.c.at, m.dossier_actions.c.id))]
    for a in actions:
        a["label"] = lc.ACTION_LABELS_VI.get(a["kind"], a["kind"])
        a["at_local"] = queries.office_time(a["at"])
        a["to_vi"] = lc.STATUS_LABELS_VI.get(a["to_status"], a["to_status"])
        try:
            extra = json.loads(a["data"] or "{}")
        except ValueError:
            extra = {}
        a["detail"] = "; ".join(str(v) if not isinstance(v, list) else ", ".join(map(str, v))
                                for k, v in sorted(extra.items()) if k in ("reason", "missing_documents",
                                                                           "obligation", "to_unit"))
    allowed = []
    for kind in WEB_ACTIONS:
        try:
            lc.check(kind, view, origin="district")
        except TransitionError:
            continue
        allowed.append({"kind": kind, "label": lc.ACTIONS[kind].label_vi, "needs": NEEDS_REASON.get(kind, "")})
    return {"id": row.id, "code": row.code, "commune": row.commune, "procedure_code": row.procedure_code,
            "procedure_name": row.procedure_name, "applicant_name": row.applicant_name,
            "status": row.status, "status_vi": lc.STATUS_LABELS_VI.get(row.status, row.status),
            "timing_vi": timing.LABELS_VI.get(verdict or "", ""), "timing": verdict,
            "received": queries.office_time(row.received_at), "due": queries.office_time(row.due_at),
            "new_due": queries.office_time(row.new_due_at), "result": queries.office_time(row.result_at),
            "actions": actions, "allowed": allowed}


async def _dossier_page(request: Request, sess: accounts.Session, dossier_id: str, *, error: str = "",
                        done: str = "", status_code: int = 200) -> Response:
    view = await _tx(request, lambda c: _dossier_view(c, dossier_id))
    if view is None:
        return _page(request, "missing.html", sess, status_code=404, title="Không tìm thấy hồ sơ", nav="dossiers")
    return _page(request, "dossier.html", sess, status_code=status_code, title=f"Hồ sơ {view['code']}",
                 nav="dossiers", d=view, error=error, done=done)


@router.get("/dossiers/{dossier_id}")
async def dossier_page(request: Request, dossier_id: str, done: str = "") -> Response:
    sess = await _session(request)
    return await _dossier_page(request, sess, dossier_id[:36], done=done[:40])


@router.post("/dossiers/{dossier_id}/act")
async def dossier_act(request: Request, dossier_id: str) -> Response:
    sess, form = await _posted(request)
    dossier_id = dossier_id[:36]
    kind = form.get("action", "")
    note, reason = form.get("note", "").strip()[:1000], form.get("reason", "").strip()[:1000]
    if kind not in WEB_ACTIONS:
        return await _dossier_page(request, sess, dossier_id, error="Thao tác không hợp lệ.", status_code=400)
    data: dict[str, Any] = {}
    if reason:
        key = {"request_supplement": "missing_documents", "request_payment": "obligation"}.get(kind, "reason")
        data[key] = [s.strip() for s in reason.splitlines() if s.strip()] if key == "missing_documents" else reason
    by = sess.staff.full_name

    def run(conn: Connection) -> str | dict[str, Any]:
        try:
            # Exactly what `district act` runs (district/cli.py cmd_act): one step, one change for the desks.
            return feed.district_act(conn, dossier_id, kind, by=by, note=note, data=data)
        except ApiError as e:
            return e.message_vi

    result = await _tx(request, run)
    if isinstance(result, str):
        return await _dossier_page(request, sess, dossier_id, error=result, status_code=409)
    return RedirectResponse(f"{PREFIX}/dossiers/{dossier_id}?done={kind}", status_code=303)


@router.get("/users")
async def users_page(request: Request) -> Response:
    sess = await _session(request)
    if not sess.staff.is_admin:
        return _page(request, "forbidden.html", sess, status_code=403, title="Không có quyền", nav="users")
    rows = await _tx(request, accounts.users)
    return _page(request, "users.html", sess, title="Tài khoản", nav="users", rows=rows, roles=accounts.ROLES,
                 error="", done="")


@router.post("/users")
async def users_post(request: Request) -> Response:
    sess, form = await _posted(request)
    if not sess.staff.is_admin:
        return _page(request, "forbidden.html", sess, status_code=403, title="Không có quyền", nav="users")
    op = form.get("op", "")

    def run(conn: Connection) -> tuple[str, str]:
        try:
            if op == "unlock":
                accounts.unlock(conn, form.get("username", ""))
                return "", f"Đã mở khóa tài khoản {form.get('username', '')}."
            if op == "add":
                made = accounts.add_user(conn, form.get("username", ""), form.get("full_name", ""),
                                         form.get("role", accounts.OFFICER), form.get("password", ""))
                return "", f"Đã tạo tài khoản {made.username}."
        except ApiError as e:
            return e.message_vi, ""
        return "Thao tác không hợp lệ.", ""

    error, done = await _tx(request, run)
    rows = await _tx(request, accounts.users)
    return _page(request, "users.html", sess, status_code=400 if error else 200, title="Tài khoản", nav="users",
                 rows=rows, roles=accounts.ROLES, error=error, done=done)


# --- the periodic report aggregated over communes (figures: district/report_data.py) -------------------
def _renderer() -> Any:
    """desk.reports.render (the desk's own PDF and XLSX code), or None in a build without it."""
    import importlib

    try:
        return importlib.import_module("desk.reports.render")
    except ImportError:
        return None


def _period(date_from: str, date_to: str) -> tuple[date, date, str]:
    """The period asked for (default: this month so far, office time), and an error sentence or ''."""
    today = (utcnow() + OFFICE_UTC_OFFSET).date()
    try:
        first = date.fromisoformat(date_from) if date_from else today.replace(day=1)
        last = date.fromisoformat(date_to) if date_to else today
    except ValueError:
        return today.replace(day=1), today, "Ngày phải có dạng năm-tháng-ngày, ví dụ 2026-11-01."
    return first, last, ""


def _report(conn: Connection, first: date, last: date, commune: str) -> dict[str, Any]:
    from district import report_data

    report = report_data.period_report(conn, first, last, commune=commune or None)
    return {"report": report, "indicators": report_data.indicators(report),
            "communes": report_data.by_commune(conn, first, last) if not commune else [],
            "codes": queries.commune_codes(conn)}


def _groups(columns: tuple[tuple[str, str, str], ...]) -> list[tuple[str, int]]:
    """The header row above the columns: each group's title and how many columns it spans, in order."""
    out: list[tuple[str, int]] = []
    for _, _, group in columns:
        if out and out[-1][0] == group:
            out[-1] = (group, out[-1][1] + 1)
        else:
            out.append((group, 1))
    return out


@router.get("/report")
async def report_page(request: Request, date_from: str = "", date_to: str = "", commune: str = "") -> Response:
    from desk.reports import figures

    sess = await _session(request)
    first, last, error = _period(date_from[:10], date_to[:10])
    commune = commune.strip().upper()[:35]
    try:
        figures.check_period(first, last)
    except ValidationError as e:
        error, first, last = e.message_vi, last, last
    data = await _tx(request, lambda c: _report(c, first, last, commune))
    return _page(request, "report.html", sess, status_code=400 if error else 200, title="Báo cáo", nav="report",
                 error=error, date_from=first.isoformat(), date_to=last.isoformat(), commune=commune,
                 columns=figures.COLUMNS, column_groups=_groups(figures.COLUMNS), exports=_renderer() is not None,
                 satisfaction_labels=figures.SATISFACTION_LABELS, **data)


@router.get("/report.{fmt}")
async def report_file(request: Request, fmt: str, date_from: str = "", date_to: str = "",
                      commune: str = "", by: str = "") -> Response:
    """The same report as a file, drawn by the desk's own renderers (desk/reports/render.py): the PDF through
    the form engine with the Vietnamese font, the XLSX through openpyxl."""
    from desk.reports import figures

    sess = await _session(request)
    render = _renderer()
    if fmt not in ("pdf", "xlsx") or render is None:
        return _page(request, "missing.html", sess, status_code=404, title="Không có tệp này", nav="report")
    first, last, error = _period(date_from[:10], date_to[:10])
    commune = commune.strip().upper()[:35]
    try:
        figures.check_period(first, last)
    except ValidationError as e:
        error = e.message_vi
    if error:
        return RedirectResponse(f"{PREFIX}/report", status_code=303)

    def run(conn: Connection) -> bytes:
        from district import report_data

        heading = render.Heading(agency=os.environ.get("DISTRICT_NAME") or "Máy chủ cấp trên")
        write = render.pdf if fmt == "pdf" else render.xlsx
        if by == "commune":
            # One line per commune, named as its PCs enrolled (the communes page's names).
            names = {c["commune"]: c["name"] for c in queries.communes(conn)}
            lines = [(line.commune, names.get(line.commune, ""), line.counts)
                     for line in report_data.by_commune(conn, first, last)]
            body: bytes = write(render.communes_document(lines, first, last), heading)
            return body
        report = report_data.period_report(conn, first, last, commune=commune or None)
        scope = f"Xã, phường {commune}" if commune else "Tất cả xã, phường"
        body = (render.period_pdf if fmt == "pdf" else render.period_xlsx)(report, heading, scope)
        return body

    body = await _tx(request, run)
    media = "application/pdf" if fmt == "pdf" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    scope = "-theo-xa" if by == "commune" else (f"-{commune}" if commune else "")
    name = f"bao-cao-tthc-{first.isoformat()}-{last.isoformat()}{scope}.{fmt}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
