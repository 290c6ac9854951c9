"""The document's words for values chosen at run time: routes, kinds, skills, conversations.

Each table maps a value (a route id, an activity kind, ...) to its message id; the texts are in
the catalogues (``doc.*``). A value a plugin brings that no table knows is shown as it is.
"""

from __future__ import annotations

from padplanner.catalog.sentences import ROUTES, SKILL_NAMES
from padplanner.i18n import N_

__all__ = [
    "CHECKINS",
    "DIPLOMAS",
    "KINDS",
    "LAWS",
    "PLAIN_KINDS",
    "PLAIN_PARTS",
    "ROUTES",
    "SEVERITIES",
    "SKILL_NAMES",
]

LAWS = {"wi2021": N_("doc.law.wi2021"), "wi2013": N_("doc.law.wi2013")}
KINDS = {  # the timeline's legend
    "literacy": N_("doc.kind.literacy"),
    "language": N_("doc.kind.language"),
    "civic": N_("doc.kind.civic"),
    "values": N_("doc.kind.values"),
    "work": N_("doc.kind.work"),
    "education": N_("doc.kind.education"),
    "support": N_("doc.kind.support"),
}
PLAIN_KINDS = {  # an activity in everyday words (the A2 summary), by kind
    "literacy": N_("doc.plain.literacy"),
    "work": N_("doc.plain.work"),
    "education": N_("doc.plain.education"),
    "values": N_("doc.plain.values"),
    "support": N_("doc.plain.support"),
}
PLAIN_PARTS = {"knm": N_("doc.plain.knm"), "pvt": N_("doc.plain.pvt"), "map": N_("doc.plain.map")}
CHECKINS = {  # what a conversation is (why it is held: its reasons' sentences)
    "progress": N_("doc.checkin.progress"),
    "map-final": N_("doc.checkin.map-final"),
    "job-follow-up": N_("doc.checkin.job-follow-up"),
}
SEVERITIES = {
    "error": N_("doc.sev.error"),
    "warning": N_("doc.sev.warning"),
    "info": N_("doc.sev.info"),
}
DIPLOMAS = {
    "none": N_("doc.diploma.none"),
    "secondary": N_("doc.diploma.secondary"),
    "vocational": N_("doc.diploma.vocational"),
    "bachelor": N_("doc.diploma.bachelor"),
    "master": N_("doc.diploma.master"),
    "doctorate": N_("doc.diploma.doctorate"),
}
