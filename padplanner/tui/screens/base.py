"""What every screen shares: translated bindings, the palette's commands, help and back."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.tui.actions import COMMON, Action, bindings
from padplanner.tui.commands import ScreenCommands

if TYPE_CHECKING:
    from padplanner.tui.app import PadplannerApp


def localise(binding: Binding, *texts: Texts) -> Binding:
    """``binding`` with its description (a catalogue key) in the reader's language: from the
    first of ``texts`` that knows the key; unchanged when none does."""
    for catalogue in texts:
        if catalogue.has(binding.description):
            return replace(binding, description=catalogue(binding.description))
    return binding


class PadScreen(Screen):
    """Base of every padplanner screen (``ACTIONS`` become bindings and palette commands)."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ()
    TITLE_KEY: ClassVar[str] = N_("tui.app.title")
    HELP_KEY: ClassVar[str] = N_("tui.help.global")
    COMMANDS: ClassVar[set] = {ScreenCommands}
    BINDINGS = bindings(COMMON)

    def __init_subclass__(cls, **kwargs) -> None:
        cls.BINDINGS = bindings(cls.ACTIONS)
        super().__init_subclass__(**kwargs)

    @property
    def pad(self) -> PadplannerApp:
        return self.app  # type: ignore[return-value]

    @property
    def t(self) -> Texts:
        return self.pad.texts

    @property
    def binding_texts(self) -> tuple[Texts, ...]:
        """The texts the descriptions of this screen's keys are looked up in, in order."""
        return (self.t,)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings (the screen's and the app's), each description translated.

        Bindings are declared once with catalogue keys as descriptions; everything that shows
        keys (the footer, the help) reads them here, in the language of the moment, so a
        language switch needs no rebuilt bindings."""
        texts = self.binding_texts
        return {
            key: ActiveBinding(node, localise(binding, *texts), enabled, tooltip)
            for key, (node, binding, enabled, tooltip) in super().active_bindings.items()
        }

    def on_mount(self) -> None:
        self.title = self.pad.heading()
        self.sub_title = self.t(self.TITLE_KEY)

    def palette(self) -> list[tuple[str, str, object]]:
        """(title, help, callback) for the palette: this screen's actions that are allowed."""
        out = []
        for action in (*self.ACTIONS, *COMMON):
            if not action.palette or not self.check_action(action.action, ()):
                continue
            keys = action.key_display or action.keys.split(",")[0]
            out.append((self.t(action.text), keys, partial(self.run_action, action.action)))
        return out

    def action_help(self) -> None:
        from padplanner.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def say(self, text: str, severity: str = "information") -> None:
        self.pad.say(text, severity)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background task that failed unexpectedly (the screens' workers do not end the
        app on an error): say what failed, without a traceback, and keep the app going."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.say(
                self.t("tui.app.error.internal", error=f"{type(error).__name__}: {error}"), "error"
            )
