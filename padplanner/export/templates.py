"""The Jinja2 environment for the document templates (``padplanner/templates/document``)."""

from __future__ import annotations

import functools
import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def md(text: Any) -> str:
    """Inline Markdown text with the characters that would change its meaning escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", str(text))
    return re.sub(r"^([#+-])", r"\\\1", text)


def cell(text: Any) -> str:
    """A Markdown table cell: escaped, on one line, with ``|`` escaped."""
    return md(" ".join(str(text).split())).replace("|", "\\|")


@functools.cache
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("padplanner", "templates/document"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["cell"] = cell
    return env


def render_template(name: str, **values: Any) -> str:
    return environment().get_template(name).render(**values)
