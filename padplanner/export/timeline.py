"""The timeline of a plan as data (weeks as columns, activities as bars), and its geometry.

The HTML (SVG) and PDF renderers draw the same :class:`Timeline` through the same
:class:`Geometry`, so the two pictures agree. Colour is never the only signal: every bar has a
row label and a fill pattern per kind of activity, and the markers carry text labels.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import attrs

from padplanner.export.words import CHECKINS, KINDS

# A pattern and a colour per kind of activity (patterns keep the timeline readable in grey).
PATTERNS: dict[str, str] = {
    "language": "solid",
    "literacy": "dots",
    "civic": "diagonal",
    "values": "cross",
    "work": "vertical",
    "education": "horizontal",
    "support": "backdiagonal",
}
COLOURS: dict[str, str] = {
    "language": "#4c78a8",
    "literacy": "#2a9d8f",
    "civic": "#e07b24",
    "values": "#9c5fa0",
    "work": "#4f9a45",
    "education": "#8c6d4f",
    "support": "#7d7d7d",
}
DEFAULT_KIND = "support"
TODAY_WINDOW_WEEKS = 26  # show "today" when it lies this close to the plan's weeks


def _tuple(value) -> tuple:
    return tuple(value)


@attrs.frozen
class Bar:
    id: str
    label: str
    kind: str
    start_week: int  # column of the first week (0 = the figure's first column)
    weeks: int
    start: date
    end: date
    hours_per_week: int
    note: str = ""  # short text drawn on the bar (hours per week)

    @property
    def pattern(self) -> str:
        return PATTERNS.get(self.kind, PATTERNS[DEFAULT_KIND])

    @property
    def colour(self) -> str:
        return COLOURS.get(self.kind, COLOURS[DEFAULT_KIND])


@attrs.frozen
class Mark:
    """A point in time on the conversations row (a check-in)."""

    week: float
    date: date
    label: str  # what the conversation is: "Voortgangsgesprek"
    when: str = ""  # its date as the language writes it: "3 maart 2026"


@attrs.frozen
class Tick:
    week: float
    label: str


@attrs.frozen
class Timeline:
    origin: date  # the date of column 0
    weeks: int  # number of columns
    bars: tuple[Bar, ...] = attrs.field(converter=_tuple)
    marks: tuple[Mark, ...] = attrs.field(converter=_tuple)
    ticks: tuple[Tick, ...] = attrs.field(converter=_tuple)
    today: float | None
    deadline: float | None
    today_label: str
    deadline_label: str
    marks_label: str
    legend: tuple[tuple[str, str], ...] = attrs.field(converter=_tuple)  # (kind, text)
    description: str = ""

    def week_of(self, day: date) -> float:
        return (day - self.origin).days / 7


def plan_start(plan) -> date:
    """The date of the plan's week 0 (activities count their weeks from it)."""
    for activity in plan.activities:
        return activity.start - timedelta(weeks=activity.start_week)
    return plan.reference_date


def build_timeline(plan, t, label, today: date | None) -> Timeline:
    """The timeline of ``plan``; ``label(activity)`` names each bar, ``t`` gives the texts."""
    start = plan_start(plan)
    end = max([plan.deadline, plan.completion_date, *(a.end for a in plan.activities)])
    shift = 0
    if today is not None and start - timedelta(weeks=TODAY_WINDOW_WEEKS) <= today < start:
        shift = math.ceil((start - today).days / 7)
    origin = start - timedelta(weeks=shift)
    if today is not None and end < today <= end + timedelta(weeks=TODAY_WINDOW_WEEKS):
        end = today
    weeks = max(1, math.ceil((end - origin).days / 7) + 1)

    def week(day: date) -> float:
        return (day - origin).days / 7

    bars = [
        Bar(
            a.id,
            label(a),
            a.kind,
            a.start_week + shift,
            a.weeks,
            a.start,
            a.end,
            a.hours_per_week,
            t("doc.tl.per_week", hours=a.hours_per_week),
        )
        for a in plan.activities
    ]
    marks = [  # conversations inside the figure (later ones are listed in the document)
        Mark(
            week(c.date),
            c.date,
            t(CHECKINS[c.kind]) if c.kind in CHECKINS else c.kind,
            t.date(c.date),
        )
        for c in plan.check_ins
        if 0 <= week(c.date) <= weeks
    ]
    shown_today = today if today is not None and 0 <= week(today) <= weeks else None
    kinds = sorted(
        {a.kind for a in plan.activities},
        key=lambda k: list(PATTERNS).index(k) if k in PATTERNS else 99,
    )
    legend = [(k, t.get(KINDS.get(k), k)) for k in kinds]
    return Timeline(
        origin=origin,
        weeks=weeks,
        bars=bars,
        marks=marks,
        ticks=_ticks(origin, weeks, t),
        today=week(shown_today) if shown_today else None,
        deadline=week(plan.deadline),
        today_label=t("doc.tl.today"),
        deadline_label=t("doc.tl.deadline"),
        marks_label=t("doc.tl.checkins"),
        legend=legend,
        description=t(
            "doc.tl.desc",
            start=t.date(origin),
            end=t.date(origin + timedelta(weeks=weeks)),
            count=len(bars),
        ),
    )


