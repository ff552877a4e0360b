"""The library API: text, bytes or a file in, a validated ``Report`` out."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .assemble import build_data, build_report
from .decode import MAX_INPUT_BYTES, Source, decode
from .errors import InputError
from .pipeline import Doc, run
from .rules import RuleSet, builtin_rules

if TYPE_CHECKING:
    from .model import Report

STDIN = "-"
_DIRECTORY = "is a directory, not a report file"


def parse_text(text: str, *, name: str = "<text>", rules: RuleSet | None = None) -> Report:
    """Parse an already decoded report. Spans index ``text`` (a leading BOM is dropped first)."""
    text = text.removeprefix("\ufeff")
    source = Source(name, text, "utf-8", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return build_report(run(source, rules or builtin_rules()))


def parse_bytes(data: bytes, *, name: str = "<bytes>", rules: RuleSet | None = None) -> Report:
    """Decode (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030) and parse."""
    return build_report(run(decode(data, name), rules or builtin_rules()))


def parse_doc(path: str | Path, *, rules: RuleSet | None = None) -> Doc:
    """The pipeline's full findings for a file (what ``minutes explain`` shows)."""
    data, name = read_input(str(path))
    return run(decode(data, name, where=str(path)), rules or builtin_rules())


def parse_file_data(path: str | Path, *, rules: RuleSet | None = None) -> dict[str, Any]:
    """Like ``parse_file``, as plain JSON-ready data (what the CLI writes; no pydantic)."""
    return build_data(parse_doc(path, rules=rules))


def parse_file(path: str | Path, *, rules: RuleSet | None = None) -> Report:
    """Read and parse a report file; ``-`` reads standard input. Raises ``InputError``."""
    data, name = read_input(str(path))
    return build_report(run(decode(data, name, where=str(path)), rules or builtin_rules()))


PARSED_SUFFIXES = (".yaml", ".yml", ".json")


def load_report_data(path: str | Path, *, rules: RuleSet | None = None) -> dict[str, Any]:
    """A report as a plain dict: parsed from a text file, or read from parsed YAML/JSON."""
    path = str(path)
    if not path.endswith(PARSED_SUFFIXES):
        return parse_file_data(path, rules=rules)
    loaded = read_parsed(path)
    if not isinstance(loaded, dict) or "sections" not in loaded:
        raise InputError(path, "not a parsed report: expected a mapping with meeting, chair, sections …")
    return loaded


def read_parsed(path: str) -> Any:
    """The data in a YAML or JSON file; InputError when it is neither."""
    import yaml  # only here: parsing a report never needs PyYAML

    data, _ = read_input(path)
    try:
        text = data.decode("utf-8-sig")
        return json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise InputError(path, f"not a parsed report (YAML/JSON): {' '.join(str(exc).split())}") from None


def read_input(path: str) -> tuple[bytes, str]:
    """The bytes of a file (or stdin for ``-``) and the name its report is known by."""
    if path == STDIN:
        return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "<stdin>"
    file = Path(path)
    try:
        # No is_dir() first: opening a directory fails anyway, and a stat per report shows in
        # a batch. Windows refuses a directory as PermissionError, so that case looks.
        with open(file, "rb") as fh:
            data = _read_limited(fh)
    except IsADirectoryError:
        raise InputError(path, _DIRECTORY) from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, _DIRECTORY if file.is_dir() else "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return data, file.name


def _read_limited(fh: BinaryIO) -> bytes:
    """Up to MAX_INPUT_BYTES + 1 bytes. ``read(n)`` allocates n bytes before reading, so asking
    for 8 MiB for a 5 KB report costs more than reading it; ask for what fstat says is there
    (one byte more, to see the end) and read on only if the file turns out longer (or fstat
    knows no size: a pipe)."""
    limit = MAX_INPUT_BYTES + 1
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    data = fh.read(min(limit, size + 1) if size > 0 else limit)
    if len(data) == size + 1 and len(data) < limit:
        data += fh.read(limit - len(data))
    return data
