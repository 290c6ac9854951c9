"""The counsellor's week: what is due or overdue (``padplanner.agenda``), one row per item;
Enter opens the person's plan, ``[`` and ``]`` go a week back and forth."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from padplanner.i18n import N_
from padplanner.tui.actions import AGENDA
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.footer import Footer


class AgendaScreen(PadScreen):
    ACTIONS = AGENDA
    TITLE_KEY = N_("tui.agenda.title")
    HELP_KEY = N_("tui.help.agenda")

    def __init__(self, day: date | None = None, counsellor: str | None = None) -> None:
        super().__init__(name="agenda")
        self.day = day
        self.counsellor = counsellor
        self.items: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="agenda-week", markup=False)
        yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one("#agenda-table", DataTable)
        for key, title, width in (
            ("due", N_("tui.agenda.col.due"), 32),  # "te laat, sinds 29 september 2026"
            ("id", N_("tui.agenda.col.id"), 11),
            ("name", N_("tui.agenda.col.name"), 22),
            ("what", N_("tui.agenda.col.what"), 26),
            ("why", N_("tui.agenda.col.why"), 70),
        ):
            table.add_column(t(title), key=key, width=width)
        table.focus()
        self.day = self.day or self.pad.today
        self._load(self.day)

    @work(thread=True, exit_on_error=False, exclusive=True, group="agenda")
    def _load(self, day: date) -> None:
        from padplanner.agenda.collect import agenda

        week, items = agenda(self.pad.store, self.pad.planner, day, self.counsellor)
        self.app.call_from_thread(self._show, week, items)

    def _show(self, week, items: list) -> None:
        from padplanner.agenda.render import detail, title

        t, lang = self.t, self.t.lang
        self.items = items
        header = t("agenda.title", start=t.date(week.start), end=t.date(week.end))
        count = t.ngettext("agenda.count", "agenda.count.plural", len(items))
        self.query_one("#agenda-week", Static).update(f"{header} · {count}")
        table = self.query_one("#agenda-table", DataTable)
        table.clear()
        for number, item in enumerate(items):
            due = t.date(item.due)
            when = t("agenda.overdue", due=due) if item.overdue else due
            table.add_row(
                when,
                item.person_id,
                item.name or "",
                title(item, lang),
                detail(item, lang),
                key=str(number),
            )

    @on(DataTable.RowSelected, "#agenda-table")
    def _row_selected(self) -> None:  # the table takes Enter itself and says which row
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        if not self.items or table.cursor_row is None or table.cursor_row >= len(self.items):
            self.say(self.t("tui.caseload.none_selected"), "warning")
            return
        self.pad.open_plan(self.items[table.cursor_row].person_id)

    def action_next_week(self) -> None:
        self.day = (self.day or self.pad.today) + timedelta(weeks=1)
        self._load(self.day)

    def action_prev_week(self) -> None:
        self.day = (self.day or self.pad.today) - timedelta(weeks=1)
        self._load(self.day)
