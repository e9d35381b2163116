"""The Chinese interface: every string in the source has a translation (this test fails when a
new one does not), the compiled catalogue matches its source, and the window reads in Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from app.storage.settings import Settings, VendorHosts
from app.storage.workspaces import WorkspaceStore
from app.ui.kit import i18n
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window
from tests.fakes.qos import FakeQosServer

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "quote_terminal_zh_CN.ts"
QM = ROOT / "app" / "ui" / "translations" / "quote_terminal_zh_CN.qm"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} (from PySide6) is not installed")
    return found


def _messages(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation, its type attribute)."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            out[(name, message.findtext("source"))] = (translation.text or "", translation.get("type"))
    return out


def test_every_string_in_the_source_has_a_chinese_translation(tmp_path):
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True,
                   timeout=120)
    wanted = _messages(fresh)
    assert len(wanted) > 150  # the extraction itself worked
    ours = _messages(TS)
    untranslated = [key for key in wanted if key not in ours or not ours[key][0] or ours[key][1] == "unfinished"]
    assert not untranslated, (
        f"{len(untranslated)} strings have no Chinese translation in {TS.name} (run pyside6-lupdate, "
        f"translate, then pyside6-lrelease): {untranslated[:10]}")


def test_the_compiled_catalogue_matches_its_source(tmp_path):
    built = tmp_path / "built.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True,
                   timeout=60)
    assert built.read_bytes() == QM.read_bytes(), "recompile: pyside6-lrelease resources/i18n/*.ts"


def test_auto_follows_the_system_and_a_setting_overrides_it():
    assert i18n.choose("auto", QLocale("zh_CN")) == "zh_CN"
    assert i18n.choose("auto", QLocale("zh_TW")) == "zh_CN"
    assert i18n.choose("auto", QLocale("de_DE")) == "en"
    assert i18n.choose("en", QLocale("zh_CN")) == "en"
    assert i18n.choose("zh_CN", QLocale("en_US")) == "zh_CN"


@pytest.fixture
def chinese(qapp):
    translators = i18n.install(qapp, "zh_CN")
    yield
    i18n.uninstall(qapp, translators)
    i18n.install(qapp, "en")


def test_the_window_reads_in_chinese_with_chinese_names_and_red_up(qloop, qtbot, chinese):
    assert QLocale().language() == QLocale.Language.Chinese
    window = open_sim_window(qtbot, Settings(watchlist=["HK:00700", "US:AAPL"], selected="HK:00700"))
    try:
        assert window.watchlist_dock.windowTitle() == "自选" and window.tape_dock.windowTitle() == "逐笔成交"
        assert [a.text() for a in window.menuBar().actions()][:3] == ["文件(&F)", "视图(&V)", "工作区(&W)"]
        model = window.watchlist_model
        assert model.headerData(2, Qt.Orientation.Horizontal) == "最新价"
        qtbot.waitUntil(lambda: model.index(0, 1).data() == "腾讯控股", timeout=5000)
        assert window.red_up_action.isChecked()  # red means up for a Chinese reader
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs too
        assert "腾讯控股" in window.ladder.title.text()
    finally:
        run_task(qtbot, window.service.aclose())


def test_refusals_and_problems_from_below_qt_read_in_chinese(qloop, qtbot, chinese, tmp_path):
    """The feeds and the stores write English (the CLI's words); the window renders them."""
    damaged = tmp_path / "ws.json"
    damaged.write_text("{not json")
    server = FakeQosServer(key="right", min_interval=0.05, http_limit=None)
    run_task(qtbot, server.start())
    settings = Settings(watchlist=["HK:00700"], selected="HK:00700")
    settings.hosts["qos"] = VendorHosts(base_url=server.http_url, ws_url=server.ws_url)
    window = open_sim_window(qtbot, settings, workspaces=WorkspaceStore(damaged))
    try:
        qtbot.waitUntil(lambda: window.status.error.isVisible(), timeout=5000)
        assert "工作区文件无法读取" in window.status.error.text()  # the file was set aside, and said
        assert "模拟行情" in window.status.connection.toolTip()

        chart = window.chart
        chart.ask_params(chart.view.studies()[0]).textValueSelected.emit("seven")
        assert "MA 的参数是以逗号分隔的数字（周期）" in chart.notice.text()

        run_task(qtbot, window.switch_vendor("qos", api_key="wrong"), timeout=10000)
        qtbot.waitUntil(lambda: "QOS 拒绝了连接（HTTP 401）" in window.status.error.text(), timeout=10000)
        error = window.status.error.text()
        assert "“invalid key”" in error  # the vendor's own words, as sent
        assert "请用 `quote-terminal key set qos` 或 QOS_API_KEY 检查密钥" in error
        assert "refused" not in error and "wrong" not in error
        window.resize(900, 700)  # a long refusal is cut, whole in its tooltip; it never widens the window
        qtbot.waitUntil(lambda: window.width() == 900, timeout=2000)
        assert window.status.error.toolTip() == error
    finally:
        run_task(qtbot, window.service.aclose())
        run_task(qtbot, server.aclose())
