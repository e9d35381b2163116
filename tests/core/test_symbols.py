import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.symbols import Market, Symbol, SymbolError, normalize


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("hk:700", "HK:00700"),
        ("HK:00700", "HK:00700"),
        (" us:aapl ", "US:AAPL"),
        ("sh:600519", "SH:600519"),
        ("crypto:btcusdt", "CRYPTO:BTCUSDT"),
        ("perp:BTCUSDT", "PERP:BTCUSDT"),
        ("fx:eurusd", "FX:EURUSD"),
        ("MD:btcusdt", "MD:btcusdt"),  # 脉动 codes are case-sensitive
        ("US:BRK.B", "US:BRK.B"),
    ],
)
def test_normalises(text, canonical):
    assert normalize(text) == canonical


@pytest.mark.parametrize(
    "text, words",
    [
        ("FOO", "expected MARKET:CODE"),
        ("", "expected MARKET:CODE"),
        ("XX:AAPL", "unknown market 'XX'"),
        ("SH:6005", "6 digits"),
        ("HK:123456", "up to 5 digits"),
        ("FX:EUR", "6-letter pair"),
        ("US:", "expected MARKET:CODE"),
    ],
)
def test_rejects_with_words(text, words):
    with pytest.raises(SymbolError, match=words):
        Symbol.parse(text)


def test_parts():
    s = Symbol.parse("hk:5")
    assert s.market is Market.HK and s.code == "00005" and str(s) == "HK:00005"


@given(st.integers(min_value=0, max_value=99999))
def test_hk_codes_round_trip(n):
    canonical = normalize(f"hk:{n}")
    assert canonical == f"HK:{n:05d}"
    assert normalize(canonical) == canonical
