"""Plain-words explanations in the document's language, built from the plan's data.

Every reason and finding is said in the rule's own sentence for the document's language
(declared with the rule, filled from the values it recorded: :mod:`padplanner.catalog.sentences`);
a rule without sentences is quoted in its recorded words. Nothing here knows a rule of the law
or reads a recorded text to rebuild it.
"""

from __future__ import annotations

import itertools

from padplanner.export.context import DocContext
from padplanner.export.words import CHECKINS, PLAIN_KINDS, PLAIN_PARTS, SEVERITIES
from padplanner.model import SKILLS, Requirement, milestone_id


# -- route ---------------------------------------------------------------------------------
def route_why(ctx: DocContext) -> list[str]:
    """Why this route: the sentence of each route reason (the counsellor's decision first,
    with the rules' advice beside it, when the counsellor decided)."""
    return [ctx.say(reason) for reason in ctx.plan.route.reasons]


# -- activities ----------------------------------------------------------------------------
def goal_rules(ctx: DocContext) -> set[str]:
    return {g.reason.rule for g in ctx.plan.goals}


def serves(ctx: DocContext, activity) -> list[str]:
    """Why an activity is in the plan: the sentences of the goals it serves."""
    rules = goal_rules(ctx)
    out: list[str] = []
    for reason in activity.reasons:
        if reason.rule in rules:
            text = ctx.say(reason)
            if text not in out:
                out.append(text)
    return out


def brings(ctx: DocContext, activity) -> list[str]:
    return [ctx.competency(grant) for grant in activity.grants]


def activity_why(ctx: DocContext, activity) -> str:
    """What an activity brings, the goals it serves and the counsellor's decisions on it."""
    t = ctx.t
    parts = []
    if activity.grants:
        parts.append(t("doc.act.brings", what=t.join(brings(ctx, activity))))
    parts += serves(ctx, activity)
    parts += [ctx.say(r) for r in activity.reasons if r.rule.startswith("counsellor.")]
    return " ".join(parts)


def plain_title(ctx: DocContext, activity) -> str:
    """Everyday words for an activity (the A2 summary)."""
    t, module = ctx.t, activity.module
    for flag in ("knm", "pvt", "map"):  # by what it brings: a municipality's own MAP is a MAP
        if module == flag or flag in activity.grants:
            return t(PLAIN_PARTS[flag])
    if module.startswith("taalmaatje"):
        return t("doc.plain.taalmaatje")
    if module.startswith("wep-"):
        return t("doc.plain.wep")
    if "dual" in module.split("-"):
        return t("doc.plain.dual")
    if module == "job-coaching":
        return t("doc.plain.coaching")
    if module.startswith("diploma"):
        return t("doc.plain.diploma")
    if module == "z-participation":
        return t("doc.plain.participation")
    if activity.kind == "language":
        skills = sorted(
            {r.name for r in map(Requirement.parse, activity.grants) if r.name in SKILLS},
            key=SKILLS.index,
        )
        if len(skills) == 1:
            return t("doc.plain.language.skill", skill=ctx.skill(skills[0]))
        return t("doc.plain.language")
    return t.get(PLAIN_KINDS.get(activity.kind), ctx.title(activity))


# -- goals, check-ins ----------------------------------------------------------------------
def milestone_goal(ctx: DocContext, milestone) -> str:
    """The goal a milestone marks (its id is :func:`~padplanner.model.milestone_id`)."""
    for goal in ctx.plan.goals:
        if milestone.id == milestone_id(goal.competency):
            return ctx.competency(goal.competency)
    return milestone.id


def cadence_weeks(ctx: DocContext) -> int | None:
    """Weeks between progress conversations when they follow one fixed rhythm, else ``None``."""
    days = sorted(c.date for c in ctx.plan.check_ins if c.kind == "progress")
    gaps = {(b - a).days for a, b in itertools.pairwise(days)}
    if len(gaps) == 1:
        gap = gaps.pop()
        if gap % 7 == 0:
            return gap // 7
    return None


def checkin_kind(ctx: DocContext, kind: str) -> str:
    return ctx.t(CHECKINS[kind]) if kind in CHECKINS else kind


def checkin_why(ctx: DocContext, check_in) -> str:
    """Why a conversation is planned: the sentences of its reasons."""
    return " ".join(ctx.say(r) for r in check_in.reasons)


# -- findings ------------------------------------------------------------------------------
def finding_text(ctx: DocContext, finding) -> str:
    """One finding in plain words, led by its severity (``Let op: ...``)."""
    severity = ctx.t.get(SEVERITIES.get(finding.severity), finding.severity)
    return f"{severity}: {finding_words(ctx, finding)}"


def finding_words(ctx: DocContext, finding) -> str:
    """One finding in the document's language: its rule's sentence, else its message."""
    return ctx.say(finding)
