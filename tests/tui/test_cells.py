"""Table cells are plain text: what a person or a counsellor typed is shown as typed."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from padplanner.tui.widgets.cells import plain, row


def drawn(text: Text) -> str:
    console = Console(width=60, color_system=None)
    with console.capture() as capture:
        console.print(text)
    return capture.get().rstrip("\n")


def test_brackets_stay_text():
    for value in ("[/b] note", "[bold]x[/bold]", "a [link=http://x]b", "50% [of] €1,000"):
        assert drawn(plain(value)) == value


def test_values_become_one_line_and_styled_text_is_kept():
    styled = Text("ACHTER", style="bold red")
    cells = row(3, 1.5, None, styled)
    assert [c.plain for c in cells] == ["3", "1.5", "None", "ACHTER"]
    assert cells[-1] is styled and all(c.no_wrap for c in cells[:3])
