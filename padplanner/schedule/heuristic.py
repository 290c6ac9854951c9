"""The default engine: serial schedule generation, justification, local search, sampling.

* **Serial schedule-generation scheme (SSGS)**: take the free tasks in a precedence-feasible
  list and start each at the earliest calendar week after its predecessors where its demand
  fits in every week it runs. The resource profile is a big int with a lane per week and
  resource (see :mod:`.compiled`): one addition and one ``&`` test a whole start week for all
  resources, and a conflict jumps straight past the last week that does not fit.
* **Forward–backward improvement (FBI, justification)**: right-justify the schedule against
  its own makespan (tasks by decreasing end, successors first when a negative lag lets a
  successor end before its predecessor), then left-justify again in order of the
  right-justified starts; repeat while the makespan shrinks.
* **Critical-task promotion**: a task on the critical chain that resources (not predecessors)
  hold back is moved up the list to just after its last predecessor; kept if it helps.
* **Priority rules** first (latest start with calendars, then LFT, LST, MTS, GRPW, MSLK), then
  **regret-biased random sampling** from the latest-start and LFT/LST rules with a seeded RNG.
* **Parts** (:mod:`.parts`): a cohort, several people sharing seats and a coach, is searched
  person by person, the longest first; a shorter person's search stops once they end by the
  longest one. The parts' schedules are merged in one serial pass, and the whole problem is
  searched on from there only if shared seats push the merge beyond the longest part.

The lists and priority rules the search tries are made in :mod:`.lists`.

Effort is a budget of generated schedules (forward or backward passes), never wall-clock
time, so the result depends only on the problem, the effort and the seed. The search stops
as soon as the makespan reaches the lower bound, which proves it optimal.
"""

from __future__ import annotations

import random

from padplanner.schedule.bounds import critical_path, heads, resource_bound, tails
from padplanner.schedule.compiled import Compiled, compile_part, compile_problem
from padplanner.schedule.lists import (
    calendar_rule,
    classic_rules,
    free_preds,
    free_succ,
    priority_list,
    reverse_list,
    sample_list,
)
from padplanner.schedule.model import Problem, Schedule, pinned_overloads
from padplanner.schedule.parts import split
from padplanner.schedule.propagate import Refuter
from padplanner.schedule.sgs import backward, forward

# Schedule budgets (SSGS passes, forward or backward) per effort. Small problems with one
# resource (a person's plan) get the smaller budget. A pass costs 5-15 microseconds on such a
# plan and 30-60 on a PSPLIB j30 instance, so an unproven `fast` plan takes a few milliseconds.
# Fewer passes cost quality on people's plans (200: the benchmark's worst family 0.7 % above
# the optimum, 100: 1.2 %; 300: 0.3 %); larger problems, which padplanner itself never makes,
# get 500 passes in `fast` (PSPLIB j30: 0.49 % against 0.40 % with 1,000, at half the time).
BUDGET = {"fast": 500, "thorough": 3000}
SMALL_BUDGET = {"fast": 300, "thorough": 1000}
SAMPLE_RULES = (0, 1, 2)  # sample with the calendar LST, LFT and LST rules in turn
# Proofs (:mod:`.propagate`): propagation rounds for an attempt to prove the best schedule
# optimal, made after the priority rules and whenever the search has been stale (no
# improvement) for STALE passes. A round costs about half a pass; a proof ends a search early
# (without proofs 3 in 4 people's plans would run their whole budget instead of 1 in 16).
PROOF_ROUNDS = {"fast": 400, "thorough": 800}
STALE = 10


