"""Lower bounds on the makespan: no schedule can end earlier.

* the critical path with release weeks, start calendars, lags and pinned starts;
* per resource an energy bound: the work of every task that cannot start before week ``h``
  must fit between ``h`` and the end, less the shortest tail after those tasks;
* per resource a one-machine bound over tasks that need more than half the capacity (no two
  of them can run in the same week).
"""

from __future__ import annotations

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


def lower_bound(c: Compiled, es: list[int] | None = None, q: list[int] | None = None) -> int:
    """The best of the critical-path, energy and one-machine bounds."""
    es = heads(c) if es is None else es
    q = tails(c) if q is None else q
    dur = c.dur
    lb = max((es[i] + dur[i] for i in range(len(dur))), default=0)
    for r, cap in enumerate(c.cap):
        energy: list[tuple[int, int, int]] = []
        machine: list[tuple[int, int, int]] = []
        for i in c.free:
            for rr, amount in c.dem[i]:
                if rr == r:
                    energy.append((es[i], q[i], amount * dur[i]))
                    if 2 * amount > cap:
                        machine.append((es[i], q[i], dur[i]))
        if energy and cap > 0:
            lb = max(lb, _threshold(energy, cap))
        if len(machine) > 1:
            lb = max(lb, _threshold(machine, 1))
    return lb
