"""Project configuration: `[tool.convention-validator]` in pyproject.toml or `.convention-validator.toml`.

The nearest file, from the current folder up to the filesystem root, gives the defaults of
`validate` (the command line still wins):

    [tool.convention-validator]
    format = "text"
    fail-on = "warning"
    max-warnings = 10
    lang = "fr"
    include = ["conventions/**"]
    exclude = ["brouillons/*"]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convention_validator.i18n import N_, detect_language, gettext

OWN_FILE = ".convention-validator.toml"
# configuration key -> parameter of `validate`
VALIDATE_KEYS = {
    "format": "output_format",
    "fail-on": "fail_on",
    "max-warnings": "max_warnings",
    "stage": "stage",
    "lang": "lang",
    "quiet": "quiet",
    "color": "colour",
    "include": "include",
    "exclude": "exclude",
    "conventions-only": "conventions_only",
}


class ConfigError(ValueError):
    """A configuration file that cannot be read or names an unknown setting; `text(lang)` says which."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message, values)
        self.message = message
        self.values = values

    def text(self, lang: str) -> str:
        return gettext(self.message, lang, **self.values)

    def __str__(self) -> str:
        return self.text(detect_language(None))


@dataclass(frozen=True)
class Config:
    path: Path | None
    validate: dict[str, Any]


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only when a configuration file exists

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(N_("{path}: {error}"), path=path, error=error) from error
    if path.name == OWN_FILE:
        return data
    tool = data.get("tool", {})
    table = tool.get("convention-validator") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def find_config(start: Path | None = None) -> Config:
    """The settings of the nearest configuration file (none: empty settings)."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in (OWN_FILE, "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return Config(candidate, _validate_defaults(candidate, table))
    return Config(None, {})


def _validate_defaults(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(table) - set(VALIDATE_KEYS))
    if unknown:
        known = ", ".join(sorted(VALIDATE_KEYS))
        raise ConfigError(
            N_("{path}: unknown setting '{setting}' (possible settings: {known})"),
            path=path,
            setting=unknown[0],
            known=known,
        )
    defaults = {VALIDATE_KEYS[key]: value for key, value in table.items()}
    for key in ("include", "exclude"):
        if key in defaults and isinstance(defaults[key], str):
            defaults[key] = [defaults[key]]
    return defaults
