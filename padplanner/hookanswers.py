"""What a plugin's hook may answer, and what is wrong with an answer, in words.

:func:`declared` reads the return type a hook declares in ``hooks.py``; :func:`describe` says
it in the reader's language (``a list of Goal``, ``a RouteAdvice or nothing``), the type's
own name as written; :func:`wrong_answer` compares a result with it (a test built once per
hook) and says what is wrong, naming the item of a list that is not what it should be. A
plugin may always answer None ("not me"). How the core calls a hook (the time limit, the
copies a plugin gets) is in ``hookcall.py``.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from padplanner.errors import Phrased, phrased


def _namespace() -> dict[str, Any]:
    from padplanner import hooks, model
    from padplanner.context import PlanContext

    return {**vars(hooks), **vars(model), "PlanContext": PlanContext}


@cache
def declared(hook: str) -> Any:
    """The return type ``hooks.py`` declares for ``hook`` (``Any`` when it cannot be read)."""
    from padplanner import hooks

    spec = getattr(hooks, hook, None)
    if spec is None:
        return Any
    try:
        return typing.get_type_hints(spec, globalns=_namespace()).get("return", Any)
    except Exception:  # a name only a type checker knows: do not guess
        return Any


def _union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def describe(tp: Any) -> str:
    """A declared type in words: ``a list of Goal``, ``a RouteAdvice or nothing``; said in the
    reader's language (:func:`~padplanner.errors.phrased`), the type's own name as written."""
    if tp is type(None):
        return phrased("plugin.type.none")
    if _union(tp):
        return _or([describe(arg) for arg in typing.get_args(tp)])
    origin = typing.get_origin(tp)
    if origin in (list, tuple, Sequence):
        (item, *_) = typing.get_args(tp) or (Any,)
        return phrased("plugin.type.list", name=_name(item))
    return _a(_name(tp))


def _or(words: list[str]) -> str:
    """``a or b or c``, each a phrase of its own."""
    out = words[0]
    for word in words[1:]:
        out = phrased("plugin.type.or", first=out, second=word)
    return out


def _name(tp: Any) -> str:
    if _union(tp):
        return " or ".join(_name(arg) for arg in typing.get_args(tp))
    return "path" if tp is Path else getattr(tp, "__name__", str(tp))


def _check(tp: Any) -> Callable[[Any], bool]:
    """A fast test for values of the type ``tp`` (built once per hook)."""
    if tp is Any:
        return lambda value: True
    if tp is type(None):
        return lambda value: value is None
    if _union(tp):
        tests = tuple(_check(arg) for arg in typing.get_args(tp))
        return lambda value: any(test(value) for test in tests)
    origin = typing.get_origin(tp)
    if origin in (list, tuple, Sequence):
        (item, *_) = typing.get_args(tp) or (Any,)
        test = _check(item)
        return lambda value: isinstance(value, list | tuple) and all(map(test, value))
    if origin is typing.Literal:
        choices = typing.get_args(tp)
        return lambda value: value in choices
    if tp is Path:
        return lambda value: isinstance(value, str | os.PathLike)
    if tp is float:
        return lambda value: isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(tp, type):
        return lambda value: isinstance(value, tp)
    return lambda value: True


def _matches(value: Any, tp: Any) -> bool:
    return _check(tp)(value)


@cache
def _hook_check(hook: str) -> Callable[[Any], bool]:
    return _check(declared(hook))


def _a(word: str) -> str:
    """``an int``, ``a Goal`` (Dutch: ``een int``)."""
    if word[:1].lower() in "aeiou":
        return phrased("plugin.type.an", name=word)
    return phrased("plugin.type.a", name=word)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def wrong_answer(hook: str, value: Any) -> Phrased | None:
    """What is wrong with ``value`` as an answer of ``hook`` (None: nothing; a plugin may
    always answer None, "not me")."""
    if value is None or _hook_check(hook)(value):
        return None
    tp = declared(hook)
    expected = describe(tp)
    origin = typing.get_origin(tp)
    if origin in (list, tuple, Sequence) and isinstance(value, list | tuple):
        (item, *_) = typing.get_args(tp) or (Any,)
        for position, entry in enumerate(value):
            if not _matches(entry, item):
                return phrased(
                    "plugin.answer.item",
                    position=position,
                    got=_a(type(entry).__name__),
                    shown=_shown(entry),
                    want=_a(_name(item)),
                    hook=hook,
                    expected=expected,
                )
    return phrased(
        "plugin.answer",
        got=_a(type(value).__name__),
        shown=_shown(value),
        hook=hook,
        expected=expected,
    )
