"""Plan documents and pictures: one renderer module per format.

``render(plan, fmt, ...)`` dispatches by format name and returns text (or bytes for PDF). Each
renderer imports its libraries lazily so the CLI stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

FORMATS = {
    "text": "padplanner.export.text:render_text",
    "json": "padplanner.export.jsonout:render_json",
    "md": "padplanner.export.markdown:render_markdown",
    "html": "padplanner.export.html:render_html",
    "pdf": "padplanner.export.pdf:render_pdf",
    "ics": "padplanner.export.ics:render_ics",
}


def render(plan: Any, fmt: str, **options: Any) -> str | bytes:
    """Render ``plan`` as ``fmt``; ``options`` go to the renderer (client, catalog, lang, ...)."""
    target = FORMATS[fmt]
    module_name, function = target.split(":")
    return getattr(importlib.import_module(module_name), function)(plan, **options)
