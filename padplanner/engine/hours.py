"""Hours stage: how long each module takes this person (a range, with its assumption)."""

from __future__ import annotations

from collections.abc import Sequence

from padplanner.context import PlanContext
from padplanner.model import ClientView, HoursEstimate, Module, Reason
from padplanner.plugins import Rules


class HoursBook:
    """Asks ``padplanner_module_hours`` once per module and remembers the answer (shared
    with its forks); what :meth:`include` changes is the book's own."""

    def __init__(self, rules: Rules, client: ClientView, ctx: PlanContext):
        self.rules, self.client, self.ctx = rules, client, ctx
        self._cache: dict[str, HoursEstimate] = {}
        self._asked: dict[str, HoursEstimate] = {}

    def estimate(self, module: Module) -> HoursEstimate:
        found = self._cache.get(module.id) or self._asked.get(module.id)
        if found is None:
            found = self.rules.first(
                "padplanner_module_hours",
                self.client.id,
                client=self.client,
                module=module,
                ctx=self.ctx,
            )
            if found is None:
                found = HoursEstimate(
                    module.hours,
                    module.hours,
                    module.hours,
                    Reason(
                        "padplanner.hours.catalogue",
                        f"{module.hours:g} h as in the catalogue",
                        (),
                        {"hours": module.hours},
                    ),
                )
            self._asked[module.id] = found
        return found

    def fork(self) -> HoursBook:
        """A book with the answers so far, for another path of the same plan: what
        :meth:`include` changes in one path stays out of the other."""
        other = HoursBook(self.rules, self.client, self.ctx)
        other._cache = dict(self._cache)
        other._asked = self._asked
        return other

    def include(self, module: Module, within: Sequence[Module]) -> None:
        """Count the hours of ``within`` (this plan's modules of the kinds ``module.includes``)
        within ``module``'s own, so the two together take ``module``'s hours: the Z-route's
        800 h of language include its literacy courses. At least one hour stays."""
        if not within:
            return
        base = self.estimate(module)
        inside = sum(self.estimate(m).hours for m in within)
        hours, low, high = (max(1.0, value - inside) for value in (base.hours, base.low, base.high))
        reason = Reason(
            "padplanner.hours.includes",
            f"{base.hours:g} h in all, of which {inside:,.0f} h in "
            f"{', '.join(m.id for m in within)} in this plan: {hours:,.0f} h here",
            ("literacy",) if "literacy" in module.includes else (),
            {
                "total": round(base.hours),
                "included": round(inside),
                "hours": round(hours),
                "modules": tuple(m.id for m in within),
            },
        )
        self._cache[module.id] = HoursEstimate(hours, min(low, hours), max(high, hours), reason)

    def remaining(self, module: Module) -> float:
        """Hours still to go after what the progress record says is done."""
        done = self.client.progress.hours_done.get(module.id, 0.0)
        return max(0.0, self.estimate(module).hours - done)
