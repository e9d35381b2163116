"""Starts the GUI on a qasync loop and shuts it down cleanly (every task awaited, exit 0)."""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import signal
import sys
from pathlib import Path

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USAGE = 0, 2
WINDOW_SIZE = (1600, 900)  # the first start, and every --screenshot


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    from app.core.secrets import install_log_filter

    install_log_filter()  # keys never in the log, even when a vendor quotes one back
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.after < 0:
            print("quote-terminal: --after must be zero or more seconds", file=sys.stderr)
            return EXIT_USAGE
    elif not _has_display():
        print(
            "quote-terminal: no display found (DISPLAY is not set); run it on a desktop, or use "
            "--screenshot PATH to render offscreen",
            file=sys.stderr,
        )
        return EXIT_USAGE

    # What never uses Qt first (the settings, the stores, the vendor's feed, NumPy through the
    # drawings). (PySide6 used to read the source of every module imported after it, its
    # __feature__ check; app/ui/kit/feature_scan.py now spares every module that: start-up, issue 24.)
    from app.core.text import joined
    from app.feeds.base import FeedError
    from app.feeds.registry import VENDORS
    from app.services.relay_feed import RELAY, relay_feed
    from app.services.vendors import build_feed
    from app.storage.alerts import AlertStore
    from app.storage.alerts import default_path as alerts_path
    from app.storage.drawings import default_path as drawings_path
    from app.storage.klines import KlineCache
    from app.storage.paths import cache_dir, data_dir
    from app.storage.settings import read_settings, save_settings
    from app.storage.watchlists import WatchlistStore
    from app.storage.workspaces import WorkspaceStore

    loaded = read_settings(vendors=VENDORS)  # a bad field costs that field; said (stderr) below too
    settings = loaded.settings
    vendor = args.vendor or settings.vendor
    try:
        if vendor == RELAY:  # a desk's relay on NATS; the vendor last used stays the saved one
            feed = relay_feed(getattr(args, "nats", None), getattr(args, "relay_vendor", None), discover_now=True)
        else:
            feed = build_feed(vendor, settings, base_url=args.base_url, ws_url=args.ws_url,
                              sim_always_open=bool(args.sim_always_open))
            settings.vendor = vendor
    except FeedError as exc:
        print(f"quote-terminal: {exc}", file=sys.stderr)
        return EXIT_USAGE

    from app.ui.kit.feature_scan import skip_feature_scan

    import PySide6.QtCore  # noqa: F401  (first: the feature scan is skipped for all that follows)

    skip_feature_scan()
    import qasync
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from app.services.calendars import BUILD_DELAY_S, CalendarLoader
    from app.services.history import KlineHistory
    from app.services.market_data import MarketDataService
    from app.services.words import words
    from app.ui.chart.drawings.book import DrawingBook
    from app.ui.kit import i18n, theme
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.restart import relaunch
    from app.ui.shell.warm_up import warm_up_later

    _quiet_platform_noise()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Quote Terminal")
    app.setOrganizationName("quote-terminal")
    app.setDesktopFileName("quote-terminal")  # matches packaging/quote-terminal.desktop
    icon = _icon_path()
    if icon is not None:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    app.setQuitOnLastWindowClosed(False)  # we quit after the service has shut down
    theme.apply(app, theme.theme_named(settings.theme))
    i18n.install(app, i18n.choose(settings.language))  # (its translators belong to the app)

    calendars = CalendarLoader()
    cached = calendars.install_cached()  # a small file: the first paint knows the holidays
    service = MarketDataService(feed)
    cache, cache_problem = _open_cache(KlineCache, cache_dir() / "klines.sqlite3")
    history = KlineHistory(service, cache)
    watchlists = WatchlistStore(data_dir() / "watchlists.json", settings.watchlist_for,
                                QCoreApplication.translate("Watchlist", "Watchlist"),
                                former_defaults=[i18n.translate_in("zh_CN", "Watchlist", "Watchlist")])
    workspaces = WorkspaceStore(data_dir() / "workspaces.json")
    drawings = DrawingBook(drawings_path())
    alerts = AlertStore(alerts_path())  # shared with `quote-terminal alerts` and `watch`
    window = MainWindow(service, settings, history=history, watchlists=watchlists, workspaces=workspaces,
                        feeds=build_feed, drawings=drawings, alerts=alerts)
    window.resize(*WINDOW_SIZE)
    calendars.sig_installed.connect(window.calendars_changed)
    problems = [p for p in (loaded.problem, cache_problem, watchlists.problem, drawings.problem, alerts.problem)
                if p]
    if problems:  # once, in the status bar (each was logged to stderr where it happened)
        window.show_error(words(functools.reduce(joined, problems)))

    restart: list[bool] = []  # the user asked to start again (the language); done once all is saved

    async def main() -> int:
        closing = asyncio.Event()
        window.sig_closed.connect(closing.set)
        window.sig_restart_requested.connect(lambda: restart.append(True))
        app.aboutToQuit.connect(closing.set)
        _close_on_sigint(window)
        code = EXIT_OK
        loading = None
        try:
            await service.start()
            window.show()
            window.start()
            warm_up_later(window)  # pinyin, keyring: after the first frame
            if not cached:  # built from exchange-calendars in a worker, off the start path
                # (the shipped table is installed already: the fresh one can wait a little)
                delay = BUILD_DELAY_S if calendars.table is not None else 0.0
                loading = asyncio.ensure_future(calendars.load(delay))
            calendars.use_vendor(service.feed)  # its own calendar's closures and half days
            service.sig_feed_changed.connect(lambda _vendor: calendars.use_vendor(service.feed))
            if args.screenshot:
                code = await _screenshot(window, Path(args.screenshot), args.after)
                window.close()
            await closing.wait()
        finally:
            if loading is not None:
                loading.cancel()  # its thread is a daemon: quitting never waits for it
            await calendars.aclose()
            history.flush()
            await service.aclose()
            if cache is not None:
                cache.close()  # after the pending writes
            if not loaded.writable:  # the damaged file stays as it is: the user may still need it
                log.warning("settings not saved: %s is left as it was", loaded.problem)
            else:
                try:
                    save_settings(settings)
                except OSError as exc:
                    log.warning("could not save settings: %s", exc)
        return code

    code = qasync.run(main())
    if restart and not relaunch():
        log.warning("could not start Quote Terminal again; start it by hand")
    return code


