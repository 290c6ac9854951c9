"""The command palette offers what fits the current screen: that screen's named actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenCommands(Provider):
    """Commands of the screen the palette was opened from (see ``PadScreen.palette``)."""

    def _commands(self) -> list[tuple[str, str, object]]:
        palette = getattr(self.screen, "palette", None)
        return palette() if palette is not None else []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)  # type: ignore[arg-type]


def run_action(screen, action: str) -> object:
    """A palette callback that runs ``action`` on ``screen`` as if its key was pressed."""
    return partial(screen.run_action, action)
