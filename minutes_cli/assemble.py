"""Stage 8: the pipeline's findings -> the report (schema v1).

Input: the finished ``Doc``. Output: ``build_data`` gives the report as plain JSON-ready data in
the model's key order; ``build_report`` validates that data into the pydantic ``Report``. View
ranges become spans into the original text, ``text`` fields exact slices of it, cleaned fields
(names, titles, headings) the original characters without noise, and sections and items get
their path ids (s2, s2.i6, s2.i6.i1).
Example: a chair found at view range 53-63 -> {"name": "赵辉", "titles": ["市委副书记", "市长"],
"role": "主持会议并讲话", "span": [53, 63]}.

The CLI writes ``build_data`` directly: building pydantic models costs more than a whole
parse on a cold start. The test suite validates ``build_data`` against the model on every
sample and on arbitrary input (tests/test_properties.py), so both paths give the same report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .enumerations import DeclFound, ItemFound
from .normalize import View
from .people import Person
from .pipeline import Doc, need

if TYPE_CHECKING:
    from .model import Report

SCHEMA_VERSION = "1.0"

Data = dict[str, Any]


def build_report(doc: Doc) -> Report:
    from .model import Report

    return Report.model_validate(build_data(doc))


def build_data(doc: Doc) -> Data:
    view = need(doc.view, "view")
    header = need(doc.header, "header")
    agenda = need(doc.agenda, "agenda")
    outline = need(doc.outline, "outline")
    credits = need(doc.credits, "credits")
    src = doc.source

    date = None
    if header.date is not None:
        d = header.date
        date = {
            "text": view.slice(d.start, d.end),
            "year": d.year,
            "month": d.month,
            "day": d.day,
            "period": view.clean(*d.period) if d.period else None,
            "span": _span(view, d.start, d.end),
        }
    chair = None
    if header.chair is not None:
        p = header.chair.person
        chair = {
            "name": view.clean(*p.name),
            "titles": _titles(view, p),
            "role": view.clean(*header.chair.role),
            "span": _person_span(view, p),
        }
    sections = []
    for index, (found, body) in enumerate(zip(outline.sections, doc.bodies, strict=True), 1):
        sid = f"s{index}"
        sections.append(
            {
                "id": sid,
                "cue": view.clean(found.cue.start, found.cue.end),
                "speaker": found.cue.speaker,
                "verb": found.cue.verb,
                "kind": found.cue.kind,
                "lead": view.slice(*body.lead),
                "declared": _declared(body.declared),
                "items": [_item(view, item, sid) for item in body.items],
                "span": _span(view, found.start, found.end),
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"name": src.name, "sha256": src.sha256, "encoding": src.encoding, "chars": len(src.text)},
        "meeting": {
            "date": date,
            "name": _text_span(view, header.name),
            "scope": view.clean(*header.scope) if header.scope else None,
            "purpose": _text_span(view, header.purpose),
        },
        "chair": chair,
        "attendees": [
            {
                "name": view.clean(*a.person.name),
                "titles": _titles(view, a.person),
                "attendance": view.clean(*a.attendance),
                "span": _person_span(view, a.person),
            }
            for a in header.attendees
        ],
        "attendees_more": header.attendees_more,
        "reports_heard": [_text_span(view, r) for r in agenda.reports_heard],
        "documents": [
            {"title": view.clean(d.start + 1, d.end - 1), "action": d.action, "span": _span(view, d.start, d.end)}
            for d in agenda.documents
        ],
        "documents_more": agenda.documents_more,
        "sections": sections,
        "reporters": [{"name": r.name, "role": r.role, "span": list(r.span)} for r in credits.reporters],
        "warnings": [
            {"code": w.code, "message": w.message, "span": _span(view, *w.span) if w.span else None}
            for w in doc.warnings
        ],
    }


def _item(view: View, item: ItemFound, parent: str) -> Data:
    iid = f"{parent}.i{item.n}"
    return {
        "id": iid,
        "n": item.n,
        "marker": item.marker,
        "heading": item.heading,
        "text": view.slice(item.start, item.end),
        "span": _span(view, item.start, item.end),
        "declared": _declared(item.declared),
        "items": [_item(view, child, iid) for child in item.items],
    }


def _span(view: View, start: int, end: int) -> list[int]:
    return list(view.span(start, end))


def _declared(decl: DeclFound | None) -> Data | None:
    return None if decl is None else {"label": _unquoted(decl.label), "count": decl.count}


def _unquoted(label: str) -> str:
    """“十个深刻领会” -> 十个深刻领会; a quote inside the label stays whole: 三个“快”."""
    if label.startswith("“") and label.endswith("”"):
        return label[1:-1]
    return label if "“" in label else label.strip("“”")


def _titles(view: View, person: Person) -> list[str]:
    return [view.clean(a, b) for a, b in person.titles]


def _person_span(view: View, person: Person) -> list[int]:
    return _span(view, person.start, person.end)


def _text_span(view: View, found: tuple[int, int] | None) -> Data | None:
    return None if found is None else {"text": view.slice(*found), "span": _span(view, *found)}
