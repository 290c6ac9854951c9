"""A plugin whose hook never answers (until a test releases it), like one waiting on a network
service that is down. ``HANG_AT_HOURS`` set: it hangs only for a person with those weekly
hours (a counsellor's edit then makes it hang)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from padplanner.plugin import PluginInfo, hookimpl

RELEASE = threading.Event()  # set by a test's teardown, so stuck helper threads finish
HANG_AT_HOURS: int | None = None


@hookimpl
def padplanner_plugin_info():
    return PluginInfo("hang", "1", municipalities=("GM0997",))


@hookimpl
def padplanner_goals(client):
    if HANG_AT_HOURS is None or client.weekly_hours == HANG_AT_HOURS:
        RELEASE.wait()
    return []


@contextmanager
def hanging(at_hours: int | None = None, backstop: float = 30) -> Iterator[None]:
    """The hook hangs (only for ``at_hours`` weekly hours, if given) until the block ends, or
    after ``backstop`` seconds, so code without a time limit fails a test instead of hanging
    the run; stuck helper threads finish when it ends."""
    global HANG_AT_HOURS
    RELEASE.clear()
    HANG_AT_HOURS = at_hours
    timer = threading.Timer(backstop, RELEASE.set)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        RELEASE.set()
        HANG_AT_HOURS = None
