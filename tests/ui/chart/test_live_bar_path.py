"""A live bar goes from the service's frame straight to the chart's view (no pane method in
between: one hop fewer from the socket to the chart), held while the first page is on its way
and applied after it, as before."""

from __future__ import annotations

from app.core.types import Bar
from app.storage.settings import Settings
from app.ui.chart.widget import ChartWidget
from tests.support.windows import still_sim_window


def test_the_services_bars_reach_the_view_itself(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        chart, view = window.chart, window.chart.view
        assert not hasattr(ChartWidget, "on_bars")  # the pane relays nothing
        assert view.live_key == (chart.symbol, chart.period.value) and chart._loaded
        last = int(view.manager.ts[-1])
        n = len(view.manager)
        bar = Bar("sim", chart.symbol, chart.period.value, last + 86_400_000 * 7, 10.0, 11.0, 9.0, 10.5, 100.0)
        window.service.sig_bars.emit({(chart.symbol, chart.period.value): [bar]})
        assert len(view.manager) == n + 1 and float(view.manager.close[-1]) == 10.5
        # another symbol's bars, or a frame for this one after it is released, are not its own
        window.service.sig_bars.emit({("US:AAPL", chart.period.value): [bar]})
        assert len(view.manager) == n + 1
        chart.release()
        window.service.sig_bars.emit({(bar.symbol, chart.period.value): [bar]})
        assert len(view.manager) == n + 1


def test_live_bars_before_the_first_page_are_held_then_applied(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        chart, view = window.chart, window.chart.view
        view.expect((chart.symbol, chart.period.value))  # as set_symbol does: a page on its way
        p = chart.period.value
        first = [Bar("sim", chart.symbol, p, 1_741_658_400_000 + i * 60_000, 10.0, 11.0, 9.0, 10.0, 1.0)
                 for i in range(3)]
        live = Bar("sim", chart.symbol, p, first[-1].ts + 60_000, 10.0, 12.0, 9.5, 11.5, 5.0)
        window.service.sig_bars.emit({(chart.symbol, chart.period.value): [live]})
        assert not chart._loaded and view.held == [live]
        view.show_first(first)
        assert chart._loaded and len(view.manager) == 4 and float(view.manager.close[-1]) == 11.5
