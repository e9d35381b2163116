"""Watchlists to and from files through the window: the watchlist tab's menu and File ▸ Import/
Export. An imported list's rows show in the watchlist pane and are saved; a 同花顺/通达信 export
in GBK reads; what holds no code is said once, in words; the export reads back."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.storage.settings import Settings
from app.storage.watchlist_files import read_watchlist
from app.storage.watchlists import WatchlistStore
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.windows import still_sim_window


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    store = WatchlistStore(tmp_path / "watchlists.json", lambda _v: ["US:AAPL", "HK:00700"], "Watchlist")
    with still_sim_window(qtbot, Settings(selected="HK:00700"), watchlists=store) as win:
        yield win


def _choose(qtbot, parent, path: Path) -> None:
    """The file dialog the action opened (non-blocking), given ``path`` as a user picks it."""
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QFileDialog)), timeout=3000)
    dialog = next(d for d in parent.findChildren(QFileDialog) if d.isVisible())
    dialog.selectFile(str(path))
    dialog.accept()


def _tab_menu_action(window, text: str):
    tabs = window.watchlist.tabs
    tabs.customContextMenuRequested.emit(tabs.tabRect(tabs.currentIndex()).center())
    menu = window.watchlist.tab_menu
    menu.hide()
    return next(a for a in menu.actions() if a.text() == text)


def _file_action(window, text: str):
    menu = window.menuBar().actions()[0].menu()
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text() == text)


def _rows_shown(window) -> list[str]:
    model = window.watchlist.view.model()
    return [model.data(model.index(r, WatchlistColumn.SYMBOL)) for r in range(model.rowCount())]


def test_a_tongdaxin_file_becomes_a_new_list_named_after_it(window, qtbot, tmp_path, caplog):
    caplog.set_level(logging.ERROR)
    source = tmp_path / "我的自选.txt"
    source.write_bytes("代码\t名称\n600519\t贵州茅台\n=\"000001\"\t平安银行\n00700.HK\t腾讯控股\n"
                       "600519\t贵州茅台\n数据来源:通达信\n".encode("gbk"))
    _tab_menu_action(window, "Import watchlist as a new list…").trigger()
    _choose(qtbot, window.watchlist, source)

    tabs = window.watchlist.tabs
    qtbot.waitUntil(lambda: tabs.count() == 2 and tabs.tabText(tabs.currentIndex()) == "我的自选", timeout=3000)
    assert _rows_shown(window) == ["SH:600519", "SZ:000001", "HK:00700"]
    saved = json.loads((tmp_path / "watchlists.json").read_text())
    lists = next(iter(saved["vendors"].values()))["lists"]
    assert lists[-1] == {"name": "我的自选", "symbols": ["SH:600519", "SZ:000001", "HK:00700"], "default": False}
    box = window.watchlist.transfer.report
    assert box is not None and box.isVisible()
    assert "3 symbols added to “我的自选”." in box.text()
    assert "1 already in the list." in box.text()  # the repeated 600519
    assert "1 line skipped, not a code: “数据来源:通达信”." in box.text()
    assert window.statusBar().currentMessage() == box.text()
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_import_into_the_list_shown_skips_what_it_holds(window, qtbot, tmp_path):
    source = tmp_path / "more.csv"
    source.write_text("symbol,name\nAAPL,Apple\nSH600519,Moutai\n", encoding="utf-8-sig")
    _file_action(window, "Import into this watchlist…").trigger()
    _choose(qtbot, window, source)
    qtbot.waitUntil(lambda: _rows_shown(window) == ["US:AAPL", "HK:00700", "SH:600519"], timeout=3000)
    assert window.watchlist.tabs.count() == 1
    assert window.statusBar().currentMessage() == "1 symbol added to “Watchlist”. 1 already in the list."
    assert window.watchlist.transfer.report is None  # nothing went wrong: no box to close


def test_a_file_that_is_no_text_is_said_in_words(window, qtbot, tmp_path):
    source = tmp_path / "picture.csv"
    source.write_bytes(b"\xff\xfe\x00\xd8\x00\xd8")
    _file_action(window, "Import watchlist as a new list…").trigger()
    _choose(qtbot, window, source)
    qtbot.waitUntil(lambda: window.watchlist.transfer.report is not None, timeout=3000)
    box = window.watchlist.transfer.report
    assert isinstance(box, QMessageBox) and box.text().startswith("“picture.csv” could not be read")
    assert window.watchlist.tabs.count() == 1


@pytest.mark.parametrize(("suffix", "first_line"), [(".csv", "symbol,name"), (".txt", "US:AAPL\tApple")])
def test_export_writes_the_list_in_its_order_with_its_names(window, qtbot, tmp_path, suffix, first_line):
    target = tmp_path / f"out{suffix}"
    _file_action(window, "Export watchlist…").trigger()
    _choose(qtbot, window, target)
    qtbot.waitUntil(target.exists, timeout=3000)
    text = target.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == first_line
    got = read_watchlist(target.read_bytes())
    assert got.symbols == ["US:AAPL", "HK:00700"]
    assert got.names == {"US:AAPL": "Apple", "HK:00700": "Tencent"}
    assert window.settings.export_folder == str(tmp_path)


def test_the_tab_menu_of_another_list_offers_no_transfer(window, qtbot):
    window.watchlist.new_list("Second")
    tabs = window.watchlist.tabs
    tabs.customContextMenuRequested.emit(tabs.tabRect(0).center())  # not the list shown
    menu = window.watchlist.tab_menu
    menu.hide()
    assert not any(a.text().startswith(("Import", "Export")) for a in menu.actions())
    assert Qt.ContextMenuPolicy.CustomContextMenu == tabs.contextMenuPolicy()


def test_a_right_click_beside_the_tabs_offers_new_import_and_export(window):
    tabs = window.watchlist.tabs
    beside = tabs.tabRect(tabs.count() - 1).topRight() + QPoint(20, 5)
    assert tabs.tabAt(beside) == -1 and tabs.rect().contains(beside)
    tabs.customContextMenuRequested.emit(beside)
    menu = window.watchlist.tab_menu
    menu.hide()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["New watchlist…", "Import watchlist as a new list…", "Import into this watchlist…",
                     "Export watchlist…"]
