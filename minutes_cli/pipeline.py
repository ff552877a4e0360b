"""The pipeline: one ordered tuple of stages, each ``(Doc, RuleSet) -> Doc``.

``Doc`` carries what the stages have found so far; each stage reads what earlier stages put
there and adds its own field. The order is data (``STAGES``), not scattered calls:

decode -> normalize -> sentences -> credits -> sections -> header -> agenda -> enumerations
-> assemble (pydantic ``Report``) -> render.

Sections are found before the header because the header is the text before the first one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from .agenda import Agenda, read_agenda
from .credits import Credits, find_credits
from .decode import Source
from .enumerations import SectionBody, enumerate_sections
from .findings import WarningFound
from .header import Header, read_header
from .normalize import View, normalize
from .rules import RuleSet
from .sections import Outline, end_before_attendance, name_offices, outline
from .sentences import Sentence, split_sentences

_T = TypeVar("_T")


class Doc(NamedTuple):
    source: Source
    view: View | None = None
    sentences: tuple[Sentence, ...] = ()
    credits: Credits | None = None
    outline: Outline | None = None
    header: Header | None = None
    agenda: Agenda | None = None
    bodies: tuple[SectionBody, ...] = ()
    warnings: tuple[WarningFound, ...] = ()


def need(value: _T | None, what: str) -> _T:
    """A field an earlier stage must have filled; a missing one is a bug in STAGES' order."""
    if value is None:
        raise RuntimeError(f"pipeline stage order: {what} is not available yet")
    return value


def _normalize(doc: Doc, rules: RuleSet) -> Doc:
    return doc._replace(view=normalize(doc.source.text, rules))


def _sentences(doc: Doc, rules: RuleSet) -> Doc:
    return doc._replace(sentences=split_sentences(need(doc.view, "view")))


def _credits(doc: Doc, rules: RuleSet) -> Doc:
    credits = find_credits(need(doc.view, "view"), rules)
    return doc._replace(credits=credits, warnings=doc.warnings + credits.warnings)


def _sections(doc: Doc, rules: RuleSet) -> Doc:
    credits = need(doc.credits, "credits")
    found = outline(need(doc.view, "view"), doc.sentences, credits.content_start, credits.content_end, rules)
    return doc._replace(outline=found)


def _header(doc: Doc, rules: RuleSet) -> Doc:
    credits, found = need(doc.credits, "credits"), need(doc.outline, "outline")
    content = (credits.content_start, credits.content_end)
    lead = (credits.content_start, found.lead_end)
    view = need(doc.view, "view")
    header = read_header(view, doc.sentences, lead, content, found.sections, rules)
    people = [a.person for a in header.attendees] + ([header.chair.person] if header.chair else [])
    found = name_offices(found, view, people, rules)
    found = end_before_attendance(found, view, doc.sentences, [a.attendance[0] for a in header.attendees])
    return doc._replace(header=header, outline=found, warnings=doc.warnings + header.warnings)


def _agenda(doc: Doc, rules: RuleSet) -> Doc:
    credits, found = need(doc.credits, "credits"), need(doc.outline, "outline")
    agenda = read_agenda(
        need(doc.view, "view"), doc.sentences, credits.content_start, credits.content_end, found.sections, rules
    )
    return doc._replace(agenda=agenda, warnings=doc.warnings + agenda.warnings)


def _enumerations(doc: Doc, rules: RuleSet) -> Doc:
    bodies, warnings = enumerate_sections(need(doc.view, "view"), need(doc.outline, "outline").sections, rules)
    return doc._replace(bodies=bodies, warnings=doc.warnings + warnings)


Stage = Callable[[Doc, RuleSet], Doc]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("normalize", _normalize),
    ("sentences", _sentences),
    ("credits", _credits),
    ("sections", _sections),
    ("header", _header),
    ("agenda", _agenda),
    ("enumerations", _enumerations),
)


def run(source: Source, rules: RuleSet) -> Doc:
    doc = Doc(source)
    for _name, stage in STAGES:
        doc = stage(doc, rules)
    return doc
