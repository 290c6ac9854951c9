"""The heuristic search's own bookkeeping: a list it has scheduled before is not scheduled
again, but still counts against the budget, so the search is the same, only faster."""

from __future__ import annotations

from padplanner.schedule import Problem, Task, heuristic, sgs
from padplanner.schedule.bounds import heads
from padplanner.schedule.compiled import compile_problem


def test_a_list_scheduled_before_is_counted_but_not_scheduled_again(monkeypatch):
    tasks = [
        Task("a", 4, {"hours": 8}, every=3),
        Task("b", 3, {"hours": 8}, after=("a",)),
        Task("c", 5, {"hours": 6}, release=2),
        Task("d", 2, {"hours": 10}),
    ]
    c = compile_problem(Problem(tasks, {"hours": 12}))
    made = []

    def forward(c, order):
        made.append(list(order))
        return sgs.forward(c, order)

    monkeypatch.setattr(heuristic, "forward", forward)
    search = heuristic._Search(c, 0, heads(c), budget=100)
    order = list(c.free)
    first = search.forward(order)
    assert search.forward(order) is first
    assert search.passes == 2 and made == [order]
    search.run(order)  # forward (known), then back and forth while that helps
    passes, schedules, best = search.passes, len(made), search.best
    assert passes > 3
    search.run(order)
    assert search.passes == passes + (passes - 2)  # the same passes, counted again
    assert len(made) == schedules  # but none made again
    assert search.best == best
