"""What every document builder needs: the plan, the person, the catalogue and the texts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from padplanner.catalog.sentences import Sentences
from padplanner.export.timeline import Timeline, build_timeline, plan_start
from padplanner.export.words import LAWS, ROUTES, SKILL_NAMES
from padplanner.i18n import resolve_lang, texts
from padplanner.i18n.messages import Texts
from padplanner.limits import printable
from padplanner.model import Plan, Requirement, milestone_id


@attrs.frozen
class DocContext:
    plan: Plan
    client: Any  # padplanner.model.Client or None (a plan read back without its intake)
    catalog: Any
    t: Texts
    today: date
    show_bsn: bool
    municipality_name: str | None
    say: Sentences  # the rules' sentences in the document's language
    discussion: Any = None  # a PlanDiscussed event for this plan, or None

    @classmethod
    def make(
        cls,
        plan: Plan,
        *,
        client: Any,
        catalog: Any,
        lang: str | None,
        today: date | None,
        show_bsn: bool,
        municipality_name: str | None,
        discussion: Any = None,
    ) -> DocContext:
        if catalog is None:
            from padplanner.catalog import load_catalog

            catalog = load_catalog()
        t = texts(resolve_lang(lang))
        return cls(
            plan=plan,
            client=client,
            catalog=catalog,
            t=t,
            today=today or date.today(),
            show_bsn=show_bsn,
            municipality_name=municipality_name,
            say=Sentences(catalog, t.lang),
            discussion=discussion,
        )

    # -- the person ----------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.t.lang

    @property
    def name(self) -> str:
        name = getattr(self.client, "name", None)
        name = printable(" ".join(name.split())) if name else ""  # as stored, shown safely
        return name or self.t("doc.no_name")

    def own(self, key: str) -> str | None:
        """The person's own words (``own_goals``, ...) from the intake, or None."""
        text = getattr(self.client, key, None)
        return text.strip() if isinstance(text, str) and text.strip() else None

    @property
    def municipality(self) -> str:
        code = self.plan.municipality
        if self.municipality_name:
            return f"{self.municipality_name} ({code})"
        return self.t("doc.person.municipality_code", code=code)

    # -- the plan ------------------------------------------------------------------------
    @property
    def start(self) -> date:
        return plan_start(self.plan)

    def route_name(self, route: str | None = None) -> str:
        route = route or self.plan.route.id
        return self.t.get(ROUTES.get(route), route)

    def skill(self, name: str) -> str:
        """``reading`` → ``lezen`` / ``reading``."""
        return self.t.get(SKILL_NAMES.get(name), name)

    def law_name(self) -> str:
        return self.t.get(LAWS.get(self.plan.law), self.plan.law)

    def title(self, activity) -> str:
        module = self.catalog.modules.get(activity.module)
        return module.title.get(self.lang) if module is not None else activity.title

    def competency(self, text: str) -> str:
        """``reading>=B1`` → ``Lezen B1``; ``work:logistics`` → ``werk in de sector Logistiek``."""
        return competency_words(self.catalog, self.t, text)

    def timeline(self, label: Callable[[Any], str] | None = None) -> Timeline:
        """The plan's timeline, bars labelled by ``label`` (the module titles by default)."""
        return build_timeline(self.plan, self.t, label or self.title, self.today)


def competency_words(catalog, t: Texts, text: str) -> str:
    """A competency requirement in the reader's words: ``reading>=B1`` → ``Lezen B1``;
    ``work:logistics`` → ``werk in de sector logistiek``; unknown text as it is."""
    try:
        req = Requirement.parse(text)
    except ValueError:
        return text
    comp = catalog.competencies.get(req.name)
    title = comp.title.get(t.lang) if comp is not None else req.name
    if ":" in req.name:
        prefix, _, key = req.name.partition(":")
        sector = catalog.sectors.get(key)
        sector_title = sector.title.get(t.lang) if sector is not None else title
        if prefix == "work":
            return t("doc.comp.work", sector=sector_title.lower())
        if prefix == "practice":
            return t("doc.comp.practice", sector=sector_title.lower())
    return f"{title} {req.level}" if req.level else title


def milestone_requirement(catalog, milestone: str) -> str | None:
    """The competency a goal's milestone id names, as a requirement: ``goal-listening-b1`` →
    ``listening>=B1``, ``goal-work-care`` → ``work:care`` (the inverse of
    :func:`~padplanner.model.milestone_id` over the catalogue's competencies and levels);
    None if none matches."""
    for name, comp in catalog.competencies.items():
        levels = catalog.scales.get(comp.scale, ()) if comp.scale else ()
        for requirement in (name, *(f"{name}>={level}" for level in levels)):
            if milestone_id(requirement) == milestone:
                return requirement
    return None
