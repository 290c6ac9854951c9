"""Which municipalities the installed plugins serve, and the municipality a command or screen
uses when none is named, so no municipality's code is written into the core.

``default_municipality(manager)``: the CBS code in ``PADPLANNER_MUNICIPALITY`` when it is set
(a deployment's own municipality), else the first municipality an installed plugin serves
(by code), else ``GM0000``: no municipality's plugin, the national rules alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from padplanner.errors import InputError, Problem
from padplanner.i18n import N_
from padplanner.model.client import is_municipality_code

ENV = "PADPLANNER_MUNICIPALITY"
NATIONAL_ONLY = "GM0000"


def served(manager: Any) -> list[str]:
    """The CBS codes the loaded plugins serve, sorted (a plugin serving every municipality,
    such as the law, names none)."""
    return sorted({code for p in manager.plugins.values() for code in p.info.municipalities})


def default_municipality(manager: Any, environ: Mapping[str, str] | None = None) -> str:
    """The municipality used when none is named (module docs); a bad ``PADPLANNER_MUNICIPALITY``
    is an input error naming the variable."""
    configured = (os.environ if environ is None else environ).get(ENV, "").strip()
    if configured:
        if not is_municipality_code(configured):
            code = repr(configured)
            raise InputError([Problem.worded(ENV, "", N_("cli.problem.code"), code=code)])
        return configured
    codes = served(manager)
    return codes[0] if codes else NATIONAL_ONLY
