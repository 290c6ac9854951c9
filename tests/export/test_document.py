"""The document's content: every part of the PIP, in plain words, for each route."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from docshelp import ROUTES, TODAY

from padplanner.export.blocks import Facts, Items, Paragraph, Signatures, Table, TimelineFigure
from padplanner.export.pip import ORDER, SECTIONS
from padplanner.i18n import texts


@pytest.mark.parametrize("route", ROUTES)
def test_the_formal_document_has_every_part_of_the_pip_in_order(person, route):
    doc = person(route).document()
    t = texts("nl")
    assert [s.key for s in doc.sections] == list(ORDER)
    assert [s.heading for s in doc.sections] == [
        f"{n}. {t(SECTIONS[key])}" for n, key in enumerate(ORDER, start=1)
    ]
    assert all(section.blocks for section in doc.sections)
    assert doc.title == "Persoonlijk Plan Inburgering en Participatie (PIP)"


@pytest.mark.parametrize("route", ROUTES)
def test_the_plan_data_reaches_the_document(person, route):
    made = person(route)
    plan, client, t = made.plan, made.client, texts("nl")
    text = made.document().plain_text()
    assert client.name in text and plan.client in text
    assert f"Einddatum: {t.date(plan.deadline)}" in text
    assert f"Start van de termijn: {t.date(client.term_start)}" in text
    assert f"Uren per week voor inburgering: {client.weekly_hours} uur" in text
    assert "Kinderopvang nodig: nee" in text
    for activity in plan.activities:
        last = t.date(activity.end - timedelta(days=1))
        assert f"{t.date(activity.start)} t/m {last} ({activity.weeks} weken)" in text
        low, high = (t.number(x) for x in activity.hours_range)
        if low != high:
            assert f"{t.number(activity.hours)} ({low}–{high})" in text
    for check_in in plan.check_ins:
        assert t.date(check_in.date) in text
    for phrase in (
        "binnen zes weken",  # objection
        "eerste 6 maanden",  # ontzorgen, the standard arrangement
        "Handtekening",
        "De klantmanager, namens het college",
        "geen besluit dat alleen door een computer is genomen",
    ):
        assert phrase in text


def test_each_activity_says_what_it_brings_and_which_goal_it_serves(person):
    doc = person("b1").document()
    table = next(b for b in doc.section("activities").blocks if isinstance(b, Table))
    assert table.header[-1] == "Waarom"
    goal = "De B1-route: de vier vaardigheden op B1, KNM, MAP en het PVT."
    for row in table.rows:
        assert "Brengt: " in row[-1] and goal in row[-1]
    why = {row[0]: row[-1] for row in table.rows}
    to_b1 = next(a for a in person("b1").plan.activities if "reading>=B1" in a.grants)
    assert "Lezen B1" in why[to_b1.title]
    # the record of how the plan was made says every rule's sentence in Dutch as well
    record = next(b for b in doc.section("accountability").blocks if isinstance(b, Table))
    choice = [text for rule, text, _ in record.rows if rule == "padplanner.path.choice"]
    assert choice and all(text.startswith("De kortste weg naar") for text in choice)
    assert ("wi2021.goals.b1", goal, "route") in set(record.rows)
    assert not any("The shortest way" in text for _, text, _ in record.rows)


def test_the_bsn_is_shown_only_when_asked(person):
    made = person("b1")
    assert "249566758" not in made.document().plain_text()
    assert "Het BSN staat niet in dit afschrift." in made.document().plain_text()
    assert "BSN: 249566758" in made.document(show_bsn=True).plain_text()
    for fmt in ("md", "html"):
        assert "249566758" not in made.render(fmt)
        assert "249566758" in made.render(fmt, show_bsn=True)


def test_the_route_is_explained_in_plain_words(person):
    t = person("onderwijs").document().section("route")
    text = " ".join(b.text for b in t.blocks if isinstance(b, Paragraph))
    assert "U volgt de onderwijsroute." in text
    assert "25 jaar bij de start van de termijn (jonger dan 28)" in text
    z = " ".join(b.text for b in person("z").document().section("route").blocks)
    assert "De Z-route (zelfredzaamheidsroute)" in z
    assert re.search(r"Naar schatting zijn [\d.]+ uur les nodig", z)
    assert "Dat is niet genoeg: de Z-route." in z
    assert "est." not in z  # the rule's Dutch sentence, not its recorded English text


def test_the_map_is_not_asked_on_the_education_route(person):
    text = person("onderwijs").document().section("map_pvt").blocks
    assert (
        Paragraph(
            "Op de onderwijsroute is de MAP niet verplicht: de doelen van deze route vragen er niet om."
        )
        in text
    )


def test_whether_the_map_is_asked_follows_the_routes_goals_not_the_route(person):
    """The law's goals (``padplanner_goals``) say whether a route asks for the MAP."""
    import attrs

    from padplanner.export.document import build_document

    made = person("b1")
    without = attrs.evolve(
        made.plan,
        goals=[g for g in made.plan.goals if g.competency != "map"],
        activities=[a for a in made.plan.activities if "map" not in a.grants],
    )
    blocks = (
        build_document(
            without, client=made.client, catalog=made.catalog, lang="nl", audience="formal"
        )
        .section("map_pvt")
        .blocks
    )
    said = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert "Op de B1-route is de MAP niet verplicht" in said
    onderwijs = person("onderwijs")
    the_map = [g for g in made.plan.goals if g.competency == "map"]
    asks = attrs.evolve(onderwijs.plan, goals=[*onderwijs.plan.goals, *the_map])
    blocks = (
        build_document(
            asks, client=onderwijs.client, catalog=onderwijs.catalog, lang="nl", audience="formal"
        )
        .section("map_pvt")
        .blocks
    )
    assert "niet verplicht" not in " ".join(b.text for b in blocks if isinstance(b, Paragraph))


