"""The TUI's words: every key binding and every value a screen shows has a text in both
languages (the catalogues themselves are checked in tests/i18n)."""

from __future__ import annotations

import pytest

from padplanner.i18n import LANGS, texts
from padplanner.tui import words
from padplanner.tui.settings import Settings


def _actions():
    from padplanner.tui import actions
    from padplanner.tui.screens.cohort import CohortScreen
    from padplanner.tui.screens.plan import PlanScreen

    tables = [getattr(actions, name) for name in dir(actions) if name.isupper()]
    found = {a for table in tables if isinstance(table, tuple) for a in table}
    found |= set(PlanScreen.ACTIONS) | set(CohortScreen.ACTIONS)
    return sorted(found, key=lambda a: a.id)


@pytest.mark.parametrize("lang", LANGS)
def test_every_binding_has_an_id_and_a_translated_description(lang):
    ids = [action.id for action in _actions()]
    assert len(ids) == len(set(ids))
    t = texts(lang)
    assert [a.text for a in _actions() if not t.has(a.text)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_value_a_screen_shows_has_words(lang):
    from padplanner.model.client import AIMS, DIPLOMAS, EDUCATION, LEARNABILITY, LITERACY, ROUTES
    from padplanner.model.module import KINDS
    from padplanner.store import PHASES, RISKS
    from padplanner.tui.intake_form import FIELDS, SECTIONS
    from padplanner.tui.screens.progress import KINDS as EVENT_KINDS

    expected = {
        "ROUTES": ROUTES,
        "SHORT_ROUTES": ROUTES,
        "RISKS": RISKS,
        "PHASES": PHASES,
        "KINDS": KINDS,
        "LEARNABILITY": LEARNABILITY,
        "EDUCATION": EDUCATION,
        "LITERACY": LITERACY,
        "AIM": AIMS,
        "FOREIGN_DIPLOMA": DIPLOMAS,
        "EVENT_KINDS": EVENT_KINDS,
        "SECTIONS": SECTIONS,
        "FIELDS": [spec.key for spec in FIELDS],
    }
    t = texts(lang)
    for table, values in expected.items():
        known = getattr(words, table)
        assert [v for v in values if v not in known] == [], table
        assert all(t.has(key) for key in known.values()), table


def test_a_value_no_table_knows_is_shown_as_it_is():
    t = texts("en")
    assert words.route_name(t, "z") == "Z route"
    assert words.route_name(t, None) == "–"
    assert words.word(t, words.PHASES, "a-plugin-phase") == "a-plugin-phase"


def test_settings_round_trip(tmp_path):
    path = tmp_path / "a" / "tui.toml"
    assert Settings.read(path) == Settings()
    Settings(lang="en").write(path)
    assert Settings.read(path).lang == "en"
    path.write_text("lang = [", encoding="utf-8")
    assert Settings.read(path) == Settings()  # a broken file gives the defaults
