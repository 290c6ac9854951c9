"""Plain-words explanations in the document's language, built from the plan's data.

The engine records its reasons in the words of the rule that made them (rule id, text,
inputs). A document for the person needs them in plain words in Dutch or English: for the
national rules we know, we rebuild the sentence from structured data (dates, hours, sectors);
for any other rule (a municipality's plugin) we show the recorded text as it is. The recorded
texts also appear verbatim in the document's accountability section.
"""

from __future__ import annotations

import itertools
import math
import re
from datetime import date

from padplanner.catalog.sentences import Sentences
from padplanner.export.context import DocContext
from padplanner.export.words import (
    CHECKINS,
    DIPLOMAS,
    LEARNABILITY,
    PLAIN_KINDS,
    PLAIN_PARTS,
    SEVERITIES,
)
from padplanner.i18n import N_
from padplanner.model import SKILLS, Requirement

_NUMBERS = re.compile(r"est\. ([\d,.]+) h to A2.*?\(([\d,.]+) h\)")


WHY = {"b1": N_("doc.route.why.b1"), "z": N_("doc.route.why.z")}
WHY_NUMBERS = {"b1": N_("doc.route.why.b1.numbers"), "z": N_("doc.route.why.z.numbers")}


def _int(text: str) -> int:
    return int(float(text.replace(",", "")))


# -- route ---------------------------------------------------------------------------------
def route_why(ctx: DocContext) -> list[str]:
    """Why this route, in plain words (the counsellor's own reason when they decided)."""
    t, plan = ctx.t, ctx.plan
    reasons = {r.rule: r for r in plan.route.reasons}
    out: list[str] = []
    if "counsellor.route" in reasons:
        out.append(t("doc.route.counsellor", reason=reasons["counsellor.route"].text.strip()))
        advice = reasons.get("counsellor.route.advice")
        if advice is not None:
            match = re.search(r"advised the (\w+) route", advice.text)
            if match:
                out.append(t("doc.route.counsellor.advice", route=ctx.route_name(match.group(1))))
        return out
    for rule, reason in reasons.items():
        route = rule.rpartition(".")[2]
        if rule == "wi2021.route.onderwijs" and ctx.client is not None:
            out.append(
                t(
                    "doc.route.why.onderwijs",
                    age=ctx.client.age_at(ctx.client.term_start),
                    max_age=ctx.param("onderwijs_max_age", 28),
                    learnability=t.get(
                        LEARNABILITY.get(ctx.client.learnability), ctx.client.learnability
                    ),
                )
            )
        elif rule in ("wi2021.route.b1", "wi2021.route.z"):
            match = _NUMBERS.search(reason.text)
            weekly = getattr(ctx.client, "weekly_hours", None)
            if match and weekly is not None:
                out.append(
                    t(
                        WHY_NUMBERS[route],
                        needed=t.number(_int(match.group(1))),
                        usable=t.number(_int(match.group(2))),
                        weekly=weekly,
                    )
                )
            elif route == "z" and reason.text.startswith("no route"):
                out.append(t("doc.route.why.z.none"))
            else:
                out.append(t(WHY[route]))
        else:
            out.append(reason.text)  # a municipality's rule: its own words
    return out


# -- activities ----------------------------------------------------------------------------
def goal_rules(ctx: DocContext) -> set[str]:
    return {g.reason.rule for g in ctx.plan.goals}


def serves(ctx: DocContext, activity) -> list[str]:
    """The goals an activity serves, in plain words (from its goal reasons)."""
    t, out = ctx.t, []
    rules = goal_rules(ctx)
    for reason in activity.reasons:
        if reason.rule not in rules:
            continue
        text = _goal_phrase(ctx, reason.rule)
        if text is None:  # another rule's goal: name what it asks for, in this language
            wanted = [
                ctx.competency(g.competency) for g in ctx.plan.goals if g.reason.rule == reason.rule
            ]
            text = t("doc.goal.other", what=t.join(wanted)) if wanted else reason.text
        if text not in out:
            out.append(text)
    return out or [t("doc.goal.route", route=ctx.route_name())]


def _goal_phrase(ctx: DocContext, rule: str) -> str | None:
    t = ctx.t
    if rule.startswith("wi2021.goals.") and rule.count(".") == 2:
        route = rule.rpartition(".")[2]
        if route in ("b1", "onderwijs", "z"):
            return t("doc.goal.route", route=ctx.route_name(route))
    if rule in ("wi2021.goals.work", "wi2021.goals.work.z"):
        sector = _sector(ctx)
        if sector is not None:
            key = N_("doc.goal.work") if rule == "wi2021.goals.work" else N_("doc.goal.work.z")
            return t(key, sector=sector.title.get(ctx.lang).lower())
    if rule == "wi2021.diploma.evaluate":
        return t("doc.goal.diploma")
    return None


def brings(ctx: DocContext, activity) -> list[str]:
    return [ctx.competency(grant) for grant in activity.grants]


