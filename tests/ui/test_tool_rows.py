"""Tool bars wrap like words: as many on a row as fit, in order, never folded behind »."""

from PySide6.QtWidgets import QPushButton, QToolBar

from app.ui.kit.tool_rows import ToolRows


def _bar(qtbot, name: str, buttons: int) -> QToolBar:
    bar = QToolBar()
    bar.setObjectName(name)
    for i in range(buttons):
        button = QPushButton(f"{name}{i}")
        button.setFixedWidth(50)
        bar.addWidget(button)
    return bar


def test_bars_take_as_many_rows_as_the_width_needs(qtbot):
    bars = [_bar(qtbot, "a", 2), _bar(qtbot, "b", 3), _bar(qtbot, "c", 4)]
    rows = ToolRows(bars)
    qtbot.addWidget(rows)
    rows.show()
    a, b, c = (bar.sizeHint().width() for bar in bars)

    def names_at(width: int) -> list[list[str]]:
        rows.resize(width, rows.height())
        qtbot.waitUntil(lambda: rows.width() == width)
        return [[bar.objectName() for bar in row] for row in rows.rows]

    assert names_at(a + b + c + 10) == [["a", "b", "c"]] and not rows.stacked
    assert names_at(a + b + 5) == [["a", "b"], ["c"]] and rows.stacked
    assert names_at(c) == [["a"], ["b"], ["c"]]
    assert rows.minimumSizeHint().width() == c
    assert names_at(a + b + c + 10) == [["a", "b", "c"]]
    qtbot.waitUntil(lambda: all(bar.geometry().top() == 0 for bar in bars))
