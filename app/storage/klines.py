"""The kline cache: bars the vendors sent, in SQLite (WAL), so a chart opens at once.

Keyed by (vendor, symbol, period, bar start); writes are batched upserts in one transaction.
Every call runs on one worker thread that owns the connection, and the async methods await
it there: the GUI thread never waits on the disk. A damaged database is set aside (renamed)
and a fresh one started: a cache is never worth a crash. An invalid bar (app.core.validate) is
never stored, and one stored before that rule (or by another program) is never read back: a bad
bar must not survive a restart.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


class KlineStore:
    """Synchronous access; use it from one thread (``KlineCache`` does)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
            log.warning("kline cache %s unreadable (%s): set aside as %s", path, exc, aside.name)
            path.replace(aside)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable up to the last checkpoint
        db.execute(SCHEMA)
        db.execute("SELECT count(*) FROM klines LIMIT 1").fetchone()
        return db

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

    def __init__(self, path: Path) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kline-cache")
        self._store: KlineStore | None = None
        self._path = path
        self._pool.submit(self._open).result()

    def _open(self) -> None:
        self._store = KlineStore(self._path)

    async def _run(self, fn, *args):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, *args)

    async def latest(self, vendor: str, symbol: str, period: str, count: int, before: int | None = None) -> list[Bar]:
        return await self._run(self._call, "latest", vendor, symbol, period, count, before)

    async def upsert(self, bars: Sequence[Bar]) -> None:
        await self._run(self._call, "upsert", list(bars))

    async def drop_before(self, vendor: str, symbol: str, period: str, ts: int) -> int:
        return await self._run(self._call, "drop_before", vendor, symbol, period, ts)

    def _call(self, name: str, *args):
        assert self._store is not None
        try:
            return getattr(self._store, name)(*args)
        except sqlite3.Error as exc:  # a full disk, a lock held too long: the chart goes on
            log.warning("kline cache %s failed: %s", name, exc)
            return [] if name == "latest" else 0

    def close(self) -> None:
        """Finish pending writes and close the database."""
        def _close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._pool.submit(_close).result()
        self._pool.shutdown(wait=True)
