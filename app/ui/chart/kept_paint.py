"""An item's last paint kept as its draw calls (:class:`KeptPaint`): a repaint of the same thing
makes the same calls again without working them out.

A live tick paints every pane twice in a frame (the paint, then the grab), and the crosshair's
move repaints what it passes over: the candles', volumes' and histogram's NumPy work (masks,
scale, the primitive arrays) is the same each time until their bars, the view or the colours
change, which is what the item's key says.
"""

from __future__ import annotations

from pyqtgraph.Qt import compat
from PySide6.QtGui import QPainter


class _Recorder:
    """A painter's stand-in during a paint that is kept: each call is made and noted."""

    def __init__(self, painter: QPainter, ops: list) -> None:
        self._painter = painter
        self._ops = ops

    def setPen(self, pen) -> None:  # noqa: N802 (QPainter's names)
        self._call(QPainter.setPen, pen)

    def setBrush(self, brush) -> None:  # noqa: N802
        self._call(QPainter.setBrush, brush)

    def drawPath(self, path) -> None:  # noqa: N802
        self._call(QPainter.drawPath, path)

    def draw_array(self, fn, array) -> None:
        """``fn`` (``QPainter.drawLines``, ``drawRects``) over a pyqtgraph primitive array. What
        is kept is the array, not the pointer to its memory that ``drawargs()`` wraps: such a
        wrapper, kept, stays registered with shiboken for that address and could outlive the
        array when the item goes. Each play wraps it afresh, as pyqtgraph does, from the
        address noted here (asking NumPy for it costs more than the wrap) while the array
        still holds the same buffer."""
        memory = _Memory(array)
        self._ops.append((fn, None, memory))
        fn(self._painter, *memory.drawargs())

    def _call(self, fn, *args) -> None:
        self._ops.append((fn, args, None))
        fn(self._painter, *args)


class _Memory:
    """A primitive array's buffer as a draw call takes it: wrapped afresh each time, from the
    address it had when noted (``drawargs()`` again if the array has a new buffer since)."""

    __slots__ = ("address", "array", "buffer", "kind", "size")

    def __init__(self, array) -> None:
        self.array = array
        self.size = len(array)
        self.kind = getattr(array, "_Klass", None)
        # (pyqtgraph's own fields: where it wraps a pointer to an ndarray of its own)
        pointer = getattr(array, "use_ptr_to_array", False) and getattr(array, "_capa", 0) > 0
        self.buffer = getattr(array, "_ndarray", None) if pointer else None
        self.address = self.buffer.ctypes.data if self.buffer is not None and self.kind is not None else None

    def drawargs(self) -> tuple:
        array = self.array
        if self.address is None or array._ndarray is not self.buffer or len(array) != self.size:
            return array.drawargs()
        return compat.wrapinstance(self.address, self.kind), self.size


class KeptPaint:
    """An item's last paint as its draw calls, with what it was painted from (``key``): a
    repaint of the same thing (the grab after a frame's paint, the crosshair passing over)
    makes the same calls again without working them out. The primitive arrays the calls name
    are the item's own batches, only refilled by a paint that is noted afresh."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.ops: list = []

    def play(self, key: tuple, painter: QPainter) -> bool:
        if self.key is None or key != self.key:
            return False
        for fn, args, array in self.ops:
            fn(painter, *(args if array is None else array.drawargs()))
        return True

    def record(self, painter: QPainter) -> _Recorder:
        self.key = None  # (kept only once the paint is done)
        self.ops = []
        return _Recorder(painter, self.ops)

    def keep(self, key: tuple) -> None:
        self.key = key
