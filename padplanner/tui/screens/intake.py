"""The intake form: every field of the client file, checked as it is typed.

A problem is shown under its field (``⚠ message``) and the typed text stays as it is. Ctrl+S
saves the intake as a draft (a person without a plan yet); Ctrl+R saves and opens the plan.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from padplanner.errors import InputError
from padplanner.i18n import N_
from padplanner.tui import intake_form as form
from padplanner.tui import words
from padplanner.tui.actions import INTAKE
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.footer import Footer

HINTS = {"date": N_("tui.intake.hint.date")}


class IntakeScreen(PadScreen):
    ACTIONS = INTAKE
    TITLE_KEY = N_("tui.intake.title")
    HELP_KEY = N_("tui.help.intake")

    def __init__(self, person_id: str | None) -> None:
        super().__init__(name="intake")
        self.person_id = person_id
        self.saved: dict[str, Any] | None = None  # the values as last saved or loaded
        self.problems: dict[str, str] = {}
        self.escaped: dict[str, str] = {}  # stored values shown escaped, to be retyped
        self._ready = False
        self._warned = False

    # -- layout --------------------------------------------------------------------------
    def _choices(self, spec: form.FieldSpec) -> list[tuple[str, str]]:
        if spec.key in ("work.goal", "work.experience"):
            catalog = self.pad.planner.catalog("")
            return [(s.title.get(self.t.lang), key) for key, s in catalog.sectors.items()]
        if spec.words == "day":
            return [(self.t.weekday(d, short=True), d) for d in spec.choices]
        if spec.words:
            return self.t.choices(words.CHOICES[spec.words], spec.choices)
        return [(c, c) for c in spec.choices]

    def _widget(self, spec: form.FieldSpec, value: Any) -> Widget:
        wid = spec.widget_id
        if spec.kind == "choice":
            return Select(
                self._choices(spec),
                value=value if value else Select.NULL,
                allow_blank=spec.optional_choice,
                prompt=self.t("tui.field.none"),
                id=wid,
                compact=True,
            )
        if spec.kind == "bool":
            return Checkbox("", bool(value), id=wid, compact=True)
        if spec.kind == "multi":
            return SelectionList[str](
                *[(label, key, key in (value or ())) for label, key in self._choices(spec)],
                id=wid,
                compact=True,
            )
        if spec.kind == "longtext":
            return TextArea(value or "", id=wid, soft_wrap=True)
        placeholder = self.t(HINTS[spec.kind]) if spec.kind in HINTS else ""
        if not spec.required and spec.kind != "pairs" and not placeholder:
            placeholder = self.t("tui.intake.hint.optional")
        return Input(value or "", placeholder=placeholder, id=wid, compact=True)

    def compose(self) -> ComposeResult:
        values = form.blank(self.pad.today)
        yield Header()
        yield Static("", id="intake-banner", classes="error", markup=False)
        with VerticalScroll(id="intake-form"):
            for section in form.SECTIONS:
                yield Label(self.t(words.SECTIONS[section]), classes="section")
                for spec in form.FIELDS:
                    if spec.section != section:
                        continue
                    with Horizontal(classes=f"field field-{spec.kind}", id=f"row-{spec.widget_id}"):
                        yield Label(self.t(words.FIELDS[spec.key]), classes="field-label")
                        yield self._widget(spec, values[spec.key])
                    yield Static(
                        "", id=f"err-{spec.widget_id}", classes="field-error", markup=False
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.t(
            "tui.intake.title" if self.person_id else N_("tui.intake.title.new")
        )
        self.query_one("#intake-banner").display = False
        for spec in form.FIELDS:
            self.query_one(f"#err-{spec.widget_id}").display = False
        if self.person_id:
            self._load(self.person_id)
        else:
            self.saved = None
            self.call_after_refresh(self._start)
        self.query_one(f"#{form.FIELDS[0].widget_id}").focus()

    def _start(self) -> None:
        self._ready = True

    @work(thread=True, exit_on_error=False, exclusive=True, group="intake")
    def _load(self, person_id: str) -> None:
        client = self.pad.store.get_person(person_id)
        self.app.call_from_thread(self._fill, form.from_client(client), form.escaped(client))

    def _fill(self, values: dict[str, Any], escaped: dict[str, str]) -> None:
        self.set_values(values)
        self.saved = values
        self.escaped = escaped
        for key in self.escaped:
            self.show_problem(key, self.t("tui.intake.error.stored"))
        self.query_one("#f-id", Input).disabled = True  # the id of a saved person is fixed
        self.call_after_refresh(self._start)

    # -- values ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The raw values as they are in the form now."""
        out: dict[str, Any] = {}
        for spec in form.FIELDS:
            widget = self.query_one(f"#{spec.widget_id}")
            if isinstance(widget, Select):
                out[spec.key] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                chosen = set(widget.selected)
                order = [key for _, key in self._choices(spec)]
                out[spec.key] = [key for key in order if key in chosen]
            elif isinstance(widget, TextArea):
                out[spec.key] = widget.text
            else:
                out[spec.key] = widget.value  # Input text, Checkbox bool
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for spec in form.FIELDS:
            widget = self.query_one(f"#{spec.widget_id}")
            value = values.get(spec.key)
            if isinstance(widget, Select):
                widget.value = value if value else Select.NULL
            elif isinstance(widget, SelectionList):
                widget.deselect_all()
                for key in value or ():
                    widget.select(key)
            elif isinstance(widget, TextArea):
                widget.text = value or ""
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            else:
                widget.value = value or ""

    def show_problem(self, key: str, message: str | None) -> None:
        spec = form.BY_KEY[key]
        error = self.query_one(f"#err-{spec.widget_id}", Static)
        error.update(f"⚠ {message}" if message else "")
        error.display = bool(message)
        row = self.query_one(f"#row-{spec.widget_id}")
        row.set_class(bool(message), "invalid")
        if message:
            self.problems[key] = message
        else:
            self.problems.pop(key, None)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if not self._ready or not event.input.id:
            return
        key = next((s.key for s in form.FIELDS if s.widget_id == event.input.id), None)
        if key is None:
            return
        if self.escaped.get(key) == event.value:  # still the escaped stored value
            self.show_problem(key, self.t("tui.intake.error.stored"))
            return
        found = form.field_problem(form.BY_KEY[key], event.value)
        self.show_problem(key, self.t(found[0], **found[1]) if found else None)
        self._warned = False

    # -- saving ----------------------------------------------------------------------------
    def check(self) -> form.Outcome:
        values = self.values()
        outcome = form.check(values, self.t)
        unchanged = {
            key: self.t("tui.intake.error.stored")
            for key, shown in self.escaped.items()
            if values.get(key) == shown
        }
        if unchanged:
            problems = {**outcome.problems, **unchanged}
            outcome = form.Outcome(None, problems, outcome.general)
        for spec in form.FIELDS:
            self.show_problem(spec.key, outcome.problems.get(spec.key))
        banner = self.query_one("#intake-banner", Static)
        general = list(outcome.general)
        if outcome.problems:
            general.insert(0, self.t("tui.intake.invalid", count=len(outcome.problems)))
        banner.update("\n".join(f"⚠ {line}" for line in general))
        banner.display = bool(general)
        if outcome.problems:
            first = next(s for s in form.FIELDS if s.key in outcome.problems)
            widget = self.query_one(f"#{first.widget_id}")
            widget.focus()
            self.query_one("#intake-form", VerticalScroll).scroll_to_widget(widget, animate=False)
        return outcome

    def action_save_draft(self) -> None:
        self._save(then_plan=False)

    def action_plan(self) -> None:
        self._save(then_plan=True)

    def _save(self, then_plan: bool) -> None:
        outcome = self.check()
        if outcome.client is None:
            self.say(self.t("tui.intake.invalid", count=max(1, len(outcome.problems))), "error")
            return
        self._store(outcome.client, self.values(), then_plan)

    @work(thread=True, exit_on_error=False, exclusive=True, group="intake-save")
    def _store(self, client, values: dict[str, Any], then_plan: bool) -> None:
        store, author = self.pad.store, self.pad.author
        if self.person_id is None and store.has_person(client.id):
            self.app.call_from_thread(self._refused, client.id, None)
            return
        try:
            if self.person_id is None:
                store.add_person(client, author=author)
            else:
                store.update_person(client, author, self.t("tui.intake.reason.update"))
        except InputError as error:
            self.app.call_from_thread(self._refused, client.id, error)
            return
        self.app.call_from_thread(self._saved, client.id, values, then_plan)

    def _refused(self, person_id: str, error: InputError | None) -> None:
        if error is None:
            self.show_problem("id", self.t("tui.intake.error.exists", id=person_id))
            self.query_one("#f-id").focus()
            self.say(self.t("tui.intake.error.exists", id=person_id), "error")
            return
        for problem in error.problems:
            key = form.field_for(problem.path) or "id"
            self.show_problem(key, problem.say(self.t))
        self.say("\n".join(problem.text(self.t) for problem in error.problems), "error")

    def _saved(self, person_id: str, values: dict[str, Any], then_plan: bool) -> None:
        self.person_id = person_id
        self.saved = values
        self.query_one("#f-id", Input).disabled = True
        self.say(self.t("tui.intake.saved", id=person_id))
        if then_plan:
            self.pad.open_plan(person_id, replace=True)

    @property
    def dirty(self) -> bool:
        current = self.values()
        if self.saved is None:
            return current != form.blank(self.pad.today)
        return current != self.saved

    def action_back(self) -> None:
        if self.dirty and not self._warned:
            self._warned = True
            self.say(self.t("tui.intake.unsaved"), "warning")
            return
        self.app.pop_screen()
