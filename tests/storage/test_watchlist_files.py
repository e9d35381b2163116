"""Watchlist files in and out: this terminal's CSV/TXT, bare codes, 同花顺/通达信 exports in GBK,
UTF-8 with or without a byte-order mark; what holds no code is reported, never raised."""

from __future__ import annotations

import pytest

from app.storage.watchlist_files import UnreadableFile, read_watchlist, write_watchlist

ROWS = [("SH:600519", "贵州茅台"), ("HK:00700", "腾讯控股"), ("US:AAPL", "Apple Inc., common")]


@pytest.mark.parametrize("kind", ["csv", "txt"])
def test_what_is_written_reads_back(kind):
    data = write_watchlist(ROWS, kind)
    got = read_watchlist(data)
    assert got.symbols == [s for s, _ in ROWS]
    assert got.names == dict(ROWS)
    assert got.skipped == [] and got.repeated == 0


def test_the_csv_has_a_header_and_a_byte_order_mark_for_excel():
    text = write_watchlist(ROWS, "csv")
    assert text.startswith(b"\xef\xbb\xbfsymbol,name\r\n")
    assert '"Apple Inc., common"' in text.decode("utf-8-sig")
    assert write_watchlist(ROWS, "txt").decode("utf-8").splitlines()[1] == "HK:00700\t腾讯控股"


def test_bare_codes_one_per_line():
    got = read_watchlist(b"600519\n00700.HK\n\nAAPL\r\n")
    assert got.symbols == ["SH:600519", "HK:00700", "US:AAPL"] and got.names == {}


def test_a_tongdaxin_export_in_gbk():
    text = "代码\t名称\t涨幅%\n=\"600519\"\t贵州茅台\t1.20\n=\"000001\"\t平安银行\t-0.5\n数据来源:通达信\n"
    got = read_watchlist(text.encode("gbk"))
    assert got.symbols == ["SH:600519", "SZ:000001"]
    assert got.names["SZ:000001"] == "平安银行"
    assert got.skipped == ["数据来源:通达信"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_every_encoding_reads_the_same(encoding):
    got = read_watchlist("SH600519 贵州茅台\nsz000001 平安银行\n".encode(encoding))
    assert got.symbols == ["SH:600519", "SZ:000001"] and got.names["SH:600519"] == "贵州茅台"


def test_bad_lines_and_repeats_are_counted_not_raised():
    got = read_watchlist(b"symbol,name\nUS:AAPL,Apple\nnot a code,x\nAAPL,again\n830799\n")
    assert got.symbols == ["US:AAPL"]
    assert got.skipped == ["not a code,x", "830799"]
    assert got.repeated == 1


def test_bytes_that_are_no_text_are_said():
    with pytest.raises(UnreadableFile):
        read_watchlist(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
