"""The progress screen's "Wat": each kind of recorded event in the reader's words."""

from __future__ import annotations

from datetime import date

import pytest

from padplanner.i18n import texts
from padplanner.store.events import (
    ComponentCompleted,
    ContactHeld,
    ExamResult,
    ExtensionGranted,
    HoursAttended,
    JobEnded,
    JobStarted,
    Moved,
    PipSet,
    PlacementEnded,
    PlacementStarted,
    PlanDiscussed,
    TermEnded,
)
from padplanner.tui.event_text import event_text

ON = date(2026, 3, 2)
EVENTS = [
    HoursAttended(ON, "knm", 12.5, in_person=False),
    ExamResult(ON, "reading", "B1", passed=False),
    ComponentCompleted(ON, "pvt"),
    PlacementStarted(ON, "care"),
    PlacementEnded(ON, "care", completed=False),
    JobStarted(ON, "logistics", 24),
    JobEnded(ON, note="contract\nended"),
    ExtensionGranted.birth(ON),
    Moved(ON, "GM0363"),
    TermEnded(ON, "exempted"),
    ContactHeld(ON, "map-final"),
    PipSet(ON, 3),
    PlanDiscussed(ON, 2, interpreter=True, agreement="partly"),
]
DUTCH = [
    "12,5 uur in Kennis van de Nederlandse Maatschappij (KNM) (op afstand)",
    "Lezen B1: niet gehaald",
    "Participatieverklaringstraject",
    "Zorg",
    "Zorg: voortijdig gestopt",
    "Logistiek, 24 uur per week",
    "contract\\nended",
    "16 weken (geboorte van een kind)",
    "naar GM0363",
    "ontheven",
    "eindgesprek MAP",
    "revisie 3",
    "revisie 2, met tolk, deels eens met het plan",
]
ENGLISH = [
    "12.5 hours in Knowledge of Dutch society (KNM) (remote)",
    "Reading B1: not passed",
    "Participation declaration programme",
    "Care",
    "Care: stopped early",
    "Logistics, 24 hours a week",
    "contract\\nended",
    "16 weeks (birth of a child)",
    "to GM0363",
    "exempted",
    "MAP final interview",
    "revision 3",
    "revision 2, with an interpreter, partly agrees with the plan",
]


@pytest.mark.parametrize(("lang", "expected"), [("nl", DUTCH), ("en", ENGLISH)])
def test_each_kind_of_event_is_said_in_the_readers_words(planner, lang, expected):
    catalog = planner.catalog("")
    said = [event_text(texts(lang), event, catalog) for event in EVENTS]
    assert said == expected
    assert not any("=" in text for text in said)


def test_without_a_catalogue_the_ids_stand_in_for_titles():
    assert event_text(texts("nl"), HoursAttended(ON, "knm", 2), None) == "2 uur in knm"


def test_a_risk_names_the_module_behind_by_its_title_where_the_reader_has_one():
    from padplanner.store.risk import ModuleRef, Note

    item = Note(
        "risk.behind.item", (("module", ModuleRef("knm")), ("attended", 3), ("expected", 10))
    )
    note = Note("risk.behind", (("modules", (item,)),))
    t = texts("nl")
    assert "Kennis" in note.text(t, {"knm": "Kennis van de Nederlandse Maatschappij"}.get)
    assert "knm 3 van 10" in note.text(t)
