"""The library API: text, bytes or a file in, a validated ``Report`` out."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from .assemble import build_report
from .decode import MAX_INPUT_BYTES, Source, decode
from .errors import InputError
from .model import Report
from .pipeline import run
from .rules import RuleSet, builtin_rules

STDIN = "-"


def parse_text(text: str, *, name: str = "<text>", rules: RuleSet | None = None) -> Report:
    """Parse an already decoded report. Spans index ``text`` (a leading BOM is dropped first)."""
    text = text.removeprefix("\ufeff")
    source = Source(name, text, "utf-8", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return build_report(run(source, rules or builtin_rules()))


def parse_bytes(data: bytes, *, name: str = "<bytes>", rules: RuleSet | None = None) -> Report:
    """Decode (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030) and parse."""
    return build_report(run(decode(data, name), rules or builtin_rules()))


def parse_file(path: str | Path, *, rules: RuleSet | None = None) -> Report:
    """Read and parse a report file; ``-`` reads standard input. Raises ``InputError``."""
    data, name = read_input(str(path))
    return build_report(run(decode(data, name, where=str(path)), rules or builtin_rules()))


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes of a file (or stdin for ``-``) and the name its report is known by."""
    if path == STDIN:
        return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "<stdin>"
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(path, "is a directory, not a report file")
        with file.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return data, file.name
