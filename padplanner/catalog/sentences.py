"""A rule's sentences: templates with named values, said in the reader's language.

A rule declares what its reasons and findings say in its catalogue's ``[rule."id"]`` table,
in Dutch and English::

    [rule."zwolle.volunteer.late"]
    says = { nl = "Het vrijwilligerswerk begint pas op {start:date}, na week {latest}.",
             en = "Volunteer work only starts on {start:date}, after week {latest}." }

``{name}`` is filled from the ``values`` of the reason or finding; ``{name:format}`` formats
the value first, as the reader's language writes it (:data:`FORMATS`). A format that is not
built in names a word table of the catalogues (``[words.learnability]``: a word in Dutch and
English per value). A capital first letter (``{sector:Sector}``) capitalises the result, and a
list value is formatted item by item and joined ("a, b en c"). A reason picks one of the
rule's ``variants`` with its ``variant`` value.

A reason whose rule declares no sentence, or that lacks a value its template needs, is quoted
as its ``text`` (a plugin written before sentences existed); :meth:`Sentences.say` with
``strict=True`` raises instead, for tests.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from padplanner.errors import Problem, phrased
from padplanner.i18n import N_, texts
from padplanner.model.levels import Requirement
from padplanner.model.reasons import Finding, Reason

FORMATS: dict[str, str] = {
    "number": "a whole number: 1.691 / 1,691",
    "decimal": "up to three decimals: 2,5 / 0.375",
    "hours": "hours with their unit: 1.691 uur / 1,691 hours",
    "weeks": "weeks with their unit: 3 weken / 3 weeks",
    "money": "whole euros: € 1.000 / €1,000",
    "percent": "a share as a percentage: 70 % / 70%",
    "date": "a date (or ISO text): 1 september 2028 / 1 September 2028",
    "route": "a route id as its name: B1-route / B1 route",
    "skill": "an exam skill: lezen / reading",
    "module": "a module id as its title in the catalogue",
    "sector": "a sector key as its title, lower case: zorg / care",
    "competency": "a competency with its level: lezen B1 / reading B1",
    "text": "text as it is (lists joined)",
}
"""The built-in formats, with what they make of a value (Dutch / English)."""

VARIANT = "variant"
ROUTES = {
    "b1": N_("doc.routename.b1"),
    "onderwijs": N_("doc.routename.onderwijs"),
    "z": N_("doc.routename.z"),
}
SKILL_NAMES = {
    "reading": N_("doc.skill.reading"),
    "listening": N_("doc.skill.listening"),
    "writing": N_("doc.skill.writing"),
    "speaking": N_("doc.skill.speaking"),
}


class SentenceError(ValueError):
    """A template that cannot be said: unknown rule or variant, a missing value, a bad format."""


Part = tuple[str, str | None, str | None]  # literal text, value name, format


@functools.cache
def parse(template: str) -> tuple[Part, ...]:
    """The parts of a template; :class:`SentenceError` says what is wrong with it."""
    parts: list[Part] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise SentenceError(phrased("input.sentence.braces", reason=str(exc))) from None
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None, None))
            continue
        if not name.isidentifier():
            raise SentenceError(phrased("input.sentence.name", name=name))
        if conversion:
            raise SentenceError(
                phrased("input.sentence.conversion", name=name, conversion=conversion)
            )
        parts.append((literal, name, spec or None))
    return tuple(parts)


def outline(template: str) -> str:
    """A template for readers: each value shown by its name, ``‹weeks›`` (the transparency
    report); ``{text}`` is the reason's own words, shown as ``‹text›``."""
    return "".join(
        literal + (f"‹{name}›" if name is not None else "") for literal, name, _ in parse(template)
    )


def names(template: str) -> set[str]:
    """The value names a template uses."""
    return {name for _, name, _ in parse(template) if name is not None}


def formats(template: str) -> set[str]:
    """The formats a template uses (lower case)."""
    return {spec.lower() for _, _, spec in parse(template) if spec}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """``Zorg`` → ``zorg``, but ``KNM``, ``ICT-beheer`` and ``Z-route`` keep their capitals."""
    if len(text) > 1 and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


