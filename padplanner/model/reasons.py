"""Explanations: every choice in a plan carries reasons, and every problem a finding."""

from __future__ import annotations

from typing import Literal

import attrs

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


def _tuple(value) -> tuple:
    return tuple(value)


@attrs.frozen
class Reason:
    """Why something is in a plan: a stable rule id, plain text, and the client fields read."""

    rule: str
    text: str
    inputs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "text": self.text, "inputs": list(self.inputs)}


@attrs.frozen
class Finding:
    """Something a counsellor should know about a plan (a deadline, a risk, an advice)."""

    severity: Severity = attrs.field(validator=attrs.validators.in_(SEVERITIES))
    rule: str
    message: str
    inputs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def to_dict(self) -> dict:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "inputs": list(self.inputs),
        }
