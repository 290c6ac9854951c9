"""Read catalogue TOML files into one validated :class:`Catalog`.

Files are read in order: the national catalogue first, then each plugin's. Plugins add
scales, competencies, modules and sectors, and may override dated parameters for their
municipality; redefining a module is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import cattrs

from padplanner.catalog.calibration import SCHEMA as CALIBRATION_SCHEMA
from padplanner.catalog.calibration import parse_calibration
from padplanner.catalog.catalog import Catalog, Competency, compile_catalog
from padplanner.catalog.sentences import template_problems, unsaid
from padplanner.catalog.spec import (
    CatalogFile,
    CompetencySpec,
    ParameterSpec,
    RuleSpec,
    ScaleSpec,
    Sentence,
)
from padplanner.catalog.validate import usable_modules, validate_catalog, validate_graph
from padplanner.convert import converter
from padplanner.errors import InputError, Phrased, Problem, phrased, problems_from_cattrs
from padplanner.limits import load_toml, read_input
from padplanner.model.module import Module, Parameter, ParameterValue, Sector, Title


def national_catalog_dir() -> Path:
    """The national catalogue: ``curricula/`` in a checkout, ``padplanner/_curricula`` in a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_curricula", here.parent / "curricula"):
        if candidate.is_dir():
            return candidate / "wi2021"
    raise FileNotFoundError("the national catalogue (curricula/wi2021) is missing from the install")


CORE_RULES = Path(__file__).resolve().parent / "core.toml"
"""The rules of padplanner itself (engine and counsellor), read before every catalogue."""


