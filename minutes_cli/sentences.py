"""Stage 2: matching view -> sentences.

Input: the ``View``. Output: the sentences as view ranges, each ending after its 。！？ (and
any closing quote or bracket) or at a line break, with the paragraph it belongs to.
Example: '会议强调，要…。一要…。\\n会议要求…' -> three sentences, paragraphs 0, 0, 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .normalize import View

_SENTENCE = re.compile(r"[^。！？\n]+(?:[。！？]+[”’」』）》]*)?|[。！？]+[”’」』）》]*")


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int


def split_sentences(view: View) -> tuple[Sentence, ...]:
    text = view.text
    breaks = [m.start() for m in re.finditer(r"\n\s*(?=\S)", text)]
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(start, end, bisect_right(breaks, start)))
    return tuple(out)


def sentence_at(sentences: tuple[Sentence, ...], pos: int) -> Sentence | None:
    """The sentence holding view position ``pos`` (sentences are sorted and disjoint)."""
    index = bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if index >= 0 and pos < sentences[index].end:
        return sentences[index]
    return None
