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
* **Keeping the plan's order.** The plan's schedule becomes a *partial order*: its own
  orderings (with their lags), its course calendars, and, for the shared weekly hours, a
  flow of hour-units from activity to activity in the order the plan uses them (the
  chaining method of Policella et al., 2004). Each draw then starts every activity as early
  as that partial order allows, which needs one pass over a fixed order: a recurrence, done
  for all draws at once with numpy. The result never asks more hours a week than the
  person has, whatever the durations.
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

import attrs

from padplanner.model.plan import Driver, GoalChance, OnTime

DRAWS = 1000
SEED = 20220101
SHARED = 0.5  # share of the hours' variance that is the person's (learnability), not the course's


@attrs.frozen
class Step:
    """One activity of the plan as the draws see it (weeks count from the plan's start)."""

    id: str
    per_week: int  # hours a week (the demand on the person's weekly hours)
    start: int  # planned start week
    weeks: int  # planned weeks
    min_weeks: int
    low: float  # total hours of the module for this person: range and point estimate
    mode: float
    high: float
    done: float = 0.0  # hours already recorded
    shared: bool = True  # scales with the learner: shares the learnability factor
    after: tuple[tuple[str, int], ...] = ()  # (predecessor, lag) as the scheduler's tasks
    release: int = 0
    every: int = 1
    pin: int | None = None


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


Order = list[list[tuple[int, int, bool]]]


def partial_order(steps: Sequence[Step], capacity: int) -> Order:
    """The plan's order: per step, its predecessors ``(index, offset, from_start)`` in the partial order: start
    at least ``offset`` weeks after the predecessor ends (or starts, when ``from_start``).

    The plan's own orderings come first; then the weekly hours are chained: each of the
    ``capacity`` hour-units is a chain of activities, in the order of the planned starts, and
    an activity takes its hours from chains whose last activity has ended by its planned
    start (:func:`_rank` says which first), ending before it in every draw.
    """
    preds = _orderings(steps)
    seen = _Ancestry(preds)
    chains: list[int | None] = [None] * capacity
    order = sorted(range(len(steps)), key=lambda i: (steps[i].start, steps[i].id))
    for i in order:
        step = steps[i]
        if step.pin is not None or step.per_week <= 0:
            continue  # a start pinned by hand stays where it is, whatever it overloads
        free = {
            c
            for c, last in enumerate(chains)
            if last is None
            or (
                steps[last].start + steps[last].weeks <= step.start
                and i not in seen.any[last]  # never against an ordering the plan has
            )
        }
        # the free hour-units by the activity they last served: alike but for their number
        groups: dict[int | None, list[int]] = {}
        for c in sorted(free):
            groups.setdefault(chains[c], []).append(c)
        for _ in range(min(step.per_week, len(free))):
            before = seen.ends[i]
            last = min(groups, key=lambda g: _rank(steps, g, before, groups[g][0]))
            c = groups[last].pop(0)
            if not groups[last]:
                del groups[last]
            if last is not None and last not in seen.ends[i]:
                preds[i][last, False] = max(0, preds[i].get((last, False), 0))
                seen.add(last, i)
            chains[c] = i
    return [[(p, off, sts) for (p, sts), off in sorted(item.items())] for item in preds]


def _orderings(steps: Sequence[Step]) -> list[dict[tuple[int, bool], int]]:
    """Per step, its predecessors by the plan's own orderings: ``(index, from_start)`` to
    the offset in weeks."""
    index = {s.id: i for i, s in enumerate(steps)}
    preds: list[dict[tuple[int, bool], int]] = [{} for _ in steps]
    for i, step in enumerate(steps):
        for pred, lag in step.after:
            if pred not in index:
                continue
            p = index[pred]
            # a negative lag is start-to-start: no earlier than (weeks + lag) after p starts
            key, offset = ((p, True), steps[p].weeks + lag) if lag < 0 else ((p, False), lag)
            preds[i][key] = max(preds[i].get(key, offset), offset)
    return preds


def _rank(steps: Sequence[Step], last: int | None, before: set[int], c: int) -> tuple:
    """Which hour-unit ``c`` (whose last activity is ``last``) an activity takes first: one
    whose last activity must end before it anyway (no new ordering), then an unused one,
    then the one free the longest (the new ordering with the most slack in the plan, so the
    least likely to bind in a draw)."""
    if last is None:
        return (1, 0, c)
    return (0 if last in before else 2, steps[last].start + steps[last].weeks, c)


class _Ancestry:
    """Per step, the steps before it in the partial order (``any``) and those that end
    before it starts (``ends``); every offset is >= 0, so a step starts no earlier than any
    of its predecessors."""

    def __init__(self, preds: list[dict[tuple[int, bool], int]]):
        self.any: list[set[int]] = [set() for _ in preds]
        self.ends: list[set[int]] = [set() for _ in preds]
        for i in range(len(preds)):
            self._collect(preds, i, set())

    def _collect(self, preds, i: int, busy: set[int]) -> None:
        if self.any[i] or i in busy:
            return
        busy.add(i)
        for p, from_start in preds[i]:
            self._collect(preds, p, busy)
            self.any[i] |= self.any[p] | {p}
            self.ends[i] |= self.ends[p] | (set() if from_start else {p})

    def add(self, first: int, then: int) -> None:
        """``first`` now ends before ``then`` starts, and so before everything after it."""
        gained_any = self.any[first] | {first}
        gained_ends = self.ends[first] | {first}
        for j in range(len(self.any)):
            if j == then or then in self.any[j]:
                self.any[j] |= gained_any
                self.ends[j] |= gained_ends


