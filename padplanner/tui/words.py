"""The TUI's words for values chosen at run time: routes, phases, risks, choices, events.

Each table maps a value to its message id (``tui.*`` in the catalogues); :func:`word` shows a
value through a table, and a value no table knows (a plugin's) as it is.
"""

from __future__ import annotations

from padplanner.i18n import N_
from padplanner.i18n.messages import Texts

ROUTES = {
    "b1": N_("tui.route.b1"),
    "onderwijs": N_("tui.route.onderwijs"),
    "z": N_("tui.route.z"),
}

SHORT_ROUTES = {  # the caseload's narrow column
    "b1": N_("tui.route.short.b1"),
    "onderwijs": N_("tui.route.short.onderwijs"),
    "z": N_("tui.route.short.z"),
}

RISKS = {
    "none": N_("tui.risk.none"),
    "contact": N_("tui.risk.contact"),
    "behind": N_("tui.risk.behind"),
    "deadline": N_("tui.risk.deadline"),
}

PHASES = {
    "intake": N_("tui.phase.intake"),
    "waiting": N_("tui.phase.waiting"),
    "literacy": N_("tui.phase.literacy"),
    "language": N_("tui.phase.language"),
    "education": N_("tui.phase.education"),
    "civic": N_("tui.phase.civic"),
    "values": N_("tui.phase.values"),
    "work": N_("tui.phase.work"),
    "support": N_("tui.phase.support"),
    "finished": N_("tui.phase.finished"),
    "ended": N_("tui.phase.ended"),
}

KINDS = {
    "language": N_("tui.kind.language"),
    "literacy": N_("tui.kind.literacy"),
    "civic": N_("tui.kind.civic"),
    "values": N_("tui.kind.values"),
    "work": N_("tui.kind.work"),
    "education": N_("tui.kind.education"),
    "support": N_("tui.kind.support"),
}

SEVERITIES = {
    "error": N_("tui.severity.error"),
    "warning": N_("tui.severity.warning"),
    "info": N_("tui.severity.info"),
}

LEARNABILITY = {
    "low": N_("tui.value.learnability.low"),
    "average": N_("tui.value.learnability.average"),
    "high": N_("tui.value.learnability.high"),
}

EDUCATION = {
    "none": N_("tui.value.education.none"),
    "primary": N_("tui.value.education.primary"),
    "secondary": N_("tui.value.education.secondary"),
    "vocational": N_("tui.value.education.vocational"),
    "higher": N_("tui.value.education.higher"),
}

LITERACY = {
    "none": N_("tui.value.literacy.none"),
    "other-script": N_("tui.value.literacy.other-script"),
    "latin": N_("tui.value.literacy.latin"),
}

DUTCH_CONTACT = {
    "none": N_("tui.value.dutch_contact.none"),
    "some": N_("tui.value.dutch_contact.some"),
    "daily": N_("tui.value.dutch_contact.daily"),
}

AIM = {
    "work": N_("tui.value.aim.work"),
    "study": N_("tui.value.aim.study"),
    "participation": N_("tui.value.aim.participation"),
}

FOREIGN_DIPLOMA = {
    "none": N_("tui.value.foreign_diploma.none"),
    "secondary": N_("tui.value.foreign_diploma.secondary"),
    "vocational": N_("tui.value.foreign_diploma.vocational"),
    "bachelor": N_("tui.value.foreign_diploma.bachelor"),
    "master": N_("tui.value.foreign_diploma.master"),
    "doctorate": N_("tui.value.foreign_diploma.doctorate"),
}

EVENT_KINDS = {
    "hours": N_("tui.progress.kind.hours"),
    "exam": N_("tui.progress.kind.exam"),
    "completed": N_("tui.progress.kind.completed"),
    "placement-started": N_("tui.progress.kind.placement-started"),
    "placement-ended": N_("tui.progress.kind.placement-ended"),
    "job-started": N_("tui.progress.kind.job-started"),
    "job-ended": N_("tui.progress.kind.job-ended"),
    "extension": N_("tui.progress.kind.extension"),
    "contact": N_("tui.progress.kind.contact"),
    "moved": N_("tui.progress.kind.moved"),
    "term-ended": N_("tui.progress.kind.term-ended"),
}

EVENT_AMOUNTS = {  # what the amount field asks for, by event kind
    "hours": N_("tui.progress.amount.hours"),
    "exam": N_("tui.progress.amount.exam"),
    "job-started": N_("tui.progress.amount.job-started"),
    "extension": N_("tui.progress.amount.extension"),
}

CAUSES = {
    "illness": N_("tui.progress.cause.illness"),
    "birth": N_("tui.progress.cause.birth"),
    "other": N_("tui.progress.cause.other"),
}

TOPICS = {
    "progress": N_("tui.progress.topic.progress"),
    "map-final": N_("tui.progress.topic.map-final"),
    "job-follow-up": N_("tui.progress.topic.job-follow-up"),
    "other": N_("tui.progress.topic.other"),
}

