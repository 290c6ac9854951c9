"""SVG pictures without Graphviz: the plan's timeline and a layered module graph.

Both are plain SVG 1.1 strings (well-formed XML) that can be inlined in XHTML or saved as files.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from padplanner.export.timeline import COLOURS, PATTERNS, Timeline, geometry, week_lines

CHAR = 7.0  # average character width at 12 px (generous: the reader's font may be wide)
FONT = "font-family=\"'Source Sans Pro','Segoe UI',Helvetica,Arial,sans-serif\""


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(1, chars - 1)].rstrip() + "…"


def pattern_defs(prefix: str = "pp") -> str:
    """One ``<pattern>`` per kind of activity: a colour plus white lines or dots."""
    out = []
    marks = {
        "solid": "",
        "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
        "diagonal": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.4"/>',
        "backdiagonal": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="#fff" stroke-width="1.4"/>',
        "cross": '<path d="M3,0 v6 M0,3 h6" stroke="#fff" stroke-width="1.1"/>',
        "vertical": '<path d="M3,0 v6" stroke="#fff" stroke-width="1.6"/>',
        "horizontal": '<path d="M0,3 h6" stroke="#fff" stroke-width="1.6"/>',
    }
    for kind, pattern in PATTERNS.items():
        out.append(
            f'<pattern id="{prefix}-{kind}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{COLOURS[kind]}"/>{marks[pattern]}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def timeline_svg(
    timeline: Timeline, width: int = 960, label_width: int = 250, row: int = 22
) -> str:
    """The timeline: a label column, one row per activity, a conversations row, a legend."""
    g = geometry(timeline, width, label_width, row, right=CHAR * 6)
    legend, legend_h = _legend(timeline, g.height + row * 1.3, width)
    height = g.height + row * 1.3 + legend_h + 4
    x = lambda week: g.x(timeline, week)  # noqa: E731
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {width} {_n(height)}" width="100%" {FONT} font-size="12">',
        f"<title>{escape(timeline.description)}</title>",
        pattern_defs(),
    ]
    # week columns and the month axis
    top, bottom = g.top, g.y(g.rows)
    for week in week_lines(timeline):
        out.append(
            f'<line x1="{_n(x(week))}" y1="{_n(top)}" x2="{_n(x(week))}" y2="{_n(bottom)}" '
            'stroke="#e3e3e3" stroke-width="0.5"/>'
        )
    for index in range(g.rows):
        y = g.y(index)
        if index % 2:
            out.append(
                f'<rect x="0" y="{_n(y)}" width="{width}" height="{row}" fill="#000" fill-opacity="0.03"/>'
            )
    for tick in timeline.ticks:
        out.append(
            f'<line x1="{_n(x(tick.week))}" y1="{_n(top - 4)}" x2="{_n(x(tick.week))}" '
            f'y2="{_n(bottom)}" stroke="#b5b5b5" stroke-width="0.8"/>'
            f'<text x="{_n(x(tick.week) + 2)}" y="{_n(top - 7)}" fill="#444">{escape(tick.label)}</text>'
        )
    # bars
    chars = int(label_width / CHAR)
    for index, bar in enumerate(timeline.bars):
        y = g.y(index)
        bx, bw = x(bar.start_week), max(2.0, bar.weeks * g.column(timeline))
        out.append(
            f'<text x="4" y="{_n(y + row * 0.68)}" fill="#111"><title>{escape(bar.label)}</title>'
            f"{escape(_clip(bar.label, chars))}</text>"
        )
        out.append(
            f'<rect x="{_n(bx)}" y="{_n(y + 3)}" width="{_n(bw)}" height="{row - 6}" '
            f'fill="url(#pp-{bar.kind if bar.kind in PATTERNS else "support"})" stroke="#222" '
            f'stroke-width="0.8" rx="2"><title>{escape(bar.label)}: {escape(bar.note)}</title></rect>'
        )
        if bar.note:
            # on the bar when it fits, else just after it
            inside = bw > len(bar.note) * CHAR * 0.85 + 6
            tx = bx + 3 if inside else bx + bw + 3
            out.append(
                f'<text x="{_n(tx)}" y="{_n(y + row * 0.68)}" font-size="10" fill="#000" '
                f'stroke="#fff" stroke-width="2.5" paint-order="stroke">{escape(bar.note)}</text>'
            )
    # conversations row
    y = g.y(len(timeline.bars))
    out.append(
        f'<text x="4" y="{_n(y + row * 0.68)}" fill="#111" font-style="italic">'
        f"{escape(timeline.marks_label)}</text>"
    )
    for mark in timeline.marks:
        cx, cy = x(mark.week), y + row / 2
        out.append(
            f'<path d="M{_n(cx)},{_n(cy - 5)} l5,5 l-5,5 l-5,-5 z" fill="#fff" stroke="#111" '
            f'stroke-width="1.2"><title>{escape(mark.label)}: {escape(mark.when or mark.date.isoformat())}</title></path>'
        )
    # today and the deadline: different line styles and their own text labels
    for week, label, glyph, line_style, text_style in (
        (
            timeline.deadline,
            timeline.deadline_label,
            "┃",
            'stroke="#b00020" stroke-width="2.5"',
            'fill="#b00020" font-weight="bold"',
        ),
        (
            timeline.today,
            timeline.today_label,
            "▲",
            'stroke="#000" stroke-width="1.6" stroke-dasharray="5 3"',
            'fill="#000"',
        ),
    ):
        if week is None:
            continue
        at = x(week)
        out.append(
            f'<line x1="{_n(at)}" y1="{_n(top - 2)}" x2="{_n(at)}" y2="{_n(bottom + 4)}" '
            f"{line_style}/>"
            f'<text x="{_n(at)}" y="{_n(bottom + row * 0.85)}" {_anchor(at, width, label)} '
            f"{text_style}>{glyph} {escape(label)}</text>"
        )
    out.append(legend)
    out.append("</svg>")
    return "".join(out)


def _anchor(x: float, width: float, text: str) -> str:
    """Centre a label under its line unless that would run off either edge."""
    half = (len(text) + 2) * CHAR / 2
    if x - half < 0:
        return 'text-anchor="start"'
    if x + half > width:
        return 'text-anchor="end"'
    return 'text-anchor="middle"'


def _legend(timeline: Timeline, y: float, width: int) -> tuple[str, float]:
    out, x, top = [], 4.0, y
    for kind, text in timeline.legend:
        fill = f"url(#pp-{kind})" if kind in PATTERNS else "url(#pp-support)"
        step = 36 + CHAR * len(text)
        if x + step > width:  # wrap the legend onto a second line
            x, y = 4.0, y + 18
        out.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="22" height="12" fill="{fill}" stroke="#222" stroke-width="0.8"/>'
            f'<text x="{_n(x + 27)}" y="{_n(y + 10)}">{escape(text)}</text>'
        )
        x += step
    out.append(
        f'<path d="M{_n(x + 6)},{_n(y + 1)} l5,5 l-5,5 l-5,-5 z" fill="#fff" stroke="#111"/>'
        f'<text x="{_n(x + 15)}" y="{_n(y + 10)}">{escape(timeline.marks_label.lower())}</text>'
    )
    return "".join(out), y - top + 14


# -- layered graphs (the person's path) ----------------------------------------------------
def graph_svg(
    layers: list[list[str]],
    labels: dict[str, list[str]],
    edges: list[tuple[str, str, str]],
    kinds: dict[str, str] | None = None,
    title: str = "",
) -> str:
    """A left-to-right layered drawing: ``layers`` of node ids, each with lines of text.

    ``edges`` are ``(from, to, label)``; ``kinds`` picks each node's pattern and colour.
    """
    kinds = kinds or {}
    box_w, line_h, gap_x, gap_y, pad = 300, 15, 70, 18, 8
    width = int((box_w - 22) / CHAR)
    # wrap every line (the first, the title, stays bold on its own lines)
    wrapped = {
        node: [
            (k, part) for k, line in enumerate(lines) for part in textwrap.wrap(line, width) or [""]
        ]
        for node, lines in labels.items()
    }
    labels = {node: [part for _, part in parts] for node, parts in wrapped.items()}
    bold = {node: sum(1 for k, _ in parts if k == 0) for node, parts in wrapped.items()}
    heights = {n: pad * 2 + line_h * max(1, len(labels[n])) for layer in layers for n in layer}
    column_h = [sum(heights[n] for n in layer) + gap_y * (len(layer) - 1) for layer in layers]
    total_h = max(column_h, default=0) + 40
    total_w = len(layers) * box_w + max(0, len(layers) - 1) * gap_x + 20
    pos: dict[str, tuple[float, float]] = {}
    for i, layer in enumerate(layers):
        y = 20 + (total_h - 40 - column_h[i]) / 2
        for node in layer:
            pos[node] = (10 + i * (box_w + gap_x), y)
            y += heights[node] + gap_y
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(total_w)} {_n(total_h)}" '
        f'width="{_n(total_w)}" height="{_n(total_h)}" {FONT} font-size="12" role="img">',
        f"<title>{escape(title)}</title>",
        pattern_defs(),
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    ]
    for a, b, label in edges:
        if a not in pos or b not in pos:
            continue
        x1, y1 = pos[a][0] + box_w, pos[a][1] + heights[a] / 2
        x2, y2 = pos[b][0], pos[b][1] + heights[b] / 2
        mid = (x1 + x2) / 2
        out.append(
            f'<path d="M{_n(x1)},{_n(y1)} C{_n(mid)},{_n(y1)} {_n(mid)},{_n(y2)} {_n(x2)},{_n(y2)}" '
            'fill="none" stroke="#333" stroke-width="1.2" marker-end="url(#arrow)">'
            f"<title>{escape(label)}</title></path>"
        )
    for node, (x, y) in pos.items():
        kind = kinds.get(node, "support")
        fill = f"url(#pp-{kind})" if kind in PATTERNS else "url(#pp-support)"
        out.append(
            f"<g id={quoteattr('n-' + node)}>"
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{box_w}" height="{heights[node]}" rx="4" fill="#fff" stroke="#222"/>'
            f'<rect x="{_n(x)}" y="{_n(y)}" width="8" height="{heights[node]}" fill="{fill}" stroke="#222"/>'
        )
        for k, line in enumerate(labels[node]):
            weight = ' font-weight="bold"' if k < bold[node] else ""
            out.append(
                f'<text x="{_n(x + 14)}" y="{_n(y + pad + line_h * (k + 0.8))}"{weight}>'
                f"{escape(line)}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
