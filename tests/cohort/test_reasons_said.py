"""Why a person waits, in the reader's language: the capacity pass's reasons carry their
values, and the rules of padplanner's own catalogue say them in Dutch and English (dates as
the language writes them, modules by their titles), while the English text stays."""

from __future__ import annotations

import re
from datetime import date

import pytest

from padplanner.catalog.sentences import Sentences
from padplanner.cohort.allocation import CAUSES, Ticket, allocate
from padplanner.cohort.capacity import Capacities, Overrides, sized_for
from padplanner.cohort.explain import cause
from padplanner.cohort.placement import AS_PLANNED, Wait
from padplanner.model import Reason

CODE = "GM0034"
ISO = re.compile(r"\d{4}-\d\d-\d\d")
ENGLISH = (  # words of the English reasons that no Dutch sentence has
    "later than planned",
    "Starts as planned",
    "is full",
    "Cannot be served",
    "job coach",
    "budget (",
    "own hours",
    "First come",
)
CAPS = Capacities(seats={"nt2-a1-a2": 12}, coaches=3, caseload=25, budget_eur=1_250_000)


@pytest.fixture(scope="module")
def catalog(planner):
    return planner.catalog(CODE)


def _say(catalog, lang: str, reason: Reason) -> str:
    return Sentences(catalog, lang).say(reason, strict=True)


@pytest.mark.parametrize(
    ("wait", "nl", "en"),
    [
        (
            Wait("seats", "nt2-a1-a2", "2027-03-01", 4),
            "MODULE met start op 1 maart 2027 is vol (plekken: 12)",
            "MODULE starting 1 March 2027 is full (seats: 12)",
        ),
        (
            Wait("seats", "nt2-a1-a2", "no seats at all", 0),
            "MODULE: er zijn helemaal geen plekken",
            "MODULE: no seats at all",
        ),
        (
            Wait("coach", "", "2027-11-01", 3),
            "geen jobcoach vrij voor intensieve bemiddeling tot 1 november 2027 "
            "(jobcoaches: 3 × 25 mensen)",
            "no job coach free for intensive mediation until 1 November 2027 "
            "(coaches: 3 × 25 people)",
        ),
        (
            Wait("coach", "", "none before 2028-01-03", 0),
            "geen jobcoach vrij voor intensieve bemiddeling tijdens het traject",
            "no job coach free for intensive mediation during the path",
        ),
        (
            Wait("coach", "", "no coach capacity", 0),
            "geen jobcoaches voor intensieve bemiddeling (jobcoaches: 3 × 25 mensen)",
            "no job coach capacity (coaches: 3 × 25 people)",
        ),
        (
            Wait("budget", "nt2-a1-a2", "2026", 10),
            "MODULE: het budget van 2026 (€\u00a01.250.000) is op",
            "MODULE: the 2026 budget (€1,250,000) is spent",
        ),
        (
            Wait("budget", "mediation", "2027", 10),
            "intensieve bemiddeling: het budget van 2027 (€\u00a01.250.000) is op",
            "mediation: the 2027 budget (€1,250,000) is spent",
        ),
        (
            Wait("hours", "nt2-a1-a2", "", 2),
            "MODULE schuift op om na een eerdere wachttijd in de eigen uren",
            "MODULE moves to fit the person's own hours after an earlier wait",
        ),
    ],
)
def test_every_cause_is_said_from_its_values_in_both_languages(catalog, wait, nl, en):
    reason = cause(wait, CAPS)
    assert reason.rule == f"padplanner.cohort.cause.{wait.cause}"
    title = catalog.modules["nt2-a1-a2"].title  # modules by their titles, never their ids
    assert nl.replace("MODULE", title.nl) in _say(catalog, "nl", reason)
    assert en.replace("MODULE", title.en) in _say(catalog, "en", reason)
    assert not ISO.search(_say(catalog, "nl", reason))
    # the values are data: dates as dates, the budget year a number, the module its id
    for name, value in reason.values.items():
        assert not (isinstance(value, str) and ISO.fullmatch(value)), name


