"""People: split a run of titles and names into persons (used by header and sections).

Input: a view range holding one clause of a people list, e.g. '市委常委、市委组织部部长王华蓉'
or '市委常委孙书申、张德民'. Output: the persons in it, each with its titles (source order)
and view ranges, or None when the clause is not a people list at all (a verb, a sentence).

A title is text ending with a suffix from ``people.yaml`` (部长, 书记 …); a name is 2–4
characters starting with a surname from ``surnames.txt``. Parts are split on 、 outside
quotes and brackets, so '中央“不忘初心、牢记使命”主题教育领导小组组长' stays one title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .normalize import View
from .rules import RuleSet
from .textspan import is_han, split_depth0, trim

_DOT = "·"
_LIST_SEPARATORS = frozenset("、")


class Person(NamedTuple):
    name: tuple[int, int]
    titles: tuple[tuple[int, int], ...]
    start: int  # first own title, or the name
    end: int


def parse_people(view: View, start: int, end: int, rules: RuleSet) -> list[Person] | None:
    """All persons in view[start:end], or None when any part is not a title or a name."""
    text = view.text
    people: list[Person] = []
    pending: list[tuple[int, int]] = []
    shared: tuple[tuple[int, int], ...] = ()
    parts = [trim(text, a, b) for a, b in split_depth0(text, start, end, _LIST_SEPARATORS)]
    parts = [(a, b) for a, b in parts if a < b]  # doubled punctuation (,、) leaves empty parts
    parts = [piece for a, b in parts for piece in _split_joined(text, a, b, rules)]
    # _before_group splits the last part, and the loop below splits it again: each part's
    # split is worked out once per call.
    splits: dict[str, int | None] = {}

    def split_of(part: str) -> int | None:
        if part not in splits:
            splits[part] = _split_title_name(part, rules)
        return splits[part]

    if parts:
        parts[-1] = _before_group(text, *parts[-1], rules, split_of)
    named_first = _name_then_titles(text, parts, rules)
    if named_first is not None:
        return [named_first]
    group_seen = False
    for index, (a, b) in enumerate(parts):
        b = _strip_suffix(text, a, b, rules.honorifics)
        if a >= b:
            return None
        part = text[a:b]
        last = index == len(parts) - 1
        split = split_of(part)
        # A last part that is only a title may be name-before-title (王金山省长, 诸葛文清省长);
        # earlier parts that are titles belong to the next name (市委副书记、市长赵辉).
        # After a group (各子公司主要负责人、安全总监) a last bare title is the group's too, not a
        # name before a title (安全|总监).
        reversed_split = _split_name_title(part, rules) if split is None and last and not group_seen else None
        if split is not None:
            cut = a + split
            own = (*pending, (a, cut)) if split else (tuple(pending) or shared)
            start_at = own[0][0] if own else a
            people.append(Person((cut, b), own, start_at, b))
            shared = own or shared
            pending = []
        elif reversed_split is None and is_title(part, rules) and not last:
            # 各专门委员会主任、办公室主任张三: a group's title is not 张三's.
            if any(mark in part for mark in rules.group_marks):
                group_seen = True
            else:
                pending.append((a, b))
        elif reversed_split is None and valid_name(part, rules):
            own = tuple(pending) or shared
            people.append(Person((a, b), own, pending[0][0] if pending else a, b))
            pending = []
        else:
            if reversed_split is None:
                return None
            cut = a + reversed_split
            people.append(Person((a, cut), (*pending, (cut, b)), pending[0][0] if pending else a, b))
            pending = []
    if pending or not people:
        return None
    return people


def parse_titled_people(view: View, start: int, end: int, rules: RuleSet) -> list[Person] | None:
    """Like ``parse_people``, but any Chinese character may begin a name, and every person must
    carry a title. For a clause whose place already says it names people (between attendees,
    before 主持): 校党委常委、监察专员官立恒 when 官 is missing from surnames.txt."""
    people = parse_people(view, start, end, _relaxed(rules))
    # Titles first, then the name: read the other way round (镇领导|班子成员) it is a group.
    titled = people and all(p.titles and all(t[1] <= p.name[0] for t in p.titles) for p in people)
    return people if titled else None


def valid_titled_name(text: str, rules: RuleSet) -> bool:
    """A name as it may stand next to its titles: any surname, up to ``titled_name_max``."""
    return valid_name(text, _relaxed(rules))


def _relaxed(rules: RuleSet) -> RuleSet:
    """Rules for a name that something else already marks as a person (a title before it): any
    surname, up to ``titled_name_max`` characters (额尔敦毕力格), and the few stop characters that
    transliterations use (乌云其其格)."""
    # Built once per rule set, not per call: _replace rebuilds a tuple of ~60 fields and the
    # surname set, for each of ~3 clauses a report. Keyed by identity; holding the rule set
    # keeps its id from being reused by another.
    if _RELAXED and _RELAXED[0] is rules:
        return _RELAXED[1]
    longer = tuple(range(rules.name_max + 1, rules.titled_name_max + 1))
    relaxed = rules._replace(
        surnames=_AnySurname(rules.surnames),
        name_max=max(rules.name_max, rules.titled_name_max),
        name_stop_chars=rules.name_stop_chars - rules.titled_name_chars,
        name_lengths=rules.name_lengths + longer,
    )
    _RELAXED[:] = [rules, relaxed]
    return relaxed


_RELAXED: list[RuleSet] = []  # [rules, _relaxed(rules)] for the last rule set asked for


class _AnySurname(frozenset[str]):
    """Any single Chinese character counts as a surname; compound ones still come from the list."""

    def __contains__(self, item: object) -> bool:
        return (isinstance(item, str) and len(item) == 1 and is_han(item)) or super().__contains__(item)


def titled_person(view: View, start: int, end: int, rules: RuleSet) -> Person | None:
    """One person whose surname is missing from surnames.txt but whose titles come first
    (客商代表、嘉沐科技集团董事长庹光耀在发言中表示): the titles make the name a person."""
    people = parse_titled_people(view, start, end, rules)
    return people[0] if people and len(people) == 1 else None


def introduced_person(view: View, start: int, end: int, rules: RuleSet) -> Person | None:
    """One person in view[start:end] whose surname is missing from surnames.txt, when the same
    name was written earlier right after a title: 县委书记普建华主持会议 … 普建华强调 (普 is rare).
    The earlier title is what makes the name a person; a bare unknown word never is."""
    person = parse_person(view, start, end, _relaxed(rules))
    if person is None:
        return None
    text = view.text
    name = text[person.name[0] : person.name[1]]
    at = text.find(name, 0, start)
    while at != -1:
        if text.endswith(rules.title_suffixes, 0, at):
            return person
        at = text.find(name, at + 1, start)
    return None


def parse_person(view: View, start: int, end: int, rules: RuleSet) -> Person | None:
    """Exactly one person in view[start:end], else None."""
    people = parse_people(view, start, end, rules)
    return people[0] if people and len(people) == 1 else None


def is_title(text: str, rules: RuleSet) -> bool:
    if text in rules.collective_titles:
        return True
    if text.endswith("）") and "（" in text:
        text = text[: text.rindex("（")]  # 风险管理部副总经理（主持工作）: an aside after the title
    return len(text) <= 40 and _ends_with_title(text, rules.title_suffixes)


def valid_name(text: str, rules: RuleSet) -> bool:
    if _DOT in text:
        pieces = text.split(_DOT)
        return len(text) <= rules.dotted_name_max and all(p and is_han(p) for p in pieces)
    if not (rules.name_min <= len(text) <= rules.name_max):
        return False
    # The surname first: a set lookup, where the script and title tests each cost a call,
    # and most of the slices _split_title_name tries (委常委, 书记) fail it.
    surname = 2 if text[:2] in rules.surnames and len(text) >= 3 else 1 if text[0] in rules.surnames else 0
    if surname == 0 or not is_han(text):
        return False
    if _ends_with_title(text, rules.title_suffixes):
        return False  # 安全总监, 王秘书长: a title word, not a given name
    return rules.name_stop_chars.isdisjoint(text[surname:])


def _split_title_name(part: str, rules: RuleSet) -> int | None:
    """Offset where the name starts in 'titles+name', or None."""
    if _DOT in part:
        # 艾力更·依明巴海: the name is the dotted run at the end, after the title.
        first_dot = part.index(_DOT)
        # Longest title first: 县人大常委会主任|吐尔洪·司马义, not 县人大常委|会主任吐尔洪·司马义
        # (常委 is a title too); the given name keeps at least two characters.
        for cut in range(first_dot - 2, 0, -1):
            if is_title(part[:cut], rules) and valid_name(part[cut:], rules):
                return cut
        return 0 if valid_name(part, rules) else None
    for length in rules.name_lengths:
        if len(part) > length and valid_name(part[-length:], rules) and is_title(part[:-length], rules):
            return len(part) - length
    return None


def _split_name_title(part: str, rules: RuleSet) -> int | None:
    """Offset where the title starts in 'name+title' (王金山省长, 诸葛文清省长), or None. The title
    must be a bare title word (省长, 副县长) or a collective label: read more loosely, 区纪委委员
    would be a person 区纪 (区 is a surname) and 区人大常委会各工作委员会主任 a person 区人大."""
    for length in rules.name_lengths:
        if len(part) <= length or not valid_name(part[:length], rules):
            continue
        if _bare_title(part[length:], rules):
            return length
    return None


def _bare_title(title: str, rules: RuleSet) -> bool:
    """A title word alone (省长, 常务副县长) or a collective label, not a full title (市委书记)."""
    bare = next((title[len(m) :] for m in rules.title_modifiers if title.startswith(m)), title)
    return bare in _suffix_index(rules.title_suffixes)[1] or title in rules.collective_titles


def _ends_with_title(text: str, suffixes: tuple[str, ...]) -> bool:
    """``text.endswith(suffixes)``, trying only the suffixes that end with text's last character:
    of ~120 title words (部长, 书记 …) two or three do; this runs ~100 times a report."""
    by_last, _ = _suffix_index(suffixes)
    if by_last is None:
        return text.endswith(suffixes)
    return bool(text) and text.endswith(by_last.get(text[-1], ()))


def _suffix_index(suffixes: tuple[str, ...]) -> _SuffixIndex:
    """Suffixes by their last character (None when one is empty: every text ends with it), and
    as a set; built once per tuple. Keyed by identity, holding the tuple so its id stays taken."""
    if _SUFFIXES and _SUFFIXES[0][0] is suffixes:
        return _SUFFIXES[0][1]
    by_last: dict[str, tuple[str, ...]] | None = None
    if "" not in suffixes:
        by_last = {}
        for suffix in suffixes:
            by_last[suffix[-1]] = (*by_last.get(suffix[-1], ()), suffix)
    index = (by_last, frozenset(suffixes))
    _SUFFIXES[:] = [(suffixes, index)]
    return index


_SuffixIndex = tuple[dict[str, tuple[str, ...]] | None, frozenset[str]]
_SUFFIXES: list[tuple[tuple[str, ...], _SuffixIndex]] = []  # the last tuple asked for, and its index


def _name_then_titles(text: str, parts: list[tuple[int, int]], rules: RuleSet) -> Person | None:
    """石峻岭书记、主任: one person named first, then bare titles split on 、."""
    if len(parts) < 2 or not all(_bare_title(text[a:b], rules) for a, b in parts[1:]):
        return None
    a, b = parts[0]
    cut = _split_name_title(text[a:b], rules)
    if cut is None:
        return None
    return Person((a, a + cut), ((a + cut, b), *parts[1:]), a, parts[-1][1])


def _split_joined(text: str, a: int, b: int, rules: RuleSet) -> list[tuple[int, int]]:
    """'莫云阶和秘书长仇德铭' -> two parts, when both sides of 和/及/与 are people and the joiner
    is not inside a unit's name (区发展和改革局局长邱正阳: 区发展 is not a person)."""
    part = text[a:b]
    for joiner in rules.person_joiners:
        at = part.find(joiner)
        if at <= 0 or any(0 <= at - part.find(w) < len(w) for w in rules.joined_unit_words if w in part):
            continue
        left, right = part[:at], part[at + len(joiner) :]
        if _is_person(left, rules) and _is_person(right, rules):
            return [(a, a + at), (a + at + len(joiner), b)]
    return [(a, b)]


def _is_person(part: str, rules: RuleSet) -> bool:
    return valid_name(part, rules) or _split_title_name(part, rules) is not None


def _before_group(text: str, a: int, b: int, rules: RuleSet, split_of: Callable[[str], int | None]) -> tuple[int, int]:
    """'李四及市直有关部门负责人' -> '李四' when the part itself is not a person; ``split_of`` is
    ``_split_title_name`` with ``rules``."""
    part = text[a:b]
    if valid_name(part, rules) or split_of(part) is not None:
        return a, b
    for joiner in rules.group_joiners:
        at = part.find(joiner)
        if at > 0:
            left = part[:at]
            if valid_name(left, rules) or split_of(left) is not None:
                return a, a + at
    return a, b


def _strip_suffix(text: str, a: int, b: int, suffixes: tuple[str, ...]) -> int:
    for s in suffixes:
        if text.endswith(s, a, b) and b - len(s) > a:
            return b - len(s)
    return b
