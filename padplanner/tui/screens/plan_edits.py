"""Edits on the plan screen: each replans at once in a worker, on a copy of the session.

Mixed into :class:`~padplanner.tui.screens.plan.PlanScreen`, which holds the session, says
things and draws the plan; here are the keys that change the plan (hours, days, pin, remove,
add, sector, route, undo) and the helpers the screen's parts share to put an error in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from padplanner.errors import InputError, PlanningError
from padplanner.model.client import ROUTES
from padplanner.tui.planning import PlanSession
from padplanner.tui.screens.dialogs import ChoiceDialog, DaysDialog, ValueDialog
from padplanner.tui.words import route_name


def int_between(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r}") from None
        if not low <= value <= high:
            raise ValueError(f"{low}–{high}")
        return value

    return parse


def refuse(message: str):
    raise ValueError(message)


def internal_words(exc: Exception) -> str:
    """An unexpected error in words (no traceback, no values: they may be personal data)."""
    return f"{type(exc).__name__}: {exc}"


def error_words(exc: Exception, t: Any = None) -> str:
    """Bad input (in the language of ``t``) or a plugin's fault as its message; anything else
    as an unexpected error."""
    if isinstance(exc, InputError | PlanningError) and t is not None:
        return exc.text(t)
    return str(exc) if isinstance(exc, PlanningError | InputError) else internal_words(exc)


class PlanEdits:
    """The plan screen's edit keys (a mixin: it uses the screen's session, plan and say)."""

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
            self.app.call_from_thread(self._edit_failed, error_words(exc, self.t))
            return
        except Exception as exc:  # an engine fault must not end the app; the edits stay
            self.app.call_from_thread(self._edit_failed, internal_words(exc))
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

    def action_hours(self) -> None:
        session = self.session
        assert session is not None
        current = session.adjust.weekly_hours or session.client.weekly_hours

        def done(value: int | None) -> None:
            if value is not None:
                self.edit(lambda s: s.with_hours(value))

        self.app.push_screen(
            ValueDialog(self.t, self.t("tui.dialog.hours.title"), str(current), int_between(1, 60)),
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
                int_between(0, last),
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
            self.app.call_from_thread(self._edit_failed, error_words(exc, self.t))
            return
        except Exception as exc:  # an engine fault must not end the app
            self.app.call_from_thread(self._edit_failed, internal_words(exc))
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
                lambda text: text.strip() or refuse(self.t("tui.dialog.reason.missing")),
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
