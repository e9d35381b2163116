"""The chart as a user drives it: zoom, pan, keys, crosshair, periods, indicators, older pages
(simulator and fake vendors), the kline cache across a restart, and the back-fill after a
reconnect."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.periods import Period
from app.feeds.qos import QosFeed
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.storage.klines import KlineCache
from app.storage.settings import Settings, VendorHosts
from app.ui.chart.studies import StudyKind
from app.ui.shell.main_window import MainWindow
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.fakes.qos import FakeQosServer
from tests.support.window_parts import window_parts


@pytest.fixture
def window(qloop, qtbot):
    settings = Settings(watchlist=["CRYPTO:BTCUSDT", "HK:00700"], selected="CRYPTO:BTCUSDT", red_up=True)
    with window_on_sim(qtbot, settings) as win:
        qtbot.waitUntil(lambda: len(win.chart.manager) >= 1000, timeout=10000)
        yield win


def _wheel(view, scene_pos: QPointF, notches: int) -> None:
    pos = view.mapFromScene(scene_pos)
    event = QWheelEvent(QPointF(pos), QPointF(view.viewport().mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_wheel_zooms_around_the_cursor_keys_pan_and_end_returns_to_real_time(window, qtbot):
    chart = window.chart
    view = chart.view
    n = len(chart.manager)
    x0, x1 = view.x_range()
    assert x0 < n - 1 < x1 and view.following and not chart.live_action.isVisible()
    # the keys: ← pans into the past (the view stops following), ↑ zooms in
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    y0, y1 = view.x_range()
    assert y0 < x0 and y1 - y0 == pytest.approx(x1 - x0)
    assert not view.following and chart.live_action.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    z0, z1 = view.x_range()
    assert z1 - z0 < y1 - y0
    # zooming around the cursor (what the wheel asks for) keeps that bar where it was
    vb = view.price.vb
    target = z0 + (z1 - z0) * 0.3
    view.zoom(0.7, target)
    w0, w1 = view.x_range()
    assert w1 - w0 == pytest.approx((z1 - z0) * 0.7)
    assert (target - w0) / (w1 - w0) == pytest.approx(0.3)
    # the y range fits the visible bars
    a, b = chart.manager.visible(w0, w1)
    lo, hi = vb.viewRange()[1]
    assert lo <= chart.manager.low[a:b].min() and hi >= chart.manager.high[a:b].max()
    assert hi - lo < (chart.manager.high[a:b].max() - chart.manager.low[a:b].min()) * 1.3
    # End: back to the live bar, following again
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.following and not chart.live_action.isVisible()
    assert view.x_range()[1] >= len(chart.manager) - 1


def _standalone_view(qtbot, width: int, n: int, seed: int, step: float):
    """A chart view on its own, ``n`` random-walk minute bars around 100."""
    from app.ui.chart.view import ChartView
    from app.ui.kit.theme import RED_UP

    view = ChartView(RED_UP)
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    close = 100 + np.cumsum(np.random.default_rng(seed).normal(0, step, n))
    view.set_arrays(np.arange(n, dtype=np.int64) * 60_000, np.vstack([close, close + 1, close - 1, close, close * 0 + 5]))
    QApplication.processEvents()
    return view


def test_the_wheel_over_a_pane_asks_for_a_zoom_around_the_cursor(qtbot):
    view = _standalone_view(qtbot, 1000, 3000, seed=3, step=1.0)
    vb = view.price.vb
    with qtbot.waitSignal(vb.sig_zoom) as blocker:
        _wheel(view, QPointF(vb.sceneBoundingRect().center()), 2)
    factor, x = blocker.args
    assert factor < 1 and vb.viewRange()[0][0] < x < vb.viewRange()[0][1]


def _drag(view, start: QPointF, end: QPointF, steps: int = 8) -> None:
    """A real left-button drag on the viewport, in view (widget) coordinates."""
    port = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton

    def send(kind, pos, button, buttons):
        event = QMouseEvent(kind, pos, QPointF(port.mapToGlobal(pos.toPoint())), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(port, event)

    send(QEvent.Type.MouseButtonPress, start, left, left)
    for k in range(1, steps + 1):
        send(QEvent.Type.MouseMove, start + (end - start) * (k / steps), none, left)
    send(QEvent.Type.MouseButtonRelease, end, left, none)


def test_dragging_pans_dragging_the_price_axis_stretches_and_double_click_resets(window, qtbot, monkeypatch):
    # pyqtgraph drops moves closer than 10 ms apart; these synthetic ones come all at once
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)
    chart = window.chart
    view = chart.view
    vb = view.price.vb
    QApplication.processEvents()
    x0, x1 = view.x_range()
    box = view.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    per_bar = box.width() / (x1 - x0)
    centre = QPointF(box.center())
    _drag(view, centre, centre + QPointF(200, 0))
    y0, y1 = view.x_range()
    assert y1 - y0 == pytest.approx(x1 - x0)
    assert x0 - y0 == pytest.approx(200 / per_bar, rel=0.1)  # the bars followed the mouse
    assert not view.following and chart.live_action.isVisible()
    # a drag up the price axis stretches the prices; the y range then stays the user's
    axis = view.mapFromScene(view.price.price_axis.sceneBoundingRect()).boundingRect()
    lo, hi = vb.viewRange()[1]
    _drag(view, QPointF(axis.center()), QPointF(axis.center()) + QPointF(0, 60))
    lo2, hi2 = vb.viewRange()[1]
    assert vb.manual_y and hi2 - lo2 > (hi - lo) * 1.3
    view.pan(-3)
    assert vb.viewRange()[1] == pytest.approx([lo2, hi2])
    # a double-click gives the automatic view back
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre.toPoint())
    qtbot.waitUntil(lambda: not vb.manual_y and view.following, timeout=2000)
    assert view.x_range()[1] >= len(chart.manager) - 1


def test_crosshair_lines_labels_legend_and_magnet(window, qtbot):
    chart = window.chart
    view = chart.view
    chart.set_study(StudyKind.RSI, True)
    vb = view.price.vb
    QApplication.processEvents()
    x0, x1 = view.x_range()
    i = int((x0 + x1) / 2)
    y_lo, y_hi = vb.viewRange()[1]
    scene = vb.mapViewToScene(QPointF(i + 0.2, (y_lo + y_hi) / 2))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene))
    qtbot.waitUntil(lambda: view.hover == i, timeout=2000)
    assert all(p.v_line.isVisible() and p.v_line.value() == i for p in view.panes)
    assert view.price.h_line.isVisible() and not view.panes[-1].h_line.isVisible()
    assert "cross" in view.price.price_axis.markers and "cross" in view.panes[-1].time_axis.markers
    # the legend names the hovered bar, above the candles (in the pane's title row)
    close = f"{chart.manager.close[i]:,.2f}"
    assert close in view.price.plot.titleLabel.text
    assert view.price.plot.titleLabel.sceneBoundingRect().bottom() <= vb.sceneBoundingRect().top() + 1
    assert "RSI" in view.panes[-1].plot.titleLabel.text
    # magnet: the horizontal line snaps to the nearest of open, high, low, close
    chart.magnet_button.setChecked(True)
    assert window.settings.chart.magnet
    view.show_crosshair(i, float(chart.manager.high[i]) + 0.01, view.price)
    assert view.price.h_line.value() == pytest.approx(chart.manager.high[i])
    view.hide_crosshair()
    assert view.hover is None and not view.price.v_line.isVisible()


def test_long_legends_never_push_the_price_axis_out_of_a_narrow_dock(window, qtbot):
    chart = window.chart
    view = chart.view
    for kind in (StudyKind.MA, StudyKind.BOLL, StudyKind.MACD, StudyKind.RSI):
        chart.set_study(kind, True)
    window.resizeDocks([window.chart_dock], [560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: view.width() < 700, timeout=2000)
    view.show_crosshair(len(chart.manager) - 2, float(chart.manager.close[-2]), view.price)
    QApplication.processEvents()
    # the legend is longer than the pane: it wraps at the pane's width (its row as tall as its
    # lines) rather than widening the scene
    label = view.price.plot.titleLabel
    assert len(label.lines) >= 3 and label.text_rect().height() <= label.geometry().height() + 1
    assert label.text_rect().width() <= label.geometry().width() + 1
    assert view.ci.geometry().width() <= view.width()
    for pane in view.panes:
        assert pane.price_axis.isVisible()
        assert pane.price_axis.sceneBoundingRect().right() <= view.viewport().width() + 1


def test_period_switch_and_periods_the_vendor_lacks(window, qtbot, monkeypatch):
    chart = window.chart
    five = next(b for b in chart.period_buttons.buttons() if b.property("period") == "5m")
    five.click()
    assert chart.period is Period.M5 and five.isChecked()
    qtbot.waitUntil(lambda: chart._loaded and len(chart.manager) >= 1000, timeout=10000)
    assert set(np.diff(chart.manager.ts) % (5 * 60_000)) == {0}
    assert "5m" in chart.title.text()
    # a vendor that lacks some periods: those buttons are disabled and say why
    monkeypatch.setattr(window.service.feed, "chart_periods", lambda s: frozenset({Period.M1, Period.D1}))
    chart.set_symbol("HK:00700")
    assert chart.period is Period.D1  # 5m is not offered: the chart falls back
    four = next(b for b in chart.period_buttons.buttons() if b.property("period") == "4h")
    assert not four.isEnabled() and "does not offer 4h bars" in four.toolTip()


def test_indicators_added_removed_with_parameters_and_remembered(window, qtbot):
    chart = window.chart
    view = chart.view
    assert [s.kind for s in view.studies()] == [StudyKind.MA, StudyKind.VOL]  # the defaults
    panes = len(view.panes)
    chart.set_study(StudyKind.MACD, True)
    chart.set_study(StudyKind.BOLL, True)
    assert len(view.panes) == panes + 1 and "MACD(12,26,9)" in view.panes[-1].plot.titleLabel.text
    assert [s.kind for s in view.studies()] == [StudyKind.MA, StudyKind.BOLL, StudyKind.VOL, StudyKind.MACD]
    assert [s.kind for s in window.settings.chart.studies] == ["MA", "BOLL", "VOL", "MACD"]
    chart.set_macd_chinese(True)
    assert "DIF" in view.panes[-1].plot.titleLabel.text and window.settings.chart.studies[-1].chinese
    # parameters through the (non-modal) prompt; a bad entry is said, not applied
    ma = view.studies()[0]
    dialog = chart.ask_params(ma)
    dialog.textValueSelected.emit("7, 30")
    ma = next(s for s in view.studies() if s.kind is StudyKind.MA)
    assert ma.params == (7, 30)
    assert next(s for s in window.settings.chart.studies if s.kind == "MA").params == [7, 30]
    assert "MA7" in view.price.plot.titleLabel.text
    # a study with new parameters keeps its place, an overlay's and a sub-pane's alike
    vol = next(s for s in view.studies() if s.kind is StudyKind.VOL)
    chart.ask_params(vol).textValueSelected.emit("20")
    assert [s.kind for s in view.studies()] == [StudyKind.MA, StudyKind.BOLL, StudyKind.VOL, StudyKind.MACD]
    assert "MAVOL20" in view.panes[1].plot.titleLabel.text and "DIF" in view.panes[2].plot.titleLabel.text
    assert [s.kind for s in window.settings.chart.studies] == ["MA", "BOLL", "VOL", "MACD"]
    dialog = chart.ask_params(ma)
    dialog.textValueSelected.emit("seven")
    assert "numbers separated by commas" in chart.notice.text()
    chart.set_study(StudyKind.MACD, False)
    assert len(view.panes) == panes and StudyKind.MACD not in [s.kind for s in view.studies()]


def test_scrolling_past_the_left_edge_loads_older_pages_on_the_simulator(window, qtbot):
    chart = window.chart
    first = int(chart.manager.ts[0])
    n = len(chart.manager)
    chart.view.go_home()
    qtbot.waitUntil(lambda: len(chart.manager) > n, timeout=10000)
    assert int(chart.manager.ts[0]) < first and np.all(np.diff(chart.manager.ts) > 0)
    # the view still shows the same bars: indices shifted by the page
    qtbot.waitUntil(lambda: not chart.busy.isVisible(), timeout=10000)


def test_scrolling_past_the_left_edge_loads_older_pages_from_a_fake_vendor(qloop, qtbot):
    itick = FakeItickServer(token="chart-token")
    run_task(qtbot, itick.start())
    settings = Settings(watchlist=["CRYPTO:BTCUSDT"], selected="CRYPTO:BTCUSDT")
    settings.hosts["itick"] = VendorHosts(base_url=itick.http_url, ws_url=itick.ws_url)
    settings.itick_plan.http_per_minute = 600
    try:
        with window_on_sim(qtbot, settings) as window:
            run_task(qtbot, window.switch_vendor("itick", api_key="chart-token"), timeout=10000)
            chart = window.chart
            qtbot.waitUntil(lambda: chart.symbol == "CRYPTO:BTCUSDT" and chart._loaded
                            and len(chart.manager) >= 1000, timeout=10000)
            first, n = int(chart.manager.ts[0]), len(chart.manager)
            chart.view.go_home()
            assert chart.busy.isVisible()  # at once, before the vendor answers
            shown = chart.manager.ts[int(chart.view.x_range()[0]) + 5]
            qtbot.waitUntil(lambda: len(chart.manager) > n, timeout=10000)
            qtbot.waitUntil(lambda: not chart.busy.isVisible(), timeout=10000)
            ts = chart.manager.ts
            assert int(ts[0]) < first and np.all(np.diff(ts) == 60_000)  # no hole, no overlap
            # the page came from the vendor, asked for bars ending where ours began
            older = [q for path, q, *_ in itick.http_log if "kline" in path and q.get("et")]
            assert older and int(older[0]["et"]) <= first
            # the view stays on the bars the user was looking at
            assert chart.manager.ts[int(chart.view.x_range()[0]) + 5] == shown
            assert not chart.view.older_exhausted and itick.refusals == []
    finally:
        run_task(qtbot, itick.aclose())


def test_a_vendor_without_deeper_history_says_so_once(qloop, qtbot):
    maidong = FakeMaidongServer()
    run_task(qtbot, maidong.start())
    settings = Settings(watchlist=["CRYPTO:BTCUSDT"], selected="CRYPTO:BTCUSDT")
    settings.hosts["maidong"] = VendorHosts(base_url=maidong.http_url, ws_url=maidong.ws_url)
    try:
        with window_on_sim(qtbot, settings) as window:
            run_task(qtbot, window.switch_vendor("maidong"), timeout=10000)
            chart = window.chart
            qtbot.waitUntil(lambda: chart.symbol == "CRYPTO:BTCUSDT" and len(chart.manager) > 100, timeout=10000)
            chart.view.go_home()
            qtbot.waitUntil(lambda: "has no 1m bars before" in chart.notice.text(), timeout=10000)
            assert chart.view.older_exhausted and not chart.busy.isVisible()
            asked = len(maidong.http_log)
            chart.view.pan(-5)
            chart.view.go_home()
            assert len(maidong.http_log) == asked  # said once, not asked again
    finally:
        run_task(qtbot, maidong.aclose())


@pytest.fixture
def fake_qos(qloop, qtbot):
    server = FakeQosServer(key="chart-key", min_interval=None, http_limit=None)
    run_task(qtbot, server.start())
    yield server
    run_task(qtbot, server.aclose())


def _qos_window(qtbot, fake, cache):
    feed = QosFeed(api_key="chart-key", base_url=fake.http_url, ws_url=fake.ws_url)
    service = MarketDataService(feed)
    history = KlineHistory(service, cache)
    settings = Settings(vendor="qos", watchlists={"qos": ["HK:00700"]}, selected="HK:00700")
    window = MainWindow(service, settings, **window_parts(service, settings, history=history))
    qtbot.addWidget(window)
    run_task(qtbot, service.start(), timeout=10000)
    window.show()
    window.start()
    return window, service, history


def test_the_kline_cache_survives_a_restart_and_shows_at_once(qloop, qtbot, fake_qos, tmp_path):
    path = tmp_path / "klines.sqlite3"
    cache = KlineCache(path)
    window, service, history = _qos_window(qtbot, fake_qos, cache)
    chart = window.chart
    qtbot.waitUntil(lambda: len(chart.manager) >= 100 and not chart.busy.isVisible(), timeout=10000)
    shown = chart.manager.ts.copy()
    history.flush()
    run_task(qtbot, service.aclose())
    cache.close()
    window.close()

    # the restart: the vendor is gone; the chart opens from the disk and says why it stops there
    run_task(qtbot, fake_qos.aclose())
    cache = KlineCache(path)
    window, service, history = _qos_window(qtbot, fake_qos, cache)
    chart = window.chart
    qtbot.waitUntil(lambda: len(chart.manager) >= len(shown) - 1, timeout=10000)
    assert set(shown[:-1]) <= set(chart.manager.ts)
    assert "Cached bars; asking qos for the latest" in chart.notice.text()
    run_task(qtbot, service.aclose())
    cache.close()


def test_missing_bars_are_back_filled_after_a_reconnect(qloop, qtbot, fake_qos):
    window, service, history = _qos_window(qtbot, fake_qos, None)
    chart = window.chart
    qtbot.waitUntil(lambda: len(chart.manager) >= 100, timeout=10000)
    # a hole, as if bars were missed while the connection was down
    keep = chart.manager.ts.copy()
    bars = [b for b in [_bar_at(chart, i) for i in range(len(keep))] if b.ts not in set(keep[-10:-3])]
    chart.view.set_bars(bars)
    assert len(chart.manager) == len(keep) - 7
    with qtbot.waitSignal(history.sig_backfill, timeout=20000):
        fake_qos.drop_all()
    qtbot.waitUntil(lambda: set(keep[-10:-3]) <= set(chart.manager.ts), timeout=5000)
    assert np.all(np.diff(chart.manager.ts) > 0)
    run_task(qtbot, service.aclose())


def _bar_at(chart, i):
    from app.core.types import Bar
    ts, o, h, lo, c, v = chart.manager.bar(i)
    return Bar("qos", chart.symbol, chart.period.value, ts, o, h, lo, c, v)


def test_axes_label_round_prices_calmly_and_whole_bars_only(qtbot):
    from PySide6.QtGui import QImage, QPainter

    from app.ui.chart.axis import PRICE_LABEL_PITCH

    view = _standalone_view(qtbot, 900, 2000, seed=5, step=0.5)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, ticks, texts = view.price.price_axis.generateDrawSpecs(painter)
        y_lo, y_hi = view.price.vb.viewRange()[1]
        prices = [float(t.replace(",", "")) for _, _, t in texts]
        assert len(prices) >= 3 and all(y_lo <= p <= y_hi for p in prices)
        steps = np.diff(sorted(prices))
        assert np.allclose(steps, steps[0])  # one round step
        centres = sorted(r.center().y() for r, _, _ in texts)
        assert min(np.diff(centres)) >= PRICE_LABEL_PITCH - 1
        time_axis = view.panes[-1].time_axis
        _, _, times = time_axis.generateDrawSpecs(painter)
        assert times and all(":" in t or "-" in t for _, _, t in times)
        frame = time_axis.boundingRect()
        assert all((frame & r) == r for r, _, _ in times)
    finally:
        painter.end()
