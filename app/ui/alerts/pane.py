"""The Alerts pane: the saved rules (symbol, rule, armed / fired / expired, note) with Add and
Remove, the ways an alert is told (toast, desktop notification, sound), and the log of what
fired (time with its zone, symbol, rule, price at the instrument's precision); a click on a
log row charts the symbol and marks the moment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.alerts import Alert, AlertRule, AlertRuleError
from app.core.ticks import decimals_at
from app.services.alerts import AlertMonitor
from app.services.market_data import MarketDataService
from app.services.words import words
from app.storage.settings import AlertDelivery
from app.ui.alerts.models import LogEntry, LogModel, RuleColumn, RulesModel
from app.ui.alerts.words import rule_text
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.pane import PaneDefaults
from app.ui.kit.tables import data_table

if TYPE_CHECKING:  # made on first use: the dialog is not for the first frame
    from app.ui.alerts.dialog import AddAlertDialog

STATES_MS = 1000  # the state column follows re-arming (which sends no signal) once a second


class AlertsPane(QWidget, PaneDefaults):
    """Signals:

    - ``sig_show_moment(Alert)``: the alert of a log row the user clicked (its symbol and ts).
    - ``sig_logged(object)``: a fired alert was written in the log (its :class:`LogEntry`).
    """

    sig_show_moment = Signal(object)
    sig_logged = Signal(object)

    pane_id = "alerts"

    def __init__(self, monitor: AlertMonitor, service: MarketDataService, delivery: AlertDelivery,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self._service = service
        self.delivery = delivery
        self.dialog: AddAlertDialog | None = None
        self.rules_model = RulesModel(monitor.state)
        self.rules_view = data_table(self, 22, selectable=True)
        self.rules_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.rules_view.setModel(self.rules_model)
        self.log_model = LogModel()
        self.log_view = data_table(self, 22, selectable=True)
        self.log_view.setModel(self.log_model)
        self.log_view.setToolTip(self.tr("Click a row to chart the symbol at that moment"))
        for view in (self.rules_view, self.log_view):
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
        self.rules_view.horizontalHeader().setSectionResizeMode(RuleColumn.NOTE, QHeaderView.ResizeMode.Stretch)

        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add alert…"))
        self.add_button.clicked.connect(lambda: self.open_add())
        self.remove_button = QToolButton(self)
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected rules (Delete)"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.notify_button = QToolButton(self)
        self.notify_button.setText(self.tr("Notify"))
        self.notify_button.setToolTip(self.tr("How a fired alert is told"))
        self.notify_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.notify_menu = QMenu(self)
        self.notify_button.setMenu(self.notify_menu)
        self.notify_actions: dict[str, QAction] = {}
        for name, label in (("toast", self.tr("Toast in the window")),
                            ("tray", self.tr("Desktop notification")),
                            ("sound", self.tr("Sound"))):
            action = self.notify_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(getattr(delivery, name))
            action.toggled.connect(lambda on, n=name: setattr(self.delivery, n, on))
            self.notify_actions[name] = action
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.notify_button):
            button.setAutoRaise(True)
            tools.addWidget(button)
        tools.addStretch(1)

        self.empty = QLabel(self.tr("No alerts yet: Add alert…, or right-click a symbol in the watchlist "
                                    "or the chart."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tint(self.empty, "muted")
        self.log_title = QLabel(self.tr("Fired"), self)
        theme.tint(self.log_title, "muted")
        rules_box = QWidget(self)
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.setContentsMargins(0, 0, 0, 0)
        rules_layout.addWidget(self.rules_view, 1)
        rules_layout.addWidget(self.empty, 1)
        log_box = QWidget(self)
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.setSpacing(2)
        log_layout.addWidget(self.log_title)
        log_layout.addWidget(self.log_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(rules_box)
        self.splitter.addWidget(log_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([1000, 1000])  # the rules and the log share the height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)

        self.rules_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.log_view.clicked.connect(self._on_log_clicked)
        self.log_view.activated.connect(self._on_log_clicked)
        delete = QAction(self.rules_view)  # the table's own key, not the window's
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.rules_view.addAction(delete)
        monitor.sig_rules_changed.connect(self.show_rules)
        monitor.sig_fired.connect(self.log_alert)
        self._states = QTimer(self)
        self._states.setInterval(STATES_MS)
        self._states.timeout.connect(self.rules_model.refresh_states)
        self._states.start()
        self.show_rules()

    def pane_title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Alerts")

    # -- rules -----------------------------------------------------------------------------------

    def show_rules(self) -> None:
        self.rules_model.set_rules(self.monitor.rules)
        has_rules = self.rules_model.rowCount() > 0
        self.rules_view.setVisible(has_rules)
        self.empty.setVisible(not has_rules)
        self._on_selection()

    def open_add(self, symbol: str = "", value: str = "") -> AddAlertDialog:
        """The add dialog (non-modal), prefilled; the rule is saved when it is accepted."""
        if self.dialog is not None:
            self.dialog.close()
        from app.ui.alerts.dialog import AddAlertDialog

        self.dialog = AddAlertDialog(self, symbol, value)
        self.dialog.sig_add.connect(self.add_rule)
        self.dialog.open()
        return self.dialog

    def add_rule(self, symbol: str, kind: str, value: str, note: str,
                 parts: dict | None = None) -> AlertRule | None:
        try:
            rule = self.monitor.add(symbol, kind, value, note or None, **(parts or {}))
        except AlertRuleError as exc:
            self._tell(words(exc))
            return None
        if self.monitor.store.unsaved:  # kept in memory only: say why
            self._tell(words(self.monitor.store.unsaved))
        return rule

    def selected_rules(self) -> list[AlertRule]:
        rows = sorted({index.row() for index in self.rules_view.selectionModel().selectedRows()})
        return [self.rules_model.rules[row] for row in rows]

    def remove_selected(self) -> None:
        for rule in self.selected_rules():
            self.monitor.remove(rule.id)

    def _on_selection(self, *_args) -> None:
        self.remove_button.setEnabled(bool(self.rules_view.selectionModel().selectedRows()))

    def _tell(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Alerts"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- the log -----------------------------------------------------------------------------------

    def log_alert(self, alert: Alert) -> LogEntry:
        """Write a fired alert at the top of the log, in the rule's words and the price's precision."""
        rule = next((r for r in self.monitor.rules if r.id == alert.id), None)
        inst = self._service.instrument(alert.symbol)
        entry = self.log_model.add(alert, rule_text(rule) if rule is not None else alert.rule,
                                   decimals_at(inst, alert.price), fmt.exchange_zone(alert.symbol, inst))
        self.rules_model.refresh_states()
        self.sig_logged.emit(entry)
        return entry

    def _on_log_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_show_moment.emit(self.log_model.entries[index.row()].alert)

