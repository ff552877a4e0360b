"""Stage 6: agenda sentences -> reports heard and documents reviewed.

Input: the view, its sentences, the content range and the sections (agenda business is read
outside them). Output: ``Agenda``.
Example: '会议听取了我市工作推进情况汇报,审议了《甲方案》《乙方案》等专项工作方案' ->
reports_heard ['我市工作推进情况汇报'], documents 甲方案, 乙方案 (审议), documents_more.

A 《…》 title is a reviewed document only when a review action (审议, 审议通过, 原则通过 …)
governs it; titles that are merely studied or mentioned are not documents.
"""

from __future__ import annotations

from typing import NamedTuple

from .findings import WarningFound
from .normalize import View
from .rules import RuleSet
from .sections import SectionFound, inside
from .sentences import Sentence


class DocumentFound(NamedTuple):
    start: int  # view, at 《
    end: int  # view, after 》
    action: str
    rule: str


class Agenda(NamedTuple):
    reports_heard: tuple[tuple[int, int], ...]
    documents: tuple[DocumentFound, ...]
    documents_more: bool
    warnings: tuple[WarningFound, ...]


def read_agenda(
    view: View,
    sentences: tuple[Sentence, ...],
    start: int,
    end: int,
    sections: tuple[SectionFound, ...],
    rules: RuleSet,
) -> Agenda:
    text = view.text
    reports: list[tuple[int, int]] = []
    documents: list[DocumentFound] = []
    more = False
    # A cue may carry a report heard: 会议在听取县财政局…汇报后强调.
    cue_heads = [(s.start, s.cue.end) for s in sections]
    outside = _outside(sentences, start, end, sections)
    outside += _meeting_acts(text, sentences, sections, rules)
    windows = [(s.start, _before_preview(text, s.start, s.end, rules)) for s in outside]
    for a, b in [*windows, *cue_heads]:
        for rule in rules.reports_heard:
            reports.extend(m.span("text") for m in rule.scan(text, a, b))
    for a, b in windows:
        for action in rules.document_actions:
            for m in action.rule.scan(text, a, b):
                written = m.group("action")
                canonical = action.canonical.get(written, written)
                at = _first_title(text, m.end(), b)
                if at is None:
                    listed = _listed_titles(text, m.end(), end, rules)
                    documents.extend(DocumentFound(x, y, canonical, action.rule.id) for x, y in listed)
                    continue
                titles, pos = _titles_after(text, at, b, rules)
                if pos < b and rules.named_in_report.match(text, pos, b):
                    continue  # 审议了…关于《义务教育法》贯彻实施情况的报告: the law is only named
                documents.extend(DocumentFound(a, b, canonical, action.rule.id) for a, b in titles)
                more = more or (bool(titles) and any(text.startswith(w, pos) for w in rules.more_words))
    reports.sort()
    documents.sort(key=lambda d: d.start)
    # A paragraph a CMS printed twice hears the same report and adopts the same document once.
    heard: dict[str, tuple[int, int]] = {}
    for a, b in reports:
        heard.setdefault(text[a:b], (a, b))
    return Agenda(
        tuple(heard.values()), tuple(_unique(text, documents)), more, tuple(_unclosed_titles(text, start, end))
    )


# An action governs the first 《 in its own clause, not far after it: 审议通过了《甲》,
# 审议通过了关于批准《甲》的决定, 审议通过了该工作报告和《甲》.
_GOVERNED_WITHIN = 40


_LISTED_INTRO_MAX = 40


def _listed_titles(text: str, pos: int, end: int, rules: RuleSet) -> list[tuple[int, int]]:
    """Titles listed one a line after an action that announces them (审议通过了以下议案：)."""
    # The announcement is short (了以下议案：); looking further for its line end would make a
    # text without line breaks quadratic, one search per action word.
    line_end = text.find("\n", pos, min(end, pos + _LISTED_INTRO_MAX))
    if line_end == -1 or rules.listed_intro.match(text, pos, line_end) is None:
        return []
    titles: list[tuple[int, int]] = []
    while line_end != -1 and line_end < end:
        start = line_end + 1
        line_end = text.find("\n", start, end)
        stop = end if line_end == -1 else line_end
        m = rules.listed_item.match(text, start, stop)
        if m is None:
            break
        titles.extend(_titles_after(text, m.end(), stop, rules)[0])
    return titles


