"""fpdf2 and the font for the plan document as PDF: loaded only when a PDF is made.

The font is Source Sans Pro from the ``font-source-sans-pro`` package (SIL OFL): it covers
the Latin script including Vietnamese, so every Latin-script name renders (Çelik, Nguyễn,
Şahin, Øyvind, Dvořák). fpdf2 is imported only when a PDF is made (extra ``pdf``), and
without the raster-image libraries it never needs here. Also the palette and the text fitting
shared by the writer (:mod:`.pdf`) and the timeline drawing (:mod:`.pdf_timeline`).
"""

from __future__ import annotations

import functools
import sys
import threading
import warnings
from importlib import resources
from pathlib import Path

FAMILY = "SourceSans"
FONT_FILES = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf"}
ACCENT = (31, 78, 121)
MUTED = (85, 85, 85)
RULE = (187, 187, 187)
DEADLINE = (176, 0, 32)


def font_paths() -> dict[str, Path]:
    """The TTF files of Source Sans Pro inside the installed ``font-source-sans-pro`` package."""
    from padplanner.errors import InputError, Problem

    try:
        folder = resources.files("font_source_sans_pro") / "files"
    except ModuleNotFoundError:
        raise InputError(
            [Problem("--format", "", "pdf needs the PDF extra: pip install 'padplanner[pdf]'")]
        ) from None
    paths = {style: Path(str(folder / name)) for style, name in FONT_FILES.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise InputError([Problem("--format", "", f"font files missing: {', '.join(missing)}")])
    return paths


# fpdf2 imports these only to place raster images, which plan documents do not contain; each
# is optional to it (it falls back when the import fails). Together ~0.2 s of every PDF command.
OPTIONAL = ("numpy", "PIL")


@functools.cache
def fpdf_class() -> type:
    """fpdf2's FPDF, imported without NumPy and Pillow (:data:`OPTIONAL`).

    Only on the main thread (the CLI): hiding a module from other threads (a TUI worker) while
    they import could break them. A module another part already imported is left alone.
    """
    main = threading.current_thread() is threading.main_thread()
    blocked = [name for name in OPTIONAL if main and name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Pillow could not be imported": not needed here
            from fpdf import FPDF
    except ModuleNotFoundError as exc:
        if exc.name in blocked:
            raise
        from padplanner.errors import InputError, Problem

        raise InputError(
            [Problem("--format", "", "pdf needs the PDF extra: pip install 'padplanner[pdf]'")]
        ) from None
    finally:
        for name in blocked:
            del sys.modules[name]
    return FPDF


def fit(pdf, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
