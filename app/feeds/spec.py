"""What the rest of the program knows about a vendor, written once in the vendor's own package.

Modelled on vn.py's ``BaseGateway`` class attributes (``default_name``, ``default_setting``,
``exchanges``): a description that the command line, the settings dialog, the service layer
and storage read without building the adapter, so none of them names a vendor id. Each vendor
package holds a ``spec.py`` with one :class:`VendorSpec`; :mod:`app.feeds.registry` collects them.

A spec module imports nothing heavy (no WebSocket or HTTP library): the registry reads every
spec at start-up, and only the chosen vendor's adapter is imported, by its ``factory``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.text import Template

if TYPE_CHECKING:
    from app.feeds.base import Feed


@dataclass(frozen=True)
class FeedOptions:
    """How to build one adapter: addresses, key and plan come from the user (settings, keyring,
    command line); the rest from scripts and tests."""

    base_url: str | None = None
    ws_url: str | None = None
    api_key: str | None = None
    sim_always_open: bool = False
    sim_seed: int | None = None
    give_up_after: int | None = None  # connection attempts before "unreachable" (None: keep trying)
    plan: object | None = None  # the vendor's plan (``VendorSpec.plan``), None: its default plan


@dataclass(frozen=True)
class PlanField:
    """One whole number of the user's plan: a spin box in the settings dialog, a number in the
    settings file, and a keyword of the vendor's plan type.

    Fields of different vendors that mean the same thing share a ``name`` (one spin box). The
    number is kept in the settings' ``plans[vendor][name]``; the two vendors whose plan had a
    section of its own before (``qos_plan``, ``itick_plan``) name it in ``section`` and ``attr``,
    so the files users have keep working."""

    name: str  # the dialog's field and the key in ``plans``, e.g. "http_rate"
    label: Template  # QT_TRANSLATE_NOOP("SettingsDialog", ...)
    plan_arg: str  # the plan type's keyword, e.g. "http_requests"
    default: int = 0  # before the user sets it (a ``section`` has its own default)
    minimum: int = 1
    maximum: int = 100_000
    suffix: Template | None = None  # e.g. " per minute"
    unset: Template | None = None  # shown at ``minimum``, which then means "not known" (None)
    section: str | None = None  # an older settings section holding it, e.g. "qos_plan"
    attr: str = ""  # its attribute there, e.g. "http_per_minute"

    def read(self, settings: Any, vendor: str) -> int:
        """The user's value for ``vendor`` from the settings object."""
        if self.section is not None:
            return int(getattr(getattr(settings, self.section), self.attr))
        return int(settings.plans.get(vendor, {}).get(self.name, self.default))

    def write(self, settings: Any, vendor: str, value: int) -> None:
        if self.section is not None:
            setattr(getattr(settings, self.section), self.attr, value)
        else:
            settings.plans.setdefault(vendor, {})[self.name] = value

    def plan_value(self, settings: Any, vendor: str) -> int | None:
        """What the plan type gets: ``None`` where the user left it at "not known"."""
        value = self.read(settings, vendor)
        return None if self.unset is not None and value == self.minimum else value


@dataclass(frozen=True)
class VendorSpec:
    """One vendor as the program's other layers see it."""

    id: str  # the vendor id of the command line, the settings file and the keyring
    title: Template  # QT_TRANSLATE_NOOP("Vendors", ...): how the settings dialog lists it
    factory: Callable[[FeedOptions], Feed]  # builds the adapter (imports it on first use)
    key_variable: str | None = None  # the environment variable read when the keyring has no key
    needs_key: bool = False  # refuses to start without an API key
    network: bool = True  # has addresses the user may override (the simulator has none)
    plan: Callable[..., object] | None = None  # the plan type, called with the fields' plan_args
    plan_fields: tuple[PlanField, ...] = ()
    plan_note: Template | None = None  # QT_TRANSLATE_NOOP("SettingsDialog", ...) under the fields
    default_watchlist: tuple[str, ...] = ()  # what a first start on this vendor lists

    def plan_from(self, settings: Any) -> object | None:
        """The plan the user set in ``settings`` (None: the vendor has no plan settings)."""
        if self.plan is None or not self.plan_fields:
            return None
        return self.plan(**{f.plan_arg: f.plan_value(settings, self.id) for f in self.plan_fields})


def by_id(specs: tuple[VendorSpec, ...]) -> Mapping[str, VendorSpec]:
    """``specs`` keyed by id, refusing a vendor id given twice."""
    out: dict[str, VendorSpec] = {}
    for spec in specs:
        if spec.id in out:
            raise ValueError(f"two vendor specs have the id {spec.id!r}")
        out[spec.id] = spec
    return out
