"""The clerk's terminal view of a report: header, people, agenda, a tree of sections.

Input: a ``Report``. Output: a rich renderable (``build_view``) or its plain or coloured text
(``render_text``): a header panel (date, meeting, scope, purpose, chair), tables of attendees,
reports heard and documents, a tree of sections and their numbered items, then reporters and
warnings. Spans are left out; empty parts are left out or shown as —.
Example: '4月24日下午,全市召开工作推进会。市长赵辉主持会议。会议强调,一要压实责任。二要狠抓落实。'
-> a panel with date 4月24日下午, meeting 工作推进会, scope 全市, chair 赵辉 · 市长 · 主持会议,
and a tree node 's1 会议强调 (emphasis)' with children '1. 一要 · 压实责任', '2. 二要 · 狠抓落实'.

All report text goes into ``rich.text.Text`` objects, never markup strings, so brackets in the
source are shown as written. rich is imported here only: ``minutes parse`` never loads it.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .model import Declared, Item, Report, Section

NONE = "—"
NOT_EXHAUSTIVE = "…等 (list not exhaustive)"
LEAD_CHARS = 60
TITLE_SEPARATOR = "、"


def build_view(report: Report) -> RenderableType:
    """The whole view of ``report`` as one renderable, parts in schema order, a blank line apart."""
    parts: list[RenderableType] = [_header(report)]
    if report.attendees:
        parts.append(_attendees(report))
    if report.reports_heard:
        parts.append(_reports_heard(report))
    if report.documents:
        parts.append(_documents(report))
    if report.sections:
        parts.append(_sections(report.sections))
    parts.append(_reporters(report))
    if report.warnings:
        parts.append(_warnings(report))
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)


def render_text(report: Report, *, width: int = 100, color: bool = False) -> str:
    """``build_view`` rendered to a string ``width`` cells wide; ANSI colours only when ``color``."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system=None if not color else "standard",
        force_terminal=color,
    )
    console.print(build_view(report))
    return out.getvalue()


def _header(report: Report) -> Panel:
    meeting = report.meeting
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    rows = [
        ("date", meeting.date.text if meeting.date else None),
        ("meeting", meeting.name.text if meeting.name else None),
        ("scope", meeting.scope),
        ("purpose", meeting.purpose.text if meeting.purpose else None),
        ("chair", _chair(report)),
    ]
    for label, value in rows:
        grid.add_row(Text(label), _value(value))
    return Panel(grid, title=Text(report.source.name), title_align="left", box=box.ROUNDED, expand=False)


def _chair(report: Report) -> str | None:
    chair = report.chair
    if chair is None:
        return None
    parts = [chair.name]
    if chair.titles:
        parts.append(TITLE_SEPARATOR.join(chair.titles))
    if chair.role:
        parts.append(chair.role)
    return " · ".join(parts)


def _attendees(report: Report) -> Table:
    table = _table("attendees", report.attendees_more)
    table.add_column("name", no_wrap=True)
    table.add_column("titles")
    table.add_column("attendance", no_wrap=True)
    for person in report.attendees:
        table.add_row(Text(person.name), _value(TITLE_SEPARATOR.join(person.titles)), _value(person.attendance))
    return table


def _reports_heard(report: Report) -> Table:
    table = _table("reports heard", more=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("report")
    for n, heard in enumerate(report.reports_heard, start=1):
        table.add_row(Text(str(n)), _value(_one_line(heard.text)))
    return table


def _documents(report: Report) -> Table:
    table = _table("documents", report.documents_more)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("title")
    table.add_column("action", no_wrap=True)
    for n, document in enumerate(report.documents, start=1):
        table.add_row(Text(str(n)), Text(f"《{document.title}》"), _value(document.action))
    return table


def _table(title: str, more: bool) -> Table:
    return Table(
        title=Text(title, style="bold"),
        title_justify="left",
        caption=Text(NOT_EXHAUSTIVE, style="italic") if more else None,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )


def _sections(sections: list[Section]) -> Tree:
    tree = Tree(Text("sections", style="bold"))
    for section in sections:
        label = Text(f"{section.id} {section.cue} ({section.kind})", style="bold")
        if section.speaker:
            label.append(f" · speaker {section.speaker}", style="not bold")
        if section.declared:
            label.append(f" · {_declared(section.declared)}", style="not bold")
        lead = _shorten(_one_line(section.lead), LEAD_CHARS)
        if lead:
            label.append("\n")
            label.append(lead, style="dim not bold")
        _add_items(tree.add(label), section.items)
    return tree


def _add_items(node: Tree, items: list[Item]) -> None:
    for item in items:
        label = Text(f"{item.n}. {item.marker} · {_one_line(item.heading)}")
        if item.declared:
            label.append(f" · {_declared(item.declared)}", style="dim")
        _add_items(node.add(label), item.items)


def _declared(declared: Declared) -> str:
    return f"declared {declared.label} ({declared.count})"


def _reporters(report: Report) -> Text:
    text = Text("reporters: ", style="bold")
    names = [f"{r.name} ({r.role})" if r.role else r.name for r in report.reporters]
    text.append("、".join(names) if names else NONE, style="not bold")
    return text


def _warnings(report: Report) -> Group:
    lines: list[RenderableType] = [Text("warnings", style="bold yellow")]
    lines.extend(Text(f"  {w.code}: {_one_line(w.message)}", style="yellow") for w in report.warnings)
    return Group(*lines)


def _value(value: str | None) -> Text:
    return Text(value) if value else Text(NONE, style="dim")


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces become one space: a cell or node shows one paragraph."""
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
