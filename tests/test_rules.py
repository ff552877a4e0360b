"""Rules are data: every rule's own examples pass, and a broken rule file fails loudly,
naming the file, the rule and the field."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.errors import RuleError
from minutes_cli.rulecheck import example_failure
from minutes_cli.rules import Example, Rule, RuleSet, builtin_rules, builtin_rules_dir, load_rules

EXAMPLES = builtin_rules().examples


def _id(example: Example) -> str:
    return f"{example.file}:{example.rule}:{'+' if example.should_match else '-'}{example.text[:12]}"


def test_every_rule_carries_examples() -> None:
    rules = builtin_rules()
    with_examples = {(e.file, e.rule) for e in EXAMPLES if e.should_match}
    every = [
        *rules.deletions,
        *rules.dates,
        *rules.meeting,
        *rules.purpose,
        *rules.chair,
        *rules.attendance,
        *rules.reports_heard,
        *(a.rule for a in rules.document_actions),
        *rules.cues,
        *rules.breaks,
        *(f.rule for f in rules.families),
        *(f.rule for f in rules.frames),
        *rules.declared,
        *(c.rule for c in rules.credits),
        *rules.footers,
        *rules.chrome,
        *rules.speech_intros,
        *rules.glued_cues,
        *rules.datelines,
    ]
    assert every
    assert [r.id for r in every if (r.file, r.id) not in with_examples] == []


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_rule_example(example: Example, rules: RuleSet) -> None:
    assert example_failure(example, rules) is None


def test_builtin_rules_are_found_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert (builtin_rules_dir() / "header.yaml").is_file()


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_key_names_file_rule_and_field(rules_copy: Path) -> None:
    _edit(rules_copy / "header.yaml", "  - id: chaired_by\n", "  - id: chaired_by\n    patern: 'x'\n")
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    message = str(err.value)
    assert "header.yaml" in message
    assert "chaired_by" in message
    assert "patern" in message


def test_invalid_regex_names_file_rule_and_field(rules_copy: Path) -> None:
    _edit(rules_copy / "enumerations.yaml", "pattern: '（(?P<num>${cn_num})）'", "pattern: '（(?P<num${cn_num})）'")
    with pytest.raises(RuleError, match=r"enumerations\.yaml: rule 'paren_cn': field 'pattern': invalid regular"):
        load_rules(rules_copy)


def test_missing_named_group_is_an_error(rules_copy: Path) -> None:
    _edit(rules_copy / "header.yaml", "座谈会)由(?P<person>", "座谈会)由(?P<someone>")
    with pytest.raises(RuleError, match=r"rule 'chaired_by': field 'pattern': pattern needs the named group"):
        load_rules(rules_copy)


def test_unknown_reference_is_an_error(rules_copy: Path) -> None:
    _edit(rules_copy / "people.yaml", "(?P<more>等人", "${nowhere}(?P<more>等人")
    with pytest.raises(RuleError, match=re.escape("unknown reference ${nowhere}")):
        load_rules(rules_copy)


def test_rule_without_examples_is_an_error(rules_copy: Path) -> None:
    _edit(
        rules_copy / "sections.yaml",
        "      match: ['会议听取了我市工作推进情况汇报', '会议还审议了《方案》', '会议原则通过了《办法（草案）》']\n",
        "",
    )
    with pytest.raises(RuleError, match=r"sections\.yaml: rule 'agenda_sentence': field 'examples.match'"):
        load_rules(rules_copy)


def test_missing_file_and_bad_yaml(rules_copy: Path) -> None:
    (rules_copy / "credits.yaml").write_text("credits: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"credits\.yaml: not valid YAML"):
        load_rules(rules_copy)
    (rules_copy / "credits.yaml").unlink()
    with pytest.raises(RuleError, match=r"credits\.yaml: rule file missing"):
        load_rules(rules_copy)


def test_a_clerk_can_add_a_cue_word_without_code(rules_copy: Path) -> None:
    from minutes_cli import parse_text

    text = "会议强调，要抓好落实。\n会议倡议，全市上下要行动起来。"
    assert len(parse_text(text).sections) == 1
    _edit(
        rules_copy / "sections.yaml",
        "  - verb: 表示\n",
        "  - verb: 倡议\n    kind: initiative\n    forms: [倡议]\n  - verb: 表示\n",
    )
    report = parse_text(text, rules=load_rules(rules_copy))
    assert [(s.cue, s.kind) for s in report.sections] == [("会议强调", "emphasis"), ("会议倡议", "initiative")]


def test_rules_check_command(runner: CliRunner, rules_copy: Path) -> None:
    ok = runner.invoke(app, ["rules", "check"])
    assert ok.exit_code == 0, ok.stdout
    assert ok.stdout.startswith("rules: ")
    assert ok.stdout.rstrip().endswith("examples pass")
    _edit(
        rules_copy / "sections.yaml",
        "no_match: ['会议听取了汇报', '会议室']",
        "no_match: ['会议听取了汇报', '会议室', '会议强调，']",
    )
    bad = runner.invoke(app, ["rules", "check", str(rules_copy), "--only"])
    assert bad.exit_code == 1
    assert "sections.yaml: rule 'meeting_cue': should not match '会议强调，'" in bad.stdout


def test_rules_check_reports_a_broken_file_with_exit_3(runner: CliRunner, rules_copy: Path) -> None:
    (rules_copy / "people.yaml").write_text("attendance: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(rules_copy)])
    assert result.exit_code == 3
    assert "people.yaml" in result.stderr


def test_an_overlay_directory_adds_rules(runner: CliRunner, tmp_path: Path) -> None:
    overlay = tmp_path / "house"
    overlay.mkdir()
    (overlay / "sections.yaml").write_text(
        "verbs:\n  - verb: 倡议\n    kind: initiative\n    forms: [倡议]\n", encoding="utf-8"
    )
    report = tmp_path / "r.txt"
    report.write_text("会议强调，要抓好落实。\n会议倡议，全市上下要行动起来。", encoding="utf-8")
    plain = runner.invoke(app, ["parse", str(report), "-f", "json"])
    layered = runner.invoke(app, ["parse", str(report), "-f", "json", "--rules", str(overlay)])
    assert [s["cue"] for s in json.loads(plain.stdout)["sections"]] == ["会议强调"]
    assert [s["kind"] for s in json.loads(layered.stdout)["sections"]] == ["emphasis", "initiative"]
    assert runner.invoke(app, ["rules", "check", str(overlay)]).exit_code == 0


def test_compiled_rules_are_cached_in_the_user_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutes_cli import rules as rules_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = rules_module.load_layered([builtin_rules_dir()])
    cached = list((tmp_path / "cache" / "minutes").glob("rules-*.pickle"))
    assert len(cached) == 1
    again = rules_module.load_layered([builtin_rules_dir()])
    assert again == first


def test_cached_patterns_are_the_compiled_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache stores each pattern's compiled code (patterncache); what comes back must be
    the very pattern re.compile builds: same text, flags, groups and code."""
    from minutes_cli import rules as rules_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules_module.load_layered([builtin_rules_dir()])
    cached = rules_module.load_layered([builtin_rules_dir()])
    patterns = [rule.regex for rule in (*cached.cues, *cached.chair, *cached.deletions, *cached.meeting)]
    assert len(patterns) > 10
    for pattern in patterns:
        fresh = re.compile(pattern.pattern, pattern.flags)
        assert pattern == fresh and pattern.groupindex == fresh.groupindex and pattern.groups == fresh.groups


