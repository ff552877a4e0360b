"""Errors and the exit codes they map to.

Every failure a user can cause is a ``MinutesError`` with an exit code; the CLI turns it into
one line on stderr. Anything else escaping the library is a bug (exit 70).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``minutes`` command (documented in the README)."""

    OK = 0
    WARNINGS = 1  # --strict and the report carries warnings
    USAGE = 2  # bad command line (unknown option, missing argument)
    RULES = 3  # a rule file is missing, malformed or fails validation
    INPUT = 4  # the input cannot be read or decoded, or is empty or binary
    INTERNAL = 70  # a bug in minutes; rerun with --traceback and report it


class MinutesError(Exception):
    """Base of every error the user can act on."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class UsageError(MinutesError):
    """The command line asks for something that cannot work (several reports as YAML)."""

    exit_code = ExitCode.USAGE

    def __init__(self, problem: str) -> None:
        super().__init__("usage", problem)


class InputError(MinutesError):
    """The input file cannot be turned into text (missing, binary, undecodable, empty)."""

    exit_code = ExitCode.INPUT


class OutputError(MinutesError):
    """The output file cannot be written; any earlier file at that path is left as it was."""

    exit_code = ExitCode.INPUT


class RuleError(MinutesError):
    """A rule file is broken. ``where`` names the file; the message names the rule and field."""

    exit_code = ExitCode.RULES

    def __init__(self, file: str, problem: str, rule: str | None = None, field: str | None = None):
        parts = [p for p in (f"rule {rule!r}" if rule else None, f"field {field!r}" if field else None) if p]
        super().__init__(file, (": ".join([*parts, problem])) if parts else problem)
        self.rule = rule
        self.field = field
