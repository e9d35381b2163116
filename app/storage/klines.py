"""The kline cache: bars the vendors sent, in SQLite (WAL), so a chart opens at once.

Keyed by (vendor, symbol, period, bar start); writes are batched upserts in one transaction.
Every call runs on one worker thread that owns the connection, and the async methods await
it there: the GUI thread never waits on the disk. A damaged database (SQLite says CORRUPT or
NOTADB) is set aside (renamed) and a fresh one started: a cache is never worth a crash. Any
other fault (a full disk, a lock another program holds, a read-only file) leaves the file and
its bars alone: opening raises :class:`CacheError` in words and the program runs without a
cache; a failing read or write is said once (:attr:`KlineCache.problem`) and charts go on. An
invalid bar (app.core.validate) is never stored, and one stored before that rule (or by another
program) is never read back: a bad bar must not survive a restart.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import chain
from pathlib import Path

import numpy as np

from app.core.bar_columns import BarColumns, columns_ok
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar
from app.core.validate import bar_ok, now_ms

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS klines (
    vendor TEXT NOT NULL,
    symbol TEXT NOT NULL,
    period TEXT NOT NULL,
    ts INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume REAL,
    PRIMARY KEY (vendor, symbol, period, ts)
) WITHOUT ROWID
"""
UPSERT = """
INSERT INTO klines (vendor, symbol, period, ts, open, high, low, close, volume)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (vendor, symbol, period, ts) DO UPDATE SET
    open = excluded.open, high = excluded.high, low = excluded.low,
    close = excluded.close, volume = excluded.volume
"""
ROWS_AT_ONCE = 4096  # rows turned into numbers at a time by latest_columns (~1 MB of row objects)
BUSY_TIMEOUT = 2.0  # seconds to wait for another program's lock before going on without a cache
DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)  # the only faults that set a file aside
_REASONS = {
    sqlite3.SQLITE_FULL: QT_TRANSLATE_NOOP("Storage", "the disk is full"),
    sqlite3.SQLITE_BUSY: QT_TRANSLATE_NOOP("Storage", "another program holds a lock on it"),
    sqlite3.SQLITE_LOCKED: QT_TRANSLATE_NOOP("Storage", "another program holds a lock on it"),
    sqlite3.SQLITE_READONLY: QT_TRANSLATE_NOOP("Storage", "it is read-only"),
    sqlite3.SQLITE_PERM: QT_TRANSLATE_NOOP("Storage", "it is read-only"),
    sqlite3.SQLITE_CANTOPEN: QT_TRANSLATE_NOOP("Storage", "it cannot be opened"),
    sqlite3.SQLITE_CORRUPT: QT_TRANSLATE_NOOP("Storage", "it is damaged"),
    sqlite3.SQLITE_NOTADB: QT_TRANSLATE_NOOP("Storage", "it is damaged"),
}


class CacheError(Exception):
    """The cache cannot be used (its file is kept); ``args[0]`` says why, as a Text."""


def is_damaged(exc: BaseException) -> bool:
    """Whether SQLite found the file itself broken, not the disk, a lock or a permission."""
    code = getattr(exc, "sqlite_errorcode", None)  # the extended code; the low byte is the kind
    return isinstance(code, int) and code & 0xFF in DAMAGED


def cache_problem(path: Path, exc: BaseException) -> Text:
    """What went wrong with the cache at ``path``, in words (SQLite's own words when it has no
    better ones), and that the program goes on without it."""
    code = getattr(exc, "sqlite_errorcode", None)
    reason = _REASONS.get(code & 0xFF) if isinstance(code, int) else None
    why: object = Text(reason) if reason else exc
    return Text(QT_TRANSLATE_NOOP("Storage", "the kline cache %1 cannot be used now (%2); charts go on "
                                  "without it"), path, why)


