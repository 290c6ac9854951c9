"""What the capacity pass hands out: a person's queue ticket, their placement and its waits.

The records shared by the pass (``padplanner.cohort.allocation``), its explanations and the
reports built on it; no logic beyond the ``served`` property.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from padplanner.model import Reason

CAUSES = ("coach", "seats", "budget", "hours")
AS_PLANNED = Reason(
    "padplanner.cohort.as_planned",
    "Starts as planned: the seats, coach and budget this plan needs are available",
    (),
)


class Wait(NamedTuple):
    """One thing that held a person back: its cause, module and what was full."""

    cause: str  # coach | seats | budget | hours
    module: str  # "" for the coach
    detail: str  # the course start, the budget year or the date a coach is free
    weeks: int


@attrs.frozen
class Ticket:
    """A person's place in the queue, from the policy's priority rule."""

    id: str
    place: int  # 1-based place in the queue
    reason: Reason
    intensive: bool
    follow_up_weeks: int


@attrs.frozen
class Placement:
    """Where the capacity pass put one person, and why they wait (if they do).

    ``starts`` holds the start week of every step (plan weeks, as in the outline); ``None``
    when the person cannot be served within the horizon. ``delay`` is how many weeks later
    the path ends than the individual plan. ``mediation`` is when a job coach mediates the
    person (``None``: no intensive mediation, or no coach free before the path ended).
    ``causes`` are the waits ``reason`` mentions, each a reason of its own
    (``padplanner.cohort.cause.*``, with the values its sentence is made from).
    """

    id: str
    place: int
    priority: Reason
    intensive: bool
    follow_up_weeks: int
    starts: tuple[int, ...] | None
    delay: int
    waits: tuple[Wait, ...]
    reason: Reason
    mediation: tuple[int, int] | None = None  # plan weeks [start, end) with a job coach
    mediation_eur: int = 0
    causes: tuple[Reason, ...] = ()

    @property
    def served(self) -> bool:
        return self.starts is not None