def test_a_pattern_the_engine_refuses_is_compiled_again() -> None:
    import pickle

    from minutes_cli import patterncache

    assert patterncache._restore("会议(?P<verb>强调)", 32, [0], 0, {}, ()).match("会议强调")
    bytes_pattern = re.compile(b"ab+")  # not a rule shape: pickled the ordinary way
    assert patterncache._compiled_form(bytes_pattern) is None  # type: ignore[arg-type]
    assert pickle.loads(patterncache.dumps([bytes_pattern])) == [bytes_pattern]


def test_an_unusable_cache_dir_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutes_cli import rules as rules_module

    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert rules_module.load_layered([builtin_rules_dir()]).verbs
    corrupt = tmp_path / "corrupt" / "minutes"
    corrupt.mkdir(parents=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "corrupt"))
    rules_module.load_layered([builtin_rules_dir()])
    for path in corrupt.glob("rules-*.pickle"):
        path.write_bytes(b"garbage")
    assert rules_module.load_layered([builtin_rules_dir()]).verbs


def test_a_catastrophic_user_pattern_is_rejected(runner: CliRunner, tmp_path: Path) -> None:
    overlay = tmp_path / "house"
    overlay.mkdir()
    (overlay / "sections.yaml").write_text(
        "breaks:\n  - id: greedy\n    pattern: '(会议(?:[^。]+)+)+听取'\n    examples: {match: ['会议听取']}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["parse", str(ROOT / "samples" / "deyang-2018-study-campaign.txt"), "--rules", str(overlay)]
    )
    assert result.exit_code == 3
    # The message names the file the rule came from, the rule and the field, on one line.
    assert result.stderr.startswith(f"minutes: error: {overlay / 'sections.yaml'}: rule 'greedy': field 'pattern': ")
    assert "pattern may backtrack catastrophically" in result.stderr
    assert result.stderr.count("\n") == 1


