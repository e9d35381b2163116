"""Writes the holiday table that ships inside the package (app/storage/data/calendars.json).

A first start, and every command-line run, reads it before any cache exists, so the simulator
and market status know the holidays from the first paint without importing pandas; the GUI then
builds a fresh table from exchange-calendars in a worker and caches it. Run this when
exchange-calendars is upgraded or a year has passed (tests/storage/test_shipped_calendars.py
fails when the shipped table no longer agrees with exchange-calendars):

    python packaging/build_calendars.py
"""

from __future__ import annotations

from pathlib import Path

from app.core import holidays
from app.core.exchange_table import build_table
from app.storage.calendars import SHIPPED_TABLE

if __name__ == "__main__":
    table = build_table()
    SHIPPED_TABLE.write_bytes(holidays.encode(table))
    print(f"{SHIPPED_TABLE.relative_to(Path.cwd()) if SHIPPED_TABLE.is_relative_to(Path.cwd()) else SHIPPED_TABLE}: "
          f"{SHIPPED_TABLE.stat().st_size:,} bytes, {table.source}, "
          + ", ".join(f"{code} {d.first}…{d.last}" for code, d in table.exchanges.items()))
