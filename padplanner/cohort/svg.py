"""Small inline SVG charts for the HTML report: grouped bars, stacked bars and lines.

No JavaScript and no external files: every chart is a ``<svg>`` string with a title, labelled
axes and a legend, readable when printed in grey (series also differ in dash pattern).
Output is deterministic (fixed rounding), so the same figures give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from padplanner.i18n.messages import Texts

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#7f7f7f")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 3", "10 2", "4 4")
FONT = 'font-family="sans-serif" font-size="11"'


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _legend(
    series: Sequence[str], x: float, y: float, lines: bool = False, first: int = 0
) -> list[str]:
    out = []
    for k, name in enumerate(series):
        colour, dash = PALETTE[(k + first) % len(PALETTE)], DASHES[(k + first) % len(DASHES)]
        yy = y + 16 * k
        if lines:
            out.append(
                f'<line x1="{_n(x)}" y1="{_n(yy)}" x2="{_n(x + 18)}" y2="{_n(yy)}" '
                f'stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/>'
            )
        else:
            out.append(
                f'<rect x="{_n(x)}" y="{_n(yy - 6)}" width="12" height="12" fill="{colour}"/>'
            )
        out.append(f'<text x="{_n(x + 24)}" y="{_n(yy + 4)}" {FONT}>{escape(name)}</text>')
    return out


def _frame(title: str, width: int, height: int, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    )
    caption = f'<text x="8" y="16" font-family="sans-serif" font-size="13" font-weight="bold">{escape(title)}</text>'
    return head + caption + "".join(body) + "</svg>"


def grouped_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    t: Texts,
    percent: bool = True,
    width: int = 720,
    height: int = 260,
) -> str:
    """Bars per category, one per series; ``values[series][category]`` (``None``: no bar)."""
    left, right, top, bottom = 48, 170, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([v for row in values for v in row if v is not None] + [1e-9])
    scale = 1.0 if percent else top_value
    body = []
    for tick in range(5):
        value = scale * tick / 4
        y = top + plot_h - plot_h * tick / 4
        label = t.percent(value) if percent else t.number(value)
        body.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" stroke="#ddd"/>'
        )
        body.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" {FONT}>{label}</text>')
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#444"/>'
    )
    group_w = plot_w / max(1, len(categories))
    bar_w = group_w * 0.8 / max(1, len(series))
    for c, category in enumerate(categories):
        x0 = left + group_w * c + group_w * 0.1
        for s in range(len(series)):
            value = values[s][c]
            if value is None:
                continue
            h = plot_h * min(1.0, value / scale)
            x = x0 + bar_w * s
            label = t.percent(value) if percent else t.number(value)
            body.append(
                f'<rect x="{_n(x)}" y="{_n(top + plot_h - h)}" width="{_n(bar_w - 1)}" '
                f'height="{_n(h)}" fill="{PALETTE[s % len(PALETTE)]}"><title>'
                f"{escape(series[s])}, {escape(category)}: {label}</title></rect>"
            )
        body.append(
            f'<text x="{_n(x0 + group_w * 0.4)}" y="{top + plot_h + 16}" text-anchor="middle" '
            f"{FONT}>{escape(category)}</text>"
        )
    body += _legend(series, left + plot_w + 16, top + 10)
    return _frame(title, width, height, body)


def stacked_bars(
    title: str,
    rows: Sequence[str],
    parts: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    t: Texts,
    width: int = 720,
) -> str:
    """One 100 % bar per row, split into ``parts``; ``counts[row][part]``."""
    left, right, top = 150, 20, 30
    bar_h, gap = 22, 10
    plot_w = width - left - right
    height = top + len(rows) * (bar_h + gap) + 20 + 16 * ((len(parts) + 3) // 4)
    colours = ("#548235", "#a9d18e", "#ffd966", "#f4b183", "#c55a11", "#7f7f7f", "#1f4e79")
    body = []
    for r, name in enumerate(rows):
        y = top + r * (bar_h + gap)
        body.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" {FONT}>{escape(name)}</text>'
        )
        total = sum(counts[r]) or 1
        x = float(left)
        for p, count in enumerate(counts[r]):
            w = plot_w * count / total
            if w <= 0:
                continue
            body.append(
                f'<rect x="{_n(x)}" y="{y}" width="{_n(w)}" height="{bar_h}" '
                f'fill="{colours[p % len(colours)]}" stroke="#fff"><title>{escape(name)}, '
                f"{escape(parts[p])}: {t.number(count)} ({t.percent(count / total)})</title></rect>"
            )
            if w > 28:
                body.append(
                    f'<text x="{_n(x + w / 2)}" y="{y + 15}" text-anchor="middle" {FONT}>'
                    f"{t.percent(count / total)}</text>"
                )
            x += w
    legend_y = top + len(rows) * (bar_h + gap) + 8
    for p, part in enumerate(parts):
        x = left + (p % 4) * 130
        y = legend_y + 16 * (p // 4)
        body.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colours[p % len(colours)]}"/>'
        )
        body.append(f'<text x="{x + 16}" y="{y + 10}" {FONT}>{escape(part)}</text>')
    return _frame(title, width, height, body)


def lines(
    title: str,
    labels: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    t: Texts,
    percent: bool = True,
    limit: float | None = None,
    limit_label: str = "",
    first: int = 0,
    width: int = 720,
    height: int = 240,
) -> str:
    """One line per series over ``labels`` (quarters); ``limit`` draws a dashed red line.

    ``first`` is the style (colour and dash) of the first series, so a policy keeps its style
    in charts that leave a series out.
    """
    left, right, top, bottom = 64, 170, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    flat = [v for row in values for v in row if v is not None]
    top_value = max([*flat, limit or 0, 1e-9])
    if percent:
        top_value = max(1.0, top_value)
    body = []
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        label = t.percent(value) if percent else t.money(value / 1000) + "k"
        body.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" stroke="#ddd"/>'
        )
        body.append(f'<text x="{left - 4}" y="{_n(y + 4)}" text-anchor="end" {FONT}>{label}</text>')
    step = plot_w / max(1, len(labels) - 1)
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0:
            x = left + step * i
            body.append(
                f'<text x="{_n(x)}" y="{top + plot_h + 16}" text-anchor="middle" {FONT}>'
                f"{escape(label)}</text>"
            )
    if limit is not None:
        y = top + plot_h - plot_h * limit / top_value
        body.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" '
            f'stroke="#c00000" stroke-dasharray="4 3"><title>{escape(limit_label)}</title></line>'
        )
    for s, name in enumerate(series):
        style = s + first
        points = [
            f"{_n(left + step * i)},{_n(top + plot_h - plot_h * v / top_value)}"
            for i, v in enumerate(values[s])
            if v is not None
        ]
        if points:
            body.append(
                f'<polyline fill="none" stroke="{PALETTE[style % len(PALETTE)]}" stroke-width="2" '
                f'stroke-dasharray="{DASHES[style % len(DASHES)]}" points="{" ".join(points)}">'
                f"<title>{escape(name)}</title></polyline>"
            )
    legend_top = top + 10
    body += _legend(series, left + plot_w + 16, legend_top, lines=True, first=first)
    if limit is not None:
        y = legend_top + 16 * len(series)
        x = left + plot_w + 16
        body.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 18}" y2="{y}" stroke="#c00000" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        body.append(f'<text x="{x + 24}" y="{y + 4}" {FONT}>{escape(limit_label)}</text>')
    return _frame(title, width, height, body)
