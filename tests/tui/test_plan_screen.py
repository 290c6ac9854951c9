"""The plan screen: why?, every kind of edit, undo, the route decision and the comparison."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, SelectionList

from padplanner.clientfile import load_client
from padplanner.tui.screens.dialogs import ChoiceDialog, DaysDialog
from padplanner.tui.screens.plan import PlanScreen
from padplanner.tui.widgets.timeline import Timeline

from .conftest import settle
from .test_flows import AMAL, answer


@pytest.fixture
def amal_store(empty_store):
    empty_store.add_person(load_client(AMAL), author="tester")
    return empty_store


async def open_plan(pilot) -> PlanScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen) and screen.plan is not None
    return screen


def select_activity(screen: PlanScreen, activity_id: str) -> None:
    table = screen.query_one("#activities", DataTable)
    table.move_cursor(row=[a.id for a in screen.plan.activities].index(activity_id))


async def test_why_shows_the_rule_trail_and_the_dependency_chain(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        last = next(a for a in screen.plan.activities if a.module == "nt2-a2-b1-intensive")
        select_activity(screen, last.id)
        await pilot.press("w")
        await pilot.pause()
        assert screen.query_one("#tabs").active == "tab-activities"
        why = str(screen.query_one("#why").render())
        for reason in last.reasons:
            assert reason.rule in why
        # the chain is transitive: the A1-A2 course and the writing course before it
        assert "(nt2-a1-a2-intensive)" in why and "(nt2-writing-a0-a1)" in why
        assert why.index("(nt2-a1-a2-intensive)") < why.index("(nt2-writing-a0-a1)")


async def test_a_needed_module_cannot_be_left_out(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        select_activity(screen, "knm")  # the only module that brings KNM
        await pilot.press("minus")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)  # no reason asked: refused at once
        assert app.said[-1][0] == "error"
        assert "knm" in [a.id for a in screen.plan.activities]
        assert screen.session.adjust.remove == {}


async def test_an_optional_module_is_left_out_with_a_reason(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        before = screen.plan.completion_date
        select_activity(screen, "nt2-writing-a0-a1")  # another course can bring A1 writing
        await pilot.press("minus")
        await settle(pilot)
        await answer(pilot, "")  # a reason is required
        assert str(app.screen.query_one("#value-error").render())
        await answer(pilot, "writes at A1 already")
        assert screen.session.adjust.remove == {"nt2-writing-a0-a1": "writes at A1 already"}
        assert "nt2-writing-a0-a1" not in [a.module for a in screen.plan.activities]
        assert not [f for f in screen.plan.findings if f.rule == "padplanner.path.unreachable"]
        # the consequence: a longer way to A1 writing, so the plan ends later
        assert screen.plan.completion_date > before


async def test_add_offers_only_modules_whose_requirements_can_be_met(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        offered = [value for _, value in dialog.options]
        assert "nt2-b1-b2" in offered  # needs B1, which the plan brings
        assert "wep-care" in offered  # brings work experience in care
        assert "nt2-a2-b1-intensive" not in offered  # already planned
        assert "nt2-a2-b1" not in offered  # brings only B1, which the plan brings
        assert "alfa-a" not in offered  # she reads the Latin script already
        assert "taalschakeltraject" not in offered  # only on the onderwijsroute
        dialog.query_one("#choices", OptionList).highlighted = offered.index("nt2-b1-b2")
        await answer(pilot, "", reason="aims at care later")
        assert screen.session.adjust.add == {"nt2-b1-b2": "aims at care later"}
        assert "nt2-b1-b2" in [a.module for a in screen.plan.activities]


async def test_days_pin_sector_and_undo(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        original = screen.plan

        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DaysDialog)
        days = dialog.query_one("#days", SelectionList)
        days.deselect_all()
        days.select("mon")
        dialog.submit()
        await settle(pilot)
        assert screen.session.adjust.days == ("mon",)
        assert screen.plan.completion_date > original.completion_date

        select_activity(screen, "knm")
        await pilot.press("v")
        await settle(pilot)
        await answer(pilot, "100")
        assert screen.session.adjust.pins == {"knm": 100}
        knm = screen.plan.activity("knm")
        assert knm.start_week == 100 and knm.pinned
        assert "vast" in str(screen.query_one("#activities", DataTable).get_row("knm")[-1])

        await pilot.press("b")
        await settle(pilot)
        dialog = app.screen
        values = [value for _, value in dialog.options]
        dialog.query_one("#choices", OptionList).highlighted = values.index("care")
        dialog.submit()
        await settle(pilot)
        assert screen.session.adjust.sector == "care"
        assert any(m.startswith("wep-care") for m in (a.module for a in screen.plan.activities))

        for _ in range(3):
            await pilot.press("z")
            await settle(pilot)
        assert screen.session.adjust == type(screen.session.adjust)()
        assert screen.plan.to_dict() == original.to_dict()
        assert screen.check_action("undo", ()) is None  # greyed out: nothing left to undo
        undo = [k for k in screen.query("FooterKey") if k.action == "undo"]
        assert undo and undo[0].has_class("-disabled")


async def test_route_override_needs_a_reason_and_is_saved_as_a_decision(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert screen.plan.route.id == "b1"
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#choices", OptionList).highlighted = 2  # z
        dialog.submit()
        await settle(pilot)
        assert app.screen is dialog  # no reason yet
        await answer(pilot, "", reason="learnability test low, intake agrees")
        assert screen.plan.route.id == "z"
        assert "Z-route" in str(screen.query_one("#route").render())
        await pilot.press("ctrl+s")
        await answer(pilot, "route decision")
        decisions = amal_store.decisions("demo-0001")
        assert [(d.decision.kind, d.decision.value) for d in decisions] == [("route", "z")]
        assert amal_store.current_client("demo-0001").route.choice == "z"


async def test_compare_lists_what_changed_since_the_saved_revision(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        assert "Nog geen eerdere revisie" in str(screen.query_one("#compare").render())
        await pilot.press("ctrl+s")
        await answer(pilot, "first plan")
        await pilot.press("u")
        await answer(pilot, "8")
        await pilot.press("c")
        await pilot.pause()
        assert screen.query_one("#tabs").active == "tab-compare"
        text = str(screen.query_one("#compare").render())
        assert "revisie 1" in text and "Klaar:" in text and "wk)" in text


async def test_removed_module_is_recorded_as_a_decision_and_restored(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        select_activity(screen, "nt2-writing-a0-a1")
        await pilot.press("minus")
        await settle(pilot)
        await answer(pilot, "writes at A1 already")
        await pilot.press("ctrl+s")
        await answer(pilot, "no writing course")
        await pilot.press("z")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await answer(pilot, "writing course after all")
        kinds = [(d.decision.kind, d.decision.value) for d in amal_store.decisions("demo-0001")]
        assert kinds == [("remove", "nt2-writing-a0-a1"), ("restore", "nt2-writing-a0-a1")]


async def test_zoom_and_timeline_follow_the_plan(amal_store, make_app):
    app = make_app(amal_store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        timeline = screen.query_one(Timeline)
        assert timeline.plan is screen.plan
        await pilot.press("t")
        await pilot.pause()
        assert timeline.zoom == 1
        assert timeline.size.width > 100  # one week a column: wider than the screen, scrolls
        await pilot.press("u")
        await answer(pilot, "8")
        assert timeline.plan is screen.plan


@pytest.mark.parametrize(
    ("lang", "words", "not_words"),
    [
        ("nl", "weken na de einddatum van", "weeks after the deadline"),
        ("en", "weeks after the deadline of", "na de einddatum"),
    ],
)
async def test_findings_are_written_in_the_screens_language(
    amal_store, make_app, lang, words, not_words
):
    """A finding reads in its rule's sentence in the screen's language, as the PIP says it.
    The rule id is shown in both, and the comparison words it the same way."""
    app = make_app(amal_store, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        await pilot.press("ctrl+s")
        await answer(pilot, "first plan")
        await pilot.press("u")
        await answer(pilot, "6")  # too few hours: the deadline is exceeded
        assert "wi2021.deadline.exceeded" in [f.rule for f in screen.plan.findings]
        findings = str(screen.query_one("#findings").render())
        assert words in findings and not_words not in findings
        assert "(wi2021.deadline.exceeded)" in findings
        compared = str(screen.query_one("#compare").render())
        assert words in compared and not_words not in compared


@pytest.mark.parametrize(
    ("lang", "brings", "route_words", "trail"),
    [
        ("nl", "Brengt: Lezen B1", "Dat is genoeg: de B1-route.", "De kortste weg naar"),
        ("en", "Brings: Reading B1", "That is enough: the B1-route.", "The shortest way to"),
    ],
)
async def test_why_and_route_speak_the_rules_sentences_in_the_screens_language(
    amal_store, make_app, lang, brings, route_words, trail
):
    """ "Why?" says first what the person's PIP says (what the activity brings and what for),
    then the rule trail: each rule id with its sentence in the screen's language, never the
    rule's recorded English text; the route tab says why this route the same way."""
    app = make_app(amal_store, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_plan(pilot)
        last = next(a for a in screen.plan.activities if a.module == "nt2-a2-b1-intensive")
        select_activity(screen, last.id)
        await pilot.press("w")
        await pilot.pause()
        why = " ".join(str(screen.query_one("#why").render()).split())
        assert brings in why
        assert why.index(brings) < why.index(last.reasons[0].rule)  # plain words first
        assert trail in why
        choice = next(r for r in last.reasons if r.rule == "padplanner.path.choice")
        assert choice.text.split(" (")[0] not in why or lang == "en"
        route = " ".join(str(screen.query_one("#route").render()).split())
        assert route_words in route
        assert route.index(screen.plan.route.reasons[0].rule) < route.index(route_words)
