"""Keeping the plan's order in every draw: a plan's schedule as a partial order, and its
activities started as early as that order allows for any weeks they take.

The plan's schedule becomes a *partial order*: its own orderings (with their lags), its course
calendars, and, for the shared weekly hours, a flow of hour-units from activity to activity in
the order the plan uses them (the chaining method of Policella et al., 2004). Each draw then
starts every activity as early as that partial order allows, which needs one pass over a
fixed order: a recurrence, done for all draws at once with numpy
(:func:`reschedule`), or for one in plain Python (:func:`ends_by`). The result never asks
more hours a week than the person has, whatever the durations, and no activity starts
earlier for longer durations (the recurrence only takes maxima and sums).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs


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


Order = list[list[tuple[int, int, bool]]]


def partial_order(steps: Sequence[Step], capacity: int) -> Order:
    """The plan's order: per step, its predecessors ``(index, offset, from_start)`` in the partial order: start
    at least ``offset`` weeks after the predecessor ends (or starts, when ``from_start``).

    The plan's own orderings come first; then the weekly hours are chained: each of the
    ``capacity`` hour-units is a chain of activities, in the order of the planned starts, and
    an activity takes its hours from chains whose last activity has ended by its planned
    start (:func:`_rank` says which first), ending before it in every draw.
    """
    preds = orderings(steps)
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
    return _as_order(preds)


def own_order(steps: Sequence[Step]) -> Order:
    """The plan's own orderings alone (no chained hours), as an :data:`Order`."""
    return _as_order(orderings(steps))


def _as_order(preds: list[dict[tuple[int, bool], int]]) -> Order:
    return [[(p, off, sts) for (p, sts), off in sorted(item.items())] for item in preds]


def orderings(steps: Sequence[Step]) -> list[dict[tuple[int, bool], int]]:
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


def sequence(steps: Sequence[Step], graph: Order) -> list[int]:
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


def ends_by(steps: Sequence[Step], order: Order, weeks: list[int], deadline_week: int) -> bool:
    """Whether every step ends by ``deadline_week`` with these weeks, each as early as
    ``order`` allows."""
    start = [0] * len(steps)
    end = [0] * len(steps)
    for i in sequence(steps, order):
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
    for i in sequence(steps, order):
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
