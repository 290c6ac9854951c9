"""The capacity pass: capacities and budget are never exceeded, priority decides who waits,
and everyone who waits is told how long and why."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest

from padplanner.cohort import policies
from padplanner.cohort.allocation import Ticket, allocate
from padplanner.cohort.capacity import Capacities, Overrides, sized_for
from padplanner.cohort.individual import plan_one
from padplanner.model import Reason

CODE = "GM0034"

TIGHT = Overrides(groups={"default": 1}, coaches=1, caseload=4, budget_eur=700_000, source="test")


def _tickets(outlines, intensive=lambda i: False, follow_up=0):
    reason = Reason("test.order", "test order", ())
    return [
        Ticket(o.id, i + 1, reason, intensive(i), follow_up if intensive(i) else 0)
        for i, o in enumerate(outlines)
    ]


@pytest.mark.parametrize("name", ["fifo", "everyone"])
def test_tight_capacities_are_never_exceeded(cohort, planner, check_capacities, name):
    catalog = planner.catalog(CODE)
    caps = sized_for(cohort.outlines, catalog, TIGHT)
    policy = policies.get_policy(name, CODE, planner.manager)
    ctx = policies.context(planner, CODE, cohort.reference_date)
    tickets = policies.tickets(policy, cohort.views, ctx, planner.manager)
    result = allocate(cohort.outlines, tickets, caps, catalog)
    placements = result.placements
    assert len(placements) == len(cohort.outlines)
    assert sum(p.delay > 0 for p in placements) > len(placements) // 4  # the limits bite
    assert check_capacities(cohort.outlines, placements, caps, catalog) == []


def test_default_capacities_are_never_exceeded(cohort, planner, check_capacities):
    catalog = planner.catalog(CODE)
    caps = cohort.capacities
    tickets = _tickets(cohort.outlines, intensive=lambda i: i % 2 == 0, follow_up=52)
    result = allocate(cohort.outlines, tickets, caps, catalog)
    assert check_capacities(cohort.outlines, result.placements, caps, catalog) == []


def test_the_checker_itself_catches_an_overbooked_course(cohort, planner, check_capacities):
    # everyone at their planned weeks, as if there were no limits: the recount must object
    catalog = planner.catalog(CODE)
    caps = sized_for(cohort.outlines, catalog, TIGHT)
    placed = allocate(cohort.outlines, _tickets(cohort.outlines), caps, catalog).placements
    by_id = {o.id: o for o in cohort.outlines}
    unlimited = [
        attrs.evolve(p, starts=tuple(s.start for s in by_id[p.id].steps), mediation=None)
        for p in placed
    ]
    assert any(
        "seats" in text for text in check_capacities(cohort.outlines, unlimited, caps, catalog)
    )


@pytest.fixture
def twins(planner, make_client):
    """Two people with the same needs, starting on the same day."""
    people = [
        make_client(
            id=f"twin-{k}",
            municipality="GM0000",
            term_start=date(2026, 3, 2),
            levels={"reading": "A1", "listening": "A1", "writing": "A1", "speaking": "A1"},
        )
        for k in (1, 2)
    ]
    return [plan_one(planner, person, None) for person in people]


def _caps(catalog, **changes) -> Capacities:
    seats = {m.id: 100 for m in catalog.modules.values() if m.group_size}
    seats.update(changes.pop("seats", {}))
    figures = {"coaches": 10, "budget_eur": 10_000_000, **changes}
    return Capacities(seats=seats, **figures)


def test_the_first_in_the_queue_gets_the_last_seat(twins, planner):
    catalog = planner.catalog("GM0000")
    course = next(s.module for s in twins[0].steps if s.module.startswith("nt2-a1-a2"))
    every = catalog.modules[course].starts.every_weeks
    caps = _caps(catalog, seats={course: 1})
    first, second = allocate(twins, _tickets(twins), caps, catalog).placements
    assert (first.id, first.delay, first.reason.rule) == (
        "twin-1",
        0,
        "padplanner.cohort.as_planned",
    )
    index = [s.module for s in twins[1].steps].index(course)
    assert second.starts[index] - twins[1].steps[index].start == every
    assert second.delay >= every
    assert second.reason.rule == "padplanner.cohort.wait.seats"
    assert f"Finishes {second.delay} weeks later than planned" in second.reason.text
    assert f"{course} starting" in second.reason.text and "(1 seats)" in second.reason.text
    # the other way round when the queue is reversed
    reverse = list(reversed(_tickets(list(reversed(twins)))))
    placed = {p.id: p for p in allocate(twins, reverse, caps, catalog).placements}
    assert placed["twin-2"].delay == 0 and placed["twin-1"].delay >= every


def test_an_exhausted_budget_moves_a_course_to_next_year(twins, planner, check_capacities):
    catalog = planner.catalog("GM0000")
    cost_2026 = sum(
        s.cost_eur
        for s in twins[0].steps
        if (twins[0].plan_start + timedelta(weeks=s.start)).year == 2026
    )
    caps = _caps(catalog, budget_eur=int(cost_2026) + 1)
    first, second = allocate(twins, _tickets(twins), caps, catalog).placements
    assert first.delay == 0
    assert second.reason.rule == "padplanner.cohort.wait.budget"
    assert "the 2026 budget" in second.reason.text
    starts = [twins[1].plan_start + timedelta(weeks=s) for s in second.starts]
    assert min(starts).year >= 2027  # nothing of the second person fits in 2026 any more
    assert check_capacities(twins, [first, second], caps, catalog) == []


def test_intensive_mediation_waits_for_a_coach_and_work_waits_with_it(planner, make_client):
    people = [
        make_client(
            id=f"worker-{k}",
            municipality="GM0000",
            term_start=date(2026, 3, 2),
            levels={"reading": "A2", "listening": "A2", "writing": "A2", "speaking": "A2"},
            work={"goal": "logistics"},
        )
        for k in (1, 2)
    ]
    outlines = [plan_one(planner, person, None) for person in people]
    assert any(step.kind == "work" for step in outlines[1].steps)
    catalog = planner.catalog("GM0000")
    caps = _caps(catalog, coaches=1, caseload=1)
    first, second = allocate(
        outlines, _tickets(outlines, intensive=lambda i: True, follow_up=26), caps, catalog
    ).placements
    assert first.mediation == (0, outlines[0].completion + 26)
    first_free = first.mediation[1]
    assert second.mediation[0] >= first_free  # one coach, one person at a time
    work = [i for i, s in enumerate(outlines[1].steps) if s.kind == "work"]
    assert all(second.starts[i] >= second.mediation[0] for i in work)
    assert second.reason.rule == "padplanner.cohort.wait.coach"
    assert "no job coach free for intensive mediation until" in second.reason.text


def test_no_seats_at_all_means_not_served_with_the_binding_capacity(twins, planner):
    catalog = planner.catalog("GM0000")
    course = twins[0].steps[0].module
    caps = _caps(catalog, seats={course: 0})
    placements = allocate(twins, _tickets(twins), caps, catalog).placements
    for p in placements:
        assert not p.served and p.starts is None
        assert p.reason.rule == "padplanner.cohort.unserved.seats"
        assert course in p.reason.text


def test_every_wait_has_a_cause_and_every_delay_a_reason(cohort, planner):
    catalog = planner.catalog(CODE)
    caps = sized_for(cohort.outlines, catalog, TIGHT)
    tickets = _tickets(cohort.outlines, intensive=lambda i: i % 3 == 0, follow_up=26)
    for p in allocate(cohort.outlines, tickets, caps, catalog).placements:
        if not p.served:
            assert p.reason.rule.startswith("padplanner.cohort.unserved.")
        elif p.delay > 0:
            assert p.reason.rule.startswith("padplanner.cohort.wait.")
            assert p.waits and all(
                w.cause in ("coach", "seats", "budget", "hours") for w in p.waits
            )
            assert str(p.delay) in p.reason.text
        assert p.priority.rule == "test.order"


def test_activities_under_way_keep_their_seat(planner, make_client):
    # both are mid-course in nt2-a1-a2 on the reference date; one seat is left after the first
    people = [
        make_client(
            id=f"busy-{k}",
            municipality="GM0000",
            term_start=date(2026, 1, 5),
            progress={"hours_done": {"nt2-a1-a2": 60}},
        )
        for k in (1, 2)
    ]
    at = date(2026, 4, 6)
    outlines = [plan_one(planner, person, at) for person in people]
    assert all(o.running for o in outlines)
    catalog = planner.catalog("GM0000")
    module = outlines[0].steps[outlines[0].running[0]].module
    caps = _caps(catalog, seats={module: 2})
    # the queue puts a newcomer first who wants the same course; the two under way keep it
    newcomer = plan_one(
        planner,
        make_client(id="new", municipality="GM0000", term_start=at),
        None,
    )
    everyone = [newcomer, *outlines]
    result = allocate(everyone, _tickets(everyone), caps, catalog).placements
    placed = {p.id: p for p in result}
    for o in outlines:
        i = o.running[0]
        assert placed[o.id].starts[i] == o.steps[i].start
