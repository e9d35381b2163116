"""The drawing tools down the chart's left edge, as TradingView has them: one button per tool
(with its key), and the list of the symbol's drawings. The tools are QActions on the chart
pane, so their keys work wherever the keyboard is in the chart and a shortcuts list that walks
the window's actions finds them. Their pictures are drawn here in the theme's text colour (and
drawn again when the theme changes)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from app.core.drawings import Tool
from app.ui.kit import theme

ICON = 18
# (tool, name, key): Alt+Shift and a letter (plain letters search, Alt+letter opens menus)
TOOLS = (
    (Tool.TREND, QT_TRANSLATE_NOOP("DrawingStrip", "Trend line"), "Alt+Shift+T"),
    (Tool.RAY, QT_TRANSLATE_NOOP("DrawingStrip", "Ray"), "Alt+Shift+Y"),
    (Tool.HLINE, QT_TRANSLATE_NOOP("DrawingStrip", "Horizontal line"), "Alt+Shift+H"),
    (Tool.HRAY, QT_TRANSLATE_NOOP("DrawingStrip", "Horizontal ray"), "Alt+Shift+J"),
    (Tool.VLINE, QT_TRANSLATE_NOOP("DrawingStrip", "Vertical line"), "Alt+Shift+V"),
    (Tool.CHANNEL, QT_TRANSLATE_NOOP("DrawingStrip", "Parallel channel"), "Alt+Shift+P"),
    (Tool.RECT, QT_TRANSLATE_NOOP("DrawingStrip", "Rectangle"), "Alt+Shift+R"),
    (Tool.FIB, QT_TRANSLATE_NOOP("DrawingStrip", "Fibonacci retracement"), "Alt+Shift+F"),
    (Tool.TEXT, QT_TRANSLATE_NOOP("DrawingStrip", "Text note"), "Alt+Shift+N"),
)


def tool_name(tool: Tool) -> str:
    """A tool's name in the reader's language."""
    source = next(name for t, name, _ in TOOLS if t is tool)
    return QCoreApplication.translate("DrawingStrip", source)


class DrawingStrip(QToolBar):
    """The tool strip. ``actions_by_tool`` holds each tool's checkable action (at most one is
    checked: the armed tool); ``list_button`` opens the list of the symbol's drawings."""

    def __init__(self, owner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart-drawings")
        self.setOrientation(Qt.Orientation.Vertical)
        self.setIconSize(QSize(ICON, ICON))
        self.setMovable(False)
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.actions_by_tool: dict[Tool, QAction] = {}
        for tool, name, key in TOOLS:
            action = QAction(self.tr(name), owner)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(self.tr("%1 (%2)").replace("%1", self.tr(name)).replace(
                "%2", QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)))
            action.setData(tool.value)
            self.group.addAction(action)
            owner.addAction(action)
            self.addAction(action)
            self.actions_by_tool[tool] = action
        self.separator = self.addSeparator()
        # too short for a button a tool (a cell of a chart grid): one button with the tools in a
        # menu instead, never a » that hides some
        self.tools_menu = QMenu(self)
        self.tools_menu.addActions(list(self.actions_by_tool.values()))
        self.tools_button = QToolButton(self)
        self.tools_button.setToolTip(self.tr("Drawing tools"))
        self.tools_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tools_button.setMenu(self.tools_menu)
        self.tools_action = self.insertWidget(self.separator, self.tools_button)
        self.tools_action.setVisible(False)
        self._full_height = 0  # the height of every button shown, measured in full mode
        self.list_button = QToolButton(self)
        self.list_button.setToolTip(self.tr("Drawings of this symbol: show or hide them"))
        self.list_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.list_menu = QMenu(self.list_button)
        self.list_button.setMenu(self.list_menu)
        self.addWidget(self.list_button)
        self._paint_icons()

    @property
    def compact(self) -> bool:
        """The tools are behind one button (the strip is too short for a button each)."""
        return self.tools_action.isVisible()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.compact:
            self._full_height = max(self._full_height, self.sizeHint().height())
        self._set_compact(0 < event.size().height() < self._full_height)

    def _set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        tools = list(self.actions_by_tool.values())
        if compact:
            for action in tools:
                self.removeAction(action)  # (still in the tools menu, keys still work)
        else:
            for action in tools:
                self.insertAction(self.tools_action, action)
        self.tools_action.setVisible(compact)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: pictures in its colours
            self._paint_icons()

    def _paint_icons(self) -> None:
        colour = theme.current().text
        for tool, action in self.actions_by_tool.items():
            action.setIcon(tool_icon(tool, colour))
        self.tools_button.setIcon(tool_icon(Tool.TREND, colour))
        self.list_button.setIcon(list_icon(colour))


