"""The settings dialog is built from the vendors' specs (issue 19): its vendors, its key and
address fields and one spin box per plan field, enabled for the vendors that take it."""

from __future__ import annotations

from app.feeds.registry import SPECS
from app.storage.settings import Settings
from app.ui.shell.settings_dialog import SettingsDialog


def test_each_vendor_shows_what_its_spec_says(qtbot):
    settings = Settings()
    settings.qos_plan.products, settings.qos_plan.http_per_minute = 30, 40
    settings.itick_plan.http_per_minute, settings.itick_plan.connections = 7, 3
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert [dialog.vendor.itemData(i) for i in range(dialog.vendor.count())] == list(SPECS)
    assert [dialog.vendor.itemText(i) for i in range(dialog.vendor.count())] == [
        "Market simulator (no key, no network)", "QOS (qos.hk)", "iTick (itick.org)", "脉动数据"]
    assert list(dialog.plan_boxes) == ["products", "http_rate", "connections"]
    shown = {}
    for vendor, spec in SPECS.items():
        dialog.vendor.setCurrentIndex(dialog.vendor.findData(vendor))
        assert dialog.key.isEnabled() == spec.needs_key
        assert dialog.base_url.isEnabled() == dialog.ws_url.isEnabled() == spec.network
        enabled = {name for name, box in dialog.plan_boxes.items() if box.isEnabled()}
        assert enabled == {f.name for f in spec.plan_fields}
        shown[vendor] = {name: box.value() for name, box in dialog.plan_boxes.items()}
        assert bool(dialog.plan_note.text()) == (spec.plan_note is not None)
    # each vendor its own numbers; a field it does not take shows its first owner's, greyed
    assert shown["qos"] == {"products": 30, "http_rate": 40, "connections": 3}
    assert shown["itick"] == {"products": 30, "http_rate": 7, "connections": 3}
    assert shown["sim"] == shown["maidong"] == shown["qos"]
    assert dialog.connections.specialValueText() == "as many as needed"
    assert dialog.http_rate.suffix() == " per minute"


def test_ok_writes_only_the_chosen_vendors_plan_fields(qtbot):
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.vendor.setCurrentIndex(dialog.vendor.findData("itick"))
    dialog.key.setText("typed-token")
    dialog.http_rate.setValue(9)
    dialog.connections.setValue(0)
    dialog.apply()
    assert (settings.itick_plan.http_per_minute, settings.itick_plan.connections) == (9, 0)
    assert settings.qos_plan.http_per_minute == Settings().qos_plan.http_per_minute  # untouched
    assert SPECS["itick"].plan_from(settings).max_connections is None  # 0: "as many as needed"
