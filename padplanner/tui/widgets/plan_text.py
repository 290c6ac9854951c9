"""Plain-text views of a plan for the plan screen: why, route, findings, comparison, edits.

Severity and changes are written as words and symbols (``[LET OP]``, ``+``, ``−``), so the
screen reads the same without colour.
"""

from __future__ import annotations

from collections.abc import Callable

from padplanner.catalog import Catalog
from padplanner.model import Activity, Client, Finding, Plan
from padplanner.tui.i18n import Texts
from padplanner.tui.planning import Change, Edit, dependency_chain


def why_text(plan: Plan, activity: Activity, t: Texts, plain: str = "") -> str:
    """In plain words (``plain``: as the PIP explains the activity), then the rule trail (the
    activity's reasons) and the dependency chain, transitively."""
    lines = [t("plan.why.title", activity=f"{activity.title} ({activity.id})"), ""]
    if plain:
        lines += [plain, ""]
    lines.append(t("plan.why.rules") + ":")
    for reason in activity.reasons:
        reads = (
            f" ({t('plan.why.reads', inputs=', '.join(reason.inputs))})" if reason.inputs else ""
        )
        lines.append(f"  • {reason.rule}: {reason.text}{reads}")
    lines += ["", t("plan.why.chain") + ":"]
    chain = dependency_chain(plan, activity.id)
    if not chain:
        lines.append("  " + t("plan.why.no_chain"))
    for depth, before in chain:
        grants = t("plan.why.grants", grants=", ".join(before.grants)) if before.grants else ""
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
    plain: list[str] | None = None,
) -> str:
    """The route with, in plain words (``plain``: as the PIP explains it), why; then its rule
    trail, the counsellor's decision, the goals and the edits."""
    lines = [t("plan.route.current", route=t.route(plan.route.id))]
    if plain:
        lines += [*plain, "", t("plan.why.rules") + ":"]
    lines += [f"  • {r.rule}: {r.text}" for r in plan.route.reasons]
    if client.route is not None:
        lines.append(
            t("plan.route.override", route=t.route(client.route.choice), reason=client.route.reason)
        )
    lines += ["", t("plan.goals", goals=", ".join(g.competency for g in plan.goals)), ""]
    lines.append(edits_text(edits, catalog, t))
    return "\n".join(lines)


def edits_text(edits: list[Edit], catalog: Catalog, t: Texts) -> str:
    if not edits:
        return t("plan.edits", edits=t("plan.no_edits"))
    parts = []
    for edit in edits:
        module = (
            catalog.title(edit.module, t.lang) if edit.module in catalog.modules else edit.module
        )
        value = t.route(edit.value) if edit.kind == "route" else edit.value
        text = t(f"edit.{edit.kind}", module=module, value=value)
        if edit.kind in ("remove", "add"):
            text += f" ({edit.value})"
        parts.append(text)
    return t("plan.edits", edits="; ".join(parts))


def findings_text(plan: Plan, t: Texts, words: Callable[[Plan, Finding], str] | None = None) -> str:
    """Each finding with its severity and rule id; ``words(plan, finding)`` writes it (default:
    its message)."""
    if not plan.findings:
        return t("plan.findings.none")
    write = words or (lambda _plan, finding: finding.message)
    return "\n".join(
        f"[{t.severity(f.severity)}] {write(plan, f)} ({f.rule})" for f in plan.findings
    )


def compare_text(changes: list[Change], revision: int, t: Texts) -> str:
    lines = [t("plan.compare.with", revision=revision), ""]
    if not changes:
        lines.append(t("plan.compare.same"))
    for change in changes:
        fields = dict(change.fields)
        if change.key == "change.route":
            fields = {"old": t.route(fields["old"]), "new": t.route(fields["new"])}
        elif change.key == "change.hours":
            fields = {"old": t.number(fields["old"]), "new": t.number(fields["new"])}
        lines.append(t(change.key, **fields))
    return "\n".join(lines)
