"""Errors that reach a person: each problem names the file, the key path and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal, get_args, get_origin

import attrs


@attrs.frozen
class Problem:
    """One problem: where (a file or an option, and a key path in it) and what to do.

    ``message`` is English (logs, JSON, ``str()``). A problem made with :meth:`worded` also
    carries its message id in the catalogues and the values it names, so it can be shown in
    the reader's language (:meth:`text`)."""

    file: str
    path: str
    message: str
    key: str | None = attrs.field(default=None, eq=False, repr=False)
    values: dict[str, object] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def worded(cls, file: str, path: str, key: str, /, **values: object) -> Problem:
        """A problem whose words are the catalogues' message ``key`` filled with ``values``."""
        from padplanner.i18n import texts

        return cls(file, path, texts("en")(key, **values), key, values)

    def text(self, t: Any) -> str:
        """The problem in the language of ``t`` (a :class:`~padplanner.i18n.messages.Texts`);
        a problem without a message id keeps its message."""
        message = t(self.key, **self.values) if self.key and t.has(self.key) else self.message
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


class PlanningError(RuntimeError):
    """Planning stopped for a client, e.g. because a municipality's rule plugin failed."""

    def __init__(self, message: str, *, plugin: str = "", hook: str = "", client: str = ""):
        self.plugin, self.hook, self.client = plugin, hook, client
        super().__init__(message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _format(exc: BaseException, type_) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        names = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        parts = [
            f"unknown key {key!r}{did_you_mean(key, names)}" for key in sorted(exc.extra_fields)
        ]
        return "; ".join(parts) + f" (allowed: {', '.join(names)})"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if get_origin(type_) is Literal and " not in literal " in str(exc):
        value = str(exc).split(" not in literal ", 1)[0]
        choices = [str(c) for c in get_args(type_)]
        return f"{value!r} is not one of: {', '.join(choices)}{did_you_mean(value, choices)}"
    if isinstance(exc, ValueError | TypeError):
        text = str(exc)
        if text.startswith("expected "):
            return text
        if "invalid literal for int" in text or type_ is int:
            return f"expected a whole number ({text})"
        if type_ is float:
            return f"expected a number ({text})"
        return text
    return str(exc)


def problems_from_cattrs(exc: Exception, file: str, prefix: str = "") -> list[Problem]:
    """One :class:`Problem` per leaf error of a cattrs exception group, with its key path."""
    import cattrs  # only when there is such an error: `padplanner --help` does not load it

    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, where = line.rpartition(" @ ")
        path = where.removeprefix("$").lstrip(".")
        if prefix:
            path = f"{prefix}.{path}" if path and not path.startswith("[") else prefix + path
        problems.append(Problem(file, path, message))
    return problems
