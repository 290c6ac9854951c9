"""Names a client or a counsellor's edits use that no catalogue knows are input errors."""

from __future__ import annotations

import pytest

from padplanner import Adjustments
from padplanner.errors import InputError


def problems(planner, client, adjust=Adjustments()) -> list[tuple[str, str, str]]:
    with pytest.raises(InputError) as caught:
        planner.plan(client, adjust=adjust)
    return [(p.file, p.path, p.message) for p in caught.value.problems]


def test_unknown_sectors_modules_and_competencies_in_the_intake(planner, make_client):
    client = make_client(
        work={"goal": "logistic", "experience": ["care", "retial"]},
        progress={
            "hours_done": {"nt2-a1-a3": 10},
            "completed": ["pvtt", "speaking>=B3", "knm>=A1"],
        },
    )
    found = problems(planner, client)
    assert found == [
        ("case", "work.goal", found[0][2]),
        ("case", "work.experience[1]", found[1][2]),
        ("case", "progress.hours_done.nt2-a1-a3", found[2][2]),
        ("case", "progress.completed[0]", found[3][2]),
        ("case", "progress.completed[1]", found[4][2]),
        ("case", "progress.completed[2]", found[5][2]),
    ]
    messages = [m for _, _, m in found]
    assert "unknown sector 'logistic' (did you mean logistics?)" in messages[0]
    assert "(sectors: care, childcare-education, hospitality, logistics" in messages[0]
    assert "did you mean retail?" in messages[1]
    assert "unknown module 'nt2-a1-a3' (did you mean nt2-a1-a2?)" in messages[2]
    assert "unknown competency 'pvtt' (did you mean pvt?)" in messages[3]
    assert "levels A0 A1 A2 B1 B2 C1 C2" in messages[4]
    assert "'knm' is a flag" in messages[5]


def test_unknown_names_in_a_counsellors_edits(planner, make_client):
    adjust = Adjustments(
        pins={"knmm": 3}, remove={"pvt": "done"}, add={"job-coach": "x"}, sector="retial"
    )
    found = problems(planner, make_client(), adjust)
    assert [(f, p) for f, p, _ in found] == [
        ("adjustments", "pins.knmm"),
        ("adjustments", "add.job-coach"),
        ("adjustments", "sector"),
    ]
    assert "did you mean job-coaching?" in found[1][2] and "did you mean retail?" in found[2][2]


def test_another_municipalitys_module_is_history_not_a_typo(planner, make_client):
    """After a move, hours in the old municipality's own modules do not stop the new plan."""
    known = planner.known_names()
    local = sorted(known.modules - set(planner.catalog("").modules))
    if not local:
        pytest.skip("no municipality plugin with its own modules is installed")
    plan = planner.plan(make_client(progress={"hours_done": {local[0]: 12}}))
    assert local[0] not in {a.module for a in plan.activities}


def test_a_person_needs_at_least_one_day(make_client):
    with pytest.raises(InputError, match=r"availability\.days: list at least one day"):
        make_client(availability={"days": []})
