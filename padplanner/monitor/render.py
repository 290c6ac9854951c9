"""The monitor as text, as CSV for a municipality's own tools, and as a self-contained HTML
report with charts (inline CSS and SVG, no scripts, no external files), like the cohort
report. Suppressed cells read "<10" (CSV: an empty value and ``suppressed`` = 1)."""

from __future__ import annotations

import csv
import io
from html import escape

from padplanner.cohort.svg import grouped_bars, lines
from padplanner.i18n import N_, texts
from padplanner.i18n.messages import Texts
from padplanner.monitor.collect import Monitor
from padplanner.monitor.figures import GROUPS, SMALL, Cell

FIGURES = {
    "people.route": N_("monitor.fig.people.route"),
    "people.phase": N_("monitor.fig.people.phase"),
    "pip": N_("monitor.fig.pip"),
    "progress": N_("monitor.fig.progress"),
    "exams": N_("monitor.fig.exams"),
    "components": N_("monitor.fig.components"),
    "values": N_("monitor.fig.values"),
    "work": N_("monitor.fig.work"),
    "follow_up": N_("monitor.fig.follow_up"),
    "deadline": N_("monitor.fig.deadline"),
    "fines": N_("monitor.fig.fines"),
}
CATEGORIES = {
    "b1": N_("monitor.cat.b1"),
    "onderwijs": N_("monitor.cat.onderwijs"),
    "z": N_("monitor.cat.z"),
    "none": N_("monitor.cat.none"),
    "intake": N_("monitor.cat.intake"),
    "waiting": N_("monitor.cat.waiting"),
    "literacy": N_("monitor.cat.literacy"),
    "language": N_("monitor.cat.language"),
    "education": N_("monitor.cat.education"),
    "civic": N_("monitor.cat.civic"),
    "values": N_("monitor.cat.values"),
    "work": N_("monitor.cat.work"),
    "support": N_("monitor.cat.support"),
    "finished": N_("monitor.cat.finished"),
    "in_time": N_("monitor.cat.in_time"),
    "late": N_("monitor.cat.late"),
    "not_set": N_("monitor.cat.not_set"),
    "on_track": N_("monitor.cat.on_track"),
    "behind": N_("monitor.cat.behind"),
    "reading": N_("monitor.cat.reading"),
    "listening": N_("monitor.cat.listening"),
    "writing": N_("monitor.cat.writing"),
    "speaking": N_("monitor.cat.speaking"),
    "knm": N_("monitor.cat.knm"),
    "map": N_("monitor.cat.map"),
    "pvt": N_("monitor.cat.pvt"),
    "attended": N_("monitor.cat.attended"),
    "placement": N_("monitor.cat.placement"),
    "job": N_("monitor.cat.job"),
    "after_term": N_("monitor.cat.after_term"),
    "past": N_("monitor.cat.past"),
    "route": N_("monitor.cat.route"),
}
STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
    "td,th{border:1px solid #bbb;padding:0.2em 0.6em;text-align:right}"
    "td:first-child,th:first-child{text-align:left}"
    ".note{color:#555}figure{margin:1em 0}"
)


def _cell(monitor: Monitor, quarter: str, key: str, category: str) -> Cell:
    return next(c for c in monitor.cells[quarter] if c.key == key and c.category == category)


def shown(t: Texts, cell: Cell) -> str:
    if cell.suppressed:
        return f"<{SMALL}"
    return t.money(cell.value) if cell.key == "fines" else t.number(cell.value)


def _share(monitor: Monitor, quarter: str, key: str, part: str) -> float | None:
    cells = [_cell(monitor, quarter, key, c) for c in GROUPS[key]]
    total = sum(c.people for c in cells)
    mine = _cell(monitor, quarter, key, part)
    if total < SMALL or mine.suppressed:
        return None
    return mine.people / total