def _first_title(text: str, pos: int, end: int) -> int | None:
    stop = min(end, pos + _GOVERNED_WITHIN)
    for i in range(pos, stop):
        if text[i] == "《":
            return i
        if text[i] in "，。；":
            return None
    return None


def _unclosed_titles(text: str, start: int, end: int) -> list[WarningFound]:
    """A 《 that never closes (a report cut off inside a title) is reported, not guessed at."""
    out: list[WarningFound] = []
    pos = text.find("《", start, end)
    while pos != -1:
        close = _matching_close(text, pos, end)
        if close is None:
            stop = min(end, pos + 30)
            out.append(WarningFound("unclosed-title", "a 《 is never closed; the title may be cut off", (pos, stop)))
            break
        pos = text.find("《", close + 1, end)
    return out


def _before_preview(text: str, start: int, end: int, rules: RuleSet) -> int:
    """Where a sentence stops speaking of this meeting: at a preview of a later one's agenda."""
    found = [at for word in rules.preview_words if (at := text.find(word, start, end)) != -1]
    return min(found, default=end)


def _meeting_acts(
    text: str, sentences: tuple[Sentence, ...], sections: tuple[SectionFound, ...], rules: RuleSet
) -> list[Sentence]:
    """Sentences inside a section whose subject is the meeting itself (会议原则通过了《…》 after
    会议明确，…): the agenda goes on between sections of a report written item by item, while a
    speaker's 要认真研究《…》 is not an act of the meeting."""
    subjects = rules.meeting_subjects  # longest first
    agenda_rules = [*rules.reports_heard, *(action.rule for action in rules.document_actions)]
    starts = [s.start for s in sections]
    acts: list[Sentence] = []
    for sentence in sentences:
        if not inside(sections, starts, sentence.start):
            continue
        # One C-level test first: most sentences start with no subject, and the search for
        # which one (longest first) runs a generator through all of them.
        if not text.startswith(subjects, sentence.start):
            continue
        subject = next(s for s in subjects if text.startswith(s, sentence.start))
        at = sentence.start + len(subject)
        at += len(next((a for a in rules.act_adverbs if text.startswith(a, at)), ""))
        if any(rule.regex.match(text, at, sentence.end) for rule in agenda_rules):
            acts.append(sentence)
    return acts


def _outside(
    sentences: tuple[Sentence, ...], start: int, end: int, sections: tuple[SectionFound, ...]
) -> list[Sentence]:
    starts = [s.start for s in sections]
    return [s for s in sentences if start <= s.start < end and not inside(sections, starts, s.start)]


def _titles_after(text: str, pos: int, end: int, rules: RuleSet) -> tuple[list[tuple[int, int]], int]:
    """The run of 《…》 titles starting at pos (a suffix after a 》 does not end it: 《甲》（草案）、
    《乙》); returns their ranges and the position after."""
    titles: list[tuple[int, int]] = []
    while pos < end and text[pos] == "《":
        close = _matching_close(text, pos, end)
        if close is None:
            break  # an unclosed 《 (a truncated report) is not a title
        titles.append((pos, close + 1))
        pos = close + 1
        if (suffix := rules.title_suffix.match(text, pos, end)) is not None:
            pos = suffix.end()
        if pos + 1 < end and text[pos] in rules.title_joiners and text[pos + 1] == "《":
            pos += 1
    return titles, pos


# No real title is this long; the cap keeps a run of unclosed 《 linear.
_MAX_TITLE = 300


def _matching_close(text: str, pos: int, end: int) -> int | None:
    depth = 0
    for i in range(pos, min(end, pos + _MAX_TITLE)):
        if text[i] == "《":
            depth += 1
        elif text[i] == "》":
            depth -= 1
            if depth == 0:
                return i
    return None


def _unique(text: str, documents: list[DocumentFound]) -> list[DocumentFound]:
    # Two action rules may govern the same title (审议 and 审议通过): keep the first, longest.
    # The same title under the same action twice (a paragraph printed twice) is one document.
    seen: set[object] = set()
    out = []
    for d in documents:
        same = (text[d.start : d.end], d.action)
        if d.start not in seen and same not in seen:
            seen.update((d.start, same))
            out.append(d)
    return out
