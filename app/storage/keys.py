"""API keys: the OS keyring first, then the environment. Never written to files or logs.

Which environment variable holds a vendor's key is the vendor's own fact (its spec in
``app/feeds``, which storage may not import): callers pass it in as ``variable``."""

from __future__ import annotations

import os

from app.core.text import QT_TRANSLATE_NOOP, Text

SERVICE = "quote-terminal"


class KeyStoreError(Exception):
    """The keyring is unusable; the message says what to do instead."""


def load_keyring() -> None:
    """Import keyring and find its backend now (a few hundred ms on a busy machine), so that the
    first key looked up later (the settings dialog, a vendor switch) does not wait. Never at
    start-up: the window calls it after its first frame (app/ui/shell/warm_up.py)."""
    try:
        import keyring

        keyring.get_keyring()
    except Exception:  # no backend on this desktop: get_key says so when a key is asked for
        pass


def get_key(vendor: str, *, variable: str | None) -> str | None:
    """The keyring's key for ``vendor``, else the environment variable ``variable``'s."""
    try:
        import keyring

        value = keyring.get_password(SERVICE, vendor)
    except Exception:  # no backend on this desktop: fall back to the environment
        value = None
    if value:
        return value
    return os.environ.get(variable) if variable else None


def set_key(vendor: str, value: str, *, variable: str | None) -> None:
    """Store the key and read it back: a keyring backend that accepts a key and keeps nothing
    (``keyring.backends.null``, a locked or half-configured one) is said, not called stored;
    the refusal names ``variable`` as the way round."""
    try:
        import keyring

        keyring.set_password(SERVICE, vendor, value)
        kept = keyring.get_password(SERVICE, vendor)
        backend = type(keyring.get_keyring())
    except Exception as exc:
        raise KeyStoreError(_no_keyring(variable, exc)) from None
    if kept != value:  # never say what came back: it may be another (or half a) key
        raise KeyStoreError(_dropped(variable, f"{backend.__module__}.{backend.__name__}"))


def clear_key(vendor: str, *, variable: str | None) -> bool:
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, vendor)
        except PasswordDeleteError:
            return False
        return True
    except Exception as exc:
        raise KeyStoreError(_no_keyring(variable, exc)) from None


def _no_keyring(env: str | None, exc: Exception) -> Text:
    if env:
        return Text(QT_TRANSLATE_NOOP("Storage", "the OS keyring is not available (%1); set the environment "
                                      "variable %2 instead"), type(exc).__name__, env)
    return Text(QT_TRANSLATE_NOOP("Storage", "the OS keyring is not available (%1)"), type(exc).__name__)


def _dropped(env: str | None, backend: str) -> Text:
    if env:
        return Text(QT_TRANSLATE_NOOP("Storage", "the OS keyring (%1) did not keep the key: reading it back "
                                      "did not give it; set the environment variable %2 instead"), backend, env)
    return Text(QT_TRANSLATE_NOOP("Storage", "the OS keyring (%1) did not keep the key: reading it back "
                                  "did not give it"), backend)
