"""The clerk's terminal view (``minutes_cli.show``), through the library: parse, then render."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import SEED

from minutes_cli import Report, parse_file, parse_text
from minutes_cli.show import build_view, render_text

ANSI = re.compile(r"\x1b\[")


@pytest.fixture(scope="module")
def seed() -> Report:
    return parse_file(SEED)


def test_seed_view_shows_chair_sections_items_and_reporter(seed: Report) -> None:
    text = render_text(seed)
    assert "赵辉" in text
    assert "市委副书记、市长" in text
    for section in seed.sections:
        assert f"{section.id} {section.cue} ({section.kind})" in text
    assert "会议强调" in text
    assert "会议要求" in text
    assert "十个深刻领会 (10)" in text
    assert "防范化解重大风险" in text
    assert "1. 在…方面 · 防范化解重大风险" in text
    assert "肖盛雄" in text


def test_seed_view_shows_people_and_agenda(seed: Report) -> None:
    text = render_text(seed)
    assert "4月24日下午" in text
    assert "王华蓉" in text
    assert "《德阳市开展“大学习”活动实施方案》" in text
    assert text.count("…等 (list not exhaustive)") == 2  # attendees and documents


def test_rendering_is_deterministic(seed: Report) -> None:
    assert render_text(seed) == render_text(seed)
    assert render_text(parse_file(SEED)) == render_text(seed)


def test_minimal_report_renders_without_chair() -> None:
    report = parse_text("会议强调，要抓好落实。")
    assert report.chair is None
    text = render_text(report)
    assert "s1 会议强调 (emphasis)" in text
    chair_lines = [line for line in text.splitlines() if "chair" in line]
    assert len(chair_lines) == 1
    assert "—" in chair_lines[0]
    assert "赵辉" not in text
    assert "attendees" not in text


def test_plain_text_has_no_ansi_escapes_and_color_adds_them(seed: Report) -> None:
    assert not ANSI.search(render_text(seed, color=False))
    assert ANSI.search(render_text(seed, color=True))


def test_warnings_are_listed_with_their_codes() -> None:
    report = parse_text("会议强调，一要压实责任。二要狠抓落实。四要加强宣传。")
    assert [w.code for w in report.warnings] == ["numbering-gap"]
    text = render_text(report)
    assert "numbering-gap: " in text


def test_source_brackets_are_not_rich_markup() -> None:
    text = render_text(parse_text("会议强调，要抓好[bold]落实[/bold]。"))
    assert "[bold]落实[/bold]" in text


def test_build_view_renders_on_any_console(seed: Report) -> None:
    from rich.cells import cell_len
    from rich.console import Console

    console = Console(file=io.StringIO(), width=60, color_system=None, record=True)
    console.print(build_view(seed))
    narrow = console.export_text()
    assert "赵辉" in narrow
    assert all(cell_len(line) <= 60 for line in narrow.splitlines())


def test_show_command_renders_text_and_yaml_alike(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from minutes_cli.cli import app

    runner = CliRunner()
    from_text = runner.invoke(app, ["show", str(SEED), "--width", "100"])
    golden = SEED.parent.parent / "tests" / "golden" / "deyang-2018-study-campaign.yaml"
    from_yaml = runner.invoke(app, ["show", str(golden), "--width", "100"])
    assert from_text.exit_code == 0, from_text.stderr
    assert "赵辉" in from_text.stdout
    assert from_text.stdout == from_yaml.stdout
    assert runner.invoke(app, ["show", str(tmp_path / "missing.txt")]).exit_code == 4
