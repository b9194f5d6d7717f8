"""Output files written in one step: a temporary file beside the target, synced, then renamed into place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_atomically(path: str | Path, content: str | bytes | Iterable[str], *, overwrite: bool = True) -> None:
    """Write `content` to `path` so that readers see the old file or the whole new one, never a part.

    `content` may be an iterable of text chunks (a long report), written as they come.

    With `overwrite` false the file is put in place with a hard link, which fails with
    FileExistsError if the name is taken, even when another process creates it meanwhile.
    The file gets the permissions of an ordinary new file (mkstemp makes private ones).
    """
    target = Path(path)
    chunks = _byte_chunks(content)
    if overwrite and target.is_symlink():
        target = target.resolve()  # keep the link: write the file it points to
    if overwrite and target.exists() and not target.is_file():
        _write_in_place(target, chunks)  # a device or a FIFO (/dev/stdout, a pipe) is written, not replaced
        return
    directory = target.parent if str(target.parent) else Path(".")
    import tempfile  # only when a file is written (validate prints to the terminal at each start)

    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        if overwrite:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _byte_chunks(content: str | bytes | Iterable[str]) -> Iterator[bytes]:
    if isinstance(content, bytes):
        yield content
    elif isinstance(content, str):
        yield content.encode("utf-8")
    else:
        for chunk in content:
            yield chunk.encode("utf-8")


def _write_in_place(target: Path, chunks: Iterable[bytes]) -> None:
    """Write into an existing special file; a directory is refused like any unwritable target."""
    if target.is_dir():
        raise IsADirectoryError(21, os.strerror(21), str(target))
    with open(target, "wb") as stream:
        for chunk in chunks:
            stream.write(chunk)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
