"""``validate``: every way a schedule breaks its problem, as sentences (empty = valid)."""

from __future__ import annotations

from padplanner.schedule.model import Problem, Schedule, pinned_overloads


def validate(problem: Problem, schedule: Schedule) -> list[str]:
    """Human-readable violations of ``problem`` by ``schedule``; an empty list means valid.

    Checked: every task has a start week; pinned tasks start at their pin; other tasks respect
    their release week, start calendar and predecessors (with lags); no week uses more of a
    resource than its capacity, except where pinned tasks alone already exceed it (those weeks
    may not take more than the pinned tasks use, and must be reported as ``overloads``); the
    makespan is the latest end.
    """
    problems: list[str] = []
    start = schedule.start
    tasks = {t.id: t for t in problem.tasks}
    for tid in start:
        if tid not in tasks:
            problems.append(f"{tid!r} is scheduled but is not a task of the problem")
    for task in problem.tasks:
        s = start.get(task.id)
        if not isinstance(s, int) or isinstance(s, bool):
            problems.append(f"{task.id!r} has no start week")
    if problems:
        return problems
    for task in problem.tasks:
        s = start[task.id]
        if task.pin is not None:
            if s != task.pin:
                problems.append(f"{task.id!r} is pinned at week {task.pin} but starts in week {s}")
            continue
        if s < task.release:
            problems.append(
                f"{task.id!r} starts in week {s}, before its release week {task.release}"
            )
        elif (s - task.release) % task.every:
            problems.append(
                f"{task.id!r} starts in week {s}, not on its calendar "
                f"(week {task.release} + a multiple of {task.every})"
            )
        for pred, lag in task.predecessors:
            earliest = start[pred] + tasks[pred].duration + lag
            if s < earliest:
                if lag >= 0:
                    gap = f" + {lag} weeks lag" if lag else ""
                    wait = f"must wait for {pred!r}{gap}"
                else:
                    wait = f"may start at most {-lag} weeks before {pred!r} ends"
                problems.append(f"{task.id!r} starts in week {s} but {wait} (week {earliest})")
    use: dict[str, dict[int, int]] = {r: {} for r in problem.capacity}
    pinned: dict[str, dict[int, int]] = {r: {} for r in problem.capacity}
    for task in problem.tasks:
        s = start[task.id]
        for res, amount in task.demand.items():
            if not amount:
                continue
            for week in range(s, s + task.duration):
                use[res][week] = use[res].get(week, 0) + amount
                if task.pin is not None:
                    pinned[res][week] = pinned[res].get(week, 0) + amount
    for res, cap in problem.capacity.items():
        for week in sorted(use[res]):
            limit = max(cap, pinned[res].get(week, 0))
            if use[res][week] > limit:
                problems.append(f"week {week}: {res} use {use[res][week]} exceeds {limit}")
    ends = [start[t.id] + t.duration for t in problem.tasks]
    makespan = max(ends, default=0)
    if schedule.makespan != makespan:
        problems.append(
            f"makespan is {schedule.makespan} but the last task ends in week {makespan}"
        )
    expected = pinned_overloads(problem)
    if tuple(schedule.overloads) != expected:
        problems.append(f"overloads reported as {schedule.overloads!r}, expected {expected!r}")
    if schedule.lower_bound > makespan:
        problems.append(f"lower bound {schedule.lower_bound} exceeds the makespan {makespan}")
    return problems
