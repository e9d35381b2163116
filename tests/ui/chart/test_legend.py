"""The chart's legends and study lines as a trader reads them: every item whole on one line in a
narrow chart (English and Chinese), a distinct colour for every line of a pane (dark and light),
one volume formatter for the legend, the volume axis and the watchlist, the lines' names
translatable."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.storage.settings import Settings
from app.ui.chart.items import LineItem
from app.ui.chart.panes import LEGEND_GAP
from app.ui.chart.studies import StudyKind
from app.ui.kit import formatting as fmt
from app.ui.kit import i18n, theme
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.windows import still_sim_window
from tests.support.language import language  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[3]
NBSP = "\xa0"


def _studies(chart, *kinds: StudyKind) -> None:
    """Turn studies on through the chart's Indicators menu, as a user does."""
    chart._build_studies_menu()
    wanted = {f"{k.value} " for k in kinds} | {k.value for k in kinds}
    for action in chart.studies_menu.actions():
        head = action.text().split("—")[0]
        if head in wanted and action.isCheckable() and not action.isChecked():
            action.trigger()
    assert {k for k in kinds} <= {s.kind for s in chart.view.studies()}


def _lines(label) -> list[str]:
    """The lines the label paints, as a reader sees them (an item's spaces unbreakable, items
    apart by the legend's gap)."""
    return [LEGEND_GAP.join("".join(text for text, _ in item).replace(" ", NBSP) for item in line)
            for line in label.lines]


def _expected_items(view) -> dict[int, list[str]]:
    """Items of the last bar's legends that must stay whole: the volume, each overlay's lines,
    each volume average (the price and volume panes, by ``id``)."""
    i = len(view.manager) - 1
    vol_pane = next(p for p in view.panes if p.study is not None and p.study.spec.kind is StudyKind.VOL)
    price = [f"{QCoreApplication.translate('ChartView', 'V')}{NBSP}"
             f"{fmt.volume(float(view.manager.volume[i]), view.chinese, view.size_decimals)}"]
    for study, _items in view.overlays:
        for name in study.series:
            price.append(f"{QCoreApplication.translate('Studies', name)}{NBSP}"
                         f"{fmt.price(study.value_at(name, i), view.decimals)}")
    volume = [f"{name}{NBSP}{fmt.volume(vol_pane.study.value_at(name, i), view.chinese, view.size_decimals)}"
              for name in vol_pane.study.series]
    return {id(view.price): price, id(vol_pane): volume}


def test_a_narrow_chart_shows_every_legend_item_whole_on_one_line(qloop, qtbot, language):
    settings = Settings(watchlist=["HK:00700", "CRYPTO:BTCUSDT"], selected="HK:00700")
    with still_sim_window(qtbot, settings) as window:
        chart = window.chart
        view = chart.view
        _studies(chart, StudyKind.MA, StudyKind.BOLL, StudyKind.VOL, StudyKind.MACD)
        expected = _expected_items(view)
        if language == "zh_CN":  # volumes in 万: a number and its unit must stay together
            assert all("万" in item for item in expected[id(view.panes[1])])
        window.resizeDocks([window.chart_dock], [420], Qt.Orientation.Horizontal)  # a narrow dock
        for width in range(200, 620, 12):  # and narrower: wherever a line happens to end
            view.setFixedWidth(width)
            qtbot.waitUntil(lambda w=width: view.width() == w, timeout=2000)
            QApplication.processEvents()
            for pane in view.panes:
                label = pane.plot.titleLabel
                lines = _lines(label)
                for item in expected.get(id(pane), []):
                    assert sum(item in line for line in lines) == 1, (width, item, lines)
                # nothing cut: the text fits in the row, the row inside the chart and above the plot
                text = label.mapRectToScene(label.text_rect())
                row = label.sceneBoundingRect()
                assert text.bottom() <= row.bottom() + 1 and text.height() > 0, (width, lines)
                assert row.right() <= view.viewport().width() + 1
                assert row.bottom() <= pane.vb.sceneBoundingRect().top() + 1
        assert len(_lines(view.price.plot.titleLabel)) >= 3  # even the widest tried wraps


@pytest.fixture
def dark_again(qapp):
    """A theme is the application's: give the next test the dark one back."""
    yield
    theme.apply(qapp, theme.DARK)


@pytest.mark.parametrize("theme_name", ["dark", "light"])
def test_every_study_line_of_a_pane_has_its_own_colour(qloop, qtbot, theme_name, dark_again):
    settings = Settings(watchlist=["HK:00700"], selected="HK:00700")
    with still_sim_window(qtbot, settings) as window:
        chart = window.chart
        view = chart.view
        _studies(chart, StudyKind.MA, StudyKind.EMA, StudyKind.BOLL, StudyKind.VOL, StudyKind.MACD)
        for name in ("light", "dark", theme_name):  # a theme switch gives them out again
            window.set_theme(name)
        overlays = [item for _study, items in view.overlays for item in items]
        assert len(overlays) == 4 + 2 + 3
        for pane in view.panes:
            lines = overlays if pane is view.price else [it for _n, it in pane.lines if isinstance(it, LineItem)]
            colours = [item.colour.name() for item in lines]
            assert len(set(colours)) == len(colours), (pane.study, colours)
            palette = [c.name() for c in view.theme.studies]
            assert all(c in palette for c in colours[:len(palette)])  # from the theme's own palette
        assert view.theme.name == theme_name
        # removing a study gives its colours back: MA5 keeps the first, BOLL follows MA's lines
        chart.set_study(StudyKind.EMA, False)
        names = [item.colour.name() for _study, items in view.overlays for item in items]
        assert names == [c.name() for c in view.theme.studies[:7]]