class _Search:
    """One heuristic run: the best schedule so far and the number of passes spent."""

    def __init__(
        self,
        c: Compiled,
        lb: int,
        es: list[int],
        budget: int,
        target: int = -1,
        rounds: int = 0,
    ) -> None:
        self.c, self.lb, self.es, self.budget = c, lb, es, budget
        self.target = target  # good enough: stop at this makespan even if not proven
        self.rounds = rounds  # propagation rounds per attempt to prove the best optimal
        self.refuter: Refuter | None = None  # made at the first attempt
        self.tried = -1  # the makespan of the last attempt
        self.improved_at = 0  # the pass that found the best schedule
        self.passes = 0
        self.best: list[int] = []
        self.best_ms = -1
        self.desc = c.free[::-1]
        self.users: list[int] = []  # bit set of the resources each task uses
        # Passes already made, by list (and deadline): small problems draw the same list
        # again and again (a third of the passes of a person's plan), and a pass gives the
        # same schedule every time. A repeat still counts against the budget.
        self.forwards: dict[tuple[int, ...], tuple[list[int], int]] = {}
        self.backwards: dict[tuple[tuple[int, ...], int], list[int] | None] = {}

    def done(self) -> bool:
        return self.best_ms <= max(self.lb, self.target) or self.passes >= self.budget

    def stale(self) -> bool:
        """True when the best schedule has not improved for a while."""
        return self.passes - self.improved_at >= STALE

    def can_prove(self) -> bool:
        """True if :meth:`prove` would try: once per makespan, never with pins."""
        return bool(self.rounds) and not self.c.pinned and self.tried != self.best_ms

    def prove(self) -> None:
        """Try once per makespan to show that nothing ends before the best schedule; if so,
        it is optimal and the search is done. Not for problems with pins."""
        if self.done() or not self.can_prove():
            return
        self.tried = self.best_ms
        if self.refuter is None:
            self.refuter = Refuter(self.c, self.es)
        if self.refuter.refutes(self.best_ms - 1, self.rounds):
            self.lb = self.best_ms

    def forward(self, order: list[int]) -> tuple[list[int], int]:
        """:func:`.sgs.forward`, made once per list (the lists it returns are not changed)."""
        key = tuple(order)
        made = self.forwards.get(key)
        if made is None:
            made = self.forwards[key] = forward(self.c, order)
        self.passes += 1
        return made

    def backward(self, order: list[int], deadline: int) -> list[int] | None:
        """:func:`.sgs.backward` from this search's earliest starts, made once per list and
        deadline."""
        key = (tuple(order), deadline)
        if key in self.backwards:
            made = self.backwards[key]
        else:
            made = self.backwards[key] = backward(self.c, order, deadline, self.es)
        self.passes += 1
        return made

    def run(self, order: list[int]) -> bool:
        """Schedule ``order``, justify it while that helps; True if it beat the best so far."""
        c = self.c
        start, ms = self.forward(order)
        better = self._offer(start, ms)
        dur = c.dur
        while ms > max(self.lb, self.target) and self.passes + 2 <= self.budget:
            finish = [s + d for s, d in zip(start, dur, strict=True)]
            if c.overlap:  # a successor may end before its predecessor: keep the precedences
                latest = reverse_list(c, [-f for f in finish])
            else:
                latest = sorted(self.desc, key=finish.__getitem__, reverse=True)
            back = self.backward(latest, ms)
            if back is None:
                break
            start2, ms2 = self.forward(sorted(c.free, key=back.__getitem__))
            if ms2 >= ms:
                break
            start, ms = start2, ms2
            better = self._offer(start, ms) or better
        return better

    def run_backward(self, order: list[int]) -> bool:
        """Schedule ``order`` (a reverse precedence order) from the end, then justify."""
        c = self.c
        back = None
        for deadline in (self.best_ms, c.horizon):  # the horizon always leaves room
            if deadline >= 0 and back is None and self.passes < self.budget:
                back = self.backward(order, deadline)
        if back is None:
            return False
        return self.run(sorted(c.free, key=back.__getitem__))

    def _offer(self, start: list[int], ms: int) -> bool:
        if self.best_ms < 0 or ms < self.best_ms:
            self.best, self.best_ms = start, ms
            self.improved_at = self.passes
            return True
        return False

    def delayed(self, start: list[int]) -> list[tuple[int, list[int]]]:
        """Critical tasks that resources (not predecessors) hold back, latest first.

        Walks back from the tasks that end last along tight predecessors and, for a task held
        back by resources, to the tasks sharing a resource in the weeks just before it starts
        (its blockers). Returns ``(task, blockers)`` pairs.
        """
        c = self.c
        dur, rel, every, pw, pin = c.dur, c.rel, c.every, c.pw, c.pin
        users = self.users
        end = max(s + d for s, d in zip(start, dur, strict=True))
        stack = [i for i in c.free if start[i] + dur[i] == end]
        seen = set(stack)
        found = []
        while stack:
            j = stack.pop()
            t = rel[j]
            for p, w in pw[j]:
                v = start[p] + w
                if v > t:
                    t = v
            raw = t
            e = every[j]
            if e != 1 and (t - rel[j]) % e:
                t += e - (t - rel[j]) % e
            if start[j] > t:
                first = start[j] - e
                blockers = [
                    k
                    for k in c.free
                    if users[k] & users[j] and start[k] < start[j] and start[k] + dur[k] > first
                ]
                found.append((j, blockers))
                for k in blockers:
                    if k not in seen:
                        seen.add(k)
                        stack.append(k)
            elif raw > rel[j]:
                for p, w in pw[j]:
                    if start[p] + w == raw and pin[p] < 0 and p not in seen:
                        seen.add(p)
                        stack.append(p)
        found.sort(key=lambda x: start[x[0]], reverse=True)
        return found

    def promoted(self, start: list[int], j: int) -> list[int]:
        """The list of ``start`` (tasks by start week) with ``j`` moved up to just after its
        last predecessor."""
        order = sorted(self.c.free, key=start.__getitem__)
        order.remove(j)
        preds = free_preds(self.c)[0][j]
        pos = 0
        if preds:
            for k, i in enumerate(order):
                if i in preds:
                    pos = k + 1
        order.insert(pos, j)
        return order

    def local(self) -> None:
        """Move held-back critical tasks of the best schedule up its list while that helps."""
        if self.done():
            return  # a first list that is provably optimal needs no local search
        c = self.c
        if not self.users:
            self.users = [sum({1 << r for r, _q in c.dem[i]}) for i in range(len(c.dur))]
        improved = True
        while improved and not self.done():
            improved = False
            best = self.best
            for j, _blockers in self.delayed(best):
                if self.done():
                    return
                if self.run(self.promoted(best, j)):
                    improved = True
                    break


