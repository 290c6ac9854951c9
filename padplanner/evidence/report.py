"""The evaluation report: plain text for the terminal, and one self-contained HTML file
(inline CSS and SVG, no scripts) with survival curves (time to a job, to A2 and to B1 by
group) and the estimates with their intervals. Rendered from the JSON document
(``evaluate.to_dict``), so both always show the same numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

from padplanner.cohort.svg import DASHES, PALETTE
from padplanner.evidence.evaluate import HORIZONS, MIN_CELL, OUTCOMES
from padplanner.store.lottery import TITLES

GROUPS = {"treated": "got it", "control": "did not"}
RANDOMISED_GROUPS = {"treated": "drawn", "control": "not drawn"}


def _names(comparison: dict[str, Any]) -> dict[str, str]:
    return RANDOMISED_GROUPS if comparison["kind"] == "randomised" else GROUPS


def _ratio(band: Sequence[float] | None) -> str:
    if band is None:
        return "-"
    return f"{band[0]:.2f} ({band[1]:.2f}-{band[2]:.2f})"


def _share(band: Sequence[float] | None) -> str:
    if band is None:
        return "-"
    return f"{band[0]:.0%} ({band[1]:.0%}-{band[2]:.0%})"


def render_text(doc: dict[str, Any]) -> str:
    what = TITLES.get(doc["intervention"], doc["intervention"])
    lines = [f"Evaluation of {what}: {doc['people']:,} people (pseudonymised research data)"]
    lines += [f"note: {n}" for n in doc["notes"]]
    for c in doc["comparisons"]:
        names = _names(c)
        lines += [
            "",
            f"{c['kind'].upper()}: {c['title']}",
            f"  people: {names['treated']} {c['people']['treated']}, "
            f"{names['control']} {c['people']['control']}",
            f"  {c['caveat']}",
        ]
        if c["adjusted_for"]:
            lines.append("  adjusted for: " + ", ".join(c["adjusted_for"]))
        for e in c["estimates"]:
            head = f"  {OUTCOMES[e['outcome']]}: "
            if e["suppressed"]:
                lines.append(head + f"suppressed (a group under {MIN_CELL} people)")
                continue
            text = f"hazard ratio {_ratio(e['hazard_ratio'])}"
            if e["unadjusted"]:
                text += f", unadjusted {_ratio(e['unadjusted'])}"
            text += f"; events {e['events']['treated']} / {e['events']['control']}"
            if e["detectable"]:
                text += f"; smallest detectable {e['detectable']:.2f}"
            lines.append(head + text)
            for flag in e["flags"]:
                lines.append(f"    ! {flag}")
    needed = doc["events_needed"]
    lines += [
        "",
        "Events needed (80 % power, 5 %, half in each group) to detect a hazard ratio of "
        + ", ".join(f"{r}: {n}" for r, n in needed.items()),
    ]
    return "\n".join(lines) + "\n"


def _curves(title: str, curves: dict[str, list], names: dict[str, str]) -> str:
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
        body.append(f'<text x="{xx:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{year} y</text>')  # fmt: skip
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


def _forest(rows: list[tuple[str, Sequence[float] | None]]) -> str:
    """The hazard ratios with their intervals on a log scale, 1 (no effect) marked."""
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
    body.append(f'<text x="{x(1):.1f}" y="{height - 2}" text-anchor="middle" font-size="11">1 = no effect</text>')  # fmt: skip
    for k, (label, band) in enumerate(shown):
        yy = 30 + row_h * k
        body.append(f'<text x="8" y="{yy + 4}" font-size="11">{escape(label)}</text>')
        body.append(f'<line x1="{x(band[1]):.1f}" y1="{yy}" x2="{x(band[2]):.1f}" y2="{yy}" stroke="{PALETTE[0]}" stroke-width="2"/>')  # fmt: skip
        body.append(f'<circle cx="{x(band[0]):.1f}" cy="{yy}" r="4" fill="{PALETTE[0]}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Hazard ratios with 95 % intervals</title>'
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


def render_html(doc: dict[str, Any]) -> str:
    what = TITLES.get(doc["intervention"], doc["intervention"])
    title = f"Does {what} help? Evaluation on {doc['people']:,} people"
    body = [f"<h1>{escape(title)}</h1>"]
    body.append(
        '<p class="note">From the pseudonymised research data only. Groups under '
        f"{MIN_CELL} people are suppressed. A hazard ratio above 1: the outcome comes sooner "
        "for the first group. padplanner reports; people decide.</p>"
    )
    body += [f'<p class="caveat">{escape(n)}</p>' for n in doc["notes"]]
    forest = []
    for c in doc["comparisons"]:
        names = _names(c)
        body.append(f"<h2>{escape(c['kind'].capitalize())}: {escape(c['title'])}</h2>")
        body.append(f'<p class="caveat">{escape(c["caveat"])}</p>')
        body.append(
            f"<p>People: {escape(names['treated'])} {c['people']['treated']}, "
            f"{escape(names['control'])} {c['people']['control']}."
            + (
                f" Adjusted for: {escape(', '.join(c['adjusted_for']))}."
                if c["adjusted_for"]
                else ""
            )
            + "</p>"
        )
        rows = []
        for e in c["estimates"]:
            label = OUTCOMES[e["outcome"]]
            if e["suppressed"]:
                rows.append([label, f"suppressed (a group under {MIN_CELL})", "", "", "", ""])
                continue
            shares = [
                f"{escape(names[g])} {_share(e['shares'][g].get(str(HORIZONS[1])))}"
                for g in ("treated", "control")
            ]
            rows.append(
                [
                    label,
                    _ratio(e["hazard_ratio"]),
                    _ratio(e["unadjusted"]) if c["adjusted_for"] else "-",
                    f"{e['events']['treated']} / {e['events']['control']}",
                    f"{e['detectable']:.2f}" if e["detectable"] else "-",
                    "; ".join(shares),
                ]
            )
            forest.append((f"{c['kind']}: {label}", e["hazard_ratio"]))
        head = ["outcome", "hazard ratio (95 %)", "unadjusted", "events"]
        body.append(_table([*head, "smallest detectable", "share by 2 years (95 %)"], rows))
        flags = [f"{OUTCOMES[e['outcome']]}: {f}" for e in c["estimates"] for f in e["flags"]]
        body += [f'<p class="flag">{escape(f)}</p>' for f in flags]
        for e in c["estimates"]:
            if not e["suppressed"] and e["curves"]:
                body.append(
                    "<figure>"
                    + _curves(f"Time to {OUTCOMES[e['outcome']]} ({c['kind']})", e["curves"], names)
                    + "</figure>"
                )
        body.append(
            _table(
                ["permitted field", "largest standardised difference"],
                [[k, f"{v:.2f}"] for k, v in c["imbalance"].items()],
            )
        )
    body.append("<h2>Estimates with their intervals</h2>")
    body.append("<figure>" + _forest(forest) + "</figure>")
    body.append("<h2>Is the data enough?</h2>")
    body.append(
        "<p>Events needed to detect a hazard ratio with 80 % power at 5 % (half of the people "
        "in each group): "
        + escape(", ".join(f"{r}: {n}" for r, n in doc["events_needed"].items()))
        + ". The column 'smallest detectable' says the same for the data at hand.</p>"
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{CSS}</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )
