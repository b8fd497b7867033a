"""The desk's services wired over one data directory (used by the CLI and by ui/app.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk import fsperm
from desk.calendar import WorkCalendar
from desk.calendar_service import CalendarService
from desk.catalog import Catalog
from desk.clock import Clock, system_clock
from desk.dossiers import DossierService
from desk.fees.service import FeeService
from desk.office import OfficeService
from desk.officers import OfficerService
from desk.paths import database_path, ensure_data_dir
from desk.petitions.service import PetitionService
from desk.settings import Settings
from desk.store import Store


@dataclass
class Desk:
    data_dir: Path
    store: Store
    office: OfficeService
    officers: OfficerService
    catalog: Catalog
    calendars: CalendarService
    dossiers: DossierService
    settings: Settings
    fees: FeeService
    petitions: PetitionService

    @classmethod
    def open(cls, data_dir: Path | str, *, clock: Clock = system_clock, load_catalog: bool = True) -> Desk:
        # Citizens' data: whatever this process writes from now on (database, archive of printed forms,
        # logs, exports) is private to the OS account; a folder an older build left open is closed.
        fsperm.private_umask()
        data_dir = Path(data_dir)
        if data_dir.exists() and fsperm.POSIX and (data_dir.stat().st_mode & 0o077):
            fsperm.tighten(data_dir)
        data_dir = ensure_data_dir(data_dir)
        store = Store(database_path(data_dir), clock=clock)
        office = OfficeService(store)
        catalog = Catalog(store)
        if load_catalog:
            catalog.ensure_loaded()
        calendars = CalendarService(store, office)
        fees = FeeService(store)
        if load_catalog:
            fees.schedule.ensure_loaded()
        return cls(
            data_dir=data_dir,
            store=store,
            office=office,
            officers=OfficerService(store),
            catalog=catalog,
            calendars=calendars,
            dossiers=DossierService(store, catalog, office, calendars.calendar),
            settings=Settings(store),
            fees=fees,
            petitions=PetitionService(store, calendars.calendar),
        )

    def calendar(self) -> WorkCalendar:
        return self.calendars.calendar()

    def close(self) -> None:
        self.store.close()
