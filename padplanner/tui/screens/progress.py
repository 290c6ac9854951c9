"""Progress of one person: record hours, exams, placements, a job, extensions; planned against
actual per activity; replan from today with what was recorded.

Everything is stored as the store's progress events; the person's state is derived from them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from padplanner.errors import InputError, PlanningError
from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.limits import printable
from padplanner.model.levels import SKILLS
from padplanner.tui import words
from padplanner.tui.actions import PROGRESS
from padplanner.tui.event_text import event_text, module_title
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.screens.dialogs import MessageDialog
from padplanner.tui.widgets.cells import row
from padplanner.tui.widgets.footer import Footer
from padplanner.tui.words import word

KINDS = (
    "hours",
    "exam",
    "completed",
    "placement-started",
    "placement-ended",
    "job-started",
    "extension",
    "contact",
)
STATUS_WORDS = {
    "planned": N_("tui.progress.not_started"),
    "on-track": N_("tui.progress.on_track"),
    "ahead": N_("tui.progress.ahead"),
    "behind": N_("tui.progress.behind"),
    "done": N_("tui.progress.done"),
}


def _problem(t: Texts, field: str, problem: str) -> str:
    return t("tui.labelled", label=field, value=problem)


class ProgressScreen(PadScreen):
    ACTIONS = PROGRESS
    TITLE_KEY = N_("tui.progress.title")
    HELP_KEY = N_("tui.help.progress")

    def __init__(self, person_id: str) -> None:
        super().__init__(name="progress")
        self.person_id = person_id
        self.report = None
        self.plan = None
        self.recorded: list = []

    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        yield Static(t("tui.plan.loading"), id="progress-summary", markup=False)
        yield DataTable(id="planned", cursor_type="row", zebra_stripes=True)
        yield Label(t("tui.progress.record"), classes="section")
        with Horizontal(id="record"):
            yield Select(
                t.choices(words.EVENT_KINDS, KINDS),
                value="hours",
                allow_blank=False,
                id="kind",
                compact=True,
            )
            yield Select([], prompt=t("tui.progress.module"), id="target", compact=True)
            yield Input(placeholder=t("tui.progress.amount"), id="amount", compact=True)
            yield Input(
                self.pad.today.isoformat(),
                placeholder=t("tui.progress.date"),
                id="on",
                compact=True,
            )
            yield Select(
                [(t("tui.progress.passed"), "yes"), (t("tui.progress.failed"), "no")],
                value="yes",
                allow_blank=False,
                id="result",
                compact=True,
            )
            yield Input(placeholder=t("tui.progress.note"), id="note", compact=True)
        yield Static("", id="record-error", classes="error", markup=False)
        yield Label(t("tui.progress.events"), classes="section")
        yield DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        t = self.t
        self.query_one("#record-error").display = False
        planned = self.query_one("#planned", DataTable)
        for key, title, width in (
            ("activity", N_("tui.progress.col.activity"), 30),
            ("planned", N_("tui.progress.col.planned"), 9),
            ("actual", N_("tui.progress.col.actual"), 9),
            ("diff", N_("tui.progress.col.diff"), 9),
            ("status", N_("tui.progress.col.status"), 12),
        ):
            planned.add_column(t(title), key=key, width=width)
        events = self.query_one("#events", DataTable)
        for key, title, width in (
            ("on", N_("tui.progress.date"), 11),  # 28 sep 2027
            ("kind", N_("tui.progress.kind"), 16),
            ("what", N_("tui.progress.col.what"), 36),
            ("author", N_("tui.progress.col.author"), 12),
        ):
            events.add_column(t(title), key=key, width=width)
        self._load()

    # -- loading -------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, exclusive=True, group="progress-load")
    def _load(self) -> None:
        store, app = self.pad.store, self.pad
        client = store.current_client(self.person_id, at=app.today)
        latest = store.latest_plan(self.person_id)
        report = store.progress(self.person_id, today=app.today)
        recorded = store.events(self.person_id)
        app.call_from_thread(self._show, client, latest, report, recorded)

    def _show(self, client, latest, report, recorded) -> None:
        t = self.t
        try:
            catalog = self.pad.planner.catalog(client.municipality)
        except (InputError, PlanningError):  # a catalogue that does not load: ids, not titles
            catalog = None
        self.report, self.recorded = report, recorded
        self.plan = latest[1] if latest else None
        flags = ", ".join(word(t, words.RISKS, f) for f in report.flags) or t("tui.risk.none")
        lines = [
            t(
                "tui.progress.summary",
                name=printable(client.name or client.id),
                revision=report.revision or "–",
                risk=flags,
                missing=t.number(report.missing_hours),
            )
        ]
        lines += [
            f"  • {text}" for text in report.explain(t, lambda m: module_title(t, m, catalog))
        ]
        if self.plan is None:
            lines.append(t("tui.progress.need_plan"))
        self.query_one("#progress-summary", Static).update("\n".join(lines))
        planned = self.query_one("#planned", DataTable)
        planned.clear()
        titles = {a.id: a.title for a in self.plan.activities} if self.plan else {}
        for item in report.activities:
            diff = round(item.attended - item.expected_by_now)  # as shown: never "+0" or "-0"
            planned.add_row(
                *row(
                    titles.get(item.activity, item.activity),
                    t.number(item.expected_by_now),
                    t.number(item.attended),
                    ("+" if diff > 0 else "") + t.number(diff + 0),
                    t(STATUS_WORDS[item.status]) if item.status in STATUS_WORDS else item.status,
                ),
                key=item.activity,
            )
        events = self.query_one("#events", DataTable)
        events.clear()
        for entry in reversed(recorded):
            what = event_text(t, entry.event, catalog)
            events.add_row(
                *row(
                    t.short_date(entry.event.on),
                    word(t, words.EVENT_KINDS, entry.event.kind),
                    what,
                    entry.author,
                )
            )
        self._targets()

    # -- the record form -----------------------------------------------------------------
    def _targets(self) -> None:
        kind = self.query_one("#kind", Select).value
        t = self.t
        catalog = self.pad.planner.catalog("")
        sectors = [(s.title.get(t.lang), key) for key, s in catalog.sectors.items()]
        from padplanner.store.events import CAUSES, COMPONENTS, TOPICS

        options: list[tuple[str, str]] = {
            "hours": [(a.title, a.module) for a in self.plan.activities] if self.plan else [],
            "exam": [(t(words.FIELDS[f"levels.{s}"]), s) for s in SKILLS],
            "completed": [(c.upper(), c) for c in COMPONENTS],
            "placement-started": sectors,
            "placement-ended": sectors,
            "job-started": sectors,
            "extension": t.choices(words.CAUSES, CAUSES),
            "contact": t.choices(words.TOPICS, TOPICS),
        }.get(str(kind), [])
        target = self.query_one("#target", Select)
        target.set_options(options)
        if options:
            target.value = options[0][1]
        self.query_one("#amount", Input).placeholder = word(t, words.EVENT_AMOUNTS, str(kind), "")
        self.query_one("#amount", Input).display = kind in (
            "hours",
            "exam",
            "job-started",
            "extension",
        )
        self.query_one("#result", Select).display = kind in ("exam", "placement-ended")

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._targets()

    def event_data(self) -> dict[str, Any]:
        """The event as data for ``event_from_dict``; raises ``ValueError`` naming the field."""
        t = self.t
        kind = str(self.query_one("#kind", Select).value)
        target = self.query_one("#target", Select).value
        target = None if target is Select.NULL else str(target)
        amount = self.query_one("#amount", Input).value.strip()
        passed = self.query_one("#result", Select).value == "yes"
        note = self.query_one("#note", Input).value.strip() or None
        try:
            on_day = date.fromisoformat(self.query_one("#on", Input).value.strip())
        except ValueError:
            raise ValueError(
                _problem(t, t("tui.progress.date"), t("tui.intake.error.date"))
            ) from None
        data: dict[str, Any] = {"kind": kind, "on": on_day}
        if note:
            data["note"] = note

        amount_label = t("tui.progress.amount")

        def number(whole: bool) -> float:
            try:
                value = int(amount) if whole else float(amount.replace(",", "."))
            except ValueError:
                raise ValueError(
                    _problem(t, amount_label, t("tui.progress.error.amount"))
                ) from None
            if value <= 0:
                raise ValueError(_problem(t, amount_label, t("tui.progress.error.amount")))
            return value

        if target is None:
            raise ValueError(t("tui.progress.error.module"))
        if kind == "hours":
            data.update(module=target, hours=number(False))
        elif kind == "exam":
            data.update(skill=target, level=amount.upper() or "A2", passed=passed)
        elif kind == "completed":
            data.update(component=target)
        elif kind == "placement-started":
            data.update(sector=target)
        elif kind == "placement-ended":
            data.update(sector=target, completed=passed)
        elif kind == "job-started":
            data.update(sector=target, hours_per_week=int(number(True)))
        elif kind == "extension":
            data.update(cause=target, weeks=int(number(True)))
        elif kind == "contact":
            data.update(topic=target)
        return data

    def _form_error(self, message: str | None) -> None:
        error = self.query_one("#record-error", Static)
        error.update(f"⚠ {message}" if message else "")
        error.display = bool(message)

    def action_record(self) -> None:
        from padplanner.store import event_from_dict

        try:
            event = event_from_dict(self.event_data(), self.person_id)
        except ValueError as exc:  # InputError is a ValueError too: said in the TUI's language
            words = exc.text(self.t) if isinstance(exc, InputError) else str(exc)
            self._form_error(words)
            self.say(words, "error")
            return
        self._form_error(None)
        self._record(event)

    @work(thread=True, exit_on_error=False, exclusive=True, group="progress-record")
    def _record(self, event) -> None:
        app = self.pad
        try:
            app.store.record_event(self.person_id, event, author=app.author)
        except InputError as exc:
            app.call_from_thread(self._form_error, exc.text(self.t))
            return
        app.call_from_thread(self._recorded, event)

    def _recorded(self, event) -> None:
        self.query_one("#amount", Input).value = ""
        self.query_one("#note", Input).value = ""
        what = word(self.t, words.EVENT_KINDS, event.kind)
        self.say(self.t("tui.progress.recorded", event=what))
        self._load()

    # -- replanning ------------------------------------------------------------------------
    def action_replan(self) -> None:
        if self.plan is None:
            self.say(self.t("tui.progress.need_plan"), "warning")
            return
        self._replan()

    @work(thread=True, exit_on_error=False, exclusive=True, group="progress-replan")
    def _replan(self) -> None:
        from padplanner.store import StaleRevision

        app = self.pad
        try:
            revision = app.store.replan(
                self.person_id,
                app.planner,
                author=app.author,
                today=app.today,
                reason=self.t("tui.progress.replan.reason", date=self.t.date(app.today)),
            )
        except (PlanningError, InputError, StaleRevision) as exc:
            said = exc.text(self.t)  # each says itself in the TUI's language
            app.call_from_thread(self._failed, said)
            return
        app.call_from_thread(self._replanned, revision)

    def _replanned(self, revision: int) -> None:
        self.say(
            self.t("tui.progress.replanned", date=self.t.date(self.pad.today), revision=revision)
        )
        self._load()

    def _failed(self, error: str) -> None:
        self.say(error, "error")
        self.app.push_screen(
            MessageDialog(
                self.t, self.t("tui.dialog.error.title"), error, [(self.t("tui.dialog.ok"), "ok")]
            )
        )

    def action_plan(self) -> None:
        self.pad.open_plan(self.person_id)