class KlineStore:
    """Synchronous access; use it from one thread (``KlineCache`` does)."""

    def __init__(self, path: Path, busy_timeout: float | None = None) -> None:
        self.path = path
        self._timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except OSError as exc:  # a read-only home: no folder for the cache
            raise CacheError(cache_problem(path, exc)) from exc
        except sqlite3.Error as exc:
            if not is_damaged(exc):  # a full disk, a lock: the bars on disk are fine, keep them
                raise CacheError(cache_problem(path, exc)) from exc
            self._set_aside(exc)
            try:
                self._db = self._open()
            except sqlite3.Error as again:
                raise CacheError(cache_problem(path, again)) from again

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=self._timeout)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable up to the last checkpoint
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM klines LIMIT 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: sqlite3.Error) -> None:
        """Rename the damaged file, with its WAL and shared-memory files: a WAL left behind
        would be replayed into the fresh database."""
        stamp = int(time.time())
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = self.path.with_name(self.path.name + suffix)
                if part.exists():
                    part.replace(aside.with_name(aside.name + suffix))
        except OSError as failed:  # a read-only folder: the file stays where it is
            raise CacheError(Text(QT_TRANSLATE_NOOP(
                "Storage", "the kline cache %1 is damaged (%2) and could not be set aside (%3); charts go "
                "on without it"), self.path, exc, failed)) from failed
        log.warning("kline cache %s unreadable (%s): set aside as %s", self.path, exc, aside.name)

    def close(self) -> None:
        self._db.close()

    def upsert(self, bars: Sequence[Bar]) -> None:
        now = now_ms()
        valid = [b for b in bars if bar_ok(b, now)]
        if len(valid) < len(bars):
            log.warning("kline cache: %d invalid bar(s) not stored, e.g. %r", len(bars) - len(valid),
                        next(b for b in bars if not bar_ok(b, now)))
        if not valid:
            return
        rows = [(b.vendor, b.symbol, b.period, b.ts, b.open, b.high, b.low, b.close, b.volume) for b in valid]
        with self._db:  # one transaction
            self._db.execute("BEGIN")
            self._db.executemany(UPSERT, rows)

    def latest(self, vendor: str, symbol: str, period: str, count: int, before: int | None = None) -> list[Bar]:
        """Up to ``count`` newest bars (older than ``before`` when given), oldest first."""
        if before is None:
            cur = self._db.execute(
                "SELECT ts, open, high, low, close, volume FROM klines WHERE vendor=? AND symbol=? AND period=? "
                "ORDER BY ts DESC LIMIT ?", (vendor, symbol, period, count))
        else:
            cur = self._db.execute(
                "SELECT ts, open, high, low, close, volume FROM klines WHERE vendor=? AND symbol=? AND period=? "
                "AND ts < ? ORDER BY ts DESC LIMIT ?", (vendor, symbol, period, before, count))
        rows = cur.fetchall()
        rows.reverse()
        now = now_ms()
        bars = [Bar(vendor, symbol, period, *row) for row in rows if None not in row[:5]]
        valid = [b for b in bars if bar_ok(b, now)]
        if len(valid) < len(rows):
            log.warning("kline cache: %d invalid stored bar(s) of %s %s skipped", len(rows) - len(valid),
                        symbol, period)
        return valid

    def latest_columns(self, vendor: str, symbol: str, period: str, count: int,
                       before: int | None = None, room: int = 0, front: int = 0) -> BarColumns:
        """:meth:`latest` as columns, the same bars kept (the validity rules over whole
        columns; a NULL volume is 0, a row with another NULL is skipped as :meth:`latest` skips
        it), without an object per bar: the rows go a chunk at a time into the final arrays,
        which are made once (counted first, in the same read transaction), with ``room``
        places after the bars and ``front`` before them for a chart to take them as its own
        (``BarColumns.buffers``; ``front`` counts only with ``room``)."""
        where = "vendor=? AND symbol=? AND period=?" + ("" if before is None else " AND ts < ?")
        args = (vendor, symbol, period, *(() if before is None else (before,)), count)
        self._db.execute("BEGIN")  # one snapshot for the count and the rows
        readable = True
        try:
            total = self._db.execute(f"SELECT count(*) FROM (SELECT 1 FROM klines WHERE {where} "
                                     "ORDER BY ts DESC LIMIT ?)", args).fetchone()[0]
            front = front if room else 0
            ts = np.empty(front + total + room, dtype=np.int64)
            cols = np.empty((5, front + total + room))
            # a NULL where a number must be becomes -1: refused below like any price not above 0
            cur = self._db.execute(
                "SELECT ifnull(ts, -1), ifnull(open, -1.0), ifnull(high, -1.0), ifnull(low, -1.0), "
                f"ifnull(close, -1.0), ifnull(volume, 0.0) FROM klines WHERE {where} ORDER BY ts DESC LIMIT ?",
                args)
            end = front + total  # newest first: each chunk fills the places before the last one's
            while end > front and (chunk := cur.fetchmany(min(end - front, ROWS_AT_ONCE))):
                rows = np.fromiter(chain.from_iterable(chunk), dtype=np.float64, count=6 * len(chunk))
                rows = rows.reshape(-1, 6)[::-1]
                ts[end - len(rows):end] = rows[:, 0]  # epoch ms are exact in a float64 (below 2**53)
                cols[:, end - len(rows):end] = rows[:, 1:].T
                end -= len(rows)
        except (TypeError, ValueError):  # text where a number must be (another program's rows)
            readable = False
        finally:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        if not readable:
            return BarColumns.of(self.latest(vendor, symbol, period, count, before))
        n = front + total - end
        stop = front + n
        if end > front:  # (fewer rows than counted: cannot happen inside the transaction)
            ts[front:stop], cols[:, front:stop] = ts[end:front + total], cols[:, end:front + total]
        ok = columns_ok(ts[front:stop], cols[:, front:stop], period)
        if not ok.all():
            log.warning("kline cache: %d invalid stored bar(s) of %s %s skipped", int((~ok).sum()), symbol, period)
            return BarColumns(ts[front:stop][ok], cols[:, front:stop][:, ok])
        return BarColumns(ts[front:stop], cols[:, front:stop], (ts, cols) if room else None, front)

    def drop_before(self, vendor: str, symbol: str, period: str, ts: int) -> int:
        """Forget bars older than ``ts`` (they no longer join the fresh ones without a hole)."""
        with self._db:
            self._db.execute("BEGIN")
            cur = self._db.execute("DELETE FROM klines WHERE vendor=? AND symbol=? AND period=? AND ts < ?",
                                   (vendor, symbol, period, ts))
        return cur.rowcount

    def count(self, vendor: str, symbol: str, period: str) -> int:
        return self._db.execute("SELECT count(*) FROM klines WHERE vendor=? AND symbol=? AND period=?",
                                (vendor, symbol, period)).fetchone()[0]


