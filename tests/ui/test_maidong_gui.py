"""The window on 脉动数据, pointed at the fake server: the category tree with paged symbol
lists, and live data in every dock."""

from __future__ import annotations

import pytest

from app.core.types import ConnectionState
from app.storage.settings import Settings, VendorHosts
from app.ui.browser.model import BrowserColumn as BrowserCol
from app.ui.orderbook.model import LadderColumn as LadderCol
from app.ui.shell.settings_dialog import SettingsDialog
from app.ui.tape.model import TapeColumn as TapeCol
from app.ui.watchlist.widget import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.fakes.maidong import FakeMaidongServer


@pytest.fixture
def fake_maidong(qloop, qtbot):
    server = FakeMaidongServer()
    run_task(qtbot, server.start())
    yield server
    run_task(qtbot, server.aclose())


@pytest.fixture
def window(qloop, qtbot, fake_maidong):
    settings = Settings(watchlist=["CRYPTO:BTCUSDT"], selected="CRYPTO:BTCUSDT")
    settings.hosts["maidong"] = VendorHosts(base_url=fake_maidong.http_url, ws_url=fake_maidong.ws_url)
    with window_on_sim(qtbot, settings) as win:
        yield win


def test_maidong_categories_pages_and_live_data_in_every_dock(window, qtbot, fake_maidong):
    run_task(qtbot, window.switch_vendor("maidong"), timeout=10000)
    assert window.service.vendor == "maidong"
    model = window.watchlist_model
    assert model.symbols == window.settings.watchlist_for("maidong") and len(model.symbols) == 13
    qtbot.waitUntil(lambda: all(model.quote(s) is not None for s in model.symbols), timeout=10000)
    row = model.row_of("MD:HX_HSI")
    qtbot.waitUntil(lambda: model.index(row, WatchlistColumn.NAME).data() == "恒指2512", timeout=10000)
    assert model.index(row, WatchlistColumn.LAST).data().replace(",", "").isdigit()  # 0 decimals, as sent

    # the category tree, with the linked symbol's category opened
    browser = window.browser.model
    qtbot.waitUntil(lambda: [n.category.name for n in browser.nodes] == [
        "外汇", "国际期货", "国内期货", "数字货币", "国际股指期货"], timeout=5000)
    crypto = browser.index(3, 0)
    qtbot.waitUntil(lambda: browser.rowCount(crypto) == 6, timeout=10000)
    # a category of 25, loaded 20 at a time as the user scrolls
    window.browser.expand_category("7")
    index = browser.index(4, 0)
    qtbot.waitUntil(lambda: browser.rowCount(index) >= 20 and not browser.busy, timeout=10000)
    view = window.browser.view
    while browser.has_more(index):
        view.scrollTo(browser.index(browser.rowCount(index) - 1, 0, index))
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: not browser.busy, timeout=5000)
    assert browser.rowCount(index) == 25 and browser.index(4, BrowserCol.DETAIL).data() == "25 of 25"
    pages = [q for p, q, _t, _s in fake_maidong.http_log
             if p == "/getSymbolList.php" and q.get("category") == "7"]
    assert len(pages) <= 2  # the browser's pages and the names' list share what was read

    # picking one charts it and fills the ladder and the tape
    nq = next(r for r in range(25) if browser.index(r, 0, index).data() == "MD:HX_NQ")
    with qtbot.waitSignal(window.sig_symbol_selected, timeout=3000):
        view.setCurrentIndex(browser.index(nq, 0, index))
    assert window.chart.symbol == window.ladder.symbol == window.tape.symbol == "MD:HX_NQ"
    qtbot.waitUntil(lambda: window.ladder.model.rowCount() >= 6, timeout=10000)
    qtbot.waitUntil(lambda: window.tape.model.rowCount() >= 2, timeout=10000)
    qtbot.waitUntil(lambda: len(window.chart.manager) > 100, timeout=10000)
    assert window.tape.model.index(0, TapeCol.SIDE).data() in ("Buy", "Sell")
    assert len(window.tape.model.index(0, TapeCol.TIME).data()) == 8  # HH:MM:SS, as stamped
    assert "." in window.ladder.model.index(0, LadderCol.PRICE).data()  # NQ trades in quarter points
    # the documented limits were kept throughout
    assert not [r for r in fake_maidong.refusals if r.startswith("rate") or r == "repeated code"]
    qtbot.waitUntil(lambda: window.service.status.state is ConnectionState.CONNECTED, timeout=5000)
    assert len(fake_maidong.live) == 1  # one connection carries everything


def test_limits_from_the_vendor_show_under_the_ladder_title(window, qtbot, fake_maidong):
    run_task(qtbot, window.switch_vendor("maidong"), timeout=10000)
    window.select_symbol("MD:DCE_i")  # a China future: the vendor sends price limits
    qtbot.waitUntil(lambda: "Limit up" in window.ladder.facts.text(), timeout=10000)
    assert "Limit down" in window.ladder.facts.text() and "Volume ratio 1.12" in window.ladder.facts.text()
    assert window.ladder.facts.isVisible()
    window.select_symbol("CRYPTO:BTCUSDT")  # none for crypto: the line is hidden, not blank
    qtbot.waitUntil(lambda: not window.ladder.facts.isVisible(), timeout=5000)


def test_settings_dialog_offers_maidong_without_a_key(window, qtbot, fake_maidong):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.vendor.setCurrentIndex(dialog.vendor.findData("maidong"))
    assert not dialog.key.isEnabled() and dialog.base_url.text() == fake_maidong.http_url
    assert "IP" in dialog.plan_note.text()
    with qtbot.waitSignal(dialog.sig_apply, timeout=2000) as blocker:
        dialog.apply()
    assert blocker.args[0].vendor == "maidong"
