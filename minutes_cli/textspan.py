"""Small helpers over the matching view shared by several stages: clause scanning that
respects quotes and brackets, trimming, and Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
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


class ClauseIndex:
    """``clause_starts`` for many ranges inside text[start:end] (a section and the items nested
    in it), from one walk over it instead of one per range.

    A range that begins at depth 0 of the walk (outside quotes and brackets) sees the same
    punctuation at the same depths as the walk does, so its clause starts are the walk's
    first content at or after its start, then the walk's starts found by openers inside the
    range that lie before its end (they never decrease, so that is one slice). Any other
    range is walked by itself."""

    def __init__(self, text: str, start: int, end: int, openers: frozenset[str]) -> None:
        self.text, self.start, self.end, self.openers = text, start, end, openers
        # Only quotes and brackets change the depth: the depth before a range's start is the
        # depth before the first of them at or after it.
        self._marks: list[int] = []  # every quote and bracket in the range
        self._depths: list[int] = []  # the depth just before each of them
        self._openers: list[int] = []  # openers at depth 0, each the first with its start
        self._starts: list[int] = []  # the clause start after each of those (``end`` if none)
        depth = 0
        for m in _specials(openers).finditer(text, start, end):
            i, ch = m.start(), m.group()
            if depth == 0 and ch in openers:
                after = i + 1
                at = after if after < end and text[after] not in TRIM else _next_content(text, after, end)
                at = end if at is None else at
                if not self._starts or at != self._starts[-1]:
                    self._openers.append(i)
                    self._starts.append(at)
            if ch in OPENERS:
                self._marks.append(i)
                self._depths.append(depth)
                depth += 1
            elif ch in CLOSERS:
                self._marks.append(i)
                self._depths.append(depth)
                depth = max(0, depth - 1)
        self._depth_at_end = depth

    def starts(self, start: int, end: int) -> list[int]:
        """``clause_starts(text, start, end, openers)`` for start <= end inside the range."""
        if not self.start <= start <= end <= self.end:
            return clause_starts(self.text, start, end, self.openers)
        k = bisect_left(self._marks, start)
        if (self._depths[k] if k < len(self._depths) else self._depth_at_end) != 0:
            return clause_starts(self.text, start, end, self.openers)
        first = _next_content(self.text, start, end)
        if first is None:
            return []
        # The walk keeps only the first opener of each clause start; a later opener in the
        # range sharing that start has only spaces up to it, so the start is ``first``.
        lo = bisect_left(self._openers, start)
        hi = bisect_left(self._starts, end, lo, bisect_left(self._openers, end, lo))
        out = [first]
        out += self._starts[lo + 1 : hi] if lo < hi and self._starts[lo] == first else self._starts[lo:hi]
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
