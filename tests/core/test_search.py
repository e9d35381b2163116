"""Symbol search: the tiers in order, pinyin, codes with and without leading zeros, typos."""

from __future__ import annotations

import pytest

from app.core.search import Rank, SymbolIndex, pinyin_keys, search
from app.core.types import Instrument
from app.feeds.sim.universe import SPECS

UNIVERSE = [spec.instrument for spec in SPECS]


def first(text: str) -> tuple[str, Rank]:
    hit = search(UNIVERSE, text)[0]
    return hit.instrument.symbol, hit.rank


@pytest.mark.parametrize("text, symbol, rank", [
    ("gzmt", "SH:600519", Rank.PINYIN_INITIALS),
    ("tx", "HK:00700", Rank.PINYIN_INITIALS),
    ("TXKG", "HK:00700", Rank.PINYIN_INITIALS),
    ("700", "HK:00700", Rank.EXACT_CODE),
    ("00700", "HK:00700", Rank.EXACT_CODE),
    ("hk:00700", "HK:00700", Rank.EXACT_CODE),
    ("aapl", "US:AAPL", Rank.EXACT_CODE),
    ("hk:007", "HK:00700", Rank.CODE_PREFIX),
    ("6005", "SH:600519", Rank.CODE_PREFIX),
    ("tengxun", "HK:00700", Rank.NAME_PREFIX),
    ("tencent", "HK:00700", Rank.NAME_PREFIX),
    ("腾讯", "HK:00700", Rank.NAME_PREFIX),
    ("gold", "CMDTY:XAUUSD", Rank.NAME_PREFIX),
    ("crude", "CMDTY:USOIL", Rank.NAME_PREFIX),  # a later word of "WTI crude oil"
    ("茅台", "SH:600519", Rank.SUBSTRING),
    ("tencnet", "HK:00700", Rank.FUZZY),
    ("nvdia", "US:NVDA", Rank.FUZZY),
])
def test_the_best_match_comes_first(text, symbol, rank):
    assert first(text) == (symbol, rank)


def test_tiers_come_in_order_and_ties_by_the_shortest_completion():
    hits = search(UNIVERSE, "ping an")
    assert [h.instrument.symbol for h in hits] == ["HK:02318", "SZ:000001", "SH:601318"]  # Ping An, … Bank, … Insurance
    hits = search(UNIVERSE, "a", limit=100)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert hits[0].rank is Rank.CODE_PREFIX  # AAPL, AMZN, AUDUSD before any name


def test_an_exact_code_beats_a_longer_code_and_a_pinyin_match():
    extra = [Instrument("US:TX", "Ternium"), Instrument("US:TXN", "Texas Instruments")]
    hits = search(UNIVERSE + extra, "tx")
    assert [h.instrument.symbol for h in hits[:3]] == ["US:TX", "US:TXN", "HK:00700"]
    assert [h.rank for h in hits[:3]] == [Rank.EXACT_CODE, Rank.CODE_PREFIX, Rank.PINYIN_INITIALS]


def test_pinyin_keys_keep_latin_and_digits_and_read_words_as_phrases():
    assert pinyin_keys("贵州茅台") == ("gzmt", "guizhoumaotai")
    assert pinyin_keys("阿里巴巴-W") == ("albbw", "alibabaw")
    assert pinyin_keys("WTI原油") == ("wtiyy", "wtiyuanyou")
    assert pinyin_keys("标普500") == ("bp500", "biaopu500")
    assert pinyin_keys("招商银行")[0] == "zsyh"  # 行 as in 银行 (hang), not xing
    assert pinyin_keys("Meta") == ("", "")


def test_nothing_or_noise_finds_nothing_and_digits_are_never_guessed_at():
    assert search(UNIVERSE, "   ") == []
    assert search(UNIVERSE, "zzzzqqq") == []
    assert [h.instrument.symbol for h in search(UNIVERSE, "700")] == ["HK:00700"]


def test_the_index_learns_pages_as_they_arrive_and_updates_changed_names():
    index = SymbolIndex(UNIVERSE[:5])
    assert len(index) == 5 and index.search("gzmt") == []
    index.add(UNIVERSE)
    assert index.search("gzmt")[0].instrument.symbol == "SH:600519"
    index.add([Instrument("SH:600519", "Kweichow Moutai", name_zh="茅台酒")])
    assert index.search("mtj")[0].instrument.symbol == "SH:600519" and len(index) == len(UNIVERSE)
