"""Codes as other terminals write them (imported watchlists) read as canonical symbols."""

from __future__ import annotations

import pytest

from app.core.symbols import SymbolError, parse_common


@pytest.mark.parametrize(("text", "symbol"), [
    ("600519", "SH:600519"), ("510300", "SH:510300"), ("900901", "SH:900901"),
    ("000001", "SZ:000001"), ("300750", "SZ:300750"), ("159915", "SZ:159915"),
    ("SH600519", "SH:600519"), ("sz000001", "SZ:000001"), ("600519.SH", "SH:600519"),
    ("600519.SS", "SH:600519"), ("sh.600519", "SH:600519"), ('="600519"', "SH:600519"),
    ("00700.HK", "HK:00700"), ("0700.HK", "HK:00700"), ("HK.00700", "HK:00700"), ("700", "HK:00700"),
    ("AAPL", "US:AAPL"), ("aapl", "US:AAPL"), ("BRK.B", "US:BRK.B"), ("AAPL.US", "US:AAPL"),
    ("US:AAPL", "US:AAPL"), ("hk:700", "HK:00700"), ("CRYPTO:BTCUSDT", "CRYPTO:BTCUSDT"), (" 600519 ", "SH:600519"),
])
def test_common_forms_read_as_canonical_symbols(text, symbol):
    assert str(parse_common(text)) == symbol


@pytest.mark.parametrize("text", ["830799", "430047", "BTCUSDT", "", "数据来源:通达信", "XX:1", "600519.XX", "1234567"])
def test_what_is_no_code_says_so(text):
    with pytest.raises(SymbolError) as caught:
        parse_common(text)
    assert text.strip() in str(caught.value) or "'" in str(caught.value)
