"""Lower bounds on the makespan: no schedule can end earlier.

* the critical path with release weeks, start calendars, lags and pinned starts;
* per resource an energy bound: the work of every task that cannot start before week ``h``
  must fit between ``h`` and the end, less the shortest tail after those tasks;
* one-machine bounds over cliques of tasks no two of which can run in the same week, because
  one must end before the other starts or their demands together exceed a capacity (greedy
  cliques, one grown from every task).

Also the latest start of every task to end by a deadline, with calendars
(:func:`latest_starts`): the heuristic's first priority rule and the propagation's windows.

Lags may be negative (start-to-start precedences): every offset between starts is still
``>= 0``, tails never go below 0, and tasks linked only start-to-start may overlap.
"""

from __future__ import annotations

from bisect import bisect_right

from padplanner.schedule.compiled import Compiled


def heads(c: Compiled) -> list[int]:
    """Earliest start of every task ignoring resources (pinned tasks: their pin)."""
    dur, rel, every = c.dur, c.rel, c.every
    es = [0] * len(dur)
    for i in range(len(dur)):
        if c.pin[i] >= 0:
            es[i] = c.pin[i]
            continue
        t = rel[i]
        for p, w in c.pw[i]:
            v = es[p] + w
            if v > t:
                t = v
        e = every[i]
        if e > 1 and (t - rel[i]) % e:
            t += e - (t - rel[i]) % e
        es[i] = t
    return es


def tails(c: Compiled) -> list[int]:
    """Weeks that must pass after a free task ends before its last free successor can end."""
    dur = c.dur
    q = [0] * len(dur)
    for i in range(len(dur) - 1, -1, -1):
        best = 0
        for s, w in c.sw[i]:
            v = w - dur[i] + dur[s] + q[s]
            if v > best:
                best = v
        q[i] = best
    return q


def latest_starts(c: Compiled, deadline: int) -> list[int]:
    """Latest start of every free task to end by ``deadline``, with calendars (no resources)."""
    dur, rel, every, sw = c.dur, c.rel, c.every, c.sw
    ls = [0] * len(dur)
    for i in range(len(dur) - 1, -1, -1):
        t = deadline - dur[i]
        for s, w in sw[i]:
            v = ls[s] - w
            if v < t:
                t = v
        e = every[i]
        if e != 1:
            t -= (t - rel[i]) % e
        ls[i] = t
    return ls


def _threshold(items: list[tuple[int, int, int]], div: int) -> int:
    """max over ``h`` of ``h + ceil(sum of weights of items with head >= h / div) + min tail``.

    ``items`` are ``(head, tail, weight)``; the same is done with the roles of head and tail
    swapped.
    """
    best = 0
    for a, b in ((0, 1), (1, 0)):
        total = 0
        low = None
        for item in sorted(items, key=lambda x: x[a], reverse=True):
            total += item[2]
            if low is None or item[b] < low:
                low = item[b]
            v = item[a] + -(-total // div) + low
            if v > best:
                best = v
    return best


def incompatible(c: Compiled) -> list[int]:
    """Per task a bit set of the free tasks it can never overlap (precedence or resources)."""
    n = len(c.dur)
    dur = c.dur
    work = [i for i in c.free if dur[i] > 0]
    inc = [0] * n
    # desc[i]: every task that cannot start before i starts (offsets are >= 0). reach[i]: the
    # tasks that cannot start before i ends; a start-to-start edge (offset below dur[i]) lets
    # its successor overlap i, so only its successors that start after i ends count.
    desc = [0] * n
    reach = [0] * n
    for i in range(n - 1, -1, -1):
        below = after = 0
        for s, w in c.sw[i]:
            below |= desc[s] | (1 << s)
            if w >= dur[i]:
                after |= desc[s] | (1 << s)
            elif w + dur[s] >= dur[i]:
                after |= reach[s]
        desc[i] = below
        reach[i] = after
    mask = 0
    for i in work:
        mask |= 1 << i
    for i in work:
        later = reach[i] & mask
        inc[i] |= later
        while later:
            low = later & -later
            inc[low.bit_length() - 1] |= 1 << i
            later ^= low
    for r, cap in enumerate(c.cap):
        users = sorted((q, i) for i in work for rr, q in c.dem[i] if rr == r)
        amounts = [q for q, _i in users]
        suffix = [0] * (len(users) + 1)
        for k in range(len(users) - 1, -1, -1):
            suffix[k] = suffix[k + 1] | (1 << users[k][1])
        for q, i in users:
            inc[i] |= suffix[bisect_right(amounts, cap - q)] & ~(1 << i)
    return inc


def clique_bound(c: Compiled, es: list[int], q: list[int]) -> int:
    """One-machine bounds over greedy cliques of pairwise incompatible tasks."""
    inc = incompatible(c)
    dur = c.dur
    best = 0
    seen = set()
    for seed in c.free:
        if not inc[seed]:
            continue
        clique = 1 << seed
        cand = inc[seed]
        while cand:
            pick, top = -1, -1
            m = cand
            while m:
                low = m & -m
                j = low.bit_length() - 1
                if dur[j] > top:
                    pick, top = j, dur[j]
                m ^= low
            clique |= 1 << pick
            cand &= inc[pick]
        if clique in seen:
            continue
        seen.add(clique)
        items = []
        m = clique
        while m:
            low = m & -m
            j = low.bit_length() - 1
            items.append((es[j], q[j], dur[j]))
            m ^= low
        best = max(best, _threshold(items, 1))
    return best


def critical_path(c: Compiled, es: list[int]) -> int:
    """Latest earliest end: the bound from precedences, lags, releases, calendars and pins."""
    dur = c.dur
    return max([es[i] + dur[i] for i in range(len(dur))], default=0)


def resource_bound(c: Compiled, es: list[int], q: list[int]) -> int:
    """The best of the energy bounds per resource and the clique bounds."""
    dur = c.dur
    lb = 0
    for r, cap in enumerate(c.cap):
        energy = [
            (es[i], q[i], amount * dur[i]) for i in c.free for rr, amount in c.dem[i] if rr == r
        ]
        if energy and cap > 0:
            lb = max(lb, _threshold(energy, cap))
    return max(lb, clique_bound(c, es, q))


def lower_bound(c: Compiled) -> int:
    """The best of the critical-path, energy and clique bounds."""
    es = heads(c)
    return max(critical_path(c, es), resource_bound(c, es, tails(c)))
