"""Speed shortcuts give exactly what the plain code gives: each fast path is checked against
the slow one it replaces, on every sample and on noisy text."""

from __future__ import annotations

import random
import re

import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_cli.api import parse_doc
from minutes_cli.normalize import View, normalize
from minutes_cli.pipeline import Doc
from minutes_cli.rules import Rule, RuleSet, builtin_rules

DOCS: list[Doc] = [parse_doc(p) for p in sorted(SAMPLES.glob("**/*.txt"))]


def _views() -> list[View]:
    # Deletions of every kind (pinyin, spaces, markup, CR) leave gaps in the origin map.
    noisy = "會(huì)議(yì)强调，  要 抓好<b>落实</b>。\r\n" * 5
    views = [d.view for d in DOCS if d.view is not None]
    return [*views, normalize(noisy, builtin_rules())]


def test_clean_equals_the_character_by_character_join() -> None:
    rng = random.Random(7)
    for view in _views():
        size = len(view.text)
        ranges = [(a, b) for a in range(0, size, 97) for b in (a, a + 1, a + 5, a + 40, size)]
        for _ in range(50):
            a, b = rng.randrange(size + 1), rng.randrange(size + 1)
            ranges.append((min(a, b), max(a, b)))
        for a, b in ranges:
            b = min(b, size)
            slow = "".join(view.original[view.origin[i]] for i in range(a, b))
            assert view.clean(a, b) == slow, (a, b)


def _clause_starts_reference(text: str, start: int, end: int, openers: frozenset[str]) -> list[int]:
    """clause_starts as first written: one step per punctuation mark, depth counted as it goes."""
    from minutes_cli.textspan import CLOSERS, OPENERS, TRIM

    def next_content(pos: int) -> int | None:
        return next((i for i in range(pos, end) if text[i] not in TRIM), None)

    first = next_content(start)
    if first is None:
        return []
    out, depth = [first], 0
    for i in range(start, end):
        ch = text[i]
        if depth == 0 and ch in openers:
            at = next_content(i + 1)
            if at is not None and at != out[-1]:
                out.append(at)
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    return out


_OPENER_SETS = [
    builtin_rules().clause_openers,
    frozenset(builtin_rules().repeated.openers),
    frozenset("，。；：！？、\n"),
    frozenset("，（"),  # a clerk's opener that is a bracket too
    frozenset(" \n"),
]


def _check_clause_starts(text: str, ranges: list[tuple[int, int]]) -> None:
    from minutes_cli.textspan import clause_starts

    for openers in _OPENER_SETS:
        for a, b in ranges:
            assert clause_starts(text, a, b, openers) == _clause_starts_reference(text, a, b, openers), (a, b)


def test_clause_starts_equal_the_stepwise_walk_on_the_samples() -> None:
    for doc in DOCS[::2]:
        assert doc.view is not None
        text = doc.view.text
        ranges = [(0, len(text)), *((s.start, s.end) for s in doc.sentences)]
        ranges += [(a, min(len(text), a + 150)) for a in range(0, len(text), 37)]
        _check_clause_starts(text, ranges)


_PUNCTUATION = list("，。；：！？、\n —“”‘’（）《》要是一二")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PUNCTUATION) | st.characters(), max_size=60).map("".join))
def test_clause_starts_equal_the_stepwise_walk_on_any_text(text: str) -> None:
    ranges = [(a, b) for a in range(0, len(text) + 1, 3) for b in range(a, len(text) + 1, 4)]
    _check_clause_starts(text, ranges)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("(?<=[甲乙])[(（][a-z]{1,7}[)）]", "(（"),  # a lookbehind first: the engine tries everywhere
        ("(?<![0-9])(?P<day>[12]?[0-9])日", "0123456789"),
        ("(?:等|一行)?(?:分别)?(?P<verb>出席|参加)", "等一分出参"),
        ("(?<!a) +|\t+(?!b)", " \t"),
        ("会议(?:强调|要求)", None),  # a literal first: the engine has its own shortcut
        ("[一二三]是", None),  # so does a class
        ("(?<=x)[^，]+", None),  # a negated class: too wide
        ("(?<=x)a?", None),  # may match empty
        ("(?i)(?<=x)abc", None),  # case folding
        ("(?<=x)(?:.|b)c", None),  # any character
    ],
)
def test_first_chars_are_derived_from_the_pattern(pattern: str, chars: str | None) -> None:
    from minutes_cli.rulefiles import first_chars

    found = first_chars(re.compile(pattern))
    if chars is None:
        assert found is None
    else:
        assert found is not None
        probe = chars + "甲乙a0x。行席日会议"
        assert {ch for ch in probe if found.fullmatch(ch)} == set(chars)


