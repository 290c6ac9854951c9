"""``?``: what this screen is for and every key it knows, in the current language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from padplanner.tui.actions import COMMON


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", show=False, id="help.close")
    ]

    def __init__(self, screen) -> None:
        super().__init__(classes="dialog")
        self.for_screen = screen

    def lines(self) -> list[str]:
        t = self.for_screen.t
        out = [t(self.for_screen.HELP_KEY), "", t("tui.help.keys") + ":"]
        for action in (*self.for_screen.ACTIONS, *COMMON):
            keys = action.key_display or action.keys.replace(",", " / ")
            out.append(f"  {keys:<12} {t(action.text)}")
        out += ["", t("tui.help.global")]
        return out

    def compose(self) -> ComposeResult:
        t = self.for_screen.t
        with VerticalScroll(classes="dialog-body", id="help"):
            yield Label(
                t("tui.help.title", screen=t(self.for_screen.TITLE_KEY)), classes="dialog-title"
            )
            yield Static("\n".join(self.lines()), id="help-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
