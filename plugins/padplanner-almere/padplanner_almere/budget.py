"""Rule 8, budget: intensive mediation for at most 40 % of a cohort, ranked by explainable criteria.

Almere can pay intensive mediation (job coaching plus a dual trajectory) for at most a share of
its status holders (dated parameter ``almere_intensive_share``). People aiming at work are
ranked by the estimated weeks to B1 at their own weekly hours: the fewer weeks, the sooner
mediation can lead to work. The estimate reads only the lowest CEFR level, education,
literacy, learnability and weekly hours, all on ``ClientView``; never nationality, ethnicity,
religion, home language, name, age or sex. People not aiming at work come after, without
intensive mediation (job mediation does not apply to them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from padplanner.plugin import SKILLS, ClientView, Level, PlanContext, Priority, Reason

INPUTS = ("aim", "levels", "education", "literacy", "learnability", "weekly_hours")


def hours_to_b1(client: ClientView, ctx: PlanContext) -> tuple[float, str, dict]:
    """Estimated hours from the person's lowest skill to B1, how the figure is made up, and
    the values of that sentence."""
    steps = ctx.param("almere_priority_step_hours")
    lowest = min(client.levels.get(skill) for skill in SKILLS)
    base = float(sum(steps[int(lowest) : int(Level.B1)]))
    if client.literacy == "none":
        profile = "not-literate"
        education = ctx.param("hours_factor_not_literate")
        education_text = "not literate"
    else:
        profile = client.education
        education = ctx.param("hours_factor_education")[client.education]
        education_text = f"{client.education} education"
    learnability = ctx.param("hours_factor_learnability")[client.learnability]
    hours = base * education * learnability
    text = (
        f"{base:g} h from {lowest} to B1 × {education:g} ({education_text}) × "
        f"{learnability:g} ({client.learnability} learnability) = {hours:,.0f} h"
    )
    values = {
        "base": base,
        "lowest": str(lowest),
        "profile": profile,
        "education_factor": education,
        "learnability": client.learnability,
        "learnability_factor": learnability,
        "hours": round(hours),
    }
    return hours, text, values


def rank_cohort(clients: Sequence[ClientView], ctx: PlanContext) -> list[Priority]:
    """One :class:`Priority` per client: rank 1 first; the first ``share`` of the cohort intensive."""
    share = ctx.param("almere_intensive_share")
    places = math.floor(share * len(clients) + 1e-9)
    scored = []
    for client in clients:
        hours, text, values = hours_to_b1(client, ctx)
        weeks = hours / client.weekly_hours
        eligible = client.aim == "work"
        scored.append((not eligible, round(weeks, 6), client.id, client, weeks, text, values))
    scored.sort(key=lambda item: item[:3])
    total = len(scored)
    out = []
    for rank, (not_eligible, _, _, client, weeks, text, values) in enumerate(scored, start=1):
        intensive = not not_eligible and rank <= places
        if not_eligible:
            verdict = f"aims at {client.aim}, so job mediation does not apply"
            variant = "not_work"
        elif intensive:
            verdict = f"within the first {places} ({share:.0%} of {total}): intensive mediation"
            variant = ""
        else:
            verdict = f"after the first {places} ({share:.0%} of {total}): regular support"
            variant = "regular"
        values = {
            **values,
            "weekly": client.weekly_hours,
            "weeks": round(weeks),
            "rank": rank,
            "total": total,
            "places": places,
            "share": share,
            "aim": client.aim,
        }
        if variant:
            values["variant"] = variant
        out.append(
            Priority(
                client.id,
                float(rank),
                Reason(
                    "almere.budget.intensive",
                    f"Est. {text} to B1; at {client.weekly_hours} h a week about {weeks:,.0f} "
                    f"weeks. Place {rank} of {total}, {verdict}",
                    INPUTS,
                    values,
                ),
                intensive=intensive,
            )
        )
    return out
