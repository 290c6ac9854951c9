"""The transparency report: every active rule for a municipality, in plain words.

For each plugin taking part (the law first): its owner, and per rule the text (nl or en),
what its reasons and findings say (the rule's sentence, values shown by name), the hook it
acts through, its legal basis or policy source, the client fields it reads, and the
rule cases that pin it. Rule texts come from ``[rule."id"]`` tables in catalogue files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from padplanner.catalog.sentences import outline
from padplanner.engine.planner import Planner
from padplanner.i18n import resolve_lang, texts
from padplanner.rulecases import read_cases


def _cases(folder: str) -> dict[str, list[str]]:
    """rule id → names of the rule cases (in ``folder``) that pin it."""
    out: dict[str, list[str]] = {}
    if not folder or not Path(folder).is_dir():
        return out
    for file in sorted(Path(folder).glob("*.toml")):
        try:
            cases = read_cases(file)
        except (OSError, ValueError):
            continue
        for case in cases:
            for rule in case.get("rules", []):
                out.setdefault(rule, []).append(f"{file.name}: {case.get('name', '?')}")
    return out


def _says(spec: Any, lang: str) -> str | None:
    """What a reason or finding of the rule says in ``lang``, its values shown by name
    (``‹weeks›``); None when the rule has no sentence (its reasons quote their own words)."""
    sentence = spec.says if spec.says is not None else None
    return outline(sentence.get(lang)) if sentence is not None else None


def report(planner: Planner, municipality: str, lang: str | None = None) -> dict[str, Any]:
    lang = resolve_lang(lang)
    catalog = planner.catalog(municipality)
    plugins = sorted(planner.manager.serving(municipality), key=lambda p: (not p.builtin, p.name))
    out = {"schema": "padplanner.rules/1", "municipality": municipality, "plugins": []}
    for plugin in plugins:
        cases = _cases(plugin.info.rule_cases)
        rules = [
            {
                "id": rule_id,
                "hook": spec.hook,
                "text": spec.text.get(lang),
                "says": _says(spec, lang),
                "source": spec.source,
                "inputs": list(spec.inputs),
                "tests": cases.get(rule_id, []),
            }
            for rule_id, spec in catalog.rules.items()
            if rule_id.split(".", 1)[0] == plugin.name
        ]
        out["plugins"].append(
            {
                "name": plugin.name,
                "version": plugin.info.version,
                "owner": plugin.info.owner,
                "municipalities": list(plugin.info.municipalities),
                "hooks": list(plugin.hooks),
                "rules": rules,
            }
        )
    blocked = planner.manager.blocked(municipality)
    out["load_errors"] = [{"plugin": e.plugin, "message": e.message} for e in blocked]
    return out


def to_markdown(data: dict[str, Any], lang: str | None = None) -> str:
    """The report as Markdown, its headings and labels in ``lang`` (default: the language of
    ``PADPLANNER_LANG``, else Dutch)."""
    t = texts(resolve_lang(lang))
    none = t("rules.none")
    lines = ["# " + t("rules.title", municipality=data["municipality"]), ""]
    if data["load_errors"]:
        lines += (
            ["**" + t("rules.failed") + "**", ""]
            + [f"- {e['plugin']}: {e['message']}" for e in data["load_errors"]]
            + [""]
        )
    for plugin in data["plugins"]:
        serves = ", ".join(plugin["municipalities"]) or t("rules.all")
        lines += [
            f"## {plugin['name']} {plugin['version']}",
            "",
            t("rules.owner", owner=plugin["owner"], serves=serves),
            "",
        ]
        for rule in plugin["rules"]:
            lines += [f"### `{rule['id']}`", "", rule["text"], ""]
            if rule.get("says"):
                lines.append("- " + t("rules.says", sentence=rule["says"]))
            lines.append("- " + t("rules.hook", hook=f"`{rule['hook']}`"))
            lines.append("- " + t("rules.source", source=rule["source"]))
            lines.append("- " + t("rules.reads", fields=", ".join(rule["inputs"]) or none))
            tests = "; ".join(rule["tests"]) if rule["tests"] else none
            lines.append("- " + t("rules.tests", tests=tests))
            lines.append("")
    return "\n".join(lines)


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
