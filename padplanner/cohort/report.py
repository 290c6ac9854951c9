"""Cohort outputs: the JSON document ``padplanner.cohort/1``, a text table and an HTML report.

:func:`document` turns a :class:`~padplanner.cohort.simulate.Simulation` into one plain JSON
document; the text and HTML renderers read only that document, so the three outputs always
show the same numbers. The HTML report is self-contained (inline CSS and SVG, no scripts) for
a council meeting.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from html import escape
from typing import Any

from padplanner.cohort import svg
from padplanner.cohort.allocation import Placement
from padplanner.cohort.fairness import ATTRIBUTES, NOT_USED
from padplanner.cohort.outline import Outline
from padplanner.cohort.simulate import Simulation
from padplanner.model.plan import unstructure

COHORT_SCHEMA = "padplanner.cohort/1"
BASELINE = "as-planned"
ROUTES = {"b1": "B1-route", "onderwijs": "onderwijsroute", "z": "Z-route"}


def _placement(outline: Outline, placement: Placement) -> dict[str, Any]:
    def day(week: int) -> str:
        return (outline.plan_start + timedelta(weeks=week)).isoformat()

    data: dict[str, Any] = {
        "id": outline.id,
        "place": placement.place,
        "priority": unstructure(placement.priority),
        "intensive": placement.intensive,
        "route": outline.route,
        "served": placement.served,
        "planned_completion": day(outline.completion),
        "deadline": outline.deadline.isoformat(),
        "reason": unstructure(placement.reason),
        "waits": [w._asdict() for w in placement.waits],
    }
    if placement.starts is None:
        data.update(completion=None, delay_weeks=None, in_term=False, activities=[])
        return data
    end = max(
        (s + st.weeks for s, st in zip(placement.starts, outline.steps, strict=True)), default=0
    )
    data.update(
        completion=day(end),
        delay_weeks=placement.delay,
        in_term=outline.plan_start + timedelta(weeks=end) <= outline.deadline,
        mediation=None
        if placement.mediation is None
        else {"start": day(placement.mediation[0]), "end": day(placement.mediation[1])},
        activities=[
            {
                "module": step.module,
                "start": day(start),
                "end": day(start + step.weeks),
                "planned_start": day(step.start),
                "wait_weeks": start - step.start,
            }
            for start, step in zip(placement.starts, outline.steps, strict=True)
        ],
    )
    return data


def document(
    sim: Simulation, *, kind: str = "simulation", source: str = "", people: bool = False
) -> dict[str, Any]:
    """The ``padplanner.cohort/1`` document; ``people`` adds every placement per policy."""
    cohort = sim.cohort
    columns: list[dict[str, Any]] = [
        {
            "name": BASELINE,
            "title": "Plans as made, without capacity limits",
            "projection": sim.baseline.to_dict(),
        }
    ]
    by_id = {o.id: o for o in cohort.outlines}
    for run in sim.runs:
        column = {
            "name": run.policy.name,
            "title": run.policy.title,
            "policy": run.policy.to_dict(),
            "projection": run.projection.to_dict(),
            "fairness": run.fairness.to_dict(),
            "priority_fields": list(run.priority_fields),
        }
        if people:
            column["placements"] = [_placement(by_id[p.id], p) for p in run.allocation.placements]
        columns.append(column)
    return {
        "schema": COHORT_SCHEMA,
        "kind": kind,
        "municipality": cohort.municipality,
        "reference_date": cohort.reference_date.isoformat(),
        "cohort": {
            "source": source,
            "planned": len(cohort.outlines),
            "skipped": [{"id": s.id, "message": s.message} for s in cohort.skipped],
        },
        "capacities": cohort.capacities.to_dict(),
        "columns": columns,
        "fields": {"used": dict(ATTRIBUTES), "not_used": dict(NOT_USED)},
    }


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


# -- the rows both the text and the HTML table show ---------------------------------------------
def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}{unit}"


def _eur(value: float | None) -> str:
    return "-" if value is None else f"€{value:,.0f}"


def _peak(quarters: list[dict], key: str) -> str:
    values = [q[key] for q in quarters if q[key] is not None]
    if not values or max(values) <= 0:
        return "-"
    best = max(quarters, key=lambda q: q[key] if q[key] is not None else -1)
    return f"{best[key]:.0%} ({best['label']})"


Row = tuple[str, Callable[[dict[str, Any]], str]]

# the table's row labels: key → (English, Dutch)
LABELS: dict[str, tuple[str, str]] = {
    "people": ("People", "Mensen"),
    "in_term": ("Finish within the term", "Klaar binnen de termijn"),
    "a2_weeks": ("A2 in all skills: weeks (median)", "A2 in alle vaardigheden: weken (mediaan)"),
    "b1_weeks": ("B1 in all skills: weeks (median)", "B1 in alle vaardigheden: weken (mediaan)"),
    "b1_reached": ("B1 reached in the plan", "B1 gehaald in het plan"),
    "hours": ("Hours per person (mean)", "Uren per persoon (gemiddeld)"),
    "cost_courses": ("Cost: courses", "Kosten: cursussen"),
    "cost_mediation": ("Cost: intensive mediation", "Kosten: intensieve bemiddeling"),
    "cost_person": ("Cost per person", "Kosten per persoon"),
    "waiting": ("People who wait", "Mensen die wachten"),
    "delay_mean": ("Delay: mean weeks (everyone)", "Vertraging: gemiddeld in weken (iedereen)"),
    "delay_median": ("Delay: median weeks (who wait)", "Vertraging: mediaan in weken (wie wacht)"),
    "delay_p90": ("Delay: 90th percentile weeks", "Vertraging: 90e percentiel in weken"),
    "seat_wait": ("Waiting for a course seat (mean w)", "Wachten op een cursusplek (gem. wk)"),
    "cause": ("Main cause: seats / coach / budget", "Hoofdoorzaak: plekken / coach / budget"),
    "unserved": ("Not served within the horizon", "Niet bediend binnen de horizon"),
    "intensive": ("Intensive mediation (people)", "Intensieve bemiddeling (mensen)"),
    "coach_wait": ("Waiting for a job coach (mean w)", "Wachten op een jobcoach (gem. wk)"),
    "late": ("Past the deadline (people)", "Na de einddatum (mensen)"),
    "fines": ("Fines at stake", "Boetes op het spel"),
    "peak_seats": ("Peak seat use (quarter)", "Hoogste plekgebruik (kwartaal)"),
    "peak_coach": ("Peak coach use (quarter)", "Hoogste coachgebruik (kwartaal)"),
}
_DUTCH_NUMBERS = str.maketrans(",.", ".,")  # 1,234.5 → 1.234,5


def rows(doc: dict[str, Any], lang: str = "en") -> list[Row]:
    """(label, value of a column's projection) for the side-by-side table; in Dutch
    (``lang="nl"``) with Dutch labels and numbers (1.234,5). The text and HTML reports are
    English; the TUI's cohort screen shows the table in its language."""
    routes: dict[str, int] = doc["columns"][0]["projection"]["by_route"]
    keyed: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("people", lambda p: f"{p['people']:,}"),
        ("in_term", lambda p: _pct(p["in_term"])),
    ]
    for route, figures in routes.items():
        keyed.append(
            (
                f"  {ROUTES.get(route, route)} ({figures['people']:,})",
                lambda p, r=route: _pct(p["by_route"].get(r, {}).get("in_term")),
            )
        )
    keyed += [
        ("a2_weeks", lambda p: _num(p["time_to"]["A2"]["median_weeks"])),
        ("b1_weeks", lambda p: _num(p["time_to"]["B1"]["median_weeks"])),
        ("b1_reached", lambda p: _pct(p["time_to"]["B1"]["reached"])),
        ("hours", lambda p: _num(p["hours"]["mean"], " h" if lang == "en" else " u")),
        ("cost_courses", lambda p: _eur(p["cost"]["courses_eur"])),
        ("cost_mediation", lambda p: _eur(p["cost"]["mediation_eur"])),
        ("cost_person", lambda p: _eur(p["cost"]["per_person_eur"])),
        ("waiting", lambda p: _pct(p["waiting"]["delayed"])),
        ("delay_mean", lambda p: _num(p["waiting"]["mean_delay_weeks"])),
        ("delay_median", lambda p: _num(p["waiting"]["median_delay_weeks_of_delayed"])),
        ("delay_p90", lambda p: _num(p["waiting"]["p90_delay_weeks"])),
        ("seat_wait", lambda p: _num(p["waiting"]["mean_seat_wait_weeks"])),
        (
            "cause",
            lambda p: "{seats} / {coach} / {budget}".format(**p["waiting"]["main_cause"]),
        ),
        ("unserved", lambda p: f"{p['waiting']['unserved']:,}"),
        ("intensive", lambda p: f"{p['mediation']['intensive']:,}"),
        ("coach_wait", lambda p: _num(p["mediation"]["mean_coach_wait_weeks"])),
        ("late", lambda p: f"{p['fines']['people']:,}"),
        ("fines", lambda p: _eur(p["fines"]["at_stake_eur"])),
        ("peak_seats", lambda p: _peak(p["quarters"], "seats_used")),
        ("peak_coach", lambda p: _peak(p["quarters"], "coach_used")),
    ]
    index = 1 if lang == "nl" else 0
    out: list[Row] = []
    for key, get in keyed:
        label = LABELS[key][index] if key in LABELS else key
        if index:
            label = label.translate(_DUTCH_NUMBERS)
            out.append((label, lambda p, get=get: get(p).translate(_DUTCH_NUMBERS)))
        else:
            out.append((label, get))
    return out


