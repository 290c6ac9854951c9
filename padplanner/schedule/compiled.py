"""A problem flattened to lists of ints, the form the engines work on.

Tasks are renumbered in a precedence order (``0..n-1``), so a predecessor always has a smaller
number than its successors. Pinned tasks keep their fixed start; their use of the resources is
the starting profile of every schedule (clipped at the capacity where they overload it).
"""

from __future__ import annotations

import attrs

from padplanner.schedule.model import Problem

PACKED = 4  # up to this many resources share one profile int; more get one int each


@attrs.define(slots=True, eq=False)
class Compiled:
    ids: list[str]
    dur: list[int]
    rel: list[int]
    every: list[int]
    pin: list[int]  # -1 when free
    preds: list[list[tuple[int, int]]]  # (p, lag) for every predecessor
    # Offsets between starts: w = dur[p] + lag >= 0 (a lag is never below -dur[p]), so a
    # successor never starts before its predecessor and no start falls below 0.
    pw: list[tuple[tuple[int, int], ...]]  # free tasks: (p, dur[p] + lag); pinned: ()
    sw: list[tuple[tuple[int, int], ...]]  # (free successor s, dur[i] + lag)
    dem: list[tuple[tuple[int, int], ...]]  # (resource, amount > 0), empty if duration 0
    resources: list[str]
    cap: list[int]
    free: list[int]  # free (unpinned) tasks in precedence order
    pinned: list[int]
    pin_end: int  # latest end of a pinned task (0 if none)
    horizon: int  # no serial schedule ends later than this
    start0: list[int]  # pinned starts, 0 for free tasks
    inpos: list[int]  # compiled index of each task in the problem's own order
    # True when a free task may start before a predecessor ends (a negative lag): then tasks
    # sorted by end are no longer in a reverse precedence order.
    overlap: bool = False
    # Derived lists the heuristic asks for more than once (read-only once made).
    memo: dict = attrs.Factory(dict)
    # The resource profile as big ints, one per group of resources. In a group's int, week
    # ``w`` and the group's ``k``-th resource own the lane of ``lane`` bits at ``w * stride +
    # k * lane``; its top bit is a guard. A lane holds the use so far (at most the capacity).
    # A task's ``check`` adds, in the lanes it uses, its demand plus ``2**(lane-1) - 1 -
    # capacity``: a guard bit turns on exactly where the demand no longer fits. Its ``use`` is
    # the demand alone; ``guard`` has all guard bits up to the horizon.
    # With one group (few resources) the engines use ``stride``, ``use``, ``check``, ``guard``
    # and ``used0`` directly; with several, ``parts[i]`` lists ``(group, check, use, stride)``
    # for the groups task ``i`` uses, and ``guards``/``used0s`` are per group.
    # The profiles are built by :func:`profile` at the first pass.
    profiled: bool = False
    stride: int = 0
    use: list[int] = attrs.Factory(list)
    check: list[int] = attrs.Factory(list)
    guard: int = 0
    used0: int = 0  # the pinned tasks' use, clipped at the capacity
    parts: list[tuple[tuple[int, int, int, int], ...]] = attrs.Factory(list)
    guards: list[int] = attrs.Factory(list)
    used0s: list[int] = attrs.Factory(list)


def compile_problem(problem: Problem) -> Compiled:
    """``problem`` as lists (made once and kept in the problem's cache)."""
    cached = problem._cache.get("compiled")
    if cached is not None:
        return cached
    tasks = [problem.tasks[k] for k in problem._cache["order"]]
    index = {t.id: k for k, t in enumerate(tasks)}
    resources = list(problem.capacity)
    rindex = {r: k for k, r in enumerate(resources)}
    dem = [
        tuple([(rindex[r], q) for r, q in t.demand.items() if q > 0]) if t.duration else ()
        for t in tasks
    ]
    inpos = [0] * len(tasks)
    for idx, k in enumerate(problem._cache["order"]):
        inpos[k] = idx
    compiled = _assemble(
        [t.id for t in tasks],
        [t.duration for t in tasks],
        [t.release for t in tasks],
        [t.every for t in tasks],
        [-1 if t.pin is None else t.pin for t in tasks],
        [[(index[p], lag) for p, lag in t._preds] for t in tasks],
        dem,
        resources,
        [problem.capacity[r] for r in resources],
        inpos,
    )
    problem._cache["compiled"] = compiled
    return compiled


