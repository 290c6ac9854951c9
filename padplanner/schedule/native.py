"""The optional C engine (``csrc/``, built as ``_native``): the Python steps, 10–30 times faster.

``hatch_build.py`` compiles it when padplanner is installed and a C compiler is at hand;
without it, or with ``PADPLANNER_PURE_PYTHON=1`` in the environment, every pass runs in
Python. Both give the same schedules (the suite compares them), so a plan never depends on
how padplanner was installed, only how fast it comes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from padplanner.schedule.compiled import Compiled

try:
    from padplanner.schedule._native import Engine, part, split
    from padplanner.schedule._native import compile as compile_lists
except ImportError:  # not built: no compiler at install time, or a source checkout
    Engine = compile_lists = part = split = None

ENABLED = Engine is not None and not os.environ.get("PADPLANNER_PURE_PYTHON")
# An Engine keeps two profiles of horizon × resources cells (8 bytes each, reserved but only
# touched where a schedule reaches). Beyond this many cells (a release week far in the
# future, say) the problem runs in Python instead, with the same schedule.
MAX_CELLS = 1 << 25


def arguments(c: Compiled) -> tuple:
    """What :class:`Engine` is made from: the compiled problem's lists, and the pinned
    tasks' use per resource and week, clipped at the capacity as the Python passes clip it."""
    from padplanner.schedule.compiled import pinned_use

    rows = pinned_use(c.dem, c.dur, c.pin, c.pinned, len(c.cap)) if c.pinned else []
    used0 = [[min(q, cap) for q in row] for row, cap in zip(rows, c.cap, strict=False)]
    return (
        c.dur, c.rel, c.every, c.start0, c.pin_end, c.horizon, c.pw, c.sw, c.dem, c.cap, used0,
        c.free,
    )  # fmt: skip


def engine(c: Compiled) -> object | None:
    """``c`` in the C engine (made at the first call and kept on ``c``), or None without it
    or when the problem's profile would be too large (:data:`MAX_CELLS`)."""
    if c.engine is not None:
        return c.engine
    if not ENABLED or c.horizon * max(len(c.cap), 1) > MAX_CELLS:
        return None
    c.engine = Engine(*arguments(c))
    return c.engine
