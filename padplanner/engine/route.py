"""Route stage: the counsellor's choice (with its reason) wins; otherwise the rules advise."""

from __future__ import annotations

from padplanner.context import PlanContext
from padplanner.errors import PlanningError
from padplanner.model import ClientView, Reason, RoutePick
from padplanner.model.client import RouteChoice
from padplanner.plugins import Rules


def choose(
    rules: Rules, client: ClientView, ctx: PlanContext, chosen: RouteChoice | None
) -> RoutePick:
    """The route: ``chosen`` (the counsellor's, with its reason) or the rules' advice.

    Plugins never see the counsellor's reason, so it comes from the client, not the view."""
    advice = rules.first("padplanner_route", client.id, client=client, ctx=ctx)
    if advice is None:
        raise PlanningError(f"no rule advised a route for client {client.id}", client=client.id)
    if chosen is not None:
        reasons = [Reason("counsellor.route", chosen.reason, ("route",))]
        if advice.route != chosen.choice:
            reasons.append(
                Reason(
                    "counsellor.route.advice",
                    f"The rules advised the {advice.route} route: "
                    + "; ".join(r.text for r in advice.reasons),
                    tuple(i for r in advice.reasons for i in r.inputs),
                    {"route": advice.route},
                )
            )
        return RoutePick(chosen.choice, reasons)
    return RoutePick(advice.route, advice.reasons)
