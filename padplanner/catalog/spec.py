"""The shape of one catalogue file, as cattrs structures it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from padplanner.convert import converter
from padplanner.model.module import Module, Sector, Title


@attrs.frozen
class ScaleSpec:
    levels: tuple[str, ...]
    source: str = ""


@attrs.frozen
class CompetencySpec:
    title: Title | None = None
    scale: str | None = None
    intake: bool = False  # the intake may bring it (no module needs to grant it)
    source: str = ""


@attrs.frozen
class ValueSpec:
    start: dt.date
    value: Any
    source: str = ""


@attrs.frozen
class ParameterSpec:
    values: tuple[ValueSpec, ...]
    description: str = ""


@attrs.frozen
class Sentence:
    """A rule's sentence in Dutch and English: ``{ nl = "...", en = "..." }``, both required."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@attrs.frozen
class RuleSpec:
    """A rule in plain words: what it does (``text``, for the transparency report) and what a
    reason or finding of it says (``says``, a template in Dutch and English whose ``{names}``
    are filled from the values the rule returned; see :mod:`padplanner.catalog.sentences`).

    ``variants`` are further templates a reason picks with its ``variant`` value (a route
    advice with no course to A2 at all, say). ``finding`` holds the older plain words of a
    finding for documents in other languages than English; when ``says`` is missing it is
    said in Dutch, and an English document keeps the finding's own message, as before.
    """

    text: Title
    source: str
    inputs: tuple[str, ...] = ()
    hook: str = ""
    says: Sentence | None = None
    variants: dict[str, Sentence] = attrs.Factory(dict)
    finding: Title | None = None

    @property
    def sentence(self) -> Sentence | Title | None:
        """The template a reason or finding of this rule is said with, if the rule has one."""
        return self.says if self.says is not None else self.finding


@attrs.frozen
class CatalogFile:
    schema: str = "padplanner.catalog/1"
    scale: dict[str, ScaleSpec] = attrs.Factory(dict)
    competency: dict[str, CompetencySpec] = attrs.Factory(dict)
    module: tuple[Module, ...] = ()
    sector: tuple[Sector, ...] = ()
    parameter: dict[str, ParameterSpec] = attrs.Factory(dict)
    rule: dict[str, RuleSpec] = attrs.Factory(dict)
    words: dict[str, dict[str, Sentence]] = attrs.Factory(dict)


def _value_spec(value, _type) -> ValueSpec:
    if not isinstance(value, dict):
        raise TypeError(
            f'expected {{ from = 2022-01-01, value = ..., source = "..." }}, got {value!r}'
        )
    data = dict(value)
    unknown = sorted(set(data) - {"from", "value", "source"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: from, value, source)")
    if "value" not in data:
        raise ValueError("each value needs 'value'")
    if "from" not in data:
        raise ValueError("each value needs 'from' (the date it applies from)")
    data["start"] = data.pop("from")
    return converter.structure_attrs_fromdict(data, ValueSpec)


def _sentence(value, _type) -> Sentence:
    if not isinstance(value, dict):
        raise TypeError(f'expected {{ nl = "...", en = "..." }}, got {value!r}')
    unknown = sorted(set(value) - {"nl", "en"})
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r} (a sentence has nl and en)")
    missing = [lang for lang in ("nl", "en") if not value.get(lang)]
    if missing:
        raise ValueError(
            f"the sentence in {' and '.join(missing)} is missing: every rule says its sentence "
            'in Dutch and English, { nl = "...", en = "..." }'
        )
    for lang in ("nl", "en"):
        if not isinstance(value[lang], str):
            raise TypeError(f"{lang}: expected text, got {value[lang]!r}")
    return Sentence(value["nl"], value["en"])


def _any(value, _type) -> Any:
    return value


converter.register_structure_hook(ValueSpec, _value_spec)
converter.register_structure_hook(Sentence, _sentence)
converter.register_structure_hook(Any, _any)
