"""The person's own voice: their goals, wishes and worries in their own words, and how the
plan was discussed with them. Shown in the PIP and first in the A2 summary; never in a
plugin's view, the research dataset, the histories or the logs; erased by forget."""

from __future__ import annotations

import csv
import json
from datetime import date

import attrs
import pytest
from storehelp import AMAL

from padplanner.clientfile import load_client, parse_client
from padplanner.errors import InputError
from padplanner.export import render
from padplanner.export.document import build_document
from padplanner.store.events import PlanDiscussed, discussion

GOALS = "Ik wil verpleegkundige worden, zoals in Aleppo."
WISHES = "Lessen in de ochtend, als de kinderen op school zijn."
WORRIES = "Mijn moeder is ziek; soms moet ik naar haar toe."
OWN = {"own_goals": GOALS, "own_wishes": WISHES, "own_worries": WORRIES}


@pytest.fixture
def amal_own():
    return attrs.evolve(load_client(AMAL), **OWN)


def _texts(blob: str) -> list[str]:
    return [w for w in (GOALS, WISHES, WORRIES) if w in blob]


def test_the_client_file_reads_and_bounds_the_own_words(amal_own):
    from padplanner.clientfile import client_to_dict

    data = client_to_dict(amal_own)
    assert data["own_goals"] == GOALS
    assert parse_client(data, "amal.toml") == amal_own
    too_long = {**data, "own_worries": "x" * 2001}
    with pytest.raises(InputError) as caught:
        parse_client(too_long, "amal.toml")
    assert caught.value.problems[0].path == "own_worries"
    control = {**data, "own_goals": "ik wil\x07 werken"}
    with pytest.raises(InputError) as caught:
        parse_client(control, "amal.toml")
    assert caught.value.problems[0].path == "own_goals"
    lines = {**data, "own_wishes": "eerst taal\nen dan werk"}
    assert parse_client(lines, "amal.toml").own_wishes == "eerst taal\nen dan werk"


def test_a_plugin_never_sees_the_own_words(amal_own, plugin_planner):
    from padplanner.plugin import hookimpl

    seen: list[str] = []

    class Spy:
        @hookimpl
        def padplanner_plugin_info(self):
            from padplanner.plugin import PluginInfo

            return PluginInfo("spy", "1.0")

        @hookimpl
        def padplanner_goals(self, client, route, ctx):
            seen.append(repr(client) + repr(attrs.asdict(client)))
            return []

    plan = plugin_planner(Spy()).plan(amal_own)
    assert seen and not _texts("".join(seen))
    assert not any(hasattr(amal_own.view(date(2026, 1, 5)), k) for k in OWN)
    assert not _texts(plan.to_json())


def test_the_pip_shows_what_the_person_wants_and_how_the_plan_was_discussed(amal_own, planner):
    plan = planner.plan(amal_own)
    talk = PlanDiscussed(date(2025, 9, 10), 1, interpreter=True, agreement="partly")
    text = render(plan, "md", client=amal_own, lang="nl", discussion=talk)
    assert "Wat u zelf wilt" in text and all(w in text for w in (GOALS, WISHES, WORRIES))
    assert "Zo is dit plan besproken" in text
    assert "10 september 2025" in text and "met een tolk" in text and "gedeeltelijk" in text
    assert text.index("Wat u zelf wilt") < text.index("Zo is dit plan besproken")
    english = render(plan, "html", client=amal_own, lang="en", discussion=talk)
    assert "What you want yourself" in english and "with an interpreter" in english
    # without them (an older intake, no discussion recorded) the sections are left out
    plain = render(plan, "md", client=load_client(AMAL), lang="nl")
    assert "Wat u zelf wilt" not in plain and "Zo is dit plan besproken" not in plain


def test_the_a2_summary_puts_the_own_goal_first(amal_own, planner):
    plan = planner.plan(amal_own)
    doc = build_document(plan, client=amal_own, lang="nl", audience="person")
    first = doc.sections[0]
    assert (first.key, first.heading) == ("own", "Wat u zelf wilt")
    assert first.blocks[0].text == GOALS
    pdf = render(plan, "pdf", client=amal_own, lang="nl", audience="person")
    assert pdf[:4] == b"%PDF"


