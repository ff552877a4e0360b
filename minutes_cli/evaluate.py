"""``minutes eval``: how close the parser comes to hand-corrected expected outputs.

Input: pairs of (report file, expected YAML/JSON in the output schema). Output: per-field
precision and recall over all pairs, and per-file scores to find the worst files.
Example: a report whose expected chair is 赵辉 but which parses with no chair counts one
false negative for ``chair`` and for ``chair.titles``.

Each field is reduced to a multiset of facts (a chair's name, an attendee's (name, title),
a section's (cue, speaker, verb), its lead, an item's (section, path, marker, heading) …);
spans and source metadata are ignored, and so are page noise inside strings (pinyin like
會(huì)議) and whitespace (a PDF's line wraps), which ``text`` fields keep by contract but a
hand-written expectation may leave out. Scope, purpose, leads and item texts are scored only
for expected files that state them (the oldest ones do not).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .rules import builtin_rules

Fact = tuple[Any, ...]

FIELDS = (
    "meeting.date",
    "meeting.name",
    "meeting.scope",
    "meeting.purpose",
    "chair",
    "chair.titles",
    "attendees",
    "attendees.titles",
    "attendees.attendance",
    "reports_heard",
    "documents",
    "sections",
    "sections.declared",
    "sections.lead",
    "item_counts",
    "items",
    "items.heading",
    "items.text",
    "reporters",
    "warnings",
)


# Fields an older hand-written expected file may leave out; scored only where it gives them.
OPTIONAL = frozenset({"meeting.scope", "meeting.purpose", "sections.lead", "items.text"})


def facts(report: dict[str, Any]) -> dict[str, Counter[Fact]]:
    """The comparable facts of one report in the output schema (a plain dict)."""
    return _facts(_denoise(report))


def annotated(report: dict[str, Any]) -> set[str]:
    """The optional fields a (hand-written) report states: a key present, even if null."""
    meeting = report.get("meeting") or {}
    sections = report.get("sections") or []
    out = {f"meeting.{key}" for key in ("scope", "purpose") if key in meeting}
    if any("lead" in s for s in sections):
        out.add("sections.lead")
    if any("text" in item for s in sections for _, item in _items(s.get("items") or [], "")):
        out.add("items.text")
    return out


def _denoise(value: Any) -> Any:
    if isinstance(value, str):
        for rule in builtin_rules().deletions:
            value = rule.regex.sub("", value)
        # Slices keep the source's line breaks and spaces (a PDF's wraps); a hand-written
        # expectation may join them. Whitespace never decides a fact.
        return "".join(value.split())
    if isinstance(value, dict):
        return {k: _denoise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_denoise(v) for v in value]
    return value


def _facts(report: dict[str, Any]) -> dict[str, Counter[Fact]]:
    out: dict[str, Counter[Fact]] = {name: Counter() for name in FIELDS}
    meeting = report.get("meeting") or {}
    date = meeting.get("date")
    if date:
        out["meeting.date"][(date.get("year"), date.get("month"), date.get("day"), date.get("period"))] += 1
    if meeting.get("name"):
        out["meeting.name"][(meeting["name"].get("text"),)] += 1
    if meeting.get("scope"):
        out["meeting.scope"][(meeting["scope"],)] += 1
    if meeting.get("purpose"):
        out["meeting.purpose"][(meeting["purpose"].get("text"),)] += 1
    chair = report.get("chair")
    if chair:
        out["chair"][(chair.get("name"),)] += 1
        for title in chair.get("titles") or []:
            out["chair.titles"][(chair.get("name"), title)] += 1
    for person in report.get("attendees") or []:
        out["attendees"][(person.get("name"),)] += 1
        out["attendees.attendance"][(person.get("name"), person.get("attendance"))] += 1
        for title in person.get("titles") or []:
            out["attendees.titles"][(person.get("name"), title)] += 1
    for heard in report.get("reports_heard") or []:
        out["reports_heard"][(heard.get("text"),)] += 1
    for doc in report.get("documents") or []:
        out["documents"][(doc.get("title"), doc.get("action"))] += 1
    for index, section in enumerate(report.get("sections") or [], 1):
        out["sections"][(section.get("cue"), section.get("speaker"), section.get("verb"))] += 1
        if section.get("lead"):
            out["sections.lead"][(index, section["lead"])] += 1
        declared = section.get("declared")
        if declared:
            out["sections.declared"][(section.get("cue"), declared.get("label"), declared.get("count"))] += 1
        for path, item in _items(section.get("items") or [], ""):
            out["items"][(index, path, item.get("marker"))] += 1
            out["items.heading"][(index, path, item.get("heading"))] += 1
            out["items.text"][(index, path, item.get("text"))] += 1
            if item.get("declared"):
                out["sections.declared"][(path, item["declared"].get("label"), item["declared"].get("count"))] += 1
        out["item_counts"][(section.get("cue"), _count(section.get("items") or []))] += 1
    for reporter in report.get("reporters") or []:
        out["reporters"][(reporter.get("name"), reporter.get("role"))] += 1
    for warning in report.get("warnings") or []:
        out["warnings"][(warning.get("code"),)] += 1
    return out


def _items(items: list[dict[str, Any]], prefix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, item in enumerate(items, 1):
        path = f"{prefix}{number}"
        yield path, item
        yield from _items(item.get("items") or [], f"{path}.")


def _count(items: list[dict[str, Any]]) -> tuple[int, ...]:
    # A list's shape: its length, then each nested list's length.
    return (len(items), *(len(i.get("items") or []) for i in items))


@dataclass
class Tally:
    true_pos: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, got: Counter[Fact], want: Counter[Fact]) -> None:
        self.true_pos += sum((got & want).values())
        self.predicted += sum(got.values())
        self.expected += sum(want.values())

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileScore:
    report: str
    expected: str
    tally: Tally
    misses: list[str] = field(default_factory=list)  # fields that differ


@dataclass
class Evaluation:
    fields: dict[str, Tally]
    files: list[FileScore]

    @property
    def overall(self) -> Tally:
        total = Tally()
        for t in self.fields.values():
            total.true_pos += t.true_pos
            total.predicted += t.predicted
            total.expected += t.expected
        return total

    def worst(self, n: int) -> list[FileScore]:
        ranked = sorted(self.files, key=lambda f: (f.tally.f1, f.report))
        return [f for f in ranked if f.tally.f1 < 1.0][:n]

    def as_dict(self, worst: int = 10) -> dict[str, Any]:
        def row(t: Tally) -> dict[str, Any]:
            return {
                "precision": round(t.precision, 4),
                "recall": round(t.recall, 4),
                "f1": round(t.f1, 4),
                "true_positives": t.true_pos,
                "predicted": t.predicted,
                "expected": t.expected,
            }

        return {
            "files": len(self.files),
            "overall": row(self.overall),
            "fields": {name: row(t) for name, t in self.fields.items()},
            "worst": [{"report": f.report, "f1": round(f.tally.f1, 4), "fields": f.misses} for f in self.worst(worst)],
        }


def evaluate(pairs: Iterable[tuple[str, dict[str, Any], str, dict[str, Any]]]) -> Evaluation:
    """Score (report name, parsed dict, expected name, expected dict) pairs."""
    fields = {name: Tally() for name in FIELDS}
    files: list[FileScore] = []
    for report_name, got, expected_name, want in pairs:
        got_facts, want_facts = facts(got), facts(want)
        stated = annotated(want)
        file_tally = Tally()
        misses = []
        for name in FIELDS:
            if name in OPTIONAL and name not in stated:
                continue
            fields[name].add(got_facts[name], want_facts[name])
            file_tally.add(got_facts[name], want_facts[name])
            if got_facts[name] != want_facts[name]:
                misses.append(name)
        files.append(FileScore(report_name, expected_name, file_tally, misses))
    return Evaluation(fields, files)


def load_expected(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "expected file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read expected file: {exc}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"expected file is not valid YAML/JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "expected file must hold one report mapping")
    return data


def pair_files(reports: list[Path], expected_dir: Path) -> list[tuple[Path, Path]]:
    """Match each report (files, or directories searched for *.txt) to expected_dir/<stem>.yaml;
    a report found inside a directory keeps its relative path under expected_dir."""
    pairs: list[tuple[Path, Path]] = []
    for given in reports:
        if given.is_dir():
            for report in sorted(given.glob("**/*.txt")):
                rel = report.relative_to(given).with_suffix(".yaml")
                pairs.append((report, expected_dir / rel))
        else:
            pairs.append((given, expected_dir / given.with_suffix(".yaml").name))
    return pairs


def format_table(result: Evaluation, worst: int = 10) -> str:
    lines = [f"{'field':<22} {'precision':>9} {'recall':>7} {'f1':>6} {'expected':>9}"]
    for name, t in [*result.fields.items(), ("overall", result.overall)]:
        lines.append(f"{name:<22} {t.precision:>9.3f} {t.recall:>7.3f} {t.f1:>6.3f} {t.expected:>9}")
    imperfect = sum(1 for f in result.files if f.tally.f1 < 1.0)
    lines.append("")
    lines.append(
        f"{len(result.files)} files, {imperfect} imperfect; worst first:"
        if imperfect
        else f"{len(result.files)} files, all exact"
    )
    for f in result.worst(worst):
        lines.append(f"  {f.tally.f1:.3f}  {f.report}  ({', '.join(f.misses)})")
    return "\n".join(lines) + "\n"
