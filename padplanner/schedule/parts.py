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
    parent = list(range(len(c.dur)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for i in c.free:
        for p, _w in c.pw[i]:
            union(i, p)
    work: dict[int, int] = {}
    for i in c.free:
        for r, q in c.dem[i]:
            work[r] = work.get(r, 0) + q * c.dur[i]
    owner: dict[int, int] = {}  # busiest resource → the first task it owns
    for i in c.free:
        if c.dem[i]:
            r = max(c.dem[i], key=lambda rq: (work[rq[0]] / c.cap[rq[0]], -rq[0]))[0]
            union(owner.setdefault(r, i), i)
    groups: dict[int, list[int]] = {}
    for i in c.free:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
