"""The plugin manager: loading the plugins and choosing those that serve a municipality.

:class:`PluginManager` registers the law and the installed plugins (a plugin that cannot take
part becomes a :class:`LoadError` naming its package and the municipalities it blocks, never
an exception), and knows which plugins serve which municipality. The core never calls
``pm.hook.*`` directly: it asks :meth:`PluginManager.rules` for the :class:`Rules` of one
municipality (``rules.py``), which calls the law plugin and the plugins serving it, one
implementation at a time, so a failure names the plugin, the hook and the client.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pluggy

from padplanner import hooks
from padplanner.errors import phrased
from padplanner.hookcall import TimedOut, call_limited, hook_timeout
from padplanner.model import PluginInfo
from padplanner.model.client import is_municipality_code
from padplanner.rules import Rules

ENTRY_POINT_GROUP = "padplanner"
LAW_PLUGIN = "wi2021"


@attrs.frozen
class Distribution:
    """The installed package a plugin comes from: the name ``pip uninstall`` takes."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


def plugin_label(name: str, distribution: Distribution | None) -> str:
    """How messages name a plugin: ``'zwolle' (padplanner-zwolle 0.1.0)``, so an administrator
    knows which package to fix or uninstall."""
    return f"{name!r} ({distribution})" if distribution else repr(name)


@attrs.frozen
class LoadError:
    """A plugin that could not take part, and the municipalities whose planning it blocks."""

    plugin: str
    message: str
    municipalities: tuple[str, ...] = ()  # empty: unknown, so it blocks every municipality
    distribution: Distribution | None = None

    def blocks(self, municipality: str) -> bool:
        return not self.municipalities or municipality in self.municipalities


@attrs.frozen
class LoadedPlugin:
    """A plugin taking part: ``name`` is its registration (entry-point) name, ``info`` what it
    says about itself, ``distribution`` the installed package it came from (None for an object
    registered in this process)."""

    name: str
    info: PluginInfo
    hooks: tuple[str, ...]
    builtin: bool = False
    distribution: Distribution | None = None


def _distribution(entry_point: importlib.metadata.EntryPoint) -> Distribution | None:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return None
    return Distribution(dist.metadata.get("Name") or dist.name, dist.version)


def _own_distribution() -> Distribution | None:
    """padplanner's own distribution: where the built-in law comes from."""
    try:
        return Distribution("padplanner", importlib.metadata.version("padplanner"))
    except importlib.metadata.PackageNotFoundError:
        return None


def _dist_municipalities(entry_point: importlib.metadata.EntryPoint) -> tuple[str, ...]:
    """Municipality codes a distribution declares in its keywords (read when import fails)."""
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return ()
    words = re.split(r"[,\s]+", dist.metadata.get("Keywords") or "")
    return tuple(sorted(w for w in words if is_municipality_code(w)))


