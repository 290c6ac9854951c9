"""Typer's conversion of option values, deferred until a value needs it.

Typer (0.2x) converts every value of a command's options with a pydantic ``TypeAdapter`` it
builds for each option as the command runs: importing pydantic and building them costs about
0.1 s of every command, a tenth of the time a PIP as PDF may take. Most values need no
conversion: an option not given (``None``), text for a text option, a file name for a path
option without conditions. :class:`Deferred` returns those as Typer would and hands every other
value to Typer's own converter, built on first use.

:func:`install` puts it in place of ``typer.core.build_runtime_param``, the one function
Typer builds a converter with; with a Typer that has no such function, options stay as Typer
makes them. ``tests/test_cli_startup.py`` checks that a command runs without pydantic and that
values that need converting are converted, and refused, as Typer does.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

TEXT = (str, str | None)
PATHS = (Path, Path | None)
# a path option with these settings only converts the text to a Path (and checks that an
# existing path is readable, which the deferred converter leaves to Typer)
PLAIN_PATH = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


class Deferred:
    """One option's converter: plain values as they are, the others through Typer's."""

    def __init__(self, build: Any, descriptor: Any):
        self.build, self.descriptor = build, descriptor
        self.built: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None and not many:
            return None  # as Typer's converter does
        if isinstance(value, bool) and self.descriptor.annotation is bool:
            return value
        if isinstance(value, str) and not many:
            annotation = self.descriptor.annotation
            if annotation in TEXT:
                return value
            if annotation in PATHS and _plain(self.descriptor.parameter_info):
                path = Path(value)
                if not os.path.exists(path) or os.access(path, os.R_OK):
                    return path
        if self.built is None:
            self.built = self.build(self.descriptor)
        return self.built.coerce(value, param=param, ctx=ctx)


def _plain(info: Any) -> bool:
    return all(getattr(info, name, None) == value for name, value in PLAIN_PATH.items())


def install() -> None:
    """Make every option's converter a :class:`Deferred` one (once per process), when this
    Typer converts through pydantic."""
    import typer.core

    build = getattr(typer.core, "build_runtime_param", None)
    if build is None or getattr(build, "deferred", False):
        return  # a Typer without it converts without pydantic; or done already

    def deferred(descriptor: Any) -> Deferred:
        return Deferred(build, descriptor)

    deferred.deferred = True  # type: ignore[attr-defined]
    typer.core.build_runtime_param = deferred
