"""The holiday table shipped inside the package (what a first start and the command line use
before any cache exists) agrees with exchange-calendars, day by day over 2024–2026.

When this fails after an exchange-calendars upgrade, run ``python packaging/build_calendars.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core import holidays
from app.core.exchange_table import build_table
from app.storage.calendars import SHIPPED_TABLE, read_shipped_table

FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)


@pytest.fixture(scope="module")
def fresh() -> holidays.CalendarTable:
    return build_table(first_year=2024, last_year=2026)


def test_the_shipped_table_is_in_the_package_and_reads_without_pandas():
    assert SHIPPED_TABLE.is_file() and SHIPPED_TABLE.stat().st_size < 100_000
    table = read_shipped_table(SHIPPED_TABLE)
    assert table is not None and set(table.exchanges) == {"XNYS", "XHKG", "XSHG", "XTKS"}


def test_the_shipped_table_agrees_with_exchange_calendars(fresh):
    shipped = read_shipped_table(SHIPPED_TABLE)
    differ = []
    for code, days in fresh.exchanges.items():
        ours, theirs = holidays._Index(shipped.exchanges[code]), holidays._Index(days)
        day = FIRST
        while day <= LAST:
            if ours.regular_spans(day) != theirs.regular_spans(day):
                differ.append((code, day.isoformat()))
            day += timedelta(days=1)
    assert differ == [], "regenerate it: python packaging/build_calendars.py"


def test_a_missing_or_damaged_shipped_table_is_none_not_a_traceback(tmp_path):
    assert read_shipped_table(tmp_path / "absent.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert read_shipped_table(tmp_path / "bad.json") is None
