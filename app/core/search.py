"""Symbol search as traders type it: a code (``700``, ``aapl``), an English or Chinese name, or
the pinyin of a Chinese name, whole or by initials (``gzmt`` → 贵州茅台, ``tx`` → 腾讯控股).

Hits are ranked in tiers, best first: the exact code, a code prefix, pinyin initials, a name
prefix (a word of the English name, the Chinese name, or its pinyin), a substring anywhere, and
last a fuzzy match that forgives a typo (``tencnet``). Within a tier the shortest completion
wins (``ping an`` puts "Ping An" before "Ping An Bank"), then the symbol, so the order is stable.

pypinyin and rapidfuzz are imported on first use, never at import (issue 24: pypinyin's
dictionaries cost more than the window's first frame). A window's index is made ``lazy``: it
keeps what it is told and names its pinyin in :meth:`SymbolIndex.prepare`, which the window
calls on a timer after its first frame (and any search calls first).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from app.core.types import Instrument

FUZZY_CUTOFF = 80.0  # rapidfuzz's ratio, 0–100: "appel" ~ "apple" is 80
FUZZY_MIN_LENGTH = 4  # shorter queries match too much to be worth guessing at
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


class Rank(IntEnum):
    EXACT_CODE = 0
    CODE_PREFIX = 1
    PINYIN_INITIALS = 2
    NAME_PREFIX = 3
    SUBSTRING = 4
    FUZZY = 5


@dataclass(frozen=True, slots=True)
class Hit:
    instrument: Instrument
    rank: Rank
    rest: float  # within a tier, lower is better: characters left after the match, or 100 − fuzz


@functools.cache
def _han() -> re.Pattern[str]:
    """Any Chinese character; compiled on first use (a wide range: a few ms at import)."""
    return re.compile(r"[\u3400-\u9fff]")


def load_libraries() -> None:
    """Import pypinyin and rapidfuzz now (a few hundred ms together), so that the first search
    that needs them does not wait: the window's warm-up calls this (from a thread) once the
    window is on screen."""
    for name in ("pypinyin", "rapidfuzz.process"):
        importlib.import_module(name)
    _han()


def pinyin_keys(name_zh: str) -> tuple[str, str]:
    """(initials, whole pinyin) of a Chinese name, lower case, letters and digits only; a name
    with no Chinese in it gives empty keys (its own text is searched as it is)."""
    if not _han().search(name_zh):
        return "", ""
    from pypinyin import Style, lazy_pinyin  # lazy: its dictionaries are big (module docstring)

    initials, whole = [], []
    for letter, syllable in zip(lazy_pinyin(name_zh, style=Style.FIRST_LETTER), lazy_pinyin(name_zh), strict=True):
        if letter == syllable:  # not Chinese ("WTI", "500", "-W"), or a one-letter syllable: as it is
            plain = _NOT_ALNUM.sub("", letter.casefold())
            initials.append(plain)
            whole.append(plain)
        else:
            initials.append(letter.casefold())
            whole.append(syllable.casefold())
    return "".join(initials), "".join(whole)


class _Entry:
    __slots__ = ("code", "code_digits", "initials", "instrument", "name", "name_zh", "pinyin", "symbol", "words")

    def __init__(self, inst: Instrument) -> None:
        self.instrument = inst
        self.symbol = inst.symbol.casefold()
        self.code = self.symbol.partition(":")[2]
        self.code_digits = self.code.lstrip("0") if self.code.isdigit() else ""
        self.name = inst.name.casefold()
        self.words = [w for w in re.split(r"[\s/()\-]+", self.name) if w]
        self.name_zh = inst.name_zh.casefold()
        self.initials, self.pinyin = pinyin_keys(inst.name_zh)

    def rank(self, q: str, compact: str) -> tuple[Rank, float] | None:
        """``q`` is the query folded; ``compact`` the same without spaces (for pinyin)."""
        if q in (self.code, self.symbol) or (self.code_digits and q.isdigit() and q.lstrip("0") == self.code_digits):
            return Rank.EXACT_CODE, 0
        if self.code.startswith(q) or self.symbol.startswith(q):
            return Rank.CODE_PREFIX, len(self.code) - len(q)
        if self.code_digits and q.isdigit() and self.code_digits.startswith(q.lstrip("0") or "0"):
            return Rank.CODE_PREFIX, len(self.code_digits) - len(q)
        if compact and self.initials.startswith(compact):
            return Rank.PINYIN_INITIALS, len(self.initials) - len(compact)
        if self.name.startswith(q):
            return Rank.NAME_PREFIX, len(self.name) - len(q)
        if self.name_zh.startswith(q):
            return Rank.NAME_PREFIX, len(self.name_zh) - len(q)
        if compact and self.pinyin.startswith(compact):
            return Rank.NAME_PREFIX, len(self.pinyin) - len(compact)
        if any(w.startswith(q) for w in self.words):
            return Rank.NAME_PREFIX, len(self.name) - len(q)
        for key in (self.name, self.name_zh, self.code, self.pinyin if compact else ""):
            if key and q in key:
                return Rank.SUBSTRING, len(key) - len(q)
        return None


class SymbolIndex:
    """The instruments a vendor has told us of, searchable as the user types.

    ``lazy``: :meth:`add` only keeps the instruments; their names' pinyin is computed by
    :meth:`prepare` (or the next search), after which the index adds as an eager one does.
    Either way a search sees every instrument added, in the order added."""

    def __init__(self, instruments: Iterable[Instrument] = (), *, lazy: bool = False) -> None:
        self._entries: dict[str, _Entry] = {}
        self._pending: dict[str, Instrument] = {}  # added, names not computed yet (lazy)
        self._lazy = lazy
        self.add(instruments)

    @property
    def lazy(self) -> bool:
        """True until :meth:`prepare` (or a search) has named the pinyin of what was added."""
        return self._lazy

    def __len__(self) -> int:
        return len(self._entries) + sum(1 for symbol in self._pending if symbol not in self._entries)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self._entries or symbol in self._pending

    def add(self, instruments: Iterable[Instrument]) -> None:
        """Learn (or update) these instruments; names computed once (here, or in :meth:`prepare`
        for a lazy index), not per keystroke."""
        for inst in instruments:
            if self._lazy:
                known = self._pending.get(inst.symbol)
                if known is None and (old := self._entries.get(inst.symbol)) is not None:
                    known = old.instrument
                if known != inst:
                    self._pending[inst.symbol] = inst
                continue
            old = self._entries.get(inst.symbol)
            if old is None or old.instrument != inst:
                self._entries[inst.symbol] = _Entry(inst)

    def prepare(self) -> None:
        """Compute the names of what was added so far (importing pypinyin and rapidfuzz the first
        time); from now on :meth:`add` computes them as it is told, as an eager index does."""
        load_libraries()
        self._lazy = False
        pending, self._pending = self._pending, {}
        self.add(pending.values())

    def clear(self) -> None:
        self._entries.clear()
        self._pending.clear()

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        q = " ".join(text.casefold().split())
        if not q:
            return []
        if self._pending or self._lazy:
            self.prepare()
        compact = _NOT_ALNUM.sub("", q) if q.isascii() else ""
        hits: list[Hit] = []
        missed: list[_Entry] = []
        for entry in self._entries.values():
            found = entry.rank(q, compact)
            if found is None:
                missed.append(entry)
            else:
                hits.append(Hit(entry.instrument, found[0], float(found[1])))
        if len(hits) < limit and len(q) >= FUZZY_MIN_LENGTH and not q.isdigit() and missed:
            hits.extend(_fuzzy(q, missed, limit - len(hits)))
        hits.sort(key=lambda h: (h.rank, h.rest, h.instrument.symbol))
        return hits[:limit]


def _fuzzy(q: str, entries: list[_Entry], limit: int) -> list[Hit]:
    """Entries one typo or two away: each word of the name, the whole name, the code and the
    pinyin are compared whole with the query (rapidfuzz's normalised Indel similarity)."""
    from rapidfuzz import fuzz, process  # lazy (module docstring)

    keys: list[str] = []
    owners: list[int] = []
    for i, e in enumerate(entries):
        for key in (*e.words, e.name, e.code, e.pinyin):
            if key:
                keys.append(key)
                owners.append(i)
    best: dict[int, float] = {}
    for _key, score, k in process.extract(q, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None):
        i = owners[k]
        best[i] = max(best.get(i, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
    return [Hit(entries[i].instrument, Rank.FUZZY, 100.0 - score) for i, score in ranked]


def search(instruments: Iterable[Instrument], text: str, limit: int = 50) -> list[Hit]:
    """One-off search (the command line); a window keeps a :class:`SymbolIndex` instead."""
    return SymbolIndex(instruments).search(text, limit)
