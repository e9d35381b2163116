"""Watchlists on disk: written at every change, whole or not at all, even when the process is
killed in the middle of writing; a damaged file is set aside and said."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import msgspec
import pytest

from app.storage import atomic
from app.storage.watchlists import WatchlistStore


def seed(vendor: str) -> list[str]:
    return {"sim": ["US:AAPL", "HK:00700"]}.get(vendor, [])


def test_the_first_use_seeds_one_list_and_nothing_is_written_until_a_change(tmp_path):
    path = tmp_path / "watchlists.json"
    store = WatchlistStore(path, seed, "Main")
    assert store.names("sim") == ["Main"] and store.symbols("sim") == ["US:AAPL", "HK:00700"]
    assert store.symbols("qos") == [] and not path.exists()
    store.set_symbols("sim", 0, ["US:AAPL", "HK:00700", "US:AAPL", "SH:600519"])
    assert path.exists()
    again = WatchlistStore(path, lambda v: ["never used"], "Main")
    assert again.symbols("sim") == ["US:AAPL", "HK:00700", "SH:600519"]  # duplicates dropped


def test_every_change_is_on_disk_at_once(tmp_path):
    path = tmp_path / "watchlists.json"
    store = WatchlistStore(path, seed, "Main")

    def reread() -> WatchlistStore:
        return WatchlistStore(path, lambda v: [], "Main")

    store.add_list("sim", "Crypto", ["CRYPTO:BTCUSDT"])
    assert reread().names("sim") == ["Main", "Crypto"] and reread().current("sim") == 1
    store.add_list("sim", "Crypto")  # a taken name gets a number
    assert reread().names("sim") == ["Main", "Crypto", "Crypto 2"]
    store.rename_list("sim", 2, "HK")
    store.move_list("sim", 2, 0)
    assert reread().names("sim") == ["HK", "Main", "Crypto"] and reread().current("sim") == 0
    store.set_current("sim", 2)
    assert reread().symbols("sim") == ["CRYPTO:BTCUSDT"]
    assert store.remove_list("sim", 2)
    assert reread().names("sim") == ["HK", "Main"] and reread().current("sim") == 1
    store.remove_list("sim", 0)
    assert store.remove_list("sim", 0)  # the last list is emptied, not removed
    assert reread().names("sim") == ["Main"] and reread().symbols("sim") == []
    assert not store.remove_list("sim", 0)


def test_a_failed_rename_leaves_the_old_file_whole_and_no_temp_behind(tmp_path, monkeypatch):
    path = tmp_path / "watchlists.json"
    store = WatchlistStore(path, seed, "Main")
    store.set_symbols("sim", 0, ["US:AAPL"])
    before = path.read_bytes()

    def crash(_src, _dst):
        raise OSError("disk gone")

    monkeypatch.setattr(atomic.os, "replace", crash)
    store.set_symbols("sim", 0, ["US:MSFT"])
    assert path.read_bytes() == before and "could not be saved" in store.problem
    assert [p.name for p in tmp_path.iterdir()] == ["watchlists.json"]


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from app.storage.watchlists import WatchlistStore
    store = WatchlistStore(Path(sys.argv[1]), lambda v: [], "Main")
    n = 0
    while True:
        n += 1
        store.set_symbols("sim", 0, [f"US:S{i}" for i in range(n % 300 + 1)])
""")


def test_killing_the_process_at_any_moment_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "watchlists.json"
    for kill in range(6):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=os.getcwd())
        try:
            deadline = time.monotonic() + 20
            first = path.stat().st_mtime_ns if path.exists() else None
            while not path.exists() or path.stat().st_mtime_ns == first:  # it has written again
                assert time.monotonic() < deadline and child.poll() is None
                time.sleep(0.005)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        raw = path.read_bytes()
        data = msgspec.json.decode(raw)  # a whole JSON document: never half of one
        symbols = data["vendors"]["sim"]["lists"][0]["symbols"]
        assert symbols == [f"US:S{i}" for i in range(len(symbols))], f"kill {kill}"
        store = WatchlistStore(path, seed, "Main")
        assert store.problem is None and store.symbols("sim") == symbols


def test_a_damaged_file_is_set_aside_and_said(tmp_path):
    path = tmp_path / "watchlists.json"
    path.write_text('{"version": 1, "vendors": {"sim": ')
    store = WatchlistStore(path, seed, "Main")
    assert store.symbols("sim") == ["US:AAPL", "HK:00700"]
    assert store.problem and "could not be read" in store.problem
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("watchlists.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_text().startswith('{"version"')


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="POSIX folders only")
def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    atomic.write_atomic(tmp_path / "x.json", b"{}")
    assert len(synced) == 2  # the file, then its folder


def test_the_default_list_is_marked_and_shown_in_the_language_given(tmp_path):
    path = tmp_path / "watchlists.json"
    store = WatchlistStore(path, seed, "自选")
    assert store.names("sim") == ["自选"]
    store.add_list("sim", "Tech")
    assert WatchlistStore(path, seed, "Watchlist").names("sim") == ["Watchlist", "Tech"]
    saved = msgspec.json.decode(path.read_bytes())
    assert saved["version"] == 2 and saved["vendors"]["sim"]["lists"][0] == {
        "name": "Watchlist", "symbols": ["US:AAPL", "HK:00700"], "default": True}


def test_an_older_file_s_default_list_is_found_by_its_name_in_any_language_given(tmp_path):
    path = tmp_path / "watchlists.json"
    path.write_bytes(msgspec.json.encode({"version": 1, "vendors": {"sim": {"lists": [
        {"name": "自选", "symbols": ["HK:00700"]}, {"name": "自选股", "symbols": []}], "current": 0}}}))
    store = WatchlistStore(path, seed, "Watchlist", former_defaults=["自选"])
    assert store.names("sim") == ["Watchlist", "自选股"]  # the user's own name stays as it was
    store.rename_list("sim", 0, "Main")
    assert WatchlistStore(path, seed, "自选").names("sim") == ["Main", "自选股"]
