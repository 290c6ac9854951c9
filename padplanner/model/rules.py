"""What rule plugins return from their hooks (re-exported by :mod:`padplanner.plugin`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

import attrs

from padplanner.model.reasons import Reason


def _tuple(value) -> tuple:
    return tuple(value)


@attrs.frozen
class PluginInfo:
    """Who a plugin is and whom it serves (``municipalities`` empty = every municipality)."""

    name: str
    version: str
    municipalities: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    laws: tuple[str, ...] = attrs.field(default=("wi2021",), converter=_tuple)
    owner: str = ""
    description: str = ""
    rule_cases: str = ""  # a folder of TOML rule cases, listed by `padplanner rules`

    def serves(self, municipality: str) -> bool:
        return not self.municipalities or municipality in self.municipalities


@attrs.frozen
class RouteAdvice:
    """The route a rule advises (``b1``, ``onderwijs`` or ``z``) and why."""

    route: Literal["b1", "onderwijs", "z"]
    reasons: tuple[Reason, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Goal:
    """A competency the plan must reach, e.g. ``speaking>=B1`` or ``pvt``."""

    competency: str
    reason: Reason


@attrs.frozen
class HoursEstimate:
    """Hours a module will take this person: a point estimate within a range, and why."""

    hours: float
    low: float
    high: float
    reason: Reason

    def __attrs_post_init__(self) -> None:
        if not (0 < self.low <= self.hours <= self.high):
            raise ValueError(
                f"hours estimate must satisfy 0 < low <= hours <= high, "
                f"got {self.low}, {self.hours}, {self.high}"
            )


@attrs.frozen
class Constraint:
    """An extra scheduling rule a plugin adds for a module.

    - ``kind="after"``: ``module`` starts at least ``weeks`` after ``other`` ends.
    - ``kind="with"``: ``module`` starts no later than ``weeks`` after ``other`` starts
      (run in parallel, e.g. a dual trajectory alongside lessons). Guaranteed: ``module``
      shares ``other``'s predecessors and ``other`` waits if needed (a start-to-start
      precedence). Skipped when the path needs ``other`` to end before ``module``.
    - ``kind="earliest"``: ``module`` starts no earlier than week ``weeks`` of the plan.
    """

    kind: Literal["after", "with", "earliest"]
    module: str
    reason: Reason
    other: str | None = None
    weeks: int = 0


@attrs.frozen
class CheckIn:
    """A planned conversation: ``progress``, ``map-final``, ``job-follow-up``, ..."""

    date: date
    kind: str
    reason: Reason


@attrs.frozen
class Priority:
    """A person's place in a cohort queue (lower ``rank`` first) and why."""

    client: str
    rank: float
    reason: Reason
    intensive: bool = False


@attrs.frozen
class Law:
    """The law a term falls under, by its start date: ``Law("wi2021", "Wet inburgering 2021")``.

    ``plans=False`` says the law is known but padplanner does not plan under it (a term under
    the Wet inburgering 2013): planning such a person is refused with this law's name.
    """

    id: str
    name: str
    plans: bool = True


@attrs.frozen
class Term:
    """The integration term: its start, its end (the deadline, granted extensions included)
    and why, with the law's sentences about it (length, route switch window, fines).

    ``switch_until`` is the last day the route may still change, as the law counts it (``None``:
    the rule that set the term names no such day). Whoever needs that day (the counsellor's
    agenda) reads it here instead of counting it again.
    """

    start: date
    end: date
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_tuple)
    switch_until: date | None = None

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"a term must end after it starts, got {self.start} to {self.end}")


@attrs.frozen
class CohortPolicy:
    """A named way of sharing a cohort's scarce capacity, for the cohort simulation.

    ``order``: whose ``padplanner_cohort_priority`` rule orders the queue (``national``: the
    law's default, ``municipal``: the municipality's own); ``intensive``: who gets intensive
    mediation (``none``, ``all``, or ``rule``: whom the rule marks); ``follow_up_weeks``: how
    long a coach keeps following a person in intensive mediation after the path ends;
    ``municipality``: the only municipality it is offered to (empty: every one).
    """

    name: str
    title: str
    description: str
    order: Literal["national", "municipal"]
    intensive: Literal["none", "rule", "all"]
    follow_up_weeks: int
    source: str
    municipality: str = ""

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "order": self.order,
            "intensive": self.intensive,
            "follow_up_weeks": self.follow_up_weeks,
            "source": self.source,
        }
