"""The commune's office-network secret as this PC holds it, and its generation (issue 15).

The district derives the secret per commune and generation (district/peers.py); the generation moves on
each time a PC of the commune is revoked. It comes down at enrolment and in any exchange answer to a
request naming another generation (`peer_gen`, which every request carries), and `remember` keeps it
when it changed: through `store.write`, with an audit entry naming the generation, never the secret. A
revoked PC gets no more answers, so it keeps the old generation and the others, once they have synced,
refuse it on the office network (desk/sync/lan.py).

A PC learns that its own secret is older than a peer's from the peer's refusal (or a request it could
not check): `note_newer` keeps the newer generation heard of, and `outdated_vi` says "this PC needs to
sync with the district" on the sync status and `desk peers` until the district's next answer, which
says what the current generation is. That hint comes from an unauthenticated peer, so it only ever
produces the message; the secret changes only from the district's signed-exchange answers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from desk.store import Store, UnitOfWork
from desk.sync import state

log = logging.getLogger(__name__)

SECRET = "peer.secret"
GENERATION = "peer.generation"
NEWER = "peer.newer_generation"  # a newer generation a peer showed; empty when none
OUTDATED_VI = "Máy này cần đồng bộ với huyện để nhận khóa mới"


def current(store: Store) -> tuple[str, int]:
    """The secret ("" when none) and its generation (0 for a secret from before generations)."""
    return state.get(store, SECRET), _int(state.get(store, GENERATION, "0"))


def put(uow: UnitOfWork, secret: str, generation: int, *, how: str) -> None:
    """Keep a secret the district sent, in the caller's transaction; audited without the secret."""
    before = _int(str(uow.scalar("SELECT value FROM sync_state WHERE name = ?", (GENERATION,)) or "0"))
    state.put(uow, SECRET, secret)
    state.put(uow, GENERATION, str(generation))
    state.put(uow, NEWER, "")
    device_id = str(uow.scalar("SELECT device_id FROM device WHERE id = 1") or "")
    uow.audit("peer_key_changed", "device", device_id, {"generation": generation, "previous": before, "how": how})


def remember(store: Store, answer: object) -> bool:
    """An exchange answer's `peer` part ({"secret", "generation"}): keep it when it differs from what
    this PC holds; return whether it did. A generation lower than the one held is kept too: the district's
    database was restored to a copy from before a revocation, and its word is the commune's. No `peer`
    part: the generation this PC named in its request (`peer_gen`) is the current one."""
    if answer is None:
        if state.get(store, NEWER):
            state.put_many(store, {NEWER: ""})  # the district's word on the generation ends the peer's hint
        return False
    if not isinstance(answer, Mapping):
        return False
    secret, generation = answer.get("secret"), answer.get("generation")
    if not isinstance(secret, str) or len(secret) != 64 or any(c not in "0123456789abcdef" for c in secret) or \
            isinstance(generation, bool) or not isinstance(generation, int) or generation < 0:
        return False  # not a secret the office network could use (desk/sync/lan.py `lan_key`)
    held, held_gen = current(store)
    if secret == held and generation == held_gen:
        if state.get(store, NEWER):
            state.put_many(store, {NEWER: ""})  # the district's word on the generation ends the peer's hint
        return False
    with store.write("sync") as uow:
        put(uow, secret, generation, how="exchange")
    log.info("office network: the commune's key is now generation %d (was %d)", generation, held_gen)
    return True


def note_newer(store: Store, generation: int) -> None:
    """A peer showed a generation newer than this PC's: say so until the district's next answer."""
    _, held = current(store)
    if generation <= held or generation <= _int(state.get(store, NEWER, "0")):
        return
    state.put_many(store, {NEWER: str(generation)})
    log.warning("office network: a peer uses key generation %d, this PC has %d: %s", generation, held,
                OUTDATED_VI.lower())


def outdated_vi(store: Store) -> str:
    """The officer's message when a peer showed a newer key than this PC holds; "" otherwise."""
    newer = _int(state.get(store, NEWER, "0"))
    _, held = current(store)
    if newer <= held:
        return ""
    return (f"{OUTDATED_VI} (khóa mạng nội bộ của máy là thế hệ {held}, máy khác của cơ quan đã dùng thế hệ "
            f"{newer}): hãy bấm «Đồng bộ» khi có mạng.")


def _int(text: str) -> int:
    try:
        return max(0, int(text))
    except ValueError:
        return 0


# --- on the office network (desk/sync/lan.py) -------------------------------------------------------
HEADER = "X-Peer-Generation"  # the generation a request's MAC was made with; absent: 0 (an older desk)


def asked_generation(value: str | None) -> int:
    return _int(value or "0")


def refusal(store: Store, asked: int) -> dict[str, object] | None:
    """The 401 body for a request made with another generation than this PC's, before its MAC is checked
    (this PC cannot check a MAC of another generation); None for the same generation."""
    _, held = current(store)
    if asked < held:
        return {"error": "old_key", "generation": held, "message_vi": (
            f"Máy gửi yêu cầu đang dùng khóa cũ của cơ quan (thế hệ {asked}, hiện là {held}): hãy đồng bộ với "
            "huyện một lần để nhận khóa mới rồi thử lại.")}
    if asked > held:
        note_newer(store, asked)
        return {"error": "newer_key", "generation": held}
    return None


def refused(store: Store, address: str, body: bytes) -> tuple[str, str]:
    """The error code and message for a 401 from a peer, from its body: this PC's key is older, the
    peer's is, or the peer does not take this commune's key at all."""
    try:
        answer = json.loads(body)
        error, generation = str(answer.get("error")), _int(str(answer.get("generation")))
    except (ValueError, AttributeError):
        error, generation = "", 0
    _, held = current(store)
    if error == "old_key" and generation > held:
        note_newer(store, generation)
        return "outdated", (f"{OUTDATED_VI}: máy {address} đã dùng khóa mới hơn của cơ quan (thế hệ {generation}, "
                            f"máy này thế hệ {held}). Hãy đồng bộ với huyện một lần rồi thử lại.")
    if error == "newer_key" and generation < held:
        return "peer_outdated", (f"Máy {address} còn giữ khóa cũ của cơ quan (thế hệ {generation}); máy đó cần "
                                 "đồng bộ với huyện một lần để nhận khóa mới.")
    return "not_same_commune", f"Máy {address} không nhận khóa của cơ quan này."
