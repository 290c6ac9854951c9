"""What every screen shares: translated bindings, the palette's commands, help and back."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingsMap
from textual.screen import Screen

from padplanner.tui.actions import COMMON, Action, bindings
from padplanner.tui.commands import ScreenCommands
from padplanner.tui.i18n import Texts

if TYPE_CHECKING:
    from padplanner.tui.app import PadplannerApp


def localise(bindings_map: BindingsMap, texts: Texts) -> BindingsMap:
    """A copy of ``bindings_map`` whose descriptions (catalogue keys) are translated."""
    keys = {
        key: [
            replace(b, description=texts(b.description)) if texts.has(b.description) else b
            for b in items
        ]
        for key, items in bindings_map.key_to_bindings.items()
    }
    return BindingsMap.from_keys(keys)


class PadScreen(Screen):
    """Base of every padplanner screen (``ACTIONS`` become bindings and palette commands)."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ()
    TITLE_KEY: ClassVar[str] = "app.title"
    HELP_KEY: ClassVar[str] = "help.global"
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

    def on_mount(self) -> None:
        self._bindings = localise(self._bindings, self.t)
        self.title = self.t("app.title")
        self.sub_title = self.t(self.TITLE_KEY)
        self.refresh_bindings()

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
