"""Batch mode: many reports, one JSON line each, in input order; failures are records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED
from typer.testing import CliRunner

from minutes_cli.cli import app


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for sample in sorted((SAMPLES / "genre").glob("g0*.txt")):
        shutil.copy(sample, folder / sample.name)
    return folder


def test_jsonl_one_line_per_report_in_input_order(runner: CliRunner, tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    result = runner.invoke(app, ["parse", str(folder), str(SEED), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    names = [json.loads(line)["source"]["name"] for line in lines]
    assert names == [*sorted(p.name for p in folder.glob("*.txt")), SEED.name]


def test_a_failing_file_is_an_error_record_and_the_rest_go_on(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(SEED), str(empty), str(SEED), "-f", "jsonl"])
    assert result.exit_code == 4
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    assert records[1] == {"file": str(empty), "error": "file is empty", "exit_code": 4}
    assert records[0]["chair"]["name"] == records[2]["chair"]["name"] == "赵辉"
    assert result.stderr == f"minutes: error: {empty}: file is empty\n"


def test_jobs_give_the_same_bytes(runner: CliRunner, tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    one = runner.invoke(app, ["parse", str(folder), "-f", "jsonl"])
    two = runner.invoke(app, ["parse", str(folder), "-f", "jsonl", "--jobs", "2"])
    assert two.exit_code == 0
    assert two.stdout == one.stdout


def test_batch_output_file_is_atomic(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["parse", str(SEED), str(SEED), "-f", "jsonl", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


def test_several_reports_need_jsonl(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(SEED), str(SEED)])
    assert result.exit_code == 2
    assert "--format jsonl" in result.stderr


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from minutes_cli import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with cli._progress(3) as step:
        step()
    assert piped.getvalue() == ""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with cli._progress(3) as step:
        for _ in range(3):
            step()
    assert "parsing" in terminal.getvalue()
