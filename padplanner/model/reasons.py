"""Explanations: every choice in a plan carries reasons, and every problem a finding.

A reason or finding names its rule, the client fields the rule read (``inputs``) and the data
its sentence is made from (``values``: numbers, dates, module ids, levels, ...). Its ``text``
(``message`` for a finding) is the rule's own words in English, kept for readers of the plan
JSON; documents and screens make the sentence in the reader's language from the rule's
templates and the values (:mod:`padplanner.catalog.sentences`), so nobody parses a text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
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


class Values(Mapping[str, Any]):
    """The data a sentence is made from: an immutable, hashable mapping of names to text,
    numbers, dates, or lists of them (lists are kept as tuples)."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        items = dict(data) if data else {}
        _check_names(items)
        if not _SCALAR_TYPES.issuperset(map(type, items.values())):  # lists, or a mistake
            for name, value in items.items():
                items[name] = _freeze(name, value)
        self._data = items
        self._hash: int | None = None

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))
        return self._hash

    def __repr__(self) -> str:
        return f"Values({self._data!r})"


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
