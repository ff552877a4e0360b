"""Writing output files atomically: the target is either the complete new file or untouched."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import OutputError


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only when the block ends without error."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(str(path), "is a directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise OutputError(str(path), "directory does not exist") from None
    except OSError as exc:
        raise OutputError(str(path), f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(str(path), f"cannot write: {exc.strerror or exc}") from None
        raise


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same directory.

    A failure (missing or read-only directory, full disk, interruption) leaves no partial
    file behind and any earlier file at ``path`` as it was.
    """
    with atomic_writer(path) as fh:
        fh.write(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
