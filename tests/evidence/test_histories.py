"""The research histories: what the evidence tools read, and nothing more."""

from __future__ import annotations

from datetime import date

from padplanner.demo import generate
from padplanner.store import open_store
from padplanner.store.demo_fill import fill_demo
from padplanner.store.histories import EXCLUDED, PERMITTED, research_histories

TODAY = date(2026, 1, 5)


def test_histories_hold_only_permitted_fields_and_no_identities(tmp_path, planner):
    with open_store(f"sqlite:///{tmp_path / 'h.db'}", actor="t") as store:
        fill_demo(store, 40, seed=9, today=TODAY, planner=planner)
        histories = research_histories(store, "researcher", TODAY)
        (logged,) = store.audit(action="export", actor="researcher")
    people = generate(40, seed=9, today=TODAY)
    assert len(histories) == 40
    text = repr(histories)
    for person in people:
        assert person.id not in text and person.bsn not in text and person.name not in text
        assert person.birth_date.isoformat() not in text
    for history in histories:
        assert set(history.profile) == set(PERMITTED)
        assert not set(history.profile) & set(EXCLUDED)
        assert all(0 <= e.week <= history.observed_weeks + 1e-9 for e in history.events)
    assert logged.detail == "research histories: 40 people"
    kinds = {e.kind for h in histories for e in h.events}
    assert {"hours", "exam", "intervention", "lottery"} <= kinds