def compile_part(c: Compiled, group: list[int]) -> Compiled:
    """The free tasks ``group`` of ``c`` (in precedence order, closed under precedences) as a
    problem of their own, keeping only the resources they can overload by themselves.

    ``c`` has no pins: a problem with pins is never split.
    """
    if c.pinned:
        raise ValueError("compile_part: a problem with pinned tasks does not split")
    need = [0] * len(c.cap)
    for i in group:
        for r, q in c.dem[i]:
            need[r] += q
    keep = [r for r in range(len(c.cap)) if need[r] > c.cap[r]]
    rmap = {r: k for k, r in enumerate(keep)}
    pos = {i: k for k, i in enumerate(group)}
    return _assemble(
        [c.ids[i] for i in group],
        [c.dur[i] for i in group],
        [c.rel[i] for i in group],
        [c.every[i] for i in group],
        [-1] * len(group),
        [[(pos[p], lag) for p, lag in c.preds[i]] for i in group],
        [tuple([(rmap[r], q) for r, q in c.dem[i] if r in rmap]) for i in group],
        [c.resources[r] for r in keep],
        [c.cap[r] for r in keep],
        list(range(len(group))),
    )


def _assemble(
    ids: list[str],
    dur: list[int],
    rel: list[int],
    every: list[int],
    pin: list[int],
    preds: list[list[tuple[int, int]]],
    dem: list[tuple[tuple[int, int], ...]],
    resources: list[str],
    cap: list[int],
    inpos: list[int],
) -> Compiled:
    """The derived lists and the resource profiles, from tasks numbered in precedence order."""
    n = len(ids)
    pw: list[tuple[tuple[int, int], ...]] = []
    succ: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    slack = 0  # weeks any serial schedule may need beyond the latest release or pin
    overlap = False
    for i in range(n):
        pairs = preds[i]
        if pin[i] < 0:
            pw.append(tuple([(p, dur[p] + lag) for p, lag in pairs]))
            for p, lag in pairs:
                succ[p].append((i, dur[p] + lag))
                slack += max(lag, 0)  # a negative lag only lets a task start earlier
                overlap = overlap or lag < 0
            slack += dur[i] + every[i] - 1
        else:
            pw.append(())
    sw = [tuple(x) for x in succ]
    free = [i for i in range(n) if pin[i] < 0]
    pinned = [i for i in range(n) if pin[i] >= 0]
    pin_end = max([pin[i] + dur[i] for i in pinned], default=0)
    horizon = max(max(rel, default=0), pin_end) + slack + 1
    start0 = [p if p > 0 else 0 for p in pin]
    return Compiled(
        ids, dur, rel, every, pin, preds, pw, sw, dem, resources, cap, free, pinned, pin_end,
        horizon, start0, inpos, overlap,
    )  # fmt: skip


def profile(c: Compiled) -> None:
    """Build ``c``'s big-int resource profiles, for the passes of :mod:`.sgs`."""
    cap, dem, dur, horizon = c.cap, c.dem, c.dur, c.horizon
    pinned_rows = pinned_use(dem, dur, c.pin, c.pinned, len(cap)) if c.pinned else []
    if len(cap) <= max(PACKED, 1):
        c.stride, c.check, c.use, c.guard, c.used0 = _packed(cap, dem, dur, horizon, pinned_rows)
        c.parts, c.guards, c.used0s = [], [c.guard], [c.used0]
    else:
        groups = [[r] for r in range(len(cap))]
        _strides, c.parts, c.guards, c.used0s = _profiles(
            groups, cap, dem, dur, horizon, pinned_rows
        )
    c.profiled = True


