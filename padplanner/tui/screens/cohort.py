"""Cohort screen: compare policies for a whole intake, side by side, and write the report.

The municipality, the cohort (a synthetic intake of N people, or everyone active in the
store) and the policies are typed in; ``ctrl+r`` plans and projects the cohort in a worker
thread (the individual plans in worker processes), the table shows the side-by-side
projection, the notes who is left out and which fields were deliberately not used, and
``ctrl+s`` writes the self-contained HTML report to the export folder. Under the projection
the table shows the report's outcome bands per policy (work and welfare, as a median with
its 95 % band over the assumptions). Dutch by default.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from padplanner.errors import InputError
from padplanner.files import write_file
from padplanner.i18n import N_
from padplanner.model.client import is_municipality_code
from padplanner.tui.actions import Action
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.cells import plain, row
from padplanner.tui.widgets.footer import Footer

ACTIONS = (
    Action("cohort.run", "ctrl+r", "run", N_("tui.cohort.run")),
    Action("cohort.source", "b", "source", N_("tui.cohort.source")),
    Action("cohort.report", "ctrl+s", "report", N_("tui.cohort.report")),
)


class CohortScreen(PadScreen):
    """Side-by-side projection of a cohort under several policies."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ACTIONS
    HELP_KEY = N_("tui.help.global")

    def __init__(self, municipality: str | None = None, size: int = 700, seed: int = 1):
        super().__init__(name="cohort")
        self.municipality = municipality
        self.people, self.draw = size, seed
        self.from_store = False
        self.doc: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        with Horizontal(classes="field"):
            yield Label(t("tui.cohort.municipality"), classes="field-label")
            yield Input(self.municipality or "", id="municipality", compact=True)
            yield Label(t("tui.cohort.size"), classes="field-label")
            yield Input(str(self.people), id="size", compact=True)
            yield Label(t("tui.cohort.seed"), classes="field-label")
            yield Input(str(self.draw), id="seed", compact=True)
        with Horizontal(classes="field"):
            yield Label(t("tui.cohort.policies"), classes="field-label")
            yield Input("", id="policies", compact=True)
        yield Static("", id="cohort-source", markup=False)
        with VerticalScroll(id="cohort-scroll"):
            yield DataTable(id="cohort-table", cursor_type="row", zebra_stripes=True)
            yield Static(t("tui.cohort.hint"), id="cohort-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = self.t("tui.cohort.title")
        code = self.municipality or self._default_code()
        self.query_one("#municipality", Input).value = code
        self.query_one("#policies", Input).value = ", ".join(self._default_policies(code))
        self._show_source()

    # -- inputs --------------------------------------------------------------------------
    def _default_code(self) -> str:
        try:
            known = self.pad.store.municipalities()
        except Exception:  # no store or an unreadable one: still usable for a simulation
            known = []
        if known:
            return known[0]
        from padplanner.engine.served import NATIONAL_ONLY, default_municipality
        from padplanner.errors import InputError

        try:
            return default_municipality(self.pad.planner.manager)
        except InputError as exc:  # a bad PADPLANNER_MUNICIPALITY: said, the national rules
            self.pad.say("; ".join(p.say(self.t) for p in exc.problems), "error")
            return NATIONAL_ONLY

    def _default_policies(self, code: str) -> list[str]:
        """The national policies, and the municipality's own: those its plugins offer, else
        its priority rule (``municipal``) when it has one."""
        from padplanner.cohort.policies import POLICIES, municipal_rules, offered

        manager = self.pad.planner.manager
        names = ["fifo", "everyone"]
        own = [p.name for p in offered(manager, code).values() if p.municipality == code]
        if own:
            names += own
        elif municipal_rules(manager, code):
            names.append(POLICIES["municipal"].name)
        return names

    def _show_source(self) -> None:
        t = self.t
        text = (
            t("tui.cohort.from.store")
            if self.from_store
            else t("tui.cohort.from.synthetic", size=self.people, seed=self.draw)
        )
        self.query_one("#cohort-source", Static).update(text)

    def _read(self) -> tuple[str, int, int, list[str]] | None:
        t = self.t
        code = self.query_one("#municipality", Input).value.strip().upper()
        if not is_municipality_code(code):
            self.say(t("tui.cohort.bad_code", code=code), "error")
            return None
        try:
            size = int(self.query_one("#size", Input).value.strip())
            if not 1 <= size <= 99_999:
                raise ValueError
        except ValueError:
            self.say(t("tui.cohort.bad_size"), "error")
            return None
        try:
            seed = int(self.query_one("#seed", Input).value.strip())
        except ValueError:
            self.say(t("tui.cohort.bad_seed"), "error")
            return None
        text = self.query_one("#policies", Input).value
        names = [n.strip() for n in text.replace(";", ",").split(",") if n.strip()]
        return code, size, seed, names or self._default_policies(code)

    # -- actions -------------------------------------------------------------------------
    def action_source(self) -> None:
        self.from_store = not self.from_store
        self._show_source()

    def action_run(self) -> None:
        read = self._read()
        if read is None:
            return
        code, self.people, self.draw, names = read
        from padplanner.cohort.policies import get_policy
        from padplanner.errors import InputError

        try:
            chosen = [get_policy(name, code, self.pad.planner.manager) for name in names]
        except InputError as exc:
            self.say("; ".join(p.say(self.t) for p in exc.problems), "error")
            return
        self._show_source()
        self.query_one("#cohort-notes", Static).update(self.t("tui.cohort.busy"))
        self._simulate(code, chosen)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_run()

    @work(thread=True, exit_on_error=False, exclusive=True, group="cohort")
    def _simulate(self, code: str, chosen: list) -> None:
        from padplanner.cohort import intake, report
        from padplanner.cohort.simulate import simulate
        from padplanner.errors import InputError, PlanningError

        app = self.pad
        try:
            if self.from_store:
                clients = self._store_clients(code)
                source = self.t("tui.cohort.from.store")
                at = app.today
            else:
                clients = intake.synthetic_intake(self.people, self.draw, code)
                source = self.t("tui.cohort.from.synthetic", size=self.people, seed=self.draw)
                at = None
            sim = simulate(clients, code, chosen, app.planner, at=at)
            doc = report.document(sim, source=source)
        except (InputError, PlanningError, ValueError) as exc:
            said = exc.text(self.t) if isinstance(exc, InputError | PlanningError) else str(exc)
            app.call_from_thread(self.say, said, "error")
            return
        app.call_from_thread(self._show, doc)

    def _store_clients(self, code: str) -> list:
        from padplanner.cohort.intake import store_intake

        clients = store_intake(self.pad.store, code, self.pad.today)
        if not clients:
            raise ValueError(self.t("tui.cohort.nobody", code=code))  # said as it is
        return clients

    def _show(self, doc: dict[str, Any]) -> None:
        from padplanner.cohort.render import rows

        t = self.t
        self.doc = doc
        table = self.query_one("#cohort-table", DataTable)
        table.clear(columns=True)
        columns = doc["columns"]
        table.add_column("", key="label")
        for column in columns:
            table.add_column(plain(column["name"]), key=column["name"])
        for label, get in rows(doc, self.t.lang):
            table.add_row(*row(label, *[get(column["projection"]) for column in columns]))
        notes = self._outcomes(table, doc)
        for column in columns[1:]:
            flags = column["fairness"]["flags"]
            read = t("tui.cohort.read", fields=", ".join(column["priority_fields"]) or "-")
            flagged = (
                t("tui.cohort.flags", flags="; ".join(flags)) if flags else t("tui.cohort.no_flags")
            )
            notes.append(f"{column['name']}: {read}; {flagged}")
        notes.append(t("tui.cohort.not_used", fields=", ".join(doc["fields"]["not_used"])))
        notes.append(t("tui.cohort.hint"))
        self.query_one("#cohort-notes", Static).update("\n".join(notes))
        self.say(t("tui.cohort.done", people=doc["cohort"]["planned"], count=len(columns) - 1))

    def _outcomes(self, table: DataTable, doc: dict[str, Any]) -> list[str]:
        """The report's outcome bands under the projection: per policy a job within 1, 2, 3
        and 5 years, out of welfare, the extra people in work and the cost per extra person,
        each as a median with its 95 % band over the assumptions; returns the note on the
        unknown assumptions they rest on."""
        from padplanner.cohort.outcomes import rows as outcome_rows
        from padplanner.cohort.outcomes import unknown_note

        t = self.t
        columns = doc["columns"]
        found = [column for column in columns if "outcomes" in column]
        if not found:
            return []
        lines = outcome_rows(t, found)
        table.add_row(*row(t("cohort.outcome.title"), *("" for _ in columns)))
        for line in lines[1:]:
            value = dict(zip(lines[0][1:], line[1:], strict=True))
            table.add_row(*row(line[0], *(value.get(c["name"], "-") for c in columns)))
        note = unknown_note(t, doc, found)
        return [note] if note else []

    def action_report(self) -> None:
        from padplanner.cohort.render_html import render_html

        t = self.t
        if self.doc is None:
            self.say(t("tui.cohort.nothing"), "warning")
            return
        folder = self.pad.export_dir
        path = folder / f"cohort-{self.doc['municipality']}.html"
        try:
            write_file(path, render_html(self.doc, t.lang), make_folder=True)
        except InputError as exc:  # a full disk, a link, an unwritable folder
            self.say(exc.text(t), "error")
            return
        self.say(t("tui.cohort.written", path=path))


def open_cohort(app: Any) -> None:
    """Open the cohort screen on ``app`` (for a palette command or a key binding)."""
    app.push_screen(CohortScreen())
