"""``minutes diff``: what changed between two versions of a report, by structure.

Input: two reports as plain dicts in the output schema (parsed from text, or loaded from
YAML/JSON). Output: a list of ``Change`` records: chair changed, attendees added, removed or
retitled, documents and reports added or removed, sections and items added, removed, moved or
changed, with a word-level diff (jieba segmentation) inside changed text.
Example: an item 三要加强宣传 becoming 三要加强宣传报道 -> one 'changed' item whose word diff
inserts 报道; inserting a new first item does not mark the later ones as changed, because
items are matched by content, not position.

Spans, ids and source metadata are ignored: they move whenever anything before them moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

# Two sections or items are the same one, changed, when their texts are at least this similar.
_SAME = 0.5


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, changed, moved, retitled
    where: str  # e.g. "attendees", "s2.items", "meeting.name"
    label: str  # what a reader recognises it by (a name, a cue, a marker + heading)
    old: Any = None
    new: Any = None
    words: tuple[tuple[str, str], ...] = field(default=())  # (op, text): equal, delete, insert

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "where": self.where, "label": self.label}
        if self.old is not None:
            out["old"] = self.old
        if self.new is not None:
            out["new"] = self.new
        if self.words:
            out["words"] = [{"op": op, "text": text} for op, text in self.words]
        return out


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    changes += _meeting(old.get("meeting") or {}, new.get("meeting") or {})
    changes += _chair(old.get("chair"), new.get("chair"))
    changes += _people(old.get("attendees") or [], new.get("attendees") or [])
    changes += _keyed("reports_heard", old.get("reports_heard") or [], new.get("reports_heard") or [], "text")
    changes += _documents(old.get("documents") or [], new.get("documents") or [])
    changes += _sections(old.get("sections") or [], new.get("sections") or [])
    changes += _keyed("reporters", old.get("reporters") or [], new.get("reporters") or [], "name")
    return changes


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level diff of two Chinese texts, segmented with jieba."""
    from .segment import words

    a, b = words(old), words(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
    return tuple(out)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


def _meeting(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for key in ("date", "name", "scope", "purpose"):
        a, b = _text(old.get(key)), _text(new.get(key))
        if a != b:
            yield Change("changed", f"meeting.{key}", key, a or None, b or None, word_diff(a, b) if a and b else ())


def _person(p: dict[str, Any] | None) -> str:
    if not p:
        return "—"
    titles = "、".join(p.get("titles") or [])
    return f"{p.get('name')}（{titles}）" if titles else str(p.get("name"))


def _chair(old: dict[str, Any] | None, new: dict[str, Any] | None) -> Iterator[Change]:
    strip = ("span",)
    a = {k: v for k, v in (old or {}).items() if k not in strip}
    b = {k: v for k, v in (new or {}).items() if k not in strip}
    if a != b:
        yield Change("changed", "chair", "chair", _person(old), _person(new))


def _people(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[Change]:
    before = {p.get("name"): p for p in old}
    after = {p.get("name"): p for p in new}
    for name, person in after.items():
        if name not in before:
            yield Change("added", "attendees", str(name), None, _person(person))
    for name, person in before.items():
        if name not in after:
            yield Change("removed", "attendees", str(name), _person(person), None)
            continue
        other = after[name]
        if (person.get("titles") or []) != (other.get("titles") or []):
            yield Change("retitled", "attendees", str(name), _person(person), _person(other))
        if person.get("attendance") != other.get("attendance"):
            yield Change(
                "changed", "attendees", f"{name} attendance", person.get("attendance"), other.get("attendance")
            )


def _keyed(where: str, old: list[dict[str, Any]], new: list[dict[str, Any]], key: str) -> Iterator[Change]:
    before = [str(x.get(key)) for x in old]
    after = [str(x.get(key)) for x in new]
    for value in after:
        if value not in before:
            yield Change("added", where, value, None, value)
    for value in before:
        if value not in after:
            yield Change("removed", where, value, value, None)


def _documents(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[Change]:
    yield from _keyed("documents", old, new, "title")
    actions = {d.get("title"): d.get("action") for d in old}
    for doc in new:
        title = doc.get("title")
        if title in actions and actions[title] != doc.get("action"):
            yield Change("changed", "documents", f"《{title}》 action", actions[title], doc.get("action"))


def _section_text(section: dict[str, Any]) -> str:
    items = "".join(_item_text(i) for i in section.get("items") or [])
    return f"{section.get('cue')}{section.get('lead') or ''}{items}"


def _item_text(item: dict[str, Any]) -> str:
    """An item's content without its marker: renumbering (三要 -> 四要) is not a change."""
    text = str(item.get("text") or item.get("heading") or "")
    marker = str(item.get("marker") or "")
    return text[len(marker) :] if marker and text.startswith(marker) else text


def _match(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of the same element in old and new, matched by content similarity."""
    exact: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        exact.setdefault(text, []).append(j)
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for i, text in enumerate(old):
        for j in exact.get(text, []):
            if j not in used_new:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
                break
    scored = []
    for i, a in enumerate(old):
        if i in used_old:
            continue
        for j, b in enumerate(new):
            if j in used_new:
                continue
            ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
            if ratio >= _SAME:
                scored.append((-ratio, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(pairs)


def _length(chain: list[int]) -> int:
    return len(chain)


def _moved(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Matched pairs out of order: those not on the longest increasing run of new positions."""
    news = [j for _, j in pairs]
    best: list[list[int]] = []
    empty: list[int] = []
    for index, j in enumerate(news):
        chain = max((c for c in best if news[c[-1]] < j), key=_length, default=empty)
        best.append([*chain, index])
    longest: list[int] = max(best, key=_length) if best else []
    keep = set(longest)
    return {pair for index, pair in enumerate(pairs) if index not in keep}


def _sections(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[Change]:
    pairs = _match([_section_text(s) for s in old], [_section_text(s) for s in new])
    moved = _moved(pairs)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    for j, section in enumerate(new):
        if j not in matched_new:
            yield Change("added", "sections", f"{section.get('id')} {section.get('cue')}", None, section.get("lead"))
    for i, section in enumerate(old):
        if i not in matched_old:
            yield Change("removed", "sections", f"{section.get('id')} {section.get('cue')}", section.get("lead"), None)
    for i, j in pairs:
        a, b = old[i], new[j]
        label = f"{b.get('id')} {b.get('cue')}"
        if (i, j) in moved:
            yield Change("moved", "sections", label, a.get("id"), b.get("id"))
        for key in ("cue", "speaker", "verb"):
            if a.get(key) != b.get(key):
                yield Change("changed", f"{b.get('id')}.{key}", label, a.get(key), b.get(key))
        if (a.get("lead") or "") != (b.get("lead") or ""):
            yield Change(
                "changed",
                f"{b.get('id')}.lead",
                label,
                a.get("lead"),
                b.get("lead"),
                word_diff(a["lead"] or "", b["lead"] or ""),
            )
        if (a.get("declared") or None) != (b.get("declared") or None):
            yield Change("changed", f"{b.get('id')}.declared", label, a.get("declared"), b.get("declared"))
        yield from _items(a.get("items") or [], b.get("items") or [], str(b.get("id")))


def _items(old: list[dict[str, Any]], new: list[dict[str, Any]], where: str) -> Iterator[Change]:
    pairs = _match([_item_text(i) for i in old], [_item_text(i) for i in new])
    moved = _moved(pairs)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}

    def label(item: dict[str, Any]) -> str:
        return f"{item.get('id')} {item.get('marker')} {item.get('heading')}"

    for j, item in enumerate(new):
        if j not in matched_new:
            yield Change("added", f"{where}.items", label(item), None, _item_text(item))
    for i, item in enumerate(old):
        if i not in matched_old:
            yield Change("removed", f"{where}.items", label(item), _item_text(item), None)
    for i, j in pairs:
        a, b = old[i], new[j]
        if (i, j) in moved:
            yield Change("moved", f"{where}.items", label(b), a.get("id"), b.get("id"))
        if _item_text(a) != _item_text(b):
            yield Change(
                "changed",
                f"{where}.items",
                label(b),
                _item_text(a),
                _item_text(b),
                word_diff(_item_text(a), _item_text(b)),
            )
        if (a.get("declared") or None) != (b.get("declared") or None):
            yield Change("changed", f"{b.get('id')}.declared", label(b), a.get("declared"), b.get("declared"))
        yield from _items(a.get("items") or [], b.get("items") or [], str(b.get("id")))


_STYLES = {"added": "32", "removed": "31", "changed": "33", "moved": "36", "retitled": "33"}
_SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "retitled": "~"}


def format_changes(changes: list[Change], *, color: bool) -> str:
    """Human-readable lines; with color, ANSI colours and coloured word changes."""

    def paint(code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    def elide(text: str) -> str:
        # Long unchanged stretches are shortened so the change stands out.
        return text if len(text) <= 24 else f"{text[:8]}…{text[-8:]}"

    lines: list[str] = []
    for change in changes:
        sign = paint(_STYLES[change.kind], _SIGNS[change.kind])
        head = f"{sign} {change.where}: {change.kind} {change.label}"
        if change.words:
            marks = {"delete": ("31", "[-", "-]"), "insert": ("32", "{+", "+}")}
            body = "".join(
                elide(text) if op == "equal" else paint(marks[op][0], f"{marks[op][1]}{text}{marks[op][2]}")
                for op, text in change.words
            )
            lines.append(f"{head}\n    {body}")
        elif change.kind in ("changed", "retitled", "moved"):
            lines.append(f"{head}: {change.old} -> {change.new}")
        else:
            lines.append(head)
    return "\n".join(lines) + ("\n" if lines else "")
