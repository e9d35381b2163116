"""The Settings dialog's row for the rolling recording: "Keep a rolling recording of the last N
hours" (``Settings.rolling_hours``; 0 keeps none). Applying the dialog switches the vendor
again, and the recording service follows the new number then."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from app.storage.settings import Settings

MAX_HOURS = 24.0


class RollingHoursBox(QDoubleSpinBox):
    """Hours of rolling recording (by half hours), 0 shown as "off"; ``label`` names the row
    ("Keep a rolling recording of the last" … "2.0 hours")."""

    def __init__(self, hours: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolling-hours")
        self.setRange(0.0, MAX_HOURS)
        self.setDecimals(1)
        self.setSingleStep(0.5)
        self.setSuffix(self.tr(" hours"))
        self.setSpecialValueText(self.tr("off"))
        self.setToolTip(self.tr("What a rewind can go back over: everything the terminal receives, "
                                "kept on disk for this many hours (0: none)"))
        self.setValue(hours)
        self.label = QCoreApplication.translate("RollingHoursBox", "Keep a rolling recording of the last")


def rolling_hours_box(settings: Settings, parent: QWidget | None = None) -> RollingHoursBox:
    return RollingHoursBox(settings.rolling_hours, parent)
