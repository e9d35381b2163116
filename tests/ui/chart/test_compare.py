"""Compare on the chart, as a trader uses it: the Compare menu opens the symbol palette, a
symbol typed there and Enter puts it on the chart in percent from the first visible bar (the
chart's own scale goes to percent), with its own colour and legend item; a pan re-bases it;
the menu removes it; it is saved with the chart's settings and comes back after a restart."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app.core.periods import Period
from app.core.types import Bar
from app.storage.settings import Settings, load_settings, save_settings
from app.ui.chart.compare.item import CompareItem
from app.ui.chart.scale import ScaleMode
from app.ui.chart.visible import first_visible
from tests.support.windows import still_sim_window

OTHER = "HK:09988"


@pytest.fixture
def window(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        yield window


def _menu_action(chart, starts: str):
    menu = chart.compare.menu
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text().startswith(starts))


def compare_from_palette(qtbot, chart, typed: str, symbol: str):
    """Compare → Add symbol…, type in the palette, Enter: the symbol's first page shown."""
    _menu_action(chart, "Add symbol").trigger()
    palette = chart.window().palette
    qtbot.waitUntil(palette.isVisible, timeout=2000)
    assert palette.picking and "Compare" in palette.message.text()
    qtbot.keyClicks(palette.edit, typed)
    qtbot.waitUntil(lambda: palette.model.rowCount() > 0, timeout=2000)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert not palette.isVisible()
    qtbot.waitUntil(lambda: symbol in chart.compare.entries and chart.compare.entries[symbol].series.loaded,
                    timeout=5000)
    return chart.compare.entries[symbol]


def _legend_text(chart) -> str:
    return " ".join(text for item in chart.view.price.plot.titleLabel.items for text, _ in item)


def _hover(qtbot, chart, i: int) -> None:
    """The mouse on bar ``i`` of the price pane."""
    view = chart.view
    vb = view.price.vb
    y_lo, y_hi = vb.viewRange()[1]
    scene = vb.mapViewToScene(QPointF(i + 0.2, (y_lo + y_hi) / 2))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene))
    qtbot.waitUntil(lambda: view.hover == i, timeout=2000)


def _expected(chart, entry, i: int, base: int) -> float:
    """The compared symbol's own close at the chart's bars' times, from its bars."""
    closes = dict(zip(entry.series.bars.ts.tolist(), entry.series.bars.close.tolist(), strict=True))
    ts = chart.manager.ts
    return (closes[int(ts[i])] / closes[int(ts[base])] - 1.0) * 100.0


def _colour_pixels(chart, colour: QColor) -> int:
    image = chart.view.grab().toImage()
    rgb = colour.rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if image.pixel(x, y) == rgb)


def test_a_symbol_picked_in_the_palette_is_drawn_in_percent_from_the_first_visible_bar(window, qtbot):
    chart = window.chart
    assert chart.view.scale.mode is ScaleMode.NORMAL
    entry = compare_from_palette(qtbot, chart, "9988", OTHER)
    assert window.chart.symbol == "HK:00700"  # picked to compare, not charted
    assert chart.view.scale.mode is ScaleMode.PERCENT and chart.scale_box.currentText() == "Percent"
    assert chart.settings.compare == [OTHER] and chart.settings.scale == "percent"
    view = chart.view
    x0, x1 = view.x_range()
    base = first_visible(view.manager, x0, x1)
    n = len(view.manager)
    aligned = entry.series.aligned()
    # the drawn y: 0 % at the first visible bar, the symbol's own change in % at the others
    assert entry.item.to_y(aligned[base:base + 1], base)[0] == pytest.approx(0.0, abs=1e-9)
    for i in (base + 7, n - 1):
        assert entry.item.to_y(aligned[i:i + 1], base)[0] == pytest.approx(_expected(chart, entry, i, base), abs=1e-9)
    # and the main series too: its first visible close reads 0 % on the price axis
    assert view.scale.forward_one(float(view.manager.close[base])) == pytest.approx(0.0, abs=1e-9)
    # its legend item: the symbol, its name, its % at the last bar, then at the crosshair
    text = _legend_text(chart)
    assert f"{OTHER} " in text and f"{_expected(chart, entry, n - 1, base):+.2f}%" in text
    hovered = base + 20
    _hover(qtbot, chart, hovered)
    assert f"{_expected(chart, entry, hovered, base):+.2f}%" in _legend_text(chart)
    # its own colour, on screen and in its legend item
    colour = entry.item.colour
    assert any(run[1] == colour.name() and run[0].startswith(OTHER)
               for item in view.price.plot.titleLabel.items for run in item)
    assert colour not in [item.colour for _s, items in view.overlays for item in items]
    assert _colour_pixels(chart, colour) > 20


