"""What Enter or a double-click in the watchlist opens: the chart as it was ("chart") or the
intraday view ("intraday"), per ``Settings.watchlist_opens`` (the settings dialog sets it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.storage.settings import Settings
    from app.ui.chart.widget import ChartWidget

OPENS = ("chart", "intraday")


def open_as_preferred(chart: ChartWidget, settings: Settings) -> None:
    """After the window charted the activated symbol: the candles ("chart": the intraday view
    is left for them) or the day's intraday view ("intraday"; five days stay five days)."""
    if settings.watchlist_opens == "intraday":
        if not chart.intraday_days:
            chart.set_intraday(1)
    elif chart.intraday_days:
        chart.set_intraday(0)
    chart.surface.setFocus()
