"""The output contract, schema v1: the pydantic models a report is serialised from.

Field order here is the key order of every YAML/JSON output; every key is always present
(null or [] when empty) so scripts never test for a missing key. ``span`` is ``[start, end)``
in Python string indices of the decoded source text; ``text`` equals ``source[start:end]``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .assemble import SCHEMA_VERSION

Span = tuple[int, int]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Out):
    name: str = Field(description="File name as given (base name), or <stdin>.")
    sha256: str = Field(description="SHA-256 of the raw input bytes.")
    encoding: str = Field(description="Encoding the bytes were decoded with: utf-8, utf-8-sig, gb18030 …")
    chars: int = Field(description="Length of the decoded text in code points; spans index it.")


class TextSpan(_Out):
    text: str = Field(description="Exact slice of the source.")
    span: Span


class MeetingDate(_Out):
    text: str = Field(description="The date as written (4月24日下午).")
    year: int | None
    month: int | None
    day: int | None
    period: str | None = Field(description="Part of the day as written (上午, 下午, 晚上) or null.")
    span: Span


class Meeting(_Out):
    date: MeetingDate | None
    name: TextSpan | None
    scope: str | None = Field(description="Scope word before 召开 (全市, 全县) or null.")
    purpose: TextSpan | None = Field(description="Purpose clause after the name (对…作具体安排).")


class Chair(_Out):
    name: str
    titles: list[str]
    role: str = Field(description="The presiding phrase as written (主持会议并讲话).")
    span: Span


class Attendee(_Out):
    name: str
    titles: list[str]
    attendance: str = Field(description="The attendance verb as written (出席会议, 参加会议, 列席会议).")
    span: Span


class Document(_Out):
    title: str = Field(description="Text inside 《》, cleaned.")
    action: str = Field(description="Canonical action (审议, 审议通过, 原则通过 …).")
    span: Span


class Declared(_Out):
    label: str = Field(description="The counted label as written, quotes removed (十个深刻领会).")
    count: int


class Item(_Out):
    id: str = Field(description="Stable path: s2.i6.i1.")
    n: int = Field(description="Position in its list, from 1.")
    marker: str = Field(description="Literal marker (一要, 深刻领会) or frame with ellipsis (在…方面).")
    heading: str
    text: str
    span: Span
    declared: Declared | None
    items: list[Item]


class Section(_Out):
    id: str
    cue: str = Field(description="The cue as written (会议强调, 张明指出).")
    speaker: str | None = Field(description="Speaker's name, null when the subject is the meeting.")
    verb: str = Field(description="Canonical verb (强调, 指出, 要求 …).")
    kind: str = Field(description="English label of the verb (emphasis, requirement …).")
    lead: str = Field(description="Text between the cue and the first item (all the body without items).")
    declared: Declared | None
    items: list[Item]
    span: Span


class Reporter(_Out):
    name: str
    role: str | None = Field(description="记者, 通讯员 … as written; null for a bare (A B) credit.")
    span: Span


class Warning(_Out):
    code: str = Field(description="Stable kebab-case code (declared-count-mismatch, numbering-gap …).")
    message: str
    span: Span | None


class Report(_Out):
    schema_version: str = SCHEMA_VERSION
    source: Source
    meeting: Meeting
    chair: Chair | None
    attendees: list[Attendee]
    attendees_more: bool = Field(description="The source's attendee list ends with 等: not exhaustive.")
    reports_heard: list[TextSpan]
    documents: list[Document]
    documents_more: bool = Field(description="The source's document list ends with 等: not exhaustive.")
    sections: list[Section]
    reporters: list[Reporter]
    warnings: list[Warning]
