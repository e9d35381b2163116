"""alerts.json: atomic writes, ids never reused, a damaged file set aside and said, and a
change made by another process (the CLI while the GUI runs) seen."""

from __future__ import annotations

import json
import os

import pytest

from app.core.alerts import AlertRuleError
from app.storage import alerts as alerts_module
from app.storage.alerts import AlertStore


def test_rules_are_saved_and_read_back(tmp_path):
    path = tmp_path / "alerts.json"
    store = AlertStore(path)
    first = store.add("US:AAPL", "above", 240.0, "breakout")
    second = store.add("HK:00700", "big-print", 10_000)
    assert (first.id, second.id) == ("a1", "a2")
    again = AlertStore(path)
    assert [(r.id, r.symbol, r.text, r.note) for r in again.rules()] == [
        ("a1", "US:AAPL", "above 240", "breakout"), ("a2", "HK:00700", "big-print 10000", None)]
    assert not list(tmp_path.glob(".alerts.json.*"))  # no temp file left behind


def test_ids_are_never_reused(tmp_path):
    path = tmp_path / "alerts.json"
    store = AlertStore(path)
    for price in (1, 2, 3):
        store.add("US:AAPL", "above", price)
    assert store.remove("a3") and store.remove("a2")
    assert not store.remove("a2")
    assert AlertStore(path).add("US:AAPL", "below", 1).id == "a4"


def test_a_bad_rule_is_refused_and_not_saved(tmp_path):
    store = AlertStore(tmp_path / "alerts.json")
    with pytest.raises(AlertRuleError, match="above zero"):
        store.add("US:AAPL", "above", -1)
    assert store.rules() == [] and not (tmp_path / "alerts.json").exists()


def test_writes_are_atomic(tmp_path, monkeypatch):
    """A write that dies before the rename leaves the old file whole."""
    path = tmp_path / "alerts.json"
    store = AlertStore(path)
    store.add("US:AAPL", "above", 240)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    store.add("US:AAPL", "below", 200)
    assert path.read_bytes() == before
    assert "could not be saved" in store.problem
    assert not list(tmp_path.glob(".alerts.json.*"))


def test_a_damaged_file_is_set_aside_and_said(tmp_path):
    path = tmp_path / "alerts.json"
    path.write_text("{ not json")
    store = AlertStore(path)
    aside = list(tmp_path.glob("alerts.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_text() == "{ not json"
    assert "alerts" in store.problem and aside[0].name in store.problem
    assert store.add("US:AAPL", "above", 1).id == "a1"
    assert json.loads(path.read_text())["rules"][0]["id"] == "a1"


def test_a_change_by_another_process_is_seen(tmp_path):
    path = tmp_path / "alerts.json"
    gui, cli = AlertStore(path), AlertStore(path)
    cli.add("US:AAPL", "above", 240)
    assert gui.rules() == []
    assert gui.refresh() and [r.id for r in gui.rules()] == ["a1"]
    assert not gui.refresh()
    assert gui.add("US:AAPL", "below", 1).id == "a2"  # from the file as it is, not a stale copy


def test_a_hand_edited_bad_rule_is_skipped(tmp_path):
    path = tmp_path / "alerts.json"
    path.write_text(json.dumps({"version": 1, "next_id": 3, "rules": [
        {"id": "a1", "symbol": "US:AAPL", "kind": "above", "value": -5},
        {"id": "a2", "symbol": "US:AAPL", "kind": "below", "value": 5}]}))
    assert [r.id for r in AlertStore(path).rules()] == ["a2"]


def test_the_file_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTE_TERMINAL_HOME", str(tmp_path))
    assert alerts_module.default_path() == tmp_path / "alerts.json"