def _canvas(colour) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(ICON * 2, ICON * 2)  # drawn at twice the size: sharp on a HiDPI screen
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 1.4)
    painter.setPen(pen)
    return pixmap, painter


def tool_icon(tool: Tool, colour) -> QIcon:
    """A small picture of what the tool draws."""
    pixmap, p = _canvas(colour)
    lo, hi, mid = 3.0, ICON - 3.0, ICON / 2
    dots: list[tuple[float, float]] = []
    if tool is Tool.TREND:
        p.drawLine(QPointF(lo, hi), QPointF(hi, lo))
        dots = [(lo, hi), (hi, lo)]
    elif tool is Tool.RAY:
        p.drawLine(QPointF(lo, hi), QPointF(ICON, 1.0))
        dots = [(lo, hi), (mid, mid)]
    elif tool is Tool.HLINE:
        p.drawLine(QPointF(0, mid), QPointF(ICON, mid))
        dots = [(mid, mid)]
    elif tool is Tool.HRAY:
        p.drawLine(QPointF(lo, mid), QPointF(ICON, mid))
        dots = [(lo, mid)]
    elif tool is Tool.VLINE:
        p.drawLine(QPointF(mid, 0), QPointF(mid, ICON))
        dots = [(mid, mid)]
    elif tool is Tool.CHANNEL:
        p.drawLine(QPointF(lo, hi - 4), QPointF(hi - 4, lo))
        p.drawLine(QPointF(lo + 4, hi), QPointF(hi, lo + 4))
    elif tool is Tool.RECT:
        p.drawRect(QRectF(lo, lo + 2, hi - lo, hi - lo - 4))
    elif tool is Tool.FIB:
        for k in range(4):
            y = lo + k * (hi - lo) / 3
            p.drawLine(QPointF(lo, y), QPointF(hi, y))
    elif tool is Tool.TEXT:
        font = p.font()
        font.setPixelSize(14)
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, ICON, ICON), Qt.AlignmentFlag.AlignCenter, "T")
    for x, y in dots:
        p.drawEllipse(QPointF(x, y), 1.8, 1.8)
    p.end()
    return QIcon(pixmap)


def list_icon(colour) -> QIcon:
    """Three rows with a bullet each: a list."""
    pixmap, p = _canvas(colour)
    for k in range(3):
        y = 5.0 + k * 4
        p.drawEllipse(QPointF(4.0, y), 1.0, 1.0)
        p.drawLine(QPointF(7.0, y), QPointF(ICON - 3.0, y))
    p.end()
    return QIcon(pixmap)


class VisibilityFollower(QObject):
    """Shows ``follower`` only while ``leader`` is shown (the strip with the plot it draws on):
    it follows the leader's own show and hide, even before the window is on screen."""

    def __init__(self, leader: QWidget, follower: QWidget) -> None:
        super().__init__(follower)
        self.follower = follower
        leader.installEventFilter(self)
        follower.setHidden(leader.isHidden())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShowToParent:
            self.follower.show()
        elif event.type() == QEvent.Type.HideToParent:
            self.follower.hide()
        return False