def activity_why(ctx: DocContext, activity) -> str:
    t = ctx.t
    parts = []
    if activity.grants:
        parts.append(t("doc.act.brings", what=t.join(brings(ctx, activity))))
    parts.append(t("doc.act.serves", what=t.join(serves(ctx, activity))))
    for reason in activity.reasons:
        if reason.rule.startswith("counsellor."):
            parts.append(t("doc.act.counsellor", text=reason.text))
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
    """The goal a milestone marks (milestone ids are ``goal-<competency slug>``)."""
    for goal in ctx.plan.goals:
        slug = goal.competency.replace(">=", "-").replace(":", "-").lower()
        if milestone.id == f"goal-{slug}":
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
    return ctx.t(CHECKINS[kind][0]) if kind in CHECKINS else kind


def checkin_why(ctx: DocContext, check_in) -> str:
    if check_in.kind in CHECKINS:
        return ctx.t(CHECKINS[check_in.kind][1])
    return "; ".join(r.text for r in check_in.reasons)


def _sector(ctx: DocContext):
    goal = getattr(getattr(ctx.client, "work", None), "goal", None)
    if goal is None:
        for g in ctx.plan.goals:
            if g.competency.startswith(("work:", "practice:")):
                goal = g.competency.partition(":")[2]
    return ctx.catalog.sectors.get(goal or "")


# -- findings ------------------------------------------------------------------------------
def finding_text(ctx: DocContext, finding) -> str:
    """One finding in plain words, led by its severity (``Let op: ...``)."""
    severity = ctx.t.get(SEVERITIES.get(finding.severity), finding.severity)
    return f"{severity}: {finding_words(ctx, finding)}"


def finding_words(ctx: DocContext, finding) -> str:
    """One finding in the document's plain words: the law's and padplanner's findings from
    the text catalogue, a plugin's from its rule's sentence, else the message."""
    return _finding_body(ctx, finding) or Sentences(ctx.catalog, ctx.lang).say(finding)


def _finding_body(ctx: DocContext, finding) -> str | None:
    t, plan = ctx.t, ctx.plan
    rule = finding.rule
    if rule == "wi2021.deadline.exceeded":
        weeks = math.ceil((plan.completion_date - plan.deadline).days / 7)
        return t(
            "doc.find.deadline",
            completion=t.date(plan.completion_date),
            weeks=weeks,
            deadline=t.date(plan.deadline),
        )
    if rule == "wi2021.a2_drop.possible":
        when = _iso_in(finding.message)
        return t(
            "doc.find.a2_drop",
            hours=t.number(ctx.param("a2_drop_hours", 600)),
            share=t.percent(ctx.param("a2_drop_in_person_share", 0.5)),
            date=t.date(when) if when else "?",
        )
    if rule in ("wi2021.route.switch_window_closing", "wi2021.route.switch_late"):
        when = _iso_in(finding.message)
        if when is None:
            return None
        if rule.endswith("closing"):
            return t("doc.find.switch_closing", date=t.date(when), route=ctx.route_name())
        return t("doc.find.switch_late", date=t.date(when))
    if rule == "wi2021.order.too_early":
        return _too_early(ctx, finding)
    if rule == "wi2021.load.overload":
        match = re.match(r"(\d+) weeks", finding.message)
        weekly = getattr(ctx.client, "weekly_hours", None)
        if match and weekly is not None:
            return t("doc.find.overload", weeks=match.group(1), hours=weekly)
        return None
    if rule in ("wi2021.diploma.regulated", "wi2021.diploma.missing"):
        sector = _sector(ctx)
        if sector is None:
            return None
        title = sector.title.get(ctx.lang)
        if rule.endswith("regulated"):
            when = _iso_in(finding.message)
            return t("doc.find.diploma_regulated", sector=title, date=t.date(when) if when else "?")
        diploma = getattr(getattr(ctx.client, "work", None), "foreign_diploma", "none")
        return t(
            "doc.find.diploma_missing",
            diploma=t.get(DIPLOMAS.get(diploma), diploma),
            sector=title.lower(),
        )
    if rule == "padplanner.path.unreachable":
        return t("doc.find.unreachable")
    if rule == "padplanner.progress.finished":
        return t("doc.find.finished")
    if rule == "counsellor.pin.ignored":
        return t("doc.find.pin_ignored")
    return None


def _too_early(ctx: DocContext, finding) -> str | None:
    t, plan = ctx.t, ctx.plan
    by_id = {a.id: a for a in plan.activities}
    for activity in plan.activities:
        if activity.title not in finding.message:
            continue
        early = [
            by_id[d] for d in activity.depends_on if d in by_id and by_id[d].end > activity.start
        ]
        if early:
            return t(
                "doc.find.too_early",
                title=ctx.title(activity),
                start=t.date(activity.start),
                before=t.join([ctx.title(a) for a in early]),
            )
    return None


def _iso_in(text: str) -> date | None:
    match = re.search(r"\d{4}-\d{2}-\d{2}", text)
    return date.fromisoformat(match.group(0)) if match else None
