"""Bounds on what people and files give padplanner, in one place.

Every refusal is an :class:`~padplanner.errors.InputError` naming the file, the field and the
fix (exit code 2 at the command line), never a hang, a traceback or gigabytes read:

- :func:`read_input`: a client, event, catalogue or capacity file is read only from a regular
  file (a link to ``/dev/zero`` or a pipe is refused at once) and only up to
  :data:`MAX_FILE_BYTES`.
- :func:`load_json` and :func:`load_toml`: parsing without surprises. JSON refuses duplicate
  keys, ``NaN`` and ``Infinity``, integers of more than 15 digits; both refuse nesting deeper
  than Python can parse and say so.
- :func:`shape_problems`: data nested at most :data:`MAX_DEPTH` deep, lists of at most
  :data:`MAX_ITEMS`, texts of at most :data:`MAX_TEXT` characters, whole numbers within
  :data:`MAX_INT`, finite numbers only.
- :func:`text_problem`: no control characters (tabs and line breaks only in long texts such
  as notes and reasons), no bidirectional overrides or isolates (which can make a name read
  backwards or hide text), no line or paragraph separators. These limits apply to input;
  what the store already holds is read as it is and shown through :func:`printable`.
- :func:`date_problem`: dates the planner can compute with (from :data:`EARLIEST` to
  :data:`LATEST`), so a far-future date cannot overflow every later replan.
"""

from __future__ import annotations

import json
import math
import os
import reprlib
import stat
import tomllib
from collections.abc import Iterator
from datetime import date
from typing import Any

from padplanner.errors import InputError, Phrased, Problem, phrased

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB: an intake is about 1 KB, a catalogue about 30 KB
MAX_DEPTH = 10  # a client file nests 3 deep (progress.hours_done.<module>)
MAX_ITEMS = 1000  # items in one list or table
MAX_TEXT = 2000  # characters of one text (notes, a reason)
MAX_INT = 10**9  # whole numbers, far beyond any hours, weeks or euros in a plan
MAX_INT_DIGITS = 15  # digits of an integer in JSON (Python refuses over 4,300, with a traceback)
EARLIEST = date(2000, 1, 1)  # dates of a term, a plan, an event
LATEST = date(2100, 12, 31)
# Formatting characters that reorder text (embeddings, overrides, isolates, marks) and the
# Unicode line and paragraph separators. Joiners (U+200C, U+200D) stay: Persian and Arabic
# names need them.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SEPARATORS = frozenset("\u2028\u2029")

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlevel = 2


def shown(value: Any) -> str:
    """``repr(value)``, short enough for a message whatever the value is."""
    return _repr.repr(value)


