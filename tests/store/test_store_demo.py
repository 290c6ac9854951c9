"""Synthetic caseloads: deterministic, valid, plausible; fill_demo plans everyone."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from padplanner.clientfile import bsn_valid, client_to_dict, parse_client
from padplanner.demo import DEMO_TODAY, generate, synthetic_bsn
from padplanner.errors import InputError
from padplanner.store.demo_fill import fill_demo


@pytest.fixture(scope="module")
def people():
    return generate(2000, seed=7)


def test_same_seed_same_people_other_seed_other_people():
    assert generate(50, seed=1) == generate(50, seed=1)
    assert generate(50, seed=1) != generate(50, seed=2)
    assert generate(50, seed=1, today=date(2027, 6, 7)) != generate(50, seed=1)


def test_everyone_is_a_valid_client_file(people):
    for client in people[:300]:
        assert parse_client(client_to_dict(client), client.id) == client


def test_bsns_pass_the_elfproef_and_are_unique(people):
    bsns = [c.bsn for c in people]
    assert all(bsn_valid(b) and b.startswith("99") for b in bsns)
    assert len(set(bsns)) == len(bsns)
    import random

    rng = random.Random(0)
    assert all(bsn_valid(synthetic_bsn(rng)) for _ in range(1000))


def test_names_are_unique_enough_and_use_diacritics(people):
    names = [c.name for c in people]
    assert len(set(names)) > 0.7 * len(names)
    assert sum(any(ord(ch) > 127 for ch in n) for n in names) > 0.2 * len(names)


def test_distributions_follow_the_documented_shares(people):
    n = len(people)
    education = Counter(c.education for c in people)
    for level, share in {"none": 0.15, "primary": 0.25, "secondary": 0.33, "higher": 0.10}.items():
        assert abs(education[level] / n - share) < 0.04, (level, education)
    municipality = Counter(c.municipality for c in people)
    assert abs(municipality["GM0034"] / n - 0.35) < 0.04
    ages = [c.age_at(c.term_start) for c in people]
    assert min(ages) >= 18 and max(ages) <= 67
    assert 0.15 < sum(18 <= a <= 24 for a in ages) / n < 0.25
    not_literate = [c for c in people if c.literacy == "none"]
    assert all(all(level == 0 for level in c.levels.as_dict().values()) for c in not_literate)
    assert 0.08 < len(not_literate) / n < 0.2
    hours = Counter(c.weekly_hours for c in people)
    assert abs(hours[16] / n - 0.35) < 0.06
    study = [c for c in people if c.aim == "study"]
    assert sum(c.age_at(c.term_start) < 28 for c in study) > 0.6 * len(study)


def test_term_starts_fall_within_the_three_years_before_today(people):
    starts = [c.term_start for c in people]
    assert all(s.weekday() == 0 for s in starts)
    assert min(starts) >= date(2022, 1, 3)
    assert max(starts) <= DEMO_TODAY
    assert (DEMO_TODAY - min(starts)).days > 900


def test_fill_demo_plans_everyone_and_simulates_progress(store, planner):
    calls = []
    added = fill_demo(
        store, 40, seed=5, today=DEMO_TODAY, planner=planner, report=lambda *a: calls.append(a)
    )
    assert added == 40
    assert calls == [(0, 40), (25, 40), (40, 40)]
    rows = store.list_people(limit=100)
    assert len(rows) == 40
    assert {r.revision for r in rows} >= {1, 2}  # plans amended after exams, some not yet
    assert {r.risk for r in rows} - {"none"}  # some people are at risk
    for row in rows:
        saved = store.revisions(row.id)
        assert [r.revision for r in saved] == list(range(1, row.revision + 1))
        assert all(r.author == "demo" for r in saved)
        days = [r.reference_date for r in saved]
        assert days == sorted(days) and days[0] == store.get_person(row.id).term_start
    assert store.check() == []
    with_events = [r.id for r in rows if store.events(r.id)]
    assert len(with_events) > 30
    exams = [e for r in with_events for e in store.events(r) if e.event.kind == "exam"]
    assert exams
    with pytest.raises(Exception, match="already holds"):
        fill_demo(store, 40, seed=5, today=DEMO_TODAY, planner=planner)


def test_the_demo_holds_each_planned_conversation_on_its_own_topic(store, planner):
    """A MAP final interview the plan in force scheduled is mostly held as one (not as a
    progress conversation), on its day, so the demo's agenda is not full of MAP final
    interviews never held."""
    fill_demo(store, 60, seed=3, today=DEMO_TODAY, planner=planner)
    planned = held = 0
    for row in store.list_people(limit=100):
        saved = store.revisions(row.id)
        ends = [r.reference_date for r in saved[1:]] + [DEMO_TODAY + timedelta(days=1)]
        days = {
            c.date
            for r, end in zip(saved, ends, strict=True)
            for c in r.plan.check_ins
            if c.kind == "map-final" and r.reference_date <= c.date < end
        }
        held_on = {
            e.event.on
            for e in store.events(row.id)
            if e.event.kind == "contact" and e.event.topic == "map-final"
        }
        planned += len(days)
        held += len(days & held_on)
    assert planned >= 10 and held >= 0.7 * planned


def test_the_demo_lives_in_the_municipalities_the_installed_plugins_serve(plugin_planner, tmp_path):
    """With plugins serving municipalities the demo's people live there, evenly; without,
    the documented fallback shares (see test_distributions_follow_the_documented_shares)."""
    from padplanner.engine.served import default_municipality, served
    from padplanner.plugin import PluginInfo, hookimpl
    from padplanner.store.demo_fill import demo_municipalities

    class Serves:
        def __init__(self, name, codes):
            self.name, self.codes = name, codes

        @hookimpl
        def padplanner_plugin_info(self):
            return PluginInfo(self.name, "1", municipalities=self.codes)

    law = plugin_planner()
    assert served(law.manager) == [] and default_municipality(law.manager, {}) == "GM0000"
    from padplanner.demo import FALLBACK_MUNICIPALITIES

    assert demo_municipalities(law.manager) == FALLBACK_MUNICIPALITIES
    two = plugin_planner(Serves("b", ("GM0997",)), Serves("a", ("GM0996", "GM0997")))
    assert served(two.manager) == ["GM0996", "GM0997"]
    assert default_municipality(two.manager, {}) == "GM0996"
    assert default_municipality(two.manager, {"PADPLANNER_MUNICIPALITY": "GM0363"}) == "GM0363"
    with pytest.raises(InputError, match="PADPLANNER_MUNICIPALITY"):
        default_municipality(two.manager, {"PADPLANNER_MUNICIPALITY": "almere"})
    people = generate(400, seed=7, municipalities=demo_municipalities(two.manager))
    counts = Counter(c.municipality for c in people)
    assert set(counts) == {"GM0996", "GM0997"} and min(counts.values()) > 150
    same = generate(400, seed=7)  # only the municipalities differ
    assert [c.name for c in people] == [c.name for c in same]
    from padplanner.store import open_store

    store = open_store(f"sqlite:///{tmp_path}/demo.db")
    fill_demo(store, 12, seed=3, today=DEMO_TODAY, planner=two, progress=False)
    assert set(store.municipalities()) <= {"GM0996", "GM0997"}


@pytest.mark.parametrize(
    ("lang", "intake", "amended"),
    [
        ("nl", "intakeplan (synthetisch voorbeeld)", "aangepast op {} na de examens"),
        ("en", "intake plan (synthetic demo)", "amended on {} after the exams"),
    ],
)
def test_the_demo_counsellors_write_their_reasons_in_the_demo_language(
    tmp_path, planner, lang, intake, amended
):
    """The reasons of the demo's revisions are what a counsellor would have typed: in the
    language of the demo (Dutch unless asked), with dates as that language writes them."""
    from padplanner.i18n import texts
    from padplanner.store import open_store

    store = open_store(f"sqlite:///{tmp_path}/demo.db")
    fill_demo(store, 12, seed=5, today=DEMO_TODAY, planner=planner, lang=lang)
    saved = [r for row in store.list_people(limit=20) for r in store.revisions(row.id)]
    assert {r.reason for r in saved if r.revision == 1} == {intake}
    later = [r for r in saved if r.revision > 1]
    assert later
    for r in later:
        day = texts(lang).date(r.reference_date)
        assert r.reason.startswith(amended.format(day)), r.reason
    store.close()
