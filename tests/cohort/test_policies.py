"""Priority rules: the national default, municipal rules, and what a rule may never see."""

from __future__ import annotations

import random
from datetime import date

import attrs
import pytest

from padplanner.cohort import policies
from padplanner.cohort.simulate import prepare, run_policy
from padplanner.errors import InputError, PlanningError
from padplanner.model import ClientView
from padplanner.plugin import PluginInfo, Priority, Reason, hookimpl
from padplanner.plugins import PluginManager

SPY_CODE = "GM9999"
FORBIDDEN = (*policies.EXCLUDED_FIELDS, *policies.NOT_SHOWN_TO_RULES)


class Spy:
    """A municipal priority rule that records what it is shown and ranks on permitted fields."""

    def __init__(self, inputs=("education", "levels"), mangle=None):
        self.seen: list[ClientView] = []
        self.inputs = inputs
        self.mangle = mangle

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("spy", "1", municipalities=(SPY_CODE,))

    @hookimpl
    def padplanner_cohort_priority(self, clients, ctx):
        self.seen.extend(clients)
        order = {"higher": 0, "vocational": 1, "secondary": 2, "primary": 3, "none": 4}
        out = [
            Priority(
                c.id,
                order[c.education] * 10 + int(min(c.levels.as_dict().values())),
                Reason("spy.rank", f"education {c.education}", self.inputs),
                intensive=c.education in ("higher", "vocational"),
            )
            for c in clients
        ]
        return self.mangle(out) if self.mangle else out


def _spy_manager(spy) -> PluginManager:
    manager = PluginManager.default(entry_points=False)
    assert manager.register(spy, "spy") == "spy"
    return manager


def _views(intake, code=SPY_CODE):
    return [attrs.evolve(c, municipality=code).view(date(2026, 1, 5)) for c in intake]


def _ctx(planner, code=SPY_CODE):
    return policies.context(planner, code, date(2026, 1, 5))


def test_a_priority_rule_never_sees_an_excluded_field(intake, planner):
    spy = Spy()
    manager = _spy_manager(spy)
    policy = policies.get_policy("municipal", SPY_CODE, manager)
    tickets = policies.tickets(policy, _views(intake), _ctx(planner), manager)
    assert len(spy.seen) == len(intake) == len(tickets)
    names = {field.name for field in attrs.fields(ClientView)}
    assert not names & set(FORBIDDEN)
    for view in spy.seen:
        assert isinstance(view, ClientView)
        for field in FORBIDDEN:
            assert not hasattr(view, field), field


def test_shuffling_names_and_bsns_does_not_change_any_priority(intake, planner):
    manager = _spy_manager(Spy())
    rng = random.Random(7)
    names = [c.name for c in intake]
    bsns = [c.bsn for c in intake]
    rng.shuffle(names)
    rng.shuffle(bsns)
    renamed = [
        attrs.evolve(c, name=f"{n} Zz", bsn=b, notes="free text")
        for c, n, b in zip(intake, names, bsns, strict=True)
    ]
    assert [c.name for c in renamed] != [c.name for c in intake]
    policy = policies.get_policy("municipal", SPY_CODE, manager)
    before = policies.tickets(policy, _views(intake), _ctx(planner), manager)
    after = policies.tickets(policy, _views(renamed), _ctx(planner), manager)
    assert before == after


def test_the_whole_pipeline_hands_the_rule_only_client_views(intake, planner):
    from padplanner.engine.planner import Planner

    spy = Spy()
    local = Planner(_spy_manager(spy))
    cohort = prepare(intake[:30], SPY_CODE, local, workers=1)
    run = run_policy(cohort, policies.POLICIES["municipal"], local)
    assert spy.seen and all(type(v) is ClientView for v in spy.seen)
    assert run.priority_fields == ("education", "levels")
    assert {p.priority.rule for p in run.allocation.placements} == {"spy.rank"}


@pytest.mark.parametrize("field", ["home_language", "nationality", "name", "birth_date"])
def test_a_rule_that_says_it_read_an_excluded_field_is_refused(intake, planner, field):
    manager = _spy_manager(Spy(inputs=("education", field)))
    policy = policies.get_policy("municipal", SPY_CODE, manager)
    with pytest.raises(PlanningError, match=field) as caught:
        policies.tickets(policy, _views(intake), _ctx(planner), manager)
    assert caught.value.plugin == "spy"


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda out: out[1:], "no place for 1 people"),
        (lambda out: [*out, out[0]], "appears twice"),
        (lambda out: [attrs.evolve(out[0], client="stranger"), *out[1:]], "not in the cohort"),
        (lambda out: [attrs.evolve(out[0], reason=Reason("x", "")), *out[1:]], "no reason"),
    ],
)
def test_an_unusable_answer_stops_with_the_plugin_named(intake, planner, mangle, message):
    manager = _spy_manager(Spy(mangle=mangle))
    policy = policies.get_policy("municipal", SPY_CODE, manager)
    with pytest.raises(PlanningError, match=message):
        policies.tickets(policy, _views(intake), _ctx(planner), manager)


