"""Proving that no schedule ends by a deadline: constraint propagation with shaving.

A *destructive* lower bound: assume every task must end by ``deadline`` and narrow each task's
window of start weeks ``[es, ls]`` (always on its calendar) until nothing changes. If a window
empties, no schedule ends by ``deadline``, so ``deadline + 1`` is a lower bound. The heuristic
uses it to prove a schedule optimal (refute ``makespan - 1``) and stop searching.

The rules, applied until a fixpoint:

* **precedences** with lags, forward on ``es`` and backward on ``ls``;
* **pairs** of tasks that can never run in the same week (their demands on some resource add
  up to more than its capacity): if one cannot end before the other's latest start, the other
  goes first;
* **time-tabling**: the weeks every schedule must give a task (``[ls, es + duration)``, its
  compulsory part) add up to a profile per resource; a task cannot run in weeks where that
  profile leaves less than its demand. Windows jump straight to the task's next calendar week;
* **shaving**: try each task at the first (last) week of its window; if that alone leads to an
  empty window, the week is removed.

Every window stays on its task's calendar (``release + k * every``), which is what makes these
rules strong on padplanner's problems: a task that misses a course start waits for the next.
Effort is counted in propagation rounds, never in time, so results are deterministic. Problems
with pinned tasks are not handled (a pin may overload a resource and break a precedence).
"""

from __future__ import annotations

import functools

from padplanner.schedule.bounds import latest_starts
from padplanner.schedule.compiled import Compiled


class _Empty(Exception):
    """A window became empty: the deadline cannot be met."""


