"""The lookup page's one table (migration step 0013_lookup_keys), in its own MetaData like the fee tables:
step 0001 creates every table of `district.models.metadata`, so later tables live apart."""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, Text

metadata = MetaData()

# One row per enrolled device that sent its office's slip key. Several PCs of one commune normally share
# one key (the setup copies it), but nothing forces them to, so each device's key is kept.
slip_keys = Table(
    "lookup_slip_keys", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("commune", String(35), nullable=False, index=True),
    Column("key_id", String(32), nullable=False),   # desk/sync/lookup_key.key_id: names the key, reveals nothing
    Column("sealed", Text, nullable=False),          # the key under AES-GCM (keys.seal), never in clear
    Column("updated_at", String(32), nullable=False),
)
