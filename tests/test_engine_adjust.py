"""A counsellor's adjustments read back from the form a revision stores them in."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from padplanner.engine.adjust import Adjustments

MODULES = st.sampled_from(["knm", "map", "nt2-a0-a1", "values-series", "pvt"])
TEXTS = st.text(min_size=1, max_size=20)

ADJUSTMENTS = st.builds(
    Adjustments,
    pins=st.dictionaries(MODULES, st.integers(0, 150)),
    remove=st.dictionaries(MODULES, TEXTS),
    add=st.dictionaries(MODULES, TEXTS),
    weekly_hours=st.none() | st.integers(1, 40),
    days=st.none() | st.lists(st.sampled_from(["mon", "tue", "wed"]), min_size=1).map(tuple),
    sector=st.none() | st.sampled_from(["care", "logistics"]),
)


@given(ADJUSTMENTS)
def test_adjustments_survive_the_json_a_revision_stores(adjust):
    stored = json.loads(json.dumps(adjust.to_dict()))
    assert Adjustments.from_dict(stored) == adjust


def test_nothing_stored_is_no_adjustment():
    assert Adjustments.from_dict(None) == Adjustments()
    assert Adjustments.from_dict({}) == Adjustments()


def test_keys_of_a_later_version_are_left_out():
    # a revision saved by a later padplanner, with an edit this version does not know
    assert Adjustments.from_dict({"days": ["tue"], "breaks": [3]}) == Adjustments(days=("tue",))


def test_pins_are_whole_weeks_and_nothing_is_shared_with_the_input():
    stored = {"pins": {"knm": "3"}, "remove": {"map": "why"}}
    adjust = Adjustments.from_dict(stored)
    assert adjust.pins == {"knm": 3}
    stored["remove"]["pvt"] = "later"
    assert adjust.remove == {"map": "why"}
