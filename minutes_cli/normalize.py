"""Stage 1: text -> matching view.

Input: the decoded text. Output: a ``View``: the folded text every rule matches against
(simplified script, full-width ，；：（）, pinyin noise and stray spaces deleted) and, for each
of its characters, the index of the original character it came from.
Example: '會(huì)議強調, 要…' -> view '会议强调，要…'; view index 2 (强) maps to original 9.

Folding is one character for one character and deletions are remembered, so any view range
maps back to an original span, and cleaned values (names, titles, headings) are built from
the original characters: they keep the source's script and punctuation.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Mapping
from itertools import pairwise
from typing import NamedTuple

from .rules import HardWrapSettings, RuleSet


class View(NamedTuple):
    original: str
    text: str
    origin: array[int]  # origin[i] = index in original of text[i]; one sentinel at the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covered by view[start:end]."""
        if end <= start:
            at = self.origin[start]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def slice(self, start: int, end: int) -> str:
        """The original text covered by view[start:end], deleted noise included."""
        a, b = self.span(start, end)
        return self.original[a:b]

    def clean(self, start: int, end: int) -> str:
        """The original characters of view[start:end], without the deleted noise."""
        origin, original = self.origin, self.original
        # origin is strictly increasing, so when its ends are as far apart as the range is long
        # nothing was deleted inside it: one slice instead of a join over every character.
        if end > start and origin[end - 1] - origin[start] == end - 1 - start:
            return original[origin[start] : origin[end - 1] + 1]
        return "".join(original[origin[i]] for i in range(start, end))


def normalize(text: str, rules: RuleSet) -> View:
    deleted = _deleted_ranges(text, rules)
    kept: list[str] = []
    counting = _counting(len(text) + 1)
    origin: array[int] = array("l")
    pos = 0
    for start, end in deleted:
        if start > pos:
            kept.append(text[pos:start])
            origin.extend(counting[pos:start])
        pos = max(pos, end)
    if pos < len(text):
        kept.append(text[pos:])
        origin.extend(counting[pos : len(text)])
    origin.append(len(text))
    return View(text, _pair_ascii_quotes(fold("".join(kept), rules.fold_table)), origin)


_QUOTE_MARKS = re.compile('[“”"\n]')


def _pair_ascii_quotes(text: str) -> str:
    """Read each ASCII " as the quote it stands for: it closes a quote left open on its line
    (“强基固本、提质增效"专项行动) and opens one otherwise, so a copy that mixes quote styles does
    not leave a quote open to the end of the paragraph (which hides every clause after it). One
    character for one, so offsets do not move."""
    if '"' not in text:
        return text
    chars = list(text)
    open_quote = False
    for m in _QUOTE_MARKS.finditer(text):
        mark = m.group()
        if mark == '"':
            chars[m.start()] = "”" if open_quote else "“"
            open_quote = not open_quote
        else:
            open_quote = mark == "“"
    return "".join(chars)


_BMP = 0x10000
# The fold table last seen, the reports folded with it, and its list form (see fold). One
# tuple in a one-slot list, replaced whole, so a thread never pairs one table with another's list.
_FOLD: list[tuple[Mapping[int, str] | None, int, list[int | str] | None]] = [(None, 0, None)]


def fold(text: str, table: Mapping[int, str]) -> str:
    """``text.translate(table)``, the same characters, faster over many reports.

    translate looks every character up in the table, and a dict raises KeyError for each one
    it does not map (most of them): an exception per character. A list indexed by code point
    maps every character of the Basic Multilingual Plane, unmapped ones to themselves, with
    no exception. A character past the BMP (rare) would fall off the list's end, so a text
    holding one takes the dict. The list costs ~2 ms to build: one report alone (a cold
    start) does not build it; the second report folded with the same table does."""
    seen, uses, fast = _FOLD[0]
    if seen is not table:
        uses, fast = 0, None
    if fast is None:
        uses += 1
        if uses < 2:
            _FOLD[0] = (table, uses, None)
            return text.translate(table)
        fast = _bmp_table(table)
        _FOLD[0] = (table, uses, fast)
    # A character past the BMP is two UTF-16 units; a lone surrogate (surrogatepass) is one.
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return text.translate(table)
    return text.translate(fast)


def _bmp_table(table: Mapping[int, str]) -> list[int | str]:
    out: list[int | str] = list(range(_BMP))
    for code, to in table.items():
        if code < _BMP:
            out[code] = to
    return out


_COUNTING: array[int] = array("l")


def _counting(size: int) -> array[int]:
    """0, 1, 2, … up to at least ``size``: slices of it copy as memory, where extending an
    array from a range makes one Python int per character."""
    if len(_COUNTING) < size:
        _COUNTING.extend(range(len(_COUNTING), max(size, 2 * len(_COUNTING), 4096)))
    return _COUNTING


def _wrap_breaks(text: str, settings: HardWrapSettings) -> list[tuple[int, int]]:
    """The line breaks of a hard-wrapped text (a PDF copy): those after lines of the page width."""
    if text.count("\n") < settings.min_lines:
        return []
    lines: list[tuple[int, int, int]] = []  # start, end (before any \r), width in columns
    pos = 0
    for line in text.split("\n"):
        body = line.rstrip("\r")
        # Columns without a per-character loop: a CJK character is 3 UTF-8 bytes and 2
        # columns, ASCII 1 and 1, so (bytes + characters) / 2 counts both.
        lines.append((pos, pos + len(body), (len(body.encode("utf-8", "surrogatepass")) + len(body)) // 2))
        pos += len(line) + 1
    keep = settings.keep_after
    widths = Counter(w for a, b, w in lines if w >= settings.min_width and text[b - 1] not in keep)
    if not widths:
        return []
    spread = range(-settings.tolerance, settings.tolerance + 1)
    page = max(widths, key=lambda w: (sum(widths.get(w + d, 0) for d in spread), w))
    breaks: list[tuple[int, int]] = []
    wrapped_chars = 0
    # The last line has no break after it; a line followed by a blank one ends a paragraph.
    for (a, b, width), (next_a, next_b, _) in pairwise(lines):
        if abs(width - page) <= settings.tolerance and text[b - 1] not in keep and next_b > next_a:
            breaks.append((b, next_a))  # the \r\n or \n between the lines
            wrapped_chars += b - a
    total = sum(b - a for a, b, _ in lines)
    if len(breaks) < settings.min_lines or wrapped_chars < settings.min_share * total:
        return []
    return breaks


def _deleted_ranges(text: str, rules: RuleSet) -> list[tuple[int, int]]:
    # A rule with a (?P<delete>…) group deletes only that group (a line break, not the line).
    ranges = sorted(
        [
            *(
                m.span("delete") if "delete" in m.re.groupindex else m.span()
                for rule in rules.deletions
                for m in rule.scan(text, 0, len(text))
                if m.end() > m.start()
            ),
            *_wrap_breaks(text, rules.hard_wraps),
        ]
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
