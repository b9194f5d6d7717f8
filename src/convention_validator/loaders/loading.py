"""Entry points: read a file or a string into a LoadedDocument, or raise LoadError."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from convention_validator.loaders import errors as e
from convention_validator.loaders.decoding import check_text, decode
from convention_validator.loaders.document import Format, LoadedDocument
from convention_validator.loaders.errors import LoadError
from convention_validator.loaders.json_reader import read_json
from convention_validator.loaders.limits import Limits
from convention_validator.loaders.positions import Locator

_FORMATS: dict[str, Format] = {".jsonld": "json", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_DEFAULT_LIMITS = Limits()


def format_for(path: Path) -> Format | None:
    """The format implied by a file name's extension (case-insensitive), or None."""
    return _FORMATS.get(Path(path).suffix.lower())


def load_path(path: str | Path, limits: Limits = _DEFAULT_LIMITS) -> LoadedDocument:
    """Read, decode and parse a file; never opens anything but a regular file."""
    name = str(path)
    path = Path(path)
    size = _regular_file_size(path, name)
    fmt = format_for(path)
    if fmt is None:
        extension = path.suffix or "(none)"
        params = {"path": name, "reason": "unknown-extension", "extension": extension}
        raise LoadError(e.CANNOT_READ, f"{name}: unknown extension {extension}", params=params)
    _check_size(size, limits)
    return _parse(decode(_read(path, name, limits)), name, fmt, limits)


def load_text(text: str | bytes, name: str, format: Format, limits: Limits = _DEFAULT_LIMITS) -> LoadedDocument:
    """Parse a document held in memory (bytes are decoded as UTF-8, like a file)."""
    if format not in ("json", "yaml"):
        raise ValueError(f"unknown format {format!r}")
    _check_size(len(text), limits)
    if isinstance(text, bytes | bytearray):
        decoded = decode(bytes(text))
    else:
        decoded, size = check_text(text)
        _check_size(size, limits)
    return _parse(decoded, name, format, limits)


def _parse(text: str, name: str, fmt: Format, limits: Limits) -> LoadedDocument:
    locator: Locator
    if fmt == "json":
        data, locator = read_json(text, limits)
    else:
        from convention_validator.loaders.yaml_reader import read_yaml  # PyYAML is loaded for YAML files only

        data, locator = read_yaml(text, limits)
    return LoadedDocument(name=name, format=fmt, data=data, text=text, locator=locator)


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        params = {"size": str(size), "max": str(limits.max_bytes)}
        raise LoadError(e.TOO_LARGE, f"the file is larger than {limits.max_bytes} bytes", params=params)


def _cannot_read(name: str, reason: str, message: str) -> LoadError:
    return LoadError(e.CANNOT_READ, f"{name}: {message}", params={"path": name, "reason": reason})


def _regular_file_size(path: Path, name: str) -> int:
    """The size of a regular file (symlinks followed), or CV001 saying why it is not one."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _cannot_read(name, "broken-symlink", "the symbolic link points to nothing") from None
        raise _cannot_read(name, "missing", "no such file") from None
    except PermissionError:
        raise _cannot_read(name, "permission-denied", "permission denied") from None
    except (OSError, ValueError) as error:
        raise _cannot_read(name, "unreadable", f"cannot be read ({error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise _cannot_read(name, "directory", "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _cannot_read(name, "special-file", "is not a regular file (device, pipe or socket)")
    return info.st_size


def _read(path: Path, name: str, limits: Limits) -> bytes:
    """Read at most `max_bytes`, refusing anything that turned out not to be a regular file."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except PermissionError:
        raise _cannot_read(name, "permission-denied", "permission denied") from None
    except OSError as error:
        raise _cannot_read(name, "unreadable", f"cannot be read ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _cannot_read(name, "special-file", "is not a regular file (device, pipe or socket)")
        try:
            raw = handle.read(limits.max_bytes + 1)
        except OSError as error:
            raise _cannot_read(name, "unreadable", f"cannot be read ({error.strerror})") from None
    _check_size(len(raw), limits)
    return raw
