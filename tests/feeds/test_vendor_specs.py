"""Vendor knowledge lives in the vendor's own package: its spec, collected by the registry and
read by every other layer (issue 19). Adding a vendor touches its package and one registry line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser
from app.feeds.registry import DEFAULT_VENDOR, PACKAGES, SPECS, VENDORS, FeedOptions, create_feed
from app.feeds.spec import VendorSpec

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_each_vendor_id_is_written_only_in_its_own_package():
    ids = set(VENDORS)
    assert ids == {"sim", "qos", "itick", "maidong"}
    found = []
    for path in sorted(APP.rglob("*.py")):
        package = path.relative_to(APP).parts
        for line, value in _string_constants(path):
            own = package[:2] == ("feeds", value)
            if value in ids and not own:
                found.append(f"{path.relative_to(ROOT)}:{line} {value!r}")
    assert found == [], "vendor ids written outside their package:\n" + "\n".join(found)


def test_the_registry_collects_one_spec_from_every_vendor_package():
    with_spec = sorted(p.parent.name for p in (APP / "feeds").glob("*/spec.py"))
    assert sorted(p.rsplit(".", 1)[1] for p in PACKAGES) == with_spec
    for package, (vendor, spec) in zip(PACKAGES, SPECS.items(), strict=True):
        assert isinstance(spec, VendorSpec) and package == f"app.feeds.{vendor}"
    assert DEFAULT_VENDOR == VENDORS[0] == "sim"


def test_each_spec_builds_its_adapter_and_plan():
    for vendor, spec in SPECS.items():
        feed = create_feed(vendor, FeedOptions(api_key="k" if spec.needs_key else None))
        assert feed.vendor == vendor
        assert bool(spec.plan_fields) == (spec.plan is not None)
        assert len(spec.default_watchlist) >= 10 and all(":" in s for s in spec.default_watchlist)


def test_reading_the_specs_imports_no_adapter_nor_network_library():
    code = ("import sys, app.feeds.registry; "
            "print(sorted(m for m in sys.modules if m in ('websockets', 'httpx') "
            "or m.endswith(('.feed', '.connection'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.strip() == "[]"


def test_the_command_line_offers_the_specs_vendors_and_keys():
    parser = build_parser()
    for vendor in VENDORS:
        assert parser.parse_args(["stream", "--vendor", vendor, "--symbols", "US:AAPL"]).vendor == vendor
    keyed = [v for v, s in SPECS.items() if s.needs_key]
    assert keyed == ["qos", "itick"]
    for vendor in keyed:
        assert parser.parse_args(["key", "set", vendor]).key_vendor == vendor
    for vendor in set(VENDORS) - set(keyed):
        with pytest.raises(SystemExit):
            parser.parse_args(["key", "set", vendor])


def test_a_key_comes_from_the_variable_the_spec_names(monkeypatch):
    from app.services.vendors import stored_key

    for vendor, spec in SPECS.items():
        if spec.key_variable:
            monkeypatch.setenv(spec.key_variable, f"from-env-{vendor}")
            assert stored_key(vendor) == f"from-env-{vendor}"
    assert {s.key_variable for s in SPECS.values()} == {None, "QOS_API_KEY", "ITICK_TOKEN"}


def test_first_start_defaults_come_from_the_specs():
    from app.services import vendors  # noqa: F401 (hands the specs' defaults to storage)
    from app.storage.settings import Settings

    settings = Settings()
    assert settings.vendor == DEFAULT_VENDOR
    for vendor, spec in SPECS.items():
        assert settings.watchlist_for(vendor) == list(spec.default_watchlist)
    settings.set_watchlist(DEFAULT_VENDOR, ["US:AAPL"])
    assert settings.watchlist == ["US:AAPL"]  # the default vendor's list keeps its place in the file


def test_a_new_vendors_plan_numbers_need_no_settings_field_of_their_own(tmp_path):
    from app.core.text import QT_TRANSLATE_NOOP
    from app.feeds.spec import PlanField
    from app.storage.settings import Settings, load_settings, save_settings

    seats = PlanField("seats", QT_TRANSLATE_NOOP("SettingsDialog", "Seats"), "seats", default=3)
    spec = VendorSpec(id="newcomer", title=QT_TRANSLATE_NOOP("Vendors", "Newcomer"),
                      factory=SPECS["sim"].factory, plan=dict, plan_fields=(seats,))
    settings = Settings()
    assert spec.plan_from(settings) == {"seats": 3}
    seats.write(settings, "newcomer", 7)
    save_settings(settings, tmp_path / "settings.json")
    again = load_settings(tmp_path / "settings.json")
    assert spec.plan_from(again) == {"seats": 7} and again.plans == {"newcomer": {"seats": 7}}
    assert SPECS["qos"].plan_from(again) == SPECS["qos"].plan_from(Settings())  # others untouched
