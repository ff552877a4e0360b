"""``minutes validate``: check parsed reports (YAML/JSON) against the schema and the domain.

Input: a report as a plain dict. Output: problems, one line each (an empty list when valid).
Schema errors come from the pydantic model; domain checks: the chair is not among the
attendees, item numbering has no gaps and ids follow the path, declared counts match their
lists, brackets and quotes balance in every text, spans lie inside the source.
Example: a section whose declared count says 十个深刻领会 but holds 9 items ->
"sections[0].declared: 十个深刻领会 announces 10 items, the list has 9".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .model import Report

# Openers and closers counted together: a copy that mixes widths (党委（扩大)会议, “…"专项行动)
# still closes what it opens. ASCII " is both, so with it a quote balances on an even count.
_PAIRS = (("《", "》"), ("“", "”"), ("（(", "）)"))


def json_schema() -> str:
    """The JSON Schema of the output, as committed in docs/report.schema.json."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "minutes report (schema v1)"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def problems(data: Any) -> list[str]:
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        return [f"{_loc(err['loc'])}: {err['msg']}" for err in exc.errors()]
    return list(_domain(report))


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".") or "report"


def _domain(report: Report) -> Iterator[str]:
    # A mismatch the report already warns about is reported, not a defect of the file.
    check_counts = not any(w.code == "declared-count-mismatch" for w in report.warnings)
    cut_off = any(w.code in ("truncated", "unclosed-title") for w in report.warnings)
    if report.chair is not None:
        for index, person in enumerate(report.attendees):
            if person.name == report.chair.name:
                yield f"attendees[{index}]: the chair {person.name} is also listed as an attendee"
    chars = report.source.chars
    for path, span in _spans(report.model_dump(), "report"):
        start, end = span
        if not 0 <= start <= end <= chars:
            yield f"{path}.span: [{start}, {end}] lies outside the source ({chars} characters)"
    for s_index, section in enumerate(report.sections):
        where = f"sections[{s_index}]"
        if section.id != f"s{s_index + 1}":
            yield f"{where}.id: {section.id} where s{s_index + 1} was expected"
        if not cut_off:
            yield from _balanced(f"{where}.lead", section.lead)
        declared = section.declared
        if check_counts and declared is not None and section.items and declared.count != len(section.items):
            yield (
                f"{where}.declared: {declared.label} announces {declared.count} items, "
                f"the list has {len(section.items)}"
            )
        yield from _items(section.items, section.id, where, check_counts, cut_off)
    for index, doc in enumerate(report.documents):
        yield from _balanced(f"documents[{index}].title", doc.title)


def _items(items: list[Any], parent: str, where: str, check_counts: bool, cut_off: bool) -> Iterator[str]:
    for index, item in enumerate(items):
        here = f"{where}.items[{index}]"
        if item.n != index + 1:
            yield f"{here}.n: {item.n} where {index + 1} was expected (numbering gap)"
        if item.id != f"{parent}.i{index + 1}":
            yield f"{here}.id: {item.id} where {parent}.i{index + 1} was expected"
        if not cut_off:
            # The marker is not part of the balance: 1) and 2) close brackets they never open.
            yield from _balanced(f"{here}.text", item.text.removeprefix(item.marker))
        declared = item.declared
        if check_counts and declared is not None and item.items and declared.count != len(item.items):
            yield f"{here}.declared: {declared.label} announces {declared.count} items, the list has {len(item.items)}"
        yield from _items(item.items, item.id, here, check_counts, cut_off)


def _balanced(where: str, text: str) -> Iterator[str]:
    for left, right in _PAIRS:
        opened, closed = sum(text.count(c) for c in left), sum(text.count(c) for c in right)
        if left == "“" and '"' in text and (opened + closed + text.count('"')) % 2 == 0:
            continue
        if opened != closed:
            yield f"{where}: unbalanced {left[0]}{right[0]} ({opened} open, {closed} closed)"


def _spans(node: Any, path: str) -> Iterator[tuple[str, tuple[int, int]]]:
    if isinstance(node, dict):
        if isinstance(node.get("span"), (list, tuple)):
            start, end = node["span"]
            yield path, (int(start), int(end))
        for key, value in node.items():
            if key != "span":
                yield from _spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _spans(value, f"{path}[{index}]")
