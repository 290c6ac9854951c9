"""Serial schedule generation (SSGS) on the compiled problem: one pass forward or backward.

A forward pass starts each free task of a precedence-feasible list at the earliest calendar
week after its predecessors where its demand fits; a backward pass ends each task of a reverse
list as late as possible before a deadline. The resource profile is a big int with a lane per
week and resource (see :mod:`.compiled`): one addition and one ``&`` test a start week for all
the resources of a profile, and a conflict jumps straight past the week that does not fit.
"""

from __future__ import annotations

from padplanner.schedule.compiled import Compiled, profile


def forward(c: Compiled, order: list[int]) -> tuple[list[int], int]:
    """SSGS: start the free tasks in ``order`` as early as possible; ``(starts, makespan)``."""
    if not c.profiled:
        profile(c)
    if len(c.guards) > 1:
        return _forward_groups(c, order)
    start = c.start0[:]
    used = c.used0
    dur, rel, every, pw, check, use = c.dur, c.rel, c.every, c.pw, c.check, c.use
    stride, guard = c.stride, c.guard
    ms = c.pin_end
    for i in order:
        t = rel[i]
        for p, w in pw[i]:
            v = start[p] + w
            if v > t:
                t = v
        e = every[i]
        if e != 1:
            m = (t - rel[i]) % e
            if m:
                t += e - m
        fit = check[i]
        if fit:
            while True:
                bad = (used + (fit << (t * stride))) & guard
                if not bad:
                    break
                # the last week that does not fit: any start up to it overlaps it
                t = (bad.bit_length() - 1) // stride + 1
                if e != 1:
                    m = (t - rel[i]) % e
                    if m:
                        t += e - m
            used += use[i] << (t * stride)
        start[i] = t
        end = t + dur[i]
        if end > ms:
            ms = end
    return start, ms


def backward(c: Compiled, order: list[int], deadline: int, es: list[int]) -> list[int] | None:
    """SSGS in reverse: finish the free tasks in ``order`` as late as possible by ``deadline``.

    Returns the starts, or ``None`` when a task cannot be placed after its earliest start
    ``es`` (only possible with release weeks or pins).
    """
    if not c.profiled:
        profile(c)
    if len(c.guards) > 1:
        return _backward_groups(c, order, deadline, es)
    start = c.start0[:]
    used = c.used0
    dur, rel, every, sw, check, use = c.dur, c.rel, c.every, c.sw, c.check, c.use
    stride, guard = c.stride, c.guard
    for i in order:
        d = dur[i]
        t = deadline - d
        for s, w in sw[i]:
            v = start[s] - w
            if v < t:
                t = v
        e = every[i]
        if e != 1:
            t -= (t - rel[i]) % e
        lo = es[i]
        if t < lo:
            return None
        fit = check[i]
        if fit:
            while True:
                bad = (used + (fit << (t * stride))) & guard
                if not bad:
                    break
                # the first week that does not fit: the task must end by then
                t = ((bad & -bad).bit_length() - 1) // stride - d
                if e != 1:
                    t -= (t - rel[i]) % e
                if t < lo:
                    return None
            used += use[i] << (t * stride)
        start[i] = t
    return start


def _forward_groups(c: Compiled, order: list[int]) -> tuple[list[int], int]:
    """:func:`forward` with one profile int per group of resources."""
    start = c.start0[:]
    used = c.used0s[:]
    guards = c.guards
    dur, rel, every, pw, parts = c.dur, c.rel, c.every, c.pw, c.parts
    ms = c.pin_end
    for i in order:
        t = rel[i]
        for p, w in pw[i]:
            v = start[p] + w
            if v > t:
                t = v
        e = every[i]
        if e != 1:
            m = (t - rel[i]) % e
            if m:
                t += e - m
        mine = parts[i]
        if mine:
            fits = False
            while not fits:
                fits = True
                for g, fit, _use, stride in mine:
                    bad = (used[g] + (fit << (t * stride))) & guards[g]
                    if bad:
                        t = (bad.bit_length() - 1) // stride + 1
                        if e != 1:
                            m = (t - rel[i]) % e
                            if m:
                                t += e - m
                        fits = False
                        break
            for g, _fit, use, stride in mine:
                used[g] += use << (t * stride)
        start[i] = t
        end = t + dur[i]
        if end > ms:
            ms = end
    return start, ms


def _backward_groups(
    c: Compiled, order: list[int], deadline: int, es: list[int]
) -> list[int] | None:
    """:func:`backward` with one profile int per group of resources."""
    start = c.start0[:]
    used = c.used0s[:]
    guards = c.guards
    dur, rel, every, sw, parts = c.dur, c.rel, c.every, c.sw, c.parts
    for i in order:
        d = dur[i]
        t = deadline - d
        for s, w in sw[i]:
            v = start[s] - w
            if v < t:
                t = v
        e = every[i]
        if e != 1:
            t -= (t - rel[i]) % e
        lo = es[i]
        if t < lo:
            return None
        mine = parts[i]
        if mine:
            fits = False
            while not fits:
                fits = True
                for g, fit, _use, stride in mine:
                    bad = (used[g] + (fit << (t * stride))) & guards[g]
                    if bad:
                        t = ((bad & -bad).bit_length() - 1) // stride - d
                        if e != 1:
                            t -= (t - rel[i]) % e
                        if t < lo:
                            return None
                        fits = False
                        break
            for g, _fit, use, stride in mine:
                used[g] += use << (t * stride)
        start[i] = t
    return start
