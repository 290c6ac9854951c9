"""The caseload: ONE DataTable showing one page of people (never a widget per person)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.limits import printable
from padplanner.tui import words
from padplanner.tui.widgets.cells import row as cells_row
from padplanner.tui.words import route_name, word

# (column key, catalogue key of the header, store order_by keyword, width; 0 = flexible)
COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("name", N_("tui.caseload.col.name"), "name", 0),
    ("route", N_("tui.caseload.col.route"), "route", 9),
    ("phase", N_("tui.caseload.col.phase"), "phase", 9),
    ("milestone", N_("tui.caseload.col.milestone"), "next_milestone", 0),
    ("deadline", N_("tui.caseload.col.deadline"), "deadline", 8),  # the month: sep 2027
    ("slack", N_("tui.caseload.col.slack"), "slack", 7),
    ("risk", N_("tui.caseload.col.risk"), "risk", 8),
    ("chance", N_("tui.caseload.col.chance"), "on_time", 6),
)
FLEX_SHARE = {"name": 0.52, "milestone": 0.48}
# the least each flexible column gets: at 80 columns the milestone still shows its whole
# month (okt 2027), the name its first 7 letters
MIN_WIDTH = {"name": 7, "milestone": 8}


def widths(total: int) -> dict[str, int]:
    """Column widths for a table ``total`` cells wide: name and milestone share what is left."""
    fixed = sum(width for *_, width in COLUMNS)
    padding = 2 * len(COLUMNS) + 2  # cell padding and the scrollbar
    free = max(sum(MIN_WIDTH.values()), total - fixed - padding)
    out = {key: width for key, _, _, width in COLUMNS if width}
    name = max(MIN_WIDTH["name"], int(free * FLEX_SHARE["name"]))
    out["milestone"] = max(MIN_WIDTH["milestone"], free - name)
    out["name"] = max(MIN_WIDTH["name"], free - out["milestone"])
    return out


SORT_KEYS: tuple[str, ...] = tuple(column[2] for column in COLUMNS)
RISK_STYLE = {"deadline": "bold red", "behind": "yellow", "contact": "cyan", "none": "dim"}


# (municipality, milestone id) -> the goal it marks in the reader's words
Titles = Callable[[str, str], str]


def milestone_text(row, t: Texts, title: Titles | None = None) -> str:
    """The next milestone: its month first (so a narrow column never cuts the date off), short
    as the language writes it like the end of the term beside it (``okt 2027``), then the goal
    it marks in the reader's words (``okt 2027 Lezen B1``); without ``title`` the milestone's
    id. The table sorts by the date itself (the store's order), not by this text."""
    milestone = row.next_milestone or ""
    if not milestone:
        return "–"
    name = title(row.municipality, milestone) if title else milestone.removeprefix("goal-")
    when = row.next_milestone_date
    return f"{t.month(when, cell=True)} {name}" if when else name


def cells(row, t: Texts, title: Titles | None = None) -> list[object]:
    """One person's row: plain words, with the risk in capitals when high (not just colour)."""
    slack = "–" if row.slack_weeks is None else str(row.slack_weeks)
    return [
        *cells_row(
            printable(row.name or row.id),
            word(t, words.SHORT_ROUTES, row.route, route_name(t, row.route)),
            word(t, words.PHASES, row.phase),
            milestone_text(row, t, title),
            t.month(row.deadline, cell=True) if row.deadline else "–",
        ),
        Text(
            slack,
            justify="right",
            style="bold red" if (row.slack_weeks or 0) < 0 else "",
            no_wrap=True,
            end="",
        ),
        Text(
            word(t, words.RISKS, row.risk),
            style=RISK_STYLE.get(row.risk, ""),
            no_wrap=True,
            end="",
        ),
        Text(
            "–" if row.on_time is None else t.percent(row.on_time),
            justify="right",
            style="bold red" if row.on_time is not None and row.on_time < 0.5 else "",
            no_wrap=True,
            end="",
        ),
    ]


class CaseloadTable(DataTable):
    """The visible window of the caseload; the row key is the person's id.

    The table holds only the rows that fit. Moving past its first or last row, or paging,
    posts :class:`Scroll` and the screen asks the store for the next window, so the caseload
    scrolls like one long list whatever its size.
    """

    class Scroll(Message):
        """Move the window: by ``delta`` rows, or to the ``edge`` ("top" or "bottom")."""

        def __init__(self, delta: int = 0, edge: str | None = None) -> None:
            super().__init__()
            self.delta, self.edge = delta, edge

    @property
    def window(self) -> int:
        """How many rows fit (at least 5)."""
        return max(5, self.size.height - 1) if self.size.height else 20

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.Scroll(+1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.Scroll(-1))
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        self.post_message(self.Scroll(+self.window))

    def action_page_up(self) -> None:
        self.post_message(self.Scroll(-self.window))

    def action_scroll_top(self) -> None:
        self.post_message(self.Scroll(edge="top"))

    def action_scroll_bottom(self) -> None:
        self.post_message(self.Scroll(edge="bottom"))

    def __init__(self, texts: Texts, title: Titles | None = None, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.texts = texts
        self.title = title  # a milestone's goal in words; without it the table shows ids
        self.case_rows: list = []
        self._widths: dict[str, int] = {}

    def _columns(self, total: int) -> None:
        self._widths = widths(total)
        self.clear(columns=True)
        for key, title, _order, _width in COLUMNS:
            self.add_column(self.texts(title), key=key, width=self._widths[key])

    def on_mount(self) -> None:
        self._columns(self.size.width or self.app.size.width)

    def on_resize(self) -> None:
        if widths(self.size.width) != self._widths:
            cursor = self.cursor_row
            self._columns(self.size.width)
            self._fill(cursor)
        self.post_message(self.Scroll(0))  # the window may hold more or fewer rows now

    def show(self, rows: Sequence, cursor: int | None = None) -> None:
        """Replace the rows by ``rows`` (CaseRow records); the cursor goes to row ``cursor``."""
        self.case_rows = list(rows)
        self._fill(self.cursor_row if cursor is None else cursor)

    def _fill(self, cursor: int) -> None:
        rows = self.case_rows
        self.clear()
        for row in rows:
            self.add_row(*cells(row, self.texts, self.title), key=row.id)
        if rows:
            self.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value
