"""Write output files without ever leaving one half-written: temporary file, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write every `name: text` into `folder` (created if needed); each file appears whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    written = []
    for name, content in files.items():
        target = folder / name
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
            os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates private files; outputs are ordinary ones
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(target)
    return written
