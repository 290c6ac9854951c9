"""The chance to finish on time: draws of the hours, rescheduled keeping the plan's order."""

from __future__ import annotations

import json

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from padplanner import Planner
from padplanner.demo import generate
from padplanner.engine import chance
from padplanner.engine.chance import on_time
from padplanner.engine.order import Step, durations, partial_order, reschedule
from padplanner.model import Plan
from padplanner.schedule import Problem, Task, solve


def steps_of(planner: Planner, client, draws: int = 200) -> tuple[list[Step], int, int]:
    """The steps, capacity and deadline week the planner hands to the chance."""
    seen = {}
    real = chance.on_time

    def spy(steps, capacity, deadline_week, goals=None, **kw):
        seen.update(steps=list(steps), capacity=capacity, deadline=deadline_week)
        return real(steps, capacity, deadline_week, goals, **kw)

    chance.on_time = spy
    try:
        planner.plan(client, at=client.term_start, draws=draws)
    finally:
        chance.on_time = real
    return seen["steps"], seen["capacity"], seen["deadline"]


def test_ample_slack_is_likely(planner, make_client):
    client = make_client(
        weekly_hours=24, levels={s: "A2" for s in ("reading", "listening", "writing", "speaking")}
    )
    plan = planner.plan(client, draws=1000)
    assert plan.slack_weeks > 52
    assert plan.on_time.probability >= 0.9
    assert plan.on_time.draws == 1000
    assert all(g.probability >= 0.9 for g in plan.on_time.goals)


def test_infeasible_is_unlikely(planner, make_client):
    client = make_client(
        weekly_hours=6,
        learnability="low",
        education="primary",
        levels={s: "A0" for s in ("reading", "listening", "writing", "speaking")},
        route={"choice": "b1", "reason": "the person asks for the B1-route"},
    )
    plan = planner.plan(client, draws=1000)
    assert plan.slack_weeks < 0
    assert plan.on_time.probability <= 0.1


def test_a_goal_no_module_can_bring_is_never_reached_on_time(planner, make_client):
    """With 4 hours a week no course up to B1 is open to this person (each needs at least 6):
    the plan holds only the PVT and the values series and ends early, yet it cannot end on
    time, since it does not reach its goals."""
    client = make_client(
        weekly_hours=4,
        literacy="none",
        levels={s: "A0" for s in ("reading", "listening", "writing", "speaking")},
        route={"choice": "b1", "reason": "the person asks for the B1-route"},
    )
    plan = planner.plan(client, draws=300)
    assert "padplanner.path.unreachable" in {f.rule for f in plan.findings}
    assert plan.slack_weeks > 0
    assert plan.on_time.probability == 0.0
    chances = {g.goal: g.probability for g in plan.on_time.goals}
    assert chances["reading>=B1"] == 0.0
    assert chances["pvt"] == 1.0


def test_an_unreachable_goal_counts_against_the_chance():
    step = Step("pvt", per_week=3, start=0, weeks=4, min_weeks=0, low=12, mode=12, high=12)
    goals = {"pvt": ["pvt"]}
    assert on_time([step], 8, 10, goals, draws=50).probability == 1.0
    missing = on_time([step], 8, 10, goals, draws=50, unreachable={"speaking>=B1"})
    assert missing.probability == 0.0
    assert {g.goal: g.probability for g in missing.goals} == {"pvt": 1.0, "speaking>=B1": 0.0}
    assert on_time([], 8, 10, {}, draws=50, unreachable={"knm"}).probability == 0.0


def test_same_input_same_figure(make_client):
    client = make_client(weekly_hours=12)
    first = Planner.default().plan(client, draws=500)
    again = Planner.default().plan(client, draws=500)
    assert first.on_time == again.on_time
    assert first.to_json() == again.to_json()


def test_without_draws_a_plan_has_no_chance(planner, make_client):
    plan = planner.plan(make_client())
    assert plan.on_time is None
    assert "on_time" not in plan.to_dict()


def test_plan_json_carries_it_and_reads_it_back(planner, make_client):
    plan = planner.plan(make_client(weekly_hours=12), draws=300)
    data = json.loads(plan.to_json())
    assert set(data["on_time"]) == {"probability", "draws", "drivers", "goals"}
    assert data["on_time"]["draws"] == 300
    assert 0 <= data["on_time"]["probability"] <= 1
    shares = [d["share"] for d in data["on_time"]["drivers"]]
    assert shares == sorted(shares, reverse=True)
    assert 0.97 <= sum(shares) <= 1.03
    assert {d["activity"] for d in data["on_time"]["drivers"]} <= {a.id for a in plan.activities}
    assert Plan.from_json(plan.to_json()).on_time == plan.on_time


