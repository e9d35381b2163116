"""The kline cache under storage faults (issue 17, point 6): only a really damaged file is set
aside; a full disk, a lock or a read-only file is said in words and the file keeps its bars."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from app.core.types import Bar
from app.storage import klines
from app.storage.klines import CacheError, KlineCache, KlineStore, cache_problem, is_damaged
from tests.cli.test_cli import qt

BARS = [Bar("qos", "US:AAPL", "1m", 1_741_350_600_000 + i * 60_000, 10.0 + i, 11.0 + i, 9.0 + i,
                   10.5 + i, 100.0) for i in range(50)]


def _cache_with_bars(path: Path) -> None:
    store = KlineStore(path)
    store.upsert(BARS)
    store.close()


def _bars_on_disk(path: Path) -> list:
    store = KlineStore(path)
    try:
        return store.latest("qos", "US:AAPL", "1m", 1000)
    finally:
        store.close()


def _set_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".damaged-" in p.name)


def _exclusive_lock(path: Path) -> sqlite3.Connection:
    """Another program's connection holding the database's exclusive lock until closed."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("COMMIT")  # the lock stays: locking_mode EXCLUSIVE keeps it for the connection
    return holder


def _real_error(make) -> sqlite3.Error:
    """The exception SQLite itself raises for a fault made for real on a side database."""
    with pytest.raises(sqlite3.Error) as info:
        make()
    return info.value


def _disk_full(tmp_path: Path) -> sqlite3.Error:
    db = sqlite3.connect(tmp_path / "full.sqlite3", isolation_level=None)
    db.execute("CREATE TABLE t (x BLOB)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")  # SQLITE_FULL at the next page, as on a full disk
    return _real_error(lambda: db.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,)))


def test_a_locked_cache_is_kept_with_its_bars(tmp_path, monkeypatch):
    monkeypatch.setattr(klines, "BUSY_TIMEOUT", 0.05, raising=False)
    path = tmp_path / "klines.sqlite3"
    _cache_with_bars(path)
    holder = _exclusive_lock(path)
    try:
        with pytest.raises(CacheError, match="another program holds a lock on it"):
            KlineCache(path)
    finally:
        holder.close()
    assert _set_aside(tmp_path) == []
    assert _bars_on_disk(path) == BARS  # once the lock is gone, everything is still there


def test_a_full_disk_at_open_keeps_the_file(tmp_path, monkeypatch):
    """SQLite's own SQLITE_FULL (made on a side database with a tiny max_page_count: a test
    cannot fill the real disk) raised by the first open of a healthy cache."""
    path = tmp_path / "klines.sqlite3"
    _cache_with_bars(path)
    full = _disk_full(tmp_path)
    real_open = KlineStore._open
    calls = []

    def open_on_a_full_disk(self):
        calls.append(1)
        if len(calls) == 1:
            raise full
        return real_open(self)

    monkeypatch.setattr(KlineStore, "_open", open_on_a_full_disk)
    with pytest.raises(CacheError, match="the disk is full") as info:
        KlineStore(path)
    assert "charts go on without it" in str(info.value)
    monkeypatch.undo()
    assert [p.name for p in _set_aside(tmp_path)] == []
    assert _bars_on_disk(path) == BARS


def test_a_full_disk_while_writing_keeps_the_bars_and_says_so(tmp_path, caplog):
    path = tmp_path / "klines.sqlite3"
    cache = KlineCache(path)
    asyncio.run(cache.upsert(BARS))

    def fill_the_disk() -> None:
        db = cache._store._db  # noqa: SLF001 (the worker thread's own connection)
        db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")

    cache._pool.submit(fill_the_disk).result()
    many = [Bar("qos", f"US:X{i}", "1m", b.ts, b.open, b.high, b.low, b.close, b.volume)
            for i in range(200) for b in BARS[:20]]  # more pages than the disk has left
    asyncio.run(cache.upsert(many))
    asyncio.run(cache.upsert(many))
    assert cache.problem is not None and "the disk is full" in cache.problem
    assert sum("the disk is full" in r.getMessage() for r in caplog.records) == 1  # said once
    assert asyncio.run(cache.latest("qos", "US:AAPL", "1m", 1000)) == BARS
    cache.close()
    assert _set_aside(tmp_path) == []
    assert _bars_on_disk(path) == BARS


