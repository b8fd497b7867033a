"""Raw requests signed as a real enrolled desk signs them, for tests that must step outside the client:
a batch sent twice, six at once, a replay, an altered body, a bomb. The desk's own key, counter and
pinned certificate are used (desk/sync/session.py), over the same TLS the client speaks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from desk.sync import SyncClient, tls, wire
from desk.sync import protocol as p


def http(client: SyncClient, url: str | None = None) -> httpx.Client:
    ident = client.desk.store.query_one("SELECT server_url, tls_pin FROM sync_identity")
    assert ident is not None, "the desk must be enrolled"
    base = url or str(ident["server_url"])
    ctx = tls.client_context(base, tls.Trust(pin=str(ident["tls_pin"] or "")))
    return httpx.Client(base_url=base + p.API_PREFIX, verify=ctx if ctx is not None else True, trust_env=False,
                        timeout=60)


def signed_headers(client: SyncClient, method: str, path: str, content: bytes, encoding: str) -> dict[str, str]:
    sign = client.session.signer()
    headers = {"Authorization": sign(method, p.API_PREFIX + path, encoding, content)}
    if encoding:
        headers["Content-Encoding"] = encoding
    return headers


def prepare(client: SyncClient, body: Mapping[str, Any], path: str = "/exchange") -> tuple[bytes, dict[str, str]]:
    """A request signed now and sent later (several at once from threads: each keeps its own counter)."""
    content, encoding = wire.encode(dict(body))
    return content, {**signed_headers(client, "POST", path, content, encoding), "Accept-Encoding": "identity"}


def send(client: SyncClient, content: bytes, headers: Mapping[str, str], path: str = "/exchange") -> httpx.Response:
    with http(client) as api:
        return api.post(path, content=content, headers=dict(headers))


def post(client: SyncClient, body: Mapping[str, Any] | None = None, *, path: str = "/exchange",
         content: bytes | None = None, encoding: str = "zstd", headers: Mapping[str, str] | None = None,
         url: str | None = None) -> httpx.Response:
    """POST a body (encoded as the desk does, or given raw) signed by this desk."""
    if content is None:
        content, encoding = wire.encode(dict(body or {}))
    with http(client, url) as api:
        # Plain JSON back (httpx would try zstd without the shared dictionary).
        return api.post(path, content=content, headers={**signed_headers(client, "POST", path, content, encoding),
                                                        "Accept-Encoding": "identity", **(headers or {})})


def reply(resp: httpx.Response) -> dict[str, Any]:
    data = json.loads(wire.decode(resp.content, resp.headers.get("content-encoding"), 64 * 1024 * 1024))
    assert isinstance(data, dict)
    return data


def batch(batch_id: str, ops: Iterable[Mapping[str, Any]], **extra: Any) -> dict[str, Any]:
    """An exchange carrying one batch of outbox rows, as the desk packs it."""
    return {"batch": batch_id, "ops": wire.pack_ops({k: op[k] for k in wire.OP_FIELDS} for op in ops), **extra}


def results(push: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per-op outcomes of a push answer, unpacked (desk/sync/wire.py)."""
    return wire.unpack_results(push)
