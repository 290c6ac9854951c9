"""How the core calls one plugin's hook: within a time limit, on copies of what it reads.

- **Time limit.** A call to a plugin's hook that has not answered after
  :func:`hook_timeout` seconds (``PADPLANNER_HOOK_TIMEOUT``, default 5; ``0`` means no limit)
  raises :class:`TimedOut` (within a quarter of the limit more). On the main thread a timer
  signal (SIGALRM, unless the application uses it) interrupts the hook, also in
  ``time.sleep`` or a blocking read; on any other thread (the terminal UI's workers) the hook
  runs on a helper thread that is left behind if it never answers, so the caller always gets
  control back.
- **Copies.** :func:`frozen_copy` gives a plugin its own deep copy of the person's view
  (attrs objects copied, lists as tuples, dicts as read-only mappings): whatever a plugin does
  to it (even ``object.__setattr__``) reaches no other plugin and no plan. Modules, the
  scheduled activities and the draft plan are frozen and shared (copying them for every call
  would double the time a plan takes); the engine reads nothing back from them.
  :func:`without_free_text` leaves out the words a counsellor typed (``counsellor.*``
  reasons) from a plan or activities before a plugin sees them.

What a hook's answer must be, and what is wrong with one, is checked in ``hookanswers.py``.
"""

from __future__ import annotations

import atexit
import os
import queue
import signal
import threading
import time
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

from padplanner.errors import InputError, Problem, phrased
from padplanner.model.plan import Activity, Plan
from padplanner.model.reasons import Reason

ENV_TIMEOUT = "PADPLANNER_HOOK_TIMEOUT"
DEFAULT_TIMEOUT = 5.0  # seconds; a hook normally answers in microseconds
# Reasons whose text a counsellor typed (free text): plugins get the rule id, not the words.
COUNSELLOR_TEXT = ("counsellor.route", "counsellor.add", "counsellor.remove")
_COUNSELLOR = frozenset(COUNSELLOR_TEXT)


def hook_timeout() -> float | None:
    """The time limit per hook call in seconds from ``PADPLANNER_HOOK_TIMEOUT``; None: none."""
    text = os.environ.get(ENV_TIMEOUT, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600 or value != value:
        said = phrased("plugin.problem.limit", value=repr(text), default=f"{DEFAULT_TIMEOUT:g}")
        raise InputError([Problem(ENV_TIMEOUT, "", said)])
    return value or None


# -- the time limit ----------------------------------------------------------------------------
class TimedOut(Exception):
    """A hook did not answer within its time limit."""


class _Alarm(BaseException):
    """Raised inside a hook by the timer signal (a BaseException: ``except Exception`` in a
    plugin does not swallow it)."""


try:  # the C function: signal.getsignal converts every answer to an enum, slow on a hot path
    from _signal import getsignal as _getsignal
except ImportError:  # pragma: no cover - another Python
    _getsignal = signal.getsignal

_local = threading.local()  # .helper: this thread is a helper; .depth: calls under the timer
TICKS = 4  # the timer ticks this many times per limit: a hang is found within 1.25 limits


class _Timer:
    """The main thread's hook timer: one repeating SIGALRM while hooks are being called.

    Setting a timer for every call would cost two system calls each (a plan makes about 40
    plugin calls in a millisecond). Instead the timer ticks every quarter of the limit; each
    tick compares the running call's start with the clock, and after two ticks without a
    call the timer stops itself until the next call.
    """

    started: float | None = None  # when the running call began (None: no call running)
    limit = 0.0
    period = 0.0  # 0: not ticking
    idle = 0

    @staticmethod
    def tick(signum, frame) -> None:
        timer = _Timer
        if timer.started is not None:
            timer.idle = 0
            if time.monotonic() - timer.started >= timer.limit:
                raise _Alarm
            return
        timer.idle += 1
        if timer.idle >= 2:
            timer.period = 0.0
            signal.setitimer(signal.ITIMER_REAL, 0)

    @classmethod
    def stop(cls) -> None:
        """Stop ticking (at exit: Python restores the default handler, which would end the
        process on a last tick)."""
        if cls.period:
            cls.period = 0.0
            signal.setitimer(signal.ITIMER_REAL, 0)

    @classmethod
    def run(cls, function: Callable[..., Any], args: Sequence[Any], limit: float) -> Any:
        _local.depth = 1
        try:
            cls.limit, cls.idle = limit, 0
            if cls.period != limit / TICKS:
                cls.period = limit / TICKS
                signal.setitimer(signal.ITIMER_REAL, cls.period, cls.period)
            cls.started = time.monotonic()
            try:
                return function(*args)
            finally:
                cls.started = None
        except _Alarm:
            cls.started = None
            raise TimedOut from None
        finally:
            _local.depth = 0


_MAIN = threading.main_thread().ident
_HAS_TIMER = hasattr(signal, "setitimer")


def _alarm_available() -> bool:
    if not _HAS_TIMER or threading.get_ident() != _MAIN:
        return False
    handler = _getsignal(signal.SIGALRM)
    if handler is _Timer.tick:
        return True
    if handler in (signal.SIG_DFL, None):  # unused: take it (and keep it)
        signal.signal(signal.SIGALRM, _Timer.tick)
        atexit.register(_Timer.stop)
        return True
    return False  # the application uses SIGALRM itself: leave it alone


def call_limited(function: Callable[..., Any], args: Sequence[Any], limit: float | None) -> Any:
    """``function(*args)``, raising :class:`TimedOut` if it runs longer than ``limit`` seconds.

    A call made from inside a limited call (a plugin asking ``ctx.hours_to``) runs directly:
    the outer limit covers it.
    """
    if limit is None or getattr(_local, "helper", False) or getattr(_local, "depth", 0):
        return function(*args)
    if _alarm_available():
        return _Timer.run(function, args, limit)
    return _on_helper(function, args, limit)


class _Helper:
    """A daemon thread that runs hook calls handed to it, one at a time."""

    def __init__(self) -> None:
        self.requests: queue.SimpleQueue = queue.SimpleQueue()
        self.replies: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="padplanner-hook", daemon=True).start()

    def _serve(self) -> None:
        _local.helper = True
        while True:
            function, args = self.requests.get()
            try:
                self.replies.put((True, function(*args)))
            except BaseException as exc:
                self.replies.put((False, exc))


