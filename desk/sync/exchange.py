"""One sync as few exchanges as the day allows: `POST /exchange` carries everything at once.

A request carries what the desk has for the district and what it asks: the desk's time (the clock
offset), its pull cursor, its reference-data versions, the next batch of its outbox (or the id of a
batch whose answer was lost: `settle`), the day close when the officer closes the day and this is the
last batch, and the office's slip key until the district confirms it (desk/sync/lookup_key.py). The
answer carries the acknowledged sequence per epoch, the batch's per-op outcomes, the next page of the
district's feed, newer reference data and the day's verdict. A busy ward's end of day — a hundred
dossiers, the district's steps, unchanged catalogues — is one request and one answer.

More exchanges follow only when there is more: another batch, another page of the feed, the stored
answer of a batch whose reply was cut (a cut costs at most that batch), the day's id list after a
mismatch, or the feed read to its end before pushing after the district restored its database (the
server then leaves the batch alone: desk/sync/echo.py explains why the order matters).

Each answer is applied part by part, each part in its own local transaction, in this order: the stored
answer, the batch's answer, the acknowledged state (ops the server no longer has go back to pending),
the feed page with its cursor, reference data, the day close.
"""

from __future__ import annotations

from typing import Any

from desk.clock import iso
from desk.store import Store
from desk.sync import lookup_key, peerkey, queue, relay, replies, state
from desk.sync import protocol as p
from desk.sync import pull as pull_module
from desk.sync.daybook import DayCloser
from desk.sync.pull import Puller
from desk.sync.push import Pusher
from desk.sync.refdata import RefData
from desk.sync.reports import Cancel, Progress, SyncError, SyncReport
from desk.sync.session import Session
from desk.sync.transport import TransportError

MAX_ROUNDS = 10_000
STALLS = 3  # rounds in a row that changed nothing before a sync gives up
SERVER_PAGE = 200  # the page the server sends when the request names none


