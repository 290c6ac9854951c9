"""The caseload: search, filter, sort and scroll through everyone in one DataTable.

The table holds only the rows that fit on screen. Each change of the query, and each move
past the window's edge, asks the store for that window (``limit``/``offset``) in a thread
worker; only the answer to the latest query is shown, so typing and scrolling stay responsive
with tens of thousands of people.
"""

from __future__ import annotations

import gc

import attrs
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select, Static

from padplanner.errors import InputError, PlanningError
from padplanner.export.context import competency_words, milestone_requirement
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.model.client import ROUTES
from padplanner.tui import words
from padplanner.tui.actions import CASELOAD
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.caseload_table import COLUMNS, SORT_KEYS, CaseloadTable
from padplanner.tui.widgets.footer import Footer


@attrs.frozen
class CaseQuery:
    """What the caseload shows: the store's list_people arguments (window included)."""

    search: str = ""
    route: str | None = None
    risk: str | None = None
    municipality: str | None = None
    order_by: str = "name"
    descending: bool = False
    offset: int = 0
    limit: int = 20

    def same_list(self, other: CaseQuery) -> bool:
        """True when both show the same list (perhaps another window of it)."""
        return attrs.evolve(self, offset=0, limit=0) == attrs.evolve(other, offset=0, limit=0)

    def filters(self) -> dict:
        return {
            "search": self.search,
            "route": self.route,
            "risk": self.risk,
            "municipality": self.municipality,
        }


def _all(t: Texts, field: str) -> str:
    """A filter's prompt when it lets everyone through: ``Route: alle``."""
    return t("tui.labelled", label=field, value=t("tui.caseload.filter.all"))


