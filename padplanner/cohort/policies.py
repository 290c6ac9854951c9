"""Named cohort policies: who goes first for scarce places, and who gets intensive mediation.

A policy is data: whose ``padplanner_cohort_priority`` rule orders the queue (the national
default, first come first served, or the municipality's own rule), who gets intensive
mediation (nobody, everyone, or whom the rule marks), and how many weeks a coach keeps
following a person in intensive mediation after the path ends. Every person's place comes
with the rule's reason; a rule that says it read a field no priority rule may use is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

import attrs

from padplanner.cohort.allocation import Ticket
from padplanner.context import PlanContext
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import ClientView, Priority, Reason
from padplanner.plugins import LAW_PLUGIN, PluginManager, Rules

HOOK = "padplanner_cohort_priority"

EXCLUDED_FIELDS: tuple[str, ...] = (
    "nationality",
    "country_of_birth",
    "ethnicity",
    "religion",
    "home_language",
    "name",
)
"""Never used by a priority rule, nor modelled at all (the SyRI ruling and the childcare-benefits
fine; docs/domain.md, hard constraints)."""

NOT_SHOWN_TO_RULES: tuple[str, ...] = ("name", "bsn", "birth_date", "notes")
"""In the client file but never on a :class:`ClientView` (rules see ``age`` in whole years)."""


@attrs.frozen
class Policy:
    """One way of sharing scarce capacity over a cohort."""

    name: str
    title: str
    description: str
    order: Literal["national", "municipal"]
    intensive: Literal["none", "rule", "all"]
    follow_up_weeks: int
    source: str
    municipality: str | None = None  # only for this municipality's cohort

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "order": self.order,
            "intensive": self.intensive,
            "follow_up_weeks": self.follow_up_weeks,
            "source": self.source,
        }


POLICIES: dict[str, Policy] = {
    policy.name: policy
    for policy in (
        Policy(
            "fifo",
            "First come, first served (national default)",
            "Everyone in standard guidance; course seats, coaches and budget go to whoever's "
            "term started first. Nobody gets intensive mediation.",
            order="national",
            intensive="none",
            follow_up_weeks=0,
            source="law plugin: wi2021.cohort.fifo",
        ),
        Policy(
            "almere-40",
            "Almere: intensive mediation for the most promising 40 %",
            "Almere's own priority rule ranks the cohort and marks at most 40 % for intensive "
            "mediation (a dated parameter of the Almere plugin); they go first for seats and "
            "coaches and are followed for 6 months after their path. The rest follow in the "
            "rule's order with standard guidance.",
            order="municipal",
            intensive="rule",
            follow_up_weeks=26,
            source="padplanner-almere plugin (padplanner_cohort_priority); follow-up: the law "
            "plugin's job follow-up at 3 and 6 months",
            municipality="GM0034",
        ),
        Policy(
            "everyone",
            "Everyone: intensive mediation with longer follow-up",
            "Everyone gets intensive mediation and is followed for 12 months after their path; "
            "nobody goes first: courses, coaches and budget are shared first come, first "
            "served, so courses wait for capacity.",
            order="national",
            intensive="all",
            follow_up_weeks=52,
            source="Almere's alderman (Sociale Vraagstukken, 2018): keep following people; "
            "the law plugin's job follow-up at 3, 6 and 12 months",
        ),
        Policy(
            "municipal",
            "The municipality's own priority rule",
            "The priority rule of the municipality's plugin orders the cohort and marks who "
            "gets intensive mediation (6 months of follow-up); without a municipal rule this "
            "is the national default.",
            order="municipal",
            intensive="rule",
            follow_up_weeks=26,
            source="the municipality's plugin (padplanner_cohort_priority)",
        ),
    )
}


def get_policy(name: str, municipality: str, manager: PluginManager) -> Policy:
    """The named policy, checked against the municipality and its installed plugins."""
    policy = POLICIES.get(name)
    if policy is None:
        raise InputError(
            [
                Problem(
                    "--policy", "", f"unknown policy {name!r} (choose from {', '.join(POLICIES)})"
                )
            ]
        )
    if policy.municipality and policy.municipality != municipality:
        raise InputError(
            [
                Problem(
                    "--policy",
                    "",
                    f"{name} is the policy of {policy.municipality}, not {municipality}; use "
                    "'municipal' for this municipality's own rule",
                )
            ]
        )
    if (
        policy.order == "municipal"
        and policy.municipality
        and not municipal_rules(manager, municipality)
    ):
        raise InputError(
            [
                Problem(
                    "--policy",
                    "",
                    f"{name} needs the cohort priority rule of {municipality}'s plugin, and no "
                    f"installed plugin serving {municipality} has one; install it (e.g. "
                    "pip install -e plugins/padplanner-almere)",
                )
            ]
        )
    return policy


def municipal_rules(manager: PluginManager, municipality: str) -> list[str]:
    """Plugins other than the law that answer the cohort priority hook for ``municipality``."""
    return [
        plugin.name
        for plugin in manager.serving(municipality)
        if plugin.name != LAW_PLUGIN and HOOK in plugin.hooks
    ]


def _priorities(
    policy: Policy, views: Sequence[ClientView], ctx: PlanContext, manager: PluginManager
) -> tuple[list[Priority], str]:
    rules = manager.rules(ctx.municipality)
    rules.check("the cohort")
    if policy.order == "national":
        rules = Rules(manager, ctx.municipality, [LAW_PLUGIN])
    # every answer, in hook order: the first is the one that counts (firstresult), and we
    # need to know whose it is
    answers = rules.collect_by_plugin(HOOK, "the cohort", clients=tuple(views), ctx=ctx)
    if answers:
        plugin, result = answers[0]
        return list(result), plugin
    raise PlanningError(f"no {HOOK} rule answered for {ctx.municipality}", hook=HOOK)


def _check(priorities: list[Priority], views: Sequence[ClientView], plugin: str) -> None:
    def fail(message: str) -> None:
        raise PlanningError(
            f"plugin {plugin!r} gave an unusable cohort priority: {message}",
            plugin=plugin,
            hook=HOOK,
        )

    wanted = {v.id for v in views}
    seen: set[str] = set()
    for item in priorities:
        if not isinstance(item, Priority):
            fail(f"expected Priority objects, got {type(item).__name__}")
        if item.client in seen:
            fail(f"{item.client} appears twice")
        if item.client not in wanted:
            fail(f"{item.client} is not in the cohort")
        if not isinstance(item.reason, Reason) or not item.reason.rule or not item.reason.text:
            fail(f"{item.client} has no reason (every place needs a rule id and a text)")
        bad = sorted(set(item.reason.inputs) & set(EXCLUDED_FIELDS + NOT_SHOWN_TO_RULES))
        if bad:
            fail(
                f"rule {item.reason.rule} says it read {', '.join(bad)}, which no priority "
                "rule may use"
            )
        seen.add(item.client)
    missing = sorted(wanted - seen)
    if missing:
        fail(f"no place for {len(missing)} people (e.g. {', '.join(missing[:3])})")


def tickets(
    policy: Policy,
    views: Sequence[ClientView],
    ctx: PlanContext,
    manager: PluginManager,
) -> list[Ticket]:
    """Everyone's place in the queue under ``policy``, with the rule's reason.

    Ties in rank are broken by id. Intensive mediation follows the policy: nobody, everyone,
    or as the rule marks it.
    """
    if not views:
        return []
    priorities, plugin = _priorities(policy, views, ctx, manager)
    _check(priorities, views, plugin)
    ordered = sorted(priorities, key=lambda p: (p.rank, p.client))
    out = []
    for place, item in enumerate(ordered, start=1):
        intensive = {"none": False, "all": True}.get(policy.intensive, bool(item.intensive))
        out.append(
            Ticket(
                id=item.client,
                place=place,
                reason=item.reason,
                intensive=intensive,
                follow_up_weeks=policy.follow_up_weeks if intensive else 0,
            )
        )
    return out


def context(catalog, municipality: str, at: date) -> PlanContext:
    """The context a cohort rule gets: the reference date and the municipality's catalogue."""
    return PlanContext(reference_date=at, municipality=municipality, law="wi2021", catalog=catalog)


def ranking(
    views: Sequence[ClientView], ctx: PlanContext, manager: PluginManager
) -> list[tuple[str, float]]:
    """Each person's rank under the municipality's own priority rule (the national default
    without one), checked as a policy's are: for drawing lots among ties at a cut-off
    (``padplanner lottery``)."""
    if not views:
        return []
    priorities, plugin = _priorities(POLICIES["municipal"], views, ctx, manager)
    _check(priorities, views, plugin)
    return [(item.client, float(item.rank)) for item in priorities]
