"""PIP sections on how the plan is carried out and answered for: guidance and support,
ontzorgen, monitoring, the findings in plain words, accountability (rules and inputs),
signatures and the notice on objection.

Each function builds one section's blocks for :func:`.pip.pip_document`.
"""

from __future__ import annotations

from padplanner.export.blocks import Items, Paragraph, Signatures, Table
from padplanner.export.context import DocContext
from padplanner.export.plain import cadence_weeks, checkin_kind, checkin_why, finding_text


def support(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    blocks: list = [Paragraph(t("doc.sup.counsellor"))]
    if plan.route.id == "onderwijs":
        blocks.append(Paragraph(t("doc.sup.onderwijs")))
    support = [a for a in plan.activities if a.kind == "support"]
    if support:
        what = t.join([f"{ctx.title(a)} ({t.date(a.start)})" for a in support])
        blocks.append(Paragraph(t("doc.sup.activities", what=what)))
    if getattr(getattr(ctx.client, "availability", None), "childcare_needed", False):
        blocks.append(Paragraph(t("doc.sup.childcare")))
    blocks.append(Paragraph(t("doc.sup.interpreter")))
    return blocks


def ontzorgen(ctx: DocContext) -> list:
    t = ctx.t
    return [
        Paragraph(t("doc.ont.standard")),
        Paragraph(t("doc.ont.after")),
        Paragraph(t("doc.ont.others"), "note"),
    ]


def monitoring(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    weeks = cadence_weeks(ctx)
    blocks: list = [
        Paragraph(t("doc.mon.cadence", weeks=weeks) if weeks else t("doc.mon.regular")),
        Paragraph(t("doc.mon.amend")),
    ]
    if not plan.check_ins:
        blocks.append(Paragraph(t("doc.mon.none")))
        return blocks
    rows = [
        (t.date(c.date), checkin_kind(ctx, c.kind), checkin_why(ctx, c)) for c in plan.check_ins
    ]
    blocks.append(
        Table(
            [t("doc.mon.col.date"), t("doc.mon.col.kind"), t("doc.mon.col.why")],
            rows,
            widths=(2, 2.5, 4),
        )
    )
    return blocks


def findings(ctx: DocContext) -> list:
    t = ctx.t
    if not ctx.plan.findings:
        return [Paragraph(t("doc.find.none"))]
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(ctx.plan.findings, key=lambda f: order.get(f.severity, 3))
    return [
        Items(
            [finding_text(ctx, f) + " (" + t("doc.find.rule", rule=f.rule) + ")" for f in findings]
        )
    ]


def accountability(ctx: DocContext) -> list:
    t, plan = ctx.t, ctx.plan
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    reasons = [*plan.route.reasons]
    for activity in plan.activities:
        reasons += activity.reasons
    for check_in in plan.check_ins:
        reasons += check_in.reasons
    for item in [*reasons, *plan.findings]:  # each in its rule's sentence, in this language
        seen.setdefault((item.rule, ctx.say(item)), tuple(item.inputs))
    rows = [(rule, text, ", ".join(inputs) or "–") for (rule, text), inputs in seen.items()]
    return [
        Paragraph(t("doc.acc.advice")),
        Paragraph(t("doc.acc.rules")),
        Table(
            [t("doc.acc.col.rule"), t("doc.acc.col.text"), t("doc.acc.col.inputs")],
            rows,
            widths=(2.2, 5.5, 2.3),
        ),
    ]


def signatures(ctx: DocContext) -> list:
    t = ctx.t
    name = ctx.name if getattr(ctx.client, "name", None) else ""
    return [
        Paragraph(t("doc.sig.intro")),
        Signatures(
            [(t("doc.sig.person"), name), (t("doc.sig.counsellor"), "")],
            [t("doc.sig.name"), t("doc.sig.date"), t("doc.sig.signature")],
        ),
    ]


def objection(ctx: DocContext) -> list:
    t = ctx.t
    return [
        Paragraph(t("doc.obj.text"), "strong"),
        Paragraph(t("doc.obj.how")),
        Paragraph(t("doc.obj.meanwhile")),
    ]