class KlineCache:
    """The store behind one worker thread, with awaitable calls."""

    def __init__(self, path: Path, busy_timeout: float | None = None) -> None:
        """Raises :class:`CacheError` (in words; the file is kept) when it cannot be used."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kline-cache")
        self._store: KlineStore | None = None
        self._path = path
        self._timeout = busy_timeout
        self.problem: Text | None = None  # the last fault in words; said once in the log
        try:
            self._pool.submit(self._open).result()
        except BaseException:
            self._pool.shutdown(wait=False)
            raise

    def _open(self) -> None:
        self._store = KlineStore(self._path, self._timeout)

    async def _run(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, *args)

    async def latest(self, vendor: str, symbol: str, period: str, count: int, before: int | None = None) -> list[Bar]:
        return await self._run(self._call, "latest", vendor, symbol, period, count, before)

    async def latest_columns(self, vendor: str, symbol: str, period: str, count: int,
                             before: int | None = None, room: int = 0, front: int = 0) -> BarColumns:
        return await self._run(self._call, "latest_columns", vendor, symbol, period, count, before, room, front)

    async def upsert(self, bars: Sequence[Bar]) -> None:
        await self._run(self._call, "upsert", list(bars))

    async def drop_before(self, vendor: str, symbol: str, period: str, ts: int) -> int:
        return await self._run(self._call, "drop_before", vendor, symbol, period, ts)

    def _call(self, name: str, *args):
        assert self._store is not None
        try:
            return getattr(self._store, name)(*args)
        except sqlite3.Error as exc:  # a full disk, a lock held too long: the chart goes on
            problem = cache_problem(self._path, exc)
            if problem != self.problem:  # once per kind, not at every flush of a full disk
                log.warning("%s (%s)", problem, name)
            self.problem = problem
            return [] if name == "latest" else BarColumns.empty() if name == "latest_columns" else 0

    def close(self) -> None:
        """Finish pending writes and close the database."""
        def _close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._pool.submit(_close).result()
        self._pool.shutdown(wait=True)