_idle: queue.SimpleQueue[_Helper] = queue.SimpleQueue()


def _on_helper(function: Callable[..., Any], args: Sequence[Any], limit: float) -> Any:
    try:
        helper = _idle.get_nowait()
    except queue.Empty:
        helper = _Helper()
    helper.requests.put((function, args))
    try:
        ok, value = helper.replies.get(timeout=limit)
    except queue.Empty:
        raise TimedOut from None  # the helper stays behind in the plugin; it is not reused
    _idle.put(helper)
    if ok:
        return value
    raise value


# -- copies ------------------------------------------------------------------------------------
_new = object.__new__
_set = object.__setattr__
_copiers: dict[type, Callable[[Any], Any]] = {}


def _same(value: Any) -> Any:
    return value


def _items(value: Any) -> tuple:
    return tuple([frozen_copy(item) for item in value])


def _mapping(value: Any) -> Mapping:
    return types.MappingProxyType({key: frozen_copy(item) for key, item in value.items()})


def _copier(cls: type) -> Callable[[Any], Any]:
    if issubclass(cls, str | int | float | date | Enum | Path) or cls is type(None):
        copy = _same
    elif issubclass(cls, list | tuple):
        copy = _items
    elif issubclass(cls, dict | types.MappingProxyType):
        copy = _mapping
    elif attrs.has(cls):
        names = tuple(field.name for field in attrs.fields(cls))

        def copy(value: Any) -> Any:
            out = _new(cls)
            for name in names:
                _set(out, name, frozen_copy(getattr(value, name)))
            return out
    else:
        copy = _same  # not data: passed as it is
    _copiers[cls] = copy
    return copy


def frozen_copy(value: Any) -> Any:
    """A deep, read-only copy of ``value``: attrs objects copied, lists and tuples as tuples,
    dicts as read-only mappings (a person's view: about 20 microseconds)."""
    cls = type(value)
    return (_copiers.get(cls) or _copier(cls))(value)


def _scrubbed(reasons: tuple[Reason, ...]) -> tuple[Reason, ...] | None:
    """``reasons`` without a counsellor's words, or None when there were none."""
    for reason in reasons:
        if reason.rule in _COUNSELLOR and reason.text:
            break
    else:
        return None
    # a new Reason: its values go too, so a counsellor's words cannot come back through them
    return tuple(Reason(r.rule, "", r.inputs) if r.rule in _COUNSELLOR else r for r in reasons)


def without_free_text(value: Any) -> Any:
    """A plan, or a sequence of activities, as a tuple without the words a counsellor typed
    (route, add and remove reasons keep their rule id, their text is empty). Objects without
    such words are shared, not copied: they are frozen and the engine reads nothing back."""
    if isinstance(value, list | tuple):
        return tuple(without_free_text(item) for item in value)
    if isinstance(value, Activity):
        clean = _scrubbed(value.reasons)
        return value if clean is None else attrs.evolve(value, reasons=clean)
    if isinstance(value, Plan):
        route = _scrubbed(value.route.reasons)
        activities = without_free_text(value.activities)
        changed = route is not None or any(
            a is not b for a, b in zip(activities, value.activities, strict=True)
        )
        if not changed:
            return value
        return attrs.evolve(
            value,
            route=value.route if route is None else attrs.evolve(value.route, reasons=route),
            activities=activities,
        )
    return value
