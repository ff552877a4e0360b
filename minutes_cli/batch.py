"""Batch parsing: many reports in, one JSON line per report out, in input order.

Input: files and directories (searched for ``*.txt``). Output: ``Outcome`` records in input
order, each either a report's JSON line or an error record; ``jobs`` > 1 parses in worker
processes. One bad file never stops the others.
Example: ``parse_many([Path("a.txt"), Path("missing.txt")])`` -> an Outcome with the report of
a.txt, then one with error "no such file" and exit code 4.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .api import parse_file_data
from .errors import ExitCode, InputError, MinutesError
from .limits import DEFAULT_SECONDS, time_limit
from .render import report_data
from .rules import RuleSet, load_layered

# Worker-process state, set once per process by the pool initializer.
_STATE: dict[str, Any] = {"rule_dirs": (), "timeout": DEFAULT_SECONDS}


class Outcome(NamedTuple):
    file: str
    line: str  # one JSON object, no newline
    exit_code: int  # 0, or the error's exit code
    warnings: int


def expand(inputs: list[str]) -> list[str]:
    """Files as given; directories replaced by their *.txt files (recursively, sorted)."""
    out: list[str] = []
    for given in inputs:
        path = Path(given)
        if given != "-" and path.is_dir():
            found = sorted(path.glob("**/*.txt"))
            if not found:
                raise InputError(given, "is a directory with no *.txt reports in it")
            out.extend(str(p) for p in found)
        else:
            out.append(given)
    return out


def _init(rule_dirs: list[Path] | None, timeout: float = DEFAULT_SECONDS) -> None:
    _STATE["rule_dirs"] = tuple(rule_dirs or ())
    _STATE["timeout"] = timeout


@cache
def _rules(dirs: tuple[Path, ...]) -> RuleSet | None:
    return load_layered(list(dirs)) if dirs else None


def parse_one(file: str) -> Outcome:
    """Parse one file into a JSON line, or an error record; never raises for bad input."""
    try:
        rules = _rules(_STATE["rule_dirs"])
        with time_limit(_STATE["timeout"], file):
            data = parse_file_data(file, rules=rules)
        # build_data makes fresh dicts and lists, never a cycle: the encoder's cycle check (an
        # id() lookup per list and dict, and every span is a list) finds nothing to report.
        line = json.dumps(report_data(data), ensure_ascii=False, separators=(",", ":"), check_circular=False)
        return Outcome(file, line, 0, len(data["warnings"]))
    except MinutesError as exc:
        record = {"file": file, "error": exc.problem, "exit_code": int(exc.exit_code)}
        return Outcome(file, json.dumps(record, ensure_ascii=False), int(exc.exit_code), 0)
    except Exception as exc:  # a bug must not stop the batch; it is reported on its line
        record = {"file": file, "error": f"internal error: {type(exc).__name__}: {exc}", "exit_code": 70}
        return Outcome(file, json.dumps(record, ensure_ascii=False), int(ExitCode.INTERNAL), 0)


def parse_many(
    files: list[str], *, rule_dirs: list[Path] | None = None, jobs: int = 1, timeout: float = DEFAULT_SECONDS
) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1, parsed in that many worker processes. A report
    that takes longer than ``timeout`` seconds becomes an error record (``limits``)."""
    if jobs <= 1 or len(files) <= 1:
        _init(rule_dirs, timeout)
        for file in files:
            yield parse_one(file)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init, initargs=(rule_dirs, timeout)) as pool:
        yield from pool.imap(parse_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8) or 1)))
