"""A rule's sentences: templates in Dutch and English, filled from the values of a reason.

The renderer's formats, variants and fallbacks; the catalogue checks on templates; and the
meta-test that every rule of the law and of padplanner itself says its sentence in both
languages (the shipped plugins hold the same in their own tests).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from corehelp import NATIONAL, ROOT

from padplanner.catalog import load_catalog
from padplanner.catalog.load import CORE_RULES
from padplanner.catalog.sentences import FORMATS, SentenceError, Sentences
from padplanner.errors import InputError
from padplanner.model import Finding, Reason

CATALOG = load_catalog()
LAW = ROOT / "padplanner" / "law"
LAW_RULE = re.compile(r'"(wi2021\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"')


def write_rules(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rules.toml"
    path.write_text('schema = "padplanner.catalog/1"\n' + text, encoding="utf-8")
    return path


RULE = """
[rule."city.late"]
hook = "padplanner_validate"
text = { nl = "Te laat.", en = "Late." }
source = "policy: city"
"""


# -- the renderer --------------------------------------------------------------------------
def test_values_are_written_as_each_language_writes_them():
    nl, en = Sentences(CATALOG, "nl"), Sentences(CATALOG, "en")
    day = date(2028, 9, 1)
    assert nl.format(1691, "number") == "1.691" and en.format(1691, "number") == "1,691"
    assert nl.format(1691, "hours") == "1.691 uur" and en.format(1, "hours") == "1 hour"
    assert nl.format(14050, "money") == "€\u00a014.050" and en.format(14050, "money") == "€14,050"
    assert nl.format(0.7, "percent") == "70\u00a0%" and en.format(0.7, "percent") == "70%"
    assert nl.format(day, "date") == "1 september 2028" == nl.format("2028-09-01", "date")
    assert en.format(day, "date") == "1 September 2028"
    assert nl.format(0.375, "decimal") == "0,375" and en.format(2.5, "decimal") == "2.5"
    assert nl.format(3, "weeks") == "3 weken" and en.format(1, "weeks") == "1 week"
    assert nl.format("z", "route") == "Z-route" and nl.format("reading", "skill") == "lezen"
    assert nl.format(("reading", "speaking"), "skill") == "lezen en spreken"
    assert en.format((3, 6, 12), None) == "3, 6 and 12"
    assert nl.format("care", "sector") == "zorg" and nl.format("care", "Sector") == "Zorg"
    assert nl.format("speaking>=B1", "competency") == "spreken B1"
    assert nl.format("work:care", "competency") == "werk in de sector zorg"
    assert nl.format("pvt", "module") == CATALOG.modules["pvt"].title.nl
    assert nl.format("low", "learnability") == "lage" and en.format("low", "learnability") == "low"


def test_a_reason_is_said_from_its_rule_template_not_from_its_text():
    reason = Reason("wi2021.checkins.progress", "anything at all", (), {"weeks": 13})
    assert Sentences(CATALOG, "nl").say(reason) == "Elke 13 weken een voortgangsgesprek."
    assert Sentences(CATALOG, "en").say(reason) == "A progress conversation every 13 weeks."


def test_a_reason_picks_a_variant_and_the_counsellors_words_are_quoted():
    say = Sentences(CATALOG, "en")
    alone = Reason("padplanner.path.choice", "", (), {"target": "pvt", "hours": 12})
    with pytest.raises(SentenceError, match="no value 'alternatives'"):
        say(alone, strict=True)
    picked = Reason(
        "padplanner.path.choice", "", (), {"target": "pvt", "hours": 12, "variant": "alone"}
    )
    assert say(picked, strict=True).startswith("The shortest way to participation declaration")
    decided = Reason("counsellor.route", "Wil eerst werken.", ("route",))
    assert say(decided) == "The counsellor's decision: Wil eerst werken."


def test_without_a_sentence_or_a_value_the_recorded_text_is_quoted():
    say = Sentences(CATALOG, "nl")
    plain = Reason("city.values", "Values conversations for everyone")  # a plugin of today
    assert say(plain) == "Values conversations for everyone"
    missing = Finding("warning", "wi2021.deadline.exceeded", "The plan ends late.")
    assert say(missing) == "The plan ends late."
    with pytest.raises(SentenceError, match="not described"):
        say(plain, strict=True)
    with pytest.raises(SentenceError, match="no value 'weeks'"):
        say(missing, strict=True)


def test_a_value_of_the_wrong_kind_falls_back_to_the_text():
    reason = Reason("wi2021.checkins.progress", "every few weeks", (), {"weeks": "often"})
    assert Sentences(CATALOG, "nl").say(reason) == "every few weeks"


# -- the catalogue checks ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("says", "message"),
    [
        ('says = { nl = "Te laat." }', "the sentence in en is missing"),
        ('says = { nl = "{weeks} weken", en = "{weeks} weeks", de = "x" }', "unknown language"),
        ('says = { nl = "{weeks:fortnight}", en = "{weeks}" }', "unknown format 'fortnight'"),
        (
            'says = { nl = "{weeks} weken", en = "{days} days" }',
            "different values \\(days, weeks\\)",
        ),
        ('says = { nl = "{weeks", en = "x" }', "write a brace as"),
        ('says = { nl = "{a.b}", en = "{a.b}" }', "a value name is a plain word"),
    ],
)
def test_a_bad_template_is_a_catalogue_error_naming_file_and_key(tmp_path, says, message):
    path = write_rules(tmp_path / "city", RULE + says + "\n")
    with pytest.raises(InputError) as caught:
        load_catalog(overrides=[path])
    text = "\n".join(str(p) for p in caught.value.problems)
    assert str(path) in text and "city.late" in text and "says" in text
    assert re.search(message, text), text


def test_a_word_table_declared_in_a_catalogue_is_a_format(tmp_path):
    path = write_rules(
        tmp_path / "city",
        RULE
        + 'says = { nl = "Te laat: {part:part}.", en = "Late: {part:part}." }\n'
        + '[words.part]\nmap = { nl = "de MAP", en = "the MAP" }\n',
    )
    catalog = load_catalog(overrides=[path])
    finding = Finding("warning", "city.late", "late", (), {"part": "map"})
    assert Sentences(catalog, "nl").say(finding, strict=True) == "Te laat: de MAP."
    assert "part" not in FORMATS


def test_check_reports_a_rule_without_sentences_but_planning_still_reads_it(tmp_path, cli):
    path = write_rules(tmp_path / "city", RULE)
    catalog = load_catalog(overrides=[path])  # a plugin of today still loads
    assert catalog.rules["city.late"].sentence is None
    code, _, err = cli("check", path)
    assert code == 2
    assert (
        f"{path}: rule.city.late: geen zin in het Nederlands en het Engels: voeg says = {{" in err
    )
    code, _, err = cli("check", path, "--lang", "en")
    assert f"{path}: rule.city.late: no sentence in Dutch and English: add says = {{ nl" in err
    assert "{braces}" in err


def test_the_older_finding_words_still_count_as_the_sentence(tmp_path, cli):
    path = write_rules(
        tmp_path / "city", RULE + 'finding = { nl = "U bent te laat.", en = "You are late." }\n'
    )
    catalog = load_catalog(overrides=[path])
    finding = Finding("warning", "city.late", "Late by 3 weeks.")
    assert Sentences(catalog, "nl").say(finding) == "U bent te laat."
    assert Sentences(catalog, "en").say(finding) == "Late by 3 weeks."  # as before
    code, out, _ = cli("check", path)
    assert code == 0, out


# -- the meta-test -------------------------------------------------------------------------
def _rule_ids(folder: Path) -> set[str]:
    return {
        rule
        for source in folder.rglob("*.py")
        for rule in LAW_RULE.findall(source.read_text(encoding="utf-8"))
    }


def test_every_rule_of_the_law_and_of_padplanner_says_its_sentence_in_dutch_and_english():
    described = {}
    for path in (NATIONAL / "rules.toml", CORE_RULES):
        with path.open("rb") as handle:
            described.update(tomllib.load(handle)["rule"])
    for rule_id, spec in described.items():
        says = spec.get("says", {})
        assert says.get("nl") and says.get("en"), f"{rule_id} has no sentence in nl and en"
        for name, variant in spec.get("variants", {}).items():
            assert variant.get("nl") and variant.get("en"), f"{rule_id} variant {name}"
    used = _rule_ids(LAW)
    assert used and used <= set(described), sorted(used - set(described))
    assert not [r for r in CATALOG.rules if CATALOG.rules[r].sentence is None]


def test_a_calibrated_estimate_says_its_figure_people_interval_and_date():
    values = {
        "profile": "secondary",
        "n": 192,
        "interval_low": 1.043,
        "interval_high": 1.137,
        "made": date(2026, 1, 5),
        "profile_factor": 1.089,
        "contact": "some",
        "contact_factor": 1.0,
        "reference": 90.0,
        "learnability": "average",
        "learnability_factor": 1.0,
        "hours": 98,
        "low": 69,
        "high": 139,
    }
    reason = Reason("wi2021.hours.calibrated", "90 h reference × 1.089 ...", (), values)
    nl = Sentences(CATALOG, "nl").say(reason, strict=True)
    assert (
        "1,089 (voortgezet onderwijs, gekalibreerd op 192 mensen, 95%-interval 1,043–1,137)" in nl
    )
    assert nl.endswith("kalibratie van 5 januari 2026.")
