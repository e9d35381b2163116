"""settings.json under faults (issue 17, point 7): one bad field costs only that field, an
unknown vendor is said with the file's path, and a read-only folder is a sentence, not a
traceback, with the damaged file left where it is."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import msgspec
import pytest

from app.feeds.registry import VENDORS
from app.storage.settings import Settings, load_settings, read_settings
from app.storage.watchlists import WatchlistStore
from tests.cli.test_cli import qt

MINE = {"theme": "light", "language": "zh_CN", "watchlist": ["US:MSFT", "HK:00005"],
        "chart": {"style": "line", "scale": "log", "local_time": True},
        "qos_plan": {"products": 50, "http_per_minute": 60}}


def _write(path: Path, data: dict) -> bytes:
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def _read_only_folder(monkeypatch) -> None:
    """Root ignores folder permissions, so a chmod cannot make the folder read-only for the
    test: every rename raises EROFS instead, as it does on a read-only mount."""
    def refuse(self, target):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "replace", refuse)


def _kept(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


@pytest.mark.parametrize("field, bad", [
    ("red_up", "yes"), ("theme", 3), ("watchlist_columns", {"a": 1}), ("selected", ["x"]),
    ("itick_plan", "fast"), ("hosts", [1, 2]),
])
def test_one_wrong_typed_field_costs_only_that_field(tmp_path, field, bad):
    path = tmp_path / "settings.json"
    data = dict(MINE)
    data[field] = bad
    raw = _write(path, data)
    settings = load_settings(path)
    for name, value in MINE.items():  # every other preference as the user wrote it
        if name != field:
            assert _plain(getattr(settings, name), value) == value, name
    assert getattr(settings, field) == getattr(Settings(), field)
    loaded = read_settings(path)
    assert str(path) in loaded.problem and field in loaded.problem and loaded.writable
    assert [p.read_bytes() for p in _kept(path)] == [raw]  # the original, as the user wrote it


def _plain(value, like):
    """``value`` as JSON builtins, cut to the keys of ``like`` (a struct holds all its fields)."""
    if isinstance(value, msgspec.Struct):
        whole = msgspec.to_builtins(value)
        return {key: whole[key] for key in like}
    return value


def test_a_bad_field_inside_the_chart_costs_only_that_field(tmp_path):
    path = tmp_path / "settings.json"
    _write(path, dict(MINE, chart={"style": 7, "scale": "log", "local_time": True}))
    loaded = read_settings(path)
    chart = loaded.settings.chart
    assert (chart.style, chart.scale, chart.local_time) == ("candles", "log", True)
    assert loaded.settings.theme == "light"
    assert "chart.style" in loaded.problem and str(path) in loaded.problem


def test_an_unknown_vendor_costs_only_the_vendor_and_names_the_file(tmp_path):
    path = tmp_path / "settings.json"
    _write(path, dict(MINE, vendor="nosuchvendor"))
    loaded = read_settings(path, VENDORS)
    assert loaded.settings.vendor == "sim"
    assert loaded.settings.theme == "light" and loaded.settings.watchlist == ["US:MSFT", "HK:00005"]
    assert str(path) in loaded.problem and "vendor" in loaded.problem and "nosuchvendor" in loaded.problem


def test_a_host_that_is_no_address_costs_only_that_address(tmp_path):
    path = tmp_path / "settings.json"
    _write(path, dict(MINE, hosts={"qos": {"base_url": "http://[::1", "ws_url": "wss://example.com/ws"}}))
    loaded = read_settings(path, VENDORS)
    assert loaded.settings.hosts["qos"].base_url is None
    assert loaded.settings.hosts["qos"].ws_url == "wss://example.com/ws"
    assert "hosts.qos.base_url" in loaded.problem


def test_a_damaged_file_in_a_read_only_folder_is_a_sentence_and_stays(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    _read_only_folder(monkeypatch)
    loaded = read_settings(path)  # raised OSError from path.replace before
    assert loaded.settings == Settings()
    assert "left where it is" in loaded.problem and "Read-only file system" in loaded.problem
    assert not loaded.writable  # the launcher does not save over it at exit
    assert path.read_text() == "{not json" and _kept(path) == []


def test_a_bad_field_in_a_read_only_folder_keeps_the_rest_and_the_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    raw = _write(path, dict(MINE, red_up="yes"))
    def refuse(*names):  # write_atomic's rename of the copy: a read-only folder (see above)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refuse)
    loaded = read_settings(path)
    assert loaded.settings.theme == "light" and not loaded.writable
    assert "red_up" in loaded.problem and "left as it is" in loaded.problem
    assert path.read_bytes() == raw


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions (the EROFS tests cover it)")
def test_a_really_read_only_folder(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    tmp_path.chmod(0o555)
    try:
        loaded = read_settings(path)
    finally:
        tmp_path.chmod(0o755)
    assert not loaded.writable and path.read_text() == "{not json"


def test_a_damaged_watchlist_file_that_cannot_be_moved_is_never_written_over(tmp_path, monkeypatch):
    path = tmp_path / "watchlists.json"
    path.write_text('{"version": 1, "vendors": {"sim": ')
    _read_only_folder(monkeypatch)
    store = WatchlistStore(path, lambda vendor: ["US:AAPL"], "Main")
    assert "left where it is" in store.problem
    store.set_symbols("sim", 0, ["US:AAPL", "US:NVDA"])  # the change lives in memory
    assert store.symbols("sim") == ["US:AAPL", "US:NVDA"]
    assert path.read_text() == '{"version": 1, "vendors": {"sim": '


def test_the_gui_starts_on_an_unknown_vendor_and_says_which_file(tmp_path):
    """It stopped with exit 2 and no file name; now the vendor alone falls back to sim."""
    home = tmp_path / "home"
    home.mkdir()
    path = home / "settings.json"
    _write(path, dict(MINE, vendor="nosuchvendor", language="en"))
    r = qt("--screenshot", str(tmp_path / "s.png"), "--after", "0", home=home)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert str(path) in r.stderr and "vendor" in r.stderr and "nosuchvendor" in r.stderr
    saved = json.loads(path.read_text())
    assert saved["vendor"] == "sim" and saved["theme"] == "light" and saved["watchlist"] == MINE["watchlist"]