class CaseloadScreen(PadScreen):
    ACTIONS = CASELOAD
    TITLE_KEY = N_("tui.caseload.title")
    HELP_KEY = N_("tui.help.caseload")

    def __init__(self) -> None:
        super().__init__(name="caseload")
        self.query_state = CaseQuery()
        self.shown: CaseQuery | None = None  # the query whose rows are on screen
        self.total = 0
        self.rows: list = []

    def compose(self) -> ComposeResult:
        from padplanner.store.caseload import MAX_SEARCH

        t = self.t
        yield Header()
        with Horizontal(id="filters"):
            yield Input(
                placeholder=t("tui.caseload.search"),
                id="search",
                compact=True,
                max_length=MAX_SEARCH,
            )
            yield Select(
                t.choices(words.ROUTES, ROUTES),
                prompt=_all(t, t("tui.caseload.filter.route")),
                id="route",
                compact=True,
            )
            yield Select(
                [],
                prompt=_all(t, t("tui.caseload.filter.risk")),
                id="risk",
                compact=True,
            )
            yield Select(
                [],
                prompt=_all(t, t("tui.caseload.filter.municipality")),
                id="municipality",
                compact=True,
            )
        yield CaseloadTable(t, self.milestone_title, id="caseload-table")
        yield Static("", id="status", markup=False)
        yield Footer()

    def milestone_title(self, municipality: str, milestone: str) -> str:
        """The goal a milestone marks in the reader's words (``Lezen B1``, ``werk in de sector
        zorg``), from the municipality's catalogue (read once per municipality); else its id."""
        try:
            catalog = self.pad.planner.catalog(municipality)
        except (InputError, PlanningError):  # a catalogue that does not load: the id says it
            catalog = None
        requirement = milestone_requirement(catalog, milestone) if catalog is not None else None
        if requirement is None:
            return milestone.removeprefix("goal-")
        return competency_words(catalog, self.t, requirement)

    def on_mount(self) -> None:
        from padplanner.store import RISKS

        self.query_one("#risk", Select).set_options(self.t.choices(words.RISKS, RISKS))
        self.query_one("#caseload-table").focus()
        self._load_municipalities()
        self.call_after_refresh(self.reload)  # once the table knows how many rows fit

    def on_screen_resume(self) -> None:
        if self.shown is not None:
            self.reload()

    # -- loading -------------------------------------------------------------------------
    def reload(self, cursor: int | None = None) -> None:
        limit = self.query_one(CaseloadTable).window
        if limit != self.query_state.limit:
            self.query_state = attrs.evolve(self.query_state, limit=limit)
        self._fetch(self.query_state, cursor)

    @work(thread=True, exit_on_error=False, exclusive=True, group="caseload")
    def _fetch(self, query: CaseQuery, cursor: int | None) -> None:
        store = self.pad.store
        total = store.count_people(**query.filters())
        last = max(0, total - query.limit)
        if query.offset > last:
            query = attrs.evolve(query, offset=last)
        rows = store.list_people(
            **query.filters(),
            order_by=query.order_by,
            descending=query.descending,
            limit=query.limit,
            offset=query.offset,
        )
        self.app.call_from_thread(self._show, query, rows, total, cursor)

    def _show(self, query: CaseQuery, rows: list, total: int, cursor: int | None) -> None:
        if not query.same_list(self.query_state):
            return  # an answer to an older query: a newer one is on its way
        self.query_state = query
        if self.shown is None:  # the first page: the screen and its widgets are all made now
            self.app.call_after_refresh(gc.freeze)
        self.shown, self.rows, self.total = query, rows, total
        self.query_one(CaseloadTable).show(rows, cursor)
        self._status()

    @work(thread=True, exit_on_error=False, group="caseload-municipalities")
    def _load_municipalities(self) -> None:
        codes = self.pad.store.municipalities()
        self.app.call_from_thread(
            self.query_one("#municipality", Select).set_options, [(c, c) for c in codes]
        )

    def _status(self) -> None:
        t, query = self.t, self.query_state
        column = next(c for c in COLUMNS if c[2] == query.order_by)
        direction = (
            t("tui.caseload.descending") if query.descending else t("tui.caseload.ascending")
        )
        if not self.total:
            self.query_one("#status", Static).update(t("tui.caseload.empty"))
            return
        self.query_one("#status", Static).update(
            t(
                "tui.caseload.status",
                first=t.number(query.offset + 1),
                last=t.number(query.offset + len(self.rows)),
                total=t.number(self.total),
                order=f"{t(column[1])} ({direction})",
            )
        )

    def change(self, **changes) -> None:
        """Change the query and show its first rows."""
        changes.setdefault("offset", 0)
        self.query_state = attrs.evolve(self.query_state, **changes)
        self.reload(cursor=0)

    def scroll_to(self, offset: int, cursor: int | None = None) -> None:
        """Show the window starting at ``offset`` (clamped), the cursor on row ``cursor``."""
        last = max(0, self.total - self.query_state.limit)
        offset = min(max(0, offset), last)
        if offset == self.query_state.offset and self.shown == self.query_state:
            if cursor is not None and self.rows:
                table = self.query_one(CaseloadTable)
                table.move_cursor(row=min(cursor, len(self.rows) - 1), animate=False)
            return
        self.query_state = attrs.evolve(self.query_state, offset=offset)
        self.reload(cursor)

    # -- events --------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.change(search=event.value.strip()[: event.input.max_length or None])

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(CaseloadTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        if event.select.id in ("route", "risk", "municipality"):
            self.change(**{event.select.id: value})

    @on(CaseloadTable.Scroll)
    def _scroll(self, event: CaseloadTable.Scroll) -> None:
        table = self.query_one(CaseloadTable)
        query = self.query_state
        if event.edge == "top":
            self.scroll_to(0, 0)
        elif event.edge == "bottom":
            self.scroll_to(self.total, table.window - 1)
        elif event.delta == 0:
            if table.window != query.limit and self.shown is not None:
                self.reload()
        else:
            self.scroll_to(query.offset + event.delta, table.cursor_row)

    @on(DataTable.RowSelected, "#caseload-table")
    def _row_selected(self) -> None:
        self.action_open()

    @on(DataTable.HeaderSelected, "#caseload-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        order = SORT_KEYS[event.column_index]
        if order == self.query_state.order_by:
            self.change(descending=not self.query_state.descending)
        else:
            self.change(order_by=order, descending=False)

    # -- actions -------------------------------------------------------------------------
    def _current(self) -> str | None:
        person = self.query_one(CaseloadTable).current_id
        if person is None:
            self.say(self.t("tui.caseload.none_selected"), "warning")
        return person

    def action_open(self) -> None:
        person = self._current()
        if person:
            self.pad.open_plan(person)

    def action_agenda(self) -> None:
        from padplanner.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())

    def action_new(self) -> None:
        self.pad.open_intake(None)

    def action_intake(self) -> None:
        person = self._current()
        if person:
            self.pad.open_intake(person)

    def action_progress(self) -> None:
        person = self._current()
        if person:
            self.pad.open_progress(person)

    def action_export(self) -> None:
        person = self._current()
        if person:
            self.pad.open_export(person)

    def action_rules(self) -> None:
        """The rules of the highlighted person's municipality (or the first one known)."""
        from padplanner.tui.screens.rules import RulesScreen

        table = self.query_one(CaseloadTable)
        current = table.current_id
        row = next((r for r in self.rows if r.id == current), None)
        self.app.push_screen(RulesScreen(row.municipality if row else None))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_sort(self) -> None:
        index = SORT_KEYS.index(self.query_state.order_by)
        self.change(order_by=SORT_KEYS[(index + 1) % len(SORT_KEYS)], descending=False)

    def action_reverse(self) -> None:
        self.change(descending=not self.query_state.descending)

    def action_next_page(self) -> None:
        table = self.query_one(CaseloadTable)
        self.scroll_to(self.query_state.offset + table.window, table.cursor_row)

    def action_prev_page(self) -> None:
        table = self.query_one(CaseloadTable)
        self.scroll_to(self.query_state.offset - table.window, table.cursor_row)

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        for name in ("route", "risk", "municipality"):
            self.query_one(f"#{name}", Select).clear()
        self.query_state = CaseQuery(
            order_by=self.query_state.order_by,
            descending=self.query_state.descending,
            limit=self.query_state.limit,
        )
        self.reload(cursor=0)

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.query_one(CaseloadTable).focus()