# -- files ----------------------------------------------------------------------------------
def read_input(path: str | os.PathLike, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    A device (``/dev/zero``, also through a link), a pipe (which would wait for a writer for
    ever), a socket or a folder is refused at once, as is a file larger than ``limit``.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError([Problem(name, "", phrased("input.file.missing"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", phrased("input.file.folder"))]) from None
    except OSError as exc:
        raise InputError([_unreadable(name, exc)]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError([Problem(name, "", phrased("input.file.folder"))])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(name, "", phrased("input.file.special"))])
        if info.st_size > limit:
            raise InputError([_too_large(name, info.st_size, limit)])
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read
            raise InputError([_too_large(name, size, limit)])
        return b"".join(chunks)
    except OSError as exc:
        raise InputError([_unreadable(name, exc)]) from None
    finally:
        os.close(fd)


def _too_large(name: str, size: int, limit: int) -> Problem:
    return Problem(name, "", phrased("input.file.large", size=size, most=limit // 1024))


def _unreadable(name: str, exc: OSError) -> Problem:
    """The system's reason is named as the system gives it."""
    return Problem(name, "", phrased("input.file.unreadable", reason=exc.strerror))


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem(source, "", phrased("input.file.utf8"))]) from None


class _Refused(ValueError):
    """A JSON value refused while parsing (raised from the decoder's hooks)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(phrased("input.json.twice", key=shown(key)))
        out[key] = value
    return out


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(phrased("input.json.digits", digits=len(text), most=MAX_INT_DIGITS))
    return int(text)


def _constant(name: str) -> float:
    raise _Refused(phrased("input.json.constant", name=name))


def load_json(data: bytes | str, source: str) -> Any:
    """JSON without duplicate keys, ``NaN``/``Infinity`` or huge integers."""
    text = _text(data, source) if isinstance(data, bytes) else data
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicates, parse_int=_int, parse_constant=_constant
        )
    except _Refused as exc:
        raise InputError([Problem(source, "", exc.args[0])]) from None
    except json.JSONDecodeError as exc:  # the parser's reason, as it gives it
        raise InputError([Problem(source, "", phrased("input.json.invalid", reason=exc))]) from None
    except RecursionError:
        raise InputError([Problem(source, "", _too_deep())]) from None
    except ValueError as exc:  # a float too long to read, and the like
        raise InputError([Problem(source, "", phrased("input.json.invalid", reason=exc))]) from None


def _too_deep() -> Phrased:
    return phrased("input.too_deep", most=MAX_DEPTH)


def load_toml(data: bytes | str, source: str) -> dict[str, Any]:
    """A TOML document, with the errors Python's reader raises outside ``TOMLDecodeError``
    (an integer of thousands of digits, nesting too deep for it) as problems."""
    text = _text(data, source) if isinstance(data, bytes) else data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(source, "", phrased("input.toml.invalid", reason=exc))]) from None
    except RecursionError:
        raise InputError([Problem(source, "", _too_deep())]) from None
    except ValueError as exc:  # int() of thousands of digits
        raise InputError([Problem(source, "", phrased("input.toml.long", reason=exc))]) from None


def read_json(path: str | os.PathLike) -> Any:
    return load_json(read_input(path), str(path))


def read_toml(path: str | os.PathLike) -> dict[str, Any]:
    return load_toml(read_input(path), str(path))


# -- shapes, texts, dates -----------------------------------------------------------------
def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Phrased]]:
    if depth > MAX_DEPTH:
        yield path, phrased("input.shape.deep", most=MAX_DEPTH)
        return
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            yield path, phrased("input.shape.entries", count=len(value), most=MAX_ITEMS)
            return
        for key, item in value.items():
            if not isinstance(key, str) or len(key) > 200:
                yield path, phrased("input.shape.key", key=shown(key))
                continue
            yield from _walk(item, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            yield path, phrased("input.shape.items", count=len(value), most=MAX_ITEMS)
            return
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", depth + 1)
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:
            yield path, phrased("input.shape.text", length=len(value), most=MAX_TEXT)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not -MAX_INT <= value <= MAX_INT:
            yield path, phrased("input.shape.int", value=shown(value), most=MAX_INT)
    elif isinstance(value, float) and not math.isfinite(value):
        yield path, phrased("input.shape.nan", value=value)


def shape_problems(data: Any, source: str, prefix: str = "") -> list[Problem]:
    """Problems with the size and shape of parsed data, before its fields are read."""
    return [Problem(source, path, message) for path, message in _walk(data, prefix, 0)]


def text_problem(value: Any, limit: int = MAX_TEXT, *, lines: bool = True) -> Phrased | None:
    """Why a text is refused, or None. ``lines``: a long text (notes, a reason) may hold tabs
    and line breaks; a short one (a name, an author) may not."""
    if value is None:
        return None
    if not isinstance(value, str):
        return phrased("input.text.type", value=shown(value))
    if len(value) > limit:
        return phrased("input.text.long", length=len(value), most=limit)
    allowed = "\n\t" if lines else ""
    bad = sorted({c for c in value if _refused(c, allowed)})
    if bad:
        names = ", ".join(f"U+{ord(c):04X}" for c in bad)
        if not lines and any(c in "\n\r\t" for c in bad):
            return phrased("input.text.breaks", characters=names)
        return phrased("input.text.controls", characters=names)
    return None


def _refused(c: str, allowed: str) -> bool:
    return (
        ((ord(c) < 32 or 127 <= ord(c) < 160) and c not in allowed) or c in BIDI or c in SEPARATORS
    )


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every character :func:`text_problem` refuses written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``): to show data stored before these limits, safely and
    visibly (so a counsellor sees what to correct). ``lines`` keeps line breaks and tabs, as
    a long text (notes) may hold them."""
    allowed = "\n\t" if lines else ""
    if not any(_refused(c, allowed) for c in text):
        return text
    return "".join(
        (_ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"))
        if _refused(c, allowed)
        else c
        for c in text
    )


def date_problem(value: date, earliest: date = EARLIEST, latest: date = LATEST) -> Phrased | None:
    """Why a date is refused (out of the range padplanner plans in), or None."""
    if not earliest <= value <= latest:
        return phrased(
            "input.date.range",
            value=value.isoformat(),
            earliest=earliest.isoformat(),
            latest=latest.isoformat(),
        )
    return None