def test_a_really_damaged_file_is_set_aside_and_a_fresh_cache_starts(tmp_path):
    path = tmp_path / "klines.sqlite3"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    cache = KlineCache(path)
    asyncio.run(cache.upsert(BARS[:3]))
    assert asyncio.run(cache.latest("qos", "US:AAPL", "1m", 10)) == BARS[:3]
    cache.close()
    aside = _set_aside(tmp_path)
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept, not lost


def test_a_damaged_file_in_a_read_only_folder_is_said_not_a_traceback(tmp_path, monkeypatch):
    """Root ignores folder permissions, so the read-only folder is simulated: every rename
    raises EROFS, as it does on a read-only mount."""
    path = tmp_path / "klines.sqlite3"
    path.write_bytes(b"not a database at all" * 100)

    def read_only(self, target):
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "replace", read_only)
    with pytest.raises(CacheError, match="could not be set aside") as info:
        KlineCache(path)
    assert "Read-only file system" in str(info.value)
    assert path.read_bytes() == b"not a database at all" * 100


@pytest.mark.parametrize("fault, damaged, words", [
    ("full", False, "the disk is full"),
    ("locked", False, "another program holds a lock on it"),
    ("readonly", False, "it is read-only"),
    ("garbage", True, "it is damaged"),
])
def test_real_sqlite_faults_are_told_apart(tmp_path, fault, damaged, words):
    path = tmp_path / "k.sqlite3"
    _cache_with_bars(path)
    if fault == "full":
        exc = _disk_full(tmp_path)
    elif fault == "locked":
        holder = _exclusive_lock(path)
        other = sqlite3.connect(path, timeout=0.01)
        exc = _real_error(lambda: other.execute("SELECT count(*) FROM klines").fetchone())
        holder.close()
    elif fault == "readonly":
        ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        exc = _real_error(lambda: ro.execute("DELETE FROM klines"))
    else:
        bad = tmp_path / "bad.sqlite3"
        bad.write_bytes(b"\xde\xad\xbe\xef" * 4096)
        exc = _real_error(lambda: sqlite3.connect(bad).execute("SELECT * FROM sqlite_master").fetchall())
    assert is_damaged(exc) is damaged
    assert words in cache_problem(path, exc)


def test_the_program_runs_without_a_cache_another_program_holds(tmp_path):
    """End to end: a locked cache at start-up; the window still comes up (exit 0), stderr says
    why there is no cache, and the file keeps its bars."""
    home = tmp_path / "home"
    path = home / "cache" / "klines.sqlite3"
    path.parent.mkdir(parents=True)
    _cache_with_bars(path)
    holder = _exclusive_lock(path)
    try:
        r = qt("--screenshot", str(tmp_path / "s.png"), "--after", "0", home=home)
    finally:
        holder.close()
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "another program holds a lock on it" in r.stderr
    assert _set_aside(path.parent) == []
    assert _bars_on_disk(path) == BARS


def test_the_launcher_gets_the_reason_in_words_for_the_status_bar(tmp_path, monkeypatch):
    """``_open_cache`` gives the window no cache and the sentence it shows (not a bare None)."""
    from app.ui.shell.launcher import _open_cache

    monkeypatch.setattr(klines, "BUSY_TIMEOUT", 0.05, raising=False)
    path = tmp_path / "klines.sqlite3"
    _cache_with_bars(path)
    holder = _exclusive_lock(path)
    try:
        cache, problem = _open_cache(KlineCache, path)
    finally:
        holder.close()
    assert cache is None
    assert problem.template == "the kline cache %1 cannot be used now (%2); charts go on without it"
    assert "another program holds a lock on it" in problem
    cache, problem = _open_cache(KlineCache, path)
    assert problem is None and asyncio.run(cache.latest("qos", "US:AAPL", "1m", 1000)) == BARS
    cache.close()
