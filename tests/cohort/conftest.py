"""Fixtures for the cohort tests: a small synthetic intake planned once, and an independent
checker that recounts every capacity from the placements themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import pytest

from padplanner.catalog import Catalog
from padplanner.cohort.allocation import Placement
from padplanner.cohort.capacity import Capacities
from padplanner.cohort.intake import synthetic_intake
from padplanner.cohort.outline import Outline
from padplanner.cohort.simulate import Cohort, prepare
from padplanner.schedule import Problem, Schedule, Task, validate

CODE = "GM0034"


@pytest.fixture(scope="session")
def intake():
    """120 synthetic people of Almere whose terms start in 2026."""
    return synthetic_intake(120, seed=3, municipality=CODE)


@pytest.fixture(scope="session")
def cohort(intake, planner) -> Cohort:
    return prepare(intake, CODE, planner, workers=1)


def _course_start(first: date, every: int, day: date) -> date:
    """The course start a person joining on ``day`` takes part in."""
    span = 7 * every
    return first + timedelta(days=span * ((day - first).days // span))


def recount(
    outlines: Sequence[Outline],
    placements: Sequence[Placement],
    caps: Capacities,
    catalog: Catalog,
) -> list[str]:
    """Every way the placements break a capacity, the budget or a person's own plan."""
    by_id = {o.id: o for o in outlines}
    problems: list[str] = []
    seats: dict[tuple[str, date], int] = {}
    rolling: dict[tuple[str, date], int] = {}
    coach: dict[date, int] = {}
    money: dict[int, int] = {}
    for p in placements:
        o = by_id[p.id]
        if p.starts is None:
            continue
        for i, (start, step) in enumerate(zip(p.starts, o.steps, strict=True)):
            day = o.plan_start + timedelta(weeks=start)
            if start < step.start:
                problems.append(f"{p.id}: {step.module} starts before its planned week")
            module = catalog.modules[step.module]
            if i not in o.running:
                money[day.year] = money.get(day.year, 0) + round(step.cost_eur * 100)
            if step.module not in caps.seats:
                continue
            if module.starts.rolling:
                monday = day - timedelta(days=day.weekday())
                for k in range(step.weeks):
                    key = (step.module, monday + timedelta(weeks=k))
                    rolling[key] = rolling.get(key, 0) + 1
            else:
                if (start - step.start) % module.starts.every_weeks:
                    problems.append(f"{p.id}: {step.module} starts off its course calendar")
                first = module.starts.first
                key = (step.module, _course_start(first, module.starts.every_weeks, day))
                seats[key] = seats.get(key, 0) + 1
        if p.mediation is not None:
            begin, end = p.mediation
            first_day = o.plan_start + timedelta(weeks=begin)
            money[first_day.year] = money.get(first_day.year, 0) + p.mediation_eur * 100
            monday = first_day - timedelta(days=first_day.weekday())
            for k in range(end - begin):
                week = monday + timedelta(weeks=k)
                coach[week] = coach.get(week, 0) + 1
        # the person's own plan: hours, orderings and calendars, checked by the scheduler
        tasks = []
        for i, step in enumerate(o.steps):
            module = catalog.modules[step.module]
            every = 1 if module.starts.rolling else module.starts.every_weeks
            tasks.append(
                Task(
                    f"s{i}",
                    duration=step.weeks,
                    demand={"hours": step.hours_per_week},
                    after=tuple((f"s{b}", lag) for b, lag in o.after[i]),
                    release=step.start,
                    every=every,
                )
            )
        problem = Problem(tasks=tasks, capacity={"hours": o.capacity})
        start = {f"s{i}": s for i, s in enumerate(p.starts)}
        ends = [s + st.weeks for s, st in zip(p.starts, o.steps, strict=True)]
        schedule = Schedule(
            start=start,
            makespan=max(ends, default=0),
            engine="cohort",
            optimal=False,
            lower_bound=0,
            durations={f"s{i}": st.weeks for i, st in enumerate(o.steps)},
        )
        problems += [f"{p.id}: {text}" for text in validate(problem, schedule)]
    for (module, day), taken in seats.items():
        if taken > caps.seats[module]:
            problems.append(f"{module} starting {day}: {taken} > {caps.seats[module]} seats")
    for (module, week), taken in rolling.items():
        if taken > caps.seats[module]:
            problems.append(f"{module} in week {week}: {taken} > {caps.seats[module]} seats")
    for week, people in coach.items():
        if people > caps.coach_places:
            problems.append(f"coaches in week {week}: {people} > {caps.coach_places}")
    for year, cents in money.items():
        if cents > caps.budget_eur * 100:
            problems.append(f"budget {year}: €{cents / 100:,.2f} > €{caps.budget_eur:,}")
    return problems


@pytest.fixture
def check_capacities() -> Callable[..., list[str]]:
    return recount
