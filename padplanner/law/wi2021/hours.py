"""How many hours a module takes this person: the reference hours scaled by learner profile,
or by the municipality's own calibrated figures when it opted into them."""

from __future__ import annotations

from typing import Any

from padplanner.plugin import (
    ClientView,
    HoursEstimate,
    Module,
    PlanContext,
    Reason,
    hookimpl,
    hours_profile,
    reference_factor,
)

_PROFILE_LABEL = {
    "not-literate": "not literate at intake",
    "fast-track": "fast track",
    "none": "no schooling",
    "primary": "primary education",
    "secondary": "secondary education",
    "vocational": "vocational education",
    "higher": "higher education",
}
_PROFILE_INPUTS = ("learnability", "education", "literacy", "aim", "dutch_contact")


def _h(hours: float) -> str:
    return f"{hours:,.0f}"


@hookimpl(trylast=True)  # a municipality's own figures come first
def padplanner_module_hours(client: ClientView, module: Module, ctx: PlanContext) -> HoursEstimate:
    if module.scaling == "fixed":
        reason = Reason(
            "wi2021.hours.fixed",
            f"{module.hours:g} h as the programme prescribes",
            (),
            {"hours": module.hours},
        )
        return HoursEstimate(module.hours, module.hours, module.hours, reason)
    learnability = ctx.param("hours_factor_learnability")[client.learnability]
    learnability_label = f"{client.learnability} learnability"
    spread = ctx.param("hours_range")
    rule, calibration, calibrated = "wi2021.hours.profile", None, None
    if module.scaling == "profile":
        profile = hours_profile(client.education, client.literacy, client.learnability, client.aim)
        calibration = ctx.param("hours_calibration") or {}
        calibrated = calibration.get("profiles", {}).get(profile)
        values: dict[str, Any] = {"profile": profile}
        if calibrated is not None:
            rule, factor, spread = (
                "wi2021.hours.calibrated",
                calibrated["factor"],
                calibration["spread"],
            )
            label = (
                f"{_PROFILE_LABEL[profile]}, calibrated on {calibrated['n']} people, "
                f"95 % interval {calibrated['low']:g}–{calibrated['high']:g}"
            )
            values.update(
                n=calibrated["n"],
                interval_low=calibrated["low"],
                interval_high=calibrated["high"],
                made=calibration["made"],
            )
        else:
            factor, label = reference_factor(ctx.param, profile), _PROFILE_LABEL[profile]
        contact = ctx.param("hours_factor_contact")[client.dutch_contact]
        hours = module.hours * factor * contact * learnability
        factors = (
            (factor, label),
            (contact, f"{client.dutch_contact} Dutch contact"),
            (learnability, learnability_label),
        )
        inputs = _PROFILE_INPUTS
        values.update(profile_factor=factor, contact=client.dutch_contact, contact_factor=contact)
    else:
        hours = module.hours * learnability
        factors = ((learnability, learnability_label),)
        inputs = ("learnability",)
        values = {"variant": "learnability"}
    low, high = hours * spread["low"], hours * spread["high"]
    steps = " × ".join(f"{factor:g} ({label})" for factor, label in factors if factor != 1)
    text = (
        f"{module.hours:g} h reference"
        + (f" × {steps}" if steps else "")
        + (f" = {_h(hours)} h (range {_h(low)}–{_h(high)} h)")
    )
    if calibration and calibrated is not None:
        text += f"; calibration of {calibration['made']}"
    values.update(
        reference=module.hours,
        learnability=client.learnability,
        learnability_factor=learnability,
        hours=round(hours),
        low=round(low),
        high=round(high),
    )
    return HoursEstimate(hours, low, high, Reason(rule, text, inputs, values))
