"""The language choice, the message lookup and the Babel formats of both languages."""

from __future__ import annotations

from datetime import date

import pytest

from padplanner.i18n import N_, LanguageError, check_lang, resolve_lang, texts
from padplanner.i18n import catalogue as catalogues
from padplanner.i18n.catalogue import Catalogue
from padplanner.i18n.messages import Texts

NBSP = "\u00a0"


def test_an_explicit_choice_wins_then_the_environment_then_the_setting(monkeypatch):
    monkeypatch.delenv("PADPLANNER_LANG", raising=False)
    assert resolve_lang() == "nl"
    assert resolve_lang(setting="en") == "en"
    monkeypatch.setenv("PADPLANNER_LANG", "en_GB.UTF-8")
    assert resolve_lang(setting="nl") == "en"
    assert resolve_lang("nl", setting="en") == "nl"


def test_an_unknown_language_is_an_error_that_says_where_it_came_from(monkeypatch):
    monkeypatch.setenv("PADPLANNER_LANG", "fr")
    with pytest.raises(LanguageError, match=r"PADPLANNER_LANG: 'fr' .* use nl or en"):
        resolve_lang()
    assert resolve_lang("en") == "en"  # the explicit choice does not read the variable
    with pytest.raises(LanguageError, match="--lang: 'de'"):
        check_lang("de", "--lang")
    monkeypatch.delenv("PADPLANNER_LANG")
    assert resolve_lang(setting="klingon") == "nl"  # a broken settings file is ignored


def test_numbers_hours_dates_money_and_percentages_in_dutch():
    t = texts("nl")
    assert t.hours(1691) == "1.691 uur"
    assert t.hours(1) == "1 uur"
    assert t.weeks(1) == "1 week"
    assert t.weeks(3) == "3 weken"
    assert t.number(2206.5, 1) == "2.206,5"
    assert t.decimal(2.5) == "2,5"
    assert t.decimal(3.0) == "3"
    assert t.date(date(2028, 8, 28)) == "28 augustus 2028"
    assert t.month(date(2025, 10, 1)) == "okt 2025"
    assert t.short_date(date(2027, 3, 1)) == "1 mrt 2027"
    assert t.money(14050) == f"€{NBSP}14.050"
    assert t.percent(0.45) == f"45{NBSP}%"
    assert t.weekday("mon") == "maandag"
    assert t.weekday("wed", short=True) == "wo"
    assert t.join(["lezen", "luisteren", "spreken"]) == "lezen, luisteren en spreken"


def test_numbers_hours_dates_money_and_percentages_in_english():
    t = texts("en")
    assert t.hours(1691) == "1,691 hours"
    assert t.hours(1) == "1 hour"
    assert t.hours(2.5) == "2.5 hours"
    assert t.weeks(3) == "3 weeks"
    assert t.date(date(2028, 8, 28)) == "28 August 2028"
    assert t.short_date(date(2027, 3, 1)) == "1 Mar 2027"
    assert t.month(date(2027, 9, 1)) == "Sept 2027"  # CLDR's, for an axis
    assert t.month(date(2027, 9, 1), cell=True) == "Sep 2027"  # a column of months
    assert t.short_date(date(2027, 9, 28)) == "28 Sep 2027"
    assert t.money(14050) == "€14,050"
    assert t.percent(0.45) == "45%"
    assert t.percent(0.453, 1) == "45.3%"
    assert t.weekday("sun") == "Sunday"
    assert t.join(["reading", "writing", "speaking"]) == "reading, writing and speaking"
    assert t.join([]) == ""


def test_messages_fill_their_fields_and_fall_back_to_english_then_the_id():
    nl = Catalogue("nl", {"a": "Hallo {name}"}, {}, lambda n: int(n != 1))
    en = Catalogue("en", {"a": "Hello {name}", "b": "Only English"}, {}, lambda n: int(n != 1))
    t = Texts("nl", (nl, en))
    assert t("a", name="Amal") == "Hallo Amal"
    assert t("b") == "Only English"
    assert t("c") == "c"
    assert t.has("b") and not t.has("c")
    assert t.get("c", "plugin word") == "plugin word"
    assert t.get(None, "x") == "x"
    labels = {"low": N_("a")}
    assert t.choices(labels, ["low", "odd"]) == [("Hallo {name}", "low"), ("odd", "odd")]


def test_the_po_file_is_read_as_it_is_without_fuzzy_entries(tmp_path, monkeypatch):
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "padplanner.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "greeting"\nmsgstr "Goedemiddag"\n\n'
        '#, fuzzy\nmsgid "guess"\nmsgstr "Misschien"\n\n'
        'msgid "unit.day"\nmsgid_plural "unit.days"\nmsgstr[0] "{n} dag"\nmsgstr[1] "{n} dagen"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    catalogues.load.cache_clear()
    try:
        nl = catalogues.load("nl")
        assert nl.get("greeting") == "Goedemiddag"
        assert nl.get("guess") is None
        t = Texts("nl", (nl,))
        assert t.ngettext("unit.day", "unit.days", 1) == "1 dag"
        assert t.ngettext("unit.day", "unit.days", 1200) == "1.200 dagen"
    finally:
        catalogues.load.cache_clear()


def test_texts_are_made_once_per_language():
    assert texts("nl") is texts("nl")
    assert texts("en").lang == "en" and texts("en").locale == "en_GB"
