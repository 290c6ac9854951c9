"""The padplanner Textual app: owns the store, the planner, the language and "today".

``run(db, demo)`` is what ``padplanner tui`` calls. Everything a screen needs is on the app
(``store``, ``planner``, ``texts``, ``today``, ``author``); screens live in ``screens/``.
"""

from __future__ import annotations

import gc
import getpass
import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from padplanner.errors import InputError
from padplanner.i18n import N_, resolve_lang, texts
from padplanner.i18n.messages import Texts
from padplanner.tui.settings import Settings

DEMO_PEOPLE = 700
DEMO_SEED = 2025
TERMINAL_GONE = 129  # the exit code of a process ended by SIGHUP (128 + 1)


class PadplannerApp(App[int]):
    """The counsellor's terminal UI."""

    CSS_PATH = "padplanner.tcss"
    TITLE = "padplanner"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "quit", N_("tui.app.quit"), show=False, priority=True, id="app.quit"),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("tui.app.palette"),
            show=False,
            priority=True,
            id="app.palette",
        ),
    ]

    def __init__(
        self,
        store: Any,
        planner: Any = None,
        *,
        today: date | None = None,
        lang: str | None = None,
        author: str | None = None,
        demo: int = 0,
        demo_seed: int = DEMO_SEED,
        settings_path: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self._planner = planner
        self.today = today or date.today()
        self.settings_path = settings_path
        self.settings = Settings.read(settings_path)
        self.texts: Texts = texts(resolve_lang(lang, self.settings.lang))
        self.author = author or _default_author()
        self.demo = demo
        self.demo_seed = demo_seed
        self.export_dir = export_dir or Path.cwd()
        self.said: list[tuple[str, str]] = []  # (severity, text) of every notification
        self.last_error: str | None = None

    # -- services ------------------------------------------------------------------------
    @property
    def planner(self):
        """The planner (national catalogue plus installed plugins), made on first use."""
        if self._planner is None:
            from padplanner.engine.planner import Planner

            self._planner = Planner.default()
        return self._planner

    @property
    def lang(self) -> str:
        return self.texts.lang

    @property
    def t(self) -> Texts:
        """The texts of the UI's language (the same as ``texts``)."""
        return self.texts

    def say(self, text: str, severity: str = "information") -> None:
        """Notify and remember (tests and the help screen read ``said``)."""
        self.said.append((severity, text))
        if severity == "error":
            self.last_error = text
        self.notify(text, severity=severity, markup=False)  # type: ignore[arg-type]

    def _fatal_error(self) -> None:
        """A crash's traceback without local variables, unless ``PADPLANNER_DEBUG=1``.

        Textual prints an unhandled exception with every frame's local variables: a person's
        name, BSN, birth date and notes would reach the terminal and its scrollback. It has no
        switch for this, so this overrides its method with the same steps, locals left out.
        """
        if os.environ.get("PADPLANNER_DEBUG"):
            super()._fatal_error()
            return
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()

    # -- lifecycle -----------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return Screen(id="base")

    def on_mount(self) -> None:
        # Everything made while starting (Textual, the store, catalogues) lives as long as the
        # app: keep it out of the garbage collector's full passes, which otherwise show up as
        # occasional slow key presses in a large caseload.
        self.call_after_refresh(gc.freeze)
        # A terminal that goes away (a closed window, a killed tmux) does not always reach the
        # app as SIGHUP: under `make run` make leads the terminal's session and keeps the
        # signal, and the app would go on reading a dead terminal, at full CPU, for ever.
        self._terminal_fd = _terminal_fd()
        if self._terminal_fd is not None:
            self.set_interval(1.0, self._leave_if_terminal_gone, name="terminal watch")
        self.title = self.heading()
        self.sub_title = self.t("tui.app.subtitle")
        if self.demo:
            from padplanner.tui.screens.loading import LoadingScreen

            self.push_screen(LoadingScreen(self.demo, self.demo_seed))
        else:
            self.show_caseload()

    def _leave_if_terminal_gone(self) -> None:
        """Exit once the terminal is gone (hung up: no longer a terminal)."""
        if self._terminal_fd is not None and not os.isatty(self._terminal_fd):
            self.exit(TERMINAL_GONE)

    def show_caseload(self) -> None:
        from padplanner.tui.screens.caseload import CaseloadScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CaseloadScreen())

    # -- navigation: screens open one another through the app, so none imports another ---
    def open_plan(self, person_id: str, *, replace: bool = False) -> None:
        """The person's plan; ``replace`` swaps it for the current screen (after an intake)."""
        from padplanner.tui.screens.plan import PlanScreen

        if not self.look(person_id, "plan"):
            return
        screen = PlanScreen(person_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_progress(self, person_id: str) -> None:
        from padplanner.tui.screens.progress import ProgressScreen

        if self.look(person_id, "progress"):
            self.push_screen(ProgressScreen(person_id))

    def open_export(self, person_id: str, plan: Any = None) -> None:
        """Export the person's plan: ``plan`` (being edited) or the latest saved one."""
        from padplanner.tui.screens.export import ExportScreen

        if self.look(person_id, "export screen"):
            self.push_screen(ExportScreen(person_id, plan=plan))

    def open_intake(self, person_id: str | None) -> None:
        """The intake form: a new person (``None``) or a correction of one."""
        from padplanner.tui.screens.intake import IntakeScreen

        if person_id is None or self.look(person_id, "intake"):
            self.push_screen(IntakeScreen(person_id))

    def heading(self) -> str:
        """The header's title: padplanner and the mode it runs in (local, one user; or shared,
        as whom), so nobody mistakes a local file for the protected shared database."""
        from padplanner.tui.words import mode_text

        access = getattr(self.store, "access", None)
        title = self.t("tui.app.title")
        if access is None:
            return title
        return self.t("tui.app.heading", title=title, mode=mode_text(self.t, access))

    def look(self, person_id: str, screen: str) -> bool:
        """One row in the access log for each person screen opened (the store's reads
        underneath log nothing): who, when, which person, which screen. A look that cannot
        be logged does not happen: the screen stays closed and the error is shown."""
        try:
            self.store.look(person_id, "open", screen)
        except Exception as exc:
            self.say(exc.text(self.texts) if isinstance(exc, InputError) else str(exc), "error")
            return False
        return True

    # -- palette -------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.texts
        yield SystemCommand(t("tui.cmd.goto.caseload"), "", self.show_caseload)
        yield SystemCommand(t("tui.cmd.goto.rules"), "", self.action_rules)
        yield SystemCommand(t("tui.cmd.goto.cohort"), "", self.action_cohort)
        yield SystemCommand(
            t("tui.app.lang.switch"), t("tui.app.lang.switch.help"), self.switch_lang
        )
        yield SystemCommand(t("tui.app.quit"), "ctrl+q", self.action_quit)

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the UI's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.t("tui.app.palette.search")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_cohort(self) -> None:
        from padplanner.tui.screens.cohort import open_cohort

        open_cohort(self)

    def action_rules(self) -> None:
        from padplanner.tui.screens.rules import RulesScreen

        self.push_screen(RulesScreen())

    def switch_lang(self, lang: str | None = None) -> None:
        """Switch nl ⇄ en, save it as the setting, and rebuild the screens in it."""
        new = lang or ("en" if self.lang == "nl" else "nl")
        self.texts = texts(new)
        self.settings = Settings(lang=new)
        try:
            self.settings.write(self.settings_path)
        except InputError as exc:  # a full disk, a link, an unwritable folder: say so
            self.say(exc.text(self.texts), "warning")
        self.title = self.heading()
        self.show_caseload()
        self.say(self.t("tui.app.lang.switched"))


def _terminal_fd() -> int | None:
    """The file descriptor of the terminal the app reads, or None when it runs without one
    (tests, a pipe)."""
    stdin = sys.__stdin__
    try:
        fd = stdin.fileno() if stdin is not None else -1
    except (OSError, ValueError):
        return None
    return fd if fd >= 0 and os.isatty(fd) else None


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "counsellor")


def run(db: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    """Open the TUI on the database ``db`` (default: the user's); ``demo`` fills an empty one;
    ``lang`` overrides the environment and the saved setting."""
    from padplanner.store import open_store
    from padplanner.tui.settings import default_path

    store = open_store(db)
    fill = DEMO_PEOPLE if demo and store.count_people() == 0 else 0
    app = PadplannerApp(store, demo=fill, lang=lang, settings_path=default_path())
    result = app.run()
    return result or app.return_code or 0
