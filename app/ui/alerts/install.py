"""Alerts in the main window: the monitor on the service's events, the Alerts dock, the
"Add alert…" entries of the watchlist's and the charts' context menus, and the delivery of
each fired alert (a toast, a desktop notification, a sound, as the pane's Notify menu says).
The window calls :func:`install_alerts` once while it builds its docks (so the dock is in the
View menu and the default layout), :meth:`AlertsController.start` when it starts, and
:meth:`AlertsController.hook_chart` for every chart it adds.

The monitor runs from the start; the pane (its tables) is built when its dock is first shown,
an alert is added or one fires (app/ui/kit/lazy_pane.py), and the toasts, the tray and the
sound on the first alert told (start-up, issue 24: the first frame shows none of them)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from app.core.alerts import ABOVE, BELOW, LINE, AlertRule, AlertRuleError
from app.core.ticks import decimals_at
from app.services.alerts import AlertMonitor
from app.storage.alerts import AlertStore
from app.ui.alerts.words import rule_text
from app.ui.kit.lazy_pane import LazyDock, PanePlaceholder

if TYPE_CHECKING:
    from app.core.alerts import Alert
    from app.ui.alerts.dialog import AddAlertDialog
    from app.ui.alerts.models import LogEntry
    from app.ui.alerts.pane import AlertsPane
    from app.ui.alerts.sound import AlertSound
    from app.ui.alerts.toast import ToastStack
    from app.ui.alerts.tray import TrayNotifier
    from app.ui.chart.widget import ChartWidget
    from app.ui.shell.main_window import MainWindow


class AlertsController(QObject):
    """What the window holds of alerts: ``monitor``, ``pane`` (built on first use) and its
    ``dock``, ``toasts``, ``tray`` and ``sound`` (made on first use)."""

    def __init__(self, window: MainWindow, store: AlertStore) -> None:
        super().__init__(window)
        self.window = window
        self.monitor = AlertMonitor(window.service, store, self)
        title = QCoreApplication.translate("MainWindow", "Alerts")  # (AlertsPane.pane_title)
        self.lazy: LazyDock[AlertsPane] = LazyDock(window, PanePlaceholder("alerts", title), self._build_pane)
        self.dock = self.lazy.dock
        window.tabifyDockWidget(window.browser_dock, self.dock)
        window.browser_dock.raise_()  # the symbols stay in front; the tab says Alerts is there
        self.monitor.sig_fired.connect(self._fired_unbuilt)  # (the pane logs the next ones itself)
        self._hook_watchlist()
        self.hook_chart(window.chart)
        self._started = False
        self.menu: QMenu | None = None  # the last "Add alert…" menu shown

    @property
    def pane(self) -> AlertsPane:
        """The Alerts pane (built now if it was not yet)."""
        return self.lazy.pane

    def _build_pane(self) -> AlertsPane:
        from app.ui.alerts.pane import AlertsPane

        pane = AlertsPane(self.monitor, self.window.service, self.window.settings.alert_delivery)
        self.monitor.sig_fired.disconnect(self._fired_unbuilt)
        pane.sig_logged.connect(self.deliver)
        pane.sig_show_moment.connect(lambda alert: self.show_moment(alert.symbol, alert.ts))
        return pane

    def _fired_unbuilt(self, alert: Alert) -> None:
        """An alert fired before the pane was built: built now, it logs this one (connected
        while this signal is delivered, it hears the next ones only)."""
        self.pane.log_alert(alert)

    @cached_property
    def toasts(self) -> ToastStack:
        from app.ui.alerts.toast import ToastStack

        toasts = ToastStack(self.window)
        toasts.sig_clicked.connect(lambda alert: self.show_moment(alert.symbol, alert.ts))
        return toasts

    @cached_property
    def tray(self) -> TrayNotifier:
        from app.ui.alerts.tray import TrayNotifier

        return TrayNotifier(self)

    @cached_property
    def sound(self) -> AlertSound:
        from app.ui.alerts.sound import AlertSound

        return AlertSound(self)

    def start(self) -> None:
        """The window runs (called at each start, a vendor switch's too)."""
        self.monitor.start()
        if not self._started:  # (the workspaces exist once the window is built)
            self._started = True
            self.window.workspaces.sig_layout_restored.connect(self.place_if_unsaved)

    def place_if_unsaved(self, layout: bytes) -> None:
        """A workspace saved before the Alerts dock existed leaves it wherever Qt puts it: put
        it back behind the Symbols tab, as the default layout has it."""
        if self.dock.objectName().encode("utf-16-be") in layout:  # (Qt keeps names as UTF-16)
            return
        self.window.tabifyDockWidget(self.window.browser_dock, self.dock)
        self.window.browser_dock.raise_()

    # -- delivery ------------------------------------------------------------------------------

    def deliver(self, entry: LogEntry) -> None:
        """Tell one fired alert the ways the user chose (the log has it already)."""
        alert = entry.alert
        choice = self.window.settings.alert_delivery
        title = self.tr("%1: %2").replace("%1", alert.symbol).replace("%2", entry.rule)
        at = self.tr("at %1 · %2").replace("%1", entry.price).replace("%2", entry.time)
        if choice.toast:
            self.toasts.show(alert, title, [at, alert.note or ""])
        if choice.tray:
            self.tray.notify(self.tr("Alert · %1").replace("%1", title), "\n".join(filter(None, [at, alert.note])))
        if choice.sound:
            self.sound.play()

    # -- the moment on a chart -------------------------------------------------------------------

    def show_moment(self, symbol: str, ts_ms: int) -> ChartWidget:
        """Chart ``symbol`` (linked, as a click in the watchlist would) and mark ``ts_ms``."""
        window = self.window
        window.select_symbol(symbol)
        chart = next((c for c in window.charts if c.symbol == symbol), window.chart)
        if chart.symbol != symbol:  # the main chart is fixed on another symbol
            chart.set_symbol(symbol)
        dock = window.docks.get(chart.pane_id)
        if dock is not None:
            dock.show()
            dock.raise_()
        chart.show_moment(ts_ms)
        return chart

    # -- "Add alert…" from the other panes ---------------------------------------------------------

    def add_alert(self, symbol: str, price: float | None = None) -> AddAlertDialog:
        """The add dialog for ``symbol``, its value the last price (at the instrument's
        precision), the kind "above" or "below" by where that price stands."""
        service = self.window.service
        quote = service.latest_quote(symbol)
        last = price if price is not None else (quote.last if quote is not None else None)
        value = "" if last is None else f"{last:.{decimals_at(service.instrument(symbol), last)}f}"
        self.dock.show()
        self.dock.raise_()
        dialog = self.pane.open_add(symbol, value)
        if quote is not None and quote.last is not None and price is not None:
            dialog.set_kind(ABOVE if price >= quote.last else BELOW)
        return dialog

    def _hook_watchlist(self) -> None:
        view = self.window.watchlist.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._watchlist_menu)

    def _watchlist_menu(self, pos: QPoint) -> QMenu | None:
        view = self.window.watchlist.view
        index = view.indexAt(pos)
        symbol = self.window.watchlist_model.symbol_at(index.row()) if index.isValid() else None
        if symbol is None:
            return None
        return self._popup(view.viewport().mapToGlobal(pos), symbol, None)

    def hook_chart(self, chart: ChartWidget) -> None:
        """"Add alert…" in the chart's right-click menu, at the price under the pointer, and
        "Alert on this line" from a drawn line's menu."""
        chart.context_menu.add_section(lambda menu, price, c=chart: self._chart_section(c, menu, price), first=True)
        chart.sig_alert_on_line.connect(self.add_line_alert)

    def _chart_section(self, chart: ChartWidget, menu: QMenu, price: float | None) -> None:
        symbol = chart.symbol
        if symbol is not None:
            menu.addAction(self.tr("Add alert on %1…").replace("%1", symbol),
                           lambda: self.add_alert(symbol, price))

    def add_line_alert(self, symbol: str, line: tuple[int, float, int, float]) -> AlertRule | None:
        """A rule that fires each time the price crosses a drawn line (said in the status bar)."""
        try:
            rule = self.monitor.add_line(symbol, line)
        except AlertRuleError as error:
            self.window.show_error(str(error))
            return None
        self.dock.show()
        self.dock.raise_()
        self.window.statusBar().showMessage(
            self.tr("Alert added: %1 %2").replace("%1", symbol).replace("%2", rule_text(rule)), 5000)
        return rule

    def _popup(self, where: QPoint, symbol: str, price: float | None) -> QMenu:
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Add alert on %1…").replace("%1", symbol), lambda: self.add_alert(symbol, price))
        menu.popup(where)
        self.menu = menu
        return menu


def install_alerts(window: MainWindow, store: AlertStore) -> AlertsController:
    return AlertsController(window, store)

