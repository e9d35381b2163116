"""The simulator's instruments: real names, currencies, lot and tick sizes.

Reference prices are round figures of late 2025, there only to make the screen look
plausible; ``vol`` is annualised volatility, ``rate`` the mean trades per second in session.
A stock's trade size comes from its typical day (``adv``: shares in the regular session, round
figures of 2025), so a day's volume reads like the real one (Moutai ~3M shares, not 100M);
``python -m tests.bench.bench_sim`` prints the days the simulator makes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core.types import Category, Instrument

CATEGORIES: tuple[Category, ...] = (
    Category("us", "US stocks", "美股"),
    Category("hk", "Hong Kong stocks", "港股"),
    Category("cn", "China A-shares", "沪深A股"),
    Category("crypto", "Crypto spot", "加密货币现货"),
    Category("perp", "Crypto perpetuals", "永续合约"),
    Category("fx", "Forex", "外汇"),
    Category("cmdty", "Commodities", "商品"),
    Category("idx", "Indices", "指数"),
)


@dataclass(frozen=True, slots=True)
class SimSpec:
    instrument: Instrument
    ref_price: float
    vol: float
    rate: float
    depth_levels: int  # 0: no order book (cash indices)
    trade_lots: float = 3.0  # median trade size in lots
    # The symbol whose price path this one shares (a perpetual follows its coin's spot market),
    # at a premium of ``basis_bp`` basis points; its own ``ref_price`` and ``vol`` are the spot's
    # times that premium and the spot's.
    follows: str | None = None
    basis_bp: float = 0.0
    adv: float | None = None  # a stock's typical regular-session volume, in shares


def _mk(symbol, name, name_zh, currency, price, vol, rate, *, lot=1.0, tick=0.01, table=None,
        decimals=2, size_decimals=0, category, calendar=None, levels=10, lots=3.0, follows=None,
        basis_bp=0.0, adv=None) -> SimSpec:
    inst = Instrument(
        symbol=symbol, name=name, name_zh=name_zh, currency=currency, lot_size=lot,
        tick_size=tick, tick_table=table, price_decimals=decimals, size_decimals=size_decimals,
        category=category, calendar=calendar,
    )
    return SimSpec(inst, price, vol, rate, levels, lots, follows, basis_bp, adv)


def _premium(basis_bp: float) -> float:
    return math.exp(basis_bp / 10_000)


# Trades arrive this many times the calm rate on average, bursts included (activity.py's
# BURST_* settings: 1 + (5 - 1) x 5 s / 95 s); a trade of median m lots averages about 1.5 m
# (its lognormal spread, 0.9), and never less than ~1.5 lots (a trade is at least one lot).
_BURSTS = 1.21
_LOGNORMAL_MEAN = 1.5
_LEAST_MEAN_LOTS = 1.5
_REGULAR_SECONDS = {"US": 6.5 * 3600, "HK": 5.5 * 3600, "CN": 4 * 3600}


def _sized(adv: float, rate: float, lot: float, market: str) -> tuple[float, float]:
    """(trades a second, median lots a trade) that trade ``adv`` shares in a regular session;
    a stock that trades too little for ``rate`` one-lot prints trades less often instead."""
    lots_a_trade = adv / (rate * _BURSTS * _REGULAR_SECONDS[market] * lot)
    if lots_a_trade < _LEAST_MEAN_LOTS:
        return rate * lots_a_trade / _LEAST_MEAN_LOTS, 1.0
    return rate, (lots_a_trade + 0.5) / _LOGNORMAL_MEAN


def _us(code, name, zh, price, adv, vol=0.30, rate=8.0):
    rate, lots = _sized(adv, rate, 1.0, "US")
    return _mk(f"US:{code}", name, zh, "USD", price, vol, rate, table="US", category="us", levels=10,
               lots=lots, adv=adv)


def _hk(code, name, zh, price, lot, adv, vol=0.30, rate=4.0):
    rate, lots = _sized(adv, rate, lot, "HK")
    return _mk(f"HK:{code}", name, zh, "HKD", price, vol, rate, lot=lot, table="HK", decimals=3,
               category="hk", levels=10, lots=lots, adv=adv)


def _cn(market, code, name, zh, price, adv, vol=0.25, rate=5.0):
    rate, lots = _sized(adv, rate, 100.0, "CN")
    return _mk(f"{market}:{code}", name, zh, "CNY", price, vol, rate, lot=100, category="cn", levels=5,
               lots=lots, adv=adv)


SPECS: tuple[SimSpec, ...] = (
    _us("AAPL", "Apple", "苹果", 230.0, 50e6),
    _us("MSFT", "Microsoft", "微软", 420.0, 20e6),
    _us("NVDA", "NVIDIA", "英伟达", 140.0, 200e6, vol=0.5, rate=15.0),
    _us("TSLA", "Tesla", "特斯拉", 250.0, 90e6, vol=0.6, rate=12.0),
    _us("AMZN", "Amazon", "亚马逊", 200.0, 40e6),
    _us("GOOGL", "Alphabet", "谷歌", 170.0, 25e6),
    _us("META", "Meta Platforms", "Meta", 580.0, 12e6),
    _us("BABA", "Alibaba ADR", "阿里巴巴", 95.0, 15e6),
    _hk("00700", "Tencent", "腾讯控股", 420.0, 100, 15e6),
    _hk("09988", "Alibaba-W", "阿里巴巴-W", 85.0, 100, 50e6),
    _hk("03690", "Meituan-W", "美团-W", 160.0, 100, 20e6, vol=0.45),
    _hk("00005", "HSBC Holdings", "汇丰控股", 70.0, 400, 20e6, vol=0.2),
    _hk("01810", "Xiaomi-W", "小米集团-W", 20.0, 200, 150e6, vol=0.5),
    _hk("00941", "China Mobile", "中国移动", 75.0, 500, 15e6, vol=0.18),
    _hk("01299", "AIA", "友邦保险", 60.0, 200, 20e6),
    _hk("02318", "Ping An", "中国平安", 45.0, 500, 30e6),
    _cn("SH", "600519", "Kweichow Moutai", "贵州茅台", 1500.0, 3e6),
    _cn("SH", "601318", "Ping An Insurance", "中国平安", 50.0, 40e6),
    _cn("SH", "600036", "China Merchants Bank", "招商银行", 35.0, 50e6),
    _cn("SH", "601398", "ICBC", "工商银行", 6.0, 300e6, vol=0.15),
    _cn("SH", "600900", "China Yangtze Power", "长江电力", 28.0, 60e6, vol=0.15),
    _cn("SZ", "000001", "Ping An Bank", "平安银行", 11.0, 100e6),
    _cn("SZ", "002594", "BYD", "比亚迪", 280.0, 10e6, vol=0.4),
    _cn("SZ", "300750", "CATL", "宁德时代", 250.0, 20e6, vol=0.4),
    _cn("SZ", "000858", "Wuliangye", "五粮液", 140.0, 15e6),
    _cn("SZ", "000333", "Midea Group", "美的集团", 70.0, 15e6),
    _mk("CRYPTO:BTCUSDT", "Bitcoin / Tether", "比特币", "USDT", 95000.0, 0.6, 20.0, lot=0.00001,
        decimals=2, size_decimals=5, category="crypto", levels=20, lots=1500),
    _mk("CRYPTO:ETHUSDT", "Ether / Tether", "以太坊", "USDT", 3300.0, 0.7, 15.0, lot=0.0001,
        decimals=2, size_decimals=4, category="crypto", levels=20, lots=500),
    _mk("CRYPTO:SOLUSDT", "Solana / Tether", "Solana", "USDT", 230.0, 0.9, 8.0, lot=0.001,
        decimals=2, size_decimals=3, category="crypto", levels=20, lots=500),
    _mk("CRYPTO:BNBUSDT", "BNB / Tether", "币安币", "USDT", 650.0, 0.6, 5.0, lot=0.001,
        decimals=2, size_decimals=3, category="crypto", levels=20, lots=500),
    _mk("CRYPTO:XRPUSDT", "XRP / Tether", "瑞波币", "USDT", 1.4, 0.9, 6.0, lot=0.1, tick=0.0001,
        decimals=4, size_decimals=1, category="crypto", levels=20, lots=3000),
    _mk("CRYPTO:DOGEUSDT", "Dogecoin / Tether", "狗狗币", "USDT", 0.38, 1.0, 6.0, lot=1.0,
        tick=0.00001, decimals=5, category="crypto", levels=20, lots=3000),
    _mk("PERP:BTCUSDT", "Bitcoin perpetual", "比特币永续", "USDT", 95000.0 * _premium(1.0), 0.6, 25.0,
        lot=0.001, tick=0.1, decimals=1, size_decimals=3, category="perp", levels=20, lots=80,
        follows="CRYPTO:BTCUSDT", basis_bp=1.0),
    _mk("PERP:ETHUSDT", "Ether perpetual", "以太坊永续", "USDT", 3300.0 * _premium(2.0), 0.7, 18.0,
        lot=0.001, decimals=2, size_decimals=3, category="perp", levels=20, lots=500,
        follows="CRYPTO:ETHUSDT", basis_bp=2.0),
    _mk("PERP:SOLUSDT", "Solana perpetual", "Solana永续", "USDT", 230.0 * _premium(3.0), 0.9, 10.0,
        lot=0.01, decimals=2, size_decimals=2, category="perp", levels=20, lots=300,
        follows="CRYPTO:SOLUSDT", basis_bp=3.0),
    _mk("FX:EURUSD", "Euro / US Dollar", "欧元/美元", "USD", 1.05, 0.07, 10.0, lot=1000,
        tick=0.00001, decimals=5, category="fx", levels=5, lots=200),
    _mk("FX:USDJPY", "US Dollar / Yen", "美元/日元", "JPY", 154.0, 0.09, 10.0, lot=1000,
        tick=0.001, decimals=3, category="fx", levels=5, lots=200),
    _mk("FX:GBPUSD", "Pound / US Dollar", "英镑/美元", "USD", 1.26, 0.08, 8.0, lot=1000,
        tick=0.00001, decimals=5, category="fx", levels=5, lots=200),
    _mk("FX:USDCNH", "US Dollar / Offshore Yuan", "美元/离岸人民币", "CNH", 7.25, 0.04, 6.0,
        lot=1000, tick=0.0001, decimals=4, category="fx", levels=5, lots=200),
    _mk("FX:AUDUSD", "Australian Dollar / US Dollar", "澳元/美元", "USD", 0.65, 0.09, 6.0,
        lot=1000, tick=0.00001, decimals=5, category="fx", levels=5, lots=200),
    _mk("CMDTY:XAUUSD", "Gold spot", "现货黄金", "USD", 2650.0, 0.15, 10.0, decimals=2,
        size_decimals=2, lot=0.01, category="cmdty", levels=10, lots=50),
    _mk("CMDTY:XAGUSD", "Silver spot", "现货白银", "USD", 31.0, 0.25, 6.0, tick=0.001, decimals=3,
        size_decimals=2, lot=0.01, category="cmdty", levels=10, lots=50),
    _mk("CMDTY:USOIL", "WTI crude oil", "WTI原油", "USD", 70.0, 0.35, 8.0, decimals=2,
        size_decimals=2, lot=0.01, category="cmdty", levels=10, lots=50),
    _mk("IDX:HSI", "Hang Seng Index", "恒生指数", "HKD", 19500.0, 0.22, 2.0, decimals=2,
        category="idx", calendar="HK", levels=0),
    _mk("IDX:SPX", "S&P 500", "标普500", "USD", 5900.0, 0.16, 2.0, decimals=2, category="idx",
        calendar="US_REGULAR", levels=0),
    _mk("IDX:000001", "SSE Composite", "上证指数", "CNY", 3300.0, 0.18, 2.0, decimals=2,
        category="idx", calendar="CN", levels=0),
    _mk("IDX:JPN225", "Nikkei 225", "日经225", "JPY", 38500.0, 0.2, 2.0, decimals=2,
        category="idx", calendar="JP", levels=0),
)

BY_SYMBOL: dict[str, SimSpec] = {s.instrument.symbol: s for s in SPECS}
