"""Limits and failures: oversized input is refused, output files survive failed writes, and
mutated reports (widths, script, pinyin noise) keep their structure."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLES, SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from minutes_cli import parse_text
from minutes_cli.checks import span_problems
from minutes_cli.cli import app
from minutes_cli.decode import MAX_INPUT_BYTES
from minutes_cli.errors import OutputError
from minutes_cli.output import write_atomic

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_input_over_the_limit_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(("会议强调，要抓好落实。" * (MAX_INPUT_BYTES // 30 + 10)).encode("utf-8"))
    result = runner.invoke(app, ["parse", str(big)])
    assert result.exit_code == 4
    assert "the limit is" in result.stderr
    assert result.stdout == ""


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("previous\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("previous\n", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_output_into_a_path_that_is_not_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(SEED), "-o", str(blocker / "out.yaml")])
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "x"


def _shape(text: str) -> tuple[object, ...]:
    report = parse_text(text)
    assert not span_problems(report, text)
    return (
        report.chair.name if report.chair else None,
        [a.name for a in report.attendees],
        [(s.verb, len(s.items), [len(i.items) for i in s.items]) for s in report.sections],
        [r.name for r in report.reporters],
    )


SEED_SHAPE = _shape(SEED_TEXT)
FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
TRADITIONAL = str.maketrans(
    {
        "会": "會",
        "议": "議",
        "强": "強",
        "调": "調",
        "记": "記",
        "书": "書",
        "长": "長",
        "员": "員",
        "领": "領",
        "导": "導",
    }
)


def _slow_rules(tmp_path: Path) -> Path:
    """A clerk's pattern that passes the load-time check but is cubic on a long sentence."""
    rules = tmp_path / "slow"
    rules.mkdir()
    (rules / "sections.yaml").write_text(
        "breaks:\n  - id: slow_break\n    pattern: '会议.*.*.*听取'\n    examples: {match: ['会议听取']}\n",
        encoding="utf-8",
    )
    return rules


def _long_sentence_report(path: Path) -> Path:
    path.write_text(
        "4月1日上午，市长张三主持召开会议。\n会议" + "啊" * 4000 + "。\n会议强调，要做好工作。\n", encoding="utf-8"
    )
    return path


def test_a_runaway_rule_is_stopped_by_the_time_limit(runner: CliRunner, tmp_path: Path) -> None:
    report = _long_sentence_report(tmp_path / "r.txt")
    args = ["parse", str(report), "--rules", str(_slow_rules(tmp_path)), "--timeout", "0.3"]
    result = runner.invoke(app, args)
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{report}: parsing took longer than 0.3 s and was stopped" in result.stderr


def test_in_a_batch_a_runaway_report_fails_alone(runner: CliRunner, tmp_path: Path) -> None:
    slow = _long_sentence_report(tmp_path / "a-slow.txt")
    good = tmp_path / "b-good.txt"
    good.write_bytes(SEED.read_bytes())
    args = ["parse", str(slow), str(good), "-f", "jsonl", "--rules", str(_slow_rules(tmp_path)), "--timeout", "0.3"]
    result = runner.invoke(app, args)
    assert result.exit_code == 4
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["file"] == str(slow) and first["exit_code"] == 4 and "took longer than 0.3 s" in first["error"]
    assert second["source"]["name"] == "b-good.txt" and second["sections"]


def test_punctuation_width_and_script_do_not_change_the_structure() -> None:
    assert _shape(SEED_TEXT.translate(FULL)) == SEED_SHAPE
    assert _shape(SEED_TEXT.translate(TRADITIONAL)) == SEED_SHAPE


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=len(SEED_TEXT) - 1), max_size=12),
    st.sampled_from(["hui", "yì", "qiáng"]),
)
def test_pinyin_noise_after_any_characters_keeps_the_structure(positions: list[int], syllable: str) -> None:
    text = SEED_TEXT
    for pos in sorted(set(positions), reverse=True):
        if "\u4e00" <= text[pos] <= "\u9fff":
            text = text[: pos + 1] + f"({syllable})" + text[pos + 1 :]
    assert _shape(text) == SEED_SHAPE


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**16))
def test_duplicated_sentences_never_crash(seed: int) -> None:
    sentences = SEED_TEXT.replace("。", "。\x00").split("\x00")
    index = seed % len(sentences)
    text = "".join(sentences[: index + 1] + sentences[index:])
    report = parse_text(text)
    assert not span_problems(report, text)


def test_every_golden_sample_is_stable_under_width_folding() -> None:
    for golden in sorted((GOLDEN / "genre").glob("g2*.yaml")):
        sample = SAMPLES / "genre" / golden.with_suffix(".txt").name
        text = sample.read_text(encoding="utf-8")
        assert _shape(text.translate(FULL)) == _shape(text), sample.name


# PATTERNS.md §10: words that hold a marker or a number and must never start an item.
TRAP_PARAGRAPH = "要坚持把发展作为第一要务，思想统一是前提，唯一要做的是抓落实，第四季度1.3万亿斤要冲刺。\n"
GENRE = sorted(p for p in (SAMPLES / "genre").glob("[gk]*.txt") if (GOLDEN / "genre" / f"{p.stem}.yaml").exists())


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(GENRE), st.integers(min_value=0, max_value=20))
def test_a_trap_paragraph_before_any_section_adds_no_item_and_no_section(sample: Path, pick: int) -> None:
    # The paragraph goes before a section that starts a line (a cue glued mid-sentence would
    # be cut from its clause); it may only lengthen the text before it.
    text = sample.read_bytes().decode("utf-8-sig", errors="replace")
    starts = [s.span[0] for s in parse_text(text).sections if s.span[0] > 0 and text[s.span[0] - 1] == "\n"]
    if not starts:
        return
    at = starts[pick % len(starts)]
    assert _shape(text[:at] + TRAP_PARAGRAPH + text[at:]) == _shape(text), sample.name
