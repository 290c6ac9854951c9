"""Rule 8, budget: at most 40 % intensive mediation, explainable ranking, permitted fields only."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import attrs
import pytest
from padplanner_almere import CATALOG_DIR
from padplanner_almere.budget import INPUTS, hours_to_b1, rank_cohort

from padplanner.catalog import load_catalog, national_catalog_dir
from padplanner.errors import InputError
from padplanner.model import ClientView
from padplanner.plugin import PlanContext

AT = date(2025, 9, 1)
LEVELS = ("A0", "A1", "A2", "B1")
# ClientView fields the ranking may read (besides the id it reports back)
ALLOWED = {"id", *INPUTS}
FORBIDDEN = {"nationality", "country_of_birth", "ethnicity", "religion", "home_language", "name"}


def _ctx(planner, at: date = AT) -> PlanContext:
    return PlanContext(at, "GM0034", "wi2021", planner.catalog("GM0034"))


def _cohort(make_client, size: int) -> list[ClientView]:
    people = []
    for n in range(size):
        level = LEVELS[n % 4]
        client = make_client(
            id=f"c{n:03d}",
            municipality="GM0034",
            weekly_hours=(12, 16, 20, 24)[n % 4],
            learnability=("low", "average", "high")[n % 3],
            education=("primary", "secondary", "vocational", "higher")[(n // 2) % 4],
            aim="participation" if n % 7 == 6 else "work",
            levels={"reading": level, "listening": level, "writing": level, "speaking": level},
        )
        people.append(client.view(AT))
    return people


@pytest.mark.parametrize(("size", "places"), [(0, 0), (1, 0), (2, 0), (3, 1), (7, 2), (10, 4)])
def test_at_most_40_percent_get_intensive_mediation(
    padplanner_planner, padplanner_client, size, places
):
    priorities = rank_cohort(_cohort(padplanner_client, size), _ctx(padplanner_planner))
    assert len(priorities) == size  # everyone gets a place and a reason
    assert sorted(p.rank for p in priorities) == [float(r) for r in range(1, size + 1)]
    intensive = [p for p in priorities if p.intensive]
    assert len(intensive) <= 0.4 * size
    working = sum(1 for p in priorities if "job mediation does not apply" not in p.reason.text)
    assert len(intensive) == min(places, working)
    assert all(p.reason.rule == "almere.budget.intensive" for p in priorities)


def test_the_first_ranked_are_those_closest_to_b1_per_week(padplanner_planner, padplanner_client):
    ctx = _ctx(padplanner_planner)
    people = [c for c in _cohort(padplanner_client, 20) if c.aim == "work"]
    by_id = {c.id: c for c in people}
    priorities = sorted(rank_cohort(people, ctx), key=lambda p: p.rank)
    weeks = [
        hours_to_b1(by_id[p.client], ctx)[0] / by_id[p.client].weekly_hours for p in priorities
    ]
    assert weeks == sorted(weeks)
    first = priorities[0]
    assert first.intensive and "Place 1 of" in first.reason.text and "h to B1" in first.reason.text


def test_people_not_aiming_at_work_come_last_without_intensive_mediation(
    padplanner_planner, padplanner_client
):
    people = _cohort(padplanner_client, 14)
    priorities = {p.client: p for p in rank_cohort(people, _ctx(padplanner_planner))}
    others = [c.id for c in people if c.aim != "work"]
    assert others
    worst_worker = max(p.rank for p in priorities.values() if p.client not in others)
    for client_id in others:
        assert not priorities[client_id].intensive
        assert priorities[client_id].rank > worst_worker


def test_ranking_ignores_what_is_not_on_the_client_view(padplanner_planner, padplanner_client):
    """Name, BSN, birth date (so age) and notes differ; the ranking stays exactly the same."""
    ctx = _ctx(padplanner_planner)
    base = [
        padplanner_client(id=f"p{n}", municipality="GM0034", weekly_hours=10 + n) for n in range(5)
    ]
    other = [
        attrs.evolve(
            c,
            name=f"Someone {n}",
            bsn="249566758",
            notes="private",
            birth_date=date(1960 + 7 * n, 3, 1),
        )
        for n, c in enumerate(base)
    ]
    assert rank_cohort([c.view(AT) for c in base], ctx) == rank_cohort(
        [c.view(AT) for c in other], ctx
    )


class _Recorder:
    """A ClientView stand-in that records every field the ranking reads."""

    def __init__(self, view: ClientView, seen: set[str]):
        self._view, self._seen = view, seen

    def __getattr__(self, name: str):
        self._seen.add(name)
        return getattr(self._view, name)


def test_ranking_reads_only_permitted_fields(padplanner_planner, padplanner_client):
    seen: set[str] = set()
    people = [_Recorder(view, seen) for view in _cohort(padplanner_client, 8)]
    rank_cohort(people, _ctx(padplanner_planner))
    assert seen <= ALLOWED
    assert not FORBIDDEN & {f.name for f in attrs.fields(ClientView)}


def test_share_is_a_dated_parameter(tmp_path: Path, padplanner_client):
    """Both sides of a (test-only) date where the share changes: the cap follows the date."""
    override = tmp_path / "share.toml"
    override.write_text(
        'schema = "padplanner.catalog/1"\n'
        "[parameter.almere_intensive_share]\n"
        'values = [{ from = 2022-01-01, value = 0.4, source = "test" }, '
        '{ from = 2030-01-01, value = 0.2, source = "test" }]\n',
        encoding="utf-8",
    )
    catalog = load_catalog([national_catalog_dir()], overrides=[CATALOG_DIR, override])
    people = [padplanner_client(id=f"q{n}", municipality="GM0034").view(AT) for n in range(10)]

    def intensive(at: date) -> int:
        ctx = PlanContext(at, "GM0034", "wi2021", catalog)
        return sum(p.intensive for p in rank_cohort(people, ctx))

    assert intensive(date(2029, 12, 31)) == 4
    assert intensive(date(2030, 1, 1)) == 2


def test_the_municipality_hook_answers_for_almere_and_the_law_elsewhere(
    padplanner_planner, padplanner_client
):
    people = _cohort(padplanner_client, 5)
    ctx = _ctx(padplanner_planner)
    almere = padplanner_planner.manager.rules("GM0034").first(
        "padplanner_cohort_priority", "", clients=people, ctx=ctx
    )
    national = padplanner_planner.manager.rules("GM0000").first(
        "padplanner_cohort_priority", "", clients=people, ctx=ctx
    )
    assert {p.reason.rule for p in almere} == {"almere.budget.intensive"}
    assert {p.reason.rule for p in national} == {"wi2021.cohort.fifo"}


def test_catalogue_declares_the_share_with_its_source():
    with (CATALOG_DIR / "almere.toml").open("rb") as handle:
        share = tomllib.load(handle)["parameter"]["almere_intensive_share"]["values"][0]
    assert share["value"] == 0.4 and "40 %" in share["source"]


def test_the_cohort_policy_marks_at_most_40_percent_for_intensive_mediation(padplanner_planner):
    """Almere's policy in the cohort simulation: at most 40 % intensive, followed for 26 weeks,
    and no excluded field read."""
    from padplanner.cohort import policies
    from padplanner.cohort.intake import synthetic_intake

    manager = padplanner_planner.manager
    policy = policies.get_policy("almere-40", "GM0034", manager)
    views = [c.view(AT) for c in synthetic_intake(120, seed=3, municipality="GM0034")]
    ctx = policies.context(padplanner_planner, "GM0034", AT)
    tickets = policies.tickets(policy, views, ctx, manager)
    intensive = [t for t in tickets if t.intensive]
    assert 0 < len(intensive) <= 0.4 * len(views)
    assert all(t.follow_up_weeks == 26 for t in intensive)
    assert not any(t.follow_up_weeks for t in tickets if not t.intensive)
    read = {name for t in tickets for name in t.reason.inputs}
    assert not read & {*policies.EXCLUDED_FIELDS, *policies.NOT_SHOWN_TO_RULES}
    # offered through the padplanner_cohort_policies hook, to Almere's cohort only, and
    # titled in Dutch and English in the plugin's catalogue
    assert policy.municipality == "GM0034"
    with pytest.raises(InputError, match="almere-40 is the policy of GM0034, not GM0363"):
        policies.get_policy("almere-40", "GM0363", manager)
    catalog = padplanner_planner.catalog("GM0034")
    assert policies.said(policy, catalog, "nl")[0].startswith("Almere: intensieve bemiddeling")
    assert policies.said(policy, catalog, "en")[0].startswith("Almere: intensive mediation")
    assert policies.unsaid_policies(manager, padplanner_planner.catalog) == []
