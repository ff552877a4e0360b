"""minutes: Chinese government meeting news reports (会议新闻稿) -> validated YAML/JSON.

Library API::

    from minutes_cli import parse_text
    report = parse_text(open("report.txt", encoding="utf-8").read())
    report.chair.name  # '赵辉'

The CLI (``minutes parse``) is a thin layer over these functions.
"""

from __future__ import annotations

from .api import parse_bytes, parse_file, parse_text
from .errors import ExitCode, InputError, MinutesError, RuleError
from .model import Report

__version__ = "0.1.0"

__all__ = [
    "ExitCode",
    "InputError",
    "MinutesError",
    "Report",
    "RuleError",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
