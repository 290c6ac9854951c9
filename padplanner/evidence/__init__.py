"""Evidence of what works: the loop from recorded data back to plans and policy.

``calibrate`` (hours per level step per learner profile, from the store), ``lottery`` (fair
draws among ties at a cut-off), ``evaluate`` (effect estimates with intervals and power) and
``report`` (their HTML). The chance to finish on time lives with the planner
(``padplanner.engine.chance``), the outcome bands per policy with the cohort simulation
(``padplanner.cohort.effects``). Every tool reads only the pseudonymised research histories
(``padplanner.store.research``). See ``docs/evidence.md``.
"""