def solve_heuristic(problem: Problem, effort: str = "fast", seed: int = 0) -> Schedule:
    """Best schedule found within the effort's budget of schedule passes.

    A problem that falls apart into parts sharing no busy resource (a cohort: one part per
    person) is solved part by part and the parts merged (:mod:`.parts`); otherwise, and to
    finish a merge that did not fit, :func:`search` runs on the whole problem.
    """
    c = compile_problem(problem)
    es = heads(c)
    lb = critical_path(c, es)
    groups = split(c) if len(c.cap) > 1 and not c.pinned else []
    if len(groups) > 1:
        start, ms, lb, passes = solve_parts(problem, c, es, lb, groups, effort, seed)
    else:
        start, ms, lb, passes = search(c, es, lb, effort, seed)
    best, best_ms = left_justify(c, start, ms)
    return make_schedule(problem, c, best, best_ms, "heuristic", lb, passes)


def solve_parts(
    problem: Problem,
    c: Compiled,
    es: list[int],
    lb: int,
    groups: list[list[int]],
    effort: str,
    seed: int,
) -> tuple[list[int], int, int, int]:
    """``(starts, makespan, lower bound, passes)`` for a problem that splits into parts.

    Each part is searched alone (:func:`.compiled.compile_part`), the part that looks longest
    first; a later part only needs to end by the longest part so far. Every part's lower
    bound holds for the whole. The parts' schedules are merged in one serial pass (tasks by
    their start in their part); if shared seats or a coach push the merged schedule beyond the
    longest part, the search goes on from it on the whole problem.
    """
    looks = []
    for group in groups:
        pc = compile_part(c, group)
        pes = heads(pc)
        plb = critical_path(pc, pes)
        succ, missing = free_succ(pc)
        first = priority_list(pc, calendar_rule(pc, plb), succ, missing)
        _start, first_ms = forward(pc, first)
        looks.append((-first_ms, len(looks), group, pc, pes, plb, first))
    looks.sort(key=lambda look: look[:2])
    bar = max(lb, max(look[5] for look in looks))
    passes = 0
    key: list[tuple[int, int]] = [(0, 0)] * len(c.dur)
    for rank, (_ms, _k, group, pc, pes, plb, first) in enumerate(looks):
        start, ms, plb, n = search(pc, pes, plb, effort, seed, target=bar, first=first)
        passes += n
        lb = max(lb, plb)
        bar = max(bar, ms)
        for i, k in enumerate(group):  # the part's task i is the whole problem's task k
            key[k] = (start[i], rank)
    order = sorted(c.free, key=key.__getitem__)
    start, ms, lb, n = search(c, es, lb, effort, seed, target=bar, first=order)
    return start, ms, lb, passes + n


