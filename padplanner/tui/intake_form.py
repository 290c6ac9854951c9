"""The intake form as data: its fields, the raw values typed, and their checks.

The form keeps what was typed (raw text, choices, ticks) and never throws it away. ``collect``
turns the raw values into a client dict; ``check`` runs the field-level checks (dates, whole
numbers, the BSN elfproef, hours) and then :func:`padplanner.clientfile.parse_client`, and maps
every problem's key path (``levels.speaking``, ``availability.days[1]``) to its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from padplanner.clientfile import bsn_valid, client_to_dict, parse_client
from padplanner.errors import InputError
from padplanner.i18n import N_
from padplanner.limits import printable
from padplanner.model import Client
from padplanner.model.client import (
    AIMS,
    DAYS,
    DIPLOMAS,
    DUTCH_CONTACT,
    EDUCATION,
    LEARNABILITY,
    LITERACY,
    ROUTES,
    is_municipality_code,
)
from padplanner.model.levels import SKILLS, Level

LEVELS = tuple(level.name for level in Level)


@attrs.frozen
class FieldSpec:
    """One field: its key path in the client file, how it is entered, and its section."""

    key: str
    kind: str  # text | date | int | choice | bool | multi | pairs | list | longtext
    section: str
    choices: tuple[str, ...] = ()
    words: str = ""  # how choices are labelled: a table in padplanner.tui.words.CHOICES, or "day"
    required: bool = False
    optional_choice: bool = False  # a choice that may be left empty

    @property
    def widget_id(self) -> str:
        return "f-" + self.key.replace(".", "-").replace("_", "-")


def _levels() -> list[FieldSpec]:
    return [FieldSpec(f"levels.{s}", "choice", "levels", LEVELS, required=True) for s in SKILLS]


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "text", "person", required=True),
    FieldSpec("name", "text", "person"),
    FieldSpec("bsn", "text", "person"),
    FieldSpec("birth_date", "date", "person", required=True),
    FieldSpec("municipality", "text", "person", required=True),
    FieldSpec("term_start", "date", "term", required=True),
    FieldSpec("weekly_hours", "int", "term", required=True),
    FieldSpec("availability.days", "multi", "term", DAYS, "day"),
    FieldSpec("availability.start_after", "date", "term"),
    FieldSpec("availability.childcare_needed", "bool", "term"),
    FieldSpec("learnability", "choice", "profile", LEARNABILITY, "learnability", True),
    FieldSpec("education", "choice", "profile", EDUCATION, "education", True),
    FieldSpec("education_years", "int", "profile"),
    FieldSpec("literacy", "choice", "profile", LITERACY, "literacy", True),
    FieldSpec("dutch_contact", "choice", "profile", DUTCH_CONTACT, "dutch_contact", True),
    FieldSpec("aim", "choice", "profile", AIMS, "aim", True),
    *_levels(),
    FieldSpec("work.experience", "multi", "work", (), ""),
    FieldSpec("work.goal", "choice", "work", (), "", optional_choice=True),
    FieldSpec("work.foreign_diploma", "choice", "work", DIPLOMAS, "foreign_diploma", True),
    FieldSpec("work.diploma_evaluated", "bool", "work"),
    FieldSpec("route.choice", "choice", "route", ROUTES, "route", optional_choice=True),
    FieldSpec("route.reason", "text", "route"),
    FieldSpec("progress.completed", "list", "progress"),
    FieldSpec("progress.hours_done", "pairs", "progress"),
    FieldSpec("progress.extensions_weeks", "int", "progress"),
    FieldSpec("own_goals", "longtext", "voice"),
    FieldSpec("own_wishes", "longtext", "voice"),
    FieldSpec("own_worries", "longtext", "voice"),
    FieldSpec("notes", "longtext", "notes"),
)
BY_KEY = {spec.key: spec for spec in FIELDS}
SECTIONS = ("person", "voice", "term", "profile", "levels", "work", "route", "progress", "notes")


def blank(today: date) -> dict[str, Any]:
    """The raw values of a new intake (defaults as in the client file)."""
    values: dict[str, Any] = {spec.key: "" for spec in FIELDS}
    values.update(
        {
            "term_start": today.isoformat(),
            "weekly_hours": "16",
            "availability.days": ["mon", "tue", "wed", "thu", "fri"],
            "availability.childcare_needed": False,
            "learnability": "average",
            "education": "secondary",
            "literacy": "latin",
            "dutch_contact": "some",
            "aim": "work",
            "work.experience": [],
            "work.goal": None,
            "work.foreign_diploma": "none",
            "work.diploma_evaluated": False,
            "route.choice": None,
        }
    )
    values.update({f"levels.{s}": "A0" for s in SKILLS})
    return values


def from_client(client: Client) -> dict[str, Any]:
    """The raw values that show an existing client; a text stored before the input limits
    with characters they refuse (a line break in a name, a terminal escape) shows them
    escaped (``\\n``, ``\\x1b``), which :func:`escaped` names."""
    values = _stored(client)
    for spec in FIELDS:
        if spec.kind in ("text", "longtext") and isinstance(values[spec.key], str):
            values[spec.key] = printable(values[spec.key], lines=spec.kind == "longtext")
    return values


def escaped(client: Client) -> dict[str, str]:
    """The fields :func:`from_client` shows escaped, with what they show: the counsellor
    retypes them before the intake can be saved (saving the escapes would store a backslash
    and letters instead of what was meant)."""
    stored, shown = _stored(client), from_client(client)
    return {key: value for key, value in shown.items() if value != stored[key]}


def _stored(client: Client) -> dict[str, Any]:
    data = client_to_dict(client)
    values = blank(client.term_start)
    for spec in FIELDS:
        parts = spec.key.split(".")
        value: Any = data
        for part in parts:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            continue
        if spec.kind == "pairs":
            value = ", ".join(f"{k}={v:g}" for k, v in value.items())
        elif spec.kind == "list":
            value = ", ".join(value)
        elif spec.kind in ("multi",):
            value = list(value)
        elif spec.kind in ("text", "date", "int", "longtext"):
            value = str(value)
        values[spec.key] = value
    return values


# -- field-level checks: (message key, fields) or None --------------------------------------
Check = tuple[str, dict[str, Any]] | None


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def field_problem(spec: FieldSpec, raw: Any) -> Check:
    """A problem with one raw value, as a catalogue key (checked as the person types)."""
    text = raw.strip() if isinstance(raw, str) else raw
    if spec.required and text in ("", None):
        return (N_("tui.intake.error.required"), {})
    if text in ("", None):
        return None
    if spec.kind == "date" and _date(text) is None:
        return (N_("tui.intake.error.date"), {})
    if spec.kind == "int" and not re.fullmatch(r"\d+", text):
        return (N_("tui.intake.error.int"), {})
    if spec.key == "bsn" and not bsn_valid(text):
        return (N_("tui.intake.error.bsn"), {})
    if spec.key == "weekly_hours" and not 1 <= int(text) <= 60:
        return (N_("tui.intake.error.hours"), {})
    if spec.key == "municipality" and not is_municipality_code(text):
        return (N_("tui.intake.error.municipality"), {})
    if spec.kind == "pairs" and _pairs(text) is None:
        return (N_("tui.intake.error.pairs"), {})
    return None


def _pairs(text: str) -> dict[str, float] | None:
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, number = part.partition("=")
        try:
            out[name.strip()] = float(number)
        except ValueError:
            return None
        if not sep or not name.strip():
            return None
    return out


def _typed(spec: FieldSpec, raw: Any) -> Any:
    """The value for the client dict; text that does not parse stays text (parse_client says why)."""
    text = raw.strip() if isinstance(raw, str) else raw
    if spec.kind == "date":
        return _date(text) or text
    if spec.kind == "int":
        return int(text) if re.fullmatch(r"\d+", text) else text
    if spec.kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if spec.kind == "pairs":
        parsed = _pairs(text)
        return parsed if parsed is not None else {}
    if spec.kind == "multi":
        return list(text or ())
    return text


def collect(values: dict[str, Any]) -> dict[str, Any]:
    """A client dict from the raw values (empty optional fields left out)."""
    data: dict[str, Any] = {}
    for spec in FIELDS:
        raw = values.get(spec.key)
        if spec.kind in ("bool", "multi"):
            if spec.kind == "multi" and spec.key == "work.experience" and not raw:
                continue
            value = bool(raw) if spec.kind == "bool" else _typed(spec, raw)
        else:
            if raw in (None, "") or (isinstance(raw, str) and not raw.strip()):
                continue
            value = _typed(spec, raw)
        if spec.key == "route.choice" and value is None:
            continue
        target = data
        parts = spec.key.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    route = data.get("route")
    if route is not None and "choice" not in route:
        data.pop("route")  # a reason without a choice is not a decision
    elif route is not None:
        route.setdefault("reason", "")
    for key in ("notes", "own_goals", "own_wishes", "own_worries"):
        if key in data:
            data[key] = values[key]  # keep the line breaks and spacing as typed
    return data


def field_for(path: str) -> str | None:
    """The form field a problem's key path belongs to (``availability.days[1]`` → days)."""
    path = re.sub(r"\[[^\]]*\]", "", path)
    while path:
        if path in BY_KEY:
            return path
        if path == "route":
            return "route.reason"
        path = path.rpartition(".")[0]
    return None


@attrs.frozen
class Outcome:
    """The result of checking the whole form: a client, or problems per field."""

    client: Client | None
    problems: dict[str, str]  # field key -> message
    general: tuple[str, ...] = ()  # problems that belong to no single field


def check(values: dict[str, Any], t: Callable[..., str], source: str = "intake") -> Outcome:
    """Every problem at once: field checks first (in the UI's language), then parse_client."""
    problems: dict[str, str] = {}
    for spec in FIELDS:
        found = field_problem(spec, values.get(spec.key))
        if found is not None:
            problems[spec.key] = t(found[0], **found[1])
    if values.get("route.choice") and not str(values.get("route.reason", "")).strip():
        problems.setdefault("route.reason", t("tui.intake.error.reason"))
    general: list[str] = []
    try:
        client = parse_client(collect(values), source)
    except InputError as error:
        for problem in error.problems:
            key = field_for(problem.path)
            if key is None:
                general.append(problem.text(t))
            else:
                problems.setdefault(key, problem.say(t))
        return Outcome(None, problems, tuple(general))
    if problems:
        return Outcome(None, problems)
    return Outcome(client, {})
