"""Stage 4: sentences -> sections.

Input: the view, its sentences and the content range. Output: ``Outline``: the sections (a cue
at the start of a sentence and the text up to the next cue, agenda sentence or content end)
and where the lead paragraph ends.
Example: '会议强调,要…。\\n会议要求,要…' -> two sections, cues 会议强调 (强调, emphasis) and
会议要求 (要求, requirement).

A speaker cue counts only when its subject parses as a person (张明指出, 县长刘国庆要求) or is
a pronoun standing for the last named speaker (他强调).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .normalize import View
from .people import Person, introduced_person, is_title, parse_person, titled_person
from .rules import RuleSet
from .sentences import Sentence
from .textspan import trim


class Cue(NamedTuple):
    rule: str
    start: int  # view: first character of the cue
    end: int  # view: end of the cue (before its separator)
    body_start: int  # view: first character after the separator
    verb: str
    kind: str
    speaker: str | None  # as written (cleaned)
    speaker_person: Person | None
    by_speaker: bool = False  # a person's cue, named or not (县委书记在讲话中指出): 他 may refer to it
    office: str | None = None  # view text of the title when the cue names no person (县委书记)


class SectionFound(NamedTuple):
    cue: Cue
    start: int
    end: int  # view, trailing whitespace trimmed


class Outline(NamedTuple):
    sections: tuple[SectionFound, ...]
    lead_end: int  # view: where the lead paragraph (header and agenda) ends


def outline(view: View, sentences: tuple[Sentence, ...], start: int, end: int, rules: RuleSet) -> Outline:
    text = view.text
    boundaries: list[tuple[int, Cue | None]] = []
    last_speaker: tuple[str | None, str | None] | None = None  # the last person cue's (speaker, office)
    for index, sentence in enumerate(sentences):
        if sentence.start < start or sentence.start >= end:
            continue
        cue = _match_cue(view, sentence.start, min(sentence.end + 1, end), rules, last_speaker)
        if cue is not None:
            boundaries.append((_lead_in_start(view, sentences, index, start, rules), cue))
            if cue.by_speaker:
                last_speaker = (cue.speaker, cue.office)
            continue
        if any(rule.regex.match(text, sentence.start, sentence.end) for rule in rules.breaks):
            boundaries.append((sentence.start, None))
        glued = _glued_cue(view, sentence, rules)
        if glued is not None:
            boundaries.append((glued.start, glued))
        introduced = _introduced_speaker(view, sentence, rules)
        if introduced:
            last_speaker = (introduced, None)
            # 姜澄就…作了安排，她表示，…: the pronoun cue is glued to the sentence naming her.
            pronoun = _pronoun_cue(view, sentence, min(sentence.end + 1, end), rules, last_speaker)
            if pronoun is not None:
                boundaries.append((pronoun.start, pronoun))
    starts = {s.start for s in sentences}
    spaced: list[tuple[int, Cue | None]] = [
        (at, cue) for at, cue in _spaced_meeting_cues(view, start, end, rules) if at not in starts
    ]
    if spaced:
        boundaries = sorted(boundaries + spaced, key=lambda boundary: boundary[0])
    sections: list[SectionFound] = []
    for index, (at, cue) in enumerate(boundaries):
        if cue is None:
            continue
        stop = boundaries[index + 1][0] if index + 1 < len(boundaries) else end
        a, b = trim(text, at, stop)
        sections.append(SectionFound(cue, a, b))
    lead_end = boundaries[0][0] if boundaries else end
    return Outline(tuple(sections), lead_end)


def _lead_in_start(view: View, sentences: tuple[Sentence, ...], index: int, start: int, rules: RuleSet) -> int:
    """Where the section of the cue opening sentence ``index`` starts: at that sentence, or at
    a lead-in sentence right before it on the same line (水从哪里来？会议认为，…)."""
    here = sentences[index].start
    if index == 0 or not rules.lead_in_sentences:
        return here
    before = sentences[index - 1]
    if before.start < start or "\n" in view.text[before.end : here]:
        return here
    for rule in rules.lead_in_sentences:
        m = rule.regex.match(view.text, before.start, before.end)
        if m is not None and trim(view.text, m.end(), here)[0] == here:
            return before.start
    return here


def _spaced_meeting_cues(view: View, start: int, end: int, rules: RuleSet) -> list[tuple[int, Cue]]:
    """Meeting cues that a clumsy copy starts mid-sentence after a space instead of a full
    stop (…大会精神 会议指出当前…). Only the meeting as subject: a space before 会议 in the
    original, with a character before it; spaced-out OCR text (会 议 强 调) has none there."""
    subjects = rules.meeting_subjects  # longest first: 座谈会上
    a, b = view.span(start, end)
    found: list[tuple[int, Cue]] = []
    for m in _HAN_GAP.finditer(view.original, a, b):
        at = bisect_left(view.origin, m.end(), start, end)
        if at >= end or view.origin[at] != m.end():
            continue
        subject = next((s for s in subjects if view.text.startswith(s, at)), None)
        # The subject written without spaces inside it (会议, not 会 议).
        if subject is None or view.origin[at + len(subject) - 1] != m.end() + len(subject) - 1:
            continue
        cue = _match_cue(view, at, end, rules, None)
        if cue is not None and not cue.by_speaker:
            found.append((at, cue))
    return found


_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")


def inside(sections: tuple[SectionFound, ...], starts: list[int], pos: int) -> bool:
    """Whether view position ``pos`` lies in one of the sections (sorted, disjoint, with
    ``starts`` their start positions)."""
    index = bisect_right(starts, pos) - 1
    return index >= 0 and pos < sections[index].end


def verb_of(written: str, rules: RuleSet) -> tuple[str, str] | None:
    """(canonical verb, kind) of a cue verb as written; 提出四点建议 ends with the form 建议."""
    if written in rules.verbs:
        return rules.verbs[written]
    form = max((f for f in rules.verbs if written.endswith(f)), key=len, default=None)
    return rules.verbs[form] if form else None


def _glued_cue(view: View, sentence: Sentence, rules: RuleSet) -> Cue | None:
    """A subject-less cue glued to an agenda clause: 会议听取了…汇报，强调，要…"""
    for rule in rules.glued_cues:
        m = next(rule.scan(view.text, sentence.start, sentence.end), None)
        if m is None:
            continue
        canonical = verb_of(m.group("verb"), rules)
        if canonical is not None:
            body, _ = trim(view.text, m.end(), sentence.end)
            return Cue(rule.id, m.start("verb"), m.end("verb"), body, *canonical, None, None)
    return None


def _introduced_speaker(view: View, sentence: Sentence, rules: RuleSet) -> str | None:
    for rule in rules.speech_intros:
        m = rule.regex.match(view.text, sentence.start, sentence.end)
        if m is not None:
            person = parse_person(view, *m.span("speaker"), rules)
            if person is not None:
                return view.clean(*person.name)
    return None


def _pronoun_cue(
    view: View, sentence: Sentence, endpos: int, rules: RuleSet, last_speaker: tuple[str | None, str | None]
) -> Cue | None:
    """A pronoun cue starting a later clause of the sentence (…作了安排，她表示，…)."""
    text = view.text
    pos = text.find("，", sentence.start, sentence.end)
    while pos != -1:
        if text.startswith(tuple(rules.pronouns), pos + 1):
            cue = _match_cue(view, pos + 1, endpos, rules, last_speaker)
            if cue is not None:
                return cue
        pos = text.find("，", pos + 1, sentence.end)
    return None


def _match_cue(
    view: View, pos: int, endpos: int, rules: RuleSet, last_speaker: tuple[str | None, str | None] | None
) -> Cue | None:
    text = view.text
    for rule in rules.cues:
        m = rule.regex.match(text, pos, endpos)
        if m is None:
            continue
        canonical = verb_of(m.group("verb"), rules)
        if canonical is None:
            continue
        if m.group("verb") in rules.needs_separator and ("sep" not in rule.regex.groupindex or m.group("sep") is None):
            continue
        verb, kind = canonical
        speaker: str | None = None
        office: str | None = None
        person: Person | None = None
        by_speaker = "speaker" in rule.regex.groupindex and m.group("speaker") is not None
        if by_speaker:
            s_start, s_end = m.span("speaker")
            if text[s_start:s_end] in rules.pronouns:
                if last_speaker is None:
                    continue
                speaker, office = last_speaker
            elif _short_office(text[s_start:s_end], rules):
                office = text[s_start:s_end]  # 庞总 is a surname and a short title, not a name
            else:
                person = (
                    parse_person(view, s_start, s_end, rules)
                    or introduced_person(view, s_start, s_end, rules)
                    or titled_person(view, s_start, s_end, rules)
                )
                if person is not None:
                    speaker = view.clean(*person.name)
                elif _one_office(text[s_start:s_end], rules):
                    office = text[s_start:s_end]
                else:
                    continue
        cue_end = m.end("verb")
        body = m.end("sep") if "sep" in rule.regex.groupindex and m.group("sep") is not None else cue_end
        body, _ = trim(text, body, endpos)
        # The cue is written from its subject on; a lead-in (最后，/就…，) stays in the section.
        subject = "subject" if "subject" in rule.regex.groupindex and m.group("subject") else "speaker"
        return Cue(rule.id, m.start(subject), cue_end, body, verb, kind, speaker, person, by_speaker, office)
    return None


def name_offices(outline: Outline, view: View, people: list[Person], rules: RuleSet) -> Outline:
    """Name the speaker of a cue that gives only a title (校长在讲话中指出, and 他 after it), or a
    surname and a title (吕局长强调), when exactly one person of the lead fits: holds that title
    (校长阎清远; 局党组书记、局长吕怀瑾, not 副局长) and, with a surname, bears it. Otherwise the
    speaker stays null."""
    text = view.text
    sections = list(outline.sections)
    for index, section in enumerate(sections):
        office = section.cue.office
        if office is None or section.cue.speaker is not None:
            continue
        fits = [(p, fit) for p in people if (fit := _fit(text, p, office, rules))]
        # 邹副市长 when both 副市长邹曼婷 and 常务副市长邹某 are listed: the exact title wins.
        exact = [p for p, fit in fits if fit == _EXACT]
        names = {view.clean(*p.name) for p in (exact if len(exact) == 1 else [p for p, _ in fits])}
        if len(names) == 1:
            sections[index] = section._replace(cue=section.cue._replace(speaker=names.pop()))
    return outline._replace(sections=tuple(sections))


_EXACT, _ENDS = 2, 1


def _fit(text: str, person: Person, office: str, rules: RuleSet) -> int:
    """How the person fits an office named in a cue: _EXACT when they hold that title (校长,
    or 副市长 for 邹副市长), _ENDS when one of their titles ends with it (局党组书记、局长 for
    吕局长, but not 副局长), else 0. A surname in the office must be the person's."""
    titles = {text[a:b] for a, b in person.titles}
    if office in titles:
        return _EXACT
    name = text[person.name[0] : person.name[1]]
    surname = next((office[:n] for n in (2, 1) if office[:n] in rules.surnames and name.startswith(office[:n])), None)
    if surname is None:
        return 0
    bare = office[len(surname) :]
    fit = 0
    for full in rules.title_short_forms.get(bare, (bare,)):  # 庞总: 总经理, 总裁, …
        if full in titles:
            return _EXACT
        if any(t.endswith(full) and not any(t.endswith(m + full) for m in rules.title_modifiers) for t in titles):
            fit = _ENDS
    return fit


