"""Build hook: compile the scheduler's optional C engine (padplanner/schedule/csrc/*.c) into
the extension module padplanner.schedule._native.

Without a C compiler the build goes on with a warning and padplanner runs its Python passes
(the same schedules, slower). ``PADPLANNER_PURE_PYTHON=1`` skips the compiler on purpose.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCES = "padplanner/schedule/csrc"


def compile_native(root: str) -> Path:
    """Compile the C engine next to its source; returns the module's path. Raises
    ``OSError`` or ``subprocess.CalledProcessError`` when it cannot."""
    folder = Path(root, SOURCES)
    sources = sorted(str(path) for path in folder.glob("*.c"))
    out = folder.parent / ("_native" + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    flags = ["-O2", "-fPIC", "-shared", "-fvisibility=hidden"]
    flags += ["-I", sysconfig.get_paths()["include"], "-I", str(folder)]
    if sys.platform == "darwin":
        flags += ["-undefined", "dynamic_lookup"]
    subprocess.run([*cc, *flags, *sources, "-o", str(out)], check=True, capture_output=True)
    return out


class NativeBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("PADPLANNER_PURE_PYTHON"):
            return
        try:
            out = compile_native(self.root)
        except (OSError, subprocess.CalledProcessError) as err:
            detail = getattr(err, "stderr", b"") or b""
            self.app.display_warning(
                f"padplanner: the C scheduler engine was not built ({err}); plans are the "
                f"same, only slower. {detail.decode(errors='replace')[:500]}"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["artifacts"].append(out.relative_to(self.root).as_posix())