class Exchanger:
    def __init__(self, session: Session, store: Store, pusher: Pusher, puller: Puller, refdata: RefData) -> None:
        self.session = session
        self.store = store
        self.pusher = pusher
        self.puller = puller
        self.refdata = refdata

    def run(self, report: SyncReport, progress: Progress, cancel: Cancel, closer: DayCloser | None = None) -> None:
        queue.retry_steps_on_peer_dossiers(self.store)
        first = True
        read_feed_first = False
        attempt = 0
        total = queue.sendable_count(self.store)
        stalls = 0
        relay_more = True
        for _round in range(MAX_ROUNDS):
            before = self._mark(closer)
            if cancel.is_set():
                raise SyncError("cancelled", "Đã dừng đồng bộ theo yêu cầu.")
            body: dict[str, Any] = {"cursor": self.puller.cursor()}
            held, generation = peerkey.current(self.store)
            if held:
                # The office-network key's generation this PC holds: the answer brings the current key
                # when it differs, or when this PC names none (it has no key yet).
                body["peer_gen"] = generation
            if pull_module.PULL_PAGE != SERVER_PAGE:
                body["limit"] = pull_module.PULL_PAGE
            slip_key = lookup_key.pending(self.store) if first else None
            if first:
                body["t"] = iso(self.store.clock())
                body["refdata"] = self.refdata.local_versions()
            if slip_key is not None:
                body["slip_key"] = slip_key.key
            relayed: list[dict[str, Any]] = []
            if relay_more and not read_feed_first:
                # Ops of other PCs that came over the office network go first (desk/sync/relay.py).
                relayed = relay.pending(self.store)
                if relayed:
                    body["relay"] = relayed
                    body["relay_id"] = relay.new_id()
            settle = self.pusher.inflight()
            batch: dict[str, Any] | None = None
            size = 0
            if settle:
                body["settle"] = settle
            elif not read_feed_first:
                nxt = self.pusher.next_batch()
                if nxt is not None:
                    batch, size = nxt
                    body.update(batch)
            if closer is not None and closer.wants_round() and not settle and not read_feed_first and \
                    queue.sendable_count(self.store) <= (int(batch["ops"]["n"]) if batch and batch.get("ops") else 0):
                body["close"] = closer.part()
            if batch:
                done = report.applied + report.duplicates
                progress(f"Đang gửi hồ sơ lên cấp trên ({done}/{total})", done, total)
            else:
                progress("Đang trao đổi với máy chủ cấp trên", 0, 0)
            try:
                raw = self.session.call("POST", "/exchange", body=body, cancel=cancel, retry=False)
            except TransportError as e:
                if batch is not None and e.code == "too_many_ops":
                    self.pusher.too_many(batch)
                    continue
                if batch is not None and (e.status == 413 or e.code == "too_large"):
                    self.pusher.refused(batch, size)
                    continue
                if not e.retryable or (e.status and e.status < 500):
                    raise
                if batch is not None:
                    if e.code in ("timeout", "network"):
                        self.pusher.sizer.halve()
                    if not e.maybe_delivered:
                        self.pusher.not_taken()  # it never left: nothing to ask about
                attempt += 1
                if attempt >= self.session.retry.attempts:
                    raise
                wait = self.session.retry.delay(attempt)
                self.session.check_silence(wait, e)
                self.session.sleep(wait)
                continue
            reply = replies.exchange(raw)
            # The commune's office-network secret, kept when a revocation gave it a new generation; an
            # answer without it says this PC's generation is the current one.
            peerkey.remember(self.store, reply.raw.get("peer"))
            if relayed:
                # Relay again in this sync only while the district takes some: a PC's ops it cannot take
                # yet (an earlier op missing) wait for a later sync or for their own PC.
                relay_more = relay.answered(self.store, relayed, reply.raw.get("relay")) > 0
            if not settle or reply.settled is not None:
                # Progress resets the attempts; a lookup of a batch the server never got does not, or a
                # batch that is cut every time would be looked up and sent again for ever.
                attempt = 0
            if settle:
                if reply.settled is not None:
                    self.pusher.apply_reply(reply.settled, report)
                else:
                    self.pusher.not_taken()  # the server never got it: its ops are still pending
            if batch is not None:
                if reply.push is not None:
                    self.pusher.answered(batch, size, reply.push, report)
                else:
                    self.pusher.not_taken()
                    read_feed_first = True
            self._state(reply, report, first)
            if slip_key is not None:
                lookup_key.answered(self.store, slip_key, reply.raw.get("slip_key"))
            first = False
            more_pages = self.puller.apply_page(reply.pull, report, progress) if reply.pull is not None else False
            if reply.raw.get("feed_reset"):
                read_feed_first = True
            if not more_pages:
                read_feed_first = False
            self.refdata.apply(reply.refdata, report, cancel)
            if "close" in body and closer is not None:
                if reply.close is None:
                    raise replies.BadReply("thiếu kết quả chốt sổ")
                closer.answered(reply.close)
            if more_pages or self.pusher.inflight() or self.pusher.more() or (relay_more and relayed) or \
                    (closer is not None and closer.wants_round()):
                # A server that takes the batches but never keeps them (its acknowledged state never
                # moves) would be fed the same ops for ever: after a few rounds that changed nothing,
                # this sync stops and says so; the next one starts afresh.
                stalls = stalls + 1 if self._mark(closer) == before else 0
                if stalls >= STALLS:
                    raise SyncError("no_progress", "Máy chủ cấp trên nhận dữ liệu nhưng không ghi nhận thêm gì sau "
                                                   "nhiều lượt trao đổi; máy sẽ thử lại sau. Nếu lặp lại, hãy báo "
                                                   "quản trị cấp trên.")
                continue
            return
        raise SyncError("too_many_rounds", "Đồng bộ chưa xong sau quá nhiều lượt trao đổi; máy sẽ thử lại sau.")

    def _mark(self, closer: DayCloser | None) -> tuple[Any, ...]:
        """What a round of exchanges moves when it does anything: the queue, the feed cursor, the server's
        acknowledged state, the batch in flight, the day close."""
        return (queue.pending_count(self.store), relay.pending_count(self.store), self.puller.cursor(),
                state.get(self.store, "server_acked"),
                self.pusher.inflight(), None if closer is None else (closer.rounds, closer.want_ids, closer.done))

    def _state(self, reply: replies.Exchange, report: SyncReport, first: bool) -> None:
        """Ops the desk holds as answered but the server no longer has (it was restored from an older
        copy) go back to pending; the server deduplicates anything it still has. The clock offset is
        measured from the first request's desk time."""
        device_id = self.session.device_id()
        with self.store.write("sync") as uow:
            forgotten = 0
            for epoch_row in uow.all("SELECT DISTINCT epoch FROM outbox WHERE state != 'pending'"):
                epoch = int(epoch_row["epoch"])
                cur = uow.execute(
                    "UPDATE outbox SET state = 'pending', result_code = NULL, result_message = NULL, acked_at = NULL "
                    "WHERE epoch = ? AND seq > ? AND state != 'pending' AND NOT (state = 'deferred' AND "
                    "result_code = ?)", (epoch, reply.acked.get(epoch, 0), p.GAP))
                forgotten += cur.rowcount
            if forgotten:
                report.resent_after_server_restore += forgotten
                uow.audit("sync_server_forgot", "outbox", "", {"ops": forgotten, "acked": reply.acked})
                report.warnings.append(f"Máy chủ cấp trên không còn {forgotten} thay đổi đã nhận trước đây "
                                       "(có thể đã khôi phục dữ liệu cũ); máy sẽ gửi lại.")
            state.put(uow, "server_acked", {str(k): v for k, v in reply.acked.items()})
            offset = reply.clock_offset_s
            if first and offset is not None:
                state.put(uow, "clock_offset_s", str(offset))
                if abs(offset) > p.CLOCK_WARNING_SECONDS:
                    warning = queue.clock_warning_vi(offset)
                    report.warnings.append(warning)
                    if state.get(self.store, "clock_warning") != warning:
                        uow.audit("clock_offset", "device", device_id, {"offset_s": offset})
                    state.put(uow, "clock_warning", warning)
                else:
                    state.put(uow, "clock_warning", "")
