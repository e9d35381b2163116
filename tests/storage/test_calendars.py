"""The holiday table's cache file: built once, then read (small and cheap); a damaged, stale or
unwritable cache never costs the table."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core.exchange_table import build_table
from app.storage.calendars import MAX_AGE, load_calendar_table, read_calendar_cache

TODAY = date(2026, 12, 1)
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated")


@pytest.fixture(scope="module")
def real_table():
    return build_table(today=TODAY)  # every exchange, 2000 … two years ahead


class Builder:
    def __init__(self, table):
        self.table, self.calls = table, 0

    def __call__(self):
        self.calls += 1
        return self.table


def test_built_once_then_read_from_the_cache(tmp_path, real_table):
    path, build = tmp_path / "cache" / "calendars.json", Builder(real_table)
    assert load_calendar_table(path, TODAY, build) == real_table
    assert build.calls == 1 and path.is_file()
    assert path.stat().st_size < 64_000
    assert load_calendar_table(path, TODAY, build) == real_table
    assert build.calls == 1  # the second start reads the file
    assert read_calendar_cache(path, TODAY) == real_table


def test_reading_the_cache_is_cheap_and_needs_no_pandas(tmp_path, real_table):
    path = tmp_path / "calendars.json"
    load_calendar_table(path, TODAY, Builder(real_table))
    probe = (
        "import sys, time; t = time.perf_counter()\n"
        "from datetime import date\n"
        "from app.storage.calendars import read_calendar_cache\n"
        "from app.core.sessions import install_table\n"
        f"install_table(read_calendar_cache(__import__('pathlib').Path({str(path)!r}), date(2026, 12, 1)))\n"
        "print(time.perf_counter() - t, 'pandas' in sys.modules, 'exchange_calendars' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                       cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    seconds, pandas, xcals = r.stdout.split()
    assert (pandas, xcals) == ("False", "False"), r.stderr
    assert float(seconds) < 0.5  # measured ~15 ms (imports included); generous for a busy machine
    start = time.perf_counter()
    read_calendar_cache(path, TODAY)
    assert time.perf_counter() - start < 0.1  # the read alone: ~1 ms


@pytest.mark.parametrize("spoil", [b"", b"{not json", b'{"format": 999}'])
def test_a_damaged_cache_is_rebuilt(tmp_path, real_table, spoil):
    path, build = tmp_path / "calendars.json", Builder(real_table)
    path.write_bytes(spoil)
    assert read_calendar_cache(path, TODAY) is None
    assert load_calendar_table(path, TODAY, build) == real_table and build.calls == 1
    assert read_calendar_cache(path, TODAY) == real_table


def test_a_month_old_cache_is_rebuilt(tmp_path, real_table):
    path, build = tmp_path / "calendars.json", Builder(real_table)
    load_calendar_table(path, TODAY, build)
    assert read_calendar_cache(path, TODAY + MAX_AGE - timedelta(days=1)) is not None
    assert read_calendar_cache(path, TODAY + MAX_AGE) is None
    load_calendar_table(path, TODAY + MAX_AGE, build)
    assert build.calls == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_still_gives_the_table(tmp_path, real_table):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert load_calendar_table(folder / "calendars.json", TODAY, Builder(real_table)) == real_table
    finally:
        folder.chmod(0o700)


def test_a_cache_path_that_is_a_file_still_gives_the_table(tmp_path, real_table):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    assert load_calendar_table(blocker / "calendars.json", TODAY, Builder(real_table)) == real_table


def test_without_exchange_calendars_the_bundled_table_is_used(tmp_path, real_table):
    def no_library():
        raise ImportError("No module named 'exchange_calendars'")

    shipped = tmp_path / "resources" / "calendars.json"
    with pytest.raises(ImportError):
        load_calendar_table(tmp_path / "cache.json", TODAY, no_library, bundled=shipped)
    load_calendar_table(shipped, TODAY, Builder(real_table))  # what packaging/quote-terminal.spec does
    assert load_calendar_table(tmp_path / "cache.json", TODAY, no_library, bundled=shipped) == real_table
