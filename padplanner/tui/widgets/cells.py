"""Table cells as plain text: a name, a note or a title is shown as written.

A ``str`` in a DataTable cell is read as Rich markup, so ``[b]`` would vanish from a name and
an unmatched ``[/x]`` in a note would stop the screen with a markup error. Cells go through
:func:`plain` instead; a :class:`~rich.text.Text` with its own style passes unchanged.
"""

from __future__ import annotations

from rich.text import Text


def plain(value: object) -> Text:
    """``value`` as one line of unstyled text (a ``Text`` is kept as it is)."""
    if isinstance(value, Text):
        return value
    return Text(str(value), no_wrap=True, end="")


def row(*values: object) -> list[Text]:
    """A table row of plain cells."""
    return [plain(v) for v in values]
