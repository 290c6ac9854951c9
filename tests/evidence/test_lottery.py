"""The fair lottery: only among the ties at the cut-off, reproducible from its seed, logged."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from padplanner.errors import InputError
from padplanner.i18n import texts
from padplanner.store.events import Decision, InterventionStarted
from padplanner.store.lottery import DrawReason, decisions, draw_lots, record, say
from padplanner.store.validation import check_decision, check_event

CANDIDATES = [(f"p{i:02d}", float(rank)) for i, rank in enumerate([1, 1, 2, 2, 2, 2, 2, 3, 3, 4])]


def test_lots_are_drawn_only_among_the_ties_at_the_cut_off():
    lottery = draw_lots(CANDIDATES, places=4, seed=7, intervention="mediation")
    results = {d.person: d.result for d in lottery.draws}
    assert lottery.cut_rank == 2 and lottery.tied == 5 and lottery.left == 2
    assert results["p00"] == results["p01"] == "before"  # rank 1: a place, no draw
    assert {results[p] for p in ("p07", "p08", "p09")} == {"after"}
    tied = [d for d in lottery.draws if d.rank == 2]
    assert sorted(d.result for d in tied) == ["drawn"] * 2 + ["not-drawn"] * 3
    assert sorted(d.number for d in tied) == [1, 2, 3, 4, 5]


def test_the_same_seed_gives_the_same_draw_another_seed_may_not():
    first = draw_lots(CANDIDATES, 4, seed=7, intervention="mediation")
    assert draw_lots(list(reversed(CANDIDATES)), 4, seed=7, intervention="mediation") == first
    others = {
        tuple(d.person for d in draw_lots(CANDIDATES, 4, seed=s, intervention="mediation").draws)
        for s in range(20)
    }
    assert len(others) > 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=30),
    st.integers(0, 35),
    st.integers(0, 2**32 - 1),
)
def test_places_are_filled_in_rank_order(ranks, places, seed):
    candidates = [(f"p{i}", float(r)) for i, r in enumerate(ranks)]
    lottery = draw_lots(candidates, places, seed, "dual")
    given_place = [d for d in lottery.draws if d.result in ("before", "drawn")]
    assert len(given_place) == min(places, len(candidates))
    worst_in = max((d.rank for d in given_place), default=0)
    best_out = min((d.rank for d in lottery.draws if d not in given_place), default=99)
    assert worst_in <= best_out  # nobody passed over for a lower priority
    drawn = [d for d in lottery.draws if d.result in ("drawn", "not-drawn")]
    assert all(d.rank == lottery.cut_rank for d in drawn)  # only the ties draw


def test_each_draw_is_a_decision_with_its_reason_in_the_audit_log(tmp_path, planner):
    from padplanner.demo import generate
    from padplanner.store import open_store

    people = generate(6, seed=3)
    with open_store(f"sqlite:///{tmp_path / 'l.db'}", actor="t") as store:
        for person in people:
            store.add_person(person, "t")
        candidates = [(p.id, 1.0) for p in people]
        lottery = draw_lots(candidates, 2, seed=11, intervention="mediation")
        assert record(store, lottery, "j.jansen") == 6
        for person in people:
            (recorded,) = store.decisions(person.id)
            assert recorded.decision.kind == "lottery"
            reason = DrawReason.parse(recorded.decision.reason)
            result = recorded.decision.value.split(":")[1].replace("-", "_")
            assert reason.rule == f"padplanner.lottery.{result}"
            assert reason.values["seed"] == 11 and reason.values["tied"] == 6
            (logged,) = store.audit(person_id=person.id, action="lottery")
            assert logged.detail == recorded.decision.reason and logged.actor == "j.jansen"
            assert store.latest_plan(person.id) is None  # nobody's plan changed
        drawn = [d for _, d in decisions(lottery) if d.value == "mediation:drawn"]
        assert len(drawn) == 2


def test_a_draw_is_stored_as_a_rule_and_values_and_said_in_the_readers_language():
    lottery = draw_lots(CANDIDATES, places=4, seed=7, intervention="mediation")
    said = {}
    for _, decision in decisions(lottery):
        reason = DrawReason.parse(decision.reason)
        assert reason is not None and reason.to_text() == decision.reason
        assert " " not in decision.reason  # data, not a sentence
        said[decision.value] = (
            say(decision.reason, texts("nl")),
            say(decision.reason, texts("en")),
        )
    nl, en = said["mediation:drawn"]
    assert nl.startswith("Loting voor intensieve bemiddeling (seed 7): 5 mensen met prioriteit 2")
    assert nl.endswith(": een plaats") and "voor 2 van de 4 plaatsen" in nl
    assert en.startswith("Lottery for intensive mediation (seed 7): 5 people with priority 2")
    assert en.endswith(": a place")
    nl, en = said["mediation:not-drawn"]
    assert nl.endswith("geen plaats, het gewone plan blijft")
    assert en.endswith("no place, the normal plan stays")


@pytest.mark.parametrize(
    "text",
    [
        "the person asked for it",  # a counsellor's own words
        "Lottery for intensive mediation (seed 3): 4 people with priority 2 at the cut-off",
        '{"rule": "padplanner.lottery.drawn"}',  # no values
        '{"rule": "someone.else", "values": {}}',
        "{not json",
    ],
)
def test_any_other_reason_is_said_as_it_was_written(text):
    assert DrawReason.parse(text) is None
    assert say(text, texts("nl")) == text


def test_the_audit_says_a_draw_in_dutch_or_english(tmp_path, cli):
    from padplanner.demo import generate
    from padplanner.store import open_store

    url = f"sqlite:///{tmp_path / 'a.db'}"
    people = generate(3, seed=5)
    with open_store(url, actor="t") as store:
        for person in people:
            store.add_person(person, "t")
        record(store, draw_lots([(p.id, 1.0) for p in people], 1, 4, "values"), "j.jansen")
    code, out, err = cli("audit", "--db", url, "--person", people[0].id)
    assert code == 0, err
    assert "Loting voor waardengesprekken (seed 4): 3 mensen met prioriteit 1" in out
    assert '"rule"' not in out
    code, out, err = cli("audit", "--db", url, "--person", people[0].id, "--lang", "en")
    assert "Lottery for values conversations (seed 4): 3 people with priority 1" in out
    code, out, err = cli("audit", "--db", url, "--person", people[0].id, "--json")
    (entry,) = [e for e in json.loads(out)["entries"] if e["action"] == "lottery"]
    assert DrawReason.parse(entry["detail"]).values["intervention"] == "values"


def test_a_lottery_decision_and_an_intervention_are_checked():
    check_decision(Decision("lottery", "values:not-drawn", "seed 1"))
    with pytest.raises(InputError, match="INTERVENTION:drawn"):
        check_decision(Decision("lottery", "coaching:drawn", "seed 1"))
    from datetime import date

    check_event(InterventionStarted(date(2026, 1, 5), "dual"))
    with pytest.raises(InputError, match="not one of mediation, dual, values"):
        check_event(InterventionStarted(date(2026, 1, 5), "duals"))


def test_the_lottery_command_ranks_by_the_priority_rule(tmp_path, cli):
    from datetime import date

    from padplanner.store import open_store
    from padplanner.store.demo_fill import fill_demo

    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url, actor="t") as store:
        fill_demo(store, 40, seed=4, today=date(2026, 1, 5), progress=False)
    code, out, err = cli(
        "lottery", "--intervention", "values", "--places", "5", "--municipality", "GM0034",
        "--seed", "9", "--db", url, "--at", "2026-01-05", "--dry-run",
    )  # fmt: skip
    assert code == 0, err
    assert "mensen gerangschikt; 5 plaatsen; seed 9" in out
    with open_store(url, actor="t") as store:
        assert store.audit(action="lottery") == []  # a dry run records nothing
