"""``padplanner tui --demo`` on an empty database: fill it with synthetic people in a worker.

``fill_demo`` is one bulk transaction without a progress callback, so the bar is
indeterminate and the elapsed seconds tick; then the caseload opens.
"""

from __future__ import annotations

import time

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Header, Label, ProgressBar, Static

from padplanner.i18n import N_
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.footer import Footer


class LoadingScreen(PadScreen):
    TITLE_KEY = N_("tui.loading.title")

    def __init__(self, people: int, seed: int) -> None:
        super().__init__(name="loading")
        self.people = people
        self.seed = seed
        self.started = 0.0
        self.added: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Label(self.t("tui.loading.title"), classes="dialog-title")
            yield ProgressBar(total=None, show_eta=False, id="fill-progress")
            yield Static(self._text(), id="fill-text", markup=False)
        yield Footer()

    def _text(self) -> str:
        return self.t(
            "tui.loading.text", total=self.people, elapsed=time.monotonic() - self.started
        )

    def on_mount(self) -> None:
        self.started = time.monotonic()
        self.set_interval(0.25, self._tick)
        self._fill()

    def _tick(self) -> None:
        self.query_one("#fill-text", Static).update(self._text())

    @work(thread=True, exclusive=True, group="demo")
    def _fill(self) -> None:
        from padplanner.store.demo_fill import fill_demo

        app = self.pad
        try:
            added = fill_demo(
                app.store,
                self.people,
                self.seed,
                today=app.today,
                planner=app.planner,
                lang=self.t.lang,
            )
        except Exception as exc:  # the caseload still opens; the reason is shown
            app.call_from_thread(app.say, self.t("tui.loading.failed", error=exc), "error")
            added = 0
        app.call_from_thread(self._done, added)

    def _done(self, added: int) -> None:
        self.added = added
        self.pad.show_caseload()
