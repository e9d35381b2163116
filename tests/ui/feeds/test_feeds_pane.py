"""The Feeds pane and the status bar's light, fed planted health snapshots through the
service's own signal (a second vendor, ``qos``, beside the running simulator): the row's values
are the snapshot's, the sparklines grow a sample a second (and are painted), the light turns
amber and red and back with words in its tooltip, a click on it brings the pane to the front,
and a double-click on a stale symbol links it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from app.core.health import Health
from app.storage.settings import Settings
from app.ui.feeds.indicator import AMBER, OK, RED, REFUSAL_HOLD_S
from app.ui.feeds.model import SPARK_SAMPLES, FeedColumn
from app.ui.kit import theme
from tests.support.windows import still_sim_window

T0 = 1_764_600_000_000


def health(ts_s: int = 0, **fields) -> Health:
    values = dict(vendor="qos", ts=T0 + ts_s * 1000, state="connected", age_ms=120, latency_ms=35, rate=42.0,
                  reconnects=1, dropped=3, stale=[], refusals=0)
    values.update(fields)
    return Health(**values)


def _row_texts(pane, vendor: str) -> list[str]:
    model = pane.model
    row = model.vendors.index(vendor)
    return [model.data(model.index(row, col)) for col in FeedColumn if col not in (FeedColumn.RATE_SPARK,
                                                                                   FeedColumn.LATENCY_SPARK)]


def _cell_image(view, row: int, col: int):
    rect = QRect(view.columnViewportPosition(col), view.rowViewportPosition(row), view.columnWidth(col),
                 view.rowHeight(row))
    return view.viewport().grab(rect).toImage()


def _in_front(widget) -> bool:
    """On screen and not behind another tab (a tabbed dock's hidden page keeps isVisible())."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def _has_colour(image, colour, tolerance: int = 40) -> bool:
    target = colour.getRgb()[:3]
    return any(sum(abs(a - b) for a, b in zip(image.pixelColor(x, y).getRgb()[:3], target, strict=True)) <= tolerance
               for x in range(image.width()) for y in range(image.height()))


def test_the_pane_shows_each_vendors_snapshot_and_grows_its_sparklines(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        feeds = window.feeds
        feeds.show_pane()
        pane = feeds.pane
        service = window.service
        service.sig_health.emit(health(0))
        assert "qos" in pane.model.vendors
        assert _row_texts(pane, "qos") == ["qos · connected", "0.1 s", "35 ms", "42.0", "1", "0", "3"]
        service.sig_health.emit(health(1, latency_ms=None, rate=10.5, age_ms=42_000, refusals=2, reconnects=4))
        assert _row_texts(pane, "qos") == ["qos · connected", "42 s", "n/a", "10.5", "4", "2", "3"]
        assert pane.model.samples("qos")[0] == [42.0, 10.5]
        service.sig_health.emit(health(1, rate=11.0))  # the same second: the sample replaced
        assert pane.model.samples("qos")[0] == [42.0, 11.0]
        row = pane.model.vendors.index("qos")
        before = _cell_image(pane.view, row, FeedColumn.RATE_SPARK)
        for second in range(2, 12):
            service.sig_health.emit(health(second, rate=float(second * 10), latency_ms=30 + second))
        rates, latencies = pane.model.samples("qos")
        assert len(rates) == 12 and rates[-1] == 110.0 and latencies[-1] == 41.0
        after = _cell_image(pane.view, row, FeedColumn.RATE_SPARK)
        assert after != before
        assert _has_colour(after, theme.line_colours(theme.current(), 2)[0])
        assert _has_colour(_cell_image(pane.view, row, FeedColumn.LATENCY_SPARK), theme.line_colours(theme.current(), 2)[1])
        for second in range(12, SPARK_SAMPLES + 50):  # ten minutes kept, no more
            service.sig_health.emit(health(second))
        assert len(pane.model.samples("qos")[0]) == SPARK_SAMPLES
        assert pane.model.vendors.index("qos") == row  # rows stay where they are


def test_the_status_light_turns_amber_and_red_and_back_and_a_click_raises_the_pane(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        feeds = window.feeds
        light = feeds.indicator
        now = [0.0]
        light.clock = lambda: now[0]
        service = window.service
        palette = theme.current()

        def shows(colour) -> bool:
            return _has_colour(light.grab().toImage(), colour, 30)

        service.sig_health.emit(health(0))
        qtbot.waitUntil(lambda: light.level == OK, timeout=2500)  # (the simulator's own health is good too)
        assert shows(palette.green) and not shows(palette.red) and "All feeds healthy" in light.toolTip()

        service.sig_health.emit(health(1, stale=["US:AAPL", "US:MSFT"]))
        assert light.level == AMBER and shows(palette.amber) and not shows(palette.green)
        assert "2 symbols stale on qos" in light.toolTip() and "US:AAPL, US:MSFT" in light.toolTip()
        service.sig_health.emit(health(2, latency_ms=3_500))
        assert light.level == AMBER and "qos is slow: latency 3,500 ms" in light.toolTip()
        service.sig_health.emit(health(3, state="reconnecting"))
        assert light.level == RED and shows(palette.red) and "qos is reconnecting" in light.toolTip()
        service.sig_health.emit(health(4))
        assert light.level == OK and shows(palette.green)
        service.sig_health.emit(health(5, refusals=1))
        assert light.level == RED and "qos refused a request (1 so far)" in light.toolTip()
        now[0] += REFUSAL_HOLD_S + 1  # a minute later, nothing refused since: green again
        service.sig_health.emit(health(6, refusals=1))
        assert light.level == OK and shows(palette.green)

        # a click brings the pane to the front (behind the Symbols tab, then closed)
        dock, pane = feeds.dock, feeds.pane
        window.browser_dock.raise_()
        qtbot.waitUntil(lambda: not _in_front(pane), timeout=1000)
        QTest.mouseClick(light, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _in_front(pane), timeout=1000)
        dock.close()
        assert not _in_front(pane)
        QTest.mouseClick(light, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _in_front(pane), timeout=1000)
        assert dock in window.docks.values() and dock.toggleViewAction().isChecked()


def test_a_double_click_on_a_stale_symbol_links_it(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700", "US:AAPL"], selected="HK:00700")) as window:
        feeds = window.feeds
        feeds.show_pane()
        feeds.stale.sig_changed.emit({"US:AAPL": 42_000})
        view = feeds.pane.stale_view
        qtbot.waitUntil(view.isVisible, timeout=1000)
        assert feeds.pane.stale_model.data(feeds.pane.stale_model.index(0, 1)) == "42 s"
        rect = view.visualRect(feeds.pane.stale_model.index(0, 0))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a user's double-click:
        assert window.linked_symbol == "HK:00700"  # (a single click only selects)
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # then the second press
        assert window.linked_symbol == "US:AAPL" and window.chart.symbol == "US:AAPL"


def test_the_light_takes_the_new_themes_colours_at_a_theme_switch(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        light = window.feeds.indicator
        window.service.sig_health.emit(health(0, stale=["US:AAPL"]))
        assert light.level == AMBER
        try:
            window.theme_actions["light"].trigger()
            image = light.grab().toImage()
            assert _has_colour(image, theme.LIGHT.amber, 30) and not _has_colour(image, theme.DARK.amber, 10)
        finally:
            window.theme_actions["dark"].trigger()
        assert _has_colour(light.grab().toImage(), theme.DARK.amber, 30)
