"""The person's own voice in the PIP: what they want, in their words, and how the plan was
discussed with them. Each section is shown only when it was recorded."""

from __future__ import annotations

from padplanner.export.blocks import Facts, Paragraph
from padplanner.export.context import DocContext
from padplanner.i18n import N_

OWN = (
    ("own_goals", N_("doc.own.goals")),
    ("own_wishes", N_("doc.own.wishes")),
    ("own_worries", N_("doc.own.worries")),
)
INTERPRETER = {True: N_("doc.discussed.interpreter"), False: N_("doc.discussed.no_interpreter")}
AGREEMENT = {
    "agrees": N_("doc.discussed.agrees"),
    "partly": N_("doc.discussed.partly"),
    "disagrees": N_("doc.discussed.disagrees"),
}


def own_words(ctx: DocContext) -> list:
    """The person's own goals, wishes and worries, in their words (as recorded at intake)."""
    blocks: list = []
    for key, label in OWN:
        text = ctx.own(key)
        if text:
            blocks.append(Paragraph(ctx.t(label), "strong"))
            blocks.extend(Paragraph(part) for part in text.splitlines() if part.strip())
    return blocks


def discussed(ctx: DocContext) -> list:
    """How the plan was discussed with the person: when, with or without an interpreter,
    and whether they agree (the latest record of it for this plan)."""
    t, talk = ctx.t, ctx.discussion
    if talk is None:
        return []
    rows = [
        (t("doc.discussed.when"), t.date(talk.on)),
        (
            t("doc.discussed.how"),
            t(INTERPRETER[bool(talk.interpreter)]),
        ),
        (t("doc.discussed.agree"), t(AGREEMENT.get(talk.agreement, AGREEMENT["agrees"]))),
    ]
    return [Facts(rows)]
