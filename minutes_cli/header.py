"""Stage 5: the lead paragraph -> date, meeting name, scope, purpose, chair, attendees.

Input: the view, its sentences and the lead range (content start to the first section or
agenda sentence). Output: ``Header``.
Example: '4月24日下午,全市召开“…”工作推进会,对…作具体安排。市委副书记、市长赵辉主持会议并讲话,
市委副书记何礼…等参加会议。' -> date 4月24日下午, scope 全市, chair 赵辉 (市委副书记, 市长),
attendees 何礼 … with attendance 参加会议 and attendees_more.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .findings import WarningFound
from .normalize import View
from .people import Person, is_title, parse_people, parse_person, parse_titled_people, valid_titled_name
from .rules import Rule, RuleSet
from .sections import SectionFound, inside
from .sentences import Sentence, sentence_at
from .textspan import clause_starts, split_depth0, to_int, trim

_CLAUSE = frozenset("，；")
_PHRASE_OPENERS = frozenset("，。；：！？、\n")


class DateFound(NamedTuple):
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    period: tuple[int, int] | None
    rule: str


class ChairFound(NamedTuple):
    person: Person
    role: tuple[int, int]
    rule: str


class AttendeeFound(NamedTuple):
    person: Person
    attendance: tuple[int, int]
    rule: str


class Header(NamedTuple):
    date: DateFound | None
    name: tuple[int, int] | None
    scope: tuple[int, int] | None
    purpose: tuple[int, int] | None
    chair: ChairFound | None
    attendees: tuple[AttendeeFound, ...]
    attendees_more: bool
    warnings: tuple[WarningFound, ...]
    meeting_rule: str | None = None  # the rule that found name, scope and purpose


def read_header(
    view: View,
    sentences: tuple[Sentence, ...],
    lead: tuple[int, int],
    content: tuple[int, int],
    sections: tuple[SectionFound, ...],
    rules: RuleSet,
) -> Header:
    """``lead`` is where the header is looked for first; the chair and attendance sentences
    may also come late in ``content`` (主持会议时指出; 出席会议 as the last sentence)."""
    warnings: list[WarningFound] = []
    date = _date(view, sentences, *lead, rules)
    if date is None and content[0] > 0:
        date = _date(view, sentences, 0, content[0], rules)  # dated only in the headline
    name, scope, purpose, meeting_rule = _meeting(view, sentences, date, *lead, rules, warnings)
    if meeting_rule is None and content[0] > 0:
        # Only the page title above the report names the meeting (a minutes-style item that
        # starts 会议时间：…): read it there.
        name, scope, purpose, meeting_rule = _meeting(view, sentences, None, 0, content[0], rules, warnings)
    chair = _chair(view, *lead, rules) or _chair(view, *content, rules)
    attendees, more = _attendees(view, sentences, content, sections, rules, chair)
    return Header(date, name, scope, purpose, chair, attendees, more, tuple(warnings), meeting_rule)


def _date(view: View, sentences: tuple[Sentence, ...], start: int, end: int, rules: RuleSet) -> DateFound | None:
    text = view.text
    found: list[tuple[int, int, re.Match[str], str]] = []
    for order, rule in enumerate(rules.dates):
        for m in rule.scan(text, start, end):
            if rules.dateline_tail.match(text, m.end(), end):
                continue  # 3月21日讯: the paper's date, not the meeting's
            found.append((m.start(), order, m, rule.id))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1]))

    def in_context(pos: int) -> bool:
        sentence = sentence_at(sentences, pos)
        return sentence is not None and rules.date_context.search(text, sentence.start, sentence.end) is not None

    best = next((f for f in found if in_context(f[0])), found[0])
    # Two dates in one sentence (4月10日，记者获悉，4月9日下午，市里召开…): the meeting's is
    # the last one before the words that say what happened.
    holding = sentence_at(sentences, best[0])
    if holding is not None:
        context = rules.date_context.search(text, best[2].end(), holding.end)
        if context is not None:
            later = [f for f in found if best[2].end() <= f[0] and f[2].end() <= context.start()]
            # 2024年5月8日 also holds a match 5月8日; only whole dates count.
            later = [f for f in later if not any(g[0] < f[0] and f[2].end() <= g[2].end() for g in found)]
            # 2月8日农历正月十五: a lunar or relative date after a calendar one names the same day.
            later = [f for f in later if f[2].groupdict().get("day") or f[2].groupdict().get("month")]
            best = later[-1] if later else best
    m, rule_id = best[2], best[3]
    groups = m.re.groupindex

    def number(group: str) -> int | None:
        return to_int(m.group(group)) if group in groups and m.group(group) else None

    period = m.span("period") if "period" in groups and m.group("period") else None
    return DateFound(m.start(), m.end(), number("year"), number("month"), number("day"), period, rule_id)


def _meeting(
    view: View,
    sentences: tuple[Sentence, ...],
    date: DateFound | None,
    start: int,
    end: int,
    rules: RuleSet,
    warnings: list[WarningFound],
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None, str | None]:
    text = view.text
    # Like the chair, a meeting phrase starts a clause (see _chair).
    starts = clause_starts(text, start, end, _PHRASE_OPENERS)
    found = [(rule, m) for rule in rules.meeting if (m := _match_at(rule, text, starts, end))]
    sentence = sentence_at(sentences, date.start) if date else None
    if sentence is not None:
        # A headline (县纪委十五届四次全会召开) may abbreviate the name the dated lead gives in full.
        in_sentence = clause_starts(text, max(start, sentence.start), sentence.end, _PHRASE_OPENERS)
        in_lead = [(rule, m) for rule in rules.meeting if (m := _match_at(rule, text, in_sentence, sentence.end))]
        found = in_lead[:1] + found
    for rule, m in found:
        name: tuple[int, int] | None = m.span("name")
        if text[m.start("name") : m.end("name")] in rules.generic_names:
            warnings.append(
                WarningFound(
                    "meeting-name-incomplete",
                    f"the meeting is only called “{view.clean(*m.span('name'))}”; its name is split from the organiser",
                    m.span(),
                )
            )
            name = None
        scope = None
        if "organiser" in rule.regex.groupindex and m.group("organiser"):
            if m.group("organiser") in rules.then_words:
                scope = _sentence_subject(view, sentences, start, m.start(), rules)
            else:
                scope = _organiser(view, *m.span("organiser"), rules)
        purpose = None
        after = m.end()  # after the name, or after 召开 when the meeting is the subject
        if after < end and text[after] == "，":
            for p_rule in rules.purpose:
                pm = p_rule.regex.match(text, after + 1, end)
                if pm:
                    purpose = (pm.start(), _purpose_end(view, pm.end(), end, rules))
                    break
        if purpose is None:
            purpose = _purpose_first(view, sentences, date, m.start(), rules)
        return name, scope, purpose, rule.id
    return None, None, None, None


# One clause of running text: quotes, brackets and 《》 may hold punctuation of their own.
_CLAUSE_TEXT = re.compile(r"(?:[^，。；：！？\n“”《》（）]|“[^”\n]{0,60}”|（[^）\n]{0,40}）|《[^》\n]{0,80}》)+")


def _purpose_first(
    view: View, sentences: tuple[Sentence, ...], date: DateFound | None, at: int, rules: RuleSet
) -> tuple[int, int] | None:
    """A purpose written before the meeting (为进一步…，有效防范…，5月6日，集团召开…): the
    clauses from the start of the sentence up to the one that holds the date or the meeting."""
    text = view.text
    sentence = sentence_at(sentences, at)
    if sentence is None or not any(r.regex.match(text, sentence.start, at) for r in rules.purpose):
        return None
    stop = min(at, date.start) if date is not None and sentence.start <= date.start else at
    pos, last = sentence.start, None
    while (clause := _CLAUSE_TEXT.match(text, pos, stop)) is not None and text.startswith("，", clause.end()):
        last, pos = clause.end(), clause.end() + 1
    return (sentence.start, last) if last is not None else None


def _sentence_subject(
    view: View, sentences: tuple[Sentence, ...], start: int, at: int, rules: RuleSet
) -> tuple[int, int] | None:
    """The body a sentence starts with, before its date (县人大常委会5月14日组织…，并召开…):
    who holds a meeting introduced by 并召开. Without a date in the first clause, nobody."""
    text = view.text
    sentence = sentence_at(sentences, at)
    if sentence is None:
        return None
    clause = _CLAUSE_TEXT.match(text, max(start, sentence.start), at)
    if clause is None:
        return None
    a, b = clause.span()
    dated = [m.start() for r in rules.dates if (m := r.regex.search(text, a, b)) is not None and m.start() > a]
    return _organiser(view, a, min(dated), rules) if dated else None


def _purpose_end(view: View, stop: int, end: int, rules: RuleSet) -> int:
    """Where a purpose that ends its first clause at ``stop`` ends: it takes the following
    clauses of the sentence (传达学习…精神，研究部署…工作) up to one naming the chair or attendees."""
    text = view.text
    while stop < end and text[stop] == "，":
        clause = _CLAUSE_TEXT.match(text, stop + 1, end)
        if clause is None:
            break
        a, b = clause.span()
        if any(r.regex.match(text, a, b) for r in rules.chair) or any(
            r.regex.search(text, a, b) for r in rules.attendance
        ):
            break
        stop = b
    return stop


def _organiser(view: View, start: int, end: int, rules: RuleSet) -> tuple[int, int] | None:
    """Who holds the meeting, as written before 召开: a scope word (全市) or a body (市政府),
    without a leading date and without a location (在…) or time that follows it. A person
    (市长赵辉主持召开) is the chair, not the organiser."""
    text = view.text
    word = next((s for s in rules.scopes if text.endswith(s, start, end)), None)
    if word:
        return end - len(word), end
    for rule in rules.dates:
        m = rule.regex.search(text, start, end)
        if m is not None:
            start, end = (m.end(), end) if m.start() == start else (start, m.start())
    cuts = [at for word in rules.location_words if (at := text.find(word, start, end)) != -1]
    if cuts:
        end = min(cuts)
    at, end = trim(text, start, end)
    if end - at < 2:
        return None
    # A person holds a meeting by presiding (市长赵辉主持召开: a chair rule reads it) or carries a
    # title; a bare name-like word before 召开 is a body (区政协召开…: 区 is also a surname).
    people = parse_people(view, at, end, rules)
    if people is not None and (any(p.titles for p in people) or _presides(text, at, end, rules)):
        return None
    return at, end


def _presides(text: str, start: int, end: int, rules: RuleSet) -> bool:
    """Whether a chair rule reads text[start:end] as the person who presides."""
    return any((m := r.regex.match(text, start)) is not None and m.span("person") == (start, end) for r in rules.chair)


def _chair(view: View, start: int, end: int, rules: RuleSet) -> ChairFound | None:
    # A chair phrase starts a clause (市长赵辉主持会议, 会议由…主持), so each rule is tried at
    # clause starts only, not at every character: the person part's lazy repeat made the
    # unanchored search the costliest step of the whole parse.
    text = view.text
    starts = clause_starts(text, start, end, _PHRASE_OPENERS)
    matches = (
        (rule, m)
        for rule in rules.chair
        for pos in _before(starts, rule.last_start(text, start, end))
        if (m := rule.regex.match(text, pos, end))
    )
    seen = []
    for rule, m in matches:
        person = parse_person(view, *m.span("person"), rules)
        if person is not None:
            return ChairFound(person, m.span("role"), rule.id)
        seen.append((rule, m))
    # A titled chair whose surname is missing from surnames.txt (副校长官立恒主持会议).
    for rule, m in seen:
        people = parse_titled_people(view, *m.span("person"), rules)
        if people and len(people) == 1:
            return ChairFound(people[0], m.span("role"), rule.id)
    return None


def _match_at(rule: Rule, text: str, starts: list[int], end: int) -> re.Match[str] | None:
    """The first match of ``rule`` that begins at one of ``starts`` (sorted, >= the range's
    start, which is ``starts[0]``)."""
    if not starts:
        return None
    match = rule.regex.match
    for pos in _before(starts, rule.last_start(text, starts[0], end)):
        m = match(text, pos, end)
        if m is not None:
            return m
    return None


def _before(starts: list[int], limit: int) -> list[int]:
    """The clause starts up to ``limit``: after the last word a rule needs, it cannot match."""
    return starts[: bisect_right(starts, limit)]


def _attendees(
    view: View,
    sentences: tuple[Sentence, ...],
    content: tuple[int, int],
    sections: tuple[SectionFound, ...],
    rules: RuleSet,
    chair: ChairFound | None,
) -> tuple[tuple[AttendeeFound, ...], bool]:
    """People listed in the clauses right before an attendance verb (出席/参加/列席会议).

    Inside a section only a sentence that is nothing but an attendance list counts: the
    list placed last in the report, not 参加 in a requirement ('要组织干部参加培训').
    """
    text = view.text
    start, end = content
    chair_name = view.clean(*chair.person.name) if chair else None
    chair_end = chair.role[1] if chair else None
    section_starts = [s.start for s in sections]
    found: list[AttendeeFound] = []
    more = False
    for sentence in sentences:
        if sentence.end <= start or sentence.start >= end:
            continue
        in_section = inside(sections, section_starts, sentence.start)
        matches = sorted(
            ((m, rule.id) for rule in rules.attendance for m in rule.scan(text, sentence.start, sentence.end)),
            key=lambda pair: pair[0].start(),
        )
        floor = sentence.start  # a list never reaches back past the previous attendance verb
        for m, rule_id in matches:
            if m.start() < floor:
                continue
            if "people" in m.re.groupindex:  # 出席：A，B (the people follow the verb)
                people, first = _people_after(view, *m.span("people"), rules), m.start()
                if not people:
                    continue
            else:
                # …会议由书记龙正学主持镇长杨光荣参加会议 (no comma after 主持): the list starts
                # after the chair's role, never inside it.
                lo = chair_end if chair_end is not None and floor <= chair_end <= m.start() else floor
                people = _people_before(view, lo, m.start(), rules)
                first = trim(text, lo, m.start())[0]
            floor = m.end()
            if not people or (in_section and people[0].start > first):
                continue
            people = [p for p in people if view.clean(*p.name) != chair_name]
            found.extend(AttendeeFound(p, m.span("verb"), rule_id) for p in people)
            more = more or ("more" in m.re.groupindex and m.group("more") is not None)
    found.extend(_table_attendees(view, content, rules, chair_name))
    return tuple(found), more


def _table_attendees(
    view: View, content: tuple[int, int], rules: RuleSet, chair_name: str | None
) -> list[AttendeeFound]:
    """Attendees listed as a table under a heading line (出席会议人员：), one row a person."""
    text = view.text
    found: list[AttendeeFound] = []
    for rule in rules.attendance_tables:
        for m in rule.scan(text, *content):
            pos = m.end() + 1
            while pos < content[1]:
                line_end = text.find("\n", pos, content[1])
                line_end = content[1] if line_end == -1 else line_end
                a, b = trim(text, pos, line_end)
                pos = line_end + 1
                if a >= b:
                    continue
                if all(word in text[a:b] for word in rules.table_header_words):
                    continue  # 姓　名　　职　务
                person = _table_row(view, a, b, rules)
                if person is None:
                    break
                if view.clean(*person.name) != chair_name:
                    found.append(AttendeeFound(person, m.span("verb"), rule.id))
    return found


def _table_row(view: View, a: int, b: int, rules: RuleSet) -> Person | None:
    """A row 'name<spaces>titles': the name ends at a gap of deleted spaces (邗　卓　　副主席
    has one inside the name too), and everything after it is titles split on 、."""
    text, origin = view.text, view.origin
    for gap in range(a + 1, b):
        if origin[gap] == origin[gap - 1] + 1:
            continue  # nothing deleted here: not a column break
        if not valid_titled_name(text[a:gap], rules):
            continue
        titles = [trim(text, x, y) for x, y in split_depth0(text, gap, b, frozenset("、"))]
        if titles and all(x < y and is_title(text[x:y], rules) for x, y in titles):
            return Person((a, gap), tuple(titles), a, b)
    return None


def _people_after(view: View, start: int, end: int, rules: RuleSet) -> list[Person]:
    """The people listed clause by clause after a minutes-style verb (出席：…), skipping groups;
    the list ends at the first clause that is neither."""
    text = view.text
    people: list[Person] = []
    for a, b in split_depth0(text, start, end, _CLAUSE):
        a, b = trim(text, a, b)
        if a >= b:
            continue
        parsed = _clause_people(view, a, b, rules)
        if parsed is None:
            if _is_group(text[a:b], rules):
                continue
            break
        people.extend(parsed)
    return people


def _people_before(view: View, start: int, verb_at: int, rules: RuleSet) -> list[Person]:
    """Walk back clause by clause from the verb while each clause parses as people."""
    text = view.text
    clauses = split_depth0(text, start, verb_at, _CLAUSE)
    people: list[Person] = []
    for a, b in reversed(clauses):
        a, b = trim(text, a, b)
        if a >= b:
            continue  # doubled punctuation: 张三,,李四
        parsed = _clause_people(view, a, b, rules)
        if parsed is None:
            # A group right before the verb (…,各村党组织书记参加会议) does not end the list.
            if not people and _is_group(text[a:b], rules):
                continue
            break
        people[:0] = parsed
    return people


def _clause_people(view: View, a: int, b: int, rules: RuleSet) -> list[Person] | None:
    """The people of one clause of an attendance list, or None. A titled clause is people even
    when a surname is not in surnames.txt (县委常委杞文斌、鲁阿英; 副县长郄振华同志, whose 同志 is
    not 负责同志's); otherwise everyone listed around it would be lost."""
    parsed = parse_people(view, a, b, rules)
    if parsed is None and not _is_group(_without_honorific(view.text[a:b], rules), rules):
        parsed = parse_titled_people(view, a, b, rules)
    return parsed


def _without_honorific(clause: str, rules: RuleSet) -> str:
    return next((clause[: -len(h)] for h in rules.honorifics if clause.endswith(h)), clause)


def _is_group(clause: str, rules: RuleSet) -> bool:
    return is_title(clause, rules) or clause.endswith(rules.group_tails)