def test_the_discussion_of_a_revision_is_found():
    first = PlanDiscussed(date(2026, 1, 10), revision=1)
    later = PlanDiscussed(date(2026, 3, 1), revision=None, agreement="disagrees")
    assert discussion([first, later], 1, date(2026, 1, 5)) == later
    assert discussion([first], 2, date(2026, 2, 1)) is None
    assert discussion([first, later], 2, date(2026, 2, 1)) == later


def test_stored_shown_never_logged_never_researched_and_erased(
    cli, store, amal_own, planner, tmp_path
):
    store.add_person(amal_own, "j.jansen")
    store.replan(amal_own.id, planner, "j.jansen", date(2026, 1, 5))
    store.record_event(
        amal_own.id, PlanDiscussed(date(2026, 1, 6), 1, interpreter=False, agreement="agrees"), "j"
    )
    assert store.get_person(amal_own.id).own_goals == GOALS
    intake_json = _intake_json(store, amal_own.id)
    assert not _texts(intake_json)  # kept in columns of their own, erased by forget
    code, _, err = cli(
        "export", amal_own.id, "-f", "md", "-o", tmp_path / "pip.md", "--db", store.url
    )
    assert code == 0, err
    pip = (tmp_path / "pip.md").read_text()
    assert GOALS in pip and "zonder tolk" in pip and "6 januari 2026" in pip
    logs = json.dumps(
        [e.detail for e in store.audit()] + [e.detail for e in store.accesses()],
        ensure_ascii=False,
    )
    assert not _texts(logs)
    rows = json.dumps(store.research_rows(), ensure_ascii=False, default=str)
    assert not _texts(rows)
    store.forget(amal_own.id, "j.jansen")
    erased = store.get_person(amal_own.id)
    assert (erased.own_goals, erased.own_wishes, erased.own_worries) == (None, None, None)


def _intake_json(store, person_id: str) -> str:
    from sqlalchemy import select

    from padplanner.store.schema import people

    with store.read() as conn:
        return conn.execute(select(people.c.intake).where(people.c.id == person_id)).scalar()


def test_the_discussed_event_is_checked(cli, store):
    from padplanner.store.validation import event_from_dict

    with pytest.raises(InputError) as caught:
        event_from_dict({"kind": "discussed", "on": "2026-01-06", "agreement": "maybe"})
    assert caught.value.problems[0].path == "agreement"


def test_imported_own_words_stay_out_of_the_report_logs_and_research_export(
    cli, sqlite_url, tmp_path, caplog
):
    import logging

    from importhelp import GOOD, HEADER, MAPPING

    from padplanner.store import open_store

    caplog.set_level(logging.DEBUG)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        MAPPING.read_text().replace(
            "[columns]\n", '[columns]\nown_goals = "Eigen doel"\nown_worries = "Zorgen"\n', 1
        )
    )
    rows = [[*GOOD[0], GOALS, WORRIES], *[[*r, "", ""] for r in GOOD[1:]]]
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:  # the ; in a cell is quoted
        csv.writer(handle, delimiter=";").writerows([[*HEADER, "Eigen doel", "Zorgen"], *rows])
    code, out, err = cli("import", path, "-m", mapping, "--db", sqlite_url, "--json")
    assert code == 0, err
    assert not _texts(out + err)
    with open_store(sqlite_url) as store:
        amal = store.get_person("INB-1")
        assert (amal.own_goals, amal.own_worries) == (GOALS, WORRIES)
        logs = [e.detail for e in store.audit()] + [e.detail for e in store.accesses()]
        assert not _texts(json.dumps(logs, ensure_ascii=False))
    code, _, err = cli("export", "INB-1", "-f", "md", "-o", tmp_path / "pip.md", "--db", sqlite_url)
    assert code == 0 and GOALS in (tmp_path / "pip.md").read_text()
    for fmt in ("jsonl", "csv"):
        target = tmp_path / f"research.{fmt}"
        code, _, err = cli("export", "research", "-o", target, "--db", sqlite_url)
        assert code == 0, err
        assert not _texts(target.read_text())
    assert not _texts("\n".join(r.getMessage() for r in caplog.records))
