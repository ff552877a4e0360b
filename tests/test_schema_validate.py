"""`minutes schema` (committed, current) and `minutes validate` (schema plus domain checks)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from conftest import GOLDEN, ROOT
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.validate import json_schema

SEED_GOLDEN = GOLDEN / "deyang-2018-study-campaign.yaml"


def test_committed_schema_is_current(runner: CliRunner) -> None:
    committed = (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(), "regenerate: minutes schema > docs/report.schema.json"
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == committed
    assert json.loads(committed)["properties"]["sections"]["type"] == "array"


def test_every_golden_validates(runner: CliRunner) -> None:
    goldens = sorted(GOLDEN.glob("**/*.yaml"))
    result = runner.invoke(app, ["validate", *map(str, goldens)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def _broken(tmp_path: Path, edit: Any) -> Path:
    data = yaml.safe_load(SEED_GOLDEN.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_domain_problems_one_line_each(runner: CliRunner, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["attendees"].append({"name": "赵辉", "titles": ["市长"], "attendance": "参加会议", "span": [53, 63]})
        del data["sections"][0]["items"][9]
        data["sections"][1]["items"][2]["n"] = 4
        data["sections"][2]["items"][0]["text"] += "《"
        data["reporters"][0]["span"] = [2563, 9999]

    path = _broken(tmp_path, edit)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}: attendees[4]: the chair 赵辉 is also listed as an attendee" in lines
    assert f"{path}: sections[0].declared: 十个深刻领会 announces 10 items, the list has 9" in lines
    assert f"{path}: sections[1].items[2].n: 4 where 3 was expected (numbering gap)" in lines
    assert any("sections[2].items[0].text: unbalanced 《》" in line for line in lines)
    assert any("reporters[0].span: [2563, 9999] lies outside the source" in line for line in lines)
    assert len(lines) == 5


def test_schema_errors_name_the_field(runner: CliRunner, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["chair"]["role"]
        data["sections"][0]["colour"] = "red"

    result = runner.invoke(app, ["validate", str(_broken(tmp_path, edit))])
    assert result.exit_code == 1
    assert "chair.role: Field required" in result.stdout
    assert "sections[0].colour: Extra inputs are not permitted" in result.stdout


def test_unreadable_input_is_exit_4(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [unclosed", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"minutes: error: {bad}: not a parsed report")


def test_brackets_and_quotes_of_mixed_widths_balance(runner: CliRunner, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["sections"][0]["lead"] += '党委（扩大)会议，“强基固本"专项行动。'
        data["sections"][1]["lead"] += "党委（扩大会议。"

    path = _broken(tmp_path, edit)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}: sections[1].lead: unbalanced （） (1 open, 0 closed)"]
