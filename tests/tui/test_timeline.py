"""The timeline reads without colour: a character per kind, named markers, late weeks."""

from __future__ import annotations

from datetime import date

import attrs

from padplanner.clientfile import load_client
from padplanner.i18n import texts
from padplanner.tui import words
from padplanner.tui.widgets.timeline import DEADLINE, GLYPHS, LATE, TODAY, layout, render_lines

from .conftest import TODAY as DAY
from .test_flows import AMAL

T = texts("nl")


def plain(lines):
    return [line.plain for line in lines]


def test_bars_markers_and_legend(tui_planner):
    plan = tui_planner.plan(load_client(AMAL), at=DAY)
    lines = plain(render_lines(plan, date(2026, 6, 1), 100, 0, T))
    assert all(len(line) <= 100 for line in lines)
    text = "\n".join(lines)
    assert "▼vandaag" in text or "vandaag▼" in text
    assert "einde termijn" in text
    rows = {line[:20].strip().rstrip("…"): line for line in lines[3 : 3 + len(plan.activities)]}
    for activity in plan.activities:
        row = next(r for title, r in rows.items() if activity.title.startswith(title))
        assert GLYPHS[activity.kind] in row and DEADLINE in row
    # today is drawn where no bar is, and the legend names every glyph
    assert any(TODAY in line for line in lines[3:])
    for kind in {a.kind for a in plan.activities}:
        assert f"{GLYPHS[kind]} {T(words.KINDS[kind])}" in text


def test_weeks_after_the_deadline_are_marked_late(tui_planner):
    client = attrs.evolve(load_client(AMAL), weekly_hours=4)
    plan = tui_planner.plan(client, at=DAY)
    assert plan.completion_date > plan.deadline
    text = "\n".join(plain(render_lines(plan, DAY, 100, 0, T)))
    assert LATE in text


def test_zoom_sets_weeks_per_column(tui_planner):
    plan = tui_planner.plan(load_client(AMAL), at=DAY)
    fit = layout(plan, DAY, 80, 0)
    assert fit.weeks_per_col >= 2
    one = layout(plan, DAY, 80, 1)
    assert one.weeks_per_col == 1 and one.columns > 80
    assert one.today_col == 0
    lines = plain(render_lines(plan, DAY, 80, 1, T))
    assert max(len(line) for line in lines) > 100  # scrolls sideways


def test_english_labels(tui_planner):
    plan = tui_planner.plan(load_client(AMAL), at=DAY)
    text = "\n".join(plain(render_lines(plan, DAY, 100, 0, texts("en"))))
    assert "end of term" in text and "1 column" in text
