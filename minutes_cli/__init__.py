"""minutes: Chinese government meeting news reports (会议新闻稿) -> validated YAML/JSON.

Library API::

    from minutes_cli import parse_text
    report = parse_text(open("report.txt", encoding="utf-8").read())
    report.chair.name  # '赵辉'

The CLI (``minutes parse``) is a thin layer over these functions. Names are imported on first
use, so ``minutes --help`` and ``minutes --version`` load none of the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "parse_bytes": "api",
    "parse_file": "api",
    "parse_text": "api",
    "ExitCode": "errors",
    "InputError": "errors",
    "MinutesError": "errors",
    "RuleError": "errors",
    "Report": "model",
}

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

if TYPE_CHECKING:
    from .api import parse_bytes as parse_bytes
    from .api import parse_file as parse_file
    from .api import parse_text as parse_text
    from .errors import ExitCode as ExitCode
    from .errors import InputError as InputError
    from .errors import MinutesError as MinutesError
    from .errors import RuleError as RuleError
    from .model import Report as Report


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