def test_a_late_plan_says_so_in_plain_dutch(person):
    made = person("z")
    assert made.plan.completion_date > made.plan.deadline
    findings = made.document().section("findings").blocks[0]
    assert isinstance(findings, Items)
    late = next(item for item in findings.items if "wi2021.deadline.exceeded" in item)
    assert late.startswith("Belangrijk: Het plan eindigt ")
    assert "weken na de einddatum van 1 september 2028" in late
    assert "The plan ends" not in late
    term = dict(
        next(b for b in made.document().section("term").blocks if isinstance(b, Facts)).rows
    )
    assert term["Ruimte tot de einddatum"].endswith("weken te laat")


def test_the_document_in_english(person):
    doc = person("b1").document(lang="en")
    text = doc.plain_text()
    assert doc.title == "Personal Integration and Participation Plan (PIP)"
    assert "1. Personal details" in text and "15. Objection" in text
    assert "within six weeks" in text and "Deadline: 1 September 2028" in text
    assert "The B1-route: the four skills at B1, KNM, MAP and the PVT." in text


def test_a_counsellors_route_choice_is_quoted_with_the_advice_it_overrides(make):
    made = make(
        {
            "id": "doc-choice",
            "route": {
                "choice": "z",
                "reason": "Ernstige concentratieproblemen (met de persoon besproken)",
            },
        }
    )
    assert made.plan.route.id == "z"
    text = " ".join(b.text for b in made.document().section("route").blocks)
    assert (
        "Besluit van de klantmanager: Ernstige concentratieproblemen (met de persoon besproken)"
        in text
    )
    assert "De regels adviseerden de B1-route." in text


def test_a_plan_without_its_intake_still_renders(person):
    from padplanner.export.document import build_document

    made = person("b1")
    doc = build_document(made.plan, catalog=made.catalog, today=TODAY)
    text = doc.plain_text()
    assert doc.person == "(naam niet opgegeven)"
    assert [s.key for s in doc.sections] == list(ORDER)
    assert "Einddatum: 1 september 2028" in text


def test_blocks_are_of_known_kinds(person):
    kinds = {Paragraph, Items, Facts, Table, TimelineFigure, Signatures}
    for route in ROUTES:
        for audience in ("formal", "person"):
            doc = person(route).document(audience=audience)
            assert {type(b) for s in doc.sections for b in s.blocks} <= kinds


def test_an_unknown_audience_or_language_is_refused(person):
    made = person("b1")
    with pytest.raises(ValueError, match="audience"):
        made.document(audience="lawyer")
    with pytest.raises(ValueError, match="language"):
        made.document(lang="fr")