def _ticks(origin: date, weeks: int, t) -> list[Tick]:
    """Month ticks, thinned so about a dozen labels fit: every 1, 3, 6 or 12 months."""
    step = 1 if weeks <= 40 else 3 if weeks <= 120 else 6 if weeks <= 260 else 12
    end = origin + timedelta(weeks=weeks)
    year, month = origin.year, origin.month
    out = []
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day >= end:
            return out
        if (month - 1) % step == 0:
            label = str(year) if step == 12 else t.month(day)
            out.append(Tick((day - origin).days / 7, label))


@attrs.frozen
class Geometry:
    """Where things go, in the renderer's unit (px for SVG, mm for PDF)."""

    width: float
    label_width: float
    axis_height: float
    row_height: float
    rows: int  # bars plus the conversations row
    right: float = 0.0  # room after the last week for labels

    @property
    def left(self) -> float:
        return self.label_width

    @property
    def top(self) -> float:
        return self.axis_height

    @property
    def height(self) -> float:
        return self.axis_height + self.rows * self.row_height

    def column(self, timeline: Timeline) -> float:
        return (self.width - self.label_width - self.right) / timeline.weeks

    def x(self, timeline: Timeline, week: float) -> float:
        return self.left + week * self.column(timeline)

    def y(self, row: int) -> float:
        return self.top + row * self.row_height


def geometry(
    timeline: Timeline, width: float, label_width: float, row_height: float, right: float = 0.0
) -> Geometry:
    return Geometry(
        width=width,
        label_width=label_width,
        axis_height=row_height * 1.1,
        row_height=row_height,
        rows=len(timeline.bars) + 1,
        right=right,
    )


def week_lines(timeline: Timeline, max_lines: int = 160) -> list[int]:
    """The week columns to draw as grid lines (every week, or every 4 weeks when crowded)."""
    every = 1 if timeline.weeks <= max_lines else 4
    return list(range(0, timeline.weeks + 1, every))


def hatch(
    x: float, y: float, w: float, h: float, pattern: str, gap: float
) -> list[tuple[float, float, float, float]]:
    """Line segments ``(x1, y1, x2, y2)`` that draw ``pattern`` inside a rectangle.

    Used by the PDF renderer, which has no fill patterns of its own; the SVG uses the same
    pattern names as ``<pattern>`` definitions.
    """
    lines: list[tuple[float, float, float, float]] = []
    if pattern in ("vertical", "cross"):
        lines += [(x + i, y, x + i, y + h) for i in _steps(w, gap)]
    if pattern in ("horizontal", "cross"):
        lines += [(x, y + j, x + w, y + j) for j in _steps(h, gap)]
    if pattern in ("diagonal", "backdiagonal"):
        # Lines x - y = c (diagonal) or x + y = c (back), clipped to the rectangle.
        for c in _steps(w + h, gap):
            lines.append(_clip_diagonal(x, y, w, h, c, pattern == "diagonal"))
    return [line for line in lines if line is not None]


def dots(x: float, y: float, w: float, h: float, gap: float) -> list[tuple[float, float]]:
    return [(x + i, y + j) for i in _steps(w, gap) for j in _steps(h, gap)]


def _steps(length: float, gap: float) -> list[float]:
    count = int(length / gap)
    return [gap * (k + 0.5) for k in range(count)] if count else [length / 2]


def _clip_diagonal(x, y, w, h, c, rising):
    # Parametrise along the line: points (x + u, y + v) with u + v = c (rising: bottom-left to
    # top-right in page coordinates where y grows downwards) or u - v = c - h.
    if rising:
        u0, u1 = max(0.0, c - h), min(w, c)
        if u0 >= u1:
            return None
        return (x + u0, y + (c - u0), x + u1, y + (c - u1))
    u0, u1 = max(0.0, c - h), min(w, c)
    if u0 >= u1:
        return None
    return (x + u0, y + h - (c - u0), x + u1, y + h - (c - u1))


def text_gantt(timeline: Timeline, columns: int = 60, label: int = 34) -> str:
    """The timeline as monospaced text (for Markdown): one character per one or more weeks."""
    per = max(1, math.ceil(timeline.weeks / columns))
    cols = math.ceil(timeline.weeks / per)

    def col(week: float) -> int:
        return min(cols - 1, max(0, int(week // per)))

    def fit(text: str) -> str:
        text = text if len(text) <= label else text[: label - 1] + "…"
        return text.ljust(label)

    axis = [" "] * (cols + 12)
    for tick in timeline.ticks:
        start = col(tick.week)
        if all(c == " " for c in axis[max(0, start - 1) : start + len(tick.label) + 1]):
            axis[start : start + len(tick.label)] = tick.label
    lines = [fit("") + " " + "".join(axis).rstrip()]
    for bar in timeline.bars:
        first, last = col(bar.start_week), col(bar.start_week + bar.weeks - 1)
        row = "".join("█" if first <= c <= last else "·" for c in range(cols))
        lines.append(f"{fit(bar.label)} {row}")
    marks = ["·"] * cols
    for mark in timeline.marks:
        marks[col(mark.week)] = "◆"
    lines.append(f"{fit(timeline.marks_label)} {''.join(marks)}")
    pointer = [" "] * cols
    key = []
    if timeline.deadline is not None:
        pointer[col(timeline.deadline)] = "┃"
        key.append(f"┃ {timeline.deadline_label}")
    if timeline.today is not None:
        pointer[col(timeline.today)] = "▲"
        key.append(f"▲ {timeline.today_label}")
    lines.append(f"{fit('')} {''.join(pointer).rstrip()}")
    lines.append(f"{fit('')} {'   '.join(key)}")
    return "\n".join(line.rstrip() for line in lines)
