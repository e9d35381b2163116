"""A chart too short for a button a drawing tool (a cell of a grid, a low window) shows one
button with the tools in its menu: no tool is ever folded behind the strip's » button, and the
tools are back one a button once there is room."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolButton

from app.core.drawings import Tool
from app.storage.settings import Settings
from tests.support.windows import still_sim_window


def _folded(strip) -> bool:
    extension = strip.findChild(QToolButton, "qt_toolbar_ext_button")
    return extension is not None and extension.isVisible()


def test_a_short_chart_puts_the_tools_behind_one_button(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=["HK:00700"], selected="HK:00700")) as window:
        strip = window.chart.drawings.strip
        qtbot.waitUntil(lambda: strip.isVisible() and strip.height() > 300)
        assert not strip.compact and not _folded(strip)
        window.resize(1600, 420)
        qtbot.waitUntil(lambda: strip.compact, timeout=3000)
        qtbot.waitUntil(lambda: not _folded(strip), timeout=3000)
        assert strip.tools_button.isVisible()
        assert strip.height() < strip._full_height
        menu_tools = [a.data() for a in strip.tools_menu.actions()]
        assert menu_tools == [tool.value for tool in strip.actions_by_tool]
        seen = []

        def pick() -> None:  # the button's menu runs its own loop: picked from inside it
            if not strip.tools_menu.isVisible():
                QTimer.singleShot(20, pick)
                return
            seen.append(True)
            strip.tools_menu.actions()[2].trigger()  # the horizontal line, from the menu
            strip.tools_menu.hide()

        QTimer.singleShot(20, pick)
        qtbot.mouseClick(strip.tools_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=3000)
        assert window.chart.drawings.editor.tool is Tool.HLINE
        window.resize(1600, 900)
        qtbot.waitUntil(lambda: not strip.compact, timeout=3000)
        qtbot.waitUntil(lambda: not _folded(strip) and not strip.tools_button.isVisible(), timeout=3000)
        assert all(strip.widgetForAction(a).isVisible() for a in strip.actions_by_tool.values())
