"""The footer: Textual's, recomposed only when the keys it shows change.

Textual rebuilds the footer (every key a widget, each restyled) on every bindings signal: a
focus move, a screen suspended or resumed, ``refresh_bindings``. Most of those leave the keys
as they were. Right after the caseload appears there are four such signals, about 20 ms of
CPU each, which a counsellor's first key press had to wait for. Here the signals of one
refresh are folded into one check; the footer is rebuilt only when a key, its label or its
display changed (a new screen, another language), and when only whether keys are enabled
changed (the first edit of a plan allows "undo" and "save") those keys are updated in place.
Footer keys are found by their type name ("FooterKey"; Textual does not export the class).
A key keeps "enabled" in ``_disabled`` and the ``-disabled`` class, and the footer composes
only once ``_bindings_ready`` is set: two private names of Textual's footer, held by the
runtime range ``textual>=8.2,<9`` and checked by ``tests/tui/test_app.py`` and
``tests/tui/test_plan_screen.py`` against the version pinned in ``constraints/test.txt``.
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
            self._pending = self.call_after_refresh(self._refresh_keys)  # False if closing

    async def _refresh_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return  # its screen was closed (or rebuilt in another language) meanwhile
        try:
            keys = self.keys()
        except NoScreen:
            return
        if keys == self._shown:
            return
        before, self._shown = self._shown, keys
        if before is None or not self._enable_in_place(before, keys):
            await self.recompose()

    def _enable_in_place(self, before: tuple, after: tuple) -> bool:
        """When only whether keys are enabled changed (an edit makes "undo" and "save"
        allowed), update those keys instead of rebuilding the footer; False if more changed."""
        if len(before) != len(after) or before[-2:] != after[-2:]:
            return False
        changed = []
        for old, new in zip(before[:-2], after[:-2], strict=True):
            if old[:4] != new[:4]:
                return False  # another key, label or display: rebuild
            if old[4:] != new[4:]:
                changed.append(new)
        shown = {(key.key, key.action): key for key in self.query("FooterKey")}
        for key, action, _label, _display, enabled, tip in changed:
            widget = shown.get((key, action))
            if widget is None:
                continue  # a second key of an action: not shown
            widget._disabled = not enabled  # what FooterKey reads when clicked
            widget.set_class(not enabled, "-disabled")
            widget.tooltip = tip or None
        return True

    def keys(self) -> tuple:
        """What the footer shows, as a comparable value."""
        app = self.app
        shown = [
            (key, binding.action, binding.description, app.get_key_display(binding), enabled, tip)
            for key, (_node, binding, enabled, tip) in self.screen.active_bindings.items()
            if binding.show
        ]
        return (*shown, self.show_command_palette, self.compact)
