"""The plan of one person: route and reasons, timeline, activities with "why?", findings,
edits that replan at once, and a comparison with the saved revision.

Loading (store reads and the first plan) runs in a worker. Edits replan on the spot: a plan
takes milliseconds. A plugin failure (``PlanningError``) or a save conflict (``StaleRevision``)
is shown in a dialog; the edits made so far are kept.
"""

from __future__ import annotations

from collections.abc import Callable

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
from padplanner.errors import InputError, PlanningError
from padplanner.export.context import DocContext
from padplanner.export.plain import activity_why, finding_words
from padplanner.i18n import N_
from padplanner.limits import printable
from padplanner.model import Finding, Plan
from padplanner.model.client import ROUTES
from padplanner.tui import words
from padplanner.tui.actions import PLAN, Action
from padplanner.tui.planning import PlanSession, compare, decisions
from padplanner.tui.screens.base import PadScreen
from padplanner.tui.screens.dialogs import ChoiceDialog, DaysDialog, MessageDialog, ValueDialog
from padplanner.tui.widgets import plan_text
from padplanner.tui.widgets.cells import row
from padplanner.tui.widgets.footer import Footer
from padplanner.tui.widgets.timeline import Timeline
from padplanner.tui.words import route_name

TABS = ("timeline", "activities", "route", "findings", "compare")


def _int_between(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r}") from None
        if not low <= value <= high:
            raise ValueError(f"{low}–{high}")
        return value

    return parse