def test_the_national_default_is_first_come_first_served(intake, planner):
    manager = PluginManager.default(entry_points=False)
    views = _views(intake, "GM0000")
    tickets = policies.tickets(policies.POLICIES["fifo"], views, _ctx(planner, "GM0000"), manager)
    expected = [v.id for v in sorted(views, key=lambda v: (v.term_start, v.id))]
    assert [t.id for t in tickets] == expected
    assert [t.place for t in tickets] == list(range(1, len(views) + 1))
    assert {t.reason.rule for t in tickets} == {"wi2021.cohort.fifo"}
    assert all(t.reason.inputs == ("term_start",) for t in tickets)
    assert not any(t.intensive for t in tickets)


def test_national_order_ignores_the_municipal_rule(intake, planner):
    manager = _spy_manager(Spy())
    views = _views(intake)
    tickets = policies.tickets(policies.POLICIES["everyone"], views, _ctx(planner), manager)
    assert {t.reason.rule for t in tickets} == {"wi2021.cohort.fifo"}
    assert all(t.intensive and t.follow_up_weeks == 52 for t in tickets)


def test_a_municipal_rule_marks_its_share_for_intensive_mediation(intake, municipal_plugins):
    from padplanner.engine.planner import Planner

    planner = Planner.default()  # with the test municipalities installed
    policy = policies.get_policy("municipal", "GM9901", planner.manager)
    views = _views(intake, "GM9901")
    tickets = policies.tickets(policy, views, _ctx(planner, "GM9901"), planner.manager)
    intensive = [t for t in tickets if t.intensive]
    assert len(intensive) == int(0.3 * len(views))  # the municipality's dated share
    assert {t.reason.rule for t in tickets} == {"proefstad.cohort.hours"}
    read = {name for t in tickets for name in t.reason.inputs}
    assert not read & set(FORBIDDEN)


def test_policy_names_and_municipalities_are_checked(planner):
    import testplugins

    bare = PluginManager.default(entry_points=False)
    local = testplugins.planner().manager
    with pytest.raises(InputError, match="unknown policy 'cheapest'"):
        policies.get_policy("cheapest", "GM0034", planner.manager)
    with pytest.raises(InputError, match="policy of GM9901, not GM0363"):
        policies.get_policy("proefstad-30", "GM0363", local)
    assert policies.get_policy("proefstad-30", "GM9901", local).municipality == "GM9901"
    with pytest.raises(InputError, match="unknown policy 'proefstad-30'"):
        policies.get_policy("proefstad-30", "GM9901", bare)  # its plugin is not installed


class Unworded:
    """Offers a cohort policy the catalogues give no words."""

    @hookimpl
    def padplanner_plugin_info(self):
        return PluginInfo("unworded", "1", municipalities=(SPY_CODE,))

    @hookimpl
    def padplanner_cohort_policies(self, municipality):
        from padplanner.plugin import CohortPolicy

        return [
            CohortPolicy(
                "unworded-10",
                "Ten per cent",
                "...",
                order="municipal",
                intensive="rule",
                follow_up_weeks=26,
                source="policy: a test",
                municipality=SPY_CODE,
            )
        ]


def test_every_shipped_policy_has_words_and_a_policy_without_them_is_reported(planner):
    """The national policies and those of the shipped plugins are titled and described in Dutch
    and English in the catalogues; a plugin's policy without words is a problem `padplanner
    check` reports (the title the plugin wrote is shown meanwhile)."""
    import testplugins

    from padplanner.engine.planner import Planner

    assert policies.unsaid_policies(planner.manager, planner.catalog) == []
    local = testplugins.planner()
    assert "proefstad-30" in policies.offered(local.manager)
    assert policies.unsaid_policies(local.manager, local.catalog) == []
    manager = PluginManager.default(entry_points=False)
    manager.register(Unworded(), "unworded")
    bare = Planner(manager)
    problems = policies.unsaid_policies(manager, bare.catalog)
    assert [p.path for p in problems] == [
        "words.cohort_policy.unworded-10",
        "words.cohort_policy_about.unworded-10",
    ]
    policy = policies.offered(manager)["unworded-10"]
    assert policies.said(policy, bare.catalog(SPY_CODE), "nl") == ("Ten per cent", "...")
