"""Plan every example person through the Python API and print one line each.

Run it from anywhere::

    python examples/plan_all.py            # each person as of their term start
    python examples/plan_all.py --json     # the full padplanner.plan/1 JSON documents

Each line shows the client id, the route, the completion date, the slack before the deadline
(in weeks) and the findings by rule id.
"""

from __future__ import annotations

import sys
from pathlib import Path

from padplanner import Planner, load_client

CLIENTS = Path(__file__).resolve().parent / "clients"


def summary(plan) -> str:
    findings = ", ".join(f"{f.severity}:{f.rule}" for f in plan.findings) or "no findings"
    return (
        f"{plan.client:<10} route={plan.route.id:<9} completion={plan.completion_date} "
        f"slack={plan.slack_weeks:>4} w  hours={plan.total_hours:>6,.0f}  {findings}"
    )


def main(argv: list[str]) -> int:
    planner = Planner.default()  # the national catalogue plus the installed plugins
    as_json = "--json" in argv
    for path in sorted(CLIENTS.glob("*.toml")):
        client = load_client(path)
        plan = planner.plan(client)  # as of the term start, like `padplanner plan FILE`
        if as_json:
            sys.stdout.write(plan.to_json())
        else:
            print(f"{path.name:<12} {summary(plan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
