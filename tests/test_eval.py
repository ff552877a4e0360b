"""`minutes eval`: per-field precision/recall against hand-corrected expected files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from conftest import GOLDEN, ROOT, SAMPLES, SEED
from typer.testing import CliRunner

from minutes_cli.cli import app
from minutes_cli.evaluate import evaluate, facts

EXPECTED = ROOT / "tests" / "expected"


def _expected_dir(tmp_path: Path, edit: object = None) -> Path:
    target = tmp_path / "expected"
    target.mkdir(parents=True)
    data = yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))
    if callable(edit):
        edit(data)
    (target / "deyang-2018-study-campaign.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_exact_match_scores_one(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(SEED), "--expected", str(_expected_dir(tmp_path)), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overall"]["f1"] == 1.0
    assert data["fields"]["items"]["expected"] == 24
    assert data["worst"] == []


def test_a_wrong_chair_and_a_missing_attendee_show_in_the_fields_and_worst_list(
    runner: CliRunner, tmp_path: Path
) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["chair"]["name"] = "赵辉辉"
        data["attendees"].append({"name": "钱多多", "titles": ["市长助理"], "attendance": "参加会议"})

    result = runner.invoke(app, ["eval", str(SEED), "-e", str(_expected_dir(tmp_path, edit)), "-f", "json"])
    data = json.loads(result.stdout)
    assert data["fields"]["chair"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "true_positives": 0,
        "predicted": 1,
        "expected": 1,
    }
    assert data["fields"]["attendees"]["recall"] == 0.8
    assert data["fields"]["attendees"]["precision"] == 1.0
    assert data["worst"][0]["report"] == str(SEED)
    assert "chair" in data["worst"][0]["fields"]
    table = runner.invoke(app, ["eval", str(SEED), "-e", str(_expected_dir(tmp_path / "t", edit))])
    assert "chair " in table.stdout
    assert "worst first" in table.stdout


def test_fail_under_and_missing_expected(runner: CliRunner, tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["sections"] = []

    expected = _expected_dir(tmp_path, edit)
    assert runner.invoke(app, ["eval", str(SEED), "-e", str(expected), "--fail-under", "0.99"]).exit_code == 1
    empty = tmp_path / "none"
    empty.mkdir()
    missing = runner.invoke(app, ["eval", str(SEED), "-e", str(empty)])
    assert missing.exit_code == 4
    assert "expected file not found" in missing.stderr


def test_a_report_that_fails_to_parse_is_scored_empty_and_the_rest_go_on(runner: CliRunner, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / SEED.name)
    (reports / "empty.txt").write_bytes(b"")
    expected = _expected_dir(tmp_path)
    (expected / "empty.yaml").write_text("chair: {name: 某人, titles: []}\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(reports), "-e", str(expected), "-f", "json"])
    assert result.exit_code == 4
    assert "empty.txt: file is empty" in result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == 2
    assert data["fields"]["chair"]["recall"] == 0.5


def test_item_facts_include_nesting() -> None:
    data = yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))
    items = facts(data)["items"]
    assert (2, "6.1", "在…方面") in items
    assert evaluate([("a", data, "b", data)]).overall.f1 == 1.0


def test_every_genre_sample_has_a_hand_corrected_expected_file() -> None:
    samples = sorted((SAMPLES / "genre").glob("*.txt"))
    assert len(samples) >= 40
    missing = [s.name for s in samples if not (EXPECTED / f"{s.stem}.yaml").is_file()]
    assert missing == []


def test_the_corpus_scores_high_on_every_field(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(SAMPLES / "genre"), "-e", str(EXPECTED), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] >= 40
    low = {name: row["f1"] for name, row in data["fields"].items() if row["f1"] < 0.95}
    assert low == {}
    assert data["overall"]["f1"] >= 0.98


def test_leads_and_texts_count_only_where_the_expected_file_states_them() -> None:
    data = yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))
    terse = json.loads(json.dumps(data))  # an older hand-written file: no leads, no item texts
    for section in terse["sections"]:
        del section["lead"]
    wrong_lead = json.loads(json.dumps(data))
    wrong_lead["sections"][0]["lead"] = "别的导语"
    assert evaluate([("a", data, "b", terse)]).overall.f1 == 1.0
    scored = evaluate([("a", data, "b", wrong_lead)])
    assert scored.fields["sections.lead"].f1 < 1.0
    assert scored.files[0].misses == ["sections.lead"]


def test_whitespace_in_slices_does_not_decide_a_fact() -> None:
    data = yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))
    wrapped = json.loads(json.dumps(data))
    lead = wrapped["sections"][0]["lead"]
    wrapped["sections"][0]["lead"] = lead[:5] + "\n" + lead[5:]  # a PDF copy's line wrap
    assert evaluate([("a", data, "b", wrapped)]).overall.f1 == 1.0
