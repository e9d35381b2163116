"""AlertMonitor: the saved alert rules evaluated on every event the service delivers, in the
window (the command line's ``watch`` does the same with :class:`app.cli_alerts.Watched`).

Every event reaches :meth:`AlertEngine.on_event` as it arrives (``MarketDataService.listen``),
before the frame batching: a print between two frames is seen. The hot path is the engine's own
dict lookup; a Qt signal is emitted only when an alert fired. The rules' symbols are subscribed
beside the window's other subscriptions (reference counted by the service, so a symbol the
watchlist holds too is asked from the vendor once). ``alerts.json`` is followed while the window
runs: a rule added by ``quote-terminal alerts add`` in a terminal appears within a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.core.alerts import LINE, Alert, AlertEngine, AlertRule
from app.core.periods import Period
from app.core.types import Channel
from app.services.market_data import MarketDataService
from app.storage.alerts import AlertStore

# What the rules read: quotes (last, previous close) and trades (price, size), as `watch` asks.
CHANNELS = [Channel.QUOTE, Channel.TRADE]  # always; books and 1m bars when a rule reads them
BAR_PERIOD = Period.M1  # the bars a volume-spike rule reads, as `quote-terminal watch`
CHECK_MS = 1000  # a look at alerts.json, and the engine's clock (stale feeds), once a second


class AlertMonitor(QObject):
    """Signals:

    - ``sig_fired(Alert)``: a rule fired (one signal per alert, at the event that crossed).
    - ``sig_rules_changed()``: the rules changed (added or removed here, or in the file by
      another process); :attr:`rules` has them.
    """

    sig_fired = Signal(object)
    sig_rules_changed = Signal()

    def __init__(self, service: MarketDataService, store: AlertStore, parent: QObject | None = None,
                 *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.service = service
        self.store = store
        self.engine = AlertEngine(store.rules())
        self._clock = clock
        self._held: set[tuple[str, Channel]] = set()  # what this monitor holds in the service
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self._on_tick)
        self._watcher = QFileSystemWatcher(self)  # sooner than the timer where the OS tells us
        self._watcher.directoryChanged.connect(lambda _path: self.reload())
        self._watcher.fileChanged.connect(lambda _path: self.reload())
        self._watch_file()
        service.listen(self._listener())
        service.sig_feed_changed.connect(self._on_feed_changed)

    @property
    def rules(self) -> list[AlertRule]:
        """The rules in the order they were added."""
        return self.store.rules()

    def start(self) -> None:
        """Subscribe the rules' symbols and follow the file (the window calls it once it runs)."""
        self._subscribe()
        self._check.start()

    def state(self, rule_id: str) -> str | None:
        """The engine's word for a rule (armed, fired, expired …), None for an unknown id."""
        state = getattr(self.engine, "state", None)  # (an engine that keeps no state says nothing)
        return state(rule_id) if state is not None else None

    # -- changes -------------------------------------------------------------------------------

    def add(self, symbol: str, kind: str, value: float | str, note: str | None = None, **parts: object) -> AlertRule:
        """A new rule, saved at once (raises ``AlertRuleError`` for a bad one); ``parts``: the
        optional ``hysteresis``, ``every``, ``expires`` of :func:`app.core.alerts.checked_rule`."""
        rule = self.store.add(symbol, kind, value, note, **parts)  # type: ignore[arg-type]
        self._apply_rules()
        return rule

    def add_line(self, symbol: str, line: tuple[int, float, int, float], note: str | None = None) -> AlertRule:
        """A rule on a drawn line (t1_ms, p1, t2_ms, p2): it fires at each crossing."""
        rule = self.store.add(symbol, LINE, None, note, line=line)
        self._apply_rules()
        return rule

    def remove(self, rule_id: str) -> bool:
        removed = self.store.remove(rule_id)
        if removed:
            self._apply_rules()
        return removed

    def reload(self) -> bool:
        """Read ``alerts.json`` again if another process changed it; True when it had."""
        self._watch_file()
        if not self.store.refresh():
            return False
        self._apply_rules()
        return True

    def release(self) -> None:
        """Let go of the rules' symbols (the vendor is about to change)."""
        self._hold(set())

    # -- inside ----------------------------------------------------------------------------------

    def _apply_rules(self) -> None:
        self.engine.set_rules(self.store.rules())
        self._subscribe()
        self.sig_rules_changed.emit()

    def _subscribe(self) -> None:
        channels = self.engine.channels
        self._hold({(symbol, channel) for symbol in self.engine.symbols for channel in channels})

    def _hold(self, wanted: set[tuple[str, Channel]]) -> None:
        """Hold exactly ``wanted`` (symbol, channel) pairs, beside the other panes' holds: one
        acquire or release per channel."""
        for pairs, change in ((wanted - self._held, self.service.acquire),
                              (self._held - wanted, self.service.release)):
            for channel in {c for _, c in pairs}:
                symbols = sorted(s for s, c in pairs if c is channel)
                change(symbols, [channel], BAR_PERIOD if channel is Channel.BAR else None)
        self._held = set(wanted)

    def _on_feed_changed(self, _vendor: str) -> None:
        """The service runs on another vendor with no subscriptions: the rules' symbols again."""
        self._held = set()
        self._subscribe()

    def _listener(self) -> Callable[[object], None]:
        """The hot path: one engine call (names bound once); a signal only for an alert."""
        evaluate = self.engine.on_event  # the engine is kept: set_rules changes it in place
        emit = self.sig_fired.emit

        def on_event(event: object) -> None:
            fired = evaluate(event)
            if fired:
                for alert in fired:
                    emit(alert)

        return on_event

    def _on_tick(self) -> None:
        self.reload()
        on_clock = getattr(self.engine, "on_clock", None)  # rules on time (a stale feed)
        if on_clock is not None:
            for alert in on_clock(int(self._clock() * 1000)) or ():
                self.sig_fired.emit(alert)

    def _watch_file(self) -> None:
        """Watch the file and its folder (an atomic write replaces the file: the folder sees it)."""
        path = self.store.path
        if path is None:
            return
        for target in (path.parent, path):
            if target.exists() and str(target) not in (*self._watcher.files(), *self._watcher.directories()):
                self._watcher.addPath(str(target))