def test_a_pan_rebases_the_comparison_at_the_new_first_visible_bar(window, qtbot):
    chart = window.chart
    entry = compare_from_palette(qtbot, chart, "9988", OTHER)
    view = chart.view
    before = first_visible(view.manager, *view.x_range())
    view.setFocus()
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Left)  # as a user pans
    base = first_visible(view.manager, *view.x_range())
    assert base < before
    aligned = entry.series.aligned()
    assert entry.item.to_y(aligned[base:base + 1], base)[0] == pytest.approx(0.0, abs=1e-9)
    i = base + 11
    assert entry.item.to_y(aligned[i:i + 1], base)[0] == pytest.approx(_expected(chart, entry, i, base), abs=1e-9)
    assert view.scale.base == float(view.manager.close[base])  # the main series re-based with it
    drawn = entry.item.y_values()
    assert len(drawn) and np.nanmin(drawn) >= view.price.vb.viewRange()[1][0]  # the y fit holds the line


def test_two_comparisons_have_their_own_colours_and_the_menu_removes_them(window, qtbot):
    chart = window.chart
    first = compare_from_palette(qtbot, chart, "9988", OTHER)
    second = compare_from_palette(qtbot, chart, "AAPL", "US:AAPL")
    assert first.item.colour != second.item.colour
    assert chart.settings.compare == [OTHER, "US:AAPL"]
    colour = first.item.colour
    assert _colour_pixels(chart, colour) > 20
    _menu_action(chart, f"Remove {OTHER}").trigger()
    assert chart.compare.symbols == ["US:AAPL"] and chart.settings.compare == ["US:AAPL"]
    assert first.item.scene() is None and f"{OTHER} " not in _legend_text(chart)
    assert _colour_pixels(chart, colour) == 0
    assert chart.view.scale.mode is ScaleMode.PERCENT  # one comparison is still on
    _menu_action(chart, "Remove US:AAPL").trigger()
    assert chart.compare.symbols == [] and chart.settings.compare == []
    assert chart.view.scale.mode is ScaleMode.NORMAL  # the scale chosen before the comparisons


def test_remove_all_comparisons(window, qtbot):
    chart = window.chart
    compare_from_palette(qtbot, chart, "9988", OTHER)
    compare_from_palette(qtbot, chart, "AAPL", "US:AAPL")
    _menu_action(chart, "Remove all comparisons").trigger()
    assert chart.compare.symbols == [] and chart.settings.compare == []
    assert not any(isinstance(item, CompareItem) for item in chart.view.price.plot.items)
    assert chart.view.scale.mode is ScaleMode.NORMAL


def test_the_chart_own_symbol_or_a_second_time_is_refused_and_said(window, qtbot):
    chart = window.chart
    compare_from_palette(qtbot, chart, "9988", OTHER)
    _menu_action(chart, "Add symbol").trigger()
    palette = chart.window().palette
    qtbot.keyClicks(palette.edit, "9988")
    qtbot.waitUntil(lambda: palette.model.rowCount() > 0, timeout=2000)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert chart.compare.symbols == [OTHER] and "already compared" in chart.notice_text
    assert not chart.compare.add("HK:00700") and "own symbol" in chart.notice_text


def test_a_period_change_reloads_the_comparison_at_that_period(window, qtbot):
    chart = window.chart
    entry = compare_from_palette(qtbot, chart, "9988", OTHER)
    button = next(b for b in chart.period_buttons.buttons() if b.property("period") == "5m")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chart.period is Period.M5 and chart._loaded and entry.series.loaded, timeout=5000)
    assert entry.live.period is Period.M5
    steps = np.diff(entry.series.bars.ts)
    assert np.median(steps) == 5 * 60_000
    base = first_visible(chart.manager, *chart.view.x_range())
    i = len(chart.manager) - 1
    aligned = entry.series.aligned()
    assert entry.item.to_y(aligned[i:i + 1], base)[0] == pytest.approx(_expected(chart, entry, i, base), abs=1e-9)


