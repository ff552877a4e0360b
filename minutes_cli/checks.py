"""Invariants every report must satisfy against its source text (used by tests and tools)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Report


def span_problems(report: Report, source: str) -> list[str]:
    """Each span lies inside the source, and each ``text`` equals the slice its span names."""
    return list(_walk(report.model_dump(), source, "$"))


def _walk(node: Any, source: str, path: str) -> Iterator[str]:
    if isinstance(node, dict):
        span = node.get("span")
        if span is not None:
            start, end = span
            if not 0 <= start <= end <= len(source):
                yield f"{path}.span {list(span)} outside the source (length {len(source)})"
            elif "text" in node and node["text"] != source[start:end]:
                yield f"{path}.text differs from source[{start}:{end}]"
        for key, value in node.items():
            yield from _walk(value, source, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, source, f"{path}[{index}]")