class Sentences:
    """The sentences of one catalogue's rules in one language (``nl`` or ``en``)."""

    def __init__(self, catalog: Any, lang: str):
        self.catalog = catalog
        self.t = texts(lang)
        self.lang = self.t.lang
        self._formats = {
            "number": self.t.number,
            "decimal": lambda v: self.t.decimal(v, 3),
            "hours": self.t.hours,
            "weeks": self.t.weeks,
            "money": self.t.money,
            "percent": self.t.percent,
            "date": self._date,
            "route": lambda v: self.t.get(ROUTES.get(v), v),
            "skill": lambda v: self.t.get(SKILL_NAMES.get(v), v),
            "module": self.module,
            "sector": self.sector,
            "competency": self.competency,
            "text": str,
        }

    # -- saying a reason or finding --------------------------------------------------------
    def say(self, item: Reason | Finding, *, strict: bool = False) -> str:
        """The sentence of ``item`` in this language, or its recorded text when its rule has
        none (``strict``: raise :class:`SentenceError` instead)."""
        text = item.text if isinstance(item, Reason) else item.message
        try:
            return self.fill(self.template(item), item.values, text)
        except SentenceError:
            if strict:
                raise
            return text

    __call__ = say

    def template(self, item: Reason | Finding) -> str:
        spec = getattr(self.catalog, "rules", {}).get(item.rule)
        if spec is None:
            raise SentenceError(f"rule {item.rule}: not described in any catalogue")
        variant = item.values.get(VARIANT)
        if variant is not None:
            chosen = spec.variants.get(variant)
            if chosen is None:
                raise SentenceError(f"rule {item.rule}: no variant {variant!r}")
            return chosen.get(self.lang)
        sentence = spec.sentence
        if sentence is None:
            raise SentenceError(f"rule {item.rule}: no sentence (says)")
        if spec.says is None and self.lang == "en":
            # the older `finding` words served documents in other languages than English;
            # an English one keeps the finding's own message, as it always did
            raise SentenceError(f"rule {item.rule}: finding words are not said in English")
        return sentence.get(self.lang)

    def fill(self, template: str, values: Mapping[str, Any], text: str = "") -> str:
        """``template`` filled from ``values``; ``{text}`` is the recorded ``text`` unless a
        value has that name (a counsellor's own words, quoted as they are)."""
        out = []
        for literal, name, spec in parse(template):
            out.append(literal)
            if name is None:
                continue
            if name in values:
                out.append(self.format(values[name], spec))
            elif name == "text" and text:
                out.append(text)
            else:
                raise SentenceError(f"no value {name!r}")
        return "".join(out)

    # -- values ---------------------------------------------------------------------------
    def format(self, value: Any, spec: str | None) -> str:
        if isinstance(value, list | tuple):
            return self.t.join([self.format(item, spec) for item in value])
        if spec is None:
            return self._plain(value)
        key = spec.lower()
        function = self._formats.get(key)
        try:
            text = function(value) if function is not None else self.word(key, value)
        except (TypeError, ValueError, AttributeError) as exc:
            raise SentenceError(f"{value!r} cannot be written as {spec}: {exc}") from None
        return _capital(text) if spec[:1].isupper() else text

    def _plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int | float):
            return self.t.number(value) if float(value).is_integer() else self.t.decimal(value)
        if isinstance(value, date):
            return self.t.date(value)
        return str(value)

    def _date(self, value: Any) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        if not isinstance(value, date):
            raise TypeError("not a date")
        return self.t.date(value)

    def word(self, table: str, value: Any) -> str:
        words = getattr(self.catalog, "words", {}).get(table)
        if words is None:
            raise SentenceError(f"no format or word table {table!r}")
        word = words.get(str(value))
        return word.get(self.lang) if word is not None else str(value)

    def module(self, module_id: str) -> str:
        module = self.catalog.modules.get(module_id)
        return module.title.get(self.lang) if module is not None else str(module_id)

    def sector(self, key: str) -> str:
        sector = self.catalog.sectors.get(key)
        return _lower_first(sector.title.get(self.lang)) if sector is not None else str(key)

    def competency(self, text: str) -> str:
        """``reading>=B1`` → ``lezen B1``; ``work:care`` → ``werk in de sector zorg``."""
        try:
            req = Requirement.parse(text)
        except ValueError:
            return text
        if ":" in req.name:
            prefix, _, key = req.name.partition(":")
            if prefix == "work":
                return self.t("doc.comp.work", sector=self.sector(key))
            if prefix == "practice":
                return self.t("doc.comp.practice", sector=self.sector(key))
        comp = self.catalog.competencies.get(req.name)
        title = _lower_first(comp.title.get(self.lang)) if comp is not None else req.name
        return f"{title} {req.level}" if req.level else title


# -- checks ----------------------------------------------------------------------------------
def template_problems(
    rule_id: str, spec: Any, where: str, word_tables: Iterable[str]
) -> list[Problem]:
    """What is wrong with a rule's templates: syntax, unknown formats, and Dutch and English
    that use different values."""
    known = set(FORMATS) | set(word_tables)
    problems = []
    sentences = [("says", spec.says)] + [(f"variants.{k}", v) for k, v in spec.variants.items()]
    for key, sentence in sentences:
        if sentence is None:
            continue
        used: dict[str, set[str]] = {}
        for lang in ("nl", "en"):
            path = f"rule.{rule_id}.{key}.{lang}"
            template = sentence.get(lang)
            try:
                used[lang] = names(template)
                unknown = sorted(formats(template) - known)
            except SentenceError as exc:
                problems.append(Problem(where, path, exc.args[0]))
                continue
            if unknown:
                said = phrased(
                    "input.sentence.format", format=repr(unknown[0]), formats=", ".join(FORMATS)
                )
                problems.append(Problem(where, path, said))
        if len(used) == 2 and used["nl"] != used["en"]:
            only = sorted(used["nl"] ^ used["en"])
            said = phrased("input.sentence.values", names=", ".join(only))
            problems.append(Problem(where, f"rule.{rule_id}.{key}", said))
    return problems


def unsaid(rules: Mapping[str, Any], prefixes: Iterable[str] | None = None) -> list[str]:
    """Rule ids (optionally only those starting with one of ``prefixes``) that declare no
    sentence in Dutch and English."""
    wanted = tuple(prefixes) if prefixes is not None else None
    return sorted(
        rule_id
        for rule_id, spec in rules.items()
        if spec.sentence is None and (wanted is None or rule_id.startswith(wanted))
    )
