"""Stage 7: section bodies -> enumerated items (nested), declared counts, and their warnings.

Input: the view, the sections and the rules. Output: for each section its lead range, its
declared count and its item tree; plus warnings (declared count mismatch, numbering gap).
Example: '重点要做到“十个深刻领会”:深刻领会…;深刻领会…' -> declared 十个深刻领会 (10) and a list
whose items start with the repeated phrase 深刻领会; '一要…。二要…。四要…' -> three items and a
numbering-gap warning.

Markers count only at the start of a clause, outside quotes and brackets, so 第一要务 never
yields 一要. Each item runs from its marker to the next marker of the same list (or the end
of its scope), and its body is searched again for a nested list. A declared count binds to
a list that starts in the same sentence or the next; otherwise it is a decoy and ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from .findings import WarningFound
from .normalize import View
from .rules import RuleSet
from .sections import SectionFound
from .textspan import SENTENCE_END, TRIM, ClauseIndex, is_han, split_depth0, to_int, trim

# An alias numbered 0 (最后) stands for the next number of the list it ends.
_NEXT = 0
_MAX_DEPTH = 4  # deeper nesting does not occur in the genre; the cap bounds the work
_HEADING_SKIP = frozenset("，、：；. ") | TRIM
# A list delimiter after an item (；, or ， and 、 in comma-spliced lists) is not part of it.
_ITEM_TAIL = frozenset("；，、") | TRIM
_CLAUSE_END = frozenset("，；。！？\n")
_HEADING_END = SENTENCE_END | {"\n"}  # a heading line (一、关于…事宜) ends at the line break
# Cleaned values keep the source's punctuation, which may be ASCII.
_BRACKETS = re.compile("[（）]")
_STRIP = "。；，：！？;,:!? \t\n\u3000"


class Marker(NamedTuple):
    source: str  # rule id of the family or frame, or "phrase"
    kind: str  # "ordinal", "frame" or "phrase"
    n: int | None
    start: int  # view: where the item text starts
    end: int  # view: where the marker ends and the heading begins
    label: tuple[int, int]  # view range of the literal marker
    frame: str | None = None
    topic: tuple[int, int] | None = None
    alias: bool = False  # written as a word standing for the ordinal (首先, 其次)


@dataclass(frozen=True)
class DeclFound:  # a dataclass: its `count` field would shadow tuple.count
    start: int
    end: int
    label: str
    count: int
    phrase: str | None  # folded; the lead phrase its items repeat, when it names one
    rule: str
    keywords: tuple[str, ...] = ()  # 依法、严谨、有序、优质四个关键词: each item starts with one


class ItemFound(NamedTuple):
    n: int
    marker: str
    start: int
    end: int
    heading: str
    declared: DeclFound | None
    items: tuple[ItemFound, ...]
    rule: str


class SectionBody(NamedTuple):
    lead: tuple[int, int]
    declared: DeclFound | None
    items: tuple[ItemFound, ...]


@dataclass
class _Run:
    markers: list[Marker]
    gaps: list[tuple[Marker, int]] = field(default_factory=list)  # (marker, number expected)
    declared: DeclFound | None = None


def enumerate_sections(
    view: View, sections: tuple[SectionFound, ...], rules: RuleSet
) -> tuple[tuple[SectionBody, ...], tuple[WarningFound, ...]]:
    bodies: list[SectionBody] = []
    warnings: list[WarningFound] = []
    for section in sections:
        start = section.cue.body_start
        # Nested lists are searched in the items of the section's: one walk over the section
        # for each kind of clause start serves them all.
        walks = (
            ClauseIndex(view.text, start, section.end, rules.clause_openers),
            ClauseIndex(view.text, start, section.end, frozenset(rules.repeated.openers)),
        )
        # A count may sit in the cue itself (张三提出四点建议：一是…).
        declared, items = _find_list(view, start, section.end, rules, walks, warnings, 0, decl_start=section.cue.start)
        lead_end = items[0].start if items else section.end
        bodies.append(SectionBody(trim(view.text, start, lead_end), declared, items))
    return tuple(bodies), tuple(warnings)


def _find_list(
    view: View,
    start: int,
    end: int,
    rules: RuleSet,
    walks: tuple[ClauseIndex, ClauseIndex],  # clause starts: for markers, for repeated phrases
    warnings: list[WarningFound],
    depth: int,
    decl_start: int | None = None,
) -> tuple[DeclFound | None, tuple[ItemFound, ...]]:
    if depth > _MAX_DEPTH or end - start < 4:
        return None, ()
    text = view.text
    starts = _with_inline_runs(text, walks[0].starts(start, end), start, end, rules)
    decls = _declarations(view, start if decl_start is None else decl_start, end, rules)
    repeated = _repeated_runs(text, walks[1].starts(start, end), end, rules)
    run = _choose_run(text, starts, decls, _markers(text, starts, end, rules), repeated, rules)
    if run is None:
        # A list may restart inside brackets: 一是…(一是…六是)…; look inside them.
        for a, b in _bracket_groups(text, start, end):
            # A count right before the bracket announces the list inside it (三项改革（一是…）).
            found = _find_list(view, a, b, rules, walks, warnings, depth + 1, decl_start=start)
            if found[1]:
                return found
        return None, ()
    items: list[ItemFound] = []
    for index, marker in enumerate(run.markers):
        stop = run.markers[index + 1].start if index + 1 < len(run.markers) else end
        a, b = trim(text, marker.start, stop, _ITEM_TAIL)
        nested_declared, nested = _find_list(view, marker.end, b, rules, walks, warnings, depth + 1)
        items.append(
            ItemFound(
                n=index + 1,
                marker=marker_text(view, marker),
                start=a,
                end=b,
                heading=_heading(view, marker, b),
                declared=nested_declared,
                items=nested,
                rule=marker.source,
            )
        )
    for marker, expected in run.gaps:
        warnings.append(
            WarningFound(
                "numbering-gap",
                f"numbering jumps to {marker_text(view, marker)} where {expected} was expected",
                marker.label,
            )
        )
    if run.declared is not None and run.declared.count != len(items):
        d = run.declared
        warnings.append(
            WarningFound(
                "declared-count-mismatch",
                f"“{d.label}” announces {d.count} items but {len(items)} were found",
                (d.start, d.end),
            )
        )
    return run.declared, tuple(items)


def marker_text(view: View, marker: Marker) -> str:
    if marker.frame is None:
        return view.clean(*marker.label)
    # The frame as the rule writes it (把握…抓落实), in the source's script (把握…抓落實).
    out, pos = [], marker.label[0]
    for ch in marker.frame:
        at = view.text.find(ch, pos, marker.label[1]) if ch != "…" else -1
        out.append(view.clean(at, at + 1) if at != -1 else ch)
        pos = at + 1 if at != -1 else pos
    return "".join(out)


def _with_inline_runs(text: str, starts: list[int], start: int, end: int, rules: RuleSet) -> list[int]:
    """The clause starts plus the markers of runs inside one clause (做好一是…、二是…)."""
    extra = [
        at
        for rule in rules.inline_runs
        for m in rule.scan(text, start, end)
        for at in (m.start(), *(i + 1 for i in range(m.start(), m.end()) if text[i] == "、"))
    ]
    return sorted(set(starts).union(extra)) if extra else starts


def _markers(text: str, starts: list[int], end: int, rules: RuleSet) -> dict[str, list[Marker]]:
    found: dict[str, list[Marker]] = {}
    any_marker = rules.marker_start
    for pos in starts:
        if any_marker is not None and any_marker.match(text, pos, end) is None:
            continue  # no family or frame matches here: skip trying each of them
        for family in rules.families:
            m = family.rule.regex.match(text, pos, end)
            alias = False
            if m is not None:
                n = to_int(m.group("num"))
                has_label = "marker" in m.re.groupindex and m.group("marker") is not None
                label = m.span("marker") if has_label else m.span()
            elif family.alias_regex is not None and (m := family.alias_regex.match(text, pos, end)):
                n, label, alias = family.aliases[m.group("alias")], m.span(), True
            else:
                continue
            if n is not None:
                # Families in one group share numbering: 一要, 二要, 三是 is one list.
                key = family.group or family.rule.id
                marker = Marker(family.rule.id, "ordinal", n, pos, m.end(), label, alias=alias)
                found.setdefault(key, []).append(marker)
        for frame in rules.frames:
            m = frame.rule.regex.match(text, pos, end)
            if m is not None:
                written = frame.marker
                if frame.optional_prefix and not text.startswith(frame.optional_prefix, pos):
                    written = written.removeprefix(frame.optional_prefix)  # 在…上持续用力, no 要
                marker = Marker(frame.rule.id, "frame", None, pos, m.end(), m.span(), written, m.span("topic"))
                found.setdefault(frame.rule.id, []).append(marker)
    return found


def _declarations(view: View, start: int, end: int, rules: RuleSet) -> list[DeclFound]:
    text = view.text
    out: list[DeclFound] = []
    for rule in rules.declared:
        for m in rule.scan(text, start, end):
            count = to_int(m.group("count"))
            if not count or count < 2:
                continue  # 一项 announces no list
            label_span = m.span("label") if "label" in m.re.groupindex and m.group("label") else m.span()
            phrase = m.group("phrase") if "phrase" in m.re.groupindex else None
            keywords = tuple(m.group("keywords").split("、")) if "keywords" in m.re.groupindex else ()
            out.append(DeclFound(m.start(), m.end(), view.clean(*label_span), count, phrase, rule.id, keywords))
    out.sort(key=lambda d: (d.start, -d.end))
    # A declaration whose label is part of a longer one around it is that one: “三条红线”
    # holds 三条. (查、控、治三个方面 keeps 三个方面 too: the same label, read two ways.)
    # Sorted by start, longest first: a container comes just before what it holds.
    return [d for i, d in enumerate(out) if not any(_extends(other, d) for other in out[max(0, i - 8) : i])]


def _extends(outer: DeclFound, inner: DeclFound) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and outer.label != inner.label
        and inner.label in outer.label
    )


def _choose_run(
    text: str,
    starts: list[int],
    decls: list[DeclFound],
    markers: dict[str, list[Marker]],
    repeated: list[_Run],
    rules: RuleSet,
) -> _Run | None:
    candidates: list[_Run] = []
    for found in markers.values():
        if found[0].kind == "ordinal":
            candidates.extend(_ordinal_runs(found))
        else:
            candidates.append(_Run(found))
    for decl in decls:
        if decl.keywords:
            keyword_run = _keyword_run(text, starts, decl)
            if keyword_run is not None:
                candidates.append(keyword_run)
        if decl.phrase:
            hits = [p for p in starts if p >= decl.end and text.startswith(decl.phrase, p)]
            if len(hits) >= 2:
                size = len(decl.phrase)
                phrase_markers = [Marker("phrase", "phrase", None, p, p + size, (p, p + size)) for p in hits]
                candidates.append(_Run(phrase_markers, declared=decl))
    candidates.extend(repeated)
    # The earliest list is the outer one; lists starting inside its items are found when
    # those items are searched. On a tie, numbered, declared and phrase lists beat frames.
    candidates.sort(key=lambda r: (r.markers[0].start, _rank(r)))
    decl_starts = [d.start for d in decls]  # decls are sorted by start
    valid = [run for run in candidates if _acceptable(text, run, decls, decl_starts, rules)]
    if not valid:
        return None
    run = valid[0]
    for later in valid[1:]:
        if later.markers[0].start <= run.markers[-1].start:
            continue  # starts inside an item: nested, found when that item is searched
        if not _is_sibling(text, run, later, rules):
            break  # the next list belongs to the last item; so does everything after it
        # Flatten sibling lists into one: the schema gives a section one item list.
        run = _Run(run.markers + later.markers, run.gaps + later.gaps, run.declared or later.declared)
    return run


def _keyword_run(text: str, starts: list[int], decl: DeclFound) -> _Run | None:
    """Items that start, in order, with the keywords the declaration lists."""
    markers: list[Marker] = []
    index = bisect_left(starts, decl.end)
    for number, keyword in enumerate(decl.keywords):
        # The first keyword may carry the words before it (把握依法、严谨…): try its tails.
        tails = [keyword[cut:] for cut in range(len(keyword))] if number == 0 else [keyword]
        hit = None
        for tail in tails:
            at = index
            while at < len(starts) and not text.startswith(tail, starts[at]):
                at += 1
            if at < len(starts):
                hit = (at, tail)
                break
        if hit is None:
            break
        index, keyword = hit
        p = starts[index]
        markers.append(Marker("keyword", "phrase", None, p, p + len(keyword), (p, p + len(keyword))))
        index += 1
    return _Run(markers, declared=decl) if len(markers) >= 2 else None


def _rank(run: _Run) -> int:
    first = run.markers[0]
    if first.kind == "frame":
        return 3
    if first.kind == "phrase":
        return 1 if run.declared is not None else 2
    return 0


def _acceptable(text: str, run: _Run, decls: list[DeclFound], decl_starts: list[int], rules: RuleSet) -> bool:
    if run.declared is None:
        run.declared = _binding(text, decls, decl_starts, run.markers[0].start)
    if len(run.markers) < 2:
        return False
    first = run.markers[0]
    if first.kind == "frame":
        needed = next(f.min_items for f in rules.frames if f.rule.id == first.source)
        return len(run.markers) >= needed or run.declared is not None
    return True


def _is_sibling(text: str, run: _Run, later: _Run, rules: RuleSet) -> bool:
    """A later list is a sibling when a sentence of its own introduces it (重点做好以下工作。第一要…)."""
    sentences = [
        trim(text, a, b) for a, b in split_depth0(text, run.markers[-1].start, later.markers[0].start, SENTENCE_END)
    ]
    sentences = [(a, b) for a, b in sentences if a < b]
    if len(sentences) < 2:
        return False
    a, b = sentences[-1]
    closing = text[b] if b < len(text) else ""
    return bool(rules.list_intro.search(text, a, b)) or closing == "："


def _repeated_runs(text: str, starts: list[int], end: int, rules: RuleSet) -> list[_Run]:
    """Lists whose items start with the same phrase after 。 or ；, with no marker or count;
    ``starts`` are the clause starts after those openers."""
    cfg = rules.repeated
    groups: dict[str, list[int]] = {}
    for pos in starts:
        key = text[pos : pos + cfg.min_length]
        # The excluded starts (要, 一, 各 …) first: one C call that rejects many clauses before
        # the script test's regex.
        if len(key) == cfg.min_length and not key.startswith(tuple(cfg.excluded_starts)) and is_han(key):
            groups.setdefault(key, []).append(pos)
    runs: list[_Run] = []
    for positions in groups.values():
        if len(positions) < cfg.min_items:
            continue
        shared = _common_prefix([text[p : min(p + cfg.max_length, end)] for p in positions])
        phrase = next(
            (
                shared[:cut]
                for cut in range(len(shared), cfg.min_length - 1, -1)
                if shared[:cut].endswith(tuple(cfg.phrase_ends))
            ),
            None,
        )
        if phrase:
            size = len(phrase)
            runs.append(_Run([Marker("repeated", "phrase", None, p, p + size, (p, p + size)) for p in positions]))
    return runs


def _common_prefix(texts: list[str]) -> str:
    first = min(texts)
    last = max(texts)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _ordinal_runs(markers: list[Marker]) -> list[_Run]:
    """Split one family group's markers into runs 1, 2, 3 …; small jumps are gaps, not new lists.

    A marker continues the run it is the next number of, not only the latest one: in
    一要…二要…（一是…二是…三是）…三要, 三要 goes back to the 一要 run. When two runs could take it,
    the one whose last marker is of its own family wins (三要 after 二要, not after 二是)."""
    runs: list[_Run] = []
    for marker in markers:
        n = marker.n or 0
        if n == 1:
            runs.append(_Run([marker]))
            continue
        if not runs:
            continue
        if n == _NEXT:
            # 最后 ends a list of words (首先, 其次, 再次), not one of numbers: after 第三，…
            # 最后，杜卫东作总结讲话 is narration.
            current = runs[-1]
            if current.markers[-1].alias:
                current.markers.append(marker._replace(n=(current.markers[-1].n or 0) + 1))
            continue
        takers = [run for run in runs if (run.markers[-1].n or 0) + 1 == n]
        if takers:
            same_family = [run for run in takers if run.markers[-1].source == marker.source]
            (same_family or takers)[-1].markers.append(marker)
            continue
        current = runs[-1]
        last = current.markers[-1].n or 0
        if last + 1 < n <= last + 3:
            current.markers.append(marker)
            current.gaps.append((marker, last + 1))
    return runs


def _binding(text: str, decls: list[DeclFound], decl_starts: list[int], first: int) -> DeclFound | None:
    """The declaration announcing a list that starts at ``first``, if any."""
    index = bisect_left(decl_starts, first)
    decl = next((d for d in reversed(decls[max(0, index - 8) : index]) if d.end <= first), None)
    if decl is None:
        return None
    gap = text[decl.end : first].rstrip("".join(TRIM) + "。！？：；，”")
    return None if any(ch in SENTENCE_END for ch in gap) else decl


def _bracket_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Insides of the outermost （…） in text[start:end] long enough to hold a list."""
    groups: list[tuple[int, int]] = []
    depth, opened = 0, start
    for m in _BRACKETS.finditer(text, start, end):
        i = m.start()
        if m.group() == "（":
            if depth == 0:
                opened = i + 1
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and i - opened >= 8:
                groups.append((opened, i))
    return groups


def _heading(view: View, marker: Marker, end: int) -> str:
    """First sentence after the marker if the item has several, else its first clause."""
    text = view.text
    body = marker.end
    if marker.kind != "frame":
        while body < end and text[body] in _HEADING_SKIP:
            body += 1
    parts = split_depth0(text, body, end, _HEADING_END)
    several = len(parts) > 1 and any(trim(text, a, b)[0] < b for a, b in parts[1:])
    stop = parts[0][1] if several else split_depth0(text, body, end, _CLAUSE_END)[0][1]
    if marker.topic is not None:
        # A frame's heading is its topic: 在防范化解重大风险方面 -> 防范化解重大风险.
        return view.clean(*marker.topic)
    return view.clean(body, stop).strip(_STRIP)
