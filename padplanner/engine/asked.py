"""What the counsellor's agenda asks the rules about a person between plans, through the
hooks (``padplanner_switch_question``, ``padplanner_a2_decision``) and the catalogue's dated
parameters, so no rule of the law is stated outside its plugin.

``Asked(planner, municipality)`` answers for the people of one municipality (the plugins
serving it, its catalogue); a person under a law padplanner does not plan gets no answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from padplanner.context import PlanContext
from padplanner.model import Client, Reason


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
        law = self.planner.law(client.term_start, self.municipality, client.id)
        if law is None or not law.plans:
            return None
        ctx = PlanContext(
            reference_date=at,
            municipality=self.municipality,
            law=law.id,
            catalog=self.planner.catalog(self.municipality),
        )
        rules = self.planner.manager.rules(self.municipality)
        view = client.view(at)
        if first:
            return rules.first(hook, client.id, client=view, route=route, ctx=ctx)
        return rules.collect(hook, client.id, client=view, route=route, ctx=ctx)
