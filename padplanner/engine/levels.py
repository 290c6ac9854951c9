"""More hours a week never make a plan less likely to end on time, nor end it later.

A schedule made for ``k`` hours a week fits everyone with more: it asks no more hours in any
week, and its chance to end on time (:mod:`padplanner.engine.chance`) is the same, for the
draws keep its order within the ``k`` hours it was made for. So the plan of a person with
``h`` hours a week is chosen from the plans of a person with ``h`` and with every fewer
number of hours:

* **The plan of a number of hours** (:meth:`Levels.earliest_at`) is the earliest-ending
  schedule the planner makes for it: the path of modules those hours allow, scheduled within
  those hours or fewer (:func:`padplanner.engine.fewer.earliest`), and the paths of fewer
  hours a week while they could end earlier (:meth:`Levels.fewer`).
* **The plan a person gets** (:meth:`Levels.likeliest`) is the likeliest to end on time of
  the plans of ``h``, ``h - 1``, ... hours, from the same :data:`~padplanner.engine.chance.DRAWS`
  draws the plan reports; on a tie, the one of the most hours (which ends earliest).

An hour more adds one plan to the ones compared, so its chance is never lower; and the
plan either stays or is the new one, the earliest of everything the person could do with
fewer hours, so it never ends later. The plan never depends on whether its chance was asked.

Most plans are settled at once: a plan that ends on time even with every module at the top
of its range is as likely as any (:func:`~padplanner.engine.chance.certain`), and a plan of
fewer hours is only made while it could be likelier (:meth:`Levels.reach`): no schedule of a
path at a number of hours a week or fewer ends on time in more draws than its critical path,
its hours over the hours a week, and its modules that cannot share a week one after the
other allow (:class:`~padplanner.engine.chance.Reach`). ``docs/scheduler.md`` has the
figures.
"""

from __future__ import annotations

import math
from bisect import bisect_right

import attrs

from padplanner.engine import chance, odds
from padplanner.engine.fewer import Chosen, fewest_hours
from padplanner.engine.hours import HoursBook
from padplanner.engine.path import PathResult, count_within, find_path
from padplanner.engine.timeline import Frame, frame, intensity, paces, tasks
from padplanner.errors import InputError


@attrs.frozen(eq=False)
class Candidate:
    """A plan the person could follow: its path, frame, schedule and hours estimates."""

    path: PathResult
    made: Frame
    chosen: Chosen
    book: HoursBook


