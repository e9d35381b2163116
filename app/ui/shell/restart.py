"""Starting the program again, for a change that takes effect at start (the language).

The new process is started only after the old one has saved everything and closed its feed,
with the command line it was started with: the bundle's executable, or the interpreter with
``-m app`` or the ``quote-terminal`` script."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess


def restart_command() -> list[str]:
    """This process's own command line, with an absolute program."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the program
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, *sys.orig_argv[1:]]


def relaunch() -> bool:
    """Start a new, independent copy of the program; False when the system refused."""
    program, *arguments = restart_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return started
