"""The command line writes files and standard output like the writer promises: exit 2 with the
file and the fix when it cannot, the old file intact, private modes, no link followed."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest
from corehelp import EXAMPLES, ROOT, run_padplanner

AMAL = EXAMPLES / "amal.toml"


padplanner = run_padplanner


@pytest.fixture(autouse=True)
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_plan_files_are_private(cli, tmp_path):
    for fmt in ("json", "md", "html", "ics"):
        target = tmp_path / f"pip.{fmt}"
        code, _, err = cli("plan", AMAL, "-f", fmt, "-o", target)
        assert code == 0, err
        assert os.stat(target).st_mode & 0o777 == 0o600, fmt
    code, _, err = cli("graph", "--client", AMAL, "--format", "svg", "-o", tmp_path / "g.svg")
    assert code == 0 and os.stat(tmp_path / "g.svg").st_mode & 0o777 == 0o600, err


def test_plan_does_not_write_through_a_link(cli, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "pip.md"
    link.symlink_to(victim)
    code, _, err = cli("plan", AMAL, "-f", "md", "-o", link)
    assert code == 2 and "Traceback" not in err
    assert f"error: {link}: is een symbolische koppeling" in err
    code, _, err = cli("plan", AMAL, "-f", "md", "-o", link, "--lang", "en")
    assert f"error: {link}: is a symbolic link" in err
    assert victim.read_text() == "precious"


def test_a_new_plugin_is_readable_by_others(cli, tmp_path):
    code, _, err = cli("new-plugin", "den-haag", "--municipality", "GM0518", "-o", tmp_path)
    assert code == 0, err
    hooks = tmp_path / "padplanner-den-haag" / "padplanner_den_haag" / "hooks.py"
    assert os.stat(hooks).st_mode & 0o777 == 0o644  # source code, no personal data


def test_json_on_a_full_device_is_exit_2():
    with open("/dev/full", "w") as full:
        result = padplanner("plan", AMAL, "--format", "json", stdout=full)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: standard output: cannot write: the device is full")
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_file_size_limit_keeps_the_old_file(tmp_path):
    target = tmp_path / "pip.html"
    target.write_text("the old plan")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))

    result = padplanner("plan", AMAL, "-f", "html", "-o", target, preexec_fn=limit)
    assert result.returncode == 2, result.stderr
    assert f"error: {target}: kan niet schrijven: het bestand is groter" in result.stderr
    assert target.read_text() == "the old plan"
    assert [p.name for p in tmp_path.iterdir()] == ["pip.html"]


def test_a_full_file_system_keeps_the_old_file(tmp_path):
    """A 16 KiB tmpfs in a private mount namespace (skipped where namespaces are not allowed)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare")
    folder = tmp_path / "small"
    folder.mkdir()
    target = folder / "pip.html"
    command = (
        f"mount -t tmpfs -o size=16k tmpfs {folder} || exit 99; "
        f"echo 'the old plan' > {target}; "
        f"{sys.executable} -m padplanner plan {AMAL} -f html -o {target}; code=$?; "
        f"cat {target}; ls -A {folder}; exit $code"
    )
    env = {**os.environ, "PADPLANNER_DISABLE_PLUGINS": "1"}
    result = subprocess.run(
        [unshare, "-rm", "sh", "-c", command], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if result.returncode == 99 or "unshare failed" in result.stderr:
        pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()}")
    assert result.returncode == 2, result.stderr
    assert "kan niet schrijven: de schijf is vol" in result.stderr  # Dutch by default
    assert "het oude bestand is ongewijzigd" in result.stderr
    assert result.stdout.splitlines() == ["the old plan", "pip.html"]
