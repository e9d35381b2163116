"""The list made on first use reads in the interface's language (自选 in Chinese, Watchlist in
English) whichever language it was made in; a name the user gave is never translated."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication

from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.ui.kit import i18n
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

SYMBOLS = ["HK:00700", "US:AAPL"]


@pytest.fixture
def chinese(qapp):
    translators = i18n.install(qapp, "zh_CN")
    yield
    i18n.uninstall(qapp, translators)
    i18n.install(qapp, "en")


def _store(path) -> WatchlistStore:
    """As the launcher opens it: the default list's name in the language now installed."""
    return WatchlistStore(path, lambda v: list(SYMBOLS), QCoreApplication.translate("Watchlist", "Watchlist"))


def _tabs(qtbot, path) -> list[str]:
    window = open_sim_window(qtbot, Settings(watchlist=list(SYMBOLS)), watchlists=_store(path))
    try:
        tabs = window.watchlist.tabs
        return [tabs.tabText(i) for i in range(tabs.count())]
    finally:
        run_task(qtbot, window.service.aclose())


def test_a_list_made_in_english_reads_in_chinese_and_back(qloop, qtbot, tmp_path, qapp):
    path = tmp_path / "watchlists.json"
    english = _store(path)
    assert english.names("sim") == ["Watchlist"]
    english.set_symbols("sim", 0, ["US:AAPL"])  # written to disk now
    english.add_list("sim", "自选股")  # the user's own name, in Chinese
    english.add_list("sim", "Crypto")
    translators = i18n.install(qapp, "zh_CN")  # the next start, in Chinese
    try:
        assert _tabs(qtbot, path) == ["自选", "自选股", "Crypto"]
    finally:
        i18n.uninstall(qapp, translators)
        i18n.install(qapp, "en")
    assert _tabs(qtbot, path) == ["Watchlist", "自选股", "Crypto"]  # and back in English


def test_a_renamed_default_list_keeps_the_user_s_name(qloop, qtbot, tmp_path, chinese):
    path = tmp_path / "watchlists.json"
    window = open_sim_window(qtbot, Settings(watchlist=list(SYMBOLS)), watchlists=_store(path))
    try:
        assert window.watchlist.tabs.tabText(0) == "自选"
        window.watchlist.rename_list(0, "Watchlist")  # the user's word, even an English one
        assert window.watchlist.tabs.tabText(0) == "Watchlist"
    finally:
        run_task(qtbot, window.service.aclose())
    assert _store(path).names("sim") == ["Watchlist"]
    assert json.loads(path.read_text())["vendors"]["sim"]["lists"][0]["default"] is False


def test_a_list_from_an_older_file_made_in_english_reads_in_chinese(qloop, qtbot, tmp_path, chinese):
    path = tmp_path / "watchlists.json"
    path.write_text(json.dumps({"version": 1, "vendors": {"sim": {"lists": [
        {"name": "Watchlist", "symbols": ["US:AAPL"]}, {"name": "HK", "symbols": ["HK:00700"]}], "current": 0}}}))
    assert _tabs(qtbot, path) == ["自选", "HK"]
