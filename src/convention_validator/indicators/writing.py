"""Write the indicator files without ever leaving one half-written."""

from __future__ import annotations

from pathlib import Path

from convention_validator.files import write_atomically


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write every `name: text` into `folder` (created if needed); each file appears whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        write_atomically(folder / name, content)
        written.append(folder / name)
    return written
