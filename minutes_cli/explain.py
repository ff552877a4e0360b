"""``minutes explain``: sentence by sentence, which rule claimed it and what it produced.

Input: the finished pipeline ``Doc``. Output: one ``Explained`` per sentence with its claims
(stage, rule id, what was produced), and which sentences no rule claimed: the view a rule
author uses to see what to add to ``rules/``.
Example: '市委副书记、市长赵辉主持会议并讲话,…等参加会议。' -> header.chair (person_presides):
赵辉 (市委副书记、市长) 主持会议并讲话; header.attendance (attendance_verb): 何礼 … 参加会议.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .enumerations import ItemFound
from .normalize import View
from .people import Person
from .pipeline import Doc, need
from .sections import inside


@dataclass(frozen=True)
class Claim:
    start: int  # view
    end: int
    stage: str
    rule: str
    produced: str


@dataclass(frozen=True)
class Explained:
    number: int
    span: tuple[int, int]  # original text
    text: str
    claims: tuple[Claim, ...]
    section: str | None  # the section the sentence belongs to, if any


def explain(doc: Doc) -> list[Explained]:
    view = need(doc.view, "view")
    claims = sorted(_claims(doc, view), key=lambda c: (c.start, c.end))
    outline = need(doc.outline, "outline")
    section_starts = [s.start for s in outline.sections]
    starts = [c.start for c in claims]
    out: list[Explained] = []
    for number, sentence in enumerate(doc.sentences, 1):
        first = bisect_left(starts, sentence.start)
        # A claim belongs to the sentence it starts in.
        own = tuple(c for c in claims[first:] if c.start < sentence.end)
        section = None
        if inside(outline.sections, section_starts, sentence.start):
            index = bisect_left(section_starts, sentence.start + 1) - 1
            section = f"s{index + 1}"
        out.append(
            Explained(
                number, view.span(sentence.start, sentence.end), view.slice(sentence.start, sentence.end), own, section
            )
        )
    return out


def _person(view: View, person: Person) -> str:
    titles = "、".join(view.clean(a, b) for a, b in person.titles)
    name = view.clean(*person.name)
    return f"{name}（{titles}）" if titles else name


def _claims(doc: Doc, view: View) -> list[Claim]:
    header, agenda = need(doc.header, "header"), need(doc.agenda, "agenda")
    credits, outline = need(doc.credits, "credits"), need(doc.outline, "outline")
    out: list[Claim] = []
    if header.date is not None:
        date = header.date
        out.append(Claim(date.start, date.end, "header.date", date.rule, view.slice(date.start, date.end)))
    if header.name is not None:
        out.append(Claim(*header.name, "header.meeting", header.meeting_rule or "", view.slice(*header.name)))
    if header.purpose is not None:
        out.append(Claim(*header.purpose, "header.purpose", header.meeting_rule or "", view.slice(*header.purpose)))
    if header.chair is not None:
        c = header.chair
        produced = f"chair {_person(view, c.person)} {view.clean(*c.role)}"
        out.append(Claim(c.person.start, c.role[1], "header.chair", c.rule, produced))
    for attendee in header.attendees:
        produced = f"attendee {_person(view, attendee.person)} {view.clean(*attendee.attendance)}"
        out.append(Claim(attendee.person.start, attendee.person.end, "header.attendance", attendee.rule, produced))
    for heard_start, heard_end in agenda.reports_heard:
        out.append(
            Claim(heard_start, heard_end, "agenda.reports_heard", "reports_heard", view.slice(heard_start, heard_end))
        )
    for doc_found in agenda.documents:
        title = view.clean(doc_found.start + 1, doc_found.end - 1)
        out.append(
            Claim(doc_found.start, doc_found.end, "agenda.document", doc_found.rule, f"《{title}》 {doc_found.action}")
        )
    for index, (section, body) in enumerate(zip(outline.sections, doc.bodies, strict=True), 1):
        cue = section.cue
        speaker = f" speaker {cue.speaker}" if cue.speaker else ""
        produced = f"section s{index} {view.clean(cue.start, cue.end)} -> {cue.verb} ({cue.kind}){speaker}"
        out.append(Claim(cue.start, cue.end, "sections.cue", cue.rule, produced))
        if body.declared is not None:
            decl = body.declared
            produced = f"declared {decl.label} = {decl.count}"
            out.append(Claim(decl.start, decl.end, "enumerations.declared", decl.rule, produced))
        out.extend(_item_claims(body.items, f"s{index}"))
    for reporter in credits.reporters:
        at = bisect_left(view.origin, reporter.span[0])
        produced = f"reporter {reporter.name} ({reporter.role or '—'})"
        out.append(Claim(at, at + 1, "credits.reporter", reporter.rule, produced))
    return out


def _item_claims(items: tuple[ItemFound, ...], parent: str) -> list[Claim]:
    out: list[Claim] = []
    for item in items:
        path = f"{parent}.i{item.n}"
        out.append(
            Claim(item.start, item.end, "enumerations.item", item.rule, f"item {path} {item.marker} · {item.heading}")
        )
        if item.declared is not None:
            d = item.declared
            out.append(Claim(d.start, d.end, "enumerations.declared", d.rule, f"declared {d.label} = {d.count}"))
        out.extend(_item_claims(item.items, path))
    return out


def format_explanation(explained: list[Explained]) -> str:
    lines: list[str] = []
    unclaimed: list[Explained] = []
    for e in explained:
        where = f" (in {e.section})" if e.section else ""
        lines.append(f"[{e.number}] {e.span[0]}-{e.span[1]}{where} {_short(e.text)}")
        for c in e.claims:
            lines.append(f"    {c.stage:<22} {c.rule:<22} {c.produced}")
        if not e.claims and e.section is None:
            unclaimed.append(e)
    lines.append("")
    if unclaimed:
        lines.append(f"{len(unclaimed)} sentence(s) outside the sections that no rule claimed:")
        lines.extend(f"  [{e.number}] {_short(e.text)}" for e in unclaimed)
    else:
        lines.append("every sentence outside the sections was claimed by a rule")
    return "\n".join(lines) + "\n"


def _short(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"