def end_before_attendance(outline: Outline, view: View, sentences: tuple[Sentence, ...], verbs: list[int]) -> Outline:
    """End a section before the attendance lists that close it (…等参加会议。 placed last in
    the report): who attended is not what the last speaker said. Only sentences the header read
    as attendance, and only when nothing but such sentences follows them in the section."""
    if not verbs:
        return outline
    starts = [s.start for s in sentences]
    listed = {sentences[i].start for v in verbs if (i := bisect_right(starts, v) - 1) >= 0}
    sections = list(outline.sections)
    for index, section in enumerate(sections):
        first, last = bisect_right(starts, section.cue.body_start), bisect_left(starts, section.end)
        cut = None
        for i in range(last - 1, first - 1, -1):  # from the section's last sentence back
            if starts[i] not in listed:
                break
            cut = starts[i]
        if cut is not None:
            sections[index] = section._replace(end=trim(view.text, section.start, cut)[1])
    return outline._replace(sections=tuple(sections))


def _short_office(words: str, rules: RuleSet) -> bool:
    """A surname and a short title (庞总, 戴董), which would otherwise pass for a two-character name."""
    return any(words[:n] in rules.surnames and words[n:] in rules.title_short_forms for n in (1, 2))


def _one_office(words: str, rules: RuleSet) -> bool:
    """A title that names one office holder, not a group: 县委书记在讲话中指出 (the speaker is not
    named, so speaker is null), but not 各乡镇党委书记 or 有关部门负责人."""
    return is_title(words, rules) and not any(mark in words for mark in rules.group_marks)
