"""Properties of every plan, over random valid people (hypothesis).

Capacity, precedence, course calendars, the start bounds, reasons for everything, rule ids on
the route and every finding, and byte-identical JSON for the same input.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from padplanner import Adjustments, Planner
from padplanner.catalog import load_catalog
from padplanner.dates import add_months
from padplanner.engine import chance
from padplanner.engine import odds as engine_odds
from padplanner.engine.levels import Levels
from padplanner.model.client import (
    DAYS,
    DIPLOMAS,
    DUTCH_CONTACT,
    EDUCATION,
    LEARNABILITY,
    RouteChoice,
    weekly_capacity,
)
from padplanner.testing import build_client, sentence_problems

CATALOG = load_catalog()
MODULES = sorted(CATALOG.modules)
SECTORS = sorted(CATALOG.sectors)
LEVELS = ("A0", "A1", "A2", "B1")
FLAGS = ("pvt", "knm", "map", "values", "coaching")
MUNICIPALITIES = ("GM0000", "GM0034", "GM9001")  # the law alone, and with each shipped plugin


@st.composite
def people(draw) -> tuple:
    term_start = draw(st.dates(date(2022, 1, 3), date(2027, 12, 31)))
    start_after = draw(st.none() | st.integers(0, 80).map(lambda d: term_start + timedelta(d * 5)))
    at = draw(st.none() | st.integers(0, 70).map(lambda w: term_start + timedelta(weeks=w)))
    literacy = draw(st.sampled_from(("none", "other-script", "latin")))
    levels = {
        skill: "A0" if literacy == "none" else draw(st.sampled_from(LEVELS))
        for skill in ("reading", "listening", "writing", "speaking")
    }
    fields = {
        "municipality": draw(st.sampled_from(MUNICIPALITIES)),
        "age": draw(st.integers(18, 64)),
        "term_start": term_start,
        "weekly_hours": draw(st.integers(4, 40)),
        "learnability": draw(st.sampled_from(LEARNABILITY)),
        "education": draw(st.sampled_from(EDUCATION)),
        "literacy": literacy,
        "dutch_contact": draw(st.sampled_from(DUTCH_CONTACT)),
        "aim": draw(st.sampled_from(("work", "study", "participation"))),
        "levels": levels,
        "work": {
            "foreign_diploma": draw(st.sampled_from(DIPLOMAS)),
            "diploma_evaluated": draw(st.booleans()),
            **({"goal": draw(st.sampled_from(SECTORS))} if draw(st.booleans()) else {}),
        },
        "availability": {
            "days": draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)),
            **({"start_after": start_after} if start_after else {}),
        },
        "progress": {
            "completed": draw(st.lists(st.sampled_from(FLAGS), max_size=3, unique=True)),
            "hours_done": draw(
                st.dictionaries(st.sampled_from(MODULES), st.integers(1, 400), max_size=3)
            ),
            "extensions_weeks": draw(st.sampled_from((0, 0, 8, 16, 32))),
        },
    }
    if draw(st.integers(0, 4)) == 0:
        fields["route"] = {
            "choice": draw(st.sampled_from(("b1", "onderwijs", "z"))),
            "previous": draw(st.sampled_from(("b1", "onderwijs", "z"))),
            "reason": "counsellor's decision",
        }
    return build_client(fields), at


@pytest.fixture(scope="module")
def second_planner() -> Planner:
    return Planner.default()


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(people())
def test_every_plan_keeps_its_promises(planner, second_planner, person):
    client, at = person
    plan = planner.plan(client, at=at)
    by_id = {a.id: a for a in plan.activities}
    catalog = planner.catalog(client.municipality)
    capacity = weekly_capacity(client)
    first_week = max(
        at or client.term_start,
        client.term_start,
        client.availability.start_after or client.term_start,
    )

    # weekly capacity
    load: Counter = Counter()
    for a in plan.activities:
        for week in range(a.start_week, a.start_week + a.weeks):
            load[week] += a.hours_per_week
    assert max(load.values(), default=0) <= capacity
    assert "wi2021.load.overload" not in {f.rule for f in plan.findings}

    for a in plan.activities:
        module = catalog.modules[a.module]
        # precedence: what it depends on has ended
        for d in a.depends_on:
            assert by_id[d].end_week <= a.start_week, (d, a.id)
        # the module's start calendar, release week and minimum length
        if module.starts.first is not None:
            assert (a.start - module.starts.first).days % (7 * module.starts.every_weeks) < 7
        assert a.start_week >= module.earliest_week
        assert a.weeks >= max(1, module.min_weeks)
        # not before the term start, the reference date or start_after
        assert a.start >= first_week and a.start == first_week + timedelta(weeks=a.start_week)
        # explained
        assert a.reasons and all(r.rule and r.text for r in a.reasons)
        assert a.hours_range[0] <= a.hours <= a.hours_range[1] + 1e-6

    assert plan.route.reasons and all(r.rule for r in plan.route.reasons)
    assert all(f.rule and f.message for f in plan.findings)
    # every reason and finding whose rule has sentences can be said in Dutch and English
    assert sentence_problems(plan, catalog) == []
    assert plan.completion_date >= max((a.end for a in plan.activities), default=first_week)
    # the term: three calendar years from its start, plus the extensions granted
    three_years = add_months(client.term_start, 36)
    assert plan.deadline == three_years + timedelta(weeks=client.progress.extensions_weeks)

    # the same input gives byte-identical JSON, in this planner and in a fresh one
    text = plan.to_json()
    assert planner.plan(client, at=at).to_json() == text
    assert second_planner.plan(client, at=at).to_json() == text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.data())
def test_pins_are_kept_and_overload_is_reported_exactly_when_it_happens(planner, person, data):
    client, at = person
    plan = planner.plan(client, at=at)
    if not plan.activities:
        return
    ids = sorted(a.module for a in plan.activities)
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
    pins = {m: data.draw(st.integers(0, 60)) for m in chosen}
    pinned = planner.plan(client, at=at, adjust=Adjustments(pins=pins))
    capacity = weekly_capacity(client)
    load: Counter = Counter()
    for a in pinned.activities:
        if a.module in pins:
            assert a.start_week == pins[a.module] and a.pinned
        for week in range(a.start_week, a.start_week + a.weeks):
            load[week] += a.hours_per_week
    overloaded = max(load.values(), default=0) > capacity
    assert overloaded == ("wi2021.load.overload" in {f.rule for f in pinned.findings})


def shape(plan) -> list[tuple[str, int, int, int]]:
    return [(a.module, a.start_week, a.weeks, a.hours_per_week) for a in plan.activities]


def fewer_and_more(planner, person, hours, more):
    """The plans of a person with ``hours`` and ``hours + more`` hours a week, with their
    chances from the planner's own number of draws (the draws its choice is made on). The
    comparison keeps the route of the plan with fewer hours, as a counsellor comparing the
    two would: the law may advise a more demanding route for more hours (the Z-route becomes
    the B1-route), a plan with other goals."""
    client, at = person
    client = attrs.evolve(client, weekly_hours=hours)
    route = planner.plan(client, at=at).route.id
    client = attrs.evolve(client, route=RouteChoice(route, "kept for the comparison", None))
    fewer = planner.plan(client, at=at, draws=chance.DRAWS)
    ample = planner.plan(attrs.evolve(client, weekly_hours=hours + more), at=at, draws=chance.DRAWS)
    return fewer, ample


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people(), st.integers(4, 16), st.integers(1, 8))
def test_more_weekly_hours_never_make_a_fresh_plan_less_likely_to_end_on_time_nor_later(
    planner, person, hours, more
):
    """The same person with more hours a week gets a new plan (its own path and schedule)
    that is no less likely to end on time, and ends no later: the plans of fewer hours a
    week fit more hours, so they are candidates, and the plan is the likeliest of them to
    end on time, on a tie the one of the most hours, which ends first
    (padplanner/engine/levels.py). Exactly, not within the noise of the draws: the plan is
    chosen on the draws it reports. A plan with fewer hours that cannot reach a goal has no
    end to compare (its chance is 0)."""
    fewer, ample = fewer_and_more(planner, person, hours, more)
    assert ample.on_time.probability >= fewer.on_time.probability, (hours, hours + more)
    if not any(f.rule == "padplanner.path.unreachable" for f in fewer.findings):
        assert ample.completion_date <= fewer.completion_date, (hours, hours + more)
    if shape(ample) == shape(fewer):  # the same schedule: the same draws, the same figures
        assert ample.on_time == fewer.on_time, (hours, hours + more)


@settings(
    max_examples=40,
    deadline=None,
    # the same patch in every example: monkeypatch's scope does not matter here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(people(), st.integers(2, 24))
def test_the_search_for_the_likeliest_plan_misses_none(planner, monkeypatch, person, hours):
    """The planner rules most plans of fewer hours out without making them; against making
    every one: the plan it keeps is as likely to end on time as the likeliest, and the same
    as the first of those (the most hours). The bounds it rules them out by are bounds: a
    plan that ends on time with every module at the top of its range ends on time in every
    draw, and no plan of a number of hours or fewer ends on time in more draws than the
    reach at that number."""
    checked = []
    search = Levels.likeliest

    def against_every_plan(self, first):
        best, _ = search(self, first)
        every = [first]
        for level in range(self.run.capacity - 1, 0, -1):
            plan = self.earliest_at(level)
            if plan is None or first.path.unreachable:
                break
            every.append(plan)
        odds = [self.odds(plan) for plan in every]
        assert self.odds(best) == max(odds)
        assert timing(best) == timing(every[odds.index(max(odds))])
        c = first.chosen
        steps = engine_odds.steps(c.timed, c.result.start, first.book, self.done)
        if chance.certain(steps, c.capacity, self.deadline_week):
            assert odds[0] == 1.0
        for n, level in enumerate(range(self.run.capacity - 1, 0, -1), start=1):
            # the bound at a number of hours holds for that number and every fewer
            assert max(odds[n:], default=0.0) <= self.reach(level), level
        checked.append(len(every))
        return best, _

    monkeypatch.setattr(Levels, "likeliest", against_every_plan)
    client, at = person
    planner.plan(attrs.evolve(client, weekly_hours=hours), at=at)
    assert checked


def timing(candidate) -> list[tuple[str, int, int]]:
    c = candidate.chosen
    return sorted((m, t.hours_per_week, c.result.start[m]) for m, t in c.timed.items())