def search(
    c: Compiled,
    es: list[int],
    lb: int,
    effort: str,
    seed: int,
    target: int = -1,
    first: list[int] | None = None,
) -> tuple[list[int], int, int, int]:
    """``(starts, makespan, lower bound, passes)``: the heuristic on one compiled problem.

    The first list (``first``, or the calendar-aware latest-start rule) goes first, against
    the critical-path bound; only if that schedule is not provably optimal are the resource
    bounds computed and the rest of the budget spent: a backward-first rule, the classic
    rules, then biased sampling, each improvement followed by the critical-task local search.
    The search also stops once the makespan is at most ``target`` (a part of a cohort that
    ends before a longer part does not need to end earlier).
    """
    small = len(c.cap) <= 1 and len(c.free) <= 30
    budget = (SMALL_BUDGET if small else BUDGET)[effort]
    search = _Search(c, lb, es, budget, target, PROOF_ROUNDS[effort])
    succ, missing = free_succ(c)
    cal = calendar_rule(c, lb)
    if search.run(first if first is not None else priority_list(c, cal, succ, missing)):
        search.local()
    if search.best_ms > max(lb, target):
        q = tails(c)
        search.lb = lb = max(search.lb, resource_bound(c, es, q))
        early_end = [-e - d for e, d in zip(es, c.dur, strict=True)]  # latest earliest end first
        if not search.done() and search.run_backward(reverse_list(c, early_end)):
            search.local()
        rules = classic_rules(c, es, q)
        for prio in rules:
            if search.done():
                break
            if search.run(priority_list(c, prio, succ, missing)):
                search.local()
        search.prove()
        rng = random.Random(seed)
        k = 0
        prios = [[cal, *rules][r] for r in SAMPLE_RULES]
        while not search.done():
            prio = prios[k % len(prios)]
            if search.run(sample_list(c, prio, rng, succ, missing)):
                search.local()
            elif search.stale():
                search.prove()
            k += 1
    return search.best, search.best_ms, search.lb, search.passes


def left_justify(c: Compiled, start: list[int], ms: int) -> tuple[list[int], int]:
    """One serial pass in the order of the starts: tasks that do not set the end date still
    start as early as they can (a PVT at the beginning, not in a gap near the end)."""
    order = sorted(c.free, key=start.__getitem__)
    moved, moved_ms = forward(c, order)
    return (moved, moved_ms) if moved_ms <= ms else (start, ms)


def make_schedule(
    problem: Problem,
    c: Compiled,
    start: list[int],
    ms: int,
    engine: str,
    lb: int,
    evaluated: int = 0,
    optimal: bool | None = None,
) -> Schedule:
    return Schedule(
        start={c.ids[idx]: start[idx] for idx in c.inpos},
        makespan=ms,
        engine=engine,
        optimal=(ms == lb) if optimal is None else optimal,
        lower_bound=lb,
        overloads=pinned_overloads(problem),
        durations={t.id: t.duration for t in problem.tasks},
        evaluated=evaluated,
    )
