"""The national default for a cohort's scarce places: first come, first served."""

from __future__ import annotations

from collections.abc import Sequence

from padplanner.plugin import ClientView, PlanContext, Priority, Reason, hookimpl


@hookimpl(trylast=True)  # the national default: a municipality's own order comes first
def padplanner_cohort_priority(clients: Sequence[ClientView], ctx: PlanContext) -> list[Priority]:
    """First come, first served: by term start, then by id; nobody gets intensive mediation."""
    ordered = sorted(clients, key=lambda c: (c.term_start, c.id))
    total = len(ordered)
    return [
        Priority(
            client.id,
            float(place),
            Reason(
                "wi2021.cohort.fifo",
                f"First come, first served: the term started on {client.term_start.isoformat()} "
                f"(place {place} of {total})",
                ("term_start",),
                {"term_start": client.term_start, "place": place, "total": total},
            ),
        )
        for place, client in enumerate(ordered, start=1)
    ]
