"""Small modal dialogs; each returns its answer through ``dismiss`` (``None`` when cancelled).

- :class:`ValueDialog`: one value (parsed and checked at once), optionally with a reason.
- :class:`ChoiceDialog`: one option from a list, optionally with a reason.
- :class:`DaysDialog`: the days of the week someone is available.
- :class:`MessageDialog`: a message with buttons (conflicts, planning errors).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from padplanner.i18n.messages import Texts
from padplanner.model.client import DAYS


class Dialog(ModalScreen[Any]):
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel", show=False, id="dialog.cancel")
    ]

    ask_reason = False  # set by the dialogs that can ask for a reason

    def __init__(self, texts: Texts, title: str) -> None:
        super().__init__(classes="dialog")
        self.t = texts
        self.heading = title

    def action_cancel(self) -> None:
        self.dismiss(None)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(self.t("tui.dialog.ok"), variant="primary", id="ok")
            yield Button(self.t("tui.dialog.cancel"), id="cancel")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#ok")
    def _ok_pressed(self) -> None:
        self.submit()

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def answer(self, value: Any) -> None:
        """Dismiss with ``value``; when a reason is asked, with ``(value, reason)`` once given."""
        if not self.ask_reason:
            self.dismiss(value)
            return
        reason = self.reason_value()
        if reason is not None:
            self.dismiss((value, reason))

    def reason_value(self) -> str | None:
        """The reason typed, or None (and a message at the field) when it is required and empty."""
        field = self.query_one("#reason", Input)
        reason = field.value.strip()
        if not reason:
            self.query_one("#reason-error", Static).update(self.t("tui.dialog.reason.missing"))
            field.focus()
            return None
        return reason

    def reason_fields(self, label: str | None = None) -> ComposeResult:
        yield Label(label or self.t("tui.dialog.reason"), markup=False)
        yield Input(id="reason", placeholder=self.t("tui.dialog.reason.placeholder"))
        yield Static("", id="reason-error", classes="error", markup=False)


class ValueDialog(Dialog):
    """Ask for one value; ``parse`` turns the text into the value or raises ``ValueError``."""

    def __init__(
        self,
        texts: Texts,
        title: str,
        initial: str,
        parse: Callable[[str], Any],
        *,
        help_text: str = "",
        reason: bool = False,
    ) -> None:
        super().__init__(texts, title)
        self.initial = initial
        self.parse = parse
        self.help_text = help_text
        self.ask_reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            if self.help_text:
                yield Static(self.help_text, classes="hint", markup=False)
            yield Input(self.initial, id="value")
            yield Static("", id="value-error", classes="error", markup=False)
            if self.ask_reason:
                yield from self.reason_fields()
            yield from self.buttons()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "value" and self.ask_reason:
            self.query_one("#reason", Input).focus()
        else:
            self.submit()

    def submit(self) -> None:
        text = self.query_one("#value", Input).value
        try:
            value = self.parse(text)
        except ValueError as exc:
            self.query_one("#value-error", Static).update(
                self.t("tui.dialog.value.invalid", error=exc)
            )
            self.query_one("#value", Input).focus()
            return
        self.answer(value)


class ChoiceDialog(Dialog):
    """Choose one of ``options`` (label, value); with ``reason`` the answer is (value, reason)."""

    def __init__(
        self,
        texts: Texts,
        title: str,
        options: Sequence[tuple[str, str]],
        *,
        initial: str | None = None,
        reason: bool = False,
        reason_label: str | None = None,
    ) -> None:
        super().__init__(texts, title)
        self.options = list(options)
        self.initial = initial
        self.ask_reason = reason
        self.reason_label = reason_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield OptionList(
                *[Option(label, id=value) for label, value in self.options], id="choices"
            )
            if self.ask_reason:
                yield from self.reason_fields(self.reason_label)
            yield from self.buttons()

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        values = [value for _, value in self.options]
        if self.initial in values:
            choices.highlighted = values.index(self.initial)
        elif values:
            choices.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        if self.ask_reason:
            self.query_one("#reason", Input).focus()
        else:
            self.submit()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.submit()

    def submit(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            return
        value = self.options[choices.highlighted][1]
        self.answer(value)


class DaysDialog(Dialog):
    """Pick the available days (at least one)."""

    def __init__(self, texts: Texts, title: str, days: Sequence[str]) -> None:
        super().__init__(texts, title)
        self.days = set(days)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield SelectionList[str](
                *[(self.t.weekday(d, short=True), d, d in self.days) for d in DAYS], id="days"
            )
            yield Static("", id="days-error", classes="error", markup=False)
            yield from self.buttons()

    def submit(self) -> None:
        chosen = self.query_one("#days", SelectionList).selected
        days = tuple(d for d in DAYS if d in chosen)
        if not days:
            self.query_one("#days-error", Static).update(self.t("tui.dialog.days.none"))
            return
        self.dismiss(days)


class MessageDialog(Dialog):
    """A message and a row of buttons; dismisses with the value of the button pressed."""

    def __init__(
        self, texts: Texts, title: str, text: str, buttons: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(texts, title)
        self.text = text
        self.choices = list(buttons)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            yield Static(self.text, id="message", markup=False)
            with Horizontal(classes="buttons"):
                for index, (label, value) in enumerate(self.choices):
                    yield Button(
                        label, id=f"choice-{value}", variant="primary" if index == 0 else "default"
                    )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        self.dismiss(button_id.removeprefix("choice-") or None)
