"""The user, team, audit and assign commands; bad input is exit 2 and changes nothing; every
look leaves exactly one row in the access log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text


def snapshot(deployment) -> dict[str, int]:
    """Rows per table and the logins with this run's prefix: to show nothing changed."""
    from sqlalchemy import create_engine

    engine = create_engine(deployment.url())
    with engine.connect() as conn:
        out = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("people", "teams", "users", "audit", "access_log", "shares")
        }
        out["roles"] = conn.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname LIKE :p"),
            {"p": f"{deployment.prefix}%"},
        ).scalar()
    engine.dispose()
    return out


def test_users_and_teams_from_the_command_line(cli, deployment):
    owner = deployment.url()
    name = f"{deployment.prefix}_eva"
    code, out, err = cli("team", "add", "team-c", "--name", "Team C", "--db", owner)
    assert code == 0 and out == "team team-c toegevoegd\n", err
    code, out, err = cli(
        "user", "add", name, "--role", "counsellor", "--team", "team-c", "--db", owner
    )
    assert code == 0, err
    assert (
        out == f"{name} toegevoegd (counsellor, team team-c); stel in hoe deze gebruiker inlogt\n"
    )
    code, out, err = cli("user", "list", "--json", "--db", owner)
    users = {u["name"]: u for u in json.loads(out)["users"]}
    assert users[name] == {"name": name, "role": "counsellor", "team": "team-c", "active": True}
    code, out, err = cli("team", "list", "--db", owner)
    assert "team-c" in out and "Team C" in out and "0 personen" in out
    admin = deployment.url(deployment.login("adm"))
    code, out, err = cli("user", "role", name, "teamlead", "--db", admin)
    assert code == 0 and out == f"{name} is nu teamlead\n", err
    code, out, err = cli("user", "disable", name, "--db", admin, "--lang", "en")
    assert code == 0 and out == f"{name} disabled\n", err
    code, out, err = cli("user", "list", "--db", owner)
    assert f"{name}" in out and "(uitgeschakeld)" in out
    code, out, err = cli("audit", "--user", deployment.login("adm"), "--json", "--db", owner)
    actions = [e["action"] for e in json.loads(out)["entries"]]
    assert "user.role" in actions and "user.disable" in actions
    code, out, err = cli("user", "enable", name, "--db", admin)
    assert code == 0 and out == f"{name} weer ingeschakeld\n", err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["user", "add", "{p}_x", "--role", "boss", "--team", "team-a"], "'boss' is niet een van"),
        (["user", "add", "{p}_x", "--role", "counsellor", "--team", "nope"], "onbekend team"),
        (["user", "add", "{p}_x", "--role", "counsellor"], "needs a team"),
        (["user", "add", "{p}_anna", "--role", "counsellor", "--team", "team-a"], "bestaat al"),
        (["user", "add", "postgres", "--role", "admin"], "already exists"),
        (["user", "add", "Bad Name", "--role", "admin"], "geen geldige naam"),
        (["user", "role", "{p}_nobody", "admin"], "onbekende gebruiker"),
        (["user", "role", "{p}_anna", "chief"], "'chief' is niet een van"),
        (["user", "disable", "{p}_nobody"], "onbekende gebruiker"),
        (["team", "add", "team-a"], "bestaat al"),
        (["person", "assign", "p-a1", "--team", "nope"], "onbekend team"),
        (["person", "assign", "nobody", "--team", "team-a"], "staat niet in de database"),
        (["audit", "--since", "yesterday"], "is geen datum"),
    ],
)
def test_bad_input_is_exit_2_and_changes_nothing(cli, deployment, argv, message):
    before = snapshot(deployment)
    argv = [a.replace("{p}", deployment.prefix) for a in argv]
    code, out, err = cli(*argv, "--db", deployment.url())
    assert code == 2, (out, err)
    assert message in err and "Traceback" not in err
    assert snapshot(deployment) == before


def test_a_counsellor_may_not_add_users(cli, deployment):
    before = snapshot(deployment)
    code, _, err = cli(
        "user", "add", f"{deployment.prefix}_x", "--role", "admin",
        "--db", deployment.url(deployment.login("anna")),
    )  # fmt: skip
    assert code == 2 and "de database weigert dit" in err and "permission denied" in err
    assert snapshot(deployment) == before


def test_each_kind_of_look_leaves_exactly_one_row(cli, deployment, tmp_path):
    anna = deployment.url(deployment.login("anna"))
    looks = [
        (["person", "show", "p-a1"], "show"),
        (["person", "show", "p-a1", "--json", "--bsn"], "show"),
        (["export", "p-a1", "-f", "md", "-o", tmp_path / "pip.md"], "document"),
        (["export", "p-a1", "-f", "json"], "document"),
        (["handover", "p-a1", "-o", tmp_path / "h.json", "--to", "GM0363"], "handover"),
    ]
    for argv, action in looks:
        before = snapshot(deployment)["access_log"]
        code, _, err = cli(*argv, "--db", anna)
        assert code == 0, err
        with deployment.store() as owner:
            (latest, *_) = owner.accesses()
        assert snapshot(deployment)["access_log"] == before + 1, argv
        assert (latest.action, latest.person_id) == (action, "p-a1")
        assert latest.actor == deployment.login("anna")
        assert "249566758" not in latest.detail
    code, out, err = cli(
        "audit", "--person", "p-a1", "--db", deployment.url(deployment.login("aud"))
    )
    assert code == 0 and "show" in out and "document" in out
    with deployment.store() as owner:  # the handover is in the change log too, with who
        (out_entry,) = owner.audit(person_id="p-a1", action="handover-out")
    assert out_entry.actor == deployment.login("anna") and "GM0363" in out_entry.detail
    code, _, err = cli("audit", "--person", "p-a1", "--db", anna)
    assert code == 2 and "permission denied" in err


def test_sqlite_has_no_users_but_teams(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli("db", "init", "--db", db)[0] == 0
    code, _, err = cli(
        "user", "add", "anna", "--role", "counsellor", "--team", "default", "--db", db
    )
    assert code == 2 and "SQLite heeft één gebruiker" in err
    code, _, err = cli("team", "add", "west", "--db", db)
    assert code == 0, err
    code, out, _ = cli("team", "list", "--json", "--db", db)
    assert [t["id"] for t in json.loads(out)["teams"]] == ["default", "west"]
    code, _, err = cli("db", "roles", "--db", db)
    assert code == 2 and "PostgreSQL" in err
