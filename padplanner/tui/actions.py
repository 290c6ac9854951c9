"""Named actions, kept apart from keys: each screen's bindings are built from these lists.

A binding's description is a catalogue key (translated when the screen mounts) and its id is
``<screen>.<action>``, so keys can be remapped with Textual's keymap and the palette can
offer exactly the actions of the current screen.
"""

from __future__ import annotations

import attrs
from textual.binding import Binding


@attrs.frozen
class Action:
    id: str  # "<screen>.<name>"
    keys: str  # Textual key string, comma-separated for several keys
    action: str  # the action method, without "action_"
    text: str  # catalogue key of the description
    show: bool = True  # shown in the footer
    key_display: str | None = None
    palette: bool = True  # offered in the command palette

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.text,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
        )


def bindings(actions: tuple[Action, ...]) -> list[Binding]:
    return [action.binding() for action in actions]


COMMON = (
    Action("app.help", "question_mark,f1", "help", "app.help", show=True, key_display="?"),
    Action("app.back", "escape", "back", "app.back", show=True, key_display="esc"),
)

CASELOAD = (
    Action("caseload.open", "enter", "open", "binding.open", show=False),
    Action("caseload.new", "n", "new", "binding.new"),
    Action("caseload.intake", "i", "intake", "binding.edit_intake"),
    Action("caseload.search", "slash", "search", "binding.search", key_display="/"),
    Action("caseload.sort", "s", "sort", "binding.sort"),
    Action("caseload.reverse", "S", "reverse", "caseload.descending", show=False),
    Action(
        "caseload.next_page",
        "right_square_bracket,pagedown",
        "next_page",
        "binding.next_page",
        key_display="]",
    ),
    Action(
        "caseload.prev_page",
        "left_square_bracket,pageup",
        "prev_page",
        "binding.prev_page",
        key_display="[",
        show=False,
    ),
    Action("caseload.clear", "c", "clear_filters", "binding.clear_filters", show=False),
    Action("caseload.progress", "g", "progress", "binding.progress"),
    Action("caseload.export", "x", "export", "binding.export", show=False),
    Action("caseload.rules", "r", "rules", "binding.rules"),
)

INTAKE = (
    Action("intake.save", "ctrl+s", "save_draft", "binding.save_draft"),
    Action("intake.plan", "ctrl+r", "plan", "binding.plan_now"),
)

PLAN = (
    Action("plan.why", "w", "why", "binding.why"),
    Action("plan.hours", "u", "hours", "binding.hours"),
    Action("plan.days", "d", "days", "binding.days"),
    Action("plan.pin", "v", "pin", "binding.pin"),
    Action("plan.remove", "delete,minus", "remove", "binding.remove", key_display="-"),
    Action("plan.add", "a,plus", "add", "binding.add"),
    Action("plan.sector", "b", "sector", "binding.sector"),
    Action("plan.route", "o", "route", "binding.route"),
    Action("plan.undo", "z", "undo", "binding.undo"),
    Action("plan.save", "ctrl+s", "save", "binding.save"),
    Action("plan.compare", "c", "compare", "binding.compare", show=False),
    Action("plan.zoom", "t", "zoom", "binding.zoom", show=False),
    Action("plan.progress", "g", "progress", "binding.progress", show=False),
    Action("plan.export", "x", "export", "binding.export", show=False),
)

PROGRESS = (
    Action("progress.record", "ctrl+s", "record", "binding.record"),
    Action("progress.replan", "ctrl+r", "replan", "binding.replan"),
    Action("progress.plan", "ctrl+o", "plan", "binding.plan"),
)

EXPORT = (Action("export.write", "ctrl+s", "write", "binding.write"),)

RULES = (Action("rules.reload", "ctrl+r", "reload", "binding.reload"),)
