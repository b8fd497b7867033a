"""The desk build the district tells its PCs about (`district desk-release`), shown on every desk that
syncs as "Có phiên bản mới …". Kept in server_meta: one current value, no history to migrate."""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, insert, select

from district import models as m
from district.errors import bad_request

VERSION_KEY = "desk_latest_version"
URL_KEY = "desk_download_url"
# PEP 440 public versions as pyproject.toml writes them (0.2.0, 1.0.0rc1, 1.2.post1).
VERSION = re.compile(r"^\d+(\.\d+){0,3}((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")


def current(conn: Connection) -> dict[str, str]:
    rows = dict(conn.execute(select(m.server_meta.c.key, m.server_meta.c.value)
                             .where(m.server_meta.c.key.in_((VERSION_KEY, URL_KEY)))).all())
    return {"latest_version": str(rows.get(VERSION_KEY, "")), "download_url": str(rows.get(URL_KEY, ""))}


def publish(conn: Connection, version: str, url: str = "") -> None:
    version = version.strip()
    if not VERSION.match(version):
        raise bad_request("bad_version", f"not a version: {version!r}",
                          f"«{version}» không phải số phiên bản (ví dụ 0.2.0).")
    url = url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad_url", "the download URL must be http(s)",
                          "Địa chỉ tải phải bắt đầu bằng http:// hoặc https://.")
    clear(conn)
    conn.execute(insert(m.server_meta), [{"key": VERSION_KEY, "value": version}, {"key": URL_KEY, "value": url}])


def clear(conn: Connection) -> None:
    conn.execute(delete(m.server_meta).where(m.server_meta.c.key.in_((VERSION_KEY, URL_KEY))))