def _capacity_lines(doc: dict[str, Any]) -> list[str]:
    caps = doc["capacities"]
    seats = ", ".join(f"{m} {n}" for m, n in caps["seats"].items())
    return [
        f"Budget €{caps['budget_eur_per_year']:,} a year; {caps['coaches']} job coaches × "
        f"{caps['caseload']} people in intensive mediation; mediation €{caps['mediation_eur']:,} "
        f"a person; horizon {caps['horizon_weeks']} weeks",
        f"Seats per course start (rolling modules: at a time): {seats or 'no limits'}",
    ]


def render_text(doc: dict[str, Any]) -> str:
    """The side-by-side projection as a plain text table, then the fairness flags."""
    columns = doc["columns"]
    table = [["", *[c["name"] for c in columns]]]
    for label, get in rows(doc):
        table.append([label, *[get(c["projection"]) for c in columns]])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [
        f"Cohort {doc['kind']}: {doc['cohort']['planned']:,} people, {doc['municipality']}, "
        f"reference date {doc['reference_date']}"
        + (f" ({doc['cohort']['source']})" if doc["cohort"]["source"] else ""),
        *_capacity_lines(doc),
        "",
    ]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    for column in columns[1:]:
        policy = column["policy"]
        lines.append(f"{column['name']}: {policy['title']}")
        lines.append(f"  priority rule read: {', '.join(column['priority_fields']) or '-'}")
        flags = column["fairness"]["flags"]
        lines.append(
            "  fairness: "
            + ("; ".join(flags) if flags else "no group below 0.8 of the best-off group")
        )
    lines.append("")
    lines.append("Breakdown by: " + ", ".join(doc["fields"]["used"]))
    lines.append("Deliberately not used: " + ", ".join(doc["fields"]["not_used"]))
    skipped = doc["cohort"]["skipped"]
    if skipped:
        lines.append(f"Not planned ({len(skipped)}):")
        lines += [f"  {s['id']}: {s['message']}" for s in skipped[:20]]
    return "\n".join(lines) + "\n"