FORMATS = {
    "text": N_("tui.export.fmt.text"),
    "json": N_("tui.export.fmt.json"),
    "md": N_("tui.export.fmt.md"),
    "html": N_("tui.export.fmt.html"),
    "pdf": N_("tui.export.fmt.pdf"),
    "ics": N_("tui.export.fmt.ics"),
}

AUDIENCES = {
    "formal": N_("tui.export.audience.formal"),
    "person": N_("tui.export.audience.person"),
}

SECTIONS = {  # the intake form's sections
    "person": N_("tui.intake.section.person"),
    "term": N_("tui.intake.section.term"),
    "profile": N_("tui.intake.section.profile"),
    "levels": N_("tui.intake.section.levels"),
    "work": N_("tui.intake.section.work"),
    "route": N_("tui.intake.section.route"),
    "progress": N_("tui.intake.section.progress"),
    "notes": N_("tui.intake.section.notes"),
    "voice": N_("tui.intake.section.voice"),
}

FIELDS = {  # the intake form's field labels, by key path
    "id": N_("tui.field.id"),
    "name": N_("tui.field.name"),
    "bsn": N_("tui.field.bsn"),
    "birth_date": N_("tui.field.birth_date"),
    "municipality": N_("tui.field.municipality"),
    "term_start": N_("tui.field.term_start"),
    "weekly_hours": N_("tui.field.weekly_hours"),
    "learnability": N_("tui.field.learnability"),
    "education": N_("tui.field.education"),
    "education_years": N_("tui.field.education_years"),
    "literacy": N_("tui.field.literacy"),
    "dutch_contact": N_("tui.field.dutch_contact"),
    "aim": N_("tui.field.aim"),
    "levels.reading": N_("tui.field.levels.reading"),
    "levels.listening": N_("tui.field.levels.listening"),
    "levels.writing": N_("tui.field.levels.writing"),
    "levels.speaking": N_("tui.field.levels.speaking"),
    "work.experience": N_("tui.field.work.experience"),
    "work.goal": N_("tui.field.work.goal"),
    "work.foreign_diploma": N_("tui.field.work.foreign_diploma"),
    "work.diploma_evaluated": N_("tui.field.work.diploma_evaluated"),
    "availability.days": N_("tui.field.availability.days"),
    "availability.start_after": N_("tui.field.availability.start_after"),
    "availability.childcare_needed": N_("tui.field.availability.childcare_needed"),
    "route.choice": N_("tui.field.route.choice"),
    "route.reason": N_("tui.field.route.reason"),
    "progress.completed": N_("tui.field.progress.completed"),
    "progress.hours_done": N_("tui.field.progress.hours_done"),
    "progress.extensions_weeks": N_("tui.field.progress.extensions_weeks"),
    "notes": N_("tui.field.notes"),
    "own_goals": N_("tui.field.own_goals"),
    "own_wishes": N_("tui.field.own_wishes"),
    "own_worries": N_("tui.field.own_worries"),
}

EDITS = {  # a plan edit as a sentence
    "hours": N_("tui.edit.hours"),
    "days": N_("tui.edit.days"),
    "pin": N_("tui.edit.pin"),
    "remove": N_("tui.edit.remove"),
    "add": N_("tui.edit.add"),
    "sector": N_("tui.edit.sector"),
    "route": N_("tui.edit.route"),
}

TABS = {
    "timeline": N_("tui.plan.tab.timeline"),
    "activities": N_("tui.plan.tab.activities"),
    "route": N_("tui.plan.tab.route"),
    "findings": N_("tui.plan.tab.findings"),
    "compare": N_("tui.plan.tab.compare"),
}

ROLES = {  # a user's role on a shared database
    "counsellor": N_("tui.role.counsellor"),
    "teamlead": N_("tui.role.teamlead"),
    "analyst": N_("tui.role.analyst"),
    "admin": N_("tui.role.admin"),
    "auditor": N_("tui.role.auditor"),
}

CHOICES = {  # the intake form's choice fields: field → the words of its values
    "learnability": LEARNABILITY,
    "education": EDUCATION,
    "literacy": LITERACY,
    "dutch_contact": DUTCH_CONTACT,
    "aim": AIM,
    "foreign_diploma": FOREIGN_DIPLOMA,
    "route": ROUTES,
}


def word(t: Texts, table: dict[str, str], value: str | None, default: str | None = None) -> str:
    """``value`` in words through ``table``; else ``default``, else the value itself."""
    return t.get(table.get(value or ""), default if default is not None else value or "")


def route_name(t: Texts, route: str | None) -> str:
    """``b1`` → ``B1-route``; no route → ``–``."""
    return word(t, ROUTES, route, route or t("tui.route.none"))


def mode_text(t: Texts, access) -> str:
    """Which mode the store runs in, for the header: who is protected by what."""
    if access.mode == "local":
        return t("tui.mode.local")
    if access.mode == "shared":
        return t("tui.mode.shared", user=access.user, role=word(t, ROLES, access.role))
    if access.mode == "owner":
        return t("tui.mode.owner", user=access.user)
    return t("tui.mode.open", user=access.user)
