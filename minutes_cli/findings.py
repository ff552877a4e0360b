"""What stages report besides structure: warnings, in view coordinates until assembly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WarningFound:
    code: str  # stable kebab-case, e.g. numbering-gap
    message: str
    span: tuple[int, int] | None  # view range