def test_a_wait_with_a_course_seat_keeps_its_english_text_for_json_readers():
    reason = cause(Wait("seats", "nt2-a1-a2", "2027-03-01", 4), CAPS)
    assert reason.text == "nt2-a1-a2 starting 2027-03-01 is full (12 seats)"
    assert reason.values == {"module": "nt2-a1-a2", "start": date(2027, 3, 1), "seats": 12}


def test_every_rule_and_variant_of_the_capacity_pass_says_its_sentence(catalog):
    """Each rule id the capacity pass gives (as planned, a wait, not served, a cause, for
    every cause) has its sentence in Dutch and English."""
    ids = {AS_PLANNED.rule}
    for kind in CAUSES:
        ids |= {f"padplanner.cohort.{part}.{kind}" for part in ("wait", "unserved", "cause")}
    for rule_id in sorted(ids):
        spec = catalog.rules.get(rule_id)
        assert spec is not None and spec.says is not None, rule_id
        assert spec.says.nl and spec.says.en, rule_id
    for kind in CAUSES:
        variants = set(catalog.rules[f"padplanner.cohort.wait.{kind}"].variants)
        assert variants == {"moved", "mediation"}, kind


@pytest.fixture(scope="module")
def tight(cohort, planner, catalog):
    """Everyone of the test cohort under tight capacities: seats, coaches and budget bind."""
    caps = sized_for(
        cohort.outlines,
        catalog,
        Overrides(groups={"default": 1}, coaches=1, caseload=4, budget_eur=700_000, source="t"),
    )
    why = Reason("test.order", "test order", ())
    tickets = [
        Ticket(o.id, i + 1, why, i % 3 == 0, 26 if i % 3 == 0 else 0)
        for i, o in enumerate(cohort.outlines)
    ]
    return allocate(cohort.outlines, tickets, caps, catalog).placements


def test_every_reason_of_a_tight_cohort_is_said_in_dutch_without_english_or_iso(tight, catalog):
    nl, en = Sentences(catalog, "nl"), Sentences(catalog, "en")
    rules = set()
    for p in tight:
        rules.add(p.reason.rule)
        for reason in (p.reason, *p.causes):
            said = nl.say(reason, strict=True)
            assert not ISO.search(said), said
            assert not any(word in said for word in ENGLISH), said
            assert en.say(reason, strict=True)
        if p.reason.rule.startswith("padplanner.cohort.wait.") and p.delay > 0:
            values = p.reason.values
            assert values["weeks"] == p.delay
            assert isinstance(values["finish"], date) and values["planned"] < values["finish"]
            assert nl.say(p.reason).startswith(f"Klaar {p.delay} we")
        if not p.served:
            assert p.reason.values == {"years": 10} and len(p.causes) == 1
        # the English text is the head and its causes in one sentence, as before
        assert all(c.text in p.reason.text for c in p.causes)
    assert {"padplanner.cohort.as_planned", "padplanner.cohort.wait.seats"} <= rules


def test_who_cannot_be_planned_is_said_in_the_readers_language(planner, make_client):
    """The problem that keeps a person out of the cohort keeps its message id, also from the
    worker processes, so the reports say it in Dutch or English."""
    from padplanner.cohort import POLICIES, render, report, simulate
    from padplanner.cohort.individual import plan_all
    from padplanner.cohort.render_html import render_html

    people = [
        make_client(id="astro-1", municipality="GM0000", work={"goal": "astronaut"}),
        make_client(id="fine-1", municipality="GM0000"),
    ]
    _, skipped = plan_all(people, None, workers=2, min_parallel=0)
    assert [s.id for s in skipped] == ["astro-1"] and skipped[0].problems[0].key
    doc = report.document(simulate(people, "GM0000", [POLICIES["fifo"]], planner, workers=1))
    (entry,) = doc["cohort"]["skipped"]
    assert entry["message"].startswith("unknown sector 'astronaut'")  # the JSON keeps English
    assert entry["words"]["nl"].startswith("onbekende sector 'astronaut'")
    assert "  astro-1: onbekende sector 'astronaut'" in render.render_text(doc, "nl")
    assert "  astro-1: unknown sector 'astronaut'" in render.render_text(doc, "en")
    assert "<td>onbekende sector &#x27;astronaut&#x27;" in render_html(doc, "nl")
