"""Splitting a problem into loosely coupled parts: in a cohort, one part per person.

People in a cohort share course seats and a coach, but each person's own weekly hours bind
far harder. Every task has a *busiest* resource: of those it uses, the one with the most work
per unit of capacity (a person's hours, unless that person has hours to spare). Two tasks
belong to the same part when a precedence links them or when they have the same busiest
resource; other resources (seats, a coach) may link parts. A part alone
(:func:`.compiled.compile_part`), with every resource at full capacity, is a relaxation of the
whole problem: its optimum is a lower bound for the whole, and its schedule a good start for
the merged one.

One person's plan does not split: the language chains, civic modules and placement share the
person's hours, a busy resource.
"""

from __future__ import annotations

from padplanner.schedule.compiled import Compiled


def split(c: Compiled) -> list[list[int]]:
    """Groups of free tasks (compiled indices, in precedence order) linked by precedences or
    by their busiest resource; a single group when the problem does not split."""
    dur, dem, cap, free = c.dur, c.dem, c.cap, c.free
    work = [0] * len(cap)
    for i in free:
        d = dur[i]
        for r, q in dem[i]:
            work[r] += q * d
    busy = [w / k if k else float("inf") for w, k in zip(work, cap, strict=True)]
    parent = list(range(len(dur)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    owner: dict[int, int] = {}  # busiest resource → the first task it owns
    for i in free:
        links = [p for p, _w in c.pw[i]]
        uses = dem[i]
        if uses:
            top, best = -1.0, -1
            for r, _q in uses:  # ties: the lowest resource number
                if busy[r] > top or (busy[r] == top and r < best):
                    top, best = busy[r], r
            links.append(owner.setdefault(best, i))
        for j in links:
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in free:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
