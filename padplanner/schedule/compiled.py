"""A problem flattened to lists of ints, the form the engines work on.

Tasks are renumbered in a precedence order (``0..n-1``), so a predecessor always has a smaller
number than its successors. Pinned tasks keep their fixed start; the weekly capacity left after
them is the ``base`` profile (negative where pinned tasks overload a resource).
"""

from __future__ import annotations

import attrs

from padplanner.schedule.model import Problem


@attrs.define(slots=True, eq=False)
class Compiled:
    ids: list[str]
    dur: list[int]
    rel: list[int]
    every: list[int]
    pin: list[int]  # -1 when free
    preds: list[list[tuple[int, int]]]  # (p, lag) for every predecessor
    pw: list[tuple[tuple[int, int], ...]]  # free tasks: (p, dur[p] + lag); pinned: ()
    sw: list[tuple[tuple[int, int], ...]]  # (free successor s, dur[i] + lag)
    dem: list[tuple[tuple[int, int], ...]]  # (resource, amount > 0), empty if duration 0
    resources: list[str]
    cap: list[int]
    free: list[int]  # free (unpinned) tasks in precedence order
    pinned: list[int]
    pin_end: int  # latest end of a pinned task (0 if none)
    horizon: int  # no serial schedule ends later than this
    base: list[list[int]]  # capacity left per resource and week after the pinned tasks
    start0: list[int]  # pinned starts, 0 for free tasks
    # The resource profile as one big int: week ``w``, resource ``r`` is the lane of ``lane``
    # bits at ``w * stride + r * lane``; its top bit is a guard. A lane holds the use so far
    # (at most the capacity). ``check[i]`` adds, in the lanes task ``i`` uses, its demand plus
    # ``2**(lane-1) - 1 - capacity``: a guard bit turns on exactly where the demand no longer
    # fits. ``use[i]`` is the demand alone, ``guard`` all guard bits up to the horizon.
    stride: int
    use: list[int]
    check: list[int]
    guard: int
    used0: int  # the pinned tasks' use, clipped at the capacity


def compile_problem(problem: Problem) -> Compiled:
    cached = problem._cache.get("compiled")
    if cached is not None:
        return cached
    tasks = [problem.tasks[k] for k in problem._cache["order"]]
    n = len(tasks)
    ids = [t.id for t in tasks]
    index = {tid: k for k, tid in enumerate(ids)}
    resources = list(problem.capacity)
    rindex = {r: k for k, r in enumerate(resources)}
    cap = [problem.capacity[r] for r in resources]
    dur = [t.duration for t in tasks]
    rel = [t.release for t in tasks]
    every = [t.every for t in tasks]
    pin = [-1 if t.pin is None else t.pin for t in tasks]
    preds = [[(index[p], lag) for p, lag in t.predecessors] for t in tasks]
    pw = [() if pin[i] >= 0 else tuple((p, dur[p] + lag) for p, lag in preds[i]) for i in range(n)]
    succ: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i in range(n):
        if pin[i] < 0:
            for p, lag in preds[i]:
                succ[p].append((i, dur[p] + lag))
    sw = [tuple(s) for s in succ]
    dem = [
        tuple((rindex[r], q) for r, q in t.demand.items() if q > 0) if t.duration else ()
        for t in tasks
    ]
    free = [i for i in range(n) if pin[i] < 0]
    pinned = [i for i in range(n) if pin[i] >= 0]
    pin_end = max((pin[i] + dur[i] for i in pinned), default=0)
    slack = 0
    for i in free:
        lag = max((lag for _p, lag in preds[i]), default=0)
        slack += dur[i] + every[i] - 1 + lag
    horizon = max(max(rel, default=0), pin_end) + slack + 1
    base = [[c] * horizon for c in cap]
    for i in pinned:
        for r, q in dem[i]:
            row = base[r]
            for w in range(pin[i], pin[i] + dur[i]):
                row[w] -= q
    start0 = [max(p, 0) for p in pin]
    lane = max(cap, default=0).bit_length() + 1
    stride = lane * len(cap)
    use = [0] * n
    check = [0] * n
    for i in range(n):
        if dem[i]:
            one = sum(q << (r * lane) for r, q in dem[i])
            fit = sum((q + (1 << (lane - 1)) - 1 - cap[r]) << (r * lane) for r, q in dem[i])
            use[i] = _repeat(one, stride, dur[i])
            check[i] = _repeat(fit, stride, dur[i])
    guard = _repeat(sum(1 << (r * lane + lane - 1) for r in range(len(cap))), stride, horizon)
    used0 = 0
    for r, row in enumerate(base):
        for w, left in enumerate(row):
            if left < cap[r]:
                used0 |= (cap[r] - max(left, 0)) << (w * stride + r * lane)
    compiled = Compiled(
        ids, dur, rel, every, pin, preds, pw, sw, dem, resources, cap, free, pinned, pin_end,
        horizon, base, start0, stride, use, check, guard, used0,
    )  # fmt: skip
    problem._cache["compiled"] = compiled
    return compiled


def _repeat(pattern: int, stride: int, times: int) -> int:
    """``pattern`` repeated ``times`` times, ``stride`` bits apart."""
    out = 0
    for k in range(times):
        out |= pattern << (k * stride)
    return out
