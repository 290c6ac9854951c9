"""Every text of the terminal UI, in Dutch (default) and English: one catalogue.

``Texts(lang)`` looks texts up by key; ``{name}`` fields are filled from keyword arguments.
The language comes from, in order: an explicit choice, ``PADPLANNER_LANG``, the settings file
(:mod:`padplanner.tui.settings`), Dutch. Findings are written in the words of the person's PIP
(:func:`padplanner.export.plain.finding_words`) in Dutch and as the engine's message in English;
"why?" and the route open with the PIP's plain words; the rule trail's reasons come from the
engine and the plugins and are shown as they are.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_LANG = "nl"

# key: (nl, en)
CATALOGUE: dict[str, tuple[str, str]] = {
    # app
    "app.title": ("padplanner", "padplanner"),
    "app.subtitle": ("inburgeringsplannen", "integration plans"),
    "app.quit": ("Stoppen", "Quit"),
    "app.help": ("Help", "Help"),
    "app.palette": ("Opdrachten", "Commands"),
    "app.palette.search": ("Zoek een opdracht…", "Search for commands…"),
    "app.lang.switch": ("Taal: English", "Language: Nederlands"),
    "app.lang.switch.help": (
        "Schakel de interface naar het Engels (bewaard als instelling)",
        "Switch the interface to Dutch (saved as a setting)",
    ),
    "app.lang.switched": ("Taal gewijzigd naar Nederlands", "Language changed to English"),
    "app.back": ("Terug", "Back"),
    "app.error.internal": ("Onverwachte fout: {error}", "Unexpected error: {error}"),
    # loading / demo
    "loading.title": ("Demo-caseload vullen", "Filling the demo caseload"),
    "loading.text": (
        "{total} synthetische personen plannen en opslaan… {elapsed:.0f} s",
        "Planning and saving {total} synthetic people… {elapsed:.0f} s",
    ),
    "loading.failed": ("Demo vullen mislukt: {error}", "Filling the demo failed: {error}"),
    "loading.opening": ("Database openen…", "Opening the database…"),
    # caseload
    "caseload.title": ("Caseload", "Caseload"),
    "caseload.search": ("Zoek op naam of id…", "Search by name or id…"),
    "caseload.filter.route": ("Route", "Route"),
    "caseload.filter.risk": ("Risico", "Risk"),
    "caseload.filter.municipality": ("Gemeente", "Municipality"),
    "caseload.filter.all": ("alle", "all"),
    "caseload.col.name": ("Naam", "Name"),
    "caseload.col.route": ("Route", "Route"),
    "caseload.col.phase": ("Fase", "Phase"),
    "caseload.col.milestone": ("Volgende mijlpaal", "Next milestone"),
    "caseload.col.deadline": ("Einde", "Deadline"),
    "caseload.col.slack": ("Speling", "Slack"),
    "caseload.col.risk": ("Risico", "Risk"),
    "caseload.status": (
        "{first}–{last} van {total} · sortering: {order}",
        "{first}–{last} of {total} · sorted by: {order}",
    ),
    "caseload.empty": (
        "Geen personen gevonden. Druk n voor een nieuwe intake.",
        "Nobody found. Press n for a new intake.",
    ),
    "caseload.descending": ("aflopend", "descending"),
    "caseload.ascending": ("oplopend", "ascending"),
    "caseload.none_selected": ("Kies eerst een persoon", "Choose a person first"),
    "binding.open": ("Openen", "Open"),
    "binding.new": ("Nieuwe intake", "New intake"),
    "binding.edit_intake": ("Intake", "Intake"),
    "binding.search": ("Zoeken", "Search"),
    "binding.sort": ("Sorteren", "Sort"),
    "binding.next_page": ("Volgende pagina", "Next page"),
    "binding.prev_page": ("Vorige pagina", "Previous page"),
    "binding.progress": ("Voortgang", "Progress"),
    "binding.export": ("Exporteren", "Export"),
    "binding.rules": ("Regels", "Rules"),
    "binding.clear_filters": ("Filters wissen", "Clear filters"),
    # route, phase, risk words
    "route.b1": ("B1-route", "B1 route"),
    "route.onderwijs": ("Onderwijsroute", "Education route"),
    "route.z": ("Z-route", "Z route"),
    "route.none": ("–", "–"),
    "route.short.b1": ("B1", "B1"),
    "route.short.onderwijs": ("onderwijs", "education"),
    "route.short.z": ("Z", "Z"),
    "risk.none": ("geen", "none"),
    "risk.contact": ("contact", "contact"),
    "risk.behind": ("ACHTER", "BEHIND"),
    "risk.deadline": ("TERMIJN!", "DEADLINE!"),
    "phase.intake": ("intake", "intake"),
    "phase.waiting": ("wacht", "waiting"),
    "phase.literacy": ("alfa", "literacy"),
    "phase.language": ("taal", "language"),
    "phase.education": ("onderwijs", "education"),
    "phase.civic": ("KNM/PVT", "civic"),
    "phase.values": ("waarden", "values"),
    "phase.work": ("werk", "work"),
    "phase.support": ("steun", "support"),
    "phase.finished": ("klaar", "finished"),
    "phase.ended": ("beëindigd", "ended"),
    # intake
    "intake.title": ("Intake", "Intake"),
    "intake.title.new": ("Nieuwe intake", "New intake"),
    "intake.section.person": ("Persoon", "Person"),
    "intake.section.term": ("Termijn en beschikbaarheid", "Term and availability"),
    "intake.section.profile": ("Leerprofiel", "Learner profile"),
    "intake.section.levels": ("Niveaus per vaardigheid", "Levels per skill"),
    "intake.section.work": ("Werk", "Work"),
    "intake.section.route": ("Routebesluit (optioneel)", "Route decision (optional)"),
    "intake.section.progress": ("Al gedaan", "Already done"),
    "intake.section.notes": ("Notities", "Notes"),
    "field.id": ("Id (pseudoniem)", "Id (pseudonym)"),
    "field.name": ("Naam", "Name"),
    "field.bsn": ("BSN", "BSN"),
    "field.birth_date": ("Geboortedatum", "Birth date"),
    "field.municipality": ("Gemeente (CBS-code)", "Municipality (CBS code)"),
    "field.term_start": ("Start termijn", "Term start"),
    "field.weekly_hours": ("Uren per week", "Hours per week"),
    "field.learnability": ("Leerbaarheid", "Learnability"),
    "field.education": ("Opleiding", "Education"),
    "field.education_years": ("Jaren onderwijs", "Years of education"),
    "field.literacy": ("Geletterdheid", "Literacy"),
    "field.dutch_contact": ("Contact met Nederlands", "Dutch outside lessons"),
    "field.aim": ("Doel", "Aim"),
    "field.levels.reading": ("Lezen", "Reading"),
    "field.levels.listening": ("Luisteren", "Listening"),
    "field.levels.writing": ("Schrijven", "Writing"),
    "field.levels.speaking": ("Spreken", "Speaking"),
    "field.work.experience": ("Werkervaring (sectoren)", "Work experience (sectors)"),
    "field.work.goal": ("Doelsector", "Target sector"),
    "field.work.foreign_diploma": ("Buitenlands diploma", "Foreign diploma"),
    "field.work.diploma_evaluated": ("Diploma gewaardeerd", "Diploma evaluated"),
    "field.availability.days": ("Beschikbare dagen", "Available days"),
    "field.availability.start_after": ("Beschikbaar vanaf", "Available from"),
    "field.availability.childcare_needed": ("Kinderopvang nodig", "Needs childcare"),
    "field.route.choice": ("Route", "Route"),
    "field.route.reason": ("Reden", "Reason"),
    "field.progress.completed": ("Behaald (pvt, knm, map…)", "Obtained (pvt, knm, map…)"),
    "field.progress.hours_done": ("Gevolgde uren (module=uren, …)", "Hours done (module=hours, …)"),
    "field.progress.extensions_weeks": ("Verlenging (weken)", "Extension (weeks)"),
    "field.notes": ("Notities", "Notes"),
    "field.none": ("(geen)", "(none)"),
    "intake.hint.date": ("jjjj-mm-dd", "yyyy-mm-dd"),
    "intake.hint.optional": ("optioneel", "optional"),
    "intake.error.date": (
        "geen geldige datum: schrijf jjjj-mm-dd, bv. 2025-09-01",
        "not a valid date: write yyyy-mm-dd, e.g. 2025-09-01",
    ),
    "intake.error.int": ("geen heel getal", "not a whole number"),
    "intake.error.number": ("geen getal", "not a number"),
    "intake.error.required": ("verplicht", "required"),
    "intake.error.bsn": (
        "BSN klopt niet (elfproef); controleer op een tikfout",
        "BSN fails the elfproef; check for a typing error",
    ),
    "intake.error.hours": ("tussen 1 en 60 uur per week", "between 1 and 60 hours a week"),
    "intake.error.municipality": ("CBS-code zoals GM0034", "CBS code such as GM0034"),
    "intake.error.pairs": (
        "schrijf module=uren, gescheiden door komma's",
        "write module=hours, separated by commas",
    ),
    "intake.error.reason": (
        "een routebesluit heeft een reden nodig",
        "a route decision needs a reason",
    ),
    "intake.error.exists": (
        "er bestaat al een persoon met id {id}",
        "a person with id {id} exists",
    ),
    "intake.invalid": (
        "{count} veld(en) kloppen niet; zie de meldingen bij de velden",
        "{count} field(s) are not valid; see the messages at the fields",
    ),
    "intake.reason.update": ("intake bijgewerkt in de TUI", "intake corrected in the TUI"),
    "intake.saved": ("Concept opgeslagen: {id}", "Draft saved: {id}"),
    "intake.unsaved": (
        "Niet opgeslagen. Ctrl+S bewaart het concept; Esc nogmaals verlaat zonder opslaan.",
        "Not saved. Ctrl+S keeps the draft; Esc again leaves without saving.",
    ),
    "binding.save_draft": ("Concept opslaan", "Save draft"),
    "binding.plan_now": ("Opslaan en plannen", "Save and plan"),
    # plan
    "plan.title": ("Plan", "Plan"),
    "plan.summary": (
        "{name} · {route} · klaar {completion} · termijn tot {deadline} · speling {slack} wk"
        " · {hours} u · revisie {revision}",
        "{name} · {route} · done {completion} · deadline {deadline} · slack {slack} wk"
        " · {hours} h · revision {revision}",
    ),
    "plan.unsaved": ("niet opgeslagen", "unsaved"),
    "plan.edits": ("Wijzigingen: {edits}", "Edits: {edits}"),
    "plan.no_edits": ("geen wijzigingen", "no edits"),
    "plan.tab.timeline": ("Tijdlijn", "Timeline"),
    "plan.tab.activities": ("Activiteiten", "Activities"),
    "plan.tab.route": ("Route", "Route"),
    "plan.tab.findings": ("Bevindingen", "Findings"),
    "plan.tab.compare": ("Vergelijken", "Compare"),
    "plan.col.start": ("Start", "Start"),
    "plan.col.end": ("Einde", "End"),
    "plan.col.weeks": ("Wk", "Wk"),
    "plan.col.hpw": ("u/w", "h/w"),
    "plan.col.hours": ("Uren", "Hours"),
    "plan.col.activity": ("Activiteit", "Activity"),
    "plan.col.flags": ("", ""),
    "plan.pinned": ("vast", "pinned"),
    "plan.why.title": ("Waarom {activity}?", "Why {activity}?"),
    "plan.why.rules": ("Regelspoor", "Rule trail"),
    "plan.why.reads": ("leest: {inputs}", "reads: {inputs}"),
    "plan.why.chain": ("Afhankelijkheden", "Dependencies"),
    "plan.why.no_chain": ("Geen: kan meteen starten", "None: can start straight away"),
    "plan.why.grants": ("levert: {grants}", "grants: {grants}"),
    "plan.why.hint": (
        "Kies een activiteit en druk w voor de uitleg",
        "Choose an activity and press w for the explanation",
    ),
    "plan.route.current": ("Route: {route}", "Route: {route}"),
    "plan.route.override": (
        "Besluit van de consulent: {route} — {reason}",
        "Counsellor decision: {route} — {reason}",
    ),
    "plan.goals": ("Doelen: {goals}", "Goals: {goals}"),
    "plan.findings.none": ("Geen bevindingen", "No findings"),
    "severity.error": ("FOUT", "ERROR"),
    "severity.warning": ("LET OP", "WARNING"),
    "severity.info": ("INFO", "INFO"),
    "plan.compare.none": (
        "Nog geen eerdere revisie om mee te vergelijken",
        "No earlier revision to compare with yet",
    ),
    "plan.compare.with": ("Vergeleken met revisie {revision}", "Compared with revision {revision}"),
    "plan.compare.same": ("Geen verschil", "No difference"),
    "change.route": ("Route: {old} → {new}", "Route: {old} → {new}"),
    "change.completion": (
        "Klaar: {old} → {new} ({delta:+d} wk)",
        "Completion: {old} → {new} ({delta:+d} wk)",
    ),
    "change.slack": ("Speling: {old} → {new} wk", "Slack: {old} → {new} wk"),
    "change.hours": ("Uren: {old} → {new}", "Hours: {old} → {new}"),
    "change.added": ("+ {activity} (week {week})", "+ {activity} (week {week})"),
    "change.removed": ("− {activity}", "− {activity}"),
    "change.moved": (
        "~ {activity}: week {old} → {new}",
        "~ {activity}: week {old} → {new}",
    ),
    "change.finding_new": ("! nieuw: {message}", "! new: {message}"),
    "change.finding_gone": ("✓ opgelost: {message}", "✓ resolved: {message}"),
    "plan.stopped": ("Planning gestopt: {error}", "Planning stopped: {error}"),
    "plan.busy": (
        "Het plan wordt nog gemaakt; even geduld",
        "The plan is still being made; a moment please",
    ),
    "plan.loading": ("Plan maken…", "Planning…"),
    "plan.saved": ("Revisie {revision} opgeslagen", "Revision {revision} saved"),
    "plan.nothing_to_save": ("Niets nieuws om op te slaan", "Nothing new to save"),
    "plan.undo.none": ("Geen wijziging om terug te draaien", "No edit to undo"),
    "plan.undone": ("Laatste wijziging teruggedraaid", "Last edit undone"),
    "plan.required": (
        "{module} is nodig: zonder kan het plan zijn doelen niet halen",
        "{module} is needed: without it the plan cannot reach its goals",
    ),
    "plan.no_addable": (
        "Geen modules toe te voegen waarvan aan de voorwaarden is voldaan",
        "No modules to add whose requirements can be met",
    ),
    "binding.why": ("Waarom?", "Why?"),
    "binding.hours": ("Uren/week", "Hours/week"),
    "binding.days": ("Dagen", "Days"),
    "binding.pin": ("Startweek vast", "Pin start"),
    "binding.remove": ("Weglaten", "Leave out"),
    "binding.add": ("Toevoegen", "Add module"),
    "binding.sector": ("Sector", "Sector"),
    "binding.route": ("Route kiezen", "Choose route"),
    "binding.save": ("Opslaan", "Save"),
    "binding.undo": ("Ongedaan", "Undo"),
    "binding.compare": ("Vergelijken", "Compare"),
    "binding.zoom": ("Zoom", "Zoom"),
    "edit.hours": ("Uren per week: {value}", "Hours a week: {value}"),
    "edit.days": ("Dagen: {value}", "Days: {value}"),
    "edit.pin": ("{module} vast op week {value}", "{module} pinned at week {value}"),
    "edit.remove": ("{module} weggelaten", "{module} left out"),
    "edit.add": ("{module} toegevoegd", "{module} added"),
    "edit.sector": ("Sector: {value}", "Sector: {value}"),
    "edit.route": ("Route: {value}", "Route: {value}"),
    # dialogs
    "dialog.ok": ("OK", "OK"),
    "dialog.cancel": ("Annuleren", "Cancel"),
    "dialog.reason": ("Reden (verplicht)", "Reason (required)"),
    "dialog.reason.missing": ("Geef een reden", "Give a reason"),
    "dialog.reason.placeholder": (
        "waarom? (komt in het plan en het dossier)",
        "why? (goes into the plan and the record)",
    ),
    "dialog.hours.title": ("Uren per week", "Hours a week"),
    "dialog.days.title": ("Beschikbare dagen", "Available days"),
    "dialog.days.none": ("Kies minstens één dag", "Choose at least one day"),
    "dialog.pin.title": ("Startweek van {module}", "Start week of {module}"),
    "dialog.pin.help": (
        "Week 0 is de eerste week van het plan (nu week {week})",
        "Week 0 is the plan's first week (now week {week})",
    ),
    "dialog.remove.title": ("{module} weglaten", "Leave out {module}"),
    "dialog.add.title": ("Module toevoegen", "Add a module"),
    "dialog.sector.title": ("Doelsector", "Target sector"),
    "dialog.route.title": ("Route kiezen", "Choose the route"),
    "dialog.save.title": ("Revisie opslaan", "Save a revision"),
    "dialog.save.reason": ("Reden van deze revisie", "Reason for this revision"),
    "dialog.conflict.title": ("Iemand anders was eerder", "Someone else saved first"),
    "dialog.conflict.text": (
        "{error}\n\nJe wijzigingen zijn niet verloren. Herladen haalt de nieuwste revisie op"
        " en past je wijzigingen daar opnieuw op toe.",
        "{error}\n\nYour edits are not lost. Reload fetches the latest revision and applies"
        " your edits to it again.",
    ),
    "dialog.conflict.reload": ("Herladen en opnieuw toepassen", "Reload and reapply"),
    "dialog.error.title": ("Planning gestopt", "Planning stopped"),
    "dialog.value.invalid": ("Geen geldige waarde: {error}", "Not a valid value: {error}"),
    # progress
    "progress.title": ("Voortgang", "Progress"),
    "progress.col.activity": ("Activiteit", "Activity"),
    "progress.col.planned": ("Gepland", "Planned"),
    "progress.col.actual": ("Gedaan", "Done"),
    "progress.col.diff": ("Verschil", "Difference"),
    "progress.col.status": ("Stand", "Status"),
    "progress.ahead": ("voor", "ahead"),
    "progress.behind": ("achter", "behind"),
    "progress.on_track": ("op schema", "on track"),
    "progress.not_started": ("nog niet", "not yet"),
    "progress.events": ("Vastgelegd", "Recorded"),
    "progress.no_events": ("Nog niets vastgelegd", "Nothing recorded yet"),
    "progress.kind": ("Soort", "Kind"),
    "progress.kind.hours": ("Uren", "Hours"),
    "progress.kind.exam": ("Examen", "Exam"),
    "progress.kind.completed": ("Onderdeel behaald", "Component completed"),
    "progress.kind.placement-started": ("Werkplek gestart", "Placement started"),
    "progress.kind.placement-ended": ("Werkplek afgerond", "Placement ended"),
    "progress.kind.job-started": ("Baan gestart", "Job started"),
    "progress.kind.job-ended": ("Baan beëindigd", "Job ended"),
    "progress.kind.extension": ("Verlenging", "Extension"),
    "progress.kind.contact": ("Gesprek gevoerd", "Conversation held"),
    "progress.kind.moved": ("Verhuisd", "Moved"),
    "progress.kind.term-ended": ("Termijn beëindigd", "Term ended"),
    "progress.amount.hours": ("uren", "hours"),
    "progress.amount.exam": ("niveau, bv. A2", "level, e.g. A2"),
    "progress.amount.completed": ("", ""),
    "progress.amount.placement-started": ("", ""),
    "progress.amount.placement-ended": ("", ""),
    "progress.amount.job-started": ("uren/week", "hours/week"),
    "progress.amount.extension": ("weken", "weeks"),
    "progress.amount.contact": ("", ""),
    "progress.cause.illness": ("ziekte", "illness"),
    "progress.cause.birth": ("geboorte (+16 wk)", "birth (+16 wk)"),
    "progress.cause.other": ("anders", "other"),
    "progress.topic.progress": ("voortgang", "progress"),
    "progress.topic.map-final": ("eindgesprek MAP", "final MAP interview"),
    "progress.topic.job-follow-up": ("nazorg baan", "job follow-up"),
    "progress.topic.other": ("anders", "other"),
    "progress.summary": (
        "{name} · revisie {revision} · risico: {risk} · {missing} u achterstand",
        "{name} · revision {revision} · risk: {risk} · {missing} h missing",
    ),
    "progress.done": ("klaar", "done"),
    "progress.col.what": ("Wat", "What"),
    "progress.col.author": ("Door", "By"),
    "progress.replan.reason": (
        "opnieuw gepland op {date} met de vastgelegde voortgang",
        "replanned on {date} from the progress recorded",
    ),
    "progress.module": ("Module", "Module"),
    "progress.amount": ("Uren / weken", "Hours / weeks"),
    "progress.date": ("Datum", "Date"),
    "progress.exam": ("Examenonderdeel", "Exam part"),
    "progress.result": ("Uitslag", "Result"),
    "progress.passed": ("geslaagd", "passed"),
    "progress.failed": ("gezakt", "failed"),
    "progress.note": ("Toelichting", "Note"),
    "progress.record": ("Vastleggen", "Record"),
    "progress.recorded": ("Vastgelegd: {event}", "Recorded: {event}"),
    "progress.replanned": (
        "Opnieuw gepland vanaf {date}: revisie {revision}",
        "Replanned from {date}: revision {revision}",
    ),
    "progress.need_plan": (
        "Nog geen opgeslagen plan: maak en bewaar eerst een plan",
        "No saved plan yet: make and save a plan first",
    ),
    "progress.error.amount": ("geef een positief aantal", "give a positive number"),
    "progress.error.module": ("kies een module", "choose a module"),
    "binding.record": ("Vastleggen", "Record"),
    "binding.replan": ("Opnieuw plannen", "Replan"),
    "binding.plan": ("Plan", "Plan"),
    # export
    "export.title": ("Exporteren", "Export"),
    "export.format": ("Formaat", "Format"),
    "export.path": ("Bestand", "File"),
    "export.audience": ("Voor", "For"),
    "export.audience.formal": ("PIP (besluit)", "PIP (decision)"),
    "export.audience.person": (
        "Samenvatting voor de persoon (A2)",
        "Summary for the person (A2)",
    ),
    "export.write": ("Schrijven", "Write"),
    "export.written": ("Geschreven: {path} ({size} bytes)", "Written: {path} ({size} bytes)"),
    "export.failed": ("Exporteren mislukt: {error}", "Export failed: {error}"),
    "export.exists": (
        "{path} bestaat al; druk nogmaals om te overschrijven",
        "{path} exists; press again to overwrite",
    ),
    "export.no_plan": ("Geen plan om te exporteren", "No plan to export"),
    "export.fmt.text": ("Tekst", "Text"),
    "export.fmt.json": ("JSON (padplanner.plan/1)", "JSON (padplanner.plan/1)"),
    "export.fmt.md": ("Persoonlijk plan (Markdown)", "Personal plan (Markdown)"),
    "export.fmt.html": ("Persoonlijk plan (HTML)", "Personal plan (HTML)"),
    "export.fmt.pdf": ("Persoonlijk plan (PDF)", "Personal plan (PDF)"),
    "export.fmt.ics": ("Agenda (iCalendar)", "Calendar (iCalendar)"),
    "binding.write": ("Schrijven", "Write"),
    # rules and plugins
    "rules.title": ("Plugins en regels", "Plugins and rules"),
    "rules.municipality": ("Gemeente", "Municipality"),
    "rules.plugins": ("Actieve plugins", "Active plugins"),
    "rules.col.plugin": ("Plugin", "Plugin"),
    "rules.col.version": ("Versie", "Version"),
    "rules.col.serves": ("Gemeenten", "Municipalities"),
    "rules.col.hooks": ("Hooks", "Hooks"),
    "rules.all": ("alle", "all"),
    "rules.errors": ("Niet geladen", "Failed to load"),
    "rules.no_errors": ("Alle plugins geladen", "All plugins loaded"),
    "rules.blocked": (
        "planning voor {municipality} staat stil tot {plugin} werkt of verwijderd is",
        "planning for {municipality} is stopped until {plugin} works or is uninstalled",
    ),
    "rules.source": ("bron: {source}", "source: {source}"),
    "rules.tests": ("{count} test(s)", "{count} test(s)"),
    "rules.bad_code": ("{code} is geen CBS-code (GM0034)", "{code} is not a CBS code (GM0034)"),
    "binding.reload": ("Vernieuwen", "Reload"),
    # help
    "help.title": ("Help: {screen}", "Help: {screen}"),
    "help.keys": ("Toetsen", "Keys"),
    "help.global": (
        "Ctrl+P opent de opdrachten van dit scherm; Esc gaat terug; ? toont deze hulp.",
        "Ctrl+P opens this screen's commands; Esc goes back; ? shows this help.",
    ),
    "help.caseload": (
        "Alle personen in één tabel. Zoek met /, filter met de keuzelijsten, sorteer op de"
        " kolom onder de cursor met s, blader met [ en ].",
        "Everyone in one table. Search with /, filter with the lists, sort by the column under"
        " the cursor with s, page with [ and ].",
    ),
    "help.intake": (
        "Vul de velden in; fouten staan direct bij het veld. Ctrl+S bewaart een concept,"
        " Ctrl+R bewaart en plant.",
        "Fill in the fields; problems show at the field. Ctrl+S saves a draft, Ctrl+R saves"
        " and plans.",
    ),
    "help.plan": (
        "Elke wijziging plant meteen opnieuw. w toont waarom een activiteit erin staat;"
        " Ctrl+S bewaart een revisie met reden; z draait de laatste wijziging terug.",
        "Every edit replans at once. w shows why an activity is there; Ctrl+S saves a"
        " revision with a reason; z undoes the last edit.",
    ),
    "help.progress": (
        "Leg uren, examens, plekken, een baan of verlenging vast; r plant opnieuw vanaf vandaag.",
        "Record hours, exams, placements, a job or an extension; r replans from today.",
    ),
    "help.export": (
        "Kies een formaat en een bestand; Ctrl+S schrijft het.",
        "Choose a format and a file; Ctrl+S writes it.",
    ),
    "help.rules": (
        "Plugins voor de gekozen gemeente, plugins die niet laadden en alle regels in gewone"
        " woorden.",
        "Plugins for the chosen municipality, plugins that failed to load and every rule in"
        " plain words.",
    ),
    # timeline
    "timeline.scale": ("1 kolom = {weeks} wk", "1 column = {weeks} wk"),
    "timeline.today": ("vandaag", "today"),
    "timeline.deadline": ("einde termijn", "end of term"),
    "timeline.late": ("na de termijn", "after the term"),
    "timeline.hpw": ("u/w", "h/w"),
    "kind.language": ("taal", "language"),
    "kind.literacy": ("alfabetisering", "literacy"),
    "kind.civic": ("inburgering", "civic"),
    "kind.values": ("kernwaarden", "values"),
    "kind.work": ("werk", "work"),
    "kind.education": ("onderwijs", "education"),
    "kind.support": ("ondersteuning", "support"),
    # values of the client file's choice fields
    "value.learnability.low": ("laag", "low"),
    "value.learnability.average": ("gemiddeld", "average"),
    "value.learnability.high": ("hoog", "high"),
    "value.education.none": ("geen", "none"),
    "value.education.primary": ("basisonderwijs", "primary"),
    "value.education.secondary": ("voortgezet", "secondary"),
    "value.education.vocational": ("beroepsonderwijs", "vocational"),
    "value.education.higher": ("hoger onderwijs", "higher"),
    "value.literacy.none": ("niet geletterd", "not literate"),
    "value.literacy.other-script": ("ander schrift", "other script"),
    "value.literacy.latin": ("Latijns schrift", "Latin script"),
    "value.dutch_contact.none": ("geen", "none"),
    "value.dutch_contact.some": ("soms", "some"),
    "value.dutch_contact.daily": ("dagelijks", "daily"),
    "value.aim.work": ("werk", "work"),
    "value.aim.study": ("studie", "study"),
    "value.aim.participation": ("participatie", "participation"),
    "value.foreign_diploma.none": ("geen", "none"),
    "value.foreign_diploma.secondary": ("voortgezet", "secondary"),
    "value.foreign_diploma.vocational": ("beroeps", "vocational"),
    "value.foreign_diploma.bachelor": ("bachelor", "bachelor"),
    "value.foreign_diploma.master": ("master", "master"),
    "value.foreign_diploma.doctorate": ("doctoraat", "doctorate"),
    "value.day.mon": ("ma", "Mon"),
    "value.day.tue": ("di", "Tue"),
    "value.day.wed": ("wo", "Wed"),
    "value.day.thu": ("do", "Thu"),
    "value.day.fri": ("vr", "Fri"),
    "value.day.sat": ("za", "Sat"),
    "value.day.sun": ("zo", "Sun"),
    # commands in the palette
    "cmd.goto.caseload": ("Naar de caseload", "Go to the caseload"),
    "cmd.goto.rules": ("Plugins en regels", "Plugins and rules"),
    "cmd.goto.cohort": ("Naar cohort en beleid", "Go to cohort and policy"),
}

_SEVERITY_WORDS = {"error", "warning", "info"}


def resolve_lang(explicit: str | None = None, setting: str | None = None) -> str:
    """The language to use: explicit choice, ``PADPLANNER_LANG``, the setting, then Dutch."""
    for candidate in (explicit, os.environ.get("PADPLANNER_LANG"), setting):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    return DEFAULT_LANG


class Texts:
    """Look up texts in one language; a missing key is a programming error (KeyError)."""

    def __init__(self, lang: str = DEFAULT_LANG):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
        self.lang = lang
        self._index = LANGS.index(lang)

    def __call__(self, key: str, **fields: object) -> str:
        text = CATALOGUE[key][self._index]
        return text.format(**fields) if fields else text

    def has(self, key: str) -> bool:
        return key in CATALOGUE

    def get(self, key: str, default: str) -> str:
        """The text for ``key``, or ``default`` for words the catalogue does not know."""
        return self(key) if key in CATALOGUE else default

    def number(self, value: float, decimals: int = 0) -> str:
        """A number with thousands separators as the language writes them (nl: 2.206,5)."""
        text = f"{value:,.{decimals}f}"
        if self.lang == "nl":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def route(self, route: str | None) -> str:
        return self.get(f"route.{route}", route or self("route.none"))

    def severity(self, severity: str) -> str:
        return self(f"severity.{severity}") if severity in _SEVERITY_WORDS else severity

    def words(self, prefix: str, values: Iterable[str]) -> list[tuple[str, str]]:
        """``(label, value)`` pairs for a Select, labels looked up under ``prefix``."""
        return [(self.get(f"{prefix}.{v}", v), v) for v in values]
