"""The window on iTick, pointed at the fake iTick server: live data in every dock."""

from __future__ import annotations

import pytest

from app.core.types import ConnectionState
from app.storage.settings import Settings, VendorHosts, load_settings, save_settings
from app.ui.shell.settings_dialog import SettingsDialog
from app.ui.tape.model import TapeColumn as TapeCol
from app.ui.watchlist.widget import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.fakes.itick import FakeItickServer


@pytest.fixture
def fake_itick(qloop, qtbot):
    server = FakeItickServer(token="gui-token")
    run_task(qtbot, server.start())
    yield server
    run_task(qtbot, server.aclose())


@pytest.fixture
def window(qloop, qtbot, fake_itick):
    settings = Settings(watchlist=["CRYPTO:BTCUSDT"], selected="CRYPTO:BTCUSDT")
    settings.hosts["itick"] = VendorHosts(base_url=fake_itick.http_url, ws_url=fake_itick.ws_url)
    with window_on_sim(qtbot, settings) as win:
        yield win


def test_switching_to_itick_shows_its_data_in_every_dock(window, qtbot, fake_itick):
    run_task(qtbot, window.switch_vendor("itick", api_key="gui-token"), timeout=10000)
    model = window.watchlist_model
    assert window.service.vendor == "itick"
    assert model.symbols == window.settings.watchlist_for("itick") and len(model.symbols) == 12
    qtbot.waitUntil(lambda: all(model.quote(s) is not None for s in model.symbols), timeout=10000)
    assert {model.quote(s).vendor for s in model.symbols} == {"itick"}
    row = model.row_of("HK:00700")
    qtbot.waitUntil(lambda: model.index(row, WatchlistColumn.NAME).data() == "腾讯控股", timeout=5000)
    assert model.quote("HK:00700").prev_close is not None  # kept from the REST quote
    assert window.ladder.symbol == "CRYPTO:BTCUSDT"
    qtbot.waitUntil(lambda: window.ladder.model.rowCount() >= 20, timeout=10000)
    qtbot.waitUntil(lambda: window.tape.model.rowCount() >= 3, timeout=10000)
    # BTC sizes are fractions: the tape takes the instrument that arrived after the selection
    tape = window.tape.model
    qtbot.waitUntil(lambda: "." in tape.index(0, TapeCol.SIZE).data(), timeout=5000)
    qtbot.waitUntil(lambda: len(window.chart.manager) > 100, timeout=10000)
    qtbot.waitUntil(lambda: window.service.status.state is ConnectionState.CONNECTED, timeout=5000)
    assert "itick" in window.status.connection.text()
    assert sorted(c.asset for c in fake_itick.live) == ["crypto", "forex", "indices", "stock"]
    assert fake_itick.refusals == []


def test_settings_dialog_takes_the_itick_plan_and_keeps_the_token_out_of_files(
        window, qtbot, fake_itick, private_home):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.vendor.setCurrentIndex(dialog.vendor.findData("itick"))
    assert dialog.base_url.text() == fake_itick.http_url
    assert dialog.connections.isEnabled() and not dialog.products.isEnabled()
    assert "api-free.itick.org" in dialog.plan_note.text()
    dialog.key.setText("gui-token")
    dialog.http_rate.setValue(5)
    dialog.connections.setValue(2)
    with qtbot.waitSignal(dialog.sig_apply, timeout=2000) as blocker:
        dialog.apply()
    assert blocker.args[0].vendor == "itick"
    assert window.settings.itick_plan.http_per_minute == 5
    assert window.settings.itick_plan.connections == 2
    save_settings(window.settings)
    assert "gui-token" not in (private_home / "settings.json").read_text()
    assert load_settings().itick_plan.connections == 2
