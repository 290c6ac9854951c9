"""Why a person waits: the placement records and reasons the capacity pass hands out.

``placed`` builds the placement of a served person, with a reason naming the dominant cause
of their waits (a knock-on move to fit their own hours is never the root cause);
``unserved`` builds the placement of a person the pass cannot serve within the horizon.

A placement's reason says how much later the person finishes (or what moved); the causes it
mentions are reasons of their own (:func:`cause`, ``padplanner.cohort.cause.*``). Each carries
the values its sentence is made from (weeks, dates, module ids, budget years, capacities), so
the reports say it in the reader's language from the rules' templates in
``padplanner/catalog/core.toml``; the English ``text`` (head and causes in one sentence) is
kept for readers of the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from padplanner.cohort.capacity import Capacities
from padplanner.cohort.outline import Outline
from padplanner.cohort.placement import AS_PLANNED, CAUSES, Placement, Ticket, Wait
from padplanner.model import Reason

_NAMES = {
    "coach": "no coach free",
    "seats": "course full",
    "budget": "budget spent",
    "hours": "own weekly hours",
}


def _team(caps: Capacities) -> dict[str, int]:
    return {"coaches": caps.coaches, "caseload": caps.caseload}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def cause(wait: Wait, caps: Capacities) -> Reason:
    """One wait as a reason: what was full, with the capacity (``padplanner.cohort.cause.*``)."""
    rule = f"padplanner.cohort.cause.{wait.cause}"
    values: dict[str, object]
    if wait.cause == "coach":
        team = f"{caps.coaches} coaches × {caps.caseload} people"
        if wait.detail.startswith("none before"):
            free = _day(wait.detail.removeprefix("none before").strip())
            text = f"no job coach free for intensive mediation during the path ({team})"
            values = {"variant": "during", "free": free, **_team(caps)}
        elif _day(wait.detail) is not None:
            text = f"no job coach free for intensive mediation until {wait.detail} ({team})"
            values = {"free": _day(wait.detail), **_team(caps)}
        elif wait.module:
            text = f"{wait.module} waits for the job coach who mediates it"
            values = {"variant": "module", "module": wait.module}
        else:
            text = f"no job coach capacity ({team})"
            values = {"variant": "capacity", **_team(caps)}
    elif wait.cause == "seats":
        seats = caps.seats.get(wait.module, 0)
        start = _day(wait.detail)
        if start is not None:
            text = f"{wait.module} starting {wait.detail} is full ({seats} seats)"
            values = {"module": wait.module, "start": start, "seats": seats}
        else:
            text = f"{wait.module}: {wait.detail or 'no free seat'}"
            variant = "none" if wait.detail == "no seats at all" else "no_free"
            values = {"variant": variant, "module": wait.module}
    elif wait.cause == "budget":
        mediation = wait.module == "mediation"
        what = "mediation" if mediation else wait.module
        text = f"{what}: the {wait.detail} budget (€{caps.budget_eur:,}) is spent"
        values = {"year": int(wait.detail), "budget": caps.budget_eur}
        values.update({"variant": "mediation"} if mediation else {"module": wait.module})
    else:
        text = f"{wait.module} moves to fit the person's own hours after an earlier wait"
        values = {"module": wait.module}
    return Reason(rule, text, (), values)


def describe(wait: Wait, caps: Capacities) -> str:
    """One wait in (English) words, with the capacity that was full."""
    return cause(wait, caps).text


def _summary(waits: Sequence[Wait]) -> tuple[str, list[Wait]]:
    """The dominant cause and the waits to mention (first of each cause and module)."""
    weeks: dict[str, int] = {}
    for wait in waits:
        weeks[wait.cause] = weeks.get(wait.cause, 0) + wait.weeks
    # moving to fit one's own hours is a knock-on effect: the root cause is what moved first
    roots = [c for c in CAUSES if c != "hours" and weeks.get(c, 0) > 0] or ["hours"]
    main = max(roots, key=lambda c: (weeks.get(c, 0), -CAUSES.index(c)))
    seen, mention = set(), []
    for wait in waits:
        key = (wait.cause, wait.module)
        if key not in seen and wait.cause != "hours":
            seen.add(key)
            mention.append(wait)
    mention.sort(key=lambda w: (w.cause != main, CAUSES.index(w.cause)))
    return main, mention


def placed(ticket, outline, starts, waits, mediation, mediation_eur, caps) -> Placement:
    """The placement of a served person, and the reason they wait (or start as planned)."""
    end = max((s + step.weeks for s, step in zip(starts, outline.steps, strict=True)), default=0)
    delay = end - outline.completion
    moved = any(s != step.start for s, step in zip(starts, outline.steps, strict=True))
    late_coach = mediation is not None and mediation[0] > min(starts, default=0)
    causes: tuple[Reason, ...] = ()
    if not waits or (delay <= 0 and not moved and not late_coach and mediation_eur == 0):
        reason = AS_PLANNED
        waits = []
    else:
        main, mention = _summary(waits)
        causes = tuple(cause(w, caps) for w in mention[:3])
        if delay > 0:
            finish = outline.plan_start + timedelta(weeks=end)
            planned = outline.plan_start + timedelta(weeks=outline.completion)
            head = (
                f"Finishes {delay} weeks later than planned ({finish.isoformat()} instead of "
                f"{planned.isoformat()})"
            )
            values: dict[str, object] = {"weeks": delay, "finish": finish, "planned": planned}
        elif moved:
            head = "Some activities start later than planned; the path still ends as planned"
            values = {"variant": "moved"}
        else:
            head = "The path runs as planned, but intensive mediation starts late"
            values = {"variant": "mediation"}
        text = head + ": " + "; ".join(c.text for c in causes)
        reason = Reason(f"padplanner.cohort.wait.{main}", text, (), values)
    return Placement(
        id=outline.id,
        place=ticket.place,
        priority=ticket.reason,
        intensive=ticket.intensive,
        follow_up_weeks=ticket.follow_up_weeks,
        starts=tuple(starts),
        delay=max(0, delay),
        waits=tuple(waits),
        reason=reason,
        causes=causes,
        mediation=mediation,
        mediation_eur=mediation_eur,
    )


def unserved(ticket: Ticket, outline: Outline, wait: Wait, caps: Capacities) -> Placement:
    """The placement of a person who cannot be served within the horizon, and why."""
    years = caps.horizon_weeks // 52
    why = cause(wait, caps)
    reason = Reason(
        f"padplanner.cohort.unserved.{wait.cause}",
        f"Cannot be served within {years} years of the planned dates: " + why.text,
        (),
        {"years": years},
    )
    return Placement(
        id=outline.id,
        place=ticket.place,
        priority=ticket.reason,
        intensive=ticket.intensive,
        follow_up_weeks=ticket.follow_up_weeks,
        starts=None,
        delay=0,
        waits=(wait,),
        reason=reason,
        causes=(why,),
    )
