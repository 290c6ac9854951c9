"""Cohort screen: compare policies for a whole intake, side by side, and write the report.

The municipality, the cohort (a synthetic intake of N people, or everyone active in the
store) and the policies are typed in; ``ctrl+r`` plans and projects the cohort in a worker
thread (the individual plans in worker processes), the table shows the side-by-side
projection, the notes who is left out and which fields were deliberately not used, and
``ctrl+s`` writes the self-contained HTML report to the export folder. Dutch by default.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from padplanner.errors import InputError
from padplanner.files import write_file
from padplanner.tui.actions import Action
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.cells import plain, row
from padplanner.tui.widgets.footer import Footer

_CODE = re.compile(r"^GM\d{4}$")

TEXTS: dict[str, tuple[str, str]] = {
    "cohort.title": ("Cohort en beleid", "Cohort and policy"),
    "cohort.run": ("Doorrekenen", "Simulate"),
    "cohort.source": ("Bron wisselen", "Switch source"),
    "cohort.report": ("HTML-rapport", "HTML report"),
    "cohort.municipality": ("Gemeente", "Municipality"),
    "cohort.size": ("Aantal", "People"),
    "cohort.seed": ("Seed", "Seed"),
    "cohort.policies": ("Beleid", "Policies"),
    "cohort.from.synthetic": (
        "Bron: synthetische instroom van {size} mensen (seed {seed})",
        "Source: a synthetic intake of {size} people (seed {seed})",
    ),
    "cohort.from.store": (
        "Bron: iedereen die actief is in de database",
        "Source: everyone active in the database",
    ),
    "cohort.hint": (
        "ctrl+r rekent door; b wisselt de bron; ctrl+s schrijft het HTML-rapport.",
        "ctrl+r simulates; b switches the source; ctrl+s writes the HTML report.",
    ),
    "cohort.busy": ("Bezig met doorrekenen...", "Simulating..."),
    "cohort.done": (
        "{people} mensen doorgerekend onder {count} beleidskeuzes",
        "{people} people projected under {count} policies",
    ),
    "cohort.bad_code": (
        "{code!r} is geen CBS-code (schrijf GM en vier cijfers, bv. GM0034)",
        "{code!r} is not a CBS code (write GM and four digits, e.g. GM0034)",
    ),
    "cohort.bad_size": (
        "Aantal moet een heel getal van 1 tot 99.999 zijn",
        "People must be a whole number from 1 to 99,999",
    ),
    "cohort.bad_seed": ("Seed moet een heel getal zijn", "Seed must be a whole number"),
    "cohort.nothing": ("Nog niets doorgerekend", "Nothing simulated yet"),
    "cohort.written": ("Rapport geschreven: {path}", "Report written: {path}"),
    "cohort.flags": ("Wie valt af", "Who is left out"),
    "cohort.no_flags": (
        "geen groep onder 0,8 van de best bediende groep",
        "no group below 0.8 of the best-off group",
    ),
    "cohort.not_used": ("Bewust niet gebruikt", "Deliberately not used"),
    "cohort.read": ("prioriteitsregel leest", "priority rule reads"),
}

ACTIONS = (
    Action("cohort.run", "ctrl+r", "run", "cohort.run"),
    Action("cohort.source", "b", "source", "cohort.source"),
    Action("cohort.report", "ctrl+s", "report", "cohort.report"),
)


class _Texts:
    """This screen's texts in the app's language (the app catalogue stays untouched)."""

    def __init__(self, lang: str):
        self.index = 1 if lang == "en" else 0

    def has(self, key: str) -> bool:
        return key in TEXTS

    def __call__(self, key: str, **fields: object) -> str:
        text = TEXTS[key][self.index]
        return text.format(**fields) if fields else text


class CohortScreen(PadScreen):
    """Side-by-side projection of a cohort under several policies."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ACTIONS
    HELP_KEY = "help.global"

    def __init__(self, municipality: str | None = None, size: int = 700, seed: int = 1):
        super().__init__(name="cohort")
        self.municipality = municipality
        self.people, self.draw = size, seed
        self.from_store = False
        self.doc: dict[str, Any] | None = None

    @property
    def c(self) -> _Texts:
        return _Texts(self.t.lang)

    @property
    def binding_texts(self) -> tuple:
        return (self.t, self.c)

    def compose(self) -> ComposeResult:
        c = self.c
        yield Header()
        with Horizontal(classes="field"):
            yield Label(c("cohort.municipality"), classes="field-label")
            yield Input(self.municipality or "", id="municipality", compact=True)
            yield Label(c("cohort.size"), classes="field-label")
            yield Input(str(self.people), id="size", compact=True)
            yield Label(c("cohort.seed"), classes="field-label")
            yield Input(str(self.draw), id="seed", compact=True)
        with Horizontal(classes="field"):
            yield Label(c("cohort.policies"), classes="field-label")
            yield Input("", id="policies", compact=True)
        yield Static("", id="cohort-source", markup=False)
        with VerticalScroll(id="cohort-scroll"):
            yield DataTable(id="cohort-table", cursor_type="row", zebra_stripes=True)
            yield Static(c("cohort.hint"), id="cohort-notes", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = self.c("cohort.title")
        code = self.municipality or self._default_code()
        self.query_one("#municipality", Input).value = code
        self.query_one("#policies", Input).value = ", ".join(self._default_policies(code))
        self._show_source()

    def palette(self) -> list[tuple[str, str, object]]:
        c = self.c
        return [
            (c(title) if c.has(title) else title, keys, callback)
            for title, keys, callback in super().palette()
        ]

    # -- inputs --------------------------------------------------------------------------
    def _default_code(self) -> str:
        try:
            known = self.pad.store.municipalities()
        except Exception:  # no store or an unreadable one: still usable for a simulation
            known = []
        return "GM0034" if "GM0034" in known or not known else known[0]

    def _default_policies(self, code: str) -> list[str]:
        from padplanner.cohort.policies import municipal_rules

        names = ["fifo", "everyone"]
        if municipal_rules(self.pad.planner.manager, code):
            names.append("almere-40" if code == "GM0034" else "municipal")
        return names

    def _show_source(self) -> None:
        c = self.c
        text = (
            c("cohort.from.store")
            if self.from_store
            else c("cohort.from.synthetic", size=self.people, seed=self.draw)
        )
        self.query_one("#cohort-source", Static).update(text)

    def _read(self) -> tuple[str, int, int, list[str]] | None:
        c = self.c
        code = self.query_one("#municipality", Input).value.strip().upper()
        if not _CODE.match(code):
            self.say(c("cohort.bad_code", code=code), "error")
            return None
        try:
            size = int(self.query_one("#size", Input).value.strip())
            if not 1 <= size <= 99_999:
                raise ValueError
        except ValueError:
            self.say(c("cohort.bad_size"), "error")
            return None
        try:
            seed = int(self.query_one("#seed", Input).value.strip())
        except ValueError:
            self.say(c("cohort.bad_seed"), "error")
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
            self.say("; ".join(p.message for p in exc.problems), "error")
            return
        self._show_source()
        self.query_one("#cohort-notes", Static).update(self.c("cohort.busy"))
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
                source = self.c("cohort.from.store")
                at = app.today
            else:
                clients = intake.synthetic_intake(self.people, self.draw, code)
                source = self.c("cohort.from.synthetic", size=self.people, seed=self.draw)
                at = None
            sim = simulate(clients, code, chosen, app.planner, at=at)
            doc = report.document(sim, source=source)
        except (InputError, PlanningError, ValueError) as exc:
            app.call_from_thread(self.say, str(exc), "error")
            return
        app.call_from_thread(self._show, doc)

    def _store_clients(self, code: str) -> list:
        from padplanner.cohort.intake import store_intake

        clients = store_intake(self.pad.store, code, self.pad.today)
        if not clients:
            raise ValueError(f"no active people of {code} in the database")
        return clients

    def _show(self, doc: dict[str, Any]) -> None:
        from padplanner.cohort.report import rows

        c = self.c
        self.doc = doc
        table = self.query_one("#cohort-table", DataTable)
        table.clear(columns=True)
        columns = doc["columns"]
        table.add_column("", key="label")
        for column in columns:
            table.add_column(plain(column["name"]), key=column["name"])
        for label, get in rows(doc, self.t.lang):
            table.add_row(*row(label, *[get(column["projection"]) for column in columns]))
        notes = []
        for column in columns[1:]:
            flags = column["fairness"]["flags"]
            notes.append(
                f"{column['name']}: {c('cohort.read')} "
                f"{', '.join(column['priority_fields']) or '-'}; {c('cohort.flags')}: "
                + ("; ".join(flags) if flags else c("cohort.no_flags"))
            )
        notes.append(f"{c('cohort.not_used')}: {', '.join(doc['fields']['not_used'])}")
        notes.append(c("cohort.hint"))
        self.query_one("#cohort-notes", Static).update("\n".join(notes))
        self.say(c("cohort.done", people=doc["cohort"]["planned"], count=len(columns) - 1))

    def action_report(self) -> None:
        from padplanner.cohort.report import render_html

        c = self.c
        if self.doc is None:
            self.say(c("cohort.nothing"), "warning")
            return
        folder = self.pad.export_dir
        path = folder / f"cohort-{self.doc['municipality']}.html"
        try:
            write_file(path, render_html(self.doc), make_folder=True)
        except InputError as exc:  # a full disk, a link, an unwritable folder
            self.say(str(exc), "error")
            return
        self.say(c("cohort.written", path=path))


def open_cohort(app: Any) -> None:
    """Open the cohort screen on ``app`` (for a palette command or a key binding)."""
    app.push_screen(CohortScreen())
