"""One catalogue for every text: complete in both languages, and every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import padplanner.tui
from padplanner.tui.i18n import CATALOGUE, LANGS, Texts, resolve_lang
from padplanner.tui.settings import Settings

SOURCE = Path(padplanner.tui.__file__).parent
# texts looked up by a literal key: t("..."), self.t("..."), texts("..."), t.get("..."),
# TITLE_KEY / HELP_KEY = "...", Change("...")
LITERAL = re.compile(
    r"""(?:\bt|texts)(?:\.get)?\(\s*["']([a-z][a-z0-9_.\-]*)["']"""
    r"""|_KEY\s*=\s*["']([a-z][a-z0-9_.\-]*)["']"""
    r"""|Change\(\s*["']([a-z][a-z0-9_.\-]*)["']"""
)


def test_every_text_exists_in_both_languages_with_the_same_fields():
    fields = string.Formatter()
    for key, texts in CATALOGUE.items():
        assert len(texts) == len(LANGS), key
        names = [{f[1] for f in fields.parse(text) if f[1]} for text in texts]
        assert names[0] == names[1], f"{key}: {names}"
        if texts[0]:
            assert all(texts), key


def _actions():
    from padplanner.tui import actions
    from padplanner.tui.screens.plan import PlanScreen

    found = {a for name in dir(actions) if name.isupper() for a in getattr(actions, name)}
    return sorted(found | set(PlanScreen.ACTIONS), key=lambda a: a.id)


def test_every_key_in_the_source_is_in_the_catalogue():
    used = set()
    for path in SOURCE.rglob("*.py"):
        for match in LITERAL.findall(path.read_text(encoding="utf-8")):
            used |= {key for key in match if key}
    assert len(used) > 100  # the scan finds the texts
    missing = sorted(key for key in used if key not in CATALOGUE and not key.endswith("."))
    assert not missing


def test_every_binding_has_an_id_and_a_translated_description():
    ids = [action.id for action in _actions()]
    assert len(ids) == len(set(ids))
    assert [a.text for a in _actions() if a.text not in CATALOGUE] == []


def test_dynamic_keys_are_complete():
    from padplanner.model.client import AIMS, DAYS, EDUCATION, LEARNABILITY, LITERACY, ROUTES
    from padplanner.model.module import KINDS
    from padplanner.store import PHASES, RISKS
    from padplanner.tui.screens.progress import KINDS as EVENT_KINDS

    expected = (
        [f"route.{r}" for r in ROUTES]
        + [f"route.short.{r}" for r in ROUTES]
        + [f"risk.{r}" for r in RISKS]
        + [f"phase.{p}" for p in PHASES]
        + [f"kind.{k}" for k in KINDS]
        + [f"value.day.{d}" for d in DAYS]
        + [f"value.learnability.{v}" for v in LEARNABILITY]
        + [f"value.education.{v}" for v in EDUCATION]
        + [f"value.literacy.{v}" for v in LITERACY]
        + [f"value.aim.{v}" for v in AIMS]
        + [f"progress.kind.{k}" for k in EVENT_KINDS]
        + [f"progress.amount.{k}" for k in EVENT_KINDS]
    )
    assert [key for key in expected if key not in CATALOGUE] == []


def test_language_choice_order(monkeypatch):
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    assert resolve_lang() == "nl"
    assert resolve_lang(setting="en") == "en"
    monkeypatch.setenv("PADPLANNER_LANG", "en_GB.UTF-8")
    assert resolve_lang(setting="nl") == "en"
    assert resolve_lang("nl", setting="en") == "nl"
    monkeypatch.setenv("PADPLANNER_LANG", "fr")
    assert resolve_lang() == "nl"


def test_numbers_as_each_language_writes_them():
    assert Texts("nl").number(2206.5, 1) == "2.206,5"
    assert Texts("en").number(2206.5, 1) == "2,206.5"
    assert Texts("nl").number(-12) == "-12"


def test_texts_fill_fields_and_refuse_unknown_keys():
    t = Texts("en")
    assert t("intake.saved", id="x-1") == "Draft saved: x-1"
    assert t.route("z") == "Z route" and t.route(None) == "–"
    with pytest.raises(KeyError):
        t("no.such.key")
    with pytest.raises(ValueError):
        Texts("de")


def test_settings_round_trip(tmp_path):
    path = tmp_path / "a" / "tui.toml"
    assert Settings.read(path) == Settings()
    Settings(lang="en").write(path)
    assert Settings.read(path).lang == "en"
    path.write_text("lang = [", encoding="utf-8")
    assert Settings.read(path) == Settings()  # a broken file gives the defaults
