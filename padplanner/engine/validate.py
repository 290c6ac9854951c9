"""Checks on a client that need the catalogue: sector keys, module ids and competency names.

A client file can be well-formed and still name a sector or module no catalogue has
(``work.goal = "logistic"``). Planning it anyway would silently drop the work goal or the hours
already done, so these are input errors with the key path and a "did you mean".

Names are checked against every installed catalogue (:class:`Names`), not only the one of
the person's municipality: after a move, hours done in the old municipality's own modules are
history the new plan does not use, not a typing error.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from padplanner.catalog import Catalog
from padplanner.engine.adjust import Adjustments
from padplanner.errors import Phrased, Problem, phrased, phrased_closest
from padplanner.i18n import N_
from padplanner.model import Client, Requirement


@attrs.frozen
class Names:
    """Module ids, sector keys and competencies (with their scale's levels) that exist."""

    modules: frozenset[str]
    sectors: frozenset[str]
    levels: dict[str, tuple[str, ...] | None]  # competency -> levels, None for a flag

    @classmethod
    def of(cls, catalogs: Iterable[Catalog]) -> Names:
        modules: set[str] = set()
        sectors: set[str] = set()
        levels: dict[str, tuple[str, ...] | None] = {}
        for catalog in catalogs:
            modules.update(catalog.modules)
            sectors.update(catalog.sectors)
            for name, comp in catalog.competencies.items():
                levels[name] = catalog.scales.get(comp.scale, ()) if comp.scale else None
        return cls(frozenset(modules), frozenset(sectors), levels)


def client_problems(
    client: Client, catalog: Catalog, source: str | None = None, known: Names | None = None
) -> list[Problem]:
    """Every reference in ``client`` no catalogue knows (``known``, default: ``catalog``)."""
    names = known or Names.of([catalog])
    file = source or client.id
    out: list[Problem] = []
    sectors = sorted(names.sectors)

    def sector(path: str, key: str) -> None:
        if key not in names.sectors:
            listed = ", ".join(sectors)
            said = phrased_closest(
                N_("input.client.sector"),
                N_("input.client.sector.close"),
                key,
                sectors,
                key=repr(key),
                sectors=listed,
            )
            out.append(Problem(file, path, said))

    if client.work.goal is not None:
        sector("work.goal", client.work.goal)
    for position, key in enumerate(client.work.experience):
        sector(f"work.experience[{position}]", key)
    for module_id in client.progress.hours_done:
        if module_id not in names.modules:
            said = phrased_closest(
                N_("input.client.module"),
                N_("input.client.module.close"),
                module_id,
                names.modules,
                key=repr(module_id),
            )
            out.append(Problem(file, f"progress.hours_done.{module_id}", said))
    for position, text in enumerate(client.progress.completed):
        path = f"progress.completed[{position}]"
        try:
            requirement = Requirement.parse(text)
        except ValueError as exc:
            out.append(Problem(file, path, exc.args[0]))
            continue
        if requirement.name not in names.levels:
            name = requirement.name
            said = phrased_closest(
                N_("input.client.competency"),
                N_("input.client.competency.close"),
                name,
                names.levels,
                key=repr(name),
            )
            out.append(Problem(file, path, said))
            continue
        levels = names.levels[requirement.name]
        if levels is None and requirement.level is not None:
            out.append(
                Problem(file, path, phrased("input.client.flag", key=repr(requirement.name)))
            )
        elif levels is not None and requirement.level not in levels:
            said = phrased("input.client.levels", name=requirement.name, levels=" ".join(levels))
            out.append(Problem(file, path, said))
    return out


def adjust_problems(
    adjust: Adjustments, catalog: Catalog, known: Names | None = None, source: str = "adjustments"
) -> list[Problem]:
    """Module ids and a sector in a counsellor's edits that no catalogue knows."""
    names = known or Names.of([catalog])
    out: list[Problem] = []
    for field in ("pins", "remove", "add"):
        for module_id in getattr(adjust, field):
            if module_id not in names.modules:
                out.append(
                    Problem(source, f"{field}.{module_id}", _unknown(module_id, names.modules))
                )
    if adjust.sector is not None and adjust.sector not in names.sectors:
        said = _unknown(adjust.sector, names.sectors, sector=True)
        out.append(Problem(source, "sector", said))
    return out


def _unknown(key: str, choices: Iterable[str], sector: bool = False) -> Phrased:
    """An unknown module (or sector) in a counsellor's edits, with a "did you mean"."""
    if sector:
        keys = N_("input.adjust.sector"), N_("input.adjust.sector.close")
    else:
        keys = N_("input.adjust.module"), N_("input.adjust.module.close")
    return phrased_closest(*keys, key, choices, key=repr(key))
