"""The chance to finish on time: the plan rescheduled under many draws of its uncertain hours.

A plan's hours are estimates: every module has a range (``low``–``high``) around its point
estimate, and the learnability test that scales them is itself uncertain. This module draws
both, ``draws`` times, reschedules each draw **keeping the plan's order**, and counts how
often the plan ends by the deadline, how often each goal is reached by then, and which
activities drive the spread of the finish date.

The model, in plain words (``docs/evidence.md`` has the long version):

* **Hours.** A module's total hours follow a triangular distribution on ``[low, high]`` with
  its mode at the point estimate (the planner's own figure). For the modules whose hours
  scale with the learner (everything but fixed programmes such as the PVT), the draws share
  one factor per draw: a person who learns faster than the test said does so in every course.
  ``shared`` is the share of the variance that common factor carries (a Gaussian copula).
* **Progress narrows it.** Hours already done in a module cut its distribution at those
  hours (someone who has done 200 h and is still learning needs at least 200 h in total);
  only the rest is drawn. Exams passed remove modules from the plan altogether.
* **Keeping the plan's order.** Each draw starts every activity as early as the plan's
  partial order allows (:mod:`padplanner.engine.order`): its own orderings, its course
  calendars, and a flow of the weekly hours from activity to activity in the order the plan
  uses them. The result never asks more hours a week than the person has.
* **Drivers.** Each activity's share of the variance of the finish date is Pratt's measure on
  a least-squares fit of the finish week on the activities' durations (``beta_i × cov(d_i,
  finish)``), normalised over the positive terms: activities running alongside the critical
  line get almost nothing even when their hours move with it.

The same steps, seed and draws give the same figures; every module draws from its own
stream (keyed by its id), so two plans that share a module share its draws.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections.abc import Collection, Mapping, Sequence

from padplanner.engine.order import (
    Order,
    Step,
    durations,
    ends_by,
    own_order,
    partial_order,
    reschedule,
)
from padplanner.model.plan import Driver, GoalChance, OnTime

DRAWS = 1000
SEED = 20220101
SHARED = 0.5  # share of the hours' variance that is the person's (learnability), not the course's


@functools.lru_cache(maxsize=1024)
def _normals(seed: int, key: str, draws: int):
    """The ``draws`` standard normal draws of the stream keyed by ``key`` (read-only: a plan's
    candidates and the next plan of the same person share them)."""
    import numpy as np

    out = np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))]).standard_normal(draws)
    out.flags.writeable = False
    return out


def _hours(steps: Sequence[Step], draws: int, seed: int, shared: float):
    """Remaining hours per draw: an array of shape (len(steps), draws)."""
    import numpy as np

    out = np.empty((len(steps), draws))
    for i, s in enumerate(steps):
        out[i] = _drawn(s.id, s.low, s.mode, s.high, s.done, s.shared, draws, seed, shared)
    return out


@functools.lru_cache(maxsize=1024)
def _drawn(
    key: str,
    low: float,
    mode: float,
    high: float,
    done: float,
    scales: bool,
    draws: int,
    seed: int,
    shared: float,
):
    """One module's remaining hours per draw (read-only: a plan's candidates, and the next
    plan of the same person, draw the same module the same way)."""
    import numpy as np
    from scipy.special import ndtr

    if high - low < 1e-9:
        out = np.full(draws, max(0.0, mode - done))
    else:
        own = _normals(seed, key, draws)
        if scales:
            common = _normals(seed, "\x00learnability", draws)
            z = math.sqrt(shared) * common + math.sqrt(1 - shared) * own
        else:
            z = own
        u = ndtr(z)
        cut = _cdf(done, low, mode, high)
        if cut > 0:  # hours already done: the total is at least that
            u = cut + u * (1 - cut)
        out = np.maximum(0.0, _quantile(u, low, mode, high) - done)
    out.flags.writeable = False
    return out


def _cdf(x: float, low: float, mode: float, high: float) -> float:
    """The triangular distribution's CDF at ``x``."""
    if x <= low:
        return 0.0
    if x >= high:
        return 1.0
    if x <= mode:
        return (x - low) ** 2 / ((high - low) * (mode - low))
    return 1 - (high - x) ** 2 / ((high - low) * (high - mode))


def _quantile(u, low: float, mode: float, high: float):
    """The triangular distribution's quantile function, on an array of probabilities."""
    import numpy as np

    width = high - low
    split = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < split, left, right)


def on_time(
    steps: Sequence[Step],
    capacity: int,
    deadline_week: int,
    goals: Mapping[str, Sequence[str]] | None = None,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    shared: float = SHARED,
    order: Order | None = None,
    unreachable: Collection[str] = (),
) -> OnTime:
    """The chance that the plan of ``steps`` ends by week ``deadline_week`` (inclusive).

    ``capacity`` is the person's weekly hours; ``goals`` maps each goal to the steps that
    bring it (a goal with none is already reached, unless it is in ``unreachable``: no
    module the person may take brings it, so it is never reached and the plan never ends on
    time). ``order`` is the plan's partial order (default: :func:`partial_order` of
    ``steps`` and ``capacity``). Returns :class:`OnTime`.
    """
    import numpy as np

    if draws < 1:
        raise ValueError("draws must be at least 1")
    goals = dict(goals or {})
    for goal in unreachable:
        goals.setdefault(goal, [])
    if not steps:
        return OnTime(
            0.0 if unreachable else 1.0,
            draws,
            (),
            tuple(GoalChance(g, 0.0 if g in unreachable else 1.0) for g in sorted(goals)),
        )
    order = partial_order(steps, capacity) if order is None else order
    weeks = durations(steps, _hours(steps, draws, seed, shared))
    _, end = reschedule(steps, order, weeks)
    finish = end.max(axis=0)
    index = {s.id: i for i, s in enumerate(steps)}
    chances = []
    for goal in sorted(goals):
        if goal in unreachable:
            chances.append(GoalChance(goal, 0.0))
            continue
        rows = [index[m] for m in goals[goal] if m in index]
        reached = end[rows].max(axis=0) if rows else np.zeros(draws)
        chances.append(GoalChance(goal, _share(reached <= deadline_week)))
    return OnTime(
        0.0 if unreachable else _share(finish <= deadline_week),
        draws,
        _drivers(steps, weeks, finish),
        tuple(chances),
    )