def render_people(doc: dict[str, Any], column: str) -> str:
    """Everyone's place, dates and reason under one policy (``cohort plan``)."""
    found = next(c for c in doc["columns"] if c["name"] == column)
    lines = [f"{'place':>5}  {'id':<14} {'int':<3} {'finish':<10} {'delay':>5}  reason"]
    for p in found.get("placements", []):
        finish = p["completion"] or "-"
        delay = "-" if p["delay_weeks"] is None else str(p["delay_weeks"])
        lines.append(
            f"{p['place']:>5}  {p['id']:<14} {'yes' if p['intensive'] else '':<3} {finish:<10} "
            f"{delay:>5}  {p['reason']['text']}"
        )
        lines.append(f"{'':>5}  {'':<14} priority: {p['priority']['text']}")
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


def _table(head: list[str], body: list[list[str]], classes: list[str] | None = None) -> str:
    out = ["<table><thead><tr>", *[f"<th>{escape(h)}</th>" for h in head], "</tr></thead><tbody>"]
    for k, row in enumerate(body):
        cls = f' class="{classes[k]}"' if classes and classes[k] else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _charts(doc: dict[str, Any]) -> list[str]:
    columns = doc["columns"]
    names = [c["name"] for c in columns]
    projections = [c["projection"] for c in columns]
    routes = list(projections[0]["by_route"])
    out = [
        svg.grouped_bars(
            "Share finishing within the term, per route",
            ["all", *[ROUTES.get(r, r) for r in routes]],
            names,
            [
                [p["in_term"], *[p["by_route"].get(r, {}).get("in_term") for r in routes]]
                for p in projections
            ],
        )
    ]
    bands = list(projections[0]["waiting"]["bands"])
    out.append(
        svg.stacked_bars(
            "How much later people finish than their own plan",
            names,
            bands,
            [[p["waiting"]["bands"][b] for b in bands] for p in projections],
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
            "Course seats taken, per quarter (share of the seats offered)",
            labels,
            names,
            series("seats_used"),
            limit=1.0,
        )
    )
    out.append(
        svg.lines(
            "Job coaches in use, per quarter (share of the coach places)",
            labels,
            names[1:],
            series("coach_used")[1:],
            limit=1.0,
            first=1,
        )
    )
    budget = doc["capacities"]["budget_eur_per_year"]
    out.append(
        svg.lines(
            "Money booked per quarter (courses and mediation)",
            labels,
            names,
            series("spent_eur"),
            percent=False,
            limit=budget / 4,
            limit_label="¼ of the yearly budget",
        )
    )
    return out


