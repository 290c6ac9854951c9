"""The cohort document (``padplanner.cohort/1``) as a self-contained HTML report for a council
meeting: inline CSS and SVG, no scripts, no external files. It reads only the document and
shares its words with the text table (:mod:`padplanner.cohort.render`), so both show the
same numbers as the JSON.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from padplanner.catalog import Catalog
from padplanner.cohort import svg
from padplanner.cohort.outcomes import outcome_html
from padplanner.cohort.people import people_html
from padplanner.cohort.render import (
    ATTRIBUTES,
    RATES,
    ROUTES,
    capacity_lines,
    description,
    heading,
    not_planned_why,
    not_used_why,
    rows,
    title,
    word,
)
from padplanner.i18n import resolve_lang, texts
from padplanner.i18n.messages import Texts

CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;line-height:1.4}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{padding:.25em .6em;border-bottom:1px solid #e4e4e4;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}
.flag{color:#a00000;font-weight:bold}.note{color:#555;font-size:.9em}
figure{margin:1em 0}svg{max-width:100%;height:auto}
table.people td,table.people th{text-align:left;vertical-align:top}
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
            [t("cohort.chart.all"), *[word(t, ROUTES, r) for r in routes]],
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
    parts = [f"<h3>{escape(column['name'])}: {escape(title(t, column))}</h3>"]
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
        parts.append(f"<p><b>{escape(word(t, ATTRIBUTES, attribute))}</b></p>")
        parts.append(_table(head, body, classes))
    return "".join(parts)


def render_html(
    doc: dict[str, Any], lang: str | None = None, catalog: Catalog | None = None
) -> str:
    """A self-contained HTML report (inline CSS and SVG, no scripts, no external files); for
    ``cohort plan`` with everyone's place, finish and reason, said with the rules of
    ``catalog`` (the municipality's; default: as the installed plugins give it)."""
    t = texts(resolve_lang(lang))
    columns = doc["columns"]
    page = heading(t, doc)
    when = t("cohort.html.reference", date=t.date(date.fromisoformat(doc["reference_date"])))
    note = " ".join(filter(None, [when, doc["cohort"]["source"], t("cohort.html.advice")]))
    body = [
        f"<h1>{escape(page)}</h1>",
        f'<p class="note">{escape(note)}</p>',
        _h2(t("cohort.html.policies")) + "<ul>",
    ]
    for column in columns:
        text = description(t, column)
        body.append(
            f"<li><b>{escape(column['name'])}</b>: {escape(title(t, column))}. {escape(text)}</li>"
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
            [[k, word(t, ATTRIBUTES, k)] for k in doc["fields"]["used"]],
        )
    )
    body.append(
        _table(
            [t("cohort.html.not_used"), t("cohort.html.why")],
            [[k, not_used_why(t, k)] for k in doc["fields"]["not_used"]],
        )
    )
    body.append(_h2(t("cohort.html.capacities")))
    body += [f"<p>{escape(line)}</p>" for line in capacity_lines(t, doc)]
    body.append(
        _table(
            [t("cohort.html.figure"), t("cohort.html.source")],
            [[k, v] for k, v in doc["capacities"]["sources"].items()],
        )
    )
    body += people_html(t, doc, catalog)
    skipped = doc["cohort"]["skipped"]
    if skipped:
        body.append(_h2(t("cohort.not_planned", count=t.number(len(skipped)))))
        body.append(
            _table(
                [t("cohort.people.id"), t("cohort.html.why")],
                [[s["id"], not_planned_why(t, s)] for s in skipped],
            )
        )
    return (
        f'<!DOCTYPE html><html lang="{t.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(page)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
