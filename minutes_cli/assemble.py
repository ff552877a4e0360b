"""Stage 8: the pipeline's findings -> the pydantic ``Report`` (schema v1).

Input: the finished ``Doc``. Output: ``Report``. View ranges become spans into the original
text, ``text`` fields become exact slices of it, cleaned fields (names, titles, headings)
are the original characters without noise, and sections and items get their path ids
(s2, s2.i6, s2.i6.i1).
"""

from __future__ import annotations

from . import model
from .enumerations import DeclFound, ItemFound
from .normalize import View
from .people import Person
from .pipeline import Doc, need


def build_report(doc: Doc) -> model.Report:
    view = need(doc.view, "view")
    header = need(doc.header, "header")
    agenda = need(doc.agenda, "agenda")
    outline = need(doc.outline, "outline")
    credits = need(doc.credits, "credits")
    src = doc.source

    date = None
    if header.date is not None:
        d = header.date
        date = model.MeetingDate(
            text=view.slice(d.start, d.end),
            year=d.year,
            month=d.month,
            day=d.day,
            period=view.clean(*d.period) if d.period else None,
            span=view.span(d.start, d.end),
        )
    chair = None
    if header.chair is not None:
        p = header.chair.person
        chair = model.Chair(
            name=view.clean(*p.name), titles=_titles(view, p), role=view.clean(*header.chair.role), span=_span(view, p)
        )
    sections = []
    for index, (found, body) in enumerate(zip(outline.sections, doc.bodies, strict=True), 1):
        sid = f"s{index}"
        sections.append(
            model.Section(
                id=sid,
                cue=view.clean(found.cue.start, found.cue.end),
                speaker=found.cue.speaker,
                verb=found.cue.verb,
                kind=found.cue.kind,
                lead=view.slice(*body.lead),
                declared=_declared(body.declared),
                items=[_item(view, item, sid) for item in body.items],
                span=view.span(found.start, found.end),
            )
        )
    return model.Report(
        source=model.Source(name=src.name, sha256=src.sha256, encoding=src.encoding, chars=len(src.text)),
        meeting=model.Meeting(
            date=date,
            name=_text_span(view, header.name),
            scope=view.clean(*header.scope) if header.scope else None,
            purpose=_text_span(view, header.purpose),
        ),
        chair=chair,
        attendees=[
            model.Attendee(
                name=view.clean(*a.person.name),
                titles=_titles(view, a.person),
                attendance=view.clean(*a.attendance),
                span=_span(view, a.person),
            )
            for a in header.attendees
        ],
        attendees_more=header.attendees_more,
        reports_heard=[model.TextSpan(text=view.slice(a, b), span=view.span(a, b)) for a, b in agenda.reports_heard],
        documents=[
            model.Document(title=view.clean(d.start + 1, d.end - 1), action=d.action, span=view.span(d.start, d.end))
            for d in agenda.documents
        ],
        documents_more=agenda.documents_more,
        sections=sections,
        reporters=[model.Reporter(name=r.name, role=r.role, span=r.span) for r in credits.reporters],
        warnings=[
            model.Warning(code=w.code, message=w.message, span=view.span(*w.span) if w.span else None)
            for w in doc.warnings
        ],
    )


def _item(view: View, item: ItemFound, parent: str) -> model.Item:
    iid = f"{parent}.i{item.n}"
    return model.Item(
        id=iid,
        n=item.n,
        marker=item.marker,
        heading=item.heading,
        text=view.slice(item.start, item.end),
        span=view.span(item.start, item.end),
        declared=_declared(item.declared),
        items=[_item(view, child, iid) for child in item.items],
    )


def _declared(decl: DeclFound | None) -> model.Declared | None:
    return None if decl is None else model.Declared(label=decl.label.strip("“”"), count=decl.count)


def _titles(view: View, person: Person) -> list[str]:
    return [view.clean(a, b) for a, b in person.titles]


def _span(view: View, person: Person) -> tuple[int, int]:
    return view.span(person.start, person.end)


def _text_span(view: View, found: tuple[int, int] | None) -> model.TextSpan | None:
    return None if found is None else model.TextSpan(text=view.slice(*found), span=view.span(*found))
