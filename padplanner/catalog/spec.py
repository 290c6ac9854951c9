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
class RuleSpec:
    """A rule in plain words, for the transparency report (``padplanner rules``).

    ``finding``: what a finding of this rule says to the person, in plain words, for their
    documents (the PIP and its summary) in a language other than English. Finding messages
    are English: they stay in the plan and the counsellor's views, and English documents show
    them as they are.
    """

    text: Title
    source: str
    inputs: tuple[str, ...] = ()
    hook: str = ""
    finding: Title | None = None


@attrs.frozen
class CatalogFile:
    schema: str = "padplanner.catalog/1"
    scale: dict[str, ScaleSpec] = attrs.Factory(dict)
    competency: dict[str, CompetencySpec] = attrs.Factory(dict)
    module: tuple[Module, ...] = ()
    sector: tuple[Sector, ...] = ()
    parameter: dict[str, ParameterSpec] = attrs.Factory(dict)
    rule: dict[str, RuleSpec] = attrs.Factory(dict)


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


def _any(value, _type) -> Any:
    return value


converter.register_structure_hook(ValueSpec, _value_spec)
converter.register_structure_hook(Any, _any)
