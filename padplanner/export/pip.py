"""The formal personal plan (PIP): every part the Wet inburgering 2021 asks of it.

Sections, in order: the person, what they want in their own words (when recorded), the
route and why, the time allowed, preconditions, the activities (timeline, dates, hours with
range, reasons, goals), the intensity of MAP and PVT, values conversations, the work
perspective, guidance and support, ontzorgen, how progress is monitored, the findings in plain
words, accountability (rules and inputs), how the plan was discussed with the person (when
recorded; both in ``voice.py``), signatures and the notice on objection.

This module puts the sections in order and numbers them; the sections are built in
``pip_person`` (person, route, term, preconditions), ``pip_activities`` (activities, MAP and
PVT, values, work) and ``pip_guidance`` (support to objection).
"""

from __future__ import annotations

from padplanner.export import pip_activities, pip_guidance, pip_person, voice
from padplanner.export.blocks import Document, Section
from padplanner.export.context import DocContext
from padplanner.i18n import N_

# the sections in order, with their headings
SECTIONS = {
    "person": N_("doc.sec.person"),
    "own": N_("doc.sec.own"),
    "route": N_("doc.sec.route"),
    "term": N_("doc.sec.term"),
    "preconditions": N_("doc.sec.preconditions"),
    "activities": N_("doc.sec.activities"),
    "map_pvt": N_("doc.sec.map_pvt"),
    "values": N_("doc.sec.values"),
    "work": N_("doc.sec.work"),
    "support": N_("doc.sec.support"),
    "ontzorgen": N_("doc.sec.ontzorgen"),
    "monitoring": N_("doc.sec.monitoring"),
    "findings": N_("doc.sec.findings"),
    "accountability": N_("doc.sec.accountability"),
    "discussed": N_("doc.sec.discussed"),
    "signatures": N_("doc.sec.signatures"),
    "objection": N_("doc.sec.objection"),
}
OPTIONAL = ("own", "discussed")  # shown only when recorded
ALL = tuple(SECTIONS)  # every section, in the document's order
ORDER = tuple(key for key in ALL if key not in OPTIONAL)  # the sections every PIP has


def pip_document(ctx: DocContext) -> Document:
    t = ctx.t
    builders = {
        "person": pip_person.person,
        "own": voice.own_words,
        "route": pip_person.route,
        "term": pip_person.term,
        "preconditions": pip_person.preconditions,
        "activities": pip_activities.activities,
        "map_pvt": pip_activities.map_pvt,
        "values": pip_activities.values,
        "work": pip_activities.work,
        "support": pip_guidance.support,
        "ontzorgen": pip_guidance.ontzorgen,
        "monitoring": pip_guidance.monitoring,
        "findings": pip_guidance.findings,
        "accountability": pip_guidance.accountability,
        "discussed": voice.discussed,
        "signatures": pip_guidance.signatures,
        "objection": pip_guidance.objection,
    }
    built = [(key, builders[key](ctx)) for key in ALL]
    shown = [(key, blocks) for key, blocks in built if blocks or key not in OPTIONAL]
    sections = [
        Section(key, f"{number}. {t(SECTIONS[key])}", blocks)
        for number, (key, blocks) in enumerate(shown, start=1)
    ]
    return Document(
        lang=ctx.lang,
        audience="formal",
        title=t("doc.title"),
        subtitle=t("doc.subtitle", law=ctx.law_name()),
        person=ctx.name,
        reference=f"{ctx.plan.client} · {ctx.plan.municipality}",
        date=ctx.today,
        sections=sections,
        timeline=ctx.timeline(),
        footer=t("doc.document_date") + f": {t.date(ctx.today)}",
    )
