"""Why a person waits: the placement records and reasons the capacity pass hands out.

``placed`` builds the placement of a served person, with a reason naming the dominant cause
of their waits (a knock-on move to fit their own hours is never the root cause);
``unserved`` builds the placement of a person the pass cannot serve within the horizon.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

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


def describe(wait: Wait, caps: Capacities) -> str:
    """One wait in words, with the capacity that was full."""
    if wait.cause == "coach":
        team = f"{caps.coaches} coaches × {caps.caseload} people"
        if wait.detail.startswith("none before"):
            return f"no job coach free for intensive mediation during the path ({team})"
        if wait.detail and wait.detail[0].isdigit():
            return f"no job coach free for intensive mediation until {wait.detail} ({team})"
        if wait.module:
            return f"{wait.module} waits for the job coach who mediates it"
        return f"no job coach capacity ({team})"
    if wait.cause == "seats":
        seats = caps.seats.get(wait.module, 0)
        if wait.detail and wait.detail[0].isdigit():
            return f"{wait.module} starting {wait.detail} is full ({seats} seats)"
        return f"{wait.module}: {wait.detail or 'no free seat'}"
    if wait.cause == "budget":
        what = "mediation" if wait.module == "mediation" else wait.module
        return f"{what}: the {wait.detail} budget (€{caps.budget_eur:,}) is spent"
    return f"{wait.module} moves to fit the person's own hours after an earlier wait"


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
    if not waits or (delay <= 0 and not moved and not late_coach and mediation_eur == 0):
        reason = AS_PLANNED
        waits = []
    else:
        main, mention = _summary(waits)
        finish = outline.plan_start + timedelta(weeks=end)
        planned = outline.plan_start + timedelta(weeks=outline.completion)
        if delay > 0:
            head = (
                f"Finishes {delay} weeks later than planned ({finish.isoformat()} instead of "
                f"{planned.isoformat()})"
            )
        elif moved:
            head = "Some activities start later than planned; the path still ends as planned"
        else:
            head = "The path runs as planned, but intensive mediation starts late"
        text = head + ": " + "; ".join(describe(w, caps) for w in mention[:3])
        reason = Reason(f"padplanner.cohort.wait.{main}", text, ())
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
        mediation=mediation,
        mediation_eur=mediation_eur,
    )


def unserved(ticket: Ticket, outline: Outline, wait: Wait, caps: Capacities) -> Placement:
    """The placement of a person who cannot be served within the horizon, and why."""
    years = caps.horizon_weeks // 52
    reason = Reason(
        f"padplanner.cohort.unserved.{wait.cause}",
        f"Cannot be served within {years} years of the planned dates: " + describe(wait, caps),
        (),
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
    )
