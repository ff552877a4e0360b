"""The library API: text, bytes or a file in, a validated ``Report`` out."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assemble import build_data, build_report
from .decode import MAX_INPUT_BYTES, Source, decode
from .errors import InputError
from .pipeline import Doc, run
from .rules import RuleSet, builtin_rules

if TYPE_CHECKING:
    from .model import Report

STDIN = "-"


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
