"""What alerts cost the window's hot path: ``MarketDataService._on_event`` per event with the
AlertMonitor listening (50 rules over 20 symbols, as ``bench_alerts``) against without it.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_alert_monitor [--events 200000] [--rounds 5]``

Prints one JSON object ``{"bench":"alert_monitor","events":N,"p50_ns_without":…,
"p50_ns_with":…,"p50_ns_added":…,"alerts":…}``: medians of ``rounds`` timed runs in this
process's CPU time. The frame timer is started by the first event and never runs meanwhile
(no Qt loop spins), so both runs measure the recording and the evaluation only; an alert's
signal is emitted (to a connected slot that counts it), as in the window.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from PySide6.QtCore import QCoreApplication

from app.feeds.sim import SimFeed
from app.services.alerts import AlertMonitor
from app.services.market_data import MarketDataService
from app.storage.alerts import AlertStore
from tests.bench.bench_alerts import make_events, make_rules


def _run(events: list[object], with_monitor: bool) -> tuple[int, int]:
    service = MarketDataService(SimFeed())
    fired = [0]
    if with_monitor:
        store = AlertStore(None)
        monitor = AlertMonitor(service, store)
        monitor.engine.set_rules(make_rules())
        monitor.sig_fired.connect(lambda _alert: fired.__setitem__(0, fired[0] + 1))
    sink = service._on_event
    start = time.process_time_ns()
    for event in events:
        sink(event)
    return time.process_time_ns() - start, fired[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    QCoreApplication.instance() or QCoreApplication([])
    events = make_events(args.events)
    without, with_, alerts = [], [], 0
    for _ in range(args.rounds):
        without.append(_run(events, False)[0] / len(events))
        took, alerts = _run(events, True)
        with_.append(took / len(events))
    a, b = statistics.median(without), statistics.median(with_)
    print(json.dumps({"bench": "alert_monitor", "events": len(events), "p50_ns_without": round(a),
                      "p50_ns_with": round(b), "p50_ns_added": round(b - a), "alerts": alerts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
