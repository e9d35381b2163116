"""User settings: one JSON document written atomically; a damaged file is kept, not lost."""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path

import msgspec

from app.core.text import QT_TRANSLATE_NOOP, Text, joined
from app.core.urls import HTTP_SCHEMES, WS_SCHEMES, url_problem
from app.storage.atomic import write_atomic
from app.storage.paths import config_dir
from app.storage.salvage import salvage

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class VendorDefaults:
    """What a first start looks like, which is the vendors' own knowledge (their specs in
    ``app/feeds``, which storage may not import): the vendor chosen when the file names none,
    and each vendor's starting watchlist. The service layer hands them down once
    (:func:`use_vendor_defaults`); storage on its own knows no vendor."""

    vendor: str = ""
    watchlists: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def watchlist(self, vendor: str) -> list[str]:
        return list(self.watchlists.get(vendor, ()))


_defaults = VendorDefaults()


def use_vendor_defaults(defaults: VendorDefaults) -> None:
    """Install the vendors' defaults (``app.services.vendors`` does, from the registry)."""
    global _defaults
    _defaults = defaults


class VendorHosts(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Optional address overrides for one vendor (a free-plan host, a local test server)."""

    base_url: str | None = None
    ws_url: str | None = None


class QosPlanSettings(msgspec.Struct, kw_only=True):
    """The user's QOS plan, for plans larger than the default (10 symbols, 10 requests/min)."""

    products: int = 10
    http_per_minute: int = 10


class ItickPlanSettings(msgspec.Struct, kw_only=True):
    """The user's iTick plan: iTick publishes no numbers (free keys: about 5 requests a
    minute; paid plans 120 and more). ``connections`` 0 means the plan's count is not known."""

    http_per_minute: int = 60
    connections: int = 0


class ChartStudy(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One indicator on the chart: its kind (MA, EMA, BOLL, VOL, MACD, RSI), its parameters
    (empty: the defaults), and for MACD whether it is drawn the Chinese way."""

    kind: str
    params: list[float] = msgspec.field(default_factory=list)
    chinese: bool = False


def _default_studies() -> list[ChartStudy]:
    return [ChartStudy(kind="MA"), ChartStudy(kind="VOL")]


class TapeFilter(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One symbol's time & sales filters: prints under ``min_size`` are hidden; prints at or
    above ``large`` (a size, or a notional: price × size) are highlighted; ``large`` 0 means
    "auto": five times the median size of the recent prints."""

    min_size: float = 0.0
    large: float = 0.0
    by_notional: bool = False


class AlertDelivery(msgspec.Struct, kw_only=True):
    """How the window tells a fired alert: a toast in its corner, a desktop notification (the
    system tray's, where the desktop has one) and a short sound."""

    toast: bool = True
    tray: bool = True
    sound: bool = True


class ChartSettings(msgspec.Struct, kw_only=True):
    """How the chart looks, remembered between runs."""

    style: str = "candles"  # candles, ohlc, line
    scale: str = "normal"  # normal, log, percent
    local_time: bool = False  # False: the exchange's time zone
    magnet: bool = False
    studies: list[ChartStudy] = msgspec.field(default_factory=_default_studies)
    compare: list[str] = msgspec.field(default_factory=list)  # symbols overlaid in percent
    intraday: int = 0  # 0: candles; 1 or 5: the intraday view (分时) over that many trading days


class Settings(msgspec.Struct, kw_only=True):
    """Preferences only: API keys live in the OS keyring, never here."""

    vendor: str = msgspec.field(default_factory=lambda: _defaults.vendor)
    red_up: bool | None = None  # None: follow the locale (Chinese → red up)
    theme: str = "dark"  # "dark" or "light"
    language: str = "auto"  # "auto" (the system's), "en" or "zh_CN"; applies at the next start
    export_folder: str = ""  # where the user last saved or opened an exported file (empty: none yet)
    watchlist_columns: list[str] = msgspec.field(default_factory=list)  # empty: the defaults
    # the default vendor's list (the file has kept it here since it had one vendor); the others':
    watchlist: list[str] = msgspec.field(default_factory=lambda: _defaults.watchlist(_defaults.vendor))
    watchlists: dict[str, list[str]] = msgspec.field(default_factory=dict)
    selected: str | None = None
    hosts: dict[str, VendorHosts] = msgspec.field(default_factory=dict)
    # primary vendor → its backup: a symbol the primary is down or silent on continues from the
    # backup (app.feeds.failover); none: no failover
    backup: dict[str, str] = msgspec.field(default_factory=dict)
    # primary vendor → a vendor read beside it only to compare last prices (app.feeds.compare): the
    # watchlist marks a symbol whose two prices disagree; none: no comparison
    compare: dict[str, str] = msgspec.field(default_factory=dict)
    qos_plan: QosPlanSettings = msgspec.field(default_factory=QosPlanSettings)
    itick_plan: ItickPlanSettings = msgspec.field(default_factory=ItickPlanSettings)
    plans: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)  # other vendors' plan numbers
    chart: ChartSettings = msgspec.field(default_factory=ChartSettings)
    tape_filters: dict[str, TapeFilter] = msgspec.field(default_factory=dict)  # per symbol
    watchlist_opens: str = "chart"  # Enter / double-click in the watchlist opens "chart" or "intraday"
    alert_delivery: AlertDelivery = msgspec.field(default_factory=AlertDelivery)
    rolling_hours: float = 2.0  # a rolling recording of the last N hours (rewind); 0: none

    def watchlist_for(self, vendor: str) -> list[str]:
        if vendor == _defaults.vendor:
            return list(self.watchlist)
        if vendor in self.watchlists:
            return list(self.watchlists[vendor])
        return _defaults.watchlist(vendor)

    def set_watchlist(self, vendor: str, symbols: list[str]) -> None:
        if vendor == _defaults.vendor:
            self.watchlist = list(symbols)
        else:
            self.watchlists[vendor] = list(symbols)


def settings_path() -> Path:
    return config_dir() / "settings.json"


@dataclass
class LoadedSettings:
    """The settings read at start, what was wrong with the file (in words, naming the file
    and the fields), and whether saving may replace the file: not when a damaged or unreadable
    file could not be set aside (saving would overwrite what the user might still need)."""

    settings: Settings
    problem: Text | None = None
    writable: bool = True


def read_settings(path: Path | None = None, vendors: Collection[str] = ()) -> LoadedSettings:
    """The settings in ``path``; a field that cannot be used (a wrong type, a vendor not in
    ``vendors``, an address with no host) takes its default and the rest is kept (a vendor not
    in ``vendors``: the default vendor, else the first of ``vendors``). The original
    file is kept aside (``settings.json.damaged-<time>``) whenever something was dropped."""
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:  # unreadable (permissions, a folder): not damaged, leave it alone
        return _said(LoadedSettings(Settings(), Text(QT_TRANSLATE_NOOP(
            "Storage", "the settings file %1 could not be read (%2); the defaults are used and the file "
            "is left as it is"), path, exc), writable=False))
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        return _said(_set_aside(path, exc))
    if not isinstance(raw, dict):
        return _said(_set_aside(path, Text(QT_TRANSLATE_NOOP("Storage", "it holds no settings object"))))
    settings, salvaged = salvage(raw, Settings)
    bad: list[tuple[str, object]] = list(salvaged)
    if vendors and settings.vendor not in vendors:
        bad.append(("vendor", Text(QT_TRANSLATE_NOOP("Storage", "unknown vendor '%1': choose one of %2"),
                                   settings.vendor, ", ".join(vendors))))
        fallback = Settings().vendor
        settings.vendor = fallback if fallback in vendors else next(iter(vendors))
    for vendor, hosts in settings.hosts.items():
        for name, schemes in (("base_url", HTTP_SCHEMES), ("ws_url", WS_SCHEMES)):
            url = getattr(hosts, name)
            problem = url_problem(url, schemes) if url is not None else None
            if problem:
                bad.append((f"hosts.{vendor}.{name}", problem))
                setattr(hosts, name, None)
    if not bad:
        return LoadedSettings(settings)
    fields = reduce(joined, (Text(QT_TRANSLATE_NOOP("Storage", "%1 (%2)"), f, why) for f, why in bad))
    aside = _aside_name(path)
    try:
        write_atomic(aside, data)  # a copy: the file still holds the good fields if we stop now
    except OSError as exc:
        return _said(LoadedSettings(settings, Text(QT_TRANSLATE_NOOP(
            "Storage", "in the settings file %1, these fields could not be used and take their defaults: "
            "%2; the other settings are kept; the file could not be copied aside (%3), so it is left as "
            "it is"), path, fields, exc), writable=False))
    return _said(LoadedSettings(settings, Text(QT_TRANSLATE_NOOP(
        "Storage", "in the settings file %1, these fields could not be used and take their defaults: %2; "
        "the other settings are kept and the original file is kept as %3"), path, fields, aside.name)))


def load_settings(path: Path | None = None) -> Settings:
    """The settings alone (what could not be used is logged)."""
    return read_settings(path).settings


def _aside_name(path: Path) -> Path:
    return path.with_name(f"{path.name}.damaged-{int(time.time())}")


def _set_aside(path: Path, why: object) -> LoadedSettings:
    """A file with nothing usable in it: renamed, or left where it is when the folder refuses."""
    backup = _aside_name(path)
    try:
        path.replace(backup)
    except OSError as exc:  # a read-only folder: the file stays, and is not written over
        return LoadedSettings(Settings(), Text(QT_TRANSLATE_NOOP(
            "Storage", "the settings file %1 could not be read (%2); the defaults are used, and the file "
            "is left where it is: it could not be renamed (%3)"), path, why, exc), writable=False)
    return LoadedSettings(Settings(), Text(QT_TRANSLATE_NOOP(
        "Storage", "the settings file %1 could not be read (%2); the defaults are used and the file was "
        "kept as %3"), path, why, backup.name))


def _said(loaded: LoadedSettings) -> LoadedSettings:
    log.warning("%s", loaded.problem)
    return loaded


def save_settings(settings: Settings, path: Path | None = None) -> None:
    write_atomic(path or settings_path(), msgspec.json.format(msgspec.json.encode(settings)))
