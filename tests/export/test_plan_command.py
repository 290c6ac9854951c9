"""``padplanner plan FILE --format md|html|pdf|ics`` writes the documents."""

from __future__ import annotations

from pathlib import Path

from docshelp import html_text, pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "clients"


def test_plan_writes_each_document(cli, tmp_path):
    amal = EXAMPLES / "amal.toml"
    target = tmp_path / "plan.pdf"
    code, out, err = cli("plan", amal, "--format", "pdf", "-o", target)
    assert code == 0 and out == "" and "geschreven" in err
    text, pages = pdf_text(target.read_bytes())
    assert "Amal Haddad" in text and "15. Bezwaar maken" in text and pages > 1
    code, out, err = cli("plan", amal, "--format", "html", "--audience", "person", "--lang", "en")
    assert code == 0, err
    assert "Your integration plan" in html_text(out)
    code, out, _ = cli("plan", amal, "--format", "ics")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR") and "UID:GM0034.demo-0001." in out
    code, out, _ = cli("plan", amal, "--format", "md", "--bsn")
    assert code == 0 and "249566758" in out


def test_a_pdf_needs_a_file(cli):
    code, out, err = cli("plan", EXAMPLES / "amal.toml", "--format", "pdf")
    assert code == 2 and "-o" in err and out == ""