class Refuter:
    """Windows and propagation for one compiled problem without pins."""

    def __init__(self, c: Compiled, es: list[int]) -> None:
        self.c = c
        self.es0 = es
        self.work = [i for i in c.free if c.dur[i] > 0]
        self.rounds = 0  # propagation rounds spent, the unit of effort

    @functools.cached_property
    def users(self) -> list[tuple[int, list[tuple[int, int]]]]:
        """``(capacity, [(task, demand), ...])`` of every resource whose users (free tasks
        that take time) together can exceed its capacity: only those constrain anything."""
        c = self.c
        users: dict[int, list[tuple[int, int]]] = {}
        for i in self.work:
            for r, q in c.dem[i]:
                users.setdefault(r, []).append((i, q))
        return [
            (c.cap[r], tasks) for r, tasks in users.items() if sum(q for _i, q in tasks) > c.cap[r]
        ]

    @functools.cached_property
    def pairs(self) -> list[tuple[int, int, int, int]]:
        """Pairs of tasks ``(i, j, duration of i, duration of j)``, ``i < j``, sorted, that
        can never run in the same week."""
        pairs = set()
        for cap, tasks in self.users:
            for a, (i, qi) in enumerate(tasks):
                for j, qj in tasks[a + 1 :]:
                    if qi + qj > cap:
                        pairs.add((i, j) if i < j else (j, i))
        dur = self.c.dur
        return [(i, j, dur[i], dur[j]) for i, j in sorted(pairs)]

    # -- calendar arithmetic ------------------------------------------------------------------

    def _up(self, i: int, t: int) -> int:
        """The first calendar week of ``i`` at or after ``t``."""
        c = self.c
        if t < c.rel[i]:
            return c.rel[i]
        e = c.every[i]
        m = (t - c.rel[i]) % e
        return t + e - m if m else t

    def _down(self, i: int, t: int) -> int:
        """The last calendar week of ``i`` at or before ``t`` (below ``rel``: below ``es``)."""
        c = self.c
        return t - (t - c.rel[i]) % c.every[i]

    # -- the rules ------------------------------------------------------------------------------

    def windows(self, deadline: int) -> tuple[list[int], list[int]]:
        """Initial windows: earliest starts and latest starts to end by ``deadline``."""
        return self.es0[:], latest_starts(self.c, deadline)

    def propagate(self, es: list[int], ls: list[int]) -> None:
        """Narrow the windows to a fixpoint; raises :class:`_Empty` if one empties.

        A window's ends only move to weeks of the task's calendar, and ``es`` never falls
        below the release week, so rounding up or down stays on the calendar."""
        c = self.c
        rel, every, pw, sw, free = c.rel, c.every, c.pw, c.sw, c.free
        backwards = free[::-1]
        pairs = self.pairs
        while True:
            self.rounds += 1
            changed = False
            for i in free:
                t = es[i]
                for p, w in pw[i]:
                    v = es[p] + w
                    if v > t:
                        t = v
                if t > es[i]:
                    e = every[i]
                    if e != 1:
                        m = (t - rel[i]) % e
                        if m:
                            t += e - m
                    es[i] = t
            for i in backwards:
                t = ls[i]
                for s, w in sw[i]:
                    v = ls[s] - w
                    if v < t:
                        t = v
                if t < ls[i]:
                    e = every[i]
                    if e != 1:
                        t -= (t - rel[i]) % e
                    ls[i] = t
                if ls[i] < es[i]:
                    raise _Empty
            for i, j, di, dj in pairs:
                if es[i] + di > ls[j]:  # i cannot go first
                    if es[j] + dj > ls[i]:
                        raise _Empty
                    first, then, d = j, i, dj
                elif es[j] + dj > ls[i]:  # j cannot go first
                    first, then, d = i, j, di
                else:
                    continue
                t = es[first] + d
                if t > es[then]:  # rare next to the loops above: no need to inline
                    es[then] = t = self._up(then, t)
                    changed = True
                    if t > ls[then]:
                        raise _Empty
                t = ls[then] - d
                if t < ls[first]:
                    ls[first] = t = self._down(first, t)
                    changed = True
                    if t < es[first]:
                        raise _Empty
            if not changed and not self._timetable(es, ls):
                return

    def _timetable(self, es: list[int], ls: list[int]) -> bool:
        """Time-tabling on every constraining resource; True if a window narrowed."""
        dur = self.c.dur
        changed = False
        for cap, tasks in self.users:
            delta: dict[int, int] = {}
            for i, q in tasks:
                a, b = ls[i], es[i] + dur[i]
                if a < b:
                    delta[a] = delta.get(a, 0) + q
                    delta[b] = delta.get(b, 0) - q
            if not delta:
                continue
            segments = []  # (first week, end week, level) where the level is above 0
            level = peak = 0
            prev = -1
            for w in sorted(delta):
                if level:
                    segments.append((prev, w, level))
                    if level > peak:
                        peak = level
                level += delta[w]
                prev = w
            if peak > cap:
                raise _Empty
            masks: dict[int, int] = {}
            for i, q in tasks:
                if peak + q <= cap:
                    continue
                d = dur[i]
                bad = masks.get(q)
                if bad is None:
                    bad = 0
                    for a, b, level in segments:
                        if level + q > cap:
                            bad |= ((1 << (b - a)) - 1) << a
                    masks[q] = bad
                a, b = ls[i], es[i] + d
                if a < b:  # the task's own compulsory part does not block it
                    bad &= ~(((1 << (b - a)) - 1) << a)
                win = (1 << d) - 1
                t = es[i]
                hit = bad & (win << t)
                while hit:
                    t = self._up(i, hit.bit_length())
                    if t > ls[i]:
                        raise _Empty
                    hit = bad & (win << t)
                if t != es[i]:
                    es[i] = t
                    changed = True
                t = ls[i]
                hit = bad & (win << t)
                while hit:
                    t = self._down(i, (hit & -hit).bit_length() - 1 - d)
                    if t < es[i]:
                        raise _Empty
                    hit = bad & (win << t)
                if t != ls[i]:
                    ls[i] = t
                    changed = True
        return changed

    def _shave(self, es: list[int], ls: list[int], budget: int) -> None:
        """Remove first and last weeks of windows that alone lead to an empty window.

        Tasks with the fewest start weeks left go first (they run out soonest: a quarter
        fewer rounds than in task order). The weeks are tried in growing blocks (galloping):
        after a block of ``k`` calendar weeks at one end is removed, the next try takes ``2k``;
        a block that does not empty a window is tried again one week at a time. Removing a
        block at once is sound because a narrower window never propagates to wider ones, and
        it saves a propagation per week on the long windows a missed deadline leaves."""
        every = self.c.every
        again = True
        while again and self.rounds < budget:
            again = False
            for i in sorted(self.work, key=lambda i: (ls[i] - es[i]) // every[i]):
                e = every[i]
                for side in (0, 1):
                    k = 1
                    while es[i] < ls[i] and self.rounds < budget:
                        e2, l2 = es[:], ls[:]
                        if side == 0:
                            l2[i] = min(ls[i], es[i] + (k - 1) * e)
                        else:
                            e2[i] = max(es[i], ls[i] - (k - 1) * e)
                        try:
                            self.propagate(e2, l2)
                        except _Empty:
                            if side == 0:
                                es[i] = l2[i] + e
                            else:
                                ls[i] = e2[i] - e
                            if es[i] > ls[i]:
                                raise
                            again = True
                            self.propagate(es, ls)
                            k *= 2
                            continue
                        if k == 1:
                            break
                        k = 1

    def refutes(self, deadline: int, budget: int) -> bool:
        """True if no schedule ends by ``deadline`` (proven); False if not shown within
        ``budget`` more propagation rounds."""
        es, ls = self.windows(deadline)
        budget += self.rounds
        try:
            for i in self.c.free:
                if es[i] > ls[i]:
                    return True
            self.propagate(es, ls)
            self._shave(es, ls, budget)
        except _Empty:
            return True
        return False
