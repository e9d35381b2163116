"""Watchlists to and from the files other terminals and spreadsheets read and write.

Written: CSV (``symbol,name`` with a header, UTF-8 with a byte-order mark so that Excel reads
the Chinese names) or TXT (``symbol<TAB>name``, UTF-8). Read: either of those, bare codes one
per line, or a 同花顺/通达信 export (tab-separated, a header row, GBK, codes as ``600519``,
``SH600519`` or ``="600519"``); the codes go through :func:`app.core.symbols.parse_common`.
A line that holds no usable code is kept in the result to be reported, never raised.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from app.core.symbols import SymbolError, parse_common
from app.core.text import QT_TRANSLATE_NOOP, Text

# the first column's title in the exports of this terminal, 同花顺, 通达信, 东方财富 and Futu
_HEADERS = {"symbol", "symbols", "code", "codes", "ticker", "代码", "证券代码", "股票代码", "代码名称", "代號", "品种代码"}
_SPACE = re.compile(r"\s+")
_NO_TEXT = Text(QT_TRANSLATE_NOOP("Storage", "it is no text in UTF-8, UTF-16 or GBK"))


class UnreadableFile(ValueError):
    """The file's bytes are no text in UTF-8, UTF-16 or GBK."""


@dataclass
class ImportedList:
    """What a file held: ``symbols`` canonical and in file order (each once), their names
    where the file gave one, the ``skipped`` lines (their text) that held no usable code, and
    how many lines repeated a symbol already read (``repeated``)."""

    symbols: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    repeated: int = 0


def decode_text(data: bytes) -> str:
    """The file's text: UTF-16 by its byte-order mark (Excel's "Unicode text"), else UTF-8
    with or without a mark, else GB18030 (the superset of GBK that 同花顺 and 通达信 write)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(_NO_TEXT) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_NO_TEXT)


def read_watchlist(data: bytes) -> ImportedList:
    """The symbols of a watchlist file (see the module's notes); raises :class:`UnreadableFile`."""
    import csv  # on first use: an import or an export, never the first frame

    text = decode_text(data)
    delimiter = "\t" if "\t" in text else ","
    result = ImportedList()
    seen: set[str] = set()
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if len(cells) == 1 and _SPACE.search(cells[0]):  # "600519 贵州茅台"
            cells = _SPACE.split(cells[0], maxsplit=1)
        if cells[0].strip('="').lower() in _HEADERS:  # a header row (通达信 may put a title above it)
            continue
        try:
            symbol = str(parse_common(cells[0]))
        except SymbolError:
            result.skipped.append(delimiter.join(cells))
            continue
        if symbol in seen:
            result.repeated += 1
            continue
        seen.add(symbol)
        result.symbols.append(symbol)
        if len(cells) > 1 and cells[1]:
            result.names[symbol] = cells[1]
    return result


def write_watchlist(rows: list[tuple[str, str]], kind: str) -> bytes:
    """``rows`` of (symbol, name) as a ``"csv"`` or ``"txt"`` file's bytes."""
    out = io.StringIO()
    if kind == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(("symbol", "name"))
        writer.writerows(rows)
        return out.getvalue().encode("utf-8-sig")
    for symbol, name in rows:
        out.write(f"{symbol}\t{name}\n" if name else f"{symbol}\n")
    return out.getvalue().encode("utf-8")
