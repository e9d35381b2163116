"""The symbol browser on the simulator: categories, lazy pages, selection, failures."""

from __future__ import annotations

import pytest

from app.core.types import InstrumentPage
from app.feeds.base import FeedError
from app.feeds.sim import SimFeed
from app.services.market_data import MarketDataService
from app.storage.settings import Settings
from app.ui.browser.model import BrowserColumn
from app.ui.browser.view import SymbolBrowser
from app.ui.shell.main_window import MainWindow
from tests.support.qt_loop import run_task
from tests.support.window_parts import window_parts


class CountingSim(SimFeed):
    """The simulator, recording which pages were asked for (and failing when told to)."""

    def __init__(self, **kw):
        super().__init__(always_open=True, step_ms=20, **kw)
        self.pages: list[tuple[str, int, int]] = []
        self.fail_pages = False

    async def instruments_page(self, category: str, page: int, page_size: int) -> InstrumentPage:
        self.pages.append((category, page, page_size))
        if self.fail_pages:
            raise FeedError("the vendor refused the list (test)")
        return await super().instruments_page(category, page, page_size)


@pytest.fixture
def service(qloop, qtbot):
    svc = MarketDataService(CountingSim())
    run_task(qtbot, svc.start())
    yield svc
    run_task(qtbot, svc.aclose())


def browser_on(service, qtbot, page_size: int, height: int = 160) -> SymbolBrowser:
    browser = SymbolBrowser(service, page_size=page_size)
    qtbot.addWidget(browser)
    browser.resize(360, height)
    browser.show()
    browser.reload()
    qtbot.waitUntil(lambda: len(browser.model.nodes) == 8, timeout=3000)
    return browser


def test_categories_then_pages_as_the_user_scrolls(service, qtbot):
    browser = browser_on(service, qtbot, page_size=2, height=120)  # pages outrun the view
    model, view = browser.model, browser.view
    assert [n.category.id for n in model.nodes][:3] == ["us", "hk", "cn"]
    assert model.index(0, BrowserColumn.NAME).data() == "US stocks"
    assert model.hasChildren(model.index(2, 0))  # unknown until asked: the arrow shows
    assert service.feed.pages == []  # nothing is listed before the user opens a category
    browser.expand_category("cn")
    cn = model.index(2, 0)

    def end_in_view() -> bool:
        last = model.index(model.rowCount(cn) - 1, 0, cn)
        return view.visualRect(last).bottom() < view.viewport().height()

    # pages follow while the category's end is in sight, then wait for the user to scroll
    qtbot.waitUntil(lambda: model.rowCount(cn) >= 2 and not model.busy and not end_in_view(),
                    timeout=3000)
    loaded = model.rowCount(cn)
    assert loaded < 10 and model.index(2, BrowserColumn.DETAIL).data() == f"{loaded} of 10"
    assert service.feed.pages == [("cn", p, 2) for p in range(1, loaded // 2 + 1)]
    while model.has_more(cn):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: not model.busy, timeout=3000)
    assert model.rowCount(cn) == 10 and model.index(2, BrowserColumn.DETAIL).data() == "10 of 10"
    assert model.index(0, BrowserColumn.NAME, cn).data() == "SH:600519"
    assert model.index(0, BrowserColumn.DETAIL, cn).data() == "Kweichow Moutai"
    model.chinese = True  # a Chinese locale reads the vendor's Chinese names
    assert model.index(0, BrowserColumn.DETAIL, cn).data() == "贵州茅台"
    assert [p for _c, p, _s in service.feed.pages] == [1, 2, 3, 4, 5]  # each page once


def test_a_first_page_that_leaves_room_is_followed_by_the_next(service, qtbot):
    browser = browser_on(service, qtbot, page_size=2, height=700)
    browser.expand_category("cn")
    cn = browser.model.index(2, 0)
    qtbot.waitUntil(lambda: browser.model.rowCount(cn) == 10, timeout=5000)
    assert [p for _c, p, _s in service.feed.pages] == [1, 2, 3, 4, 5]


def test_the_busy_indicator_shows_while_a_page_loads(service, qtbot):
    browser = browser_on(service, qtbot, page_size=50, height=400)
    with qtbot.waitSignal(browser.model.sig_busy, timeout=2000) as busy:
        browser.expand_category("crypto")
    assert busy.args == [True] and not browser.busy.isHidden()
    qtbot.waitUntil(lambda: browser.busy.isHidden(), timeout=3000)
    assert browser.model.rowCount(browser.model.index(3, 0)) == 6


def test_a_failed_page_is_said_and_retried_only_when_opened_again(service, qtbot):
    browser = browser_on(service, qtbot, page_size=5, height=400)
    service.feed.fail_pages = True
    browser.expand_category("fx")
    fx = browser.model.index(5, 0)
    qtbot.waitUntil(lambda: "refused the list" in browser.message.text(), timeout=3000)
    qtbot.waitUntil(lambda: not browser.model.busy, timeout=3000)
    assert "retry" in browser.model.index(5, BrowserColumn.DETAIL).data()
    assert len(service.feed.pages) == 1 and not browser.model.has_more(fx)  # no loop
    service.feed.fail_pages = False
    browser.view.collapse(fx)
    browser.view.expand(fx)
    qtbot.waitUntil(lambda: browser.model.rowCount(fx) == 5, timeout=3000)


def test_picking_a_symbol_links_every_pane_and_can_add_it_to_the_watchlist(qloop, qtbot):
    settings = Settings(watchlist=["US:AAPL"], selected="US:AAPL")
    service = MarketDataService(SimFeed(always_open=True, step_ms=20))
    window = MainWindow(service, settings, **window_parts(service, settings))
    qtbot.addWidget(window)
    run_task(qtbot, service.start())
    window.show()
    window.start()
    try:
        browser, model = window.browser, window.browser.model
        qtbot.waitUntil(lambda: bool(model.nodes) and model.rowCount(model.index(0, 0)) > 0,
                        timeout=3000)
        assert window.browser.view.isExpanded(model.index(0, 0))  # the linked symbol's category
        qtbot.waitUntil(lambda: browser.expand_category("hk"), timeout=3000)
        hk = model.index(1, 0)
        qtbot.waitUntil(lambda: model.rowCount(hk) == 8, timeout=3000)
        with qtbot.waitSignal(window.sig_symbol_selected, timeout=2000) as picked:
            browser.view.setCurrentIndex(model.index(0, 0, hk))
        assert picked.args == ["HK:00700"]
        assert window.chart.symbol == window.ladder.symbol == window.tape.symbol == "HK:00700"
        qtbot.waitUntil(lambda: window.ladder.model.rowCount() > 0, timeout=5000)
        qtbot.waitUntil(lambda: len(window.chart.manager) > 0, timeout=5000)
        browser.sig_add_to_watchlist.emit("HK:00700")
        assert window.watchlist_model.symbols == ["US:AAPL", "HK:00700"]
        assert window.watchlists.symbols("sim") == ["US:AAPL", "HK:00700"]
    finally:
        run_task(qtbot, service.aclose())