# Shortcuts the parser takes for speed must never change what a rule finds.


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("会议由(?P<person>.{2,20}?)(?P<role>主持)", ("会议由",)),
        ("(?P<verb>出席|列席|收听收看)会议", ("会议",)),
        ("(?:甲|乙)?(?P<x>出席|列席)", ("出席", "列席")),
        ("(?i)minutes", ()),
        ("[一二三]是", ("是",)),
        ("(?:要)?是?", ()),
        ("(?:[甲乙]{1,4}、){1,9}(?P<count>[三四])个", ("个",)),  # a word, not the mark 、
    ],
)
def test_required_words_are_words_every_match_contains(pattern: str, words: tuple[str, ...]) -> None:
    from minutes_cli.rulefiles import required_words

    assert required_words(re.compile(pattern)) == words


def _all_rules() -> list[tuple[str, Rule]]:
    rules = builtin_rules()
    out: list[tuple[str, Rule]] = []
    for name in ("deletions", "dates", "meeting", "purpose", "chair", "attendance", "reports_heard", "cues"):
        out += [(f"{name}:{rule.id}", rule) for rule in getattr(rules, name)]
    out += [(f"declared:{rule.id}", rule) for rule in rules.declared]
    out += [(f"actions:{a.rule.id}", a.rule) for a in rules.document_actions]
    out += [(f"credits:{c.rule.id}", c.rule) for c in rules.credits]
    return out


def test_scanning_with_needed_words_finds_what_the_pattern_finds() -> None:
    """Every window of every sample sentence: Rule.scan == regex.finditer."""
    from minutes_cli.api import parse_doc

    rules = [rule for _, rule in _all_rules()]
    for sample in sorted((ROOT / "samples").glob("**/*.txt"))[::3]:
        doc = parse_doc(sample)
        assert doc.view is not None
        text = doc.view.text
        windows = [(s.start, s.end) for s in doc.sentences] + [(0, len(text)), (len(text) // 3, len(text) // 2)]
        for rule in rules:
            for a, b in windows:
                got = [m.span() for m in rule.scan(text, a, b)]
                want = [m.span() for m in rule.regex.finditer(text, a, b)]
                assert got == want, (rule.id, a, b)


def test_the_combined_marker_prefilter_matches_where_some_marker_does() -> None:
    from minutes_cli.api import parse_doc
    from minutes_cli.textspan import clause_starts

    rules = builtin_rules()
    assert rules.marker_start is not None
    patterns = [f.rule.regex for f in rules.families] + [f.rule.regex for f in rules.frames]
    patterns += [f.alias_regex for f in rules.families if f.alias_regex is not None]
    hits = 0
    for sample in sorted((ROOT / "samples").glob("**/*.txt"))[::2]:
        doc = parse_doc(sample)
        assert doc.view is not None
        text = doc.view.text
        for pos in clause_starts(text, 0, len(text), rules.clause_openers):
            some = any(p.match(text, pos) for p in patterns)
            assert (rules.marker_start.match(text, pos) is not None) == some, (sample.name, pos)
            hits += some
    assert hits > 50


def test_the_cache_key_changes_with_the_code_that_compiles_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version of minutes with unchanged rule files must not load an old RuleSet."""
    import shutil

    from minutes_cli import rules as rules_module

    code = tmp_path / "code"
    code.mkdir()
    for module in rules_module._COMPILER_SOURCES:
        shutil.copy(rules_module._HERE / module, code / module)
    monkeypatch.setattr(rules_module, "_HERE", code)
    before = rules_module._cache_key([builtin_rules_dir()])
    with (code / "rulefiles.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to how rules compile\n")
    after = rules_module._cache_key([builtin_rules_dir()])
    assert before is not None and after is not None and before != after