def _open_cache(cache_class, path: Path):
    """(the kline cache, None), or (None, why) when it cannot be opened: charts then ask the
    vendor only, and the file is left as it is (a lock or a full disk does not damage it)."""
    try:
        return cache_class(path), None
    except Exception as exc:  # a read-only home, a full disk, a lock: charts still work
        problem = exc.args[0] if len(exc.args) == 1 else exc  # CacheError carries its Text
        log.warning("no kline cache: %s", problem)
        return None, problem


async def _screenshot(window, path: Path, after: float) -> int:
    window.resize(*WINDOW_SIZE)  # the same picture whatever size the last workspace had
    await asyncio.sleep(after)
    image = window.grab()
    if not image.save(str(path)):
        print(f"quote-terminal: could not write the screenshot to {path}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _icon_path() -> Path | None:
    """The program's icon: next to the bundle's files, or in the source tree's resources."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[3]))
    icon = base / "resources" / "icons" / "quote-terminal.svg"
    return icon if icon.exists() else None


def _quiet_platform_noise() -> None:
    """Route Qt's messages to logging, dropping the offscreen plugin's harmless chatter."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, _context, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        logging.getLogger("qt").log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _close_on_sigint(window) -> None:
    """Ctrl+C in the terminal closes the window the normal way (settings saved, tasks awaited)."""
    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda *_: window.close())
    # Qt's loop never returns to Python on its own; a heartbeat lets the handler run.
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
