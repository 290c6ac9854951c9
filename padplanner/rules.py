"""The rules of one municipality: the hooks of the law plugin and of the plugins serving it.

:class:`Rules` is what the core calls instead of ``pm.hook.*``: one implementation at a time,
in pluggy's order (:meth:`~Rules.first`, :meth:`~Rules.collect`,
:meth:`~Rules.collect_by_plugin`). The law is called directly; any other plugin gets its own
copy of the person's view, plans and activities without a counsellor's words, and must
answer within the time limit with the type its hook declares (``hookcall.py``,
``hookanswers.py``). A failure names the plugin and its package, the hook and the client in
the reader's language; planning stops when a plugin for the municipality failed to load.
``PADPLANNER_TRACE_PLUGINS`` logs every call. :meth:`PluginManager.rules
<padplanner.plugins.PluginManager.rules>` makes them (``plugins.py``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from padplanner.errors import PlanningError, phrased
from padplanner.hookanswers import wrong_answer
from padplanner.hookcall import ENV_TIMEOUT, TimedOut, call_limited, frozen_copy, without_free_text
from padplanner.i18n import N_

if TYPE_CHECKING:
    from padplanner.plugins import PluginManager

log = logging.getLogger("padplanner.plugins")  # the traced calls: the plugin manager's log


class Rules:
    """The hooks of one municipality: the law plugin plus the plugins serving it."""

    def __init__(self, manager: PluginManager, municipality: str, names: list[str]):
        self.manager = manager
        self.municipality = municipality
        self.names = tuple(names)
        self._impls: dict[str, list[tuple[str, Any, tuple[str, ...]]]] = {}
        self._builtin = {name for name in names if manager.plugins[name].builtin}
        self._views: dict[str, tuple[Any, Any]] = {}  # plugin -> (view, its copy)
        self._cleaned: tuple[Any, Any] | None = None  # (plan or activities, without free text)

    def national(self, plugin: str) -> bool:
        """Whether ``plugin`` is built in (the law), not a municipality's or another's."""
        return plugin in self._builtin

    def _get(self, hook: str) -> list[tuple[str, Any, tuple[str, ...]]]:
        if hook not in self._impls:
            self._impls[hook] = [
                (impl.plugin_name, impl.function, tuple(impl.argnames))
                for impl in self.manager.impls(hook, self.names)
            ]
        return self._impls[hook]

    def check(self, client_id: str) -> None:
        """Stop planning when a plugin for this municipality failed to load."""
        blocked = self.manager.blocked(self.municipality)
        if blocked:
            error = blocked[0]
            said = (
                phrased(
                    "plugin.problem.blocked",
                    client=client_id,
                    municipality=self.municipality,
                    problem=error.message,
                )
                if client_id
                else phrased(
                    "plugin.problem.blocked.anyone",
                    municipality=self.municipality,
                    problem=error.message,
                )
            )
            raise PlanningError(said, plugin=error.plugin, client=client_id)

    def _view(self, plugin: str, view: Any) -> Any:
        """The plugin's own copy of a person's view: made once per plugin and plan."""
        cached = self._views.get(plugin)
        if cached is not None and cached[0] is view:
            return cached[1]
        copy = frozen_copy(view)
        self._views[plugin] = (view, copy)
        return copy

    def _clean(self, value: Any) -> Any:
        """A plan or activities without a counsellor's words: made once per plan."""
        cached = self._cleaned
        if cached is not None and cached[0] is value:
            return cached[1]
        clean = without_free_text(value)
        self._cleaned = (value, clean)
        return clean

    def _plugin_args(self, plugin: str, argnames: tuple[str, ...], args: list) -> list:
        """What a plugin gets: its own copy of the person's view; plans and activities without
        a counsellor's words; lists as tuples; the context as it is (read-only)."""
        out = []
        for name, value in zip(argnames, args, strict=True):
            if name == "client":
                value = self._view(plugin, value)
            elif name == "clients":
                value = tuple(frozen_copy(view) for view in value)
            elif name in ("plan", "activities"):
                value = self._clean(value)
            elif type(value) is list:
                value = tuple(value)
            out.append(value)
        return out

    def _call(
        self,
        plugin: str,
        function: Any,
        argnames: tuple[str, ...],
        hook: str,
        client_id: str,
        kwargs: dict,
    ) -> Any:
        """One plugin's hook: the law directly; any other plugin on its own copies of what it
        reads (never the context), within the time limit. Its answer is checked."""
        args = [kwargs[name] for name in argnames]
        limit = self.manager.hook_timeout
        try:
            if plugin in self._builtin:
                result = function(*args)
            else:
                args = self._plugin_args(plugin, argnames, args)
                result = call_limited(function, args, limit)
        except TimedOut:
            seconds = f"{limit:g}"
            raise self._fault(
                N_("plugin.problem.timeout"), plugin, hook, client_id, seconds=seconds
            ) from None
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            raise self._fault(
                N_("plugin.problem.failed"), plugin, hook, client_id, error=error
            ) from exc
        problem = wrong_answer(hook, result)
        if problem is not None:
            raise self._fault(N_("plugin.problem.wrong"), plugin, hook, client_id, problem=problem)
        if self.manager.trace:
            log.warning("%s %s(%s) -> %r", plugin, hook, ", ".join(argnames), result)
        return result

    def _fault(
        self, key: str, plugin: str, hook: str, client_id: str, **values: Any
    ) -> PlanningError:
        """A plugin's fault in a hook, naming the plugin (and its package), the hook and the
        client, in the reader's language (``key``: a ``plugin.problem.*`` message id)."""
        label = self.manager.label(plugin)
        said = phrased(
            key, plugin=label, hook=hook, client=client_id, variable=ENV_TIMEOUT, **values
        )
        return PlanningError(said, plugin=plugin, hook=hook, client=client_id)

    def first(self, hook: str, client_id: str, **kwargs: Any) -> Any:
        for plugin, function, argnames in self._get(hook):
            result = self._call(plugin, function, argnames, hook, client_id, kwargs)
            if result is not None:
                return result
        return None

    def collect(self, hook: str, client_id: str, **kwargs: Any) -> list[Any]:
        """Every plugin's non-``None`` answer, in calling order."""
        return [result for _, result in self.collect_by_plugin(hook, client_id, **kwargs)]

    def collect_by_plugin(self, hook: str, client_id: str, **kwargs: Any) -> list[tuple[str, Any]]:
        out = []
        for plugin, function, argnames in self._get(hook):
            result = self._call(plugin, function, argnames, hook, client_id, kwargs)
            if result is not None:
                out.append((plugin, result))
        return out
