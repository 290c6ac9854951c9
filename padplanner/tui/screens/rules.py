"""Plugins and rules: the plugins taking part for a municipality, the plugins that failed to
load and why, and every active rule in plain words (``padplanner.rules_report``)."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from padplanner.i18n import N_
from padplanner.i18n.messages import Texts
from padplanner.model.client import is_municipality_code
from padplanner.tui.actions import RULES
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.widgets.cells import row
from padplanner.tui.widgets.footer import Footer


def rules_text(data: dict[str, Any], t: Texts) -> str:
    """The transparency report as plain text: per plugin, each rule with source and inputs."""
    lines: list[str] = []
    for plugin in data["plugins"]:
        serves = ", ".join(plugin["municipalities"]) or t("tui.rules.all")
        lines.append(f"{plugin['name']} {plugin['version']} — {plugin['owner']} ({serves})")
        for rule in plugin["rules"]:
            lines.append(f"  • {rule['id']}: {rule['text']}")
            details = [t("tui.rules.source", source=rule["source"])]
            if rule["inputs"]:
                details.append(t("tui.plan.why.reads", inputs=", ".join(rule["inputs"])))
            details.append(f"hook {rule['hook']}")
            details.append(t("tui.rules.tests", count=len(rule["tests"])))
            lines.append("      " + " · ".join(details))
        lines.append("")
    return "\n".join(lines)


class RulesScreen(PadScreen):
    ACTIONS = RULES
    TITLE_KEY = N_("tui.rules.title")
    HELP_KEY = N_("tui.help.rules")

    def __init__(self, municipality: str | None = None) -> None:
        super().__init__(name="rules")
        self.municipality = municipality
        self.data: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        with Horizontal(classes="field"):
            yield Label(t("tui.rules.municipality"), classes="field-label")
            yield Input(self.municipality or "", id="municipality", compact=True)
        with VerticalScroll(id="rules-scroll"):
            yield Label(t("tui.rules.plugins"), classes="section")
            yield DataTable(id="plugins", cursor_type="row", show_cursor=False)
            yield Label(t("tui.rules.errors"), classes="section")
            yield Static("", id="load-errors", markup=False)
            yield Label(t("tui.rules.title"), classes="section")
            yield Static(t("tui.plan.loading"), id="rules-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#plugins", DataTable)
        t = self.t
        for key, title, width in (
            ("plugin", N_("tui.rules.col.plugin"), 14),
            ("version", N_("tui.rules.col.version"), 8),
            ("serves", N_("tui.rules.col.serves"), 16),
            ("hooks", N_("tui.rules.col.hooks"), 40),
        ):
            table.add_column(t(title), key=key, width=width)
        self.query_one("#rules-scroll").focus()  # keys (?, Esc) work before typing a code
        self.action_reload()

    def action_reload(self) -> None:
        code = self.query_one("#municipality", Input).value.strip().upper()
        if code and not is_municipality_code(code):
            self.say(self.t("tui.rules.bad_code", code=code), "error")
            return
        self._load(code or None)

    @on(Input.Submitted, "#municipality")
    def _submitted(self) -> None:
        self.action_reload()

    @work(thread=True, exit_on_error=False, exclusive=True, group="rules")
    def _load(self, code: str | None) -> None:
        from padplanner.rules_report import report

        app = self.pad
        if code is None:
            known = app.store.municipalities()
            code = known[0] if known else self._default(app)
        data = report(app.planner, code, self.t.lang)
        app.call_from_thread(self._show, code, data)

    def _default(self, app: Any) -> str:
        """The configured or the first served municipality (``engine.served``); a bad
        ``PADPLANNER_MUNICIPALITY`` is said, and the national rules shown."""
        from padplanner.engine.served import NATIONAL_ONLY, default_municipality
        from padplanner.errors import InputError

        try:
            return default_municipality(app.planner.manager)
        except InputError as exc:
            said = "; ".join(p.say(self.t) for p in exc.problems)
            app.call_from_thread(app.say, said, "error")
            return NATIONAL_ONLY

    def _show(self, code: str, data: dict[str, Any]) -> None:
        t = self.t
        self.municipality, self.data = code, data
        field = self.query_one("#municipality", Input)
        if not field.value:
            field.value = code
        table = self.query_one("#plugins", DataTable)
        table.clear()
        for plugin in data["plugins"]:
            table.add_row(
                *row(
                    plugin["name"],
                    plugin["version"],
                    ", ".join(plugin["municipalities"]) or t("tui.rules.all"),
                    ", ".join(h.removeprefix("padplanner_") for h in plugin["hooks"]),
                )
            )
        errors = self.pad.planner.manager.errors
        blocked = {e["plugin"] for e in data["load_errors"]}
        lines = []
        for error in errors:
            lines.append(f"✗ {error.plugin}: {error.message}")
            if error.plugin in blocked:
                lines.append(
                    "    " + t("tui.rules.blocked", municipality=code, plugin=error.plugin)
                )
        self.query_one("#load-errors", Static).update(
            "\n".join(lines) if lines else "✓ " + t("tui.rules.no_errors")
        )
        self.query_one("#rules-text", Static).update(rules_text(data, t))
