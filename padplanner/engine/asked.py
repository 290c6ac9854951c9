"""What the core asks the rules outside planning, so no rule of the law is stated outside its
plugin.

``Asked(planner, municipality)`` answers the counsellor's agenda about a person between plans
(``padplanner_switch_question``, ``padplanner_a2_decision``, and the catalogue's dated
parameters) for the people of one municipality (the plugins serving it, its catalogue); a
person under a law padplanner does not plan gets no answer.

``ProfileHours(planner, municipality)`` is the hours rule seen from a learner profile:
what the rules (``padplanner_module_hours``) plan for a module for a person of given profile
fields, per unit of the profile's factor. ``padplanner calibrate`` estimates the profile
factors against it and the demo's history scales it by its true factors, so neither repeats
the law's formula.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from padplanner.model import Client, ClientView, Module, Reason
from padplanner.model.client import Availability, Levels, Progress, Work

PROFILE_FIELDS = ("education", "literacy", "learnability", "aim", "dutch_contact")


@attrs.frozen
class Asked:
    planner: Any
    municipality: str

    def param(self, name: str, at: date) -> Any:
        """A dated parameter of the municipality's catalogue."""
        return self.planner.catalog(self.municipality).param(name, at)

    def switch_question(self, client: Client, route: str, at: date) -> Reason | None:
        """Why the counsellor should reconsider ``route`` before the switch window closes
        (the first plugin's reason), or None when no rule asks it."""
        asked = self._ask("padplanner_switch_question", client, route, at, first=False)
        return asked[0] if asked else None

    def a2_decision(self, client: Client, route: str, at: date) -> Reason | None:
        """When (``values["hours"]`` of language education) and for which skills
        (``values["skills"]``) a decision on dropping to A2 falls due, or None."""
        return self._ask("padplanner_a2_decision", client, route, at, first=True)

    def _ask(self, hook: str, client: Client, route: str, at: date, *, first: bool) -> Any:
        asking = self.planner.asking(self.municipality, client.term_start, at, client.id)
        if asking is None:
            return None
        rules, ctx = asking
        view = client.view(at)
        if first:
            return rules.first(hook, client.id, client=view, route=route, ctx=ctx)
        return rules.collect(hook, client.id, client=view, route=route, ctx=ctx)


class ProfileHours:
    """``hours(fields, module, at)``: the hours the rules plan on ``at`` for ``module`` for a
    person with the profile ``fields`` (:data:`PROFILE_FIELDS`), divided by the learner
    profile's factor
    the answer names (its reason's ``profile_factor``): the law's reference hours × the
    learnability and Dutch-contact factors. None when the answer names no profile factor (a
    module of fixed hours, or a plugin's own figures). The person's other fields are a
    neutral person's (30 years old, 16 hours a week, no Dutch yet, nothing done): the profile
    is all a calibration knows of the people it learns from. Answers are remembered."""

    def __init__(self, planner: Any, municipality: str):
        self.planner, self.municipality = planner, municipality
        self._cache: dict[tuple, float | None] = {}

    def __call__(self, fields: Mapping[str, Any], module: Module, at: date) -> float | None:
        key = (module.id, at, *(fields[name] for name in PROFILE_FIELDS))
        if key not in self._cache:
            self._cache[key] = self._ask(fields, module, at)
        return self._cache[key]

    def _ask(self, fields: Mapping[str, Any], module: Module, at: date) -> float | None:
        asking = self.planner.asking(self.municipality, at, at)
        if asking is None:
            return None
        rules, ctx = asking
        person = ClientView(
            id="profile",
            age=30,
            age_at_term_start=30,
            municipality=self.municipality,
            term_start=at,
            weekly_hours=16,
            education_years=None,
            levels=Levels(),
            work=Work(),
            availability=Availability(),
            route=None,
            progress=Progress(),
            **{name: fields[name] for name in PROFILE_FIELDS},
        )
        found = rules.first(
            "padplanner_module_hours", person.id, client=person, module=module, ctx=ctx
        )
        factor = found.reason.values.get("profile_factor") if found is not None else None
        return found.hours / float(factor) if factor else None
