"""The plan of one person: route and reasons, timeline, activities with "why?", findings,
edits that replan at once, and a comparison with the saved revision.

Loading (store reads and the first plan) runs in a worker. Edits replan on the spot: a plan
takes milliseconds. A plugin failure (``PlanningError``) or a save conflict (``StaleRevision``)
is shown in a dialog; the edits made so far are kept.
"""

from __future__ import annotations

import attrs
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import (
    DataTable,
    Header,
    Static,
    TabbedContent,
    TabPane,
)

from padplanner.engine.adjust import Adjustments
from padplanner.export.context import DocContext
from padplanner.export.plain import activity_why, finding_words
from padplanner.i18n import N_
from padplanner.limits import printable
from padplanner.model import Finding, Plan
from padplanner.tui import words
from padplanner.tui.actions import PLAN, Action
from padplanner.tui.planning import PlanSession, compare
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.screens.dialogs import MessageDialog
from padplanner.tui.screens.plan_edits import PlanEdits, error_words
from padplanner.tui.screens.plan_saving import PlanSaving
from padplanner.tui.widgets import plan_text
from padplanner.tui.widgets.cells import row
from padplanner.tui.widgets.footer import Footer
from padplanner.tui.widgets.timeline import Timeline
from padplanner.tui.words import route_name

TABS = ("timeline", "activities", "route", "findings", "compare")


