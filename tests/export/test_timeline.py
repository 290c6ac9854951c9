"""The timeline data and geometry shared by the SVG and PDF pictures."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from docshelp import TODAY

from padplanner.export.timeline import (
    PATTERNS,
    build_timeline,
    dots,
    geometry,
    hatch,
    plan_start,
    text_gantt,
)
from padplanner.i18n import texts


def _timeline(made, today):
    return build_timeline(made.plan, texts("nl"), lambda a: a.title, today)


def test_bars_follow_the_plans_weeks(person):
    made = person("b1")
    tl = _timeline(made, made.plan.reference_date)
    assert [b.id for b in tl.bars] == [a.id for a in made.plan.activities]
    start = plan_start(made.plan)
    for bar, activity in zip(tl.bars, made.plan.activities, strict=True):
        assert tl.origin + timedelta(weeks=bar.start_week) == activity.start
        assert bar.weeks == activity.weeks and bar.note == f"{activity.hours_per_week} u/wk"
    assert tl.week_of(made.plan.deadline) == tl.deadline
    assert tl.origin <= start
    last = max(made.plan.deadline, made.plan.completion_date)
    assert tl.origin + timedelta(weeks=tl.weeks) > last


def test_today_is_marked_when_it_is_near_the_plan(person):
    made = person("b1")
    start = plan_start(made.plan)
    before = start - timedelta(weeks=3)
    tl = _timeline(made, before)
    assert tl.origin == start - timedelta(weeks=3) and tl.today == 0
    assert tl.bars[0].start_week == made.plan.activities[0].start_week + 3
    assert _timeline(made, start + timedelta(weeks=10)).today == 10
    assert _timeline(made, start - timedelta(weeks=200)).today is None
    assert _timeline(made, made.plan.deadline + timedelta(weeks=400)).today is None


def test_conversations_outside_the_figure_are_left_to_the_table(person):
    made = person("b1")
    tl = _timeline(made, TODAY)
    assert tl.marks and all(0 <= m.week <= tl.weeks for m in tl.marks)
    inside = [c for c in made.plan.check_ins if 0 <= tl.week_of(c.date) <= tl.weeks]
    assert len(tl.marks) == len(inside)


@pytest.mark.parametrize(
    ("route", "label"), [("b1", r"(jan|jul) \d{4}"), ("z", r"((jan|jul) )?\d{4}")]
)
def test_axis_labels_are_months_thinned_to_about_a_dozen(person, route, label):
    tl = _timeline(person(route), TODAY)
    assert 3 <= len(tl.ticks) <= 14
    assert all(re.fullmatch(label, t.label) for t in tl.ticks), [t.label for t in tl.ticks]
    weeks = [t.week for t in tl.ticks]
    assert weeks == sorted(weeks) and weeks[0] >= 0 and weeks[-1] <= tl.weeks


def test_every_kind_has_a_legend_entry_and_a_pattern(person):
    for route in ("b1", "onderwijs", "z"):
        tl = _timeline(person(route), TODAY)
        kinds = {b.kind for b in tl.bars}
        assert {k for k, _ in tl.legend} == kinds
        assert all(b.pattern in PATTERNS.values() for b in tl.bars)
    assert len(set(PATTERNS.values())) == len(PATTERNS)  # one pattern per kind


@pytest.mark.parametrize("pattern", sorted(set(PATTERNS.values())))
def test_hatching_stays_inside_its_bar(pattern):
    x, y, w, h = 10.0, 20.0, 37.0, 4.0
    for x1, y1, x2, y2 in hatch(x, y, w, h, pattern, 1.2):
        for px, py in ((x1, y1), (x2, y2)):
            assert x - 1e-9 <= px <= x + w + 1e-9 and y - 1e-9 <= py <= y + h + 1e-9
    assert all(x <= px <= x + w and y <= py <= y + h for px, py in dots(x, y, w, h, 1.2))
    if pattern not in ("solid", "dots"):
        assert hatch(x, y, w, h, pattern, 1.2)


def test_geometry_maps_weeks_to_the_plot_area(person):
    tl = _timeline(person("b1"), TODAY)
    g = geometry(tl, 960, 250, 22, right=40)
    assert g.x(tl, 0) == 250
    assert g.x(tl, tl.weeks) == pytest.approx(960 - 40)
    assert g.rows == len(tl.bars) + 1 and g.height == pytest.approx(22 * 1.1 + 22 * g.rows)


def test_the_text_timeline_has_a_row_per_activity(person):
    made = person("b1")
    tl = _timeline(made, TODAY)
    lines = text_gantt(tl).splitlines()
    assert len(lines) == len(tl.bars) + 4
    for line, bar in zip(lines[1:], tl.bars, strict=False):
        assert line.startswith(bar.label[:20]) and "█" in line
    assert "▲ vandaag" in lines[-1] and "┃ einddatum" in lines[-1]
