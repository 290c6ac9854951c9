"""The footer: Textual's, recomposed only when the keys it shows change.

Textual rebuilds the footer (every key a widget, each restyled) on every bindings signal: a
focus move, a screen suspended or resumed, ``refresh_bindings``. Most of those leave the keys
as they were. Right after the caseload appears there are four such signals, about 20 ms of
CPU each, which a counsellor's first key press had to wait for. Here the signals of one
refresh are folded into one check, and the footer is rebuilt only when a key, its label, its
display or whether it is enabled changed (a new screen, another language, an action that
became allowed).
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _pending = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return  # its screen was closed (or rebuilt in another language) meanwhile
        try:
            keys = self.keys()
        except NoScreen:
            return
        if keys != self._shown:
            self._shown = keys
            await self.recompose()

    def keys(self) -> tuple:
        """What the footer shows, as a comparable value."""
        app = self.app
        shown = [
            (key, binding.action, binding.description, app.get_key_display(binding), enabled, tip)
            for key, (_node, binding, enabled, tip) in self.screen.active_bindings.items()
            if binding.show
        ]
        return (*shown, self.show_command_palette, self.compact)
