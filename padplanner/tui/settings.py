"""The TUI's own settings (today: the language), a small TOML file in the user config folder.

``PADPLANNER_LANG`` overrides the file for one run; the palette's language command writes it.
"""

from __future__ import annotations

from pathlib import Path

import attrs

SETTINGS_FILE = "tui.toml"


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("padplanner")) / SETTINGS_FILE


@attrs.frozen
class Settings:
    lang: str | None = None

    @classmethod
    def read(cls, path: Path | None) -> Settings:
        """The settings in ``path``; a missing, unreadable or oversized file (or one that is
        not a regular file) gives the defaults."""
        from padplanner.errors import InputError
        from padplanner.limits import read_toml

        if path is None or not path.exists():
            return cls()
        try:
            data = read_toml(path)
        except InputError:
            return cls()
        lang = data.get("lang")
        return cls(lang=lang if isinstance(lang, str) else None)

    def write(self, path: Path | None) -> None:
        """Write the settings (atomically, mode 0600); raises ``WriteError``."""
        from padplanner.files import write_file

        if path is None:
            return
        lines = [] if self.lang is None else [f'lang = "{self.lang}"']
        write_file(path, "\n".join(lines) + "\n", make_folder=True)
