"""Named cohort policies: who goes first for scarce places, and who gets intensive mediation.

A policy (:class:`~padplanner.model.CohortPolicy`) is data: whose ``padplanner_cohort_priority``
rule orders the queue (the national default, first come first served, or the municipality's
own rule), who gets intensive mediation (nobody, everyone, or whom the rule marks), and how
many weeks a coach keeps following a person in intensive mediation after the path ends. The
national policies are here; a municipality's plugin offers its own through the
``padplanner_cohort_policies`` hook. Every person's place comes with the rule's reason; a rule
that says it read a field no priority rule may use is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from padplanner.cohort.allocation import Ticket
from padplanner.context import PlanContext
from padplanner.errors import InputError, PlanningError, Problem
from padplanner.model import ClientView, CohortPolicy, Priority, Reason
from padplanner.plugins import PluginManager, Rules

HOOK = "padplanner_cohort_priority"
OFFERS = "padplanner_cohort_policies"
TITLES = "cohort_policy"  # [words.cohort_policy] NAME = { nl = "...", en = "..." }
ABOUT = "cohort_policy_about"  # [words.cohort_policy_about]: what the policy does
LANGS = ("nl", "en")
Policy = CohortPolicy  # the name this package used before plugins could offer policies

EXCLUDED_FIELDS: tuple[str, ...] = (
    "nationality",
    "country_of_birth",
    "ethnicity",
    "religion",
    "home_language",
    "name",
)
"""Never used by a priority rule, nor modelled at all (docs/domain.md: SyRI, childcare benefits)."""

NOT_SHOWN_TO_RULES: tuple[str, ...] = ("name", "bsn", "birth_date", "notes")
"""In the client file but never on a :class:`ClientView` (rules see ``age`` in whole years)."""


POLICIES: dict[str, CohortPolicy] = {
    policy.name: policy
    for policy in (
        CohortPolicy(
            "fifo",
            "First come, first served (national default)",
            "Everyone in standard guidance; course seats, coaches and budget go to whoever's "
            "term started first. Nobody gets intensive mediation.",
            order="national",
            intensive="none",
            follow_up_weeks=0,
            source="the law's default priority rule (padplanner_cohort_priority)",
        ),
        CohortPolicy(
            "everyone",
            "Everyone: intensive mediation with longer follow-up",
            "Everyone gets intensive mediation and is followed for 12 months after their path; "
            "nobody goes first: courses, coaches and budget are shared first come, first "
            "served, so courses wait for capacity.",
            order="national",
            intensive="all",
            follow_up_weeks=52,
            source="an alderman's interview (Sociale Vraagstukken, March 2018; docs/domain.md): "
            "keep following people; the law plugin's job follow-up at 3, 6 and 12 months",
        ),
        CohortPolicy(
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
"""The national policies, offered to every municipality."""


def offered(manager: PluginManager, municipality: str = "") -> dict[str, CohortPolicy]:
    """The national policies and those the installed plugins offer (for ``municipality``,
    or for any when it is empty), by name; a plugin's policy may not take a taken name."""
    out = dict(POLICIES)
    every = Rules(manager, municipality, list(manager.plugins))
    for plugin, batch in every.collect_by_plugin(OFFERS, "the cohort", municipality=municipality):
        for policy in batch:
            if policy.name in out:
                raise PlanningError(
                    f"plugin {manager.label(plugin)} offers a cohort policy named "
                    f"{policy.name!r}, a name already taken; rename it",
                    plugin=plugin,
                    hook=OFFERS,
                )
            out[policy.name] = policy
    return out


def said(policy: CohortPolicy, catalog: Any, lang: str) -> tuple[str, str]:
    """The policy's title and what it does in ``lang``, from the catalogues' word tables
    ``cohort_policy`` and ``cohort_policy_about`` (the national policies in padplanner's own
    catalogue, a plugin's in the plugin's); else as the policy object words them."""
    words = getattr(catalog, "words", {})
    title = words.get(TITLES, {}).get(policy.name)
    about = words.get(ABOUT, {}).get(policy.name)
    return (
        title.get(lang) if title is not None else policy.title,
        about.get(lang) if about is not None else policy.description,
    )


def words(policy: CohortPolicy, catalog: Any) -> dict[str, dict[str, str]]:
    """Title and description per language, for the cohort document."""
    out = {}
    for lang in LANGS:
        title, about = said(policy, catalog, lang)
        out[lang] = {"title": title, "description": about}
    return out


def unsaid_policies(manager: PluginManager, catalog_of: Any) -> list[Problem]:
    """A problem for every offered cohort policy without a title and a description in Dutch
    and English in the catalogues (``catalog_of(code)`` loads a municipality's); ``padplanner
    check`` reports them."""
    out = []
    for policy in offered(manager).values():
        catalog = catalog_of(policy.municipality or "GM0000")
        known = getattr(catalog, "words", {})
        for table in (TITLES, ABOUT):
            if policy.name not in known.get(table, {}):
                out.append(
                    Problem(
                        f"cohort policy {policy.name!r}",
                        f"words.{table}.{policy.name}",
                        "no words in Dutch and English: add "
                        f'[words.{table}] {policy.name} = {{ nl = "...", en = "..." }} to the '
                        "catalogue of the plugin that offers it",
                    )
                )
    return out


def get_policy(name: str, municipality: str, manager: PluginManager) -> CohortPolicy:
    """The named policy, checked against the municipality and its installed plugins."""
    policies = offered(manager, municipality)
    policy = policies.get(name)
    if policy is None:
        local = [
            p for p in policies.values() if not p.municipality or p.municipality == municipality
        ]
        raise InputError(
            [
                Problem(
                    "--policy",
                    "",
                    f"unknown policy {name!r} (choose from {', '.join(p.name for p in local)})",
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
                    f"installed plugin serving {municipality} has one; install that plugin",
                )
            ]
        )
    return policy


def municipal_rules(manager: PluginManager, municipality: str) -> list[str]:
    """Plugins other than the law that answer the cohort priority hook for ``municipality``."""
    return [
        plugin.name
        for plugin in manager.serving(municipality)
        if not plugin.builtin and HOOK in plugin.hooks
    ]


def _priorities(
    policy: CohortPolicy, views: Sequence[ClientView], ctx: PlanContext, manager: PluginManager
) -> tuple[list[Priority], str]:
    rules = manager.rules(ctx.municipality)
    rules.check("the cohort")
    if policy.order == "national":
        national = [p.name for p in manager.plugins.values() if p.builtin]
        rules = Rules(manager, ctx.municipality, national)
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
    policy: CohortPolicy,
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


def context(planner: Any, municipality: str, at: date) -> PlanContext:
    """The context a cohort rule gets: the reference date, the municipality's catalogue and
    the law in force at that date (as the law plugin says)."""
    law = planner.law(at, municipality)
    catalog = planner.catalog(municipality)
    return PlanContext(
        reference_date=at, municipality=municipality, law=law.id if law else "", catalog=catalog
    )


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
