"""The timeline figure drawn into the PDF: bars with colour and pattern, marks and key.

Works on an fpdf2 document at a given position, from the layout :mod:`.timeline` computes
(the same geometry, colours and patterns as the SVG timeline).
"""

from __future__ import annotations

from padplanner.export.pdf_setup import DEADLINE, FAMILY, fit
from padplanner.export.timeline import COLOURS, PATTERNS, Timeline, dots, hatch, week_lines


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def draw_timeline(pdf, tl: Timeline, g, x0: float, y0: float) -> None:
    """The timeline at ``(x0, y0)``: rows, week lines, ticks, bars, conversations, deadline
    and today (``g``: :func:`.timeline.geometry`)."""
    X = lambda week: x0 + g.x(tl, week)  # noqa: E731
    top, bottom = y0 + g.top, y0 + g.y(g.rows)
    for index in range(1, g.rows, 2):  # zebra rows
        pdf.set_fill_color(246, 246, 246)
        pdf.rect(x0, y0 + g.y(index), g.width, g.row_height, "F")
    pdf.set_line_width(0.08)
    pdf.set_draw_color(225, 225, 225)
    for week in week_lines(tl, max_lines=110):
        pdf.line(X(week), top, X(week), bottom)
    pdf.set_font(FAMILY, "", 6.5)
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    for tick in tl.ticks:
        pdf.line(X(tick.week), top - 1, X(tick.week), bottom)
        pdf.text(X(tick.week) + 0.6, top - 1.4, tick.label)
    chars_w = g.label_width - 2
    pdf.set_font(FAMILY, "", 7.2)
    for index, bar in enumerate(tl.bars):
        y = y0 + g.y(index)
        pdf.text(x0 + 0.8, y + g.row_height * 0.68, fit(pdf, bar.label, chars_w))
        bx, bw = X(bar.start_week), max(0.6, bar.weeks * g.column(tl))
        _fill(pdf, bx, y + 0.7, bw, g.row_height - 1.4, bar.kind)
        if bar.note:
            pdf.set_font(FAMILY, "", 6)
            width = pdf.get_string_width(bar.note)
            inside = bw > width + 2
            if inside:
                pdf.set_fill_color(255, 255, 255)
                pdf.rect(bx + 0.5, y + 1.4, width + 1, g.row_height - 2.8, "F")
            pdf.text(bx + (1 if inside else bw + 1), y + g.row_height * 0.66, bar.note)
            pdf.set_font(FAMILY, "", 7.2)
    # conversations
    y = y0 + g.y(len(tl.bars))
    pdf.set_font(FAMILY, "B", 7.2)
    pdf.text(x0 + 0.8, y + g.row_height * 0.68, tl.marks_label)
    pdf.set_draw_color(17, 17, 17)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.2)
    for mark in tl.marks:
        _diamond(pdf, X(mark.week), y + g.row_height / 2, 1.4)
    # deadline and today: a solid red line and a dashed black line, each with its label
    pdf.set_font(FAMILY, "B", 7)
    if tl.deadline is not None:
        dx = X(tl.deadline)
        pdf.set_draw_color(*DEADLINE)
        pdf.set_line_width(0.7)
        pdf.line(dx, top - 1, dx, bottom + 1)
        pdf.set_text_color(*DEADLINE)
        _label_under(pdf, tl.deadline_label, dx, bottom + 3.8, x0 + g.width)
        pdf.set_text_color(0, 0, 0)
    if tl.today is not None:
        tx = X(tl.today)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.35)
        pdf.set_dash_pattern(dash=1.0, gap=0.7)
        pdf.line(tx, top - 1, tx, bottom + 1)
        pdf.set_dash_pattern()
        pdf.set_fill_color(0, 0, 0)
        pdf.polygon([(tx, bottom + 1.2), (tx - 1.1, bottom + 3), (tx + 1.1, bottom + 3)], style="F")
        pdf.set_font(FAMILY, "", 7)
        _label_under(pdf, tl.today_label, tx + 1.6, bottom + 3.8, x0 + g.width, anchor_left=True)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)


def _label_under(
    pdf, text: str, x: float, y: float, right: float, anchor_left: bool = False
) -> None:
    width = pdf.get_string_width(text)
    left = x if anchor_left else x - width / 2
    left = min(max(left, pdf.l_margin), right - width)
    pdf.text(left, y, text)


def _diamond(pdf, cx: float, cy: float, r: float) -> None:
    pdf.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], style="DF")


def _fill(pdf, x: float, y: float, w: float, h: float, kind: str) -> None:
    """A bar: the kind's colour, its pattern in white lines or dots, and a dark outline."""
    kind = kind if kind in PATTERNS else "support"
    pdf.set_fill_color(*_rgb(COLOURS[kind]))
    pdf.rect(x, y, w, h, "F")
    pattern = PATTERNS[kind]
    pdf.set_draw_color(255, 255, 255)
    pdf.set_line_width(0.3)
    if pattern == "dots":
        pdf.set_fill_color(255, 255, 255)
        for px, py in dots(x, y, w, h, 1.2):
            pdf.rect(px - 0.25, py - 0.25, 0.5, 0.5, "F")
    elif pattern != "solid":
        for x1, y1, x2, y2 in hatch(x, y, w, h, pattern, 1.2):
            pdf.line(x1, y1, x2, y2)
    pdf.set_draw_color(34, 34, 34)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, w, h, "D")


def legend(pdf, tl: Timeline, x0: float, y: float) -> None:
    """The key to the bar kinds and the conversation mark, wrapped over lines."""
    pdf.set_font(FAMILY, "", 7.5)
    x = x0
    right = x0 + pdf.epw
    for kind, text in tl.legend:
        step = 10 + pdf.get_string_width(text) + 5
        if x + step > right:
            x, y = x0, y + 5.5
        _fill(pdf, x, y, 7, 3.2, kind)
        pdf.text(x + 9, y + 2.8, text)
        x += step
    pdf.set_draw_color(17, 17, 17)
    pdf.set_fill_color(255, 255, 255)
    _diamond(pdf, x + 1.5, y + 1.6, 1.4)
    pdf.text(x + 4.5, y + 2.8, tl.marks_label.lower())