class Levels:
    """The plans of one planning run for each number of hours a week (see the module)."""

    def __init__(self, run, wanted, added):
        self.run = run
        self.wanted = wanted
        self.added = added
        self.spare = run.hours.fork()  # the estimates before any path counts some within others
        self.done = run.view.progress.hours_done
        self.deadline_week = run.deadline_week
        lows = {m.intensity_range[0] for m in run.catalog.modules.values()}
        self.thresholds = sorted(lows)  # the hours a week at which a module becomes allowed
        self._paths: dict[int, tuple[PathResult, HoursBook]] = {}  # by band
        self._odds: dict[tuple, float] = {}
        self._frames: dict[int, Frame] = {}  # by path: the frame with the plugins' constraints
        self._reach: dict[tuple, chance.Reach] = {}  # by path and hours a week

    def _band(self, within: int) -> int:
        """Which modules ``within`` hours a week allow: the same for the same band."""
        return bisect_right(self.thresholds, within)

    def _path(self, within: int) -> tuple[PathResult, HoursBook]:
        """The path and its hours estimates of someone with ``within`` hours a week (one
        search per band; a path that leaves a goal unreached says so)."""
        band = self._band(within)
        if band not in self._paths:
            run = self.run
            mine, run.within = run.within, within
            try:
                book = self.spare.fork()
                path = find_path(run.catalog, run.state, self.wanted, book, run.allowed, self.added)
                self._paths[band] = (count_within(path, book), book)
            finally:
                run.within = mine
        return self._paths[band]

    def first(self) -> tuple[PathResult, Candidate]:
        """The person's own path and their plan of the earliest end (a path that leaves a
        goal unreached is planned as far as it goes)."""
        path, book = self._path(self.run.capacity)
        made, chosen, refused = self.run.schedule_path(path, book, self.run.capacity)
        if refused:
            raise InputError(refused)
        self._frames[id(path)] = made
        return path, self.fewer(Candidate(path, made, chosen, book))

    def earliest_at(self, level: int) -> Candidate | None:
        """The plan of the earliest end of someone with ``level`` hours a week; None when it
        leaves a goal unreached or a rule refuses it."""
        path, book = self._path(level)
        if path.unreachable:
            return None
        made, chosen, refused = self.run.schedule_path(path, book, level)
        self._frames[id(path)] = made
        return None if refused else self.fewer(Candidate(path, made, chosen, book))

    def fewer(self, best: Candidate) -> Candidate:
        """A course that needs more hours a week may end a plan later than the path without
        it (it leaves no room beside it, or its calendar starts later): the paths of fewer
        hours a week are candidates too, down from the most hours at which a module of the
        path drops out, while they could still end earlier (the hours of the modules that
        stay allowed over the hours a week: a path with fewer options still needs them,
        which held for every counter-example found); the earliest end is kept, on a tie the
        path of the most hours. A path that leaves a goal unreached is no candidate, nor
        is any with fewer hours."""
        run = self.run
        path, made = best.path, best.made
        if path.unreachable:
            return best
        kept = set(run.adjust.add)  # the counsellor's modules stay, whatever the hours
        while True:
            lows = [m.intensity_range[0] for m in path.modules if m.id not in kept]
            within = max(lows, default=0) - 1
            if within < 1:
                return best
            energy = fewest_hours(path, made, self.spare, run.catalog, within, run.route)
            if energy == math.inf or math.ceil(energy / within) >= best.chosen.result.makespan:
                return best  # the hours to do take longer than the best plan, or cannot be done
            path, book = self._path(within)
            if path.unreachable:
                return best
            made, chosen, refused = run.schedule_path(path, book, within, best.chosen)
            self._frames[id(path)] = made
            if refused:
                return best
            if chosen is not None:  # it beats the best so far
                best = Candidate(path, made, chosen, book)

    def odds(self, candidate: Candidate) -> float:
        """The chance of ``candidate`` to end on time, from the plan's own draws."""
        c = candidate.chosen
        key = (
            id(candidate.path),
            c.capacity,
            tuple(sorted((m, t.hours_per_week, c.result.start[m]) for m, t in c.timed.items())),
        )
        if key not in self._odds:
            self._odds[key] = odds.share_of(
                c, candidate.book, self.done, self.deadline_week, chance.DRAWS
            )
        return self._odds[key]

    def reach(self, level: int, above: float = 1.0) -> float:
        """The most draws in which a plan of ``level`` hours a week or fewer ends on time:
        per band of hours a week up to ``level`` (down to the first whose path leaves a goal
        unreached: fewer hours allow fewer modules), its path at the most hours a week it
        gets with ``level`` hours or its band's most (:class:`chance.Reach`). It bounds the
        plans of every fewer number of hours too: the hours a week only shrink, the hours
        over them only grow, and the modules kept apart are apart at every number. It stops
        at the first band that reaches more than ``above`` (the answer is then only known to
        be more than that: the bands below are not searched). The path's
        frame with the plugins' constraints where it was made (they hold for every schedule
        of the path), else without them (a looser bound)."""
        most = 0.0
        bands = [t for t in self.thresholds if t <= level]
        for top in [level, *(low - 1 for low in bands[:0:-1])]:  # each band's most hours
            path, book = self._path(top)
            if path.unreachable:
                break
            made = self._frames.get(id(path)) or frame(path, book, self.run.plan_start, [], {})
            per_week = paces(made, top, keep=True)
            key = (id(path), per_week)
            if key not in self._reach:
                _, timed = tasks(made, per_week, top)
                steps = odds.steps(timed, {}, book, self.done)
                self._reach[key] = chance.Reach(
                    steps, self.deadline_week, apart=apart(made, per_week, top)
                )
            most = max(most, self._reach[key].within(level))
            if most > above or most >= 1:
                break
        return most

    def likeliest(self, first: Candidate) -> tuple[Candidate, float | None]:
        """The likeliest to end on time of the plans of the person's hours a week and every
        fewer (on a tie the one of the most hours), with its chance when it had to be
        compared (None: ``first`` is as likely as any)."""
        run = self.run
        top = run.capacity
        if first.path.unreachable or top <= 1:
            return first, None  # with fewer hours a goal stays unreached too
        c = first.chosen
        steps = odds.steps(c.timed, c.result.start, first.book, self.done)
        if chance.certain(steps, c.capacity, self.deadline_week):
            return first, None
        if self.reach(top - 1, above=0.0) <= 0:
            return first, None  # no plan of fewer hours ever ends on time
        most = self.odds(first)
        best = first
        for level in range(top - 1, 0, -1):
            if most >= 1 or self.reach(level, above=most) <= most:
                break
            candidate = self.earliest_at(level)
            if candidate is None:
                break  # fewer hours allow fewer modules: the goal stays unreached
            found = self.odds(candidate)
            if found > most:
                best, most = candidate, found
        return best, most


def apart(made: Frame, per_week: tuple[int, ...], top: int) -> list[int]:
    """Modules of ``made`` no two of which fit in the same week at any number of hours a week
    a schedule of it may be made for, up to ``top`` (each at the fewest hours a week it gets
    there): chosen longest first (at ``per_week``), so that their weeks, one after the
    other, bound the plan's end. Empty unless at least two."""
    fewest = max((m.intensity_range[0] for m in made.active), default=1)
    levels = range(max(1, fewest), top + 1)
    least = [[intensity(m, k) for k in levels] for m in made.active]
    longest = sorted(
        range(len(made.active)), key=lambda i: (-made.remaining[i] / max(1, per_week[i]), i)
    )
    chosen: list[int] = []
    for i in longest:
        if all(
            all(a + b > k for a, b, k in zip(least[i], least[j], levels, strict=True))
            for j in chosen
        ):
            chosen.append(i)
    return chosen if len(chosen) > 1 else []
