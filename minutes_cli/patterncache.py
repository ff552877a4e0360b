"""Pickling compiled rule patterns so that loading them does not compile them again.

A ``re.Pattern`` pickles as its source text and is recompiled on load; for the built-in rules
that recompilation was the largest part of a cold start (64 patterns, ~20-40 ms). Here a
pattern is pickled together with the code the regular-expression compiler produced for it,
and loading hands that code straight to the engine.

This leans on CPython internals (``re._parser``, ``re._compiler``, ``_sre.compile``), so it is
guarded three ways: the cache that holds these pickles is keyed by the exact interpreter
build (``CACHE_TAG``); a pattern whose rebuilt form does not compare equal to the original
(``Pattern.__eq__`` compares pattern text, flags and compiled code) is pickled the ordinary
way; and a load that fails falls back to ``re.compile``. Any failure costs time, never
correctness.
"""

from __future__ import annotations

import io
import pickle
import re
import sys
from importlib import import_module
from typing import Any

_sre: Any = None
try:  # CPython 3.11+: the compiler lives in re._compiler / re._parser (untyped internals)
    _compiler: Any = import_module("re._compiler")
    _parser: Any = import_module("re._parser")
    _sre = import_module("_sre")
    CACHE_TAG = f"{sys.implementation.cache_tag} {sys.version} sre-{_sre.MAGIC}"
except ImportError:  # pragma: no cover - other interpreters pickle patterns the plain way
    CACHE_TAG = f"{sys.implementation.cache_tag} {sys.version}"


def _restore(
    pattern: str, flags: int, code: list[int], groups: int, index: dict[str, int], names: tuple[Any, ...]
) -> re.Pattern[str]:
    try:
        restored: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, index, names)
        return restored
    except Exception:  # a different engine than the one that wrote the cache: compile
        return re.compile(pattern, flags)


def _compiled_form(regex: re.Pattern[str]) -> tuple[Any, ...] | None:
    """The arguments ``_sre.compile`` needs to rebuild ``regex``, or None if unsure."""
    if _sre is None or not isinstance(regex.pattern, str):
        return None
    try:
        parsed = _parser.parse(regex.pattern, regex.flags)
        code = [int(op) for op in _compiler._code(parsed, regex.flags)]  # named opcodes -> ints
        index = dict(parsed.state.groupdict)
        names: list[Any] = [None] * parsed.state.groups
        for name, number in index.items():
            names[number] = name
        args = (regex.pattern, regex.flags | parsed.state.flags, code, parsed.state.groups - 1, index, tuple(names))
        if _sre.compile(*args) != regex:
            return None
    except Exception:
        return None
    return args


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            args = _compiled_form(obj)
            if args is not None:
                return _restore, args
        return NotImplemented


def dumps(value: object) -> bytes:
    """``pickle.dumps`` with compiled patterns stored ready to use."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()