def expand(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return files


def read_file(path: Path) -> tuple[CatalogFile | None, list[Problem]]:
    spec, _, problems = read_parts(path)
    return spec, problems


Positions = dict[str, tuple[int, ...]]


Parts = tuple[CatalogFile | None, Positions, list[Problem]]
# Files parsed in this process, by path and content: a planner loads the national catalogue
# once for itself and again under every plugin's municipality. Specs are frozen, so they are
# shared; keying on the bytes (not the modification time) means an edited file is always read.
_PARSED: dict[tuple[str, bytes], Parts] = {}
_PARSED_MAX = 256


def read_parts(path: Path) -> Parts:
    """Read one file; when parts of it are malformed, keep the parts that are not.

    Returns the file's spec (``None`` when it cannot be read or parsed at all), the original
    position of each kept ``[[module]]`` and ``[[sector]]`` (for key paths), and the problems.
    """
    try:
        data = read_input(path)  # a regular file of at most 1 MiB: never /dev/zero or a pipe
    except InputError as exc:
        return None, {}, list(exc.problems)
    key = (str(path), data)
    if key not in _PARSED:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = _parse(path, data)
    spec, positions, problems = _PARSED[key]
    return spec, positions, list(problems)


def _parse(path: Path, data: bytes) -> Parts:
    try:
        raw = load_toml(data, str(path))
    except InputError as exc:
        return None, {}, list(exc.problems)
    if raw.get("schema") == CALIBRATION_SCHEMA:  # a municipality's calibrated hours
        spec, problems = parse_calibration(raw, str(path))
        return spec, {"module": (), "sector": ()}, problems
    try:
        spec = converter.structure(raw, CatalogFile)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        problems = [_name_module(p, raw) for p in problems_from_cattrs(exc, str(path))]
        spec, positions = _salvage(raw)
        return spec, positions, problems
    return (
        spec,
        {"module": tuple(range(len(spec.module))), "sector": tuple(range(len(spec.sector)))},
        [],
    )


_TABLES = {
    "scale": ScaleSpec,
    "competency": CompetencySpec,
    "parameter": ParameterSpec,
    "rule": RuleSpec,
    "words": dict[str, Sentence],
}
_ARRAYS = {"module": Module, "sector": Sector}
_STRUCTURE_ERRORS = (cattrs.BaseValidationError, ValueError, TypeError)


def _salvage(raw: dict) -> tuple[CatalogFile, Positions]:
    """The entries of a malformed file that are fine on their own (their problems are reported
    already), so one bad module does not hide the checks on everything else."""
    parts: dict = {}
    positions: Positions = {}
    for key, cls in _TABLES.items():
        table = raw.get(key)
        if isinstance(table, dict):
            good = {}
            for name, value in table.items():
                try:
                    good[name] = converter.structure(value, cls)
                except _STRUCTURE_ERRORS:
                    continue
            parts[key] = good
    for key, cls in _ARRAYS.items():
        items = raw.get(key)
        if isinstance(items, list):
            kept, where = [], []
            for position, value in enumerate(items):
                try:
                    kept.append(converter.structure(value, cls))
                except _STRUCTURE_ERRORS:
                    continue
                where.append(position)
            parts[key] = tuple(kept)
            positions[key] = tuple(where)
    return CatalogFile(**parts), positions


def _name_module(problem: Problem, raw: dict) -> Problem:
    """Add the module id to a ``module[3].hours`` path so the reader finds it."""
    if problem.path.startswith("module["):
        index = problem.path[len("module[") :].split("]", 1)[0]
        modules = raw.get("module", [])
        if index.isdigit() and int(index) < len(modules) and isinstance(modules[int(index)], dict):
            module_id = modules[int(index)].get("id")
            if module_id:
                said = Phrased(problem.key, problem.values) if problem.key else problem.message
                in_module = phrased("input.catalog.in_module", problem=said, module=repr(module_id))
                return Problem(problem.file, problem.path, in_module)
    return problem


def load_catalog(
    paths: Sequence[Path | str] | None = None, overrides: Sequence[Path | str] = ()
) -> Catalog:
    """Load and validate catalogues; raise :class:`InputError` listing every problem found."""
    base = [CORE_RULES, *expand(paths if paths is not None else [national_catalog_dir()])]
    extra = expand(overrides)
    problems: list[Problem] = []
    scales: dict[str, tuple[str, ...]] = {}
    competencies: dict[str, Competency] = {}
    modules: dict[str, Module] = {}
    origins: dict[str, tuple[str, str]] = {}
    sectors: dict[str, Sector] = {}
    parameters: dict[str, Parameter] = {}
    param_origin: dict[str, str] = {}
    rules: dict = {}
    rule_origin: dict[str, str] = {}
    words: dict[str, dict] = {}
    for index, path in enumerate([*base, *extra]):
        is_override = index >= len(base)
        spec, positions, found = read_parts(path)
        problems.extend(found)
        if spec is None:
            continue
        where = str(path)
        for name, scale in spec.scale.items():
            if name in scales and scales[name] != scale.levels:
                said = phrased("input.catalog.scale.twice")
                problems.append(Problem(where, f"scale.{name}", said))
            scales[name] = scale.levels
        for name, comp in spec.competency.items():
            if name in competencies:
                said = phrased("input.catalog.competency.twice")
                problems.append(Problem(where, f"competency.{name}", said))
                continue
            title = comp.title or Title(name, name)
            competencies[name] = Competency(name, title, comp.scale, comp.intake, comp.source)
            origins[f"competency:{name}"] = (where, f"competency.{name}")
        for position, module in zip(positions.get("module", ()), spec.module, strict=True):
            if module.id in modules:
                first_file, first_path = origins[module.id]
                said = phrased(
                    "input.catalog.module.twice",
                    module=repr(module.id),
                    file=first_file,
                    path=first_path,
                )
                problems.append(Problem(where, f"module[{position}].id", said))
                continue
            modules[module.id] = module
            origins[module.id] = (where, f"module[{position}]")
        for position, sector in zip(positions.get("sector", ()), spec.sector, strict=True):
            if sector.key in sectors:
                said = phrased("input.catalog.sector.twice", key=repr(sector.key))
                problems.append(Problem(where, f"sector[{position}].key", said))
                continue
            sectors[sector.key] = sector
            origins[f"sector:{sector.key}"] = (where, f"sector[{position}]")
            for flag in (f"work:{sector.key}", f"practice:{sector.key}"):
                comp = Competency(flag, sector.title, None, False, sector.source)
                competencies.setdefault(flag, comp)
        for rule_id, rule in spec.rule.items():
            if rule_id in rules:
                problems.append(
                    Problem(where, f"rule.{rule_id}", phrased("input.catalog.rule.twice"))
                )
            rules[rule_id] = rule
            rule_origin[rule_id] = where
        for name, table in spec.words.items():
            known = words.setdefault(name, {})
            for value, word in table.items():
                if value in known:
                    said = phrased("input.catalog.word.twice")
                    problems.append(Problem(where, f"words.{name}.{value}", said))
                known[value] = word
        for name, param in spec.parameter.items():
            if name in parameters and not is_override and spec.schema != CALIBRATION_SCHEMA:
                said = phrased("input.catalog.parameter.twice", file=param_origin[name])
                problems.append(Problem(where, f"parameter.{name}", said))
                continue
            values = tuple(ParameterValue(v.start, v.value, v.source) for v in param.values)
            if spec.schema == CALIBRATION_SCHEMA and name in parameters:
                # calibrations add dated values: each applies from its own date
                kept = {v.start: v for v in parameters[name].values}
                kept.update({v.start: v for v in values})
                values = tuple(kept.values())
            if not values:
                said = phrased("input.catalog.parameter.values")
                problems.append(Problem(where, f"parameter.{name}.values", said))
                continue
            parameters[name] = Parameter(
                name, tuple(sorted(values, key=lambda v: v.start)), param.description
            )
            param_origin[name] = where
            origins[f"parameter:{name}"] = (where, f"parameter.{name}")
    # Every check runs even when earlier ones failed, so one run reports every problem; the
    # graph is compiled from the references that are valid (the others are reported above).
    problems += validate_catalog(scales, competencies, modules, sectors, parameters, origins)
    for rule_id, rule in rules.items():
        problems += template_problems(rule_id, rule, rule_origin[rule_id], words)
    catalog = compile_catalog(
        scales,
        competencies,
        usable_modules(modules, scales, competencies),
        sectors,
        parameters,
        tuple(base + extra),
        rules,
        words,
    )
    problems += validate_graph(catalog, origins)
    if problems:
        raise InputError(problems)
    return catalog


def unsaid_rules(catalog: Catalog) -> list[Problem]:
    """A problem for every rule of ``catalog`` that declares no sentence in Dutch and English
    (``says``): its reasons and findings would be quoted in the rule's own words only. Not a
    load error, so plugins written before sentences existed keep working; ``padplanner
    check`` reports it."""
    origin: dict[str, str] = {}
    for path in catalog.files:
        spec, _, _ = read_parts(path)
        for rule_id in spec.rule if spec is not None else ():
            origin.setdefault(rule_id, str(path))
    return [
        Problem(
            origin.get(rule_id, "catalogue"),
            f"rule.{rule_id}",
            phrased("input.catalog.rule.unsaid", table="says"),
        )
        for rule_id in unsaid(catalog.rules)
    ]
