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

__version__ = "0.1.0"

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


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'padplanner' has no attribute {name!r}")
