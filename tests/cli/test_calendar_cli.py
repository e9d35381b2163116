"""`quote-terminal calendar`: one JSON line per session, checked against exchange-calendars;
bad arguments exit 2 with words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import exchange_calendars as xcals
import pandas as pd
import pytest

from app.cli import main

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


def calendar(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QUOTE_TERMINAL_HOME=str(home), PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "app", "calendar", *args], capture_output=True,
                          text=True, timeout=120, cwd=REPO, env=env)


def expected(code: str, first: str, last: str) -> list[tuple[str, int, int]]:
    """exchange-calendars' regular sessions, a lunch break splitting a day in two."""
    out = []
    for label, row in xcals.get_calendar(code, start=first, end=last).schedule.iterrows():
        spans = [(row.open, row.close)] if pd.isna(row.break_start) else [
            (row.open, row.break_start), (row.break_end, row.close)]
        out += [(label.date().isoformat(), a.value // 1_000_000, b.value // 1_000_000) for a, b in spans]
    return out


@pytest.mark.parametrize("args, code, label", [
    (("--market", "HK"), "XHKG", "HK"),  # Christmas Eve: the morning only; 25 and 26: none
    (("--market", "sz"), "XSHG", "SZ"),
    (("--symbol", "IDX:JPN225"), "XTKS", "IDX"),  # Tokyo's calendar
])
def test_regular_sessions_are_the_exchanges(home, args, code, label):
    r = calendar(home, *args, "--from", "2025-12-22", "--to", "2026-01-06")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert all(set(e) == {"type", "market", "day", "kind", "open", "close"} for e in lines)
    assert {(e["type"], e["market"], e["kind"]) for e in lines} == {("session", label, "regular")}
    assert [(e["day"], e["open"], e["close"]) for e in lines] == expected(code, "2025-12-22", "2026-01-06")


def test_us_sessions_skip_the_holiday_and_say_post(home):
    r = calendar(home, "--market", "US", "--from", "2024-01-12", "--to", "2024-01-16")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [e["day"] for e in lines] == ["2024-01-12"] * 4 + ["2024-01-16"] * 4  # not 15 (MLK)
    assert [e["kind"] for e in lines[:4]] == ["night", "pre", "regular", "post"]
    # Tuesday's night session opened Monday 20:00 New York (01:00 UTC), not Sunday
    assert lines[4]["open"] == pd.Timestamp("2024-01-16 01:00", tz="UTC").value // 1_000_000


def test_the_default_range_is_a_week_from_today(home):
    r = calendar(home, "--market", "CRYPTO")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 8  # today … today + 7, every day trades


def test_the_default_week_ends_where_the_published_holidays_end(home):
    """exchange-calendars records A-share holidays only to the end of 2026: a week asked from
    2026-12-28 stops there (a plain `calendar --market SH` after Christmas is not refused)."""
    r = calendar(home, "--market", "SH", "--from", "2026-12-28")
    assert r.returncode == 0, r.stderr
    days = sorted({json.loads(line)["day"] for line in r.stdout.splitlines()})
    assert days == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    later = calendar(home, "--market", "SH", "--from", "2027-01-04")
    assert later.returncode == 2 and "2026-12-31" in later.stderr and "Traceback" not in later.stderr


def test_days_the_table_does_not_know_are_refused(home):
    r = calendar(home, "--market", "SH", "--from", "1999-12-30", "--to", "2000-01-05")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "XSHG" in r.stderr and "2000-01-01" in r.stderr


@pytest.mark.parametrize("args, words", [
    (["--market", "XX"], "unknown market"),
    ([], "either --market or --symbol"),
    (["--market", "US", "--symbol", "US:AAPL"], "either --market or --symbol"),
    (["--symbol", "??"], "not a symbol"),
    (["--market", "US", "--from", "2024-13-01"], "YYYY-MM-DD"),
    (["--market", "US", "--from", "2024-1-5"], "YYYY-MM-DD"),
    (["--market", "US", "--to", "٢٠٢٤-٠١-٠٥"], "YYYY-MM-DD"),
    (["--market", "US", "--from", "2025-01-05", "--to", "2025-01-01"], "after"),
    (["--market", "CRYPTO", "--from", "2000-01-01", "--to", "2099-01-01"], "at most"),
    (["--market", "CRYPTO", "--from", "9999-12-30"], "outside"),
    (["--market", "US", "--to", "2020-01-01"], "the default --from"),
])
def test_bad_arguments_exit_2_with_words(capsys, args, words):
    assert main(["calendar", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