class PluginManager:
    """All plugins of one padplanner process. Not a module global: make as many as you like."""

    def __init__(self) -> None:
        self._pm = pluggy.PluginManager(hooks.PROJECT)
        self._pm.add_hookspecs(hooks)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.errors: list[LoadError] = []
        self.trace = bool(os.environ.get("PADPLANNER_TRACE_PLUGINS"))
        self.hook_timeout: float | None = hook_timeout()  # seconds per call; None: no limit
        self._rules: dict[str, Rules] = {}

    @classmethod
    def default(cls, *, entry_points: bool | None = None) -> PluginManager:
        """The law plugin plus every installed plugin (unless ``PADPLANNER_DISABLE_PLUGINS``)."""
        manager = cls()
        from padplanner.law import wi2021

        manager.register(wi2021, LAW_PLUGIN, builtin=True, distribution=_own_distribution())
        disabled = os.environ.get("PADPLANNER_DISABLE_PLUGINS", "")
        if entry_points is None:
            entry_points = disabled.strip().lower() not in ("1", "all", "true", "yes")
        if entry_points:
            skip = {name.strip() for name in disabled.split(",") if name.strip()}
            manager.load_entry_points(skip=skip)
        return manager

    # -- loading -------------------------------------------------------------------------
    def register(
        self,
        plugin: Any,
        name: str | None = None,
        *,
        builtin: bool = False,
        distribution: Distribution | None = None,
    ) -> str | None:
        """Register a module or object; problems become :attr:`errors`, never exceptions.
        ``distribution`` is the installed package it came from, named in every message."""
        name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        label = plugin_label(name, distribution)

        def failed(message: str, municipalities: tuple[str, ...] = ()) -> None:
            self.errors.append(LoadError(name, message, municipalities, distribution))

        info_impl = getattr(plugin, "padplanner_plugin_info", None)
        info: PluginInfo | None = None
        if info_impl is not None:
            try:
                info = info_impl() if builtin else call_limited(info_impl, (), self.hook_timeout)
            except TimedOut:
                seconds = f"{self.hook_timeout:g}"
                said = phrased("plugin.problem.info.timeout", plugin=label, seconds=seconds)
                self.errors.append(LoadError(name, said))
                return None
            except Exception as exc:  # a broken plugin must not take the process down
                failed(phrased("plugin.problem.info.raised", plugin=label, error=repr(exc)))
                return None
        if not isinstance(info, PluginInfo):
            failed(phrased("plugin.problem.info.missing", plugin=label))
            return None
        try:
            self._pm.register(plugin, name)
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            if self._pm.is_registered(plugin):
                self._pm.unregister(plugin)
            failed(
                phrased("plugin.problem.invalid", plugin=label, error=str(exc)), info.municipalities
            )
            return None
        except ValueError as exc:
            failed(
                phrased("plugin.problem.invalid", plugin=label, error=str(exc)), info.municipalities
            )
            return None
        implemented = tuple(
            sorted(
                hook
                for hook in dir(hooks)
                if hook.startswith("padplanner_")
                and any(
                    impl.plugin is plugin for impl in getattr(self._pm.hook, hook).get_hookimpls()
                )
            )
        )
        self.plugins[name] = LoadedPlugin(name, info, implemented, builtin, distribution)
        self._rules.clear()
        return name

    def load_entry_points(self, skip: Iterable[str] = ()) -> None:
        """Load the installed plugins, except those named in ``skip`` by entry-point name or by
        package name (``zwolle`` or ``padplanner-zwolle``)."""
        skip = set(skip)
        for entry_point in sorted(
            importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name
        ):
            if entry_point.name in skip or entry_point.name in self.plugins:
                continue
            distribution = _distribution(entry_point)
            if distribution is not None and distribution.name in skip:
                continue
            try:
                plugin = entry_point.load()
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                message = (
                    phrased(
                        "plugin.problem.import.from",
                        name=entry_point.name,
                        distribution=str(distribution),
                        error=error,
                    )
                    if distribution
                    else phrased("plugin.problem.import", name=entry_point.name, error=error)
                )
                self.errors.append(
                    LoadError(
                        entry_point.name, message, _dist_municipalities(entry_point), distribution
                    )
                )
                continue
            self.register(plugin, entry_point.name, distribution=distribution)

    def label(self, name: str) -> str:
        """How messages name the plugin registered as ``name`` (see :func:`plugin_label`)."""
        loaded = self.plugins.get(name)
        return plugin_label(name, loaded.distribution if loaded else None)

    def unregister(self, name: str) -> None:
        plugin = self._pm.get_plugin(name)
        if plugin is not None:
            self._pm.unregister(plugin)
        self.plugins.pop(name, None)
        self._rules.clear()

    # -- selection -----------------------------------------------------------------------
    def serving(self, municipality: str) -> list[LoadedPlugin]:
        return [p for p in self.plugins.values() if p.builtin or p.info.serves(municipality)]

    def blocked(self, municipality: str) -> list[LoadError]:
        return [error for error in self.errors if error.blocks(municipality)]

    def catalog_paths(self, municipality: str) -> list[Path]:
        """Catalogue files of the non-built-in plugins serving ``municipality``."""
        paths: list[Path] = []
        rules = self.rules(municipality)
        for result in rules.collect("padplanner_catalogs", client_id=""):
            paths.extend(Path(p) for p in result)
        return paths

    def rules(self, municipality: str) -> Rules:
        if municipality not in self._rules:
            names = [p.name for p in self.serving(municipality)]
            self._rules[municipality] = Rules(self, municipality, names)
        return self._rules[municipality]

    def impls(self, hook: str, names: Iterable[str]) -> list[pluggy.HookImpl]:
        allowed = set(names)
        impls = getattr(self._pm.hook, hook).get_hookimpls()
        # pluggy calls the last registered first, tryfirst before, trylast after: same order
        return [impl for impl in reversed(impls) if impl.plugin_name in allowed]


def hook_names() -> list[str]:
    """Every hook of the specification, in the order of ``hooks.py``."""
    return [
        name
        for name, value in inspect.getmembers(hooks, inspect.isfunction)
        if name.startswith("padplanner_")
    ]
