"""What a recorded progress event says, in the reader's words (the progress screen's "Wat").

Each kind has its sentence in the catalogues (``tui.event.*``); modules, skills, components
and sectors are named as the person's catalogue titles them, hours and numbers as the language
writes them, and the event's note (free text) follows as it was typed, made printable.
"""

from __future__ import annotations

from padplanner.catalog import Catalog
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.limits import printable

CAUSES = {
    "birth": N_("tui.event.cause.birth"),
    "illness": N_("tui.event.cause.illness"),
    "other": N_("tui.event.cause.other"),
}
OUTCOMES = {
    "completed": N_("tui.event.outcome.completed"),
    "fined": N_("tui.event.outcome.fined"),
    "exempted": N_("tui.event.outcome.exempted"),
    "other": N_("tui.event.outcome.other"),
}
TOPICS = {
    "progress": N_("tui.event.topic.progress"),
    "map-final": N_("tui.event.topic.map-final"),
    "job-follow-up": N_("tui.event.topic.job-follow-up"),
    "other": N_("tui.event.topic.other"),
}
AGREEMENTS = {
    "agrees": N_("tui.event.agreement.agrees"),
    "partly": N_("tui.event.agreement.partly"),
    "disagrees": N_("tui.event.agreement.disagrees"),
}


def event_text(t: Texts, event, catalog: Catalog | None) -> str:
    """``43,6 uur in NT2 A1 naar A2`` / ``43.6 hours in NT2 A1 to A2``; the note after a dash."""
    said = _said(t, event, catalog)
    note = getattr(event, "note", None)
    if note:
        said = f"{said} — {printable(note)}" if said else printable(note)
    return said


def _said(t: Texts, e, catalog: Catalog | None) -> str:
    kind = e.kind
    if kind == "hours":
        text = t(
            "tui.event.hours", hours=t.hours(e.hours), module=module_title(t, e.module, catalog)
        )
        return text if e.in_person else t("tui.event.remote", said=text)
    if kind == "exam":
        key = N_("tui.event.exam.passed") if e.passed else N_("tui.event.exam.failed")
        return t(key, skill=_competency(t, e.skill, catalog), level=str(e.level))
    if kind == "completed":
        return _competency(t, e.component, catalog)
    if kind == "placement-started":
        return _sector(t, e.sector, catalog)
    if kind == "placement-ended":
        key = (
            N_("tui.event.placement.completed")
            if e.completed
            else N_("tui.event.placement.stopped")
        )
        return t(key, sector=_sector(t, e.sector, catalog))
    if kind == "job-started":
        return t(
            "tui.event.job", sector=_sector(t, e.sector, catalog), hours=t.hours(e.hours_per_week)
        )
    if kind == "extension":
        return t(
            "tui.event.extension", weeks=t.weeks(e.weeks), cause=t.get(CAUSES.get(e.cause), e.cause)
        )
    if kind == "moved":
        return t("tui.event.moved", municipality=e.municipality)
    if kind == "term-ended":
        return t.get(OUTCOMES.get(e.outcome), e.outcome)
    if kind == "contact":
        return t.get(TOPICS.get(e.topic), e.topic)
    if kind == "intervention":
        return e.name
    if kind in ("pip-set", "discussed"):
        parts = [t("tui.event.revision", revision=e.revision)] if e.revision else []
        if kind == "discussed":
            parts.append(
                t(N_("tui.event.interpreter") if e.interpreter else N_("tui.event.no_interpreter"))
            )
            parts.append(t.get(AGREEMENTS.get(e.agreement), e.agreement))
        return ", ".join(parts)
    return ""


def module_title(t: Texts, module: str, catalog: Catalog | None) -> str:
    """A module's title in the reader's language; its id when the catalogue has none."""
    return _title(t, module, catalog.modules if catalog is not None else {})


def _competency(t: Texts, name: str, catalog: Catalog | None) -> str:
    return _title(t, name, catalog.competencies if catalog is not None else {})


def _sector(t: Texts, key: str, catalog: Catalog | None) -> str:
    return _title(t, key, catalog.sectors if catalog is not None else {})


def _title(t: Texts, key: str, titled) -> str:
    """``titled[key]``'s title in the reader's language; ``key`` itself when it has none."""
    found = titled.get(key)
    return found.title.get(t.lang) if found is not None else key