def test_a_draw_at_the_estimates_is_the_plan(planner):
    """With every range shrunk to its point estimate the reschedule gives back the plan's own
    starts: keeping the plan's order loses nothing (and the plan is never beaten by a gap)."""
    for client in generate(120, seed=4):
        steps, capacity, _ = steps_of(planner, client)
        if not steps:
            continue
        fixed = [attrs.evolve(s, low=s.mode, high=s.mode) for s in steps]
        weeks = durations(fixed, chance._hours(fixed, 1, 0, 0.5))
        start, _ = reschedule(fixed, partial_order(fixed, capacity), weeks)
        assert [int(w) for w in weeks[:, 0]] == [s.weeks for s in steps], client.id
        assert [int(x) for x in start[:, 0]] == [s.start for s in steps], client.id


def test_no_draw_asks_more_hours_than_the_person_has(planner):
    for client in generate(60, seed=8):
        steps, capacity, _ = steps_of(planner, client)
        if not steps or any(s.pin is not None for s in steps):
            continue
        weeks = durations(steps, chance._hours(steps, 50, 1, 0.5))
        start, end = reschedule(steps, partial_order(steps, capacity), weeks)
        horizon = int(end.max())
        for draw in range(weeks.shape[1]):
            load = np.zeros(horizon + 1)
            for i, step in enumerate(steps):
                load[int(start[i, draw]) : int(end[i, draw])] += step.per_week
            assert load.max() <= capacity, client.id


def test_the_main_line_drives_the_risk_not_what_runs_alongside():
    steps = [
        Step("main", per_week=10, start=0, weeks=30, min_weeks=0, low=240, mode=300, high=390),
        Step("side", per_week=2, start=0, weeks=10, min_weeks=0, low=16, mode=20, high=26),
        Step("after", per_week=10, start=30, weeks=10, min_weeks=0, low=80, mode=100, high=130,
             after=(("main", 0),)),
    ]  # fmt: skip
    result = on_time(steps, capacity=12, deadline_week=41, draws=2000)
    shares = {d.activity: d.share for d in result.drivers}
    assert "side" not in shares
    assert shares["main"] > shares["after"] > 0
    assert 0.2 < result.probability < 0.9


def test_progress_narrows_the_draws():
    step = Step("nt2", per_week=10, start=0, weeks=30, min_weeks=0, low=240, mode=300, high=390)
    before = chance._hours([step], 4000, 3, 0.5)[0]
    after_200 = chance._hours([attrs.evolve(step, done=200)], 4000, 3, 0.5)[0]
    after_320 = chance._hours([attrs.evolve(step, done=320)], 4000, 3, 0.5)[0]
    assert before.min() >= 240 - 1e-9 and before.max() <= 390 + 1e-9
    # done + remaining is a draw of the total cut at the hours already done
    assert (after_320 + 320).min() >= 320 - 1e-9
    assert np.ptp(after_320) < np.ptp(after_200) <= np.ptp(before) + 1e-9


def test_hours_done_in_the_plan_raise_the_chance(planner, make_client):
    fields = dict(
        weekly_hours=10, levels={s: "A1" for s in ("reading", "listening", "writing", "speaking")}
    )
    fresh = planner.plan(make_client(**fields), draws=1000)
    main = next(a.module for a in fresh.activities if a.kind == "language")
    going = planner.plan(make_client(**fields, progress={"hours_done": {main: 120}}), draws=1000)
    assert going.on_time.probability >= fresh.on_time.probability


def test_a_fixed_programme_shares_no_learnability():
    """The PVT's hours are prescribed: its duration never varies."""
    step = Step("pvt", per_week=3, start=0, weeks=4, min_weeks=0, low=12, mode=12, high=12)
    hours = chance._hours([step], 100, 0, 0.5)
    assert np.all(hours == 12)


