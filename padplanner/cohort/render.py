"""The cohort document (``padplanner.cohort/1``) for people: a text table and an HTML report.

Both read only the document, so they show the same numbers as the JSON, in Dutch or English
(``cohort.*`` messages; numbers, percentages and euros as the language writes them). The HTML
report is self-contained (inline CSS and SVG, no scripts) for a council meeting. Policy titles
and descriptions are said in the words the catalogues give them in each language (the
document carries both), the sources of the figures as their plugin or capacity file gives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from padplanner.cohort import svg
from padplanner.cohort.outcomes import outcome_html, outcome_lines
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


def _word(t: Texts, table: dict[str, str], value: str) -> str:
    return t.get(table.get(value), value)


def _not_used_why(t: Texts, field: str) -> str:
    if field == "name":
        return t("cohort.not_used.name")
    if field in EXCLUDED_FIELDS:
        return t("cohort.not_used.not_modelled")
    return t("cohort.not_used.not_shown")


def _title(t: Texts, column: dict[str, Any]) -> str:
    if column["name"] == BASELINE:
        return t("cohort.baseline.title")
    return column.get("words", {}).get(t.lang, {}).get("title") or column["title"]


def _description(t: Texts, column: dict[str, Any]) -> str:
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
                f"  {_word(t, ROUTES, route)} ({t.number(figures['people'])})",
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
                        rate=_word(t, RATES, rate),
                        ratio=t.number(ratio, 2),
                    )
                )
    return out


def _capacity_lines(t: Texts, doc: dict[str, Any]) -> list[str]:
    caps = doc["capacities"]
    seats = ", ".join(f"{m} {t.number(n)}" for m, n in caps["seats"].items())
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


def _heading(t: Texts, doc: dict[str, Any]) -> str:
    return t(
        "cohort.heading",
        kind=_word(t, KINDS, doc["kind"]),
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
            heading=_heading(t, doc),
            date=t.date(date.fromisoformat(doc["reference_date"])),
        )
        + (f" ({source})" if source else ""),
        *_capacity_lines(t, doc),
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
        lines.append(f"{column['name']}: {_title(t, column)}")
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
        lines += [f"  {s['id']}: {s['message']}" for s in skipped[:20]]
    return "\n".join(lines) + "\n"


def _no_flags(t: Texts, column: dict[str, Any]) -> str:
    return t("cohort.no_flags", threshold=t.decimal(column["fairness"]["threshold"], 2))


def render_people(doc: dict[str, Any], column: str, lang: str | None = None) -> str:
    """Everyone's place, dates and reason under one policy (``cohort plan``)."""
    t = texts(resolve_lang(lang))
    found = next(c for c in doc["columns"] if c["name"] == column)
    place, who, intensive = (
        t("cohort.people.place"),
        t("cohort.people.id"),
        t("cohort.people.intensive"),
    )
    finish, delay = t("cohort.people.finish"), t("cohort.people.delay")
    lines = [
        f"{place:>5}  {who:<14} {intensive:<3} {finish:<10} {delay:>5}  "
        + t("cohort.people.reason")
    ]
    yes, priority = t("cohort.people.yes"), t("cohort.people.priority")
    for p in found.get("placements", []):
        finish = p["completion"] or "-"
        delay = "-" if p["delay_weeks"] is None else str(p["delay_weeks"])
        lines.append(
            f"{p['place']:>5}  {p['id']:<14} {yes if p['intensive'] else '':<3} {finish:<10} "
            f"{delay:>5}  {p['reason']['text']}"
        )
        lines.append(f"{'':>5}  {'':<14} {priority}: {p['priority']['text']}")
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------------------
CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{padding:.25em .6em;border-bottom:1px solid #e4e4e4;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}
.flag{color:#a00000;font-weight:bold}.note{color:#555;font-size:.9em}
figure{margin:1em 0}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}figure{page-break-inside:avoid}}
"""


def _h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _table(head: list[str], body: list[list[str]], classes: list[str] | None = None) -> str:
    out = ["<table><thead><tr>", *[f"<th>{escape(h)}</th>" for h in head], "</tr></thead><tbody>"]
    for k, row in enumerate(body):
        cls = f' class="{classes[k]}"' if classes and classes[k] else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _charts(t: Texts, doc: dict[str, Any]) -> list[str]:
    columns = doc["columns"]
    names = [c["name"] for c in columns]
    projections = [c["projection"] for c in columns]
    routes = list(projections[0]["by_route"])
    out = [
        svg.grouped_bars(
            t("cohort.chart.in_term"),
            [t("cohort.chart.all"), *[_word(t, ROUTES, r) for r in routes]],
            names,
            [
                [p["in_term"], *[p["by_route"].get(r, {}).get("in_term") for r in routes]]
                for p in projections
            ],
            t=t,
        )
    ]
    bands = list(projections[0]["waiting"]["bands"])
    out.append(
        svg.stacked_bars(
            t("cohort.chart.later"),
            names,
            bands,
            [[p["waiting"]["bands"][b] for b in bands] for p in projections],
            t=t,
        )
    )
    labels = sorted({q["label"] for p in projections for q in p["quarters"]})

    def series(key: str) -> list[list[float | None]]:
        return [
            [next((q[key] for q in p["quarters"] if q["label"] == lb), None) for lb in labels]
            for p in projections
        ]

    out.append(
        svg.lines(
            t("cohort.chart.seats"),
            labels,
            names,
            series("seats_used"),
            t=t,
            limit=1.0,
            limit_label=t("cohort.chart.capacity"),
        )
    )
    out.append(
        svg.lines(
            t("cohort.chart.coaches"),
            labels,
            names[1:],
            series("coach_used")[1:],
            t=t,
            limit=1.0,
            limit_label=t("cohort.chart.capacity"),
            first=1,
        )
    )
    budget = doc["capacities"]["budget_eur_per_year"]
    out.append(
        svg.lines(
            t("cohort.chart.money"),
            labels,
            names,
            series("spent_eur"),
            t=t,
            percent=False,
            limit=budget / 4,
            limit_label=t("cohort.chart.quarter_budget"),
        )
    )
    return out


def _fairness_html(t: Texts, column: dict[str, Any]) -> str:
    fairness = column["fairness"]
    parts = [f"<h3>{escape(column['name'])}: {escape(_title(t, column))}</h3>"]
    fields = ", ".join(column["priority_fields"]) or "-"
    read = t("cohort.html.read", fields=fields)
    parts.append(f'<p class="note">{escape(read)}</p>')
    head = [
        t("cohort.html.group"),
        t("cohort.html.people"),
        *[t(key) for key in RATES.values()],
        t("cohort.html.delay"),
    ]
    for attribute, groups in fairness["groups"].items():
        ratios = fairness["ratios"][attribute]
        body = [
            [
                g["value"],
                t.number(g["people"]),
                t.percent(g["selected"]),
                t.percent(g["front"]),
                t.percent(g["in_term"]),
                t.number(g["mean_delay_weeks"], 1),
            ]
            for g in groups
        ]
        body.append(
            [
                t("cohort.html.lowest_highest"),
                "",
                *["-" if ratios[r] is None else t.number(ratios[r], 2) for r in RATES],
                "",
            ]
        )
        flagged = [r for r in RATES if (ratios[r] or 1) < fairness["threshold"]]
        classes = [""] * len(groups) + (["flag"] if flagged else [""])
        parts.append(f"<p><b>{escape(_word(t, ATTRIBUTES, attribute))}</b></p>")
        parts.append(_table(head, body, classes))
    return "".join(parts)


def render_html(doc: dict[str, Any], lang: str | None = None) -> str:
    """A self-contained HTML report (inline CSS and SVG, no scripts, no external files)."""
    t = texts(resolve_lang(lang))
    columns = doc["columns"]
    title = _heading(t, doc)
    when = t("cohort.html.reference", date=t.date(date.fromisoformat(doc["reference_date"])))
    note = " ".join(filter(None, [when, doc["cohort"]["source"], t("cohort.html.advice")]))
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(note)}</p>',
        _h2(t("cohort.html.policies")) + "<ul>",
    ]
    for column in columns:
        text = _description(t, column)
        body.append(
            f"<li><b>{escape(column['name'])}</b>: {escape(_title(t, column))}. {escape(text)}</li>"
        )
    body.append("</ul>" + _h2(t("cohort.html.side_by_side")))
    body.append(
        _table(
            ["", *[c["name"] for c in columns]],
            [[label, *[get(c["projection"]) for c in columns]] for label, get in rows(doc, t.lang)],
        )
    )
    body += outcome_html(t, doc, _table, _h2)
    body.append(_h2(t("cohort.html.charts")))
    body += [f"<figure>{chart}</figure>" for chart in _charts(t, doc)]
    body.append(_h2(t("cohort.html.fairness")))
    min_group = columns[-1]["fairness"]["min_group"] if len(columns) > 1 else 20
    threshold = columns[-1]["fairness"]["threshold"] if len(columns) > 1 else 0.8
    fairness_note = t(
        "cohort.html.fairness_note",
        people=t.number(min_group),
        threshold=t.decimal(threshold, 2),
    )
    body.append(f'<p class="note">{escape(fairness_note)}</p>')
    body += [_fairness_html(t, c) for c in columns[1:]]
    body.append(_h2(t("cohort.html.fields")))
    body.append(
        _table(
            [t("cohort.html.used"), t("cohort.html.from")],
            [[k, _word(t, ATTRIBUTES, k)] for k in doc["fields"]["used"]],
        )
    )
    body.append(
        _table(
            [t("cohort.html.not_used"), t("cohort.html.why")],
            [[k, _not_used_why(t, k)] for k in doc["fields"]["not_used"]],
        )
    )
    body.append(_h2(t("cohort.html.capacities")))
    body += [f"<p>{escape(line)}</p>" for line in _capacity_lines(t, doc)]
    body.append(
        _table(
            [t("cohort.html.figure"), t("cohort.html.source")],
            [[k, v] for k, v in doc["capacities"]["sources"].items()],
        )
    )
    skipped = doc["cohort"]["skipped"]
    if skipped:
        body.append(_h2(t("cohort.not_planned", count=t.number(len(skipped)))))
        body.append(
            _table(
                [t("cohort.people.id"), t("cohort.html.why")],
                [[s["id"], s["message"]] for s in skipped],
            )
        )
    return (
        f'<!DOCTYPE html><html lang="{t.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