# -- the person's own copy (A2) -------------------------------------------------------------
def _sentences(text: str) -> list[list[str]]:
    parts = re.split(r"[.?!:]\s+|[.?!:]$|\n", text)
    return [re.findall(r"[\w–-]+", p) for p in parts if re.search(r"\w", p)]


@pytest.mark.parametrize("route", ROUTES)
def test_the_persons_summary_is_short_and_plain(person, route):
    made = person(route)
    doc = made.document(audience="person")
    text = doc.plain_text()
    sentences = _sentences(text)
    count = sum(len(s) for s in sentences)
    assert count <= 260, count
    assert max(len(s) for s in sentences) <= 10, max(sentences, key=len)
    assert count / len(sentences) <= 6.5
    assert not re.search(r"\b(wi2021|padplanner)\.", text)  # no rule ids
    assert "bandbreedte" not in text and "beschikking" not in text  # no jargon
    t = texts("nl")
    assert f"De laatste dag is {t.date(made.plan.deadline)}." in text
    assert "Bel of mail uw klantmanager bij de gemeente." in text
    assert "Dat moet binnen 6 weken." in text
    first = min(c.date for c in made.plan.check_ins)
    assert f"Het eerste gesprek is op {t.date(first)}." in text
    assert any(isinstance(b, TimelineFigure) for s in doc.sections for b in s.blocks)


def test_the_summary_warns_when_the_plan_runs_late(person):
    text = person("z").document(audience="person").plain_text()
    assert "Let op: dit plan duurt te lang." in text
    assert "Let op" not in person("b1").document(audience="person").plain_text()


def test_a_plan_read_back_from_json_gives_the_same_document(person):
    from padplanner.export.document import build_document
    from padplanner.model import Plan

    made = person("b1")
    stored = Plan.from_json(made.plan.to_json())
    again = build_document(stored, client=made.client, catalog=made.catalog, today=TODAY)
    assert again.plain_text() == made.document().plain_text()


def test_a_pin_ignored_in_a_plan_saved_before_is_explained_in_the_persons_language(planner):
    """Planning now refuses a pin on a module not in the plan; a plan saved before, with the
    warning it had then, still reads in the person's language."""
    import attrs

    from padplanner.export import render
    from padplanner.model import Finding
    from padplanner.testing import build_client

    client = build_client({"id": "doc-pin"})
    ignored = Finding(
        "warning",
        "counsellor.pin.ignored",
        "wep-logistics: pinned at week 3, but not in this plan; the pin is ignored",
        ("adjust.pins.wep-logistics",),
        {"module": "wep-logistics", "week": 3},
    )
    plan = planner.plan(client)
    plan = attrs.evolve(plan, findings=(*plan.findings, ignored))
    catalog = planner.catalog(plan.municipality)
    for lang, text in (("nl", "staat niet meer in het plan"), ("en", "no longer in the plan")):
        out = render(plan, "md", client=client, catalog=catalog, lang=lang, today=TODAY)
        assert text in out


def test_a_plugins_finding_speaks_dutch_in_a_dutch_document():
    import testplugins

    from padplanner.export import render
    from padplanner.testing import build_client

    planner = testplugins.planner()
    client = build_client({"id": "doc-contact", "municipality": "GM9901", "dutch_contact": "none"})
    plan = planner.plan(client)
    (finding,) = [f for f in plan.findings if f.rule == "proefstad.contact.advice"]
    catalog = planner.catalog(plan.municipality)
    nl = render(plan, "md", client=client, catalog=catalog, lang="nl", today=TODAY)
    words = "U spreekt buiten de lessen nog geen Nederlands. Het taalcafé in uw wijk helpt daarbij."
    assert words in nl
    # the accountability table says it in the plugin's Dutch words too: no English anywhere
    assert finding.message not in nl
    (record,) = [line for line in nl.splitlines() if line.startswith("| proefstad.contact.")]
    assert words in record
    person = render(
        plan, "md", client=client, catalog=catalog, lang="nl", today=TODAY, audience="person"
    )
    assert finding.message not in person  # the summary has no English either
    en = render(plan, "md", client=client, catalog=catalog, lang="en", today=TODAY)
    assert finding.message in en  # English documents keep the message and its details
