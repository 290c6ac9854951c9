"""The plan as a timeline: weeks as columns, activities as bars, today and the deadline marked.

Colour is never the only signal: each kind of activity has its own bar character (shown in
the legend), weeks past the deadline are drawn as ``×``, today is ``│`` and the deadline ``┃``,
both named in the marker line. ``zoom`` is the number of weeks per column (0: fit the width).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import attrs
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from padplanner.i18n.messages import Texts
from padplanner.model import Plan
from padplanner.tui.planning import plan_start
from padplanner.tui.words import KINDS, word

GLYPHS = {
    "language": "█",
    "literacy": "▚",
    "civic": "▓",
    "values": "▒",
    "work": "░",
    "education": "#",
    "support": "=",
}
STYLES = {
    "language": "bold blue",
    "literacy": "magenta",
    "civic": "green",
    "values": "cyan",
    "work": "yellow",
    "education": "bright_blue",
    "support": "white",
}
LATE = "×"
TODAY = "│"
DEADLINE = "┃"
LABEL_WIDTH = 20
ZOOMS = (0, 1, 2, 4)


@attrs.frozen
class Layout:
    """Where things go: weeks per column, number of columns, today and deadline columns."""

    weeks_per_col: int
    columns: int
    today_col: int | None
    deadline_col: int
    start: date

    def col(self, week: int) -> int:
        return week // self.weeks_per_col


def total_weeks(plan: Plan, today: date) -> int:
    start = plan_start(plan)
    ends = [a.end_week for a in plan.activities]
    deadline = (plan.deadline - start).days // 7
    now = (today - start).days // 7
    return max([deadline + 2, now + 1, *ends]) + 1


def layout(plan: Plan, today: date, width: int, zoom: int) -> Layout:
    weeks = total_weeks(plan, today)
    label = label_width(width)
    space = max(10, width - label - 1 - HPW_WIDTH)
    per_col = zoom or max(1, math.ceil(weeks / space))
    start = plan_start(plan)
    now = (today - start).days // 7
    return Layout(
        weeks_per_col=per_col,
        columns=math.ceil(weeks / per_col),
        today_col=now // per_col if now >= 0 else None,
        deadline_col=((plan.deadline - start).days // 7) // per_col,
        start=start,
    )


HPW_WIDTH = 7  # " 16u/w" after each bar


def label_width(width: int) -> int:
    return min(LABEL_WIDTH, max(8, width // 4))


def _label(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def _marker_lines(lay: Layout, t: Texts) -> list[str]:
    """Lines with ``▼name`` at each marker's column; a name goes left of its marker when it
    would run off the edge, and to a second line when it would overlap another name."""
    marks = []
    if lay.today_col is not None and lay.today_col < lay.columns:
        marks.append((lay.today_col, t("tui.timeline.today")))
    if lay.deadline_col < lay.columns:
        marks.append((lay.deadline_col, t("tui.timeline.deadline")))
    lines: list[list[str]] = []
    for col, name in sorted(marks):
        right, left = "▼" + name, name + "▼"
        options = []
        if col + len(right) <= lay.columns:
            options.append((col, right))
        if col - len(left) + 1 >= 0:
            options.append((col - len(left) + 1, left))
        if not options:
            options.append((col, "▼"))
        placed = False
        for line in lines:
            for start, text in options:
                if all(c == " " for c in line[start : start + len(text)]):
                    line[start : start + len(text)] = list(text)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            line = [" "] * lay.columns
            start, text = options[0]
            line[start : start + len(text)] = list(text)
            lines.append(line)
    return ["".join(line) for line in lines]


def render_lines(plan: Plan, today: date, width: int, zoom: int, t: Texts) -> list[Text]:
    """The timeline as lines of text (styled, but readable without colour)."""
    lay = layout(plan, today, width, zoom)
    label = label_width(width)
    lines: list[Text] = []

    # line 1: years (and the scale)
    years = [" "] * lay.columns
    for col in range(lay.columns):
        day = lay.start + timedelta(weeks=col * lay.weeks_per_col)
        before = lay.start + timedelta(weeks=(col - 1) * lay.weeks_per_col)
        if col == 0 or day.year != before.year:
            for i, ch in enumerate(str(day.year)):
                if col + i < lay.columns:
                    years[col + i] = ch
    scale = t("tui.timeline.scale", weeks=lay.weeks_per_col)
    lines.append(Text(_label(scale, label) + " " + "".join(years), style="dim"))

    # marker lines: today and the deadline, each with its name (on a second line if needed)
    for line in _marker_lines(lay, t):
        row = Text(" " * label + " ")
        row.append(line, style="bold")
        lines.append(row)

    # one line per activity
    hpw = t("tui.timeline.hpw")
    for activity in plan.activities:
        glyph = GLYPHS.get(activity.kind, "■")
        style = STYLES.get(activity.kind, "")
        first, last = activity.start_week, activity.end_week - 1
        row = Text(_label(f"{activity.title}", label) + " ")
        for col in range(lay.columns):
            lo, hi = col * lay.weeks_per_col, (col + 1) * lay.weeks_per_col - 1
            busy = first <= hi and last >= lo
            if busy:
                late = col > lay.deadline_col
                row.append(LATE if late else glyph, style="bold red" if late else style)
            elif col == lay.deadline_col:
                row.append(DEADLINE, style="bold red")
            elif col == lay.today_col:
                row.append(TODAY, style="bold")
            else:
                quarter = lo % 13 == 0 or lo // 13 != hi // 13
                row.append("·" if quarter else " ", style="dim")
        row.append(f" {activity.hours_per_week}{hpw}", style="dim")
        lines.append(row)

    # legend, wrapped to the width
    kinds = sorted({a.kind for a in plan.activities})
    items = [(GLYPHS.get(k, "■"), STYLES.get(k, ""), word(t, KINDS, k)) for k in kinds]
    items += [
        (TODAY, "bold", t("tui.timeline.today")),
        (DEADLINE, "bold red", t("tui.timeline.deadline")),
        (LATE, "bold red", t("tui.timeline.late")),
    ]
    legend = Text(" " * label + " ")
    for glyph, style, name in items:
        if legend.cell_len + len(name) + 4 > width and legend.plain.strip():
            lines.append(legend)
            legend = Text(" " * label + " ")
        legend.append(glyph, style=style)
        legend.append(f" {name}  ")
    lines.append(legend)
    return lines


class Timeline(Widget):
    """Draws :func:`render_lines` for the current plan; ``z`` cycles the zoom."""

    DEFAULT_CSS = """
    Timeline { height: auto; width: auto; }
    """

    plan: reactive[Plan | None] = reactive(None, layout=True)
    zoom: reactive[int] = reactive(0, layout=True)

    def __init__(self, texts: Texts, today: date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self.today = today

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.plan is None or not self.zoom:
            return container.width
        lay = layout(self.plan, self.today, container.width, self.zoom)
        return max(container.width, label_width(container.width) + 1 + lay.columns + HPW_WIDTH)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines_for(width)))

    def lines_for(self, width: int) -> list[Text]:
        if self.plan is None:
            return []
        return render_lines(self.plan, self.today, width, self.zoom, self.texts)

    def render(self) -> Text:
        return Text("\n").join(self.lines_for(self.size.width))

    def cycle_zoom(self) -> None:
        self.zoom = ZOOMS[(ZOOMS.index(self.zoom) + 1) % len(ZOOMS)]