def _fairness_html(column: dict[str, Any]) -> str:
    fairness = column["fairness"]
    parts = [f"<h3>{escape(column['name'])}: {escape(column['policy']['title'])}</h3>"]
    fields = ", ".join(column["priority_fields"]) or "-"
    parts.append(f'<p class="note">The priority rule says it read: {escape(fields)}.</p>')
    for attribute, groups in fairness["groups"].items():
        ratios = fairness["ratios"][attribute]
        body = [
            [
                g["value"],
                f"{g['people']:,}",
                f"{g['selected']:.0%}",
                f"{g['front']:.0%}",
                f"{g['in_term']:.0%}",
                f"{g['mean_delay_weeks']:.1f}",
            ]
            for g in groups
        ]
        body.append(
            [
                "lowest / highest",
                "",
                *[
                    "-" if ratios[r] is None else f"{ratios[r]:.2f}"
                    for r in ("selected", "front", "in_term")
                ],
                "",
            ]
        )
        flagged = [
            r for r in ("selected", "front", "in_term") if (ratios[r] or 1) < fairness["threshold"]
        ]
        classes = [""] * len(groups) + (["flag"] if flagged else [""])
        parts.append(f"<p><b>{escape(attribute)}</b></p>")
        parts.append(
            _table(
                [
                    "group",
                    "people",
                    "intensive mediation",
                    "front half of queue",
                    "in term",
                    "mean delay (w)",
                ],
                body,
                classes,
            )
        )
    return "".join(parts)


def render_html(doc: dict[str, Any]) -> str:
    """A self-contained HTML report (inline CSS and SVG, no scripts, no external files)."""
    columns = doc["columns"]
    title = f"Cohort {doc['kind']} {doc['municipality']}: {doc['cohort']['planned']:,} people"
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">Reference date {escape(doc["reference_date"])}. '
        f"{escape(doc['cohort']['source'])} Generated by padplanner; figures are projections of "
        "plans and capacities, not predictions of people. padplanner advises; people decide "
        "(GDPR art. 22).</p>",
        "<h2>Policies compared</h2><ul>",
    ]
    for column in columns:
        text = column.get("policy", {}).get(
            "description",
            "Every individual plan as made, as if seats, coaches and money were unlimited.",
        )
        body.append(
            f"<li><b>{escape(column['name'])}</b>: {escape(column['title'])}. {escape(text)}</li>"
        )
    body.append("</ul><h2>Side by side</h2>")
    body.append(
        _table(
            ["", *[c["name"] for c in columns]],
            [[label, *[get(c["projection"]) for c in columns]] for label, get in rows(doc)],
        )
    )
    body.append("<h2>Charts</h2>")
    body += [f"<figure>{chart}</figure>" for chart in _charts(doc)]
    body.append("<h2>Who is left out: rates per group</h2>")
    body.append(
        '<p class="note">Groups by permitted attributes only. "lowest / highest" compares '
        "groups of at least "
        f"{columns[-1]['fairness']['min_group'] if len(columns) > 1 else 20} people; below "
        "0.8 it is marked (the four-fifths screening rule: a reason to look closer, not proof "
        "of unfairness).</p>"
    )
    body += [_fairness_html(c) for c in columns[1:]]
    body.append("<h2>Fields used and deliberately not used</h2>")
    body.append(
        _table(
            ["used for the breakdown", "from"], [[k, v] for k, v in doc["fields"]["used"].items()]
        )
    )
    body.append(
        _table(
            ["deliberately not used", "why"],
            [[k, v] for k, v in doc["fields"]["not_used"].items()],
        )
    )
    body.append("<h2>Capacities and where the figures come from</h2>")
    body += [f"<p>{escape(line)}</p>" for line in _capacity_lines(doc)]
    body.append(
        _table(
            ["figure", "source"],
            [[k, v] for k, v in doc["capacities"]["sources"].items()],
        )
    )
    skipped = doc["cohort"]["skipped"]
    if skipped:
        body.append(f"<h2>Not planned ({len(skipped)})</h2>")
        body.append(_table(["id", "why"], [[s["id"], s["message"]] for s in skipped]))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
