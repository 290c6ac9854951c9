"""Checks on a client that need the catalogue: sector keys, module ids and competency names.

A client file can be well-formed and still name a sector or module the catalogue does not
have (``work.goal = "logistic"``). Planning it anyway would silently drop the work goal or the
hours already done, so these are input errors with the key path and a "did you mean".
"""

from __future__ import annotations

from padplanner.catalog import Catalog
from padplanner.errors import Problem, did_you_mean
from padplanner.model import Client, Requirement


def client_problems(client: Client, catalog: Catalog, source: str | None = None) -> list[Problem]:
    """Every reference in ``client`` the catalogue does not know; empty when all is well."""
    file = source or client.id
    out: list[Problem] = []
    sectors = sorted(catalog.sectors)

    def sector(path: str, key: str) -> None:
        if key not in catalog.sectors:
            out.append(
                Problem(
                    file,
                    path,
                    f"unknown sector {key!r}{did_you_mean(key, sectors)} "
                    f"(sectors: {', '.join(sectors)})",
                )
            )

    if client.work.goal is not None:
        sector("work.goal", client.work.goal)
    for position, key in enumerate(client.work.experience):
        sector(f"work.experience[{position}]", key)
    for module_id in client.progress.hours_done:
        if module_id not in catalog.modules:
            out.append(
                Problem(
                    file,
                    f"progress.hours_done.{module_id}",
                    f"unknown module {module_id!r}{did_you_mean(module_id, catalog.modules)}; "
                    "use a module id from the catalogue (padplanner graph lists them)",
                )
            )
    for position, text in enumerate(client.progress.completed):
        path = f"progress.completed[{position}]"
        try:
            requirement = Requirement.parse(text)
        except ValueError as exc:
            out.append(Problem(file, path, str(exc)))
            continue
        if requirement.name not in catalog.competencies:
            out.append(
                Problem(
                    file,
                    path,
                    f"unknown competency {requirement.name!r}"
                    f"{did_you_mean(requirement.name, catalog.competencies)} "
                    "(write a flag such as 'pvt', 'knm' or 'map')",
                )
            )
            continue
        scale = catalog.competencies[requirement.name].scale
        levels = catalog.scales.get(scale, ()) if scale else ()
        if scale is None and requirement.level is not None:
            out.append(
                Problem(file, path, f"{requirement.name!r} is a flag; write it without a level")
            )
        elif scale is not None and requirement.level not in levels:
            out.append(
                Problem(
                    file,
                    path,
                    f"write {requirement.name}>=LEVEL with a level of the {scale} scale "
                    f"({' '.join(levels)})",
                )
            )
    return out
