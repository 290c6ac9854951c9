"""The intake of one person (:class:`Client`) and what rule plugins may see (:class:`ClientView`).

Nationality, country of birth, ethnicity, religion and home language are deliberately not
modelled: no rule may use them or a proxy for them (the SyRI ruling; docs/domain.md).
"""

from __future__ import annotations

import re
from datetime import date
from types import MappingProxyType
from typing import Literal

import attrs

from padplanner.model.levels import SKILLS, Level

Learnability = Literal["low", "average", "high"]
Education = Literal["none", "primary", "secondary", "vocational", "higher"]
Literacy = Literal["none", "other-script", "latin"]
DutchContact = Literal["none", "some", "daily"]
Aim = Literal["work", "study", "participation"]
Diploma = Literal["none", "secondary", "vocational", "bachelor", "master", "doctorate"]
RouteId = Literal["b1", "onderwijs", "z"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

_MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")


def is_municipality_code(value: object) -> bool:
    """A CBS municipality code: ``GM`` and four ASCII digits, nothing around them (``GM0034``)."""
    return isinstance(value, str) and _MUNICIPALITY_CODE.fullmatch(value) is not None


LEARNABILITY: tuple[str, ...] = ("low", "average", "high")
EDUCATION: tuple[str, ...] = ("none", "primary", "secondary", "vocational", "higher")
LITERACY: tuple[str, ...] = ("none", "other-script", "latin")
DUTCH_CONTACT: tuple[str, ...] = ("none", "some", "daily")
AIMS: tuple[str, ...] = ("work", "study", "participation")
DIPLOMAS: tuple[str, ...] = ("none", "secondary", "vocational", "bachelor", "master", "doctorate")
ROUTES: tuple[str, ...] = ("b1", "onderwijs", "z")
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

CLIENT_SCHEMA = "padplanner.client/1"
OWN_WORDS: tuple[str, ...] = ("own_goals", "own_wishes", "own_worries")


@attrs.frozen
class Levels:
    """CEFR level per exam skill; ``A0`` is no Dutch."""

    reading: Level = Level.A0
    listening: Level = Level.A0
    writing: Level = Level.A0
    speaking: Level = Level.A0

    def get(self, skill: str) -> Level:
        return getattr(self, skill)

    def as_dict(self) -> dict[str, Level]:
        return {skill: self.get(skill) for skill in SKILLS}


@attrs.frozen
class Work:
    experience: tuple[str, ...] = ()
    goal: str | None = None
    foreign_diploma: Diploma = "none"
    diploma_evaluated: bool = False


@attrs.frozen
class Availability:
    days: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri")
    start_after: date | None = None
    childcare_needed: bool = False


@attrs.frozen
class RouteChoice:
    """A counsellor's route decision; it only counts with a reason."""

    choice: RouteId
    reason: str
    previous: RouteId | None = None  # the route before this choice, when it is a switch


@attrs.frozen
class RouteView:
    """A counsellor's route choice as rule plugins see it: the route and the one before it,
    never the reason (free text a counsellor typed)."""

    choice: RouteId
    previous: RouteId | None = None


@attrs.frozen
class Progress:
    completed: tuple[str, ...] = ()
    hours_done: dict[str, float] = attrs.Factory(dict)
    extensions_weeks: int = 0


@attrs.frozen
class Client:
    """One person's intake, as in a ``padplanner.client/1`` file."""

    id: str
    birth_date: date
    municipality: str
    term_start: date
    weekly_hours: int
    learnability: Learnability = "average"
    education: Education = "secondary"
    education_years: int | None = None
    literacy: Literacy = "latin"
    dutch_contact: DutchContact = "some"
    aim: Aim = "work"
    levels: Levels = Levels()
    work: Work = Work()
    availability: Availability = Availability()
    route: RouteChoice | None = None
    progress: Progress = Progress()
    notice_date: date | None = None  # the ten weeks for the PIP count from it (docs/agenda.md)
    # The person's own words (docs/voice.md): free text, personal, never shown to plugins,
    # never in the research dataset or the logs; erased by forget.
    own_goals: str | None = None
    own_wishes: str | None = None
    own_worries: str | None = None
    name: str | None = None
    bsn: str | None = None
    notes: str | None = None
    schema: str = CLIENT_SCHEMA

    def age_at(self, when: date) -> int:
        years = when.year - self.birth_date.year
        if (when.month, when.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def view(self, at: date) -> ClientView:
        """The minimised view rule plugins get: no name, BSN, birth date, notes or other free
        text, and nothing to change (the hours done are a read-only mapping)."""
        route = self.route
        progress = self.progress
        return ClientView(
            id=self.id,
            age=self.age_at(at),
            age_at_term_start=self.age_at(self.term_start),
            municipality=self.municipality,
            term_start=self.term_start,
            weekly_hours=self.weekly_hours,
            learnability=self.learnability,
            education=self.education,
            education_years=self.education_years,
            literacy=self.literacy,
            dutch_contact=self.dutch_contact,
            aim=self.aim,
            levels=self.levels,
            work=self.work,
            availability=self.availability,
            route=None if route is None else RouteView(route.choice, route.previous),
            progress=Progress(
                progress.completed,
                MappingProxyType(dict(progress.hours_done)),  # type: ignore[arg-type]
                progress.extensions_weeks,
            ),
        )


@attrs.frozen
class ClientView:
    """What a rule plugin may read about a person.

    The client-file fields minus ``name``, ``bsn``, ``birth_date``, ``notes`` and the person's
    own words (``own_goals``, ``own_wishes``, ``own_worries``), plus ``age``
    in whole years at the plan's reference date. ``route`` is the counsellor's choice without
    its reason. Every part is frozen; ``progress.hours_done`` is a read-only mapping. Each
    municipality plugin gets its own copy, so nothing a plugin does to it reaches the plan.
    """

    id: str
    age: int
    age_at_term_start: int
    municipality: str
    term_start: date
    weekly_hours: int
    learnability: Learnability
    education: Education
    education_years: int | None
    literacy: Literacy
    dutch_contact: DutchContact
    aim: Aim
    levels: Levels
    work: Work
    availability: Availability
    route: RouteView | None
    progress: Progress


HOURS_PER_DAY = 8
"""A day of lessons or practice holds at most this many hours."""


def weekly_capacity(client: Client | ClientView) -> int:
    """The hours a week the person can really spend on the path: ``weekly_hours``, at most
    :data:`HOURS_PER_DAY` for each available day (no days listed counts as one day)."""
    return min(client.weekly_hours, HOURS_PER_DAY * max(1, len(client.availability.days)))