def test_the_comparison_is_kept_live_and_a_missing_bar_carries_the_last_close(window, qtbot):
    chart = window.chart
    entry = compare_from_palette(qtbot, chart, "9988", OTHER)
    last = chart.manager.bar(len(chart.manager) - 1)
    other_last = entry.series.bars.bar(len(entry.series.bars) - 1)
    assert other_last[0] == last[0]
    ts = last[0] + 60_000
    new_main = Bar("sim", "HK:00700", "1m", ts, last[4], last[4] + 1, last[4] - 1, last[4] + 0.5, 10.0)
    window.service.sig_bars.emit({("HK:00700", "1m"): [new_main]})  # the compared symbol did not trade
    n = len(chart.manager)
    assert chart.manager.ts[-1] == ts
    base = first_visible(chart.manager, *chart.view.x_range())
    aligned = entry.series.aligned()
    assert aligned[n - 1] == other_last[4]  # carried forward
    moved = Bar("sim", OTHER, "1m", ts, other_last[4], other_last[4] * 1.02, other_last[4], other_last[4] * 1.02, 5.0)
    window.service.sig_bars.emit({(OTHER, "1m"): [moved]})
    assert entry.series.aligned()[n - 1] == pytest.approx(other_last[4] * 1.02)
    expected = (other_last[4] * 1.02 / first_finite_close(entry, base) - 1) * 100
    assert f"{expected:+.2f}%" in _legend_text(chart)


def first_finite_close(entry, base: int) -> float:
    return float(entry.series.aligned()[base])


def test_comparisons_come_back_after_a_restart(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        compare_from_palette(qtbot, window.chart, "9988", OTHER)
        save_settings(window.settings)
    loaded = load_settings()
    assert loaded.chart.compare == [OTHER] and loaded.chart.scale == "percent"
    with still_sim_window(qtbot, loaded) as again:
        chart = again.chart
        qtbot.waitUntil(lambda: OTHER in chart.compare.entries and chart.compare.entries[OTHER].series.loaded,
                        timeout=5000)
        assert chart.view.scale.mode is ScaleMode.PERCENT
        assert f"{OTHER} " in _legend_text(chart)
        entry = chart.compare.entries[OTHER]
        base = first_visible(chart.manager, *chart.view.x_range())
        i = len(chart.manager) - 1
        aligned = entry.series.aligned()
        assert entry.item.to_y(aligned[i:i + 1], base)[0] == pytest.approx(_expected(chart, entry, i, base), abs=1e-9)


def test_a_right_click_on_its_legend_item_offers_to_remove_it(window, qtbot):
    chart = window.chart
    compare_from_palette(qtbot, chart, "9988", OTHER)
    view = chart.view
    label = view.price.plot.titleLabel
    rect = next(rect for item, rect in label.item_rects() if item[0][0].startswith(f"{OTHER} "))
    pos = view.mapFromScene(rect.center())
    image = view.grab().toImage()  # the rect is where the item is drawn: its text in its colour
    box = view.mapFromScene(rect).boundingRect()
    colour = chart.compare.entries[OTHER].item.colour.rgb()
    assert any(image.pixel(x, y) == colour for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    menu = chart.compare.legend_menu
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible(), timeout=2000)
    remove = next(a for a in menu.actions() if a.text().startswith(f"Remove {OTHER}"))
    add = next(a for a in menu.actions() if a.text().startswith("Add symbol"))
    menu.hide()
    remove.trigger()
    assert chart.compare.symbols == [] and f"{OTHER} " not in _legend_text(chart)
    add.trigger()  # its other entry: the palette, to compare another
    assert window.palette.isVisible() and window.palette.picking


def test_the_history_follows_a_compared_symbol_and_its_backfill_is_merged(window, qtbot):
    chart = window.chart
    entry = compare_from_palette(qtbot, chart, "9988", OTHER)
    assert (OTHER, "1m") in chart.history._followed  # back-filled after a reconnect, cached
    k = len(entry.series.bars) - 5
    ts, o, h, lo, c, v = entry.series.bars.bar(k)
    fixed = Bar("sim", OTHER, "1m", ts, o, h * 1.01, lo, c * 1.01, v)
    chart.history.sig_backfill.emit({(OTHER, "1m"): [fixed]})
    i = chart.manager.index_of_ts(ts)
    assert entry.series.aligned()[i] == pytest.approx(c * 1.01)
    _menu_action(chart, f"Remove {OTHER}").trigger()
    assert (OTHER, "1m") not in chart.history._followed


def test_esc_leaves_the_compare_palette_and_the_next_search_charts_again(window, qtbot):
    chart = window.chart
    _menu_action(chart, "Add symbol").trigger()
    palette = window.palette
    qtbot.keyClicks(palette.edit, "9988")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Escape)
    assert not palette.isVisible() and not palette.picking and chart.compare.symbols == []
    window.open_palette("9988")  # as typing in a pane opens it
    assert not palette.picking
    qtbot.waitUntil(lambda: palette.model.rowCount() > 0, timeout=2000)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chart.symbol == OTHER, timeout=3000)  # charted, not compared
    assert chart.compare.symbols == []