_PATTERNS = [
    "(?<=[ab])[(（][a-z]{1,3}[)）]",
    "(?<![0-9])(?P<n>[12]?[0-9])日",
    "(?:等|一)?(?:分别)?(?:出席|参加)了?",
    "(?<!a) +| +(?!b)",
    "(?m)(?<=[。！？])[ \t]*[A-Za-z0-9]{1,3}[ \t]*$",
    "(?:(?<=：[0-9]{2})|(?<![0-9]))(?P<m>1[0-2]|0?[1-9])月",
    "(?P<label>(?P<count>[一二三]{1,3}|[0-9]{1,2})(?:个方面|点|项))",
]
_ALPHABET = list("ab()（）xyz 01239日月：。！？\n等一分别出席参加了个方面点项三二")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=80).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_scanning_from_first_characters_finds_what_finditer_finds(text: str, a: int, b: int) -> None:
    from minutes_cli.rulefiles import first_chars, required_words

    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    for pattern in _PATTERNS:
        regex = re.compile(pattern)
        rule = Rule("t", "t", regex, required_words(regex), first_chars(regex))
        assert rule.starts is not None, pattern
        got = [(m.span(), m.groups()) for m in rule.scan(text, a, b)]
        assert got == [(m.span(), m.groups()) for m in regex.finditer(text, a, b)], pattern


def test_scanning_from_first_characters_equals_finditer_for_every_rule_on_the_samples() -> None:
    rules = builtin_rules()
    every = [r for name in ("deletions", "dates", "attendance", "cues", "declared") for r in getattr(rules, name)]
    every += [f.rule for f in rules.families] + [c.rule for c in rules.credits]
    assert sum(r.starts is not None for r in every) >= 10
    for doc in DOCS[::3]:
        assert doc.view is not None
        for text in (doc.view.original, doc.view.text):
            windows = [(0, len(text)), *((s.start, s.end) for s in doc.sentences)]
            for rule in every:
                for a, b in windows:
                    got = [m.span() for m in rule.scan(text, a, b)]
                    assert got == [m.span() for m in rule.regex.finditer(text, a, b)], (rule.id, a, b)


def _anchored_rules() -> list[Rule]:
    rules = builtin_rules()
    names = ("chair", "meeting", "cues", "speech_intros", "breaks", "purpose", "attendance", "declared", "dates")
    return [rule for name in names for rule in getattr(rules, name)]


def test_no_match_begins_after_the_last_needed_word() -> None:
    """No match begins past Rule.last_start."""
    from minutes_cli.textspan import clause_starts

    every = _anchored_rules()
    tried = 0
    for doc in DOCS[::2]:
        assert doc.view is not None
        text = doc.view.text
        windows = [(0, len(text)), *((s.start, s.end) for s in doc.sentences)]
        for a, b in windows:
            starts = clause_starts(text, a, b, frozenset("，。；：！？、\n"))
            for rule in every:
                limit = rule.last_start(text, a, b)
                for pos in starts:
                    want = rule.regex.match(text, pos, b)
                    assert want is None or pos <= limit, (rule.id, pos, b)
                    tried += want is not None
    assert tried > 100


_FOLD_ALPHABET = [*"會議強調，,;:()!?（）a é\n", "\U00020000", "\U0002a6a5", "\ud800", "😀"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FOLD_ALPHABET) | st.characters(), max_size=40).map("".join))
def test_fold_equals_translate_on_any_text(text: str) -> None:
    from minutes_cli.normalize import fold

    # A clerk's table may map characters past the BMP too, and to more than one character.
    clerk = {ord("\U00020000"): "甲", ord("會"): "会", ord(","): "，", ord("é"): "e\u0301"}
    for table in (builtin_rules().fold_table, clerk):
        for _ in range(3):  # the first call folds with the dict, later ones with the list
            assert fold(text, table) == text.translate(table)


