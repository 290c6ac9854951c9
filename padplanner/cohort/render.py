"""The cohort document (``padplanner.cohort/1``) for people: a text table, and the words it
shares with the HTML report (:mod:`padplanner.cohort.render_html`).

Both read only the document, so they show the same numbers as the JSON, in Dutch or English
(``cohort.*`` messages; numbers, percentages and euros as the language writes them). Policy titles
and descriptions are said in the words the catalogues give them in each language (the
document carries both), the sources of the figures as their plugin or capacity file gives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from padplanner.cohort.outcomes import outcome_lines
from padplanner.cohort.policies import EXCLUDED_FIELDS
from padplanner.cohort.report import BASELINE
from padplanner.i18n import N_, resolve_lang, texts
from padplanner.i18n.messages import Texts

Row = tuple[str, Callable[[dict[str, Any]], str]]

ROUTES = {
    "b1": N_("cohort.route.b1"),
    "onderwijs": N_("cohort.route.onderwijs"),
    "z": N_("cohort.route.z"),
}
KINDS = {"simulation": N_("cohort.kind.simulation"), "plan": N_("cohort.kind.plan")}
RATES = {  # the three rates compared between groups
    "selected": N_("cohort.rate.selected"),
    "front": N_("cohort.rate.front"),
    "in_term": N_("cohort.rate.in_term"),
}
ATTRIBUTES = {  # the permitted attributes of the breakdown, and where each comes from
    "education": N_("cohort.attribute.education"),
    "literacy": N_("cohort.attribute.literacy"),
    "age_band": N_("cohort.attribute.age_band"),
    "route": N_("cohort.attribute.route"),
    "hours_band": N_("cohort.attribute.hours_band"),
}


def word(t: Texts, table: dict[str, str], value: str) -> str:
    return t.get(table.get(value), value)


def not_planned_why(t: Texts, skipped: dict[str, Any]) -> str:
    """Why a person could not be planned, in the reader's language (a document of before the
    words: the English message)."""
    return skipped.get("words", {}).get(t.lang) or skipped["message"]


def not_used_why(t: Texts, field: str) -> str:
    if field == "name":
        return t("cohort.not_used.name")
    if field in EXCLUDED_FIELDS:
        return t("cohort.not_used.not_modelled")
    return t("cohort.not_used.not_shown")


def title(t: Texts, column: dict[str, Any]) -> str:
    if column["name"] == BASELINE:
        return t("cohort.baseline.title")
    return column.get("words", {}).get(t.lang, {}).get("title") or column["title"]


def description(t: Texts, column: dict[str, Any]) -> str:
    if column["name"] == BASELINE:
        return t("cohort.baseline.description")
    said = column.get("words", {}).get(t.lang, {}).get("description")
    return said or column.get("policy", {}).get("description") or ""


# -- the rows both the text and the HTML table show ---------------------------------------------
def rows(doc: dict[str, Any], lang: str | None = None) -> list[Row]:
    """(label, value of a column's projection) for the side-by-side table, in ``lang``."""
    t = texts(resolve_lang(lang))

    def pct(value: float | None) -> str:
        return "-" if value is None else t.percent(value, 1)

    def num(value: float | None) -> str:
        return "-" if value is None else t.decimal(value)

    def eur(value: float | None) -> str:
        return "-" if value is None else t.money(value)

    def hours(value: float | None) -> str:
        return "-" if value is None else t.hours(round(value, 1))

    def peak(quarters: list[dict], key: str) -> str:
        values = [q[key] for q in quarters if q[key] is not None]
        if not values or max(values) <= 0:
            return "-"
        best = max(quarters, key=lambda q: q[key] if q[key] is not None else -1)
        return f"{t.percent(best[key])} ({best['label']})"

    routes: dict[str, int] = doc["columns"][0]["projection"]["by_route"]
    out: list[Row] = [
        (t("cohort.row.people"), lambda p: t.number(p["people"])),
        (t("cohort.row.in_term"), lambda p: pct(p["in_term"])),
    ]
    for route, figures in routes.items():
        out.append(
            (
                f"  {word(t, ROUTES, route)} ({t.number(figures['people'])})",
                lambda p, r=route: pct(p["by_route"].get(r, {}).get("in_term")),
            )
        )
    out += [
        (t("cohort.row.a2_weeks"), lambda p: num(p["time_to"]["A2"]["median_weeks"])),
        (t("cohort.row.b1_weeks"), lambda p: num(p["time_to"]["B1"]["median_weeks"])),
        (t("cohort.row.b1_reached"), lambda p: pct(p["time_to"]["B1"]["reached"])),
        (t("cohort.row.hours"), lambda p: hours(p["hours"]["mean"])),
        (t("cohort.row.cost_courses"), lambda p: eur(p["cost"]["courses_eur"])),
        (t("cohort.row.cost_mediation"), lambda p: eur(p["cost"]["mediation_eur"])),
        (t("cohort.row.cost_person"), lambda p: eur(p["cost"]["per_person_eur"])),
        (t("cohort.row.waiting"), lambda p: pct(p["waiting"]["delayed"])),
        (t("cohort.row.delay_mean"), lambda p: num(p["waiting"]["mean_delay_weeks"])),
        (
            t("cohort.row.delay_median"),
            lambda p: num(p["waiting"]["median_delay_weeks_of_delayed"]),
        ),
        (t("cohort.row.delay_p90"), lambda p: num(p["waiting"]["p90_delay_weeks"])),
        (t("cohort.row.seat_wait"), lambda p: num(p["waiting"]["mean_seat_wait_weeks"])),
        (
            t("cohort.row.cause"),
            lambda p: " / ".join(
                t.number(p["waiting"]["main_cause"][k]) for k in ("seats", "coach", "budget")
            ),
        ),
        (t("cohort.row.unserved"), lambda p: t.number(p["waiting"]["unserved"])),
        (t("cohort.row.intensive"), lambda p: t.number(p["mediation"]["intensive"])),
        (t("cohort.row.coach_wait"), lambda p: num(p["mediation"]["mean_coach_wait_weeks"])),
        (t("cohort.row.late"), lambda p: t.number(p["fines"]["people"])),
        (t("cohort.row.fines"), lambda p: eur(p["fines"]["at_stake_eur"])),
        (t("cohort.row.peak_seats"), lambda p: peak(p["quarters"], "seats_used")),
        (t("cohort.row.peak_coach"), lambda p: peak(p["quarters"], "coach_used")),
    ]
    return out


def _flags(t: Texts, fairness: dict[str, Any]) -> list[str]:
    """Each rate of a group attribute below the threshold, in words."""
    out = []
    for attribute, ratios in fairness["ratios"].items():
        for rate in RATES:
            ratio = ratios.get(rate)
            if ratio is not None and ratio < fairness["threshold"]:
                out.append(
                    t(
                        "cohort.flag",
                        attribute=attribute,
                        rate=word(t, RATES, rate),
                        ratio=t.number(ratio, 2),
                    )
                )
    return out


def capacity_lines(t: Texts, doc: dict[str, Any]) -> list[str]:
    caps = doc["capacities"]
    titles = caps.get("titles", {})  # a document of before the titles: the modules' ids
    seats = ", ".join(
        f"{titles.get(m, {}).get(t.lang, m)} {t.number(n)}" for m, n in caps["seats"].items()
    )
    return [
        t(
            "cohort.capacity.budget",
            budget=t.money(caps["budget_eur_per_year"]),
            coaches=t.number(caps["coaches"]),
            caseload=t.number(caps["caseload"]),
            mediation=t.money(caps["mediation_eur"]),
            weeks=t.number(caps["horizon_weeks"]),
        ),
        t("cohort.capacity.seats", seats=seats or t("cohort.capacity.no_limits")),
    ]


def heading(t: Texts, doc: dict[str, Any]) -> str:
    return t(
        "cohort.heading",
        kind=word(t, KINDS, doc["kind"]),
        people=t.number(doc["cohort"]["planned"]),
        municipality=doc["municipality"],
    )


def render_text(doc: dict[str, Any], lang: str | None = None) -> str:
    """The side-by-side projection as a plain text table, then the fairness flags."""
    t = texts(resolve_lang(lang))
    columns = doc["columns"]
    table = [["", *[c["name"] for c in columns]]]
    for label, get in rows(doc, t.lang):
        table.append([label, *[get(c["projection"]) for c in columns]])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    source = doc["cohort"]["source"]
    lines = [
        t(
            "cohort.text.heading",
            heading=heading(t, doc),
            date=t.date(date.fromisoformat(doc["reference_date"])),
        )
        + (f" ({source})" if source else ""),
        *capacity_lines(t, doc),
        "",
    ]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    lines += outcome_lines(t, doc)
    for column in columns[1:]:
        lines.append(f"{column['name']}: {title(t, column)}")
        read = ", ".join(column["priority_fields"]) or "-"
        lines.append("  " + t("cohort.text.priority", fields=read))
        flags = _flags(t, column["fairness"])
        lines.append(
            "  "
            + t("cohort.text.fairness", flags="; ".join(flags) if flags else _no_flags(t, column))
        )
    lines.append("")
    lines.append(t("cohort.text.breakdown", fields=", ".join(doc["fields"]["used"])))
    lines.append(t("cohort.text.not_used", fields=", ".join(doc["fields"]["not_used"])))
    skipped = doc["cohort"]["skipped"]
    if skipped:
        lines.append(t("cohort.not_planned", count=t.number(len(skipped))) + ":")
        lines += [f"  {s['id']}: {not_planned_why(t, s)}" for s in skipped[:20]]
    return "\n".join(lines) + "\n"


def _no_flags(t: Texts, column: dict[str, Any]) -> str:
    return t("cohort.no_flags", threshold=t.decimal(column["fairness"]["threshold"], 2))
