"""Documents say every rule in its own sentence in the reader's language, never by reading the
rule's recorded English text: rewording that text changes no document."""

from __future__ import annotations

import attrs
import pytest
from docshelp import A0, TODAY, pdf_text

from padplanner.catalog.sentences import Sentences
from padplanner.export import render
from padplanner.model import Plan
from padplanner.testing import build_client

# A plan that runs late, with an A2 drop, a diploma for a regulated profession and a counsellor's
# route choice: many of the law's rules at once.
LATE = {
    "id": "doc-reworded",
    "weekly_hours": 6,
    "levels": A0,
    "work": {"goal": "care", "foreign_diploma": "bachelor"},
    "route": {"choice": "b1", "reason": "Wil per se de B1-route proberen."},
}
FORMATS = ("md", "html")


def reworded(plan: Plan) -> Plan:
    """``plan`` with every rule's recorded words replaced (a counsellor's own words aside)."""

    def reason(r):
        return r if r.rule.startswith("counsellor.") else attrs.evolve(r, text="REWORDED")

    def reasons(items):
        return [reason(r) for r in items]

    return attrs.evolve(
        plan,
        route=attrs.evolve(plan.route, reasons=reasons(plan.route.reasons)),
        goals=[attrs.evolve(g, reason=reason(g.reason)) for g in plan.goals],
        activities=[attrs.evolve(a, reasons=reasons(a.reasons)) for a in plan.activities],
        check_ins=[attrs.evolve(c, reasons=reasons(c.reasons)) for c in plan.check_ins],
        milestones=[attrs.evolve(m, reasons=reasons(m.reasons)) for m in plan.milestones],
        findings=[attrs.evolve(f, message="REWORDED") for f in plan.findings],
    )


@pytest.fixture(scope="module")
def late(planner):
    client = build_client(LATE)
    plan = planner.plan(client)
    rules = {f.rule for f in plan.findings}
    assert {"wi2021.deadline.exceeded", "wi2021.diploma.regulated"} <= rules, rules
    return client, plan, planner.catalog(plan.municipality)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("audience", ["formal", "person"])
def test_rewording_a_rules_english_text_changes_no_document(late, lang, audience):
    client, plan, catalog = late
    options = {"client": client, "catalog": catalog, "lang": lang, "today": TODAY}
    for fmt in FORMATS:
        before = render(plan, fmt, audience=audience, **options)
        after = render(reworded(plan), fmt, audience=audience, **options)
        assert "REWORDED" not in after
        assert after == before, fmt


def test_rewording_a_rules_english_text_changes_no_dutch_pdf(late):
    pytest.importorskip("fpdf")
    client, plan, catalog = late
    options = {"client": client, "catalog": catalog, "lang": "nl", "today": TODAY}
    before, _ = pdf_text(render(plan, "pdf", **options))
    after, _ = pdf_text(render(reworded(plan), "pdf", **options))
    assert after == before and "REWORDED" not in after


def test_rewording_a_rules_dutch_sentence_does_change_the_dutch_document(late, monkeypatch):
    """The other way round: the Dutch document follows the rule's Dutch sentence."""
    client, plan, catalog = late
    options = {"client": client, "catalog": catalog, "lang": "nl", "today": TODAY}
    spec = catalog.rules["wi2021.deadline.exceeded"]
    new = attrs.evolve(spec, says=attrs.evolve(spec.says, nl="{weeks:weeks} te laat."))
    rules = {**catalog.rules, "wi2021.deadline.exceeded": new}
    changed = attrs.evolve(catalog, rules=rules)
    text = render(plan, "md", **{**options, "catalog": changed})
    assert "weken te laat." in text and "Het plan eindigt" not in text


def test_every_reason_and_finding_of_the_plan_is_said_in_dutch(late):
    _, plan, catalog = late
    say = Sentences(catalog, "nl")
    items = [*plan.route.reasons, *plan.findings, *(r for a in plan.activities for r in a.reasons)]
    for item in items:
        if not item.rule.startswith("counsellor."):
            assert say(item, strict=True) != getattr(item, "text", getattr(item, "message", ""))
