"""padplanner: individual civic-integration plans (inburgering) for Dutch municipalities.

::

    from datetime import date
    from padplanner import Planner, load_client
    planner = Planner.default()
    plan = planner.plan(load_client("examples/clients/amal.toml"), at=date(2025, 9, 1))
    plan.completion_date, plan.route.id, plan.to_json()
"""

__version__ = "0.1.0"

from padplanner.clientfile import dump_client, load_client, parse_client  # noqa: E402
from padplanner.engine.adjust import Adjustments  # noqa: E402
from padplanner.engine.planner import Planner  # noqa: E402
from padplanner.errors import InputError, PlanningError  # noqa: E402
from padplanner.model import Client, ClientView, Finding, Plan, Reason  # noqa: E402

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