def test_fold_equals_translate_on_the_samples() -> None:
    from minutes_cli.normalize import fold

    table = builtin_rules().fold_table
    assert any(k >= 0x10000 for k in table)  # so the text past the BMP below is folded too
    for doc in DOCS:
        for text in (doc.source.text, doc.source.text + "\U00020000"):
            assert fold(text, table) == text.translate(table)


def test_the_relaxed_rule_set_is_rebuilt_for_another_rule_set() -> None:
    from minutes_cli.people import _relaxed

    rules = builtin_rules()
    other = rules._replace(name_max=rules.name_max + 1)
    for ruleset in (rules, other, rules):
        relaxed = _relaxed(ruleset)
        assert relaxed is _relaxed(ruleset)
        assert relaxed.name_max == max(ruleset.name_max, ruleset.titled_name_max)
        assert relaxed.name_lengths[: len(ruleset.name_lengths)] == ruleset.name_lengths
        assert relaxed.name_stop_chars == ruleset.name_stop_chars - ruleset.titled_name_chars
        assert "甲" in relaxed.surnames and relaxed.surnames >= ruleset.surnames


_TITLE_ALPHABET = list("市委书记部长副县主任王华蓉总监（）")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_ALPHABET) | st.characters(), max_size=12).map("".join))
def test_title_suffix_test_equals_endswith(text: str) -> None:
    from minutes_cli.people import _ends_with_title, _suffix_index

    builtin = builtin_rules().title_suffixes
    for suffixes in (builtin, ("长", "部长", "书记"), ("", "长"), (), builtin):
        for probe in (text, text + "书记", text + "部长", text[:-1]):
            assert _ends_with_title(probe, suffixes) == probe.endswith(suffixes), (probe, suffixes)
            assert (probe in _suffix_index(suffixes)[1]) == (probe in suffixes)


def _check_clause_index(text: str, rng: random.Random, count: int) -> None:
    from minutes_cli.textspan import ClauseIndex, clause_starts

    for openers in _OPENER_SETS:
        for lo, hi in ((0, len(text)), (len(text) // 3, len(text))):
            index = ClauseIndex(text, lo, hi, openers)
            for _ in range(count):
                a, b = rng.randint(lo, hi), rng.randint(lo, hi)
                a, b = min(a, b), max(a, b)
                assert index.starts(a, b) == clause_starts(text, a, b, openers), (a, b)
            assert index.starts(0, len(text)) == clause_starts(text, 0, len(text), openers)


def test_clause_index_equals_clause_starts_on_the_samples() -> None:
    rng = random.Random(11)
    for doc in DOCS[::3]:
        assert doc.view is not None
        _check_clause_index(doc.view.text, rng, 60)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PUNCTUATION) | st.characters(), max_size=60).map("".join), st.randoms())
def test_clause_index_equals_clause_starts_on_any_text(text: str, rng: random.Random) -> None:
    _check_clause_index(text, rng, 20)


def _valid_name_reference(text: str, rules: RuleSet) -> bool:
    """people.valid_name as first written: script, then title word, then surname."""
    from minutes_cli.people import _DOT
    from minutes_cli.textspan import is_han

    if _DOT in text:
        return len(text) <= rules.dotted_name_max and all(p and is_han(p) for p in text.split(_DOT))
    if not (rules.name_min <= len(text) <= rules.name_max) or not is_han(text):
        return False
    if text.endswith(rules.title_suffixes):
        return False
    surname = 2 if text[:2] in rules.surnames and len(text) >= 3 else 1 if text[0] in rules.surnames else 0
    return surname > 0 and rules.name_stop_chars.isdisjoint(text[surname:])


_NAME_ALPHABET = [*_TITLE_ALPHABET, "欧", "阳", "·", "a", "之"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_ALPHABET) | st.characters(), max_size=7).map("".join))
def test_valid_name_equals_the_first_ordering(text: str) -> None:
    from minutes_cli.people import _relaxed, valid_name

    for rules in (builtin_rules(), _relaxed(builtin_rules())):
        for probe in (text, "王" + text, "欧阳" + text, text + "书记"):
            assert valid_name(probe, rules) == _valid_name_reference(probe, rules), probe