class PlanScreen(PlanEdits, PlanSaving, PadScreen):
    ACTIONS = (
        *PLAN,
        *(
            Action(f"plan.tab.{name}", str(i + 1), f"tab('{name}')", words.TABS[name], False)
            for i, name in enumerate(TABS)
        ),
    )
    TITLE_KEY = N_("tui.plan.title")
    HELP_KEY = N_("tui.help.plan")

    def __init__(self, person_id: str) -> None:
        super().__init__(name="plan")
        self.person_id = person_id
        self.session: PlanSession | None = None
        self.error: str | None = None
        self.route_before = None  # the client's route choice when loaded
        self.busy = False  # an edit is being planned, or the plan saved
        self._footer_state: tuple[bool, bool] | None = None

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        yield Static(t("tui.plan.loading"), id="summary", markup=False)
        yield Static("", id="stopped", classes="error", markup=False)
        with TabbedContent(id="tabs", initial="tab-timeline"):
            with (
                TabPane(t("tui.plan.tab.timeline"), id="tab-timeline"),
                VerticalScroll(id="timeline-scroll"),
            ):
                yield Timeline(t, self.pad.today, id="timeline")
            with TabPane(t("tui.plan.tab.activities"), id="tab-activities"), Vertical():
                yield DataTable(id="activities", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="why-scroll"):
                    yield Static(t("tui.plan.why.hint"), id="why", markup=False)
            with TabPane(t("tui.plan.tab.route"), id="tab-route"), VerticalScroll():
                yield Static("", id="route", markup=False)
            with TabPane(t("tui.plan.tab.findings"), id="tab-findings"), VerticalScroll():
                yield Static("", id="findings", markup=False)
            with TabPane(t("tui.plan.tab.compare"), id="tab-compare"), VerticalScroll():
                yield Static("", id="compare", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stopped").display = False
        table = self.query_one("#activities", DataTable)
        t = self.t
        for key, title, width in (
            ("start", N_("tui.plan.col.start"), 10),
            ("end", N_("tui.plan.col.end"), 10),
            ("weeks", N_("tui.plan.col.weeks"), 3),
            ("hpw", N_("tui.plan.col.hpw"), 3),
            ("hours", N_("tui.plan.col.hours"), 15),
            ("activity", N_("tui.plan.col.activity"), 34),
            ("flags", "", 5),  # pinned and the like: no heading
        ):
            table.add_column(t(title) if title else "", key=key, width=width)
        self._load()

    # -- loading ---------------------------------------------------------------------------
    @work(thread=True, exit_on_error=False, exclusive=True, group="plan-load")
    def _load(self, keep: Adjustments | None = None, keep_route=None) -> None:
        """Read the person and the latest revision; with ``keep``, reapply edits on top.

        A person whose plan cannot be made (a plugin, bad data, an engine fault) opens with
        the error shown, never ends the app.
        """
        app = self.pad
        try:
            session, route_before = self._session(keep, keep_route)
        except Exception as exc:  # an unreadable record: say so and keep the app
            app.call_from_thread(self.stopped, error_words(exc, self.t))
            return
        error = None
        if session.plan is None:
            try:
                session.replan()
            except Exception as exc:
                error = error_words(exc, self.t)
        app.call_from_thread(self._loaded, session, error, route_before)

    def _session(self, keep: Adjustments | None, keep_route) -> tuple[PlanSession, object]:
        """The session of the person's latest revision (its plan not yet made when edits are
        reapplied). The saved plan is shown as it is; edits replan the person as of today
        (with the progress recorded so far). Pins of a plan made on another date are dropped:
        their week numbers count from that plan's first week."""
        store, app = self.pad.store, self.pad
        intake = store.get_person(self.person_id)
        at = max(app.today, intake.term_start)
        client = store.current_client(self.person_id, at=at)
        loaded_route = client.route
        latest = store.latest_plan(self.person_id)
        base, previous, saved = 0, None, Adjustments()
        if latest is not None:
            base, previous = latest
            saved = Adjustments.from_dict(store.revision(self.person_id, base).adjustments)
            if previous.reference_date != at:
                saved = attrs.evolve(saved, pins={})
        if keep_route is not None:
            client = attrs.evolve(client, route=keep_route)
        session = PlanSession(
            app.planner,
            client,
            app.today,
            adjust=keep if keep is not None else saved,
            base_revision=base,
            previous=previous,
            reference=at,
            saved_adjust=saved,
        )
        if previous is not None and keep is None and keep_route is None:
            session.plan = previous
        return session, loaded_route

    def _loaded(self, session: PlanSession, error: str | None, route_before) -> None:
        self.session = session
        self.route_before = route_before
        if error:
            self.stopped(error)
        else:
            self.refresh_plan()

    def stopped(self, error: str) -> None:
        """Planning failed (a plugin, bad data): say so on screen and in a dialog; keep going."""
        self.error = error
        banner = self.query_one("#stopped", Static)
        banner.update("⚠ " + self.t("tui.plan.stopped", error=error))
        banner.display = True
        self.say(self.t("tui.plan.stopped", error=error), "error")
        self.app.push_screen(
            MessageDialog(
                self.t, self.t("tui.dialog.error.title"), error, [(self.t("tui.dialog.ok"), "ok")]
            )
        )

    # -- showing ---------------------------------------------------------------------------
    @property
    def plan(self) -> Plan | None:
        return self.session.plan if self.session else None

    def _refresh_footer(self) -> None:
        """Refresh the footer only when what is allowed changed (it rebuilds its keys)."""
        state = (self.plan is not None, self.session is not None and self.session.can_undo)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def _chance_line(self, session, plan: Plan) -> str:
        """The chance to finish on time: the plan's own, or the saved revision's while
        nothing was edited; after an edit it is computed again when the plan is saved."""
        t = self.t
        chance = plan.on_time
        if chance is None and not session.dirty and session.previous is not None:
            chance = session.previous.on_time
        if chance is None:
            return t("tui.plan.chance.at_save")
        return t(
            "tui.plan.chance", chance=t.chance(chance.probability), draws=t.number(chance.draws)
        )

    def refresh_plan(self) -> None:
        session, plan, t = self.session, self.plan, self.t
        if session is None or plan is None:
            return
        self._refresh_footer()
        self.error = None
        self.query_one("#stopped").display = False
        client = session.client
        revision = str(session.base_revision) if session.base_revision else "–"
        if session.dirty:
            revision += " (" + t("tui.plan.unsaved") + ")"
        self.query_one("#summary", Static).update(
            t(
                "tui.plan.summary",
                name=printable(client.name or client.id),
                route=route_name(t, plan.route.id),
                completion=t.date(plan.completion_date),
                deadline=t.date(plan.deadline),
                slack=plan.slack_weeks,
                hours=t.number(plan.total_hours),
                revision=revision,
            )
            + "\n"
            + self._chance_line(session, plan)
            + "\n"
            + plan_text.edits_text(session.edits(), session.catalog, t)
        )
        self.query_one(Timeline).plan = plan
        self._fill_activities(plan)
        self.query_one("#route", Static).update(
            plan_text.route_text(
                plan,
                client,
                session.edits(),
                session.catalog,
                t,
                self.doc_context(plan).say,
            )
        )
        self.query_one("#findings", Static).update(
            plan_text.findings_text(plan, t, self.finding_words)
        )
        self._fill_compare()
        self._fill_why()

    def _fill_activities(self, plan: Plan) -> None:
        table = self.query_one("#activities", DataTable)
        current = self.current_activity()
        table.clear()
        for a in plan.activities:
            low, high = a.hours_range
            num = self.t.number
            hours = num(a.hours) if low == high else f"{num(a.hours)} ({num(low)}–{num(high)})"
            flags = self.t("tui.plan.pinned") if a.pinned else ""
            table.add_row(
                *row(a.start, a.end, a.weeks, a.hours_per_week, hours, a.title, flags), key=a.id
            )
        ids = [a.id for a in plan.activities]
        if current in ids:
            table.move_cursor(row=ids.index(current), animate=False)

    def _compare_base(self) -> tuple[Plan, int] | None:
        session = self.session
        if session is None or session.previous is None:
            return None
        if session.dirty:
            return session.previous, session.base_revision
        if session.base_revision > 1:
            older = self.pad.store.revision(self.person_id, session.base_revision - 1)
            return older.plan, older.revision
        return None

    def _fill_compare(self) -> None:
        base = self._compare_base()
        target = self.query_one("#compare", Static)
        if base is None or self.plan is None:
            target.update(self.t("tui.plan.compare.none"))
            return
        old, revision = base
        changes = compare(old, self.plan, self.finding_words)
        target.update(plan_text.compare_text(changes, revision, self.t))

    def doc_context(self, plan: Plan) -> DocContext:
        """What the document builders need, for the plain words the PIP uses."""
        session = self.session
        return DocContext.make(
            plan,
            client=session.client if session else None,
            catalog=session.catalog if session else None,
            lang=self.t.lang,
            today=self.app.today,
            show_bsn=False,
            municipality_name=None,
        )

    def finding_words(self, plan: Plan, finding: Finding) -> str:
        """A finding in its rule's sentence, in the screen's language (as the PIP says it)."""
        return finding_words(self.doc_context(plan), finding)

    def current_activity(self) -> str | None:
        table = self.query_one("#activities", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _fill_why(self) -> None:
        activity_id, plan = self.current_activity(), self.plan
        if plan is None or activity_id is None:
            return
        activity = plan.activity(activity_id)
        ctx = self.doc_context(plan)
        plain = activity_why(ctx, activity)
        self.query_one("#why", Static).update(
            plan_text.why_text(plan, activity, self.t, plain, ctx.say)
        )

    @on(DataTable.RowHighlighted, "#activities")
    def _highlighted(self) -> None:
        self._fill_why()

    @on(DataTable.RowSelected, "#activities")
    def _selected(self) -> None:
        self.action_why()

    # -- tabs -------------------------------------------------------------------------
    def action_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = f"tab-{name}"

    def action_why(self) -> None:
        self.action_tab("activities")
        self.query_one("#activities").focus()
        self._fill_why()

    def action_zoom(self) -> None:
        self.action_tab("timeline")
        self.query_one(Timeline).cycle_zoom()

    def action_compare(self) -> None:
        self.action_tab("compare")

    # -- elsewhere -------------------------------------------------------------------------
    def action_progress(self) -> None:
        self.pad.open_progress(self.person_id)

    def action_export(self) -> None:
        self.pad.open_export(self.person_id, plan=self.plan)