def _title(t: Texts, monitor: Monitor) -> str:
    if monitor.municipality:
        return t(
            "monitor.title.municipality", period=str(monitor.period), code=monitor.municipality
        )
    return t("monitor.title", period=str(monitor.period))


def _notes(t: Texts, monitor: Monitor) -> list[str]:
    out = [t("monitor.note", small=SMALL)]
    if monitor.until is not None:
        out.append(t("monitor.until", period=str(monitor.period), day=t.date(monitor.until)))
    return out


def to_text(monitor: Monitor, lang: str) -> str:
    t = texts(lang)
    quarters = [str(q) for q in monitor.quarters]
    lines_out = [_title(t, monitor), *_notes(t, monitor), ""]
    lines_out.append(f"{'':<44}" + "".join(f"{q:>12}" for q in quarters))
    for key, categories in GROUPS.items():
        lines_out.append(t(FIGURES[key]))
        for category in categories:
            values = [shown(t, _cell(monitor, q, key, category)) for q in quarters]
            label = "  " + t(CATEGORIES[category])
            lines_out.append(f"{label:<44}" + "".join(f"{v:>12}" for v in values))
    return "\n".join(lines_out) + "\n"


def to_csv(monitor: Monitor) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["quarter", "figure", "category", "value", "suppressed"])
    for quarter in monitor.quarters:
        for cell in monitor.cells[str(quarter)]:
            value = "" if cell.suppressed else f"{cell.value:g}"
            writer.writerow([str(quarter), cell.key, cell.category, value, int(cell.suppressed)])
    return buffer.getvalue()


def _table(t: Texts, monitor: Monitor, key: str) -> str:
    quarters = [str(q) for q in monitor.quarters]
    head = "".join(f"<th>{escape(q)}</th>" for q in quarters)
    out = [
        f"<h2>{escape(t(FIGURES[key]))}</h2><table><thead><tr><th></th>{head}</tr></thead><tbody>"
    ]
    for category in GROUPS[key]:
        cells = "".join(
            f"<td>{escape(shown(t, _cell(monitor, q, key, category)))}</td>" for q in quarters
        )
        out.append(f"<tr><td>{escape(t(CATEGORIES[category]))}</td>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def charts(t: Texts, monitor: Monitor) -> list[str]:
    quarters = [str(q) for q in monitor.quarters]

    def counts(key: str) -> list[list[float | None]]:
        return [
            [None if (c := _cell(monitor, q, key, cat)).suppressed else c.value for q in quarters]
            for cat in GROUPS[key]
        ]

    def names(key: str) -> list[str]:
        return [t(CATEGORIES[c]) for c in GROUPS[key]]

    trend = [
        [_share(monitor, q, "pip", "in_time") for q in quarters],
        [_share(monitor, q, "progress", "on_track") for q in quarters],
    ]
    return [
        lines(
            t("monitor.chart.trend"),
            quarters,
            [t("monitor.chart.pip_in_time"), t("monitor.chart.on_track")],
            trend,
            t=t,
        ),
        grouped_bars(
            t(FIGURES["people.route"]),
            quarters,
            names("people.route"),
            counts("people.route"),
            t=t,
            percent=False,
        ),
        grouped_bars(
            t(FIGURES["exams"]), quarters, names("exams"), counts("exams"), t=t, percent=False
        ),
        grouped_bars(
            t(FIGURES["work"]), quarters, names("work"), counts("work"), t=t, percent=False
        ),
    ]


def to_html(monitor: Monitor, lang: str) -> str:
    t = texts(lang)
    title = _title(t, monitor)
    trends = t("monitor.html.charts")
    body = [
        f"<h1>{escape(title)}</h1>",
        *[f'<p class="note">{escape(note)}</p>' for note in _notes(t, monitor)],
        f"<h2>{escape(trends)}</h2>",
        *[f"<figure>{chart}</figure>" for chart in charts(t, monitor)],
        *[_table(t, monitor, key) for key in GROUPS],
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{t.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
