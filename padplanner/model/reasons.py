"""Explanations: every choice in a plan carries reasons, and every problem a finding.

A reason or finding names its rule, the client fields the rule read (``inputs``) and the data
its sentence is made from (``values``: numbers, dates, module ids, levels, ...). Its ``text``
(``message`` for a finding) is the rule's own words in English, kept for readers of the plan
JSON; documents and screens make the sentence in the reader's language from the rule's
templates and the values (:mod:`padplanner.catalog.sentences`), so nobody parses a text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import attrs

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

_SCALARS = (str, int, float, bool, dt.date, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)


def _tuple(value) -> tuple:
    return tuple(value)


def _freeze(name: str, value: Any) -> Any:
    if type(value) in _SCALAR_TYPES:
        return value
    if isinstance(value, list | tuple):
        items = tuple(value)
        if _SCALAR_TYPES.issuperset(map(type, items)):
            return items
        for item in items:
            if not isinstance(item, _SCALARS):
                raise TypeError(
                    f"value {name!r}: a list may hold text, numbers and dates only, "
                    f"got {type(item).__name__}"
                )
        return items
    raise TypeError(
        f"value {name!r}: expected text, a number, a date or a list of them, "
        f"got {type(value).__name__}"
    )


def _check_names(items: dict[str, Any]) -> None:
    try:
        if all(map(str.isidentifier, items)):
            return
    except TypeError:
        pass
    bad = next(n for n in items if not isinstance(n, str) or not n.isidentifier())
    raise ValueError(f"value names must be identifiers, got {bad!r}")


class Values(dict[str, Any]):
    """The data a sentence is made from: an immutable, hashable mapping of names to text,
    numbers, dates, or lists of them (lists are kept as tuples).

    A ``dict`` that refuses changes: reasons are made in every plan (dozens of times), so it
    costs a dict copy and two checks, and it reads and serialises as a dict."""

    __slots__ = ()

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        super().__init__(data or ())
        _check_names(self)
        if not _SCALAR_TYPES.issuperset(map(type, self.values())):  # lists, or a mistake
            for name, value in self.items():
                dict.__setitem__(self, name, _freeze(name, value))

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the values of a reason cannot change")

    __setitem__ = __delitem__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = __ior__ = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items(), key=lambda kv: kv[0])))

    def __repr__(self) -> str:
        return f"Values({dict.__repr__(self)})"

    def __reduce__(self) -> tuple:
        return (Values, (dict(self),))


EMPTY = Values()


def _values(value: Mapping[str, Any] | None) -> Values:
    if isinstance(value, Values):
        return value
    return Values(value) if value else EMPTY


@attrs.frozen
class Reason:
    """Why something is in a plan: a stable rule id, the rule's own words (English), the
    client fields it read, and the values its sentence is made from."""

    rule: str
    text: str
    inputs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    values: Values = attrs.field(default=EMPTY, converter=_values)


@attrs.frozen
class Finding:
    """Something a counsellor should know about a plan (a deadline, a risk, an advice)."""

    severity: Severity = attrs.field(validator=attrs.validators.in_(SEVERITIES))
    rule: str
    message: str
    inputs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    values: Values = attrs.field(default=EMPTY, converter=_values)