def _packed(
    cap: list[int],
    dem: list[tuple[tuple[int, int], ...]],
    dur: list[int],
    horizon: int,
    pinned_rows: list[list[int]],
) -> tuple[int, list[int], list[int], int, int]:
    """``(stride, check, use, guard, used0)`` with all resources in one profile int."""
    lane = max(cap, default=0).bit_length() + 1
    stride = lane * len(cap)
    top = (1 << (lane - 1)) - 1
    n = len(dur)
    use = [0] * n
    check = [0] * n
    spread: dict[int, int] = {}  # weeks → a 1 at the start of each of that many weeks
    for i in range(n):
        if dem[i]:
            u = f = 0
            for r, q in dem[i]:
                u |= q << (r * lane)
                f |= (q + top - cap[r]) << (r * lane)
            d = dur[i]
            ones = spread.get(d)
            if ones is None:
                ones = spread[d] = _ones(stride, d)
            use[i] = u * ones
            check[i] = f * ones
    guard = sum(1 << (r * lane + lane - 1) for r in range(len(cap))) * _ones(stride, horizon)
    used0 = 0
    for r, row in enumerate(pinned_rows):
        for w, amount in enumerate(row):
            if amount:
                used0 |= min(amount, cap[r]) << (w * stride + r * lane)
    return stride, check, use, guard, used0


def _profiles(
    groups: list[list[int]],
    cap: list[int],
    dem: list[tuple[tuple[int, int], ...]],
    dur: list[int],
    horizon: int,
    pinned_rows: list[list[int]],
) -> tuple[list[int], list[tuple[tuple[int, int, int, int], ...]], list[int], list[int]]:
    """One profile int per group: strides, per-task ``(group, check, use, stride)`` parts,
    guards and pinned use."""
    where: dict[int, tuple[int, int]] = {}  # resource → (group, bit offset in a week)
    lanes, strides = [], []
    for g, group in enumerate(groups):
        lane = max([cap[r] for r in group], default=0).bit_length() + 1
        lanes.append(lane)
        strides.append(lane * len(group))
        for k, r in enumerate(group):
            where[r] = (g, k * lane)
    spread: dict[tuple[int, int], int] = {}  # (stride, weeks) → a 1 at the start of each week
    parts = []
    for i in range(len(dur)):
        fits: dict[int, list[int]] = {}
        for r, q in dem[i]:
            g, off = where[r]
            top = (1 << (lanes[g] - 1)) - 1
            pair = fits.setdefault(g, [0, 0])
            pair[0] |= (q + top - cap[r]) << off
            pair[1] |= q << off
        row = []
        for g, (fit, use) in sorted(fits.items()):
            key = (strides[g], dur[i])
            ones = spread.get(key)
            if ones is None:
                ones = spread[key] = _ones(*key)
            row.append((g, fit * ones, use * ones, strides[g]))
        parts.append(tuple(row))
    guards = [
        sum(1 << (where[r][1] + lanes[g] - 1) for r in group) * _ones(strides[g], horizon)
        for g, group in enumerate(groups)
    ]
    used0s = [0] * len(groups)
    for r, row in enumerate(pinned_rows):
        g, off = where[r]
        for w, amount in enumerate(row):
            if amount:
                used0s[g] |= min(amount, cap[r]) << (w * strides[g] + off)
    return strides, parts, guards, used0s


def _ones(stride: int, times: int) -> int:
    """A 1 every ``stride`` bits, ``times`` times: multiply a pattern by it to repeat it."""
    return ((1 << (stride * times)) - 1) // ((1 << stride) - 1) if stride else 0


def pinned_use(
    dem: list[tuple[tuple[int, int], ...]],
    dur: list[int],
    pin: list[int],
    pinned: list[int],
    resources: int,
) -> list[list[int]]:
    """Use of each resource per week by the pinned tasks, up to the last pinned end."""
    end = max((pin[i] + dur[i] for i in pinned), default=0)
    rows = [[0] * end for _ in range(resources)]
    for i in pinned:
        for r, q in dem[i]:
            row = rows[r]
            for w in range(pin[i], pin[i] + dur[i]):
                row[w] += q
    return rows
