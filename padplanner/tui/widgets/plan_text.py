"""Plain-text views of a plan for the plan screen: why, route, findings, comparison, edits.

Severity and changes are written as words and symbols (``[LET OP]``, ``+``, ``−``), so the
screen reads the same without colour.
"""

from __future__ import annotations

from collections.abc import Callable

from padplanner.catalog import Catalog
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.model import Activity, Client, Finding, Plan, Reason
from padplanner.tui.planning import Change, Edit, dependency_chain
from padplanner.tui.words import EDITS, SEVERITIES, route_name, word


def _recorded(reason: Reason) -> str:
    return reason.text


def why_text(
    plan: Plan,
    activity: Activity,
    t: Texts,
    plain: str = "",
    say: Callable[[Reason], str] = _recorded,
) -> str:
    """In plain words (``plain``: as the PIP explains the activity), then the rule trail (the
    activity's reasons, each in its rule's sentence: ``say``) and the dependency chain,
    transitively."""
    named = f"{activity.title} ({activity.id})"
    lines = [t("tui.plan.why.title", activity=named), ""]
    if plain:
        lines += [plain, ""]
    lines.append(t("tui.plan.why.rules") + ":")
    for reason in activity.reasons:
        inputs = ", ".join(reason.inputs)
        reads = " (" + t("tui.plan.why.reads", inputs=inputs) + ")" if reason.inputs else ""
        lines.append(f"  • {reason.rule}: {say(reason)}{reads}")
    lines += ["", t("tui.plan.why.chain") + ":"]
    chain = dependency_chain(plan, activity.id)
    if not chain:
        lines.append("  " + t("tui.plan.why.no_chain"))
    for depth, before in chain:
        grants = t("tui.plan.why.grants", grants=", ".join(before.grants)) if before.grants else ""
        lines.append(
            f"  {'   ' * depth}← {before.title} ({before.id}), {before.start} – {before.end}"
            + (f"; {grants}" if grants else "")
        )
    return "\n".join(lines)


def route_text(
    plan: Plan,
    client: Client,
    edits: list[Edit],
    catalog: Catalog,
    t: Texts,
    say: Callable[[Reason], str] = _recorded,
) -> str:
    """The route and why: each route reason in its rule's sentence (``say``) with its rule
    id; then the counsellor's decision, the goals and the edits."""
    lines = [t("tui.plan.route.current", route=route_name(t, plan.route.id))]
    lines += [t("tui.plan.why.rules") + ":"]
    lines += [f"  • {r.rule}: {say(r)}" for r in plan.route.reasons]
    if client.route is not None:
        lines.append(
            t(
                "tui.plan.route.override",
                route=route_name(t, client.route.choice),
                reason=client.route.reason,
            )
        )
    lines += ["", t("tui.plan.goals", goals=", ".join(g.competency for g in plan.goals)), ""]
    lines.append(edits_text(edits, catalog, t))
    return "\n".join(lines)


def edits_text(edits: list[Edit], catalog: Catalog, t: Texts) -> str:
    if not edits:
        return t("tui.plan.edits", edits=t("tui.plan.no_edits"))
    parts = []
    for edit in edits:
        module = (
            catalog.title(edit.module, t.lang) if edit.module in catalog.modules else edit.module
        )
        value = route_name(t, edit.value) if edit.kind == "route" else edit.value
        text = word(t, EDITS, edit.kind).format(module=module, value=value)
        if edit.kind in ("remove", "add"):
            text += f" ({edit.value})"
        parts.append(text)
    return t("tui.plan.edits", edits="; ".join(parts))


def findings_text(plan: Plan, t: Texts, words: Callable[[Plan, Finding], str] | None = None) -> str:
    """Each finding with its severity and rule id; ``words(plan, finding)`` writes it (default:
    its message)."""
    if not plan.findings:
        return t("tui.plan.findings.none")
    write = words or (lambda _plan, finding: finding.message)
    return "\n".join(
        f"[{word(t, SEVERITIES, f.severity)}] {write(plan, f)} ({f.rule})" for f in plan.findings
    )


def compare_text(changes: list[Change], revision: int, t: Texts) -> str:
    lines = [t("tui.plan.compare.with", revision=revision), ""]
    if not changes:
        lines.append(t("tui.plan.compare.same"))
    for change in changes:
        fields = dict(change.fields)
        if change.key == N_("tui.change.route"):
            fields = {"old": route_name(t, fields["old"]), "new": route_name(t, fields["new"])}
        elif change.key == N_("tui.change.hours"):
            fields = {"old": t.number(fields["old"]), "new": t.number(fields["new"])}
        elif change.key == N_("tui.change.completion"):
            fields = {**fields, "old": t.date(fields["old"]), "new": t.date(fields["new"])}
        lines.append(t(change.key, **fields))
    return "\n".join(lines)
