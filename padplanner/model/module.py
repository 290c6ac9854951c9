"""Modules (the nodes of the path graph), work sectors and dated parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

import attrs

from padplanner.model.levels import Requirement

Kind = Literal["literacy", "language", "civic", "values", "work", "education", "support"]
KINDS: tuple[str, ...] = (
    "literacy",
    "language",
    "civic",
    "values",
    "work",
    "education",
    "support",
)
# How the law's hours estimate treats a module: by learner profile (language courses), by
# learnability only (literacy, KNM), or not at all (fixed programmes such as PVT, MAP, work).
Scaling = Literal["profile", "learnability", "fixed"]
SCALINGS: tuple[str, ...] = ("profile", "learnability", "fixed")


@attrs.frozen
class Title:
    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@attrs.frozen
class Starts:
    """When a module can start: ``rolling`` (any week) or every N weeks from ``first``."""

    every_weeks: int = 1
    first: date | None = None

    @property
    def rolling(self) -> bool:
        return self.every_weeks == 1 and self.first is None


@attrs.frozen
class Module:
    id: str
    title: Title
    kind: Kind
    hours: float
    hours_per_week: int
    source: str
    requires: tuple[Requirement, ...] = ()
    requires_any: tuple[Requirement, ...] = ()
    grants: tuple[Requirement, ...] = ()
    intensity: tuple[int, int] | None = None
    starts: Starts = Starts()
    min_weeks: int = 0
    earliest_week: int = 0
    cost_eur: float = 0.0
    group_size: int | None = None
    in_person_share: float = 1.0
    scaling: Scaling = "fixed"
    tags: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()  # only on these routes (empty: any route)
    week_share: float | None = None  # take this share of the person's weekly hours
    # the hours of this plan's modules of these kinds count within this module's hours (the
    # Z-route's 800 h of language include its literacy courses)
    includes: tuple[Kind, ...] = ()
    description: str = ""

    @property
    def intensity_range(self) -> tuple[int, int]:
        return self.intensity or (self.hours_per_week, self.hours_per_week)


@attrs.frozen
class Sector:
    """A work sector and the Dutch it realistically needs."""

    key: str
    title: Title
    level: str
    skills: tuple[str, ...] = ("speaking", "listening")
    regulated: bool = False
    source: str = ""


def _frozen(value: Any) -> Any:
    """A parameter's value is shared by every plan and every plugin: tables become read-only
    mappings and lists tuples, so nobody can change it by mistake."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


@attrs.frozen
class ParameterValue:
    start: date
    value: Any = attrs.field(converter=_frozen)
    source: str = ""


@attrs.frozen
class Parameter:
    """A number or table that changes by date, OpenFisca style: the value in force at a date."""

    name: str
    values: tuple[ParameterValue, ...]
    description: str = ""

    def at(self, when: date) -> Any:
        current = None
        for item in self.values:
            if item.start <= when:
                current = item
        if current is None:
            first = self.values[0].start.isoformat() if self.values else "never"
            raise LookupError(
                f"parameter {self.name!r} has no value on {when.isoformat()} "
                f"(first value from {first})"
            )
        return current.value
