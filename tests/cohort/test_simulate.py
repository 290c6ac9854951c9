"""Simulation: parallel plans equal plans in one process, the same seed gives the same
numbers, and the projection adds up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from padplanner.cohort import individual, report
from padplanner.cohort.individual import plan_all
from padplanner.cohort.intake import INTAKE_START, synthetic_intake
from padplanner.cohort.policies import POLICIES
from padplanner.cohort.simulate import simulate

CODE = "GM0034"


def test_parallel_workers_give_the_same_plans_as_one_process(intake, planner):
    alone, _ = plan_all(intake[:60], workers=1, planner=planner)
    pooled, skipped = plan_all(intake[:60], workers=2, min_parallel=0)
    assert skipped == []
    assert [o.id for o in pooled] == [c.id for c in intake[:60]]
    assert pooled == alone


def test_the_intake_is_one_year_of_term_starts_and_keeps_ages(intake):
    again = synthetic_intake(120, seed=3, municipality=CODE)
    assert again == intake
    assert {c.municipality for c in intake} == {CODE}
    assert all(INTAKE_START <= c.term_start < INTAKE_START + timedelta(weeks=52) for c in intake)
    assert all(c.term_start.weekday() == 0 for c in intake)
    assert all(18 <= c.age_at(c.term_start) <= 67 for c in intake)
    assert synthetic_intake(120, seed=4, municipality=CODE) != intake


def test_the_same_people_give_the_same_document(intake, planner):
    chosen = [POLICIES["fifo"], POLICIES["municipal"], POLICIES["everyone"]]
    first = simulate(intake, CODE, chosen, planner, workers=1)
    second = simulate(list(intake), CODE, chosen, planner, workers=1)
    assert report.document(first, people=True) == report.document(second, people=True)


def test_the_projection_adds_up(intake, planner):
    sim = simulate(intake, CODE, [POLICIES["fifo"], POLICIES["everyone"]], planner, workers=1)
    outlines = {o.id: o for o in sim.cohort.outlines}
    base = sim.baseline
    assert base.people == len(intake) - len(sim.cohort.skipped)
    assert base.waiting["delayed"] == 0.0 and base.mediation["intensive"] == 0
    assert base.cost["courses_eur"] == round(sum(o.cost_eur for o in outlines.values()))
    in_term = sum(
        o.plan_start + timedelta(weeks=o.completion) <= o.deadline for o in outlines.values()
    )
    assert base.in_term == round(in_term / base.people, 4)
    for run in sim.runs:
        p = run.projection
        assert sum(r["people"] for r in p.by_route.values()) == p.people
        assert sum(p.waiting["bands"].values()) == p.people
        assert p.cost["total_eur"] == p.cost["courses_eur"] + p.cost["mediation_eur"]
        assert sum(p.cost["by_year_eur"].values()) == p.cost["total_eur"]
        assert p.fines["at_stake_eur"] == sum(p.fines["by_part_eur"].values())
        # capacities only delay people: never earlier, never more in the term than planned
        assert p.in_term <= base.in_term
        assert p.time_to["B1"]["reached"] <= base.time_to["B1"]["reached"]
    fifo, everyone = sim.runs
    assert fifo.projection.cost["mediation_eur"] == 0
    assert everyone.projection.mediation["intensive"] == base.people
    assert (
        everyone.projection.cost["mediation_eur"]
        == 2000 * everyone.projection.mediation["mediated"]
    )


def test_fairness_compares_permitted_groups_only(intake, planner):
    sim = simulate(intake, CODE, [POLICIES["municipal"]], planner, workers=1)
    fairness = sim.runs[0].fairness
    assert set(fairness.groups) == {"education", "literacy", "age_band", "route", "hours_band"}
    for groups in fairness.groups.values():
        assert sum(g.people for g in groups) == len(sim.cohort.outlines)
    selected = sum(g.selected * g.people for g in fairness.groups["education"])
    intensive = sum(p.intensive for p in sim.runs[0].allocation.placements)
    assert round(selected) == intensive
    for attribute, ratios in fairness.ratios.items():
        for rate, ratio in ratios.items():
            flagged = f"{attribute}: {rate} {ratio:.2f}" in fairness.flags if ratio else False
            assert flagged == (ratio is not None and ratio < 0.8)


def test_the_default_workers_are_the_cpus_this_process_may_use(monkeypatch):
    monkeypatch.setattr(individual.os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    monkeypatch.setattr(individual.os, "cpu_count", lambda: 64)
    assert individual.available_cpus() == 3  # a container or taskset allows three of 64
    monkeypatch.delattr(individual.os, "sched_getaffinity")
    assert individual.available_cpus() == 64  # where the system reports no affinity
    monkeypatch.setattr(individual.os, "cpu_count", lambda: None)
    assert individual.available_cpus() == 1


def test_plan_all_starts_a_worker_per_cpu_unless_told_otherwise(monkeypatch, intake):
    started = []

    class Pool:
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            raise RuntimeError("no processes in this test")

    monkeypatch.setattr(individual, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(individual, "available_cpus", lambda: 3)
    with pytest.raises(RuntimeError, match="no processes"):
        plan_all(intake[:5], min_parallel=0)
    with pytest.raises(RuntimeError, match="no processes"):
        plan_all(intake[:5], workers=5, min_parallel=0)
    assert started == [3, 5]


def test_an_unserved_z_route_person_has_the_map_at_stake_like_anyone_else(cohort, planner):
    # the Z-route's MAP is its own module (map-z) but the same part DUO fines
    from padplanner.cohort.allocation import Placement
    from padplanner.cohort.project import project
    from padplanner.model import Reason

    catalog = planner.catalog(CODE)
    people = [o for o in cohort.outlines if any(s.module == "map-z" for s in o.steps)]
    assert people
    why = Reason("test.placement", "not served")
    unserved = [Placement(o.id, i, why, False, 0, None, 0, (), why) for i, o in enumerate(people)]
    fines = project(people, unserved, None, catalog).fines
    table = catalog.param("fines_eur", people[0].deadline)
    assert fines["people"] == len(people)
    assert fines["by_part_eur"]["map"] == table["map"] * len(people)
    assert fines["by_part_eur"]["pvt"] == table["pvt"] * len(people)
