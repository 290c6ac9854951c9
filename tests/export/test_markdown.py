"""Markdown: the same document, with tables that stay tables."""

from __future__ import annotations

import pytest
from docshelp import ROUTES

from padplanner.export.pip import ORDER, SECTIONS
from padplanner.export.templates import cell, md
from padplanner.i18n import texts


@pytest.mark.parametrize("route", ROUTES)
def test_markdown_has_every_part_and_the_timeline(person, route):
    made = person(route)
    text = made.render("md")
    t = texts("nl")
    assert text.startswith("# Persoonlijk Plan Inburgering en Participatie (PIP)\n")
    for number, key in enumerate(ORDER, start=1):
        assert f"\n## {number}. {t(SECTIONS[key])}\n" in text
    assert "```text\n" in text and "▲ vandaag" in text
    assert "\n\n\n" not in text
    for activity in made.plan.activities:
        assert f"| {activity.title} |" in text


def test_table_cells_escape_pipes_and_markup(make):
    made = make(
        {"id": "doc-md", "route": {"choice": "z", "reason": "Besproken: a | b, *niet* _cursief_"}}
    )
    text = made.render("md")
    row = next(line for line in text.splitlines() if line.startswith("| counsellor.route |"))
    assert "a \\| b, \\*niet\\* \\_cursief\\_" in row
    assert row.count(" | ") == 2  # three columns survive


def test_escaping_helpers():
    assert md("# 1 *a* _b_ [c] <d>") == "\\# 1 \\*a\\* \\_b\\_ \\[c\\] \\<d\\>"
    assert cell("a|b\nc") == "a\\|b c"


def test_the_summary_in_markdown(person):
    text = person("b1").render("md", audience="person")
    assert text.startswith("# Uw plan voor inburgering\n")
    assert "## Wat gaat u doen?" in text and "## Vragen?" in text
