"""`minutes explain`: which rule claimed each sentence, and the sentences nobody claimed."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED
from typer.testing import CliRunner

from minutes_cli.cli import app


def test_explain_names_stage_rule_and_product(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", str(SEED)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "header.date            month_day              4月24日下午" in out
    assert "header.chair           person_presides        chair 赵辉（市委副书记、市长） 主持会议并讲话" in out
    assert "enumerations.declared  quoted_n_ge_phrase     declared 十个深刻领会 = 10" in out
    assert "enumerations.item      zai_fangmian           item s2.i6.i1 在…方面 · 防范化解重大风险" in out
    assert "credits.reporter       end_bracket            reporter 肖盛雄 (记者)" in out
    assert out.rstrip().endswith("every sentence outside the sections was claimed by a rule")


def test_unclaimed_sentences_are_listed(runner: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "3月5日上午，县委召开常委会会议。大家畅所欲言，气氛热烈。\n会议强调，要抓好落实。", encoding="utf-8"
    )
    result = runner.invoke(app, ["explain", str(report)])
    assert result.exit_code == 0
    assert "1 sentence(s) outside the sections that no rule claimed:" in result.stdout
    assert "  [2] 大家畅所欲言，气氛热烈。" in result.stdout


def test_explain_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", str(tmp_path / "nope.txt")])
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1
