"""Activity lists for the serial schedule-generation scheme, and the rules that order them.

The heuristic (:mod:`.heuristic`) tries lists made here: the classic priority rules (LFT,
LST, MTS, GRPW, MSLK) and the calendar-aware latest-start rule, each turned into a
precedence-feasible list (:func:`priority_list`, or :func:`reverse_list` for a backward
pass), and regret-biased random samples from them (:func:`sample_list`). The precedence
tables they walk (:func:`free_succ`, :func:`free_preds`) are kept on the compiled problem.
"""

from __future__ import annotations

import heapq
import random

from padplanner.schedule.bounds import latest_starts
from padplanner.schedule.compiled import Compiled


def classic_rules(c: Compiled, es: list[int], q: list[int]) -> list[list[int]]:
    """Priority values (lower goes first): LFT, LST, MTS, GRPW, MSLK (``q``: tails)."""
    n = len(c.dur)
    dur = c.dur
    succ: list[list[int]] = [[s for s, _w in c.sw[i]] for i in range(n)]
    reach: list[int] = [0] * n  # bit set of transitive successors
    for i in range(n - 1, -1, -1):
        bits = 0
        for s in succ[i]:
            bits |= reach[s] | (1 << s)
        reach[i] = bits
    lft = [-q[i] for i in range(n)]
    lst = [-q[i] - dur[i] for i in range(n)]
    mts = [-reach[i].bit_count() for i in range(n)]
    grpw = [-dur[i] - sum(dur[s] for s in succ[i]) for i in range(n)]
    mslk = [-q[i] - dur[i] - es[i] for i in range(n)]
    return [lft, lst, mts, grpw, mslk]


def free_succ(c: Compiled) -> tuple[list[list[int]], list[int]]:
    """Free successors of every task, and how many free predecessors each task waits for."""
    memo = c.memo.get("free_succ")
    if memo is not None:
        return memo
    n = len(c.dur)
    succ: list[list[int]] = [[s for s, _w in c.sw[i]] for i in range(n)]
    missing = [0] * n
    for i in c.free:
        for p, _lag in c.preds[i]:
            if c.pin[p] < 0:
                missing[i] += 1
    c.memo["free_succ"] = succ, missing
    return succ, missing


def free_preds(c: Compiled) -> tuple[list[list[int]], list[int]]:
    """Free predecessors of every task, and how many free successors each task waits for."""
    memo = c.memo.get("free_preds")
    if memo is None:
        preds = [[p for p, _lag in c.preds[i] if c.pin[p] < 0] for i in range(len(c.dur))]
        memo = c.memo["free_preds"] = preds, [len(x) for x in c.sw]
    return memo


def calendar_rule(c: Compiled, lb: int) -> list[int]:
    """The calendar-aware latest-start rule: latest starts to end by ``lb`` (kept on ``c``)."""
    cal = c.memo.get(("cal", lb))
    if cal is None:
        cal = c.memo[("cal", lb)] = latest_starts(c, lb)
    return cal


def priority_list(
    c: Compiled, prio: list[int], succ: list[list[int]], missing0: list[int]
) -> list[int]:
    """The free tasks in precedence order, best priority first among the eligible (ties: the
    lower task number). ``succ`` and ``missing0`` are :func:`free_succ`'s."""
    missing = missing0[:]
    heap = [(prio[i], i) for i in c.free if not missing[i]]
    heapq.heapify(heap)
    order = []
    while heap:
        _v, j = heapq.heappop(heap)
        order.append(j)
        for s in succ[j]:
            missing[s] -= 1
            if not missing[s]:
                heapq.heappush(heap, (prio[s], s))
    return order


def reverse_list(c: Compiled, prio: list[int]) -> list[int]:
    """The free tasks in reverse precedence order, best (lowest) ``prio`` first (ties: the
    higher task number)."""
    preds, waiting0 = free_preds(c)
    waiting = waiting0[:]
    heap = [(prio[i], -i) for i in c.free if not waiting[i]]
    heapq.heapify(heap)
    order = []
    while heap:
        _v, j = heapq.heappop(heap)
        order.append(-j)
        for p in preds[-j]:
            waiting[p] -= 1
            if not waiting[p]:
                heapq.heappush(heap, (prio[p], -p))
    return order


def sample_list(
    c: Compiled,
    prio: list[int],
    rng: random.Random,
    succ: list[list[int]],
    missing0: list[int],
) -> list[int]:
    """Regret-biased random sampling: pick eligible task ``j`` with weight ``max - prio[j] + 1``.

    ``succ`` and ``missing0`` are :func:`free_succ`'s.
    """
    missing = missing0[:]
    elig = [i for i in c.free if not missing[i]]
    order: list[int] = []
    rand = rng.random
    while elig:
        m = len(elig)
        if m == 1:
            j = elig.pop()
        else:
            vals = [prio[i] for i in elig]
            top = max(vals) + 1
            x = rand() * (top * m - sum(vals))
            k = m - 1
            for pos, v in enumerate(vals):
                x -= top - v
                if x < 0:
                    k = pos
                    break
            j = elig[k]
            elig[k] = elig[-1]
            elig.pop()
        order.append(j)
        for s in succ[j]:
            missing[s] -= 1
            if not missing[s]:
                elig.append(s)
    return order
