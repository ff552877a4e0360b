"""The CLI as users meet it: stdout carries data only, stderr one line per problem, exit
codes as documented, output files written whole or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import GOLDEN, SAMPLES, SEED
from typer.testing import CliRunner

from minutes_cli.cli import app

WARN_SAMPLE = SAMPLES / "lanjiang-2024-safety-warnings.txt"


def test_parse_prints_the_golden_yaml(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8")
    assert result.stderr == ""


def test_json_output_keeps_chinese_readable(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "--format", "json", str(SEED)])
    assert result.exit_code == 0
    assert "\\u" not in result.stdout
    assert "赵辉" in result.stdout
    data = json.loads(result.stdout)
    assert data == yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))


def test_yaml_never_folds_and_writes_spans_inline(runner: CliRunner) -> None:
    out = runner.invoke(app, ["parse", str(SEED)]).stdout
    assert "  span: [0, 7]\n" in out
    longest = max(len(line) for line in out.splitlines())
    assert longest > 150  # the long item texts stay on one line


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "-", "-f", "json"], input=SEED.read_bytes())
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"]["name"] == "<stdin>"
    assert data["chair"]["name"] == "赵辉"


def test_no_spans(runner: CliRunner) -> None:
    result = runner.invoke(app, ["parse", "--no-spans", str(SEED)])
    assert result.exit_code == 0
    assert "span" not in result.stdout
    assert "赵辉" in result.stdout


def test_output_file_is_written_and_stdout_stays_empty(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "seed.yaml"
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "deyang-2018-study-campaign.yaml").read_text(
        encoding="utf-8"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["seed.yaml"]  # no temporary left behind


def test_warnings_go_to_stderr_and_strict_exits_1(runner: CliRunner) -> None:
    relaxed = runner.invoke(app, ["parse", str(WARN_SAMPLE)])
    assert relaxed.exit_code == 0
    assert relaxed.stderr.count("\n") == 2
    assert "numbering-gap" in relaxed.stderr
    assert "declared-count-mismatch" in relaxed.stderr
    assert yaml.safe_load(relaxed.stdout)["warnings"][1]["code"] == "numbering-gap"
    strict = runner.invoke(app, ["parse", "--strict", str(WARN_SAMPLE)])
    assert strict.exit_code == 1
    assert strict.stdout == relaxed.stdout
    assert runner.invoke(app, ["parse", "--strict", str(SEED)]).exit_code == 0


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory with no *.txt reports"),
        (lambda d: _write(d / "empty.txt", b""), "file is empty"),
        (lambda d: _write(d / "blank.txt", b" \n\t\r\n\xe3\x80\x80"), "only whitespace"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary"),
        (lambda d: _write(d / "latin.txt", b"\x80\x81\xff\xfe\x80 caf\xe9 \xff"), "cannot decode"),
    ],
    ids=["missing", "directory", "empty", "whitespace", "binary", "undecodable"],
)
def test_bad_input_is_one_line_exit_4_and_no_output_file(
    runner: CliRunner, tmp_path: Path, make: object, problem: str
) -> None:
    bad_dir = tmp_path / "in"
    bad_dir.mkdir()
    path = make(bad_dir)  # type: ignore[operator]
    target = tmp_path / "out.yaml"
    result = runner.invoke(app, ["parse", str(path), "-o", str(target)])
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == f"minutes: error: {path}: {result.stderr.split(': ', 3)[3]}"
    assert problem in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_failed_run_leaves_an_existing_output_file_alone(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("previous\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(tmp_path / "missing.txt"), "-o", str(target)])
    assert result.exit_code == 4
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_unwritable_output_is_an_error_not_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir.yaml")])
    assert result.exit_code == 4
    assert "directory does not exist" in result.stderr
    assert result.stdout == ""


def test_traceback_flag_shows_the_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", "--traceback", str(tmp_path / "missing.txt")])
    assert result.exit_code == 4
    assert "Traceback" in result.stderr
    assert result.stderr.rstrip().endswith("no such file")


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SEED), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_broken_rules_exit_3_naming_file_rule_and_field(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    header = rules / "header.yaml"
    header.write_text(
        header.read_text(encoding="utf-8").replace("  - id: chaired_by\n", "  - id: chaired_by\n    colour: red\n"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["parse", str(SEED), "--rules", str(rules)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"minutes: error: {header}: rule 'chaired_by': field 'colour': ")
    assert result.stderr.count("\n") == 1


def test_version_and_help(runner: CliRunner) -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0
    assert version.stdout.startswith("minutes ")
    assert runner.invoke(app, ["parse", "--help"]).exit_code == 0


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["parse", str(SEED)]])
def test_jieba_stays_unloaded_and_parse_needs_no_rich(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from minutes_cli.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:], prog_name='minutes')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['jieba'] + (['rich'] if sys.argv[1] == 'parse' else [])\n"
        "sys.stderr.write('LOADED=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = _python(code, *argv)
    assert result.stderr.endswith("LOADED="), result.stderr
