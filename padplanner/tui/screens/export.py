"""Export one person's plan: the personal plan document or the calendar, to a chosen file.

Formats are whatever ``padplanner.export.FORMATS`` offers (md, html, pdf, ics when the
documents issue provides them). Rendering and writing run in a worker; an existing file is
only overwritten when asked twice.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static

from padplanner.files import write_file
from padplanner.i18n import N_
from padplanner.limits import printable
from padplanner.store.events import discussion
from padplanner.tui import words
from padplanner.tui.actions import EXPORT
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.footer import Footer
from padplanner.tui.words import route_name

PREFERRED = ("md", "html", "pdf", "ics", "text", "json")
EXTENSIONS = {"text": "txt", "json": "json", "md": "md", "html": "html", "pdf": "pdf", "ics": "ics"}
PREVIEW_LINES = 60
AUDIENCES = ("formal", "person")  # the PIP, or the A2 summary for the person


def formats() -> list[str]:
    from padplanner.export import FORMATS

    known = [f for f in PREFERRED if f in FORMATS]
    return known + sorted(f for f in FORMATS if f not in known)


class ExportScreen(PadScreen):
    ACTIONS = EXPORT
    TITLE_KEY = N_("tui.export.title")
    HELP_KEY = N_("tui.help.export")

    def __init__(self, person_id: str, plan=None) -> None:
        super().__init__(name="export")
        self.person_id = person_id
        self.plan = plan
        self.client = None
        self.discussion = None  # how the saved plan was discussed with the person
        self._confirm: Path | None = None
        self.written: Path | None = None

    def default_path(self, fmt: str) -> Path:
        return self.pad.export_dir / f"{self.person_id}-plan.{EXTENSIONS.get(fmt, fmt)}"

    def compose(self) -> ComposeResult:
        t = self.t
        available = formats()
        first = available[0]
        yield Header()
        yield Static("", id="export-summary", markup=False)
        with Horizontal(classes="field"):
            yield Label(t("tui.export.format"), classes="field-label")
            yield Select(
                t.choices(words.FORMATS, available),
                value=first,
                allow_blank=False,
                id="format",
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label(t("tui.export.audience"), classes="field-label")
            yield Select(
                t.choices(words.AUDIENCES, AUDIENCES),
                value=AUDIENCES[0],
                allow_blank=False,
                id="audience",
                compact=True,
            )
        with Horizontal(classes="field"):
            yield Label(t("tui.export.path"), classes="field-label")
            yield Input(str(self.default_path(first)), id="path", compact=True)
        yield Static("", id="export-error", classes="error", markup=False)
        with VerticalScroll(id="preview-scroll"):
            yield Static("", id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        self._load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="export-load")
    def _load(self) -> None:
        store = self.pad.store
        client = store.get_person(self.person_id)
        plan = self.plan
        if plan is None:  # the saved plan: with how it was discussed, when that is recorded
            latest = store.latest_plan(self.person_id)
            plan = latest[1] if latest else None
            if latest is not None:
                recorded = [r.event for r in store.events(self.person_id)]
                self.discussion = discussion(recorded, latest[0], plan.reference_date)
        self.app.call_from_thread(self._loaded, client, plan)

    def _loaded(self, client, plan) -> None:
        self.client, self.plan = client, plan
        if plan is None:
            self._error(self.t("tui.export.no_plan"))
            return
        self.query_one("#export-summary", Static).update(
            f"{printable(client.name or client.id)} · {route_name(self.t, plan.route.id)}"
            f" · {self.t.date(plan.completion_date)}"
        )
        self._preview(self.fmt, self.audience)

    @property
    def fmt(self) -> str:
        return str(self.query_one("#format", Select).value)

    def _error(self, message: str | None) -> None:
        error = self.query_one("#export-error", Static)
        error.update(f"⚠ {message}" if message else "")
        error.display = bool(message)

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        for fmt in EXTENSIONS:
            if path.value == str(self.default_path(fmt)):
                path.value = str(self.default_path(str(event.value)))
                break
        if self.plan is not None:
            self._preview(str(event.value), self.audience)

    @on(Select.Changed, "#audience")
    def _audience_changed(self, event: Select.Changed) -> None:
        if self.plan is not None:
            self._preview(self.fmt, str(event.value))

    @property
    def audience(self) -> str:
        return str(self.query_one("#audience", Select).value)

    def render_plan(self, fmt: str, audience: str) -> str | bytes:
        from padplanner.export import render

        catalog = self.pad.planner.catalog(self.plan.municipality)
        return render(
            self.plan,
            fmt,
            client=self.client,
            catalog=catalog,
            lang=self.t.lang,
            audience=audience,
            today=self.pad.today,
            discussion=self.discussion,
        )

    @work(thread=True, exit_on_error=False, exclusive=True, group="export-preview")
    def _preview(self, fmt: str, audience: str) -> None:
        if fmt == "pdf":
            text = ""
        else:
            try:
                output = self.render_plan(fmt, audience)
            except Exception as exc:  # a renderer bug must not take the app down
                text = self.t("tui.export.failed", error=exc)
            else:
                text = output if isinstance(output, str) else ""
        lines = text.splitlines()[:PREVIEW_LINES]
        self.app.call_from_thread(self.query_one("#preview", Static).update, "\n".join(lines))

    def action_write(self) -> None:
        if self.plan is None:
            self.say(self.t("tui.export.no_plan"), "warning")
            return
        path = Path(self.query_one("#path", Input).value.strip()).expanduser()
        if self.app.is_web:  # in a browser: a download, nothing on the server's disk
            self._deliver(self.fmt, self.audience, path.name)
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            self.say(self.t("tui.export.exists", path=path), "warning")
            return
        self._confirm = None
        self._write(self.fmt, self.audience, path)

    @work(thread=True, exit_on_error=False, exclusive=True, group="export-write")
    def _write(self, fmt: str, audience: str, path: Path) -> None:
        app = self.pad
        try:
            output = self.render_plan(fmt, audience)
            write_file(path, output, make_folder=True)
            app.store.look(self.person_id, "document", f"{fmt} ({audience}) from the TUI")
        except Exception as exc:  # disk full, no permission, a renderer error: say so
            app.call_from_thread(self._failed, self._words(exc))
            return
        app.call_from_thread(self._written, path)

    @work(thread=True, exit_on_error=False, exclusive=True, group="export-write")
    def _deliver(self, fmt: str, audience: str, name: str) -> None:
        """The document as a browser download (``padplanner serve``); logged once handed
        over."""
        app = self.pad
        try:
            output = self.render_plan(fmt, audience)
            app.call_from_thread(_hand_over, app, output, name)
            app.store.look(self.person_id, "document", f"{fmt} ({audience}) downloaded")
        except Exception as exc:
            app.call_from_thread(self._failed, self._words(exc))
            return
        app.call_from_thread(self.say, self.t("tui.export.downloaded", name=name))

    def _words(self, exc: Exception) -> str:
        """Bad input (a file that may not be written) and a plugin's fault in the TUI's
        language; anything else as it is."""
        from padplanner.errors import InputError, PlanningError

        return exc.text(self.t) if isinstance(exc, InputError | PlanningError) else str(exc)

    def _failed(self, error: str) -> None:
        message = self.t("tui.export.failed", error=error)
        self._error(message)
        self.say(message, "error")

    def _written(self, path: Path) -> None:
        self.written = path
        self._error(None)
        self.say(self.t("tui.export.written", path=path, size=path.stat().st_size))


def _hand_over(app, output: str | bytes, name: str) -> None:
    import io

    if isinstance(output, bytes):
        app.deliver_binary(io.BytesIO(output), save_filename=name)
    else:
        app.deliver_text(io.StringIO(output), save_filename=name)
