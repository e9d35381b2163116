"""A window's symbol index is lazy (issue 24: pinyin off the start-up path): it keeps what it is
told and names the pinyin on :meth:`SymbolIndex.prepare` or the first search. Whatever the order
of adds, updates and searches, it answers exactly as an eager index told the same."""

from __future__ import annotations

import msgspec

import pytest

from app.core.search import SymbolIndex
from app.feeds.sim.universe import SPECS

UNIVERSE = [spec.instrument for spec in SPECS]
QUERIES = ("gzmt", "tx", "700", "tengxun", "茅台", "tencnet", "gold", "ping an", "b")


def answers(index: SymbolIndex) -> list[list[tuple[str, int, float]]]:
    return [[(h.instrument.symbol, h.rank, h.rest) for h in index.search(q, 20)] for q in QUERIES]


@pytest.mark.parametrize("prepare_after", [None, 0, 1, 2])
def test_a_lazy_index_answers_as_an_eager_one(prepare_after):
    renamed = msgspec.structs.replace(UNIVERSE[5], name_zh="改名测试")  # an update of a known symbol
    batches = [UNIVERSE[:20], UNIVERSE[15:], [renamed]]
    eager, lazy = SymbolIndex(), SymbolIndex(lazy=True)
    for i, batch in enumerate(batches):
        eager.add(batch)
        lazy.add(batch)
        assert len(lazy) == len(eager)
        assert all(inst.symbol in lazy for inst in batch)
        if i == prepare_after:
            lazy.prepare()
    assert answers(lazy) == answers(eager)
    assert lazy.search("gmcs")[0].instrument.symbol == renamed.symbol  # the update's pinyin


def test_a_lazy_index_computes_no_pinyin_until_asked(monkeypatch):
    import app.core.search as search_module

    named: list[str] = []
    real = search_module.pinyin_keys
    monkeypatch.setattr(search_module, "pinyin_keys", lambda name: named.append(name) or real(name))
    lazy = SymbolIndex(UNIVERSE, lazy=True)
    lazy.add(UNIVERSE[:3])
    assert named == [] and len(lazy) == len(UNIVERSE)
    assert lazy.search("gzmt")[0].instrument.symbol == "SH:600519"  # the first search prepares
    assert len(named) == len(UNIVERSE)
    lazy.add([msgspec.structs.replace(UNIVERSE[0], name_zh="新名")])  # prepared: adds as told
    assert len(named) == len(UNIVERSE) + 1
    lazy.clear()
    assert len(lazy) == 0 and lazy.search("gzmt") == []
