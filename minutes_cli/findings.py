"""What stages report besides structure: warnings, in view coordinates until assembly."""

from __future__ import annotations

from typing import NamedTuple


class WarningFound(NamedTuple):
    code: str  # stable kebab-case, e.g. numbering-gap
    message: str
    span: tuple[int, int] | None  # view range
