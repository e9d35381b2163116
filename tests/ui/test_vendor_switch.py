"""The settings dialog and the live vendor switch, against the fake QOS server."""

from __future__ import annotations

import pytest

from app.core.types import ConnectionState
from app.storage.settings import Settings, VendorHosts, load_settings, save_settings
from app.ui.shell.settings_dialog import SettingsDialog
from app.ui.watchlist.widget import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.windows import window_on_sim
from tests.fakes.qos import FakeQosServer


@pytest.fixture
def fake_qos(qloop, qtbot):
    server = FakeQosServer(key="gui-key", min_interval=0.05, http_limit=None)
    run_task(qtbot, server.start())
    yield server
    run_task(qtbot, server.aclose())


@pytest.fixture
def window(qloop, qtbot, fake_qos):
    settings = Settings(watchlist=["CRYPTO:BTCUSDT", "US:AAPL"], selected="CRYPTO:BTCUSDT")
    settings.hosts["qos"] = VendorHosts(base_url=fake_qos.http_url, ws_url=fake_qos.ws_url)
    with window_on_sim(qtbot, settings) as win:
        yield win


def test_switching_to_qos_live_shows_its_data_in_every_dock(window, qtbot, fake_qos):
    model = window.watchlist_model
    qtbot.waitUntil(lambda: model.quote("CRYPTO:BTCUSDT") is not None, timeout=5000)
    run_task(qtbot, window.switch_vendor("qos", api_key="gui-key"), timeout=10000)
    assert window.service.vendor == "qos" and window.settings.vendor == "qos"
    assert model.symbols == window.settings.watchlist_for("qos") and len(model.symbols) == 10
    qtbot.waitUntil(lambda: all(model.quote(s) is not None for s in model.symbols), timeout=10000)
    assert {model.quote(s).vendor for s in model.symbols} == {"qos"}
    row = model.row_of("HK:00700")
    assert model.index(row, WatchlistColumn.NAME).data() in ("Tencent", "腾讯控股")
    assert window.ladder.symbol == "PERP:BTCUSDT"  # the around-the-clock default on QOS
    qtbot.waitUntil(lambda: window.ladder.model.rowCount() >= 20, timeout=10000)
    qtbot.waitUntil(lambda: window.tape.model.rowCount() >= 3, timeout=10000)
    qtbot.waitUntil(lambda: len(window.chart.manager) > 100, timeout=10000)
    assert window.service.status.state is ConnectionState.CONNECTED
    assert "qos" in window.status.connection.text()
    assert fake_qos.refusals == [] and len(fake_qos.live) == 1
    # the sim watchlist was kept for when the user comes back
    assert window.watchlists.symbols("sim") == ["CRYPTO:BTCUSDT", "US:AAPL"]


def test_a_wrong_key_is_shown_in_words_once(window, qtbot, fake_qos):
    run_task(qtbot, window.switch_vendor("qos", api_key="wrong"), timeout=10000)
    qtbot.waitUntil(lambda: window.status.error.isVisible(), timeout=10000)
    assert "invalid key" in window.status.error.text()
    assert "wrong" not in window.status.error.text()
    feed = window.service.feed
    qtbot.waitUntil(lambda: feed.failure is not None, timeout=10000)  # the socket gave up
    qtbot.waitUntil(lambda: window.service.status.state is ConnectionState.ERROR, timeout=2000)
    assert fake_qos.refusals.count("invalid key (handshake)") == 1  # once, no reconnect storm
    assert not feed.session.connected


def test_settings_dialog_stores_hosts_not_keys_and_applies(window, qtbot, fake_qos, private_home):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.vendor.setCurrentIndex(dialog.vendor.findData("qos"))
    assert dialog.base_url.text() == fake_qos.http_url
    dialog.key.setText("gui-key")
    dialog.products.setValue(20)
    with qtbot.waitSignal(dialog.sig_apply, timeout=2000) as blocker:
        dialog.apply()
    choice = blocker.args[0]
    assert choice.vendor == "qos"
    assert choice.session_key == "gui-key"  # the test keyring keeps nothing: used, not saved
    assert "this session only" in choice.note
    assert window.settings.qos_plan.products == 20
    save_settings(window.settings)
    text = (private_home / "settings.json").read_text()
    assert "gui-key" not in text and fake_qos.http_url in text
    assert load_settings().hosts["qos"].base_url == fake_qos.http_url


def test_settings_dialog_refuses_a_missing_key(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.vendor.setCurrentIndex(dialog.vendor.findData("qos"))
    dialog.apply()
    assert "needs an API key" in dialog.message.text()
