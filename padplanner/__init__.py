"""padplanner: individual civic-integration plans (inburgering) for Dutch municipalities.

::

    from datetime import date
    from padplanner import Planner, load_client
    planner = Planner.default()
    plan = planner.plan(load_client("examples/clients/amal.toml"), at=date(2025, 9, 1))
    plan.completion_date, plan.route.id, plan.to_json()

The names below are imported on first use, so ``padplanner --help`` does not pay for the
engine (networkx, cattrs) it does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Adjustments": "padplanner.engine.adjust",
    "Client": "padplanner.model",
    "ClientView": "padplanner.model",
    "Finding": "padplanner.model",
    "InputError": "padplanner.errors",
    "Plan": "padplanner.model",
    "Planner": "padplanner.engine.planner",
    "PlanningError": "padplanner.errors",
    "Reason": "padplanner.model",
    "dump_client": "padplanner.clientfile",
    "load_client": "padplanner.clientfile",
    "parse_client": "padplanner.clientfile",
}

__all__ = [
    "Adjustments",
    "Client",
    "ClientView",
    "Finding",
    "InputError",
    "Plan",
    "Planner",
    "PlanningError",
    "Reason",
    "__version__",
    "dump_client",
    "load_client",
    "parse_client",
]

if TYPE_CHECKING:
    from padplanner.clientfile import dump_client, load_client, parse_client
    from padplanner.engine.adjust import Adjustments
    from padplanner.engine.planner import Planner
    from padplanner.errors import InputError, PlanningError
    from padplanner.model import Client, ClientView, Finding, Plan, Reason

    __version__: str


def _installed_version() -> str:
    """The version of the installed distribution (its metadata, not a second copy here)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("padplanner")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _installed_version()
        return value
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'padplanner' has no attribute {name!r}")
