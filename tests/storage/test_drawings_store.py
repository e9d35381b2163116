"""``drawings.json``: written at once, read back, ids never given twice, a damaged file set aside."""

from __future__ import annotations

from app.core.drawings import Anchor, Drawing, Tool
from app.storage.drawings import DrawingStore


def test_the_store_writes_at_once_and_never_gives_an_id_twice(tmp_path):
    path = tmp_path / "drawings.json"
    store = DrawingStore(path)
    first = Drawing(store.new_id(), Tool.TREND, (Anchor(1, 10.0), Anchor(2, 12.0)))
    store.put("US:AAPL", first)
    again = DrawingStore(path)
    assert again.drawings("US:AAPL") == [first]
    assert again.remove("US:AAPL", first.id) == 0
    assert again.new_id() != first.id
    assert DrawingStore(path).drawings("US:AAPL") == [] and DrawingStore(path).symbols() == []


def test_a_damaged_store_is_set_aside(tmp_path):
    path = tmp_path / "drawings.json"
    path.write_text("not json")
    store = DrawingStore(path)
    assert store.drawings("US:AAPL") == []
    assert "drawings" in str(store.problem)
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["drawings.json.damaged"]
