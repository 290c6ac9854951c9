"""The evaluation report: plain text for the terminal, and one self-contained HTML file
(inline CSS and SVG, no scripts) with survival curves (time to a job, to A2 and to B1 by
group) and the estimates with their intervals. Rendered from the JSON document
(``evaluate.to_dict``), so both always show the same numbers; in Dutch by default, English on
request (``ev.*`` messages)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

from padplanner.cohort.outcomes import INTERVENTION_NAMES
from padplanner.cohort.svg import DASHES, PALETTE
from padplanner.evidence.evaluate import HORIZONS, MIN_CELL
from padplanner.i18n import N_, resolve_lang, texts
from padplanner.i18n.messages import Texts

OUTCOME_NAMES = {"job": N_("ev.outcome.job"), "a2": N_("ev.outcome.a2"), "b1": N_("ev.outcome.b1")}
KINDS = {
    "randomised": (N_("ev.randomised.title"), N_("ev.randomised.caveat"), N_("ev.kind.randomised")),
    "adjusted": (N_("ev.adjusted.title"), N_("ev.adjusted.caveat"), N_("ev.kind.adjusted")),
}
GROUPS = {
    "randomised": {"treated": N_("ev.group.drawn"), "control": N_("ev.group.not_drawn")},
    "adjusted": {"treated": N_("ev.group.treated"), "control": N_("ev.group.control")},
}
FLAGS = {
    "few_events": N_("ev.flag.few_events"),
    "no_overlap": N_("ev.flag.no_overlap"),
    "not_converged": N_("ev.flag.not_converged"),
    "confounding": N_("ev.flag.confounding"),
    "differ": N_("ev.flag.differ"),
    "differ_lottery": N_("ev.flag.differ_lottery"),
}
NOTES = {"no_lottery": N_("ev.note.no_lottery")}


def _names(t: Texts, comparison: dict[str, Any]) -> dict[str, str]:
    return {g: t(key) for g, key in GROUPS[comparison["kind"]].items()}


def _what(t: Texts, doc: dict[str, Any]) -> str:
    key = INTERVENTION_NAMES.get(doc["intervention"])
    return t(key) if key else doc["intervention"]


def _ratio(t: Texts, band: Sequence[float] | None) -> str:
    if band is None:
        return "-"
    low, high = t.decimal(band[1], 2), t.decimal(band[2], 2)
    return t("ev.band", value=t.decimal(band[0], 2), low=low, high=high)


def _share(t: Texts, band: Sequence[float] | None) -> str:
    if band is None:
        return "-"
    return t("ev.band", value=t.percent(band[0]), low=t.percent(band[1]), high=t.percent(band[2]))


def flag_text(t: Texts, flag: dict[str, Any]) -> str:
    values = dict(flag["values"])
    if "fields" in values:
        values["fields"] = t.join(values["fields"])
    if "share" in values:
        values["share"] = t.percent(values["share"])
    for key in ("unadjusted", "adjusted"):
        if key in values:
            values[key] = t.decimal(values[key], 2)
    return t(FLAGS[flag["id"]], **values)


def _count(t: Texts, value: Any) -> str:
    return value if isinstance(value, str) else t.number(value)


def _estimate_line(t: Texts, e: dict[str, Any]) -> str:
    text = t("ev.text.ratio", ratio=_ratio(t, e["hazard_ratio"]))
    if e["unadjusted"]:
        text += ", " + t("ev.text.unadjusted", ratio=_ratio(t, e["unadjusted"]))
    events = e["events"]
    text += "; " + t(
        "ev.text.events", treated=_count(t, events["treated"]), control=_count(t, events["control"])
    )
    if e["detectable"]:
        text += "; " + t("ev.text.detectable", ratio=t.decimal(e["detectable"], 2))
    return text


def _needed(t: Texts, doc: dict[str, Any]) -> str:
    pairs = [
        t("ev.needed.pair", ratio=t.decimal(float(r), 1), events=t.number(n))
        for r, n in doc["events_needed"].items()
    ]
    return t("ev.needed", pairs=t.join(pairs))


def render_text(doc: dict[str, Any], lang: str | None = None) -> str:
    t = texts(resolve_lang(lang))
    lines = [t("ev.text.heading", what=_what(t, doc), people=t.number(doc["people"]))]
    lines += [t("ev.text.note", note=t(NOTES[n])) for n in doc["notes"]]
    for c in doc["comparisons"]:
        title, caveat, _ = KINDS[c["kind"]]
        names = _names(t, c)
        people = c["people"]
        lines += [
            "",
            t(title).upper(),
            "  "
            + t("ev.text.people", treated=names["treated"], control=names["control"],
                n_treated=_count(t, people["treated"]), n_control=_count(t, people["control"])),
            "  " + t(caveat),
        ]  # fmt: skip
        if c["adjusted_for"]:
            lines.append("  " + t("ev.text.adjusted_for", fields=t.join(c["adjusted_for"])))
        for e in c["estimates"]:
            head = f"  {t(OUTCOME_NAMES[e['outcome']])}: "
            if e["suppressed"]:
                lines.append(head + t("ev.suppressed", n=MIN_CELL))
                continue
            lines.append(head + _estimate_line(t, e))
            lines += [f"    ! {flag_text(t, f)}" for f in e["flags"]]
    lines += ["", _needed(t, doc)]
    return "\n".join(lines) + "\n"


def _curves(title: str, curves: dict[str, list], names: dict[str, str], axis: str) -> str:
    """Step curves of the share with the outcome over the weeks since the term start."""
    width, height, left, right, top, bottom = 640, 250, 56, 130, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    last = max([t for points in curves.values() for t, _ in points] + [52.0])
    span = 52 * math.ceil(last / 52)

    def x(week: float) -> float:
        return left + plot_w * week / span

    def y(share: float) -> float:
        return top + plot_h * (1 - share)

    body = []
    for tick in range(5):
        yy = y(tick / 4)
        body.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" stroke="#ddd"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11">{tick * 25}%</text>'
        )
    for year in range(span // 52 + 1):
        xx = x(52 * year)
        body.append(f'<text x="{xx:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{year}</text>')  # fmt: skip
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" font-size="11">{escape(axis)}</text>')  # fmt: skip
    for k, (group, points) in enumerate(curves.items()):
        path = []
        previous = 0.0
        for week, share in points:
            path.append(f"{x(week):.1f},{y(previous):.1f} {x(week):.1f},{y(share):.1f}")
            previous = share
        path.append(f"{x(points[-1][0]):.1f},{y(previous):.1f}")
        body.append(
            f'<polyline fill="none" stroke="{PALETTE[k]}" stroke-width="2" '
            f'stroke-dasharray="{DASHES[k]}" points="{" ".join(path)}"/>'
        )
        ly = top + 14 + 18 * k
        body.append(f'<line x1="{width - right + 10}" y1="{ly}" x2="{width - right + 30}" y2="{ly}" stroke="{PALETTE[k]}" stroke-width="2" stroke-dasharray="{DASHES[k]}"/>')  # fmt: skip
        body.append(f'<text x="{width - right + 36}" y="{ly + 4}" font-size="11">{escape(names[group])}</text>')  # fmt: skip
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
        f'<text x="8" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def _forest(t: Texts, rows: list[tuple[str, Sequence[float] | None]]) -> str:
    """The hazard ratios with their intervals on a log scale, 1 (no effect) marked."""
    forest_title = t("ev.html.forest")
    shown = [(label, band) for label, band in rows if band is not None]
    width, left, right, row_h = 640, 260, 20, 22
    height = 40 + row_h * max(1, len(shown))
    low = min([0.5, *[b[1] for _, b in shown]])
    high = max([2.0, *[b[2] for _, b in shown]])
    lo, hi = math.log(max(low, 0.05)), math.log(min(high, 20))

    def x(value: float) -> float:
        value = min(max(value, math.exp(lo)), math.exp(hi))
        return left + (width - left - right) * (math.log(value) - lo) / (hi - lo)

    body = [f'<line x1="{x(1):.1f}" y1="20" x2="{x(1):.1f}" y2="{height - 14}" stroke="#999" stroke-dasharray="4 3"/>']  # fmt: skip
    no_effect = escape(t("ev.html.no_effect"))
    body.append(f'<text x="{x(1):.1f}" y="{height - 2}" text-anchor="middle" font-size="11">{no_effect}</text>')  # fmt: skip
    for k, (label, band) in enumerate(shown):
        yy = 30 + row_h * k
        body.append(f'<text x="8" y="{yy + 4}" font-size="11">{escape(label)}</text>')
        body.append(f'<line x1="{x(band[1]):.1f}" y1="{yy}" x2="{x(band[2]):.1f}" y2="{yy}" stroke="{PALETTE[0]}" stroke-width="2"/>')  # fmt: skip
        body.append(f'<circle cx="{x(band[0]):.1f}" cy="{yy}" r="4" fill="{PALETTE[0]}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(forest_title)}</title>'
        + "".join(body)
        + "</svg>"
    )


CSS = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;line-height:1.4}
h2{margin-top:1.6em;border-bottom:1px solid #ccc}table{border-collapse:collapse;font-size:.92em}
th,td{padding:.25em .6em;border-bottom:1px solid #e4e4e4;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}
.flag{color:#a00000}.caveat{background:#fff6e0;padding:.5em .8em;border-left:4px solid #c55a11}
svg{max-width:100%;height:auto;font-family:sans-serif}
"""


