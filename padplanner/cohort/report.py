"""The cohort document ``padplanner.cohort/1``: one plain JSON document per simulation.

:func:`document` turns a :class:`~padplanner.cohort.simulate.Simulation` into it; the text and
HTML renderers (:mod:`padplanner.cohort.render`) read only that document, so the three outputs
always show the same numbers.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from padplanner.cohort.allocation import Placement
from padplanner.cohort.fairness import ATTRIBUTES, NOT_USED
from padplanner.cohort.individual import Skipped
from padplanner.cohort.outline import Outline
from padplanner.cohort.simulate import Simulation
from padplanner.i18n import LANGS, texts
from padplanner.model.plan import unstructure

COHORT_SCHEMA = "padplanner.cohort/1"
BASELINE = "as-planned"


def _placement(outline: Outline, placement: Placement) -> dict[str, Any]:
    def day(week: int) -> str:
        return (outline.plan_start + timedelta(weeks=week)).isoformat()

    data: dict[str, Any] = {
        "id": outline.id,
        "place": placement.place,
        "priority": unstructure(placement.priority),
        "intensive": placement.intensive,
        "route": outline.route,
        "served": placement.served,
        "planned_completion": day(outline.completion),
        "deadline": outline.deadline.isoformat(),
        "reason": unstructure(placement.reason),
        "causes": [unstructure(c) for c in placement.causes],
        "waits": [w._asdict() for w in placement.waits],
    }
    if placement.starts is None:
        data.update(completion=None, delay_weeks=None, in_term=False, activities=[])
        return data
    end = max(
        (s + st.weeks for s, st in zip(placement.starts, outline.steps, strict=True)), default=0
    )
    data.update(
        completion=day(end),
        delay_weeks=placement.delay,
        in_term=outline.plan_start + timedelta(weeks=end) <= outline.deadline,
        mediation=None
        if placement.mediation is None
        else {"start": day(placement.mediation[0]), "end": day(placement.mediation[1])},
        activities=[
            {
                "module": step.module,
                "start": day(start),
                "end": day(start + step.weeks),
                "planned_start": day(step.start),
                "wait_weeks": start - step.start,
            }
            for start, step in zip(placement.starts, outline.steps, strict=True)
        ],
    )
    return data


def _skipped(skipped: Skipped) -> dict[str, Any]:
    """A person not planned: the English message, and its words in Dutch and English."""
    words = {
        lang: "; ".join(p.say(texts(lang)) for p in skipped.problems) or skipped.message
        for lang in LANGS
    }
    return {"id": skipped.id, "message": skipped.message, "words": words}


def document(
    sim: Simulation, *, kind: str = "simulation", source: str = "", people: bool = False
) -> dict[str, Any]:
    """The ``padplanner.cohort/1`` document; ``people`` adds every placement per policy."""
    cohort = sim.cohort
    columns: list[dict[str, Any]] = [
        {
            "name": BASELINE,
            "title": "Plans as made, without capacity limits",
            "projection": sim.baseline.to_dict(),
        }
    ]
    if sim.baseline_outcomes is not None:
        columns[0]["outcomes"] = sim.baseline_outcomes.to_dict()
    by_id = {o.id: o for o in cohort.outlines}
    for run in sim.runs:
        column = {
            "name": run.policy.name,
            "title": run.policy.title,
            "policy": run.policy.to_dict(),
            "words": run.words,
            "projection": run.projection.to_dict(),
            "fairness": run.fairness.to_dict(),
            "priority_fields": list(run.priority_fields),
        }
        if run.outcomes is not None:
            column["outcomes"] = run.outcomes.to_dict()
        if people:
            column["placements"] = [_placement(by_id[p.id], p) for p in run.allocation.placements]
        columns.append(column)
    return {
        "schema": COHORT_SCHEMA,
        "kind": kind,
        "municipality": cohort.municipality,
        "reference_date": cohort.reference_date.isoformat(),
        "cohort": {
            "source": source,
            "planned": len(cohort.outlines),
            "skipped": [_skipped(s) for s in cohort.skipped],
        },
        "capacities": {**cohort.capacities.to_dict(), "titles": cohort.titles},
        "columns": columns,
        "fields": {"used": dict(ATTRIBUTES), "not_used": dict(NOT_USED)},
        **({"effects": sim.effects.to_dict()} if sim.effects is not None else {}),
    }


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