class PlanScreen(PadScreen):
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
            app.call_from_thread(self.stopped, _words(exc))
            return
        error = None
        if session.plan is None:
            try:
                session.replan()
            except Exception as exc:
                error = _words(exc)
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

    # -- edits -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_plan = {"why", "hours", "days", "pin", "remove", "add", "sector", "route", "save"}
        if action in needs_plan and self.plan is None:
            return False
        if action == "undo" and (self.session is None or not self.session.can_undo):
            return None  # shown greyed out: the footer keeps its keys and only greys this one
        return True

    def edit(self, change: Callable[[PlanSession], object], done: str | None = None) -> None:
        """Run one edit (``change(session)``) in a worker, on a copy of the session.

        Planning may wait on a plugin (up to its time limit): keys keep working meanwhile, and
        the copy replaces the session only once the plan is made, so a failure (shown in a
        dialog) keeps every earlier edit. One edit at a time; ``done`` is said afterwards.
        """
        if self.session is None:
            return
        if self.busy:
            self.say(self.t("tui.plan.busy"), "warning")
            return
        self.busy = True
        self._edit(self.session, change, done)

    @work(thread=True, exit_on_error=False, group="plan-edit")
    def _edit(self, session: PlanSession, change, done: str | None) -> None:
        trial = session.fork()
        try:
            change(trial)
        except (PlanningError, InputError) as exc:
            self.app.call_from_thread(self._edit_failed, str(exc))
            return
        except Exception as exc:  # an engine fault must not end the app; the edits stay
            self.app.call_from_thread(self._edit_failed, _internal(exc))
            return
        self.app.call_from_thread(self._edited, session, trial, done)

    def _edited(self, base: PlanSession, trial: PlanSession, done: str | None) -> None:
        self.busy = False
        if self.session is base:
            self.session = trial
        self.refresh_plan()
        if done:
            self.say(done)

    def _edit_failed(self, error: str) -> None:
        self.busy = False
        self.stopped(error)

    def _activity_or_warn(self) -> str | None:
        activity = self.current_activity()
        if activity is None:
            self.say(self.t("tui.plan.why.hint"), "warning")
        return activity

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

    def action_hours(self) -> None:
        session = self.session
        assert session is not None
        current = session.adjust.weekly_hours or session.client.weekly_hours

        def done(value: int | None) -> None:
            if value is not None:
                self.edit(lambda s: s.with_hours(value))

        self.app.push_screen(
            ValueDialog(
                self.t, self.t("tui.dialog.hours.title"), str(current), _int_between(1, 60)
            ),
            done,
        )

    def action_days(self) -> None:
        session = self.session
        assert session is not None
        current = session.adjust.days or session.client.availability.days

        def done(days: tuple[str, ...] | None) -> None:
            if days:
                self.edit(lambda s: s.with_days(days))

        self.app.push_screen(DaysDialog(self.t, self.t("tui.dialog.days.title"), current), done)

    def action_pin(self) -> None:
        session, plan = self.session, self.plan
        activity_id = self._activity_or_warn()
        if session is None or plan is None or activity_id is None:
            return
        activity = plan.activity(activity_id)
        last = max(a.end_week for a in plan.activities) + 52

        def done(week: int | None) -> None:
            if week is not None:
                self.edit(lambda s: s.with_pin(activity.module, week))

        self.app.push_screen(
            ValueDialog(
                self.t,
                self.t("tui.dialog.pin.title", module=activity.title),
                str(activity.start_week),
                _int_between(0, last),
                help_text=self.t("tui.dialog.pin.help", week=activity.start_week),
            ),
            done,
        )

    def action_remove(self) -> None:
        session, plan = self.session, self.plan
        activity_id = self._activity_or_warn()
        if session is None or plan is None or activity_id is None:
            return
        if self.busy:
            self.say(self.t("tui.plan.busy"), "warning")
            return
        self.busy = True
        self._check_removal(session, plan.activity(activity_id))

    @work(thread=True, exit_on_error=False, group="plan-edit")
    def _check_removal(self, session: PlanSession, activity) -> None:
        """Whether leaving ``activity`` out breaks a goal: a trial plan, so off the UI thread."""
        try:
            needed = session.removal_breaks_goals(activity.module)
        except (PlanningError, InputError) as exc:
            self.app.call_from_thread(self._edit_failed, str(exc))
            return
        except Exception as exc:  # an engine fault must not end the app
            self.app.call_from_thread(self._edit_failed, _internal(exc))
            return
        self.app.call_from_thread(self._ask_removal, activity, needed)

    def _ask_removal(self, activity, needed: bool) -> None:
        self.busy = False
        if needed:
            self.say(self.t("tui.plan.required", module=activity.title), "error")
            return

        def done(reason: str | None) -> None:
            if reason:
                self.edit(lambda s: s.with_removed(activity.module, reason))

        self.app.push_screen(
            ValueDialog(
                self.t,
                self.t("tui.dialog.remove.title", module=activity.title),
                "",
                lambda text: text.strip() or _raise(self.t("tui.dialog.reason.missing")),
                help_text=self.t("tui.dialog.reason"),
            ),
            done,
        )

    def action_add(self) -> None:
        session = self.session
        assert session is not None
        modules = session.addable()
        if not modules:
            self.say(self.t("tui.plan.no_addable"), "warning")
            return
        options = [
            (f"{m.title.get(self.t.lang)} ({m.id}, {self.t.hours(m.hours)})", m.id) for m in modules
        ]

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                module, reason = answer
                self.edit(lambda s: s.with_added(module, reason))

        self.app.push_screen(
            ChoiceDialog(self.t, self.t("tui.dialog.add.title"), options, reason=True), done
        )

    def action_sector(self) -> None:
        session = self.session
        assert session is not None
        sectors = session.catalog.sectors
        options = [(f"{s.title.get(self.t.lang)} ({s.level})", key) for key, s in sectors.items()]
        current = session.adjust.sector or session.client.work.goal

        def done(sector: str | None) -> None:
            if sector:
                self.edit(lambda s: s.with_sector(sector))

        self.app.push_screen(
            ChoiceDialog(self.t, self.t("tui.dialog.sector.title"), options, initial=current), done
        )

    def action_route(self) -> None:
        session, plan = self.session, self.plan
        assert session is not None and plan is not None
        options = [(route_name(self.t, r), r) for r in ROUTES]

        def done(answer: tuple[str, str] | None) -> None:
            if answer:
                route, reason = answer
                self.edit(lambda s: s.with_route(route, reason))

        self.app.push_screen(
            ChoiceDialog(
                self.t,
                self.t("tui.dialog.route.title"),
                options,
                initial=plan.route.id,
                reason=True,
            ),
            done,
        )

    def action_undo(self) -> None:
        session = self.session
        if session is None or not session.can_undo:
            self.say(self.t("tui.plan.undo.none"), "warning")
            return
        self.edit(lambda s: s.undo(), done=self.t("tui.plan.undone"))

    # -- saving ----------------------------------------------------------------------------
    def action_save(self) -> None:
        session = self.session
        assert session is not None
        if self.busy:
            self.say(self.t("tui.plan.busy"), "warning")
            return
        if not session.dirty and session.client.route == self.route_before:
            self.say(self.t("tui.plan.nothing_to_save"), "warning")
            return

        def done(reason: str | None) -> None:
            if reason and not self.busy:
                self.busy = True  # no edit while saving: it would build on the unsaved base
                self._save(session, reason)

        self.app.push_screen(
            ValueDialog(
                self.t,
                self.t("tui.dialog.save.title"),
                "",
                lambda text: text.strip() or _raise(self.t("tui.dialog.reason.missing")),
                help_text=self.t("tui.dialog.save.reason"),
            ),
            done,
        )

    @work(thread=True, exit_on_error=False, exclusive=True, group="plan-save")
    def _save(self, session: PlanSession, reason: str) -> None:
        from padplanner.store import StaleRevision

        app = self.pad
        try:
            revision, plan = self._write_revision(session, reason)
        except StaleRevision as exc:
            app.call_from_thread(self._conflict, str(exc))
            return
        except Exception as exc:  # bad input, a locked database: say so, keep the edits
            app.call_from_thread(self._save_failed, _words(exc))
            return
        app.call_from_thread(self._saved, revision, plan)

    def _write_revision(self, session: PlanSession, reason: str) -> tuple[int, Plan]:
        from padplanner.store import Decision

        store, app = self.pad.store, self.pad
        assert session.plan is not None
        plan = session.final()  # with the chance to finish on time, computed once, at saving
        revision = store.save_plan(
            self.person_id,
            plan,
            author=app.author,
            reason=reason,
            base_revision=session.base_revision,
            adjustments=session.adjust.to_dict(),
        )
        for decision in decisions(session.saved_adjust, session.adjust, reason):
            store.decide(self.person_id, decision, author=app.author)
        route = session.client.route
        if route is not None and route != self.route_before:
            store.decide(
                self.person_id, Decision("route", route.choice, route.reason), author=app.author
            )
        return revision, plan

    def _save_failed(self, error: str) -> None:
        self.busy = False
        self.say(error, "error")

    def _saved(self, revision: int, plan: Plan) -> None:
        self.busy = False
        session = self.session
        assert session is not None
        session.base_revision = revision
        session.plan = plan  # as saved: with the chance to finish on time
        session.previous = plan
        session.saved_adjust = session.adjust
        self.route_before = session.client.route
        self.refresh_plan()
        self.say(self.t("tui.plan.saved", revision=revision))

    def _conflict(self, error: str) -> None:
        self.busy = False
        self.say(error, "error")

        def done(choice: str | None) -> None:
            if choice == "reload" and self.session is not None:
                changed_route = self.session.client.route != self.route_before
                self._load(
                    keep=self.session.adjust,
                    keep_route=self.session.client.route if changed_route else None,
                )

        self.app.push_screen(
            MessageDialog(
                self.t,
                self.t("tui.dialog.conflict.title"),
                self.t("tui.dialog.conflict.text", error=error),
                [
                    (self.t("tui.dialog.conflict.reload"), "reload"),
                    (self.t("tui.dialog.cancel"), "cancel"),
                ],
            ),
            done,
        )

    # -- elsewhere -------------------------------------------------------------------------
    def action_progress(self) -> None:
        self.pad.open_progress(self.person_id)

    def action_export(self) -> None:
        self.pad.open_export(self.person_id, plan=self.plan)


def _raise(message: str):
    raise ValueError(message)


def _internal(exc: Exception) -> str:
    """An unexpected error in words (no traceback, no values: they may be personal data)."""
    return f"{type(exc).__name__}: {exc}"


def _words(exc: Exception) -> str:
    """Bad input or a plugin's fault as its message; anything else as an unexpected error."""
    return str(exc) if isinstance(exc, PlanningError | InputError) else _internal(exc)