def _table(head: list[str], rows: list[list[str]]) -> str:
    out = ["<table><thead><tr>", *[f"<th>{escape(h)}</th>" for h in head], "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    return "".join(out) + "</tbody></table>"


def render_html(doc: dict[str, Any], lang: str | None = None) -> str:
    t = texts(resolve_lang(lang))
    title = t("ev.html.title", what=_what(t, doc), people=t.number(doc["people"]))
    intro = t("ev.html.intro", n=MIN_CELL)
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{escape(intro)}</p>',
    ]
    body += [f'<p class="caveat">{escape(t(NOTES[n]))}</p>' for n in doc["notes"]]
    forest = []
    for c in doc["comparisons"]:
        heading, caveat, kind = KINDS[c["kind"]]
        names = _names(t, c)
        people = c["people"]
        body.append(f"<h2>{escape(t(heading))}</h2>")
        body.append(f'<p class="caveat">{escape(t(caveat))}</p>')
        said = t("ev.text.people", treated=names["treated"], control=names["control"],
                 n_treated=_count(t, people["treated"]), n_control=_count(t, people["control"]))  # fmt: skip
        if c["adjusted_for"]:
            said += ". " + t("ev.text.adjusted_for", fields=t.join(c["adjusted_for"]))
        body.append(f"<p>{escape(said)}.</p>")
        rows = []
        for e in c["estimates"]:
            label = t(OUTCOME_NAMES[e["outcome"]])
            if e["suppressed"]:
                rows.append([label, t("ev.suppressed", n=MIN_CELL), "", "", "", ""])
                continue
            shares = [
                f"{names[g]} {_share(t, e['shares'][g].get(str(HORIZONS[1])))}"
                for g in ("treated", "control")
            ]
            events = e["events"]
            rows.append(
                [
                    label,
                    _ratio(t, e["hazard_ratio"]),
                    _ratio(t, e["unadjusted"]) if c["adjusted_for"] else "-",
                    f"{_count(t, events['treated'])} / {_count(t, events['control'])}",
                    t.decimal(e["detectable"], 2) if e["detectable"] else "-",
                    "; ".join(shares),
                ]
            )
            forest.append((f"{t(kind)}: {label}", e["hazard_ratio"]))
        head = [
            t("ev.html.col.outcome"),
            t("ev.html.col.ratio"),
            t("ev.html.col.unadjusted"),
            t("ev.html.col.events"),
            t("ev.html.col.detectable"),
            t("ev.html.col.share"),
        ]
        body.append(_table(head, rows))
        for e in c["estimates"]:
            for f in e["flags"]:
                text = f"{t(OUTCOME_NAMES[e['outcome']])}: {flag_text(t, f)}"
                body.append(f'<p class="flag">{escape(text)}</p>')
        for e in c["estimates"]:
            if not e["suppressed"] and e["curves"]:
                what = t("ev.html.time_to", outcome=t(OUTCOME_NAMES[e["outcome"]]), kind=t(kind))
                body.append(
                    "<figure>" + _curves(what, e["curves"], names, t("ev.html.axis")) + "</figure>"
                )
        body.append(
            _table(
                [t("ev.html.col.field"), t("ev.html.col.smd")],
                [[k, t.decimal(v, 2)] for k, v in c["imbalance"].items()],
            )
        )
    estimates = t("ev.html.estimates")
    body.append(f"<h2>{escape(estimates)}</h2>")
    body.append("<figure>" + _forest(t, forest) + "</figure>")
    enough, why = t("ev.html.enough"), t("ev.html.enough.text")
    body.append(f"<h2>{escape(enough)}</h2>")
    body.append(f"<p>{escape(_needed(t, doc))} {escape(why)}</p>")
    return (
        f'<!DOCTYPE html><html lang="{t.lang}"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{CSS}</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )
