"""The term: which law applies to a term start, the term's end (three calendar years from its
start, plus the extensions DUO granted), and the window for switching route.

A term that started before the Wet inburgering 2021 came into force (1 January 2022) falls
under the Wet inburgering 2013, which padplanner does not plan (Wi2021, transitional law;
docs/domain.md). A route may change within 18 months of the term start, with a new PIP; from
the onderwijsroute to the B1-route at any time.
"""

from __future__ import annotations

from datetime import date, timedelta

from padplanner.plugin import (
    ClientView,
    Finding,
    Law,
    Plan,
    PlanContext,
    Reason,
    Term,
    add_months,
    hookimpl,
)

IN_FORCE = date(2022, 1, 1)  # the Wet inburgering 2021 applies to terms from this date
CLOSING_WARNING_DAYS = 13 * 7  # a warning when the switch window closes within 13 weeks


@hookimpl(trylast=True)  # a future law's plugin may claim its own dates first
def padplanner_law(term_start: date) -> Law:
    if term_start < IN_FORCE:
        return Law("wi2013", "Wet inburgering 2013", plans=False)
    return Law("wi2021", "Wet inburgering 2021")


def term_end(start: date, years: int, extensions_weeks: int) -> date:
    """Three calendar years from ``start`` (29 February: the last day of February), plus
    the extensions granted, in weeks as DUO grants them."""
    return add_months(start, 12 * years) + timedelta(weeks=extensions_weeks)


def switch_closes(start: date, ctx: PlanContext) -> tuple[int, date]:
    """The months of the switch window and the day it closes (the last day a switch is on
    time)."""
    months = ctx.param("switch_window_months")
    return months, add_months(start, months)


@hookimpl(trylast=True)  # the law answers last
def padplanner_term(client: ClientView, ctx: PlanContext) -> Term | None:
    if ctx.law != "wi2021":
        return None  # a term under another law is that law's to set
    start = client.term_start
    years = ctx.param("term_years", start)
    extensions = client.progress.extensions_weeks
    end = term_end(start, years, extensions)
    inputs = ("term_start", "progress.extensions_weeks")
    values = {"years": years, "start": start, "end": end, "extensions": extensions}
    if extensions:
        text = (
            f"The term is {years} years from {start.isoformat()}, with {extensions} weeks of "
            f"extension: until {end.isoformat()}"
        )
        values["variant"] = "extended"
    else:
        text = f"The term is {years} years from {start.isoformat()}: until {end.isoformat()}"
    months, closes = switch_closes(start, ctx)
    fines = ctx.param("fines_eur")
    reasons = [
        Reason("wi2021.term", text, inputs, values),
        Reason(
            "wi2021.term.switch",
            f"A route switch is possible until {closes.isoformat()} (within {months} months of "
            "the term start), with a new PIP; from the onderwijsroute to the B1-route at any time",
            ("term_start",),
            {"months": months, "until": closes},
        ),
        Reason(
            "wi2021.term.fines",
            f"Not finished by the deadline: DUO may fine up to €{fines['route']:,} for the route, "
            f"€{fines['pvt']:,} for the PVT and €{fines['map']:,} for the MAP",
            (),
            {"route": fines["route"], "pvt": fines["pvt"], "map": fines["map"]},
        ),
    ]
    return Term(start, end, reasons, switch_until=closes)


def switch_too_late(before: str, after: str, closes: date, on: date) -> bool:
    """True when a route switch from ``before`` to ``after`` on ``on`` falls after the switch
    window, which closed on ``closes``. From the onderwijsroute to the B1-route a person may
    switch at any time."""
    return before != after and (before, after) != ("onderwijs", "b1") and on > closes


def _too_late_values(before: str, after: str, months: int, closes: date) -> dict:
    return {"before": before, "after": after, "months": months, "closes": closes}


@hookimpl
def padplanner_route_switch(
    client: ClientView, before: str, after: str, ctx: PlanContext
) -> Reason | None:
    months, closes = switch_closes(client.term_start, ctx)
    if not switch_too_late(before, after, closes, ctx.reference_date):
        return None
    return Reason(
        "wi2021.route.switch_closed",
        f"A switch from the {before} route to the {after} route is only possible within "
        f"{months} months of the term start (until {closes.isoformat()})",
        ("route", "term_start"),
        _too_late_values(before, after, months, closes),
    )


def switch_findings(client: ClientView, plan: Plan, ctx: PlanContext) -> list[Finding]:
    """A counsellor's route switch after the window, and a warning when the window closes
    soon."""
    months, closes = switch_closes(client.term_start, ctx)
    out: list[Finding] = []
    route = client.route
    if (
        route is not None
        and route.previous
        and switch_too_late(route.previous, route.choice, closes, ctx.reference_date)
    ):
        out.append(
            Finding(
                "error",
                "wi2021.route.switch_late",
                f"A route switch from {route.previous} to {route.choice} is only "
                f"possible within {months} months of the term start (until {closes.isoformat()}).",
                ("route", "term_start"),
                _too_late_values(route.previous, route.choice, months, closes),
            )
        )
    left = (closes - ctx.reference_date).days
    if 0 <= left <= CLOSING_WARNING_DAYS:
        out.append(
            Finding(
                "warning",
                "wi2021.route.switch_window_closing",
                f"The window for switching route closes on {closes.isoformat()}; decide now if the "
                f"{plan.route.id} route no longer fits.",
                ("term_start",),
                {"closes": closes, "route": plan.route.id},
            )
        )
    return out