def certain(steps: Sequence[Step], capacity: int, deadline_week: int) -> bool:
    """True when the plan of ``steps`` ends by ``deadline_week`` in every draw: it does so
    with every module at the top of its range, and a draw's weeks are never more, nor does
    keeping the order make anything start later for shorter activities. One draw, so plain
    Python; first in the plan's sequence (each activity after everything that ended by its
    planned start: the partial order and more, so never earlier), then, if that ends too
    late, in the partial order itself."""
    weeks = _weeks(steps, _top)
    sequence = own_order(steps)
    for i, step in enumerate(steps):
        sequence[i] += [
            (j, 0, False) for j, s in enumerate(steps) if j != i and s.start + s.weeks <= step.start
        ]
    if ends_by(steps, sequence, weeks, deadline_week):
        return True
    return ends_by(steps, partial_order(steps, capacity), weeks, deadline_week)


def _weeks(steps: Sequence[Step], total) -> list[int]:
    """Weeks per step with ``total(step)`` hours in all, as :func:`durations` counts them
    for a draw: the hours still to do at the step's hours a week, never under its minimum
    weeks nor under one week."""
    return [
        max(1, s.min_weeks, math.ceil(max(0.0, total(s) - s.done) / max(1, s.per_week) - 1e-9))
        for s in steps
    ]


def _top(step: Step) -> float:
    return step.high if step.high - step.low >= 1e-9 else step.mode


def _bottom(step: Step) -> float:
    return step.low if step.high - step.low >= 1e-9 else step.mode


def share(
    steps: Sequence[Step],
    capacity: int,
    deadline_week: int,
    *,
    draws: int = DRAWS,
    seed: int = SEED,
    shared: float = SHARED,
) -> float:
    """The chance of :func:`on_time` alone (no goals, no drivers): the share of draws in
    which the plan of ``steps`` ends by ``deadline_week``."""
    if not steps:
        return 1.0
    weeks = durations(steps, _hours(steps, draws, seed, shared))
    _, end = reschedule(steps, partial_order(steps, capacity), weeks)
    return _share(end.max(axis=0) <= deadline_week)


class Reach:
    """The most draws in which a schedule of these activities ends by ``deadline_week``,
    at these hours a week or fewer and in any order, for someone with a given number of
    hours a week (:meth:`within`): in a draw, no schedule ends before its activities with
    only the plan's own orderings and calendars (the critical path), nor before the hours
    to do over the hours a week, nor before the activities ``apart`` (no two of which fit
    in the same week) one after the other from the first of their calendars. The same draws
    as :func:`on_time` (the same seed), so it bounds that chance draw by draw."""

    def __init__(
        self,
        steps: Sequence[Step],
        deadline_week: int,
        *,
        apart: Sequence[int] = (),
        draws: int = DRAWS,
        seed: int = SEED,
        shared: float = SHARED,
    ):
        import numpy as np

        self.deadline_week = deadline_week
        self.never = False
        if not steps:
            self.path = self.hours = np.zeros(draws)
            return
        order = own_order(steps)
        fewest = _weeks(steps, _bottom)
        first = min((steps[i].release for i in apart), default=0)
        if first + sum(fewest[i] for i in apart) > deadline_week or not ends_by(
            steps, order, fewest, deadline_week
        ):
            self.never = True  # too late even with every module at the bottom of its range
            return
        remaining = _hours(steps, draws, seed, shared)
        weeks = durations(steps, remaining)
        _, end = reschedule(steps, order, weeks)
        self.path = end.max(axis=0)
        if apart:
            self.path = np.maximum(self.path, first + weeks[list(apart)].sum(axis=0))
        self.hours = remaining.sum(axis=0)

    def within(self, capacity: int) -> float:
        import numpy as np

        if self.never:
            return 0.0
        least = np.maximum(self.path, np.ceil(self.hours / capacity - 1e-9))
        return _share(least <= self.deadline_week)


def _share(hits) -> float:
    return round(float(hits.mean()), 3)


def _drivers(steps: Sequence[Step], weeks, finish) -> tuple[Driver, ...]:
    """Pratt's measure per activity on a least-squares fit of the finish on the durations."""
    import numpy as np

    if finish.var() <= 0:
        return ()
    moving = [i for i in range(len(steps)) if weeks[i].var() > 0]
    if not moving:
        return ()
    x = weeks[moving].T - weeks[moving].mean(axis=1)
    y = finish - finish.mean()
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    parts = np.maximum(0.0, beta * (x * y[:, None]).mean(axis=0))
    total = parts.sum()
    if total <= 0:
        return ()
    found = [
        Driver(steps[i].id, round(float(part / total), 2))
        for i, part in zip(moving, parts, strict=True)
    ]
    return tuple(
        sorted((d for d in found if d.share >= 0.01), key=lambda d: (-d.share, d.activity))
    )
