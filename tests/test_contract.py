"""The seed report against the output contract in the project's copy of seed.expected.yaml,
and the span conventions of the schema."""

from __future__ import annotations

import yaml
from conftest import GOLDEN, SAMPLES, SEED

from minutes_cli import parse_file, parse_text
from minutes_cli.checks import span_problems
from minutes_cli.render import report_data


def test_seed_equals_contract_field_for_field() -> None:
    expected = yaml.safe_load((GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8"))
    assert report_data(parse_file(SEED)) == expected


def test_seed_key_order_follows_the_model() -> None:
    data = report_data(parse_file(SEED))
    assert list(data) == [
        "schema_version",
        "source",
        "meeting",
        "chair",
        "attendees",
        "attendees_more",
        "reports_heard",
        "documents",
        "documents_more",
        "sections",
        "reporters",
        "warnings",
    ]
    assert list(data["sections"][1]["items"][5]) == [
        "id",
        "n",
        "marker",
        "heading",
        "text",
        "span",
        "declared",
        "items",
    ]


def test_every_sample_has_valid_spans_and_exact_text_slices() -> None:
    for sample in sorted(SAMPLES.glob("**/*.txt")):
        report = parse_file(sample)
        raw = sample.read_bytes()
        text = raw.decode(report.source.encoding)
        assert not span_problems(report, text), sample.name


def test_parse_text_is_the_library_entry_point() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = parse_text(text)
    assert report.chair is not None
    assert report.chair.name == "赵辉"
    assert [s.cue for s in report.sections] == ["会议强调", "会议强调", "会议要求"]
    assert report.sections[0].declared is not None
    assert report.sections[0].declared.count == len(report.sections[0].items) == 10
    assert not span_problems(report, text)


def test_output_is_deterministic() -> None:
    from minutes_cli.render import render

    first = render(parse_file(SEED), "json")
    assert all(render(parse_file(SEED), "json") == first for _ in range(3))


def test_the_cli_data_path_equals_the_validated_model_on_every_sample() -> None:
    from minutes_cli.api import parse_file_data
    from minutes_cli.model import Report

    for sample in sorted(SAMPLES.glob("**/*.txt")):
        data = parse_file_data(sample)
        assert Report.model_validate(data).model_dump(mode="json") == data, sample.name
