"""Small helpers over the matching view shared by several stages: clause scanning that
respects quotes and brackets, trimming, and Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

OPENERS = {"“": "”", "（": "）", "《": "》", "‘": "’"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SENTENCE_END = frozenset("。！？")
TRIM = frozenset(" \t\n\u3000")


def is_han(text: str) -> bool:
    """Every character is a Chinese character (CJK ideographs, extensions A and B-F)."""
    return _HAN.fullmatch(text) is not None


_HAN = re.compile("[\u3400-\u9fff\U00020000-\U0002ffff]*")


def split_depth0(text: str, start: int, end: int, separators: frozenset[str]) -> list[tuple[int, int]]:
    """Split text[start:end] at separators that are outside quotes and brackets."""
    parts: list[tuple[int, int]] = []
    depth: list[str] = []
    left = start
    for m in _specials(separators).finditer(text, start, end):  # other characters change nothing
        i, ch = m.start(), m.group()
        if ch in OPENERS and not (ch == "“" and depth and depth[-1] == "”"):
            depth.append(OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and ch in separators:
            parts.append((left, i))
            left = i + 1
    parts.append((left, end))
    return parts


def clause_starts(text: str, start: int, end: int, openers: frozenset[str]) -> list[int]:
    """Positions in [start, end) where a clause begins outside quotes and brackets: the first
    non-space character of the range and after each opener (。，；： …)."""
    first = _next_content(text, start, end)
    if first is None:
        return []
    out = [first]
    depth = 0
    # Only punctuation matters here; jumping from one to the next keeps this fast on long text.
    for m in _specials(openers).finditer(text, start, end):
        ch = m.group()
        if depth == 0 and ch in openers:
            after = m.end()
            at = after if after < end and text[after] not in TRIM else _next_content(text, after, end)
            if at is not None and at != out[-1]:
                out.append(at)
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    return out


@cache
def _specials(openers: frozenset[str]) -> re.Pattern[str]:
    chars = "".join(sorted(set(openers) | set(OPENERS) | set(CLOSERS)))
    return re.compile("[" + re.escape(chars) + "]")


_CONTENT = re.compile(r"[^ \t\n\u3000]")


def _next_content(text: str, pos: int, end: int) -> int | None:
    m = _CONTENT.search(text, pos, end)
    return m.start() if m else None


def trim(text: str, start: int, end: int, chars: frozenset[str] = TRIM) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def to_int(numeral: str) -> int | None:
    """'十二' -> 12, '二十' -> 20, '二〇二五' -> 2025, '3' -> 3, '③' -> 3; None when it is not a numeral."""
    if not numeral:
        return None
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    if len(numeral) == 1 and numeral not in _DIGITS and numeral != "十":
        try:
            return int(unicodedata.numeric(numeral))
        except ValueError:
            return None
    if len(numeral) > 1 and all(ch in _DIGITS for ch in numeral):
        # A year written digit by digit: 二〇二五 -> 2025.
        return int("".join(str(_DIGITS[ch]) for ch in numeral))
    total, current = 0, 0
    for ch in numeral:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
