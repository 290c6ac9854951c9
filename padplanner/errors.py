"""Errors that reach a person: each problem names the file, the key path and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Literal, get_args, get_origin

import attrs

from padplanner.i18n import N_


class Phrased(str):
    """An English message that also carries its message id in the catalogues and the values
    it names: used as a plain ``str`` (logs, ``str()``, checks that return "why, or None"),
    and said in the reader's language once it becomes a :class:`Problem`'s message."""

    __slots__ = ("key", "values")
    key: str
    values: dict[str, object]

    def __new__(cls, key: str, values: dict[str, object]) -> Phrased:
        from padplanner.i18n import texts

        message = super().__new__(cls, _fill(texts("en"), key, values))
        message.key, message.values = key, values
        return message

    def __reduce__(self) -> tuple:  # pickled whole (a plugin's failure in a cohort's worker)
        return (Phrased, (self.key, self.values))


def _fill(t: Any, key: str, values: dict[str, object]) -> str:
    """The message ``key`` of ``t`` with ``values``, whole numbers as its language writes them."""
    return t(key, **{name: _value(t, value) for name, value in values.items()})


def _value(t: Any, value: object) -> object:
    if isinstance(value, Phrased):  # a message inside a message: in the same language
        return _fill(t, value.key, value.values)
    if isinstance(value, int) and not isinstance(value, bool):
        return t.number(value)
    if isinstance(value, datetime):  # a moment: its date as the language writes it
        return f"{t.date(value.date())} {value:%H:%M:%S}"
    if isinstance(value, date):
        return t.date(value)
    return value


def phrased(key: str, /, **values: object) -> Phrased:
    """The catalogues' message ``key`` filled with ``values``: English, carrying its id."""
    return Phrased(key, values)


def said(t: Any, message: str) -> str:
    """``message`` in the language of ``t`` when it is :func:`phrased` (and ``t`` has its id),
    else as it is."""
    if isinstance(message, Phrased) and getattr(t, "has", None) and t.has(message.key):
        return _fill(t, message.key, message.values)
    return str.__str__(message) if isinstance(message, str) else str(message)


@attrs.frozen
class Problem:
    """One problem: where (a file or an option, and a key path in it) and what to do.

    ``message`` is English (logs, JSON, ``str()``). A problem made with :meth:`worded` also
    carries its message id in the catalogues and the values it names, so it can be shown in
    the reader's language (:meth:`text`), as does a problem whose message is :func:`phrased`."""

    file: str
    path: str
    message: str
    key: str | None = attrs.field(default=None, eq=False, repr=False)
    values: dict[str, object] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def worded(cls, file: str, path: str, key: str, /, **values: object) -> Problem:
        """A problem whose words are the catalogues' message ``key`` filled with ``values``."""
        from padplanner.i18n import texts

        return cls(file, path, _fill(texts("en"), key, values), key, values)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.message, Phrased):  # the message id travels with a phrased message
            if self.key is None:
                object.__setattr__(self, "key", self.message.key)
                object.__setattr__(self, "values", self.message.values)
            object.__setattr__(self, "message", str.__str__(self.message))

    def say(self, t: Any) -> str:
        """The message alone (no file or path) in the language of ``t``; a problem without a
        message id keeps its message."""
        if self.key and getattr(t, "has", None) and t.has(self.key):
            return _fill(t, self.key, self.values)
        return self.message

    def text(self, t: Any) -> str:
        """The problem in the language of ``t`` (a :class:`~padplanner.i18n.messages.Texts`);
        a problem without a message id keeps its message."""
        message = self.say(t)
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {message}"

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class InputError(ValueError):
    """Bad input (a client file, a catalogue, a plugin): one or more problems, all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def text(self, t: Any) -> str:
        """Every problem, one a line, in the language of ``t`` (see :meth:`Problem.text`)."""
        return "\n".join(p.text(t) for p in self.problems)


class PlanningError(RuntimeError):
    """Planning stopped for a client, e.g. because a municipality's rule plugin failed.

    ``str()`` is English (logs); a :func:`phrased` message is also said in the reader's
    language by :meth:`text`."""

    def __init__(self, message: str, *, plugin: str = "", hook: str = "", client: str = ""):
        self.plugin, self.hook, self.client = plugin, hook, client
        self.message = message
        super().__init__(str.__str__(message) if isinstance(message, str) else message)

    def text(self, t: Any) -> str:
        """The message in the language of ``t``."""
        return said(t, self.message)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` was probably meant to be, or None (for a "did you mean")."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def phrased_closest(
    key: str, near: str, word: str, choices: Iterable[str], /, **values: object
) -> Phrased:
    """Message ``key`` about ``word``, which is none of ``choices``; or message ``near``,
    given also ``close`` (a "did you mean"), when one of them is near (:func:`closest`).
    Callers mark both ids with ``N_``, so the catalogues find them."""
    close = closest(word, choices)
    return phrased(near, **values, close=close) if close else phrased(key, **values)


def unknown_key(key: str, names: Sequence[str]) -> Phrased:
    """An unknown key of a file or table, with the keys it allows in ``names``' order and
    the one it is closest to, if any."""
    return phrased_closest(
        N_("input.field.unknown"),
        N_("input.field.unknown.close"),
        key,
        names,
        key=repr(key),
        allowed=", ".join(names),
    )


def _unknown(keys: list[str], names: list[str]) -> Phrased:
    if len(keys) > 1:
        many = ", ".join(map(repr, keys))
        return phrased("input.field.unknown.many", keys=many, allowed=", ".join(names))
    return unknown_key(keys[0], names)


def _format(exc: BaseException, type_) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if exc.args and isinstance(exc.args[0], Phrased):  # already worded where it was raised
        return exc.args[0]
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        return _unknown(sorted(exc.extra_fields), names)
    if isinstance(exc, KeyError):
        return phrased("input.field.missing")
    if get_origin(type_) is Literal and " not in literal " in str(exc):
        value = str(exc).split(" not in literal ", 1)[0]
        choices = [str(c) for c in get_args(type_)]
        allowed = ", ".join(choices)
        return phrased_closest(
            N_("input.field.choice"),
            N_("input.field.choice.close"),
            value,
            choices,
            value=repr(value),
            allowed=allowed,
        )
    if isinstance(exc, ValueError | TypeError):
        text = str(exc)
        if text.startswith("expected "):
            return text
        if "invalid literal for int" in text or type_ is int:
            return phrased("input.field.int", reason=text)
        if type_ is float:
            return phrased("input.field.number", reason=text)
        return text
    return str(exc)


def problems_from_cattrs(exc: Exception, file: str, prefix: str = "") -> list[Problem]:
    """One :class:`Problem` per leaf error of a cattrs exception group, with its key path;
    a message worded with :func:`phrased` keeps its message id."""
    import cattrs  # only when there is such an error: `padplanner --help` does not load it

    worded: dict[str, Phrased] = {}

    def format_exception(error: BaseException, type_) -> str:
        message = _format(error, type_)
        if isinstance(message, Phrased):
            worded[str.__str__(message)] = message
        return message

    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=format_exception):
        message, _, where = line.rpartition(" @ ")
        path = where.removeprefix("$").lstrip(".")
        if prefix:
            path = f"{prefix}.{path}" if path and not path.startswith("[") else prefix + path
        problems.append(Problem(file, path, worded.get(message, message)))
    return problems