def _sequence(steps: Sequence[Step], graph: Order) -> list[int]:
    """A topological order of the partial order, by planned start then id among the ready."""
    import heapq

    waiting = [len(g) for g in graph]
    after: list[list[int]] = [[] for _ in steps]
    for i, g in enumerate(graph):
        for p, _, _ in g:
            after[p].append(i)
    ready = [(steps[i].start, steps[i].id, i) for i in range(len(steps)) if not waiting[i]]
    heapq.heapify(ready)
    out = []
    while ready:
        _, _, i = heapq.heappop(ready)
        out.append(i)
        for j in after[i]:
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, (steps[j].start, steps[j].id, j))
    if len(out) != len(steps):  # the scheduler refuses cycles, so this cannot happen
        raise ValueError("the plan's orderings make a cycle")
    return out


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
    weeks = [
        max(1, s.min_weeks, math.ceil(max(0.0, _top(s) - s.done) / max(1, s.per_week) - 1e-9))
        for s in steps
    ]
    sequence: Order = [
        [(p, off, sts) for (p, sts), off in item.items()] for item in _orderings(steps)
    ]
    for i, step in enumerate(steps):
        sequence[i] += [
            (j, 0, False) for j, s in enumerate(steps) if j != i and s.start + s.weeks <= step.start
        ]
    if _ends_by(steps, sequence, weeks, deadline_week):
        return True
    return _ends_by(steps, partial_order(steps, capacity), weeks, deadline_week)


def _top(step: Step) -> float:
    return step.high if step.high - step.low >= 1e-9 else step.mode


def _ends_by(steps: Sequence[Step], order: Order, weeks: list[int], deadline_week: int) -> bool:
    """Whether every step ends by ``deadline_week`` with these weeks, each as early as
    ``order`` allows."""
    start = [0] * len(steps)
    end = [0] * len(steps)
    for i in _sequence(steps, order):
        step = steps[i]
        if step.pin is not None:
            start[i] = step.pin
        else:
            t = max(((start[p] if sts else end[p]) + off for p, off, sts in order[i]), default=0)
            if step.every > 1:
                start[i] = step.release + step.every * math.ceil(
                    max(0, t - step.release) / step.every
                )
            else:
                start[i] = max(t, step.release)
        end[i] = start[i] + weeks[i]
        if end[i] > deadline_week:
            return False
    return True


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
    to do over the hours a week. The same draws as :func:`on_time` (the same seed), so it
    bounds that chance draw by draw."""

    def __init__(
        self,
        steps: Sequence[Step],
        deadline_week: int,
        *,
        draws: int = DRAWS,
        seed: int = SEED,
        shared: float = SHARED,
    ):
        import numpy as np

        self.deadline_week = deadline_week
        if not steps:
            self.path = self.hours = np.zeros(draws)
            return
        remaining = _hours(steps, draws, seed, shared)
        order = [[(p, o, s) for (p, s), o in sorted(item.items())] for item in _orderings(steps)]
        _, end = reschedule(steps, order, durations(steps, remaining))
        self.path = end.max(axis=0)
        self.hours = remaining.sum(axis=0)

    def within(self, capacity: int) -> float:
        import numpy as np

        least = np.maximum(self.path, np.ceil(self.hours / capacity - 1e-9))
        return _share(least <= self.deadline_week)


def durations(steps: Sequence[Step], remaining):
    """Weeks per step and draw for the remaining hours, as the planner counts them: at the
    step's hours a week, never under its minimum weeks nor under one week."""
    import numpy as np

    per_week = np.array([max(1, s.per_week) for s in steps], dtype=float)[:, None]
    least = np.array([max(1, s.min_weeks) for s in steps], dtype=float)[:, None]
    return np.maximum(least, np.ceil(remaining / per_week - 1e-9))


def reschedule(steps: Sequence[Step], order: Order, weeks):
    """Start and end week of every step in every draw (arrays shaped like ``weeks``): each
    as early as ``order`` and its course calendar allow, a pinned step at its pin. One pass
    over the steps in a fixed order; each line is one numpy operation over all draws."""
    import numpy as np

    start = np.zeros_like(weeks)
    end = np.zeros_like(weeks)
    draws = weeks.shape[1]
    for i in _sequence(steps, order):
        step = steps[i]
        if step.pin is not None:
            start[i] = step.pin
        else:
            earliest = np.zeros(draws)
            for p, offset, from_start in order[i]:
                np.maximum(earliest, (start[p] if from_start else end[p]) + offset, out=earliest)
            if step.every > 1:
                k = np.ceil(np.maximum(0.0, earliest - step.release) / step.every)
                start[i] = step.release + step.every * k
            else:
                start[i] = np.maximum(earliest, step.release)
        end[i] = start[i] + weeks[i]
    return start, end


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
