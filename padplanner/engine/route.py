"""Route stage: the counsellor's choice (with its reason) wins; otherwise the rules advise."""

from __future__ import annotations

from padplanner.context import PlanContext
from padplanner.errors import PlanningError
from padplanner.model import ClientView, Reason, RoutePick
from padplanner.model.client import RouteChoice
from padplanner.plugins import Rules


def choose(
    rules: Rules,
    client: ClientView,
    ctx: PlanContext,
    chosen: RouteChoice | None,
    followed: str | None = None,
) -> RoutePick:
    """The route: ``chosen`` (the counsellor's, with its reason) or the rules' advice, unless
    the advice leaves the route ``followed`` so far and a rule says it may no longer change.

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
    if followed and advice.route != followed:
        closed = rules.collect(
            "padplanner_route_switch",
            client.id,
            client=client,
            before=followed,
            after=advice.route,
            ctx=ctx,
        )
        if closed:
            kept = Reason(
                "padplanner.route.kept",
                f"The route stays {followed}: the rules now advise the {advice.route} route, "
                "but the route can no longer change",
                ("route",),
                {"route": followed, "advised": advice.route},
            )
            return RoutePick(followed, [kept, *closed])
    return RoutePick(advice.route, advice.reasons)