@st.composite
def plans(draw):
    """A random plan: tasks with ranges, orderings and calendars, scheduled by the real
    scheduler at the person's hours."""
    capacity = draw(st.integers(6, 24))
    n = draw(st.integers(1, 7))
    tasks, steps = [], []
    for i in range(n):
        per_week = draw(st.integers(1, capacity))
        mode = draw(st.integers(4, 400))
        low = mode * draw(st.sampled_from((0.6, 0.8, 1.0)))
        high = mode * draw(st.sampled_from((1.0, 1.3, 1.6)))
        after = tuple(sorted(draw(st.sets(st.sampled_from(range(i)), max_size=2)))) if i else ()
        every = draw(st.sampled_from((1, 1, 4, 6)))
        release = draw(st.integers(0, every - 1))
        weeks = max(1, -(-int(mode) // per_week))
        tid = f"t{i}"
        tasks.append(
            Task(tid, duration=weeks, demand={"hours": per_week},
                 after=tuple(f"t{j}" for j in after), release=release, every=every)
        )  # fmt: skip
        steps.append(
            Step(tid, per_week=per_week, start=0, weeks=weeks, min_weeks=0, low=low, mode=mode,
                 high=high, shared=draw(st.booleans()), after=tuple((f"t{j}", 0) for j in after),
                 release=release, every=every)
        )  # fmt: skip
    result = solve(Problem(tasks=tasks, capacity={"hours": capacity}))
    steps = [attrs.evolve(s, start=result.start[s.id]) for s in steps]
    faster = [attrs.evolve(s, per_week=s.per_week + draw(st.integers(0, 8))) for s in steps]
    deadline = draw(st.integers(0, result.makespan + 30))
    return steps, faster, capacity, deadline


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_more_hours_a_week_never_lower_the_chance(case):
    """Keeping the plan's order, more hours a week for its activities never lower the chance
    to finish (nor of any goal), draw by draw."""
    steps, faster, capacity, deadline = case
    order = partial_order(steps, capacity)
    goals = {"last": [steps[-1].id]}
    slow = on_time(steps, capacity, deadline, goals, draws=200, order=order)
    quick = on_time(faster, capacity, deadline, goals, draws=200, order=order)
    assert quick.probability >= slow.probability
    assert quick.goals[0].probability >= slow.goals[0].probability


@pytest.mark.parametrize("route", ["b1", "z"])
def test_more_weekly_hours_never_lower_it_for_a_person(planner, make_client, route):
    """The same person with more hours a week, on the same route: the chance is no lower,
    also where the main line starts to leave hours for side activities (from 10 hours a week
    for a course of at least 6: it keeps the 9 hours it had with 9, rather than dropping
    to 6)."""
    previous = None
    for hours in (6, 8, 9, 10, 11, 12, 13, 14, 16, 20, 24, 32):
        client = make_client(
            weekly_hours=hours,
            aim="participation",
            route={"choice": route, "reason": "kept for the comparison"},
        )
        plan = planner.plan(client, draws=500)
        if previous is not None:
            assert plan.on_time.probability >= previous.on_time.probability, hours
            assert plan.completion_date <= previous.completion_date, hours
        previous = plan


def test_the_plan_command_prints_it_unless_told_not_to(cli):
    from corehelp import EXAMPLES

    code, out, _ = cli("plan", EXAMPLES / "amal.toml", "--format", "json")
    assert code == 0
    assert json.loads(out)["on_time"]["draws"] == 1000
    code, out, _ = cli("plan", EXAMPLES / "amal.toml", "--format", "json", "--draws", "0")
    assert "on_time" not in json.loads(out)
    code, _, err = cli("plan", EXAMPLES / "amal.toml", "--draws", "-5")
    assert code == 2 and "--draws" in err


def test_the_demo_caseload_saves_each_plan_with_its_chance(tmp_path, planner):
    from padplanner.store import open_store
    from padplanner.store.demo_fill import fill_demo

    with open_store(f"sqlite:///{tmp_path / 'demo.db'}", actor="t") as store:
        fill_demo(store, 12, seed=2, planner=planner, progress=False)
        for row in store.list_people(limit=20):
            latest = store.latest_plan(row.id)
            if latest is not None:
                assert latest[1].on_time is not None and latest[1].on_time.draws == 1000


def test_the_caseload_keeps_the_latest_chance_and_an_older_database_gets_it(tmp_path, planner):
    import sqlite3

    from padplanner.store import open_store
    from padplanner.store.demo_fill import fill_demo

    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    with open_store(url, actor="t") as store:
        fill_demo(store, 20, seed=6, planner=planner, progress=False)
        before = {r.id: r.on_time for r in store.list_people(limit=50)}
        ordered = [r.on_time for r in store.list_people(order_by="on_time", limit=50)]
    known = [c for c in ordered if c is not None]
    assert known and known == sorted(known) and ordered[: len(known)] == known  # none last
    raw = sqlite3.connect(path)  # the database as version 6 left it
    raw.execute("DROP INDEX ix_people_on_time")
    raw.execute("ALTER TABLE people DROP COLUMN on_time")
    raw.execute("ALTER TABLE research DROP COLUMN history")  # version 8
    for table in ("revisions", "events", "decisions"):
        raw.execute(f"ALTER TABLE {table} DROP COLUMN team")
        raw.execute(f"ALTER TABLE {table} DROP COLUMN counsellor")
    for column in ("own_goals", "own_wishes", "own_worries"):  # version 9
        raw.execute(f"ALTER TABLE people DROP COLUMN {column}")
    raw.execute("DELETE FROM schema_version WHERE version >= 7")
    raw.commit()
    raw.close()
    with open_store(url, actor="t") as store:  # migrates, back-filling from the revisions
        assert {r.id: r.on_time for r in store.list_people(limit=50)} == before


def test_the_pip_says_the_chance_in_plain_words(planner, make_client):
    from padplanner.export import render

    client = make_client(weekly_hours=12)
    plan = planner.plan(client, draws=1000)
    words = {"nl": "op de 10", "en": "in 10"}
    for lang in ("nl", "en"):
        text = render(plan, "md", client=client, catalog=planner.catalog(""), lang=lang)
        assert words[lang] in text
        driver = plan.activity(plan.on_time.drivers[0].activity).title
        assert driver in text
    assert "op de 10" not in render(
        planner.plan(client), "md", client=client, catalog=planner.catalog(""), lang="nl"
    )
