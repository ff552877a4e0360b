"""`minutes diff`: structural changes between two versions, matched by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOLDEN, SEED
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.diffing import word_diff

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _revised(tmp_path: Path) -> Path:
    text = (
        SEED_TEXT.replace("市委副书记何礼,", "")
        .replace("四要加强宣传报道,营造浓厚氛围。", "四要加强宣传报道,营造良好氛围。")
        .replace(
            "一要加强组织领导,落实工作责任。",
            "一要统一思想认识,提高政治站位。各级干部要认真学习。二要加强组织领导,落实工作责任。",
        )
        .replace("二要坚持领导带头", "三要坚持领导带头")
        .replace("三要严明工作纪律", "四要严明工作纪律")
        .replace("四要加强宣传报道", "五要加强宣传报道")
    )
    path = tmp_path / "revised.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_same_report_as_text_and_as_yaml_is_equal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", str(SEED), str(GOLDEN / "deyang-2018-study-campaign.yaml")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_changes_are_structural_and_matched_by_content(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(SEED), str(_revised(tmp_path)), "--format", "json"])
    assert result.exit_code == 1
    changes = json.loads(result.stdout)["changes"]
    summary = [(c["kind"], c["where"], c["label"]) for c in changes]
    assert ("removed", "attendees", "何礼") in summary
    assert ("added", "s3.items", "s3.i1 一要 统一思想认识,提高政治站位") in summary
    # Renumbered items (二要 -> 三要 …) are the same items: only the edited one changed.
    changed = [c for c in changes if c["kind"] == "changed"]
    assert [c["label"] for c in changed] == ["s3.i5 五要 加强宣传报道,营造良好氛围"]
    assert {"op": "delete", "text": "浓厚"} in changed[0]["words"] or any(
        w["op"] == "delete" and "浓厚" in w["text"] for w in changed[0]["words"]
    )


def test_plain_text_when_piped_and_colour_on_request(runner: CliRunner, tmp_path: Path) -> None:
    revised = str(_revised(tmp_path))
    plain = runner.invoke(app, ["diff", str(SEED), revised])
    assert "\x1b[" not in plain.stdout
    assert "- attendees: removed 何礼" in plain.stdout
    coloured = runner.invoke(app, ["diff", str(SEED), revised, "--color", "always"])
    assert "\x1b[31m" in coloured.stdout


def test_errors_exit_2_or_more(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["diff", str(SEED), str(tmp_path / "nope.txt")])
    assert missing.exit_code == 4
    assert "no such file" in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: [a, list", encoding="utf-8")
    assert runner.invoke(app, ["diff", str(SEED), str(bad)]).exit_code == 4
    assert runner.invoke(app, ["diff", str(SEED)]).exit_code == 2


def test_word_diff_segments_chinese() -> None:
    ops = word_diff("营造浓厚氛围", "营造良好氛围")
    assert ("equal", "营造") in ops
    assert any(op == "insert" and "良好" in text for op, text in ops)


def test_jieba_cache_lives_in_the_user_cache_dir(tmp_path: Path) -> None:
    from minutes_cli import segment

    segment._tokenizer.cache_clear()
    segment.words("认真抓好贯彻落实")
    assert (tmp_path / "cache" / "minutes" / "jieba.cache").is_file()


def test_an_unwritable_cache_dir_is_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from minutes_cli import segment

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a directory should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    segment._tokenizer.cache_clear()
    assert segment.words("认真抓好贯彻落实")
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""
    segment._tokenizer.cache_clear()