def test_a_volume_reads_the_same_in_the_legend_on_the_volume_axis_and_in_the_watchlist(qloop, qtbot):
    settings = Settings(watchlist=["CRYPTO:BTCUSDT", "HK:00700"], selected="CRYPTO:BTCUSDT")
    with still_sim_window(qtbot, settings) as window:
        chart = window.chart
        view = chart.view
        inst = window.service.instrument("CRYPTO:BTCUSDT")
        assert view.size_decimals == inst.size_decimals > 0  # fractional coins
        vol_pane = next(p for p in view.panes if p.study is not None and p.study.spec.kind is StudyKind.VOL)
        for i in (len(chart.manager) - 2, len(chart.manager) - 30):
            volume = float(chart.manager.volume[i])
            view.show_crosshair(i, volume, vol_pane)
            shared = fmt.volume(volume, view.chinese, inst.size_decimals)
            v = QCoreApplication.translate("ChartView", "V")
            assert f"{v}{NBSP}{shared}" in "\n".join(_lines(view.price.plot.titleLabel))
            assert shared in "\n".join(_lines(vol_pane.plot.titleLabel))
            # the crosshair's label on the volume axis at that volume, and the axis's ticks
            assert vol_pane.price_axis.markers["cross"].text == shared
        ticks = [text for _v, text, _w in vol_pane.price_axis.labelled_ticks()]
        assert ticks and ticks == [fmt.volume(v, view.chinese, inst.size_decimals)
                                   for v, _t, _w in vol_pane.price_axis.labelled_ticks()]
        model = window.watchlist_model
        row = model.shown.index("CRYPTO:BTCUSDT") if isinstance(model.shown, list) else model.shown().index(
            "CRYPTO:BTCUSDT")
        quote = window.service.latest_quote("CRYPTO:BTCUSDT")
        assert model.index(row, WatchlistColumn.VOLUME).data() == fmt.volume(quote.volume, view.chinese, inst.size_decimals)


@pytest.mark.parametrize(("value", "chinese", "decimals", "text"), [
    (5647.0, True, 0, "5,647"), (5647.0, False, 0, "5.65K"), (5.647, False, 3, "5.65"), (27.94695, False, 5, "27.95"),
    (27.95, False, 5, "27.95"), (0.00054, False, 5, "0.00054"), (20.0, False, 5, "20"),
    (14_700.0, True, 0, "1.47万"), (3.2e8, True, 0, "3.20亿"), (0.0, False, 3, "0"),
])
def test_the_volume_formatter(value, chinese, decimals, text):
    assert fmt.volume(value, chinese, decimals) == text


def test_study_line_names_and_the_volume_label_are_translated(qloop, qtbot, qapp):
    translators = i18n.install(qapp, "zh_CN")  # the shipped catalogue
    try:
        with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
            chart = window.chart
            _studies(chart, StudyKind.BOLL, StudyKind.MACD)
            text = "\n".join(line for pane in chart.view.panes for line in _lines(pane.plot.titleLabel))
            for name in ("中轨", "上轨", "下轨", "信号线", "柱", "量"):
                assert f"{name}{NBSP}" in text
            for name in ("MID", "UPPER", "LOWER", "SIGNAL", "HIST"):
                assert name not in text
    finally:
        i18n.uninstall(qapp, translators)
        i18n.install(qapp, "en")


def test_lupdate_finds_the_legend_strings(tmp_path):
    tool = shutil.which("pyside6-lupdate") or shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert tool is not None
    out = tmp_path / "legend.ts"
    sources = [str(ROOT / "app/ui/chart/crosshair.py"), str(ROOT / "app/ui/chart/studies.py")]
    subprocess.run([tool, *sources, "-ts", str(out)], check=True, capture_output=True, timeout=60)
    found = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(out).getroot().iter("context")
             for m in c.iter("message")}
    assert {("ChartView", "V"), ("Studies", "MID"), ("Studies", "UPPER"), ("Studies", "LOWER"),
            ("Studies", "SIGNAL"), ("Studies", "HIST")} <= found
    catalogue = {(c.findtext("name"), m.findtext("source")): m.findtext("translation")
                 for c in ET.parse(ROOT / "resources/i18n/quote_terminal_zh_CN.ts").getroot().iter("context")
                 for m in c.iter("message")}
    assert catalogue[("ChartView", "V")] == "量" and catalogue[("Studies", "MID")] == "中轨"
