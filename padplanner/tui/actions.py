"""Named actions, kept apart from keys: each screen's bindings are built from these lists.

A binding's description is a catalogue key (translated when the screen mounts) and its id is
``<screen>.<action>``, so keys can be remapped with Textual's keymap and the palette can
offer exactly the actions of the current screen.
"""

from __future__ import annotations

import attrs
from textual.binding import Binding

from padplanner.i18n import N_


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
    Action("app.help", "question_mark,f1", "help", N_("tui.app.help"), show=True, key_display="?"),
    Action("app.back", "escape", "back", N_("tui.app.back"), show=True, key_display="esc"),
)

CASELOAD = (
    Action("caseload.open", "enter", "open", N_("tui.binding.open"), show=False),
    Action("caseload.new", "n", "new", N_("tui.binding.new")),
    Action("caseload.intake", "i", "intake", N_("tui.binding.edit_intake")),
    Action("caseload.search", "slash", "search", N_("tui.binding.search"), key_display="/"),
    Action("caseload.sort", "s", "sort", N_("tui.binding.sort")),
    Action("caseload.reverse", "S", "reverse", N_("tui.caseload.descending"), show=False),
    Action(
        "caseload.next_page",
        "right_square_bracket,pagedown",
        "next_page",
        N_("tui.binding.next_page"),
        key_display="]",
    ),
    Action(
        "caseload.prev_page",
        "left_square_bracket,pageup",
        "prev_page",
        N_("tui.binding.prev_page"),
        key_display="[",
        show=False,
    ),
    Action("caseload.clear", "c", "clear_filters", N_("tui.binding.clear_filters"), show=False),
    Action("caseload.progress", "g", "progress", N_("tui.binding.progress")),
    Action("caseload.export", "x", "export", N_("tui.binding.export"), show=False),
    Action("caseload.rules", "r", "rules", N_("tui.binding.rules")),
    Action("caseload.agenda", "w", "agenda", N_("tui.binding.agenda"), show=False),
)

INTAKE = (
    Action("intake.save", "ctrl+s", "save_draft", N_("tui.binding.save_draft")),
    Action("intake.plan", "ctrl+r", "plan", N_("tui.binding.plan_now")),
)

PLAN = (
    Action("plan.why", "w", "why", N_("tui.binding.why")),
    Action("plan.hours", "u", "hours", N_("tui.binding.hours")),
    Action("plan.days", "d", "days", N_("tui.binding.days")),
    Action("plan.pin", "v", "pin", N_("tui.binding.pin")),
    Action("plan.remove", "delete,minus", "remove", N_("tui.binding.remove"), key_display="-"),
    Action("plan.add", "a,plus", "add", N_("tui.binding.add")),
    Action("plan.sector", "b", "sector", N_("tui.binding.sector")),
    Action("plan.route", "o", "route", N_("tui.binding.route")),
    Action("plan.undo", "z", "undo", N_("tui.binding.undo")),
    Action("plan.save", "ctrl+s", "save", N_("tui.binding.save")),
    Action("plan.compare", "c", "compare", N_("tui.binding.compare"), show=False),
    Action("plan.zoom", "t", "zoom", N_("tui.binding.zoom"), show=False),
    Action("plan.progress", "g", "progress", N_("tui.binding.progress"), show=False),
    Action("plan.export", "x", "export", N_("tui.binding.export"), show=False),
)

PROGRESS = (
    Action("progress.record", "ctrl+s", "record", N_("tui.binding.record")),
    Action("progress.replan", "ctrl+r", "replan", N_("tui.binding.replan")),
    Action("progress.plan", "ctrl+o", "plan", N_("tui.binding.plan")),
)

EXPORT = (Action("export.write", "ctrl+s", "write", N_("tui.binding.write")),)

AGENDA = (
    Action("agenda.open", "enter", "open", N_("tui.binding.open")),
    Action(
        "agenda.next",
        "right_square_bracket",
        "next_week",
        N_("tui.binding.next_week"),
        key_display="]",
    ),
    Action(
        "agenda.prev",
        "left_square_bracket",
        "prev_week",
        N_("tui.binding.prev_week"),
        key_display="[",
    ),
)
RULES = (Action("rules.reload", "ctrl+r", "reload", N_("tui.binding.reload")),)
