"""The fee services over one desk database: the schedule, the series, receipts and the till."""

from __future__ import annotations

from desk.fees.receipts import Receipts
from desk.fees.schedule import FeeSchedule
from desk.fees.series import SeriesBook
from desk.fees.till import Till
from desk.store import Store


class FeeService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.schedule = FeeSchedule(store)
        self.series = SeriesBook(store)
        self.receipts = Receipts(store, self.schedule, self.series)
        self.till = Till(store, self.receipts)
