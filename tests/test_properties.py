"""Invariants on any input (hypothesis): no traceback, valid spans, exact text slices,
deterministic output."""

from __future__ import annotations

import random

from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_cli import parse_bytes, parse_text
from minutes_cli.checks import span_problems
from minutes_cli.errors import InputError
from minutes_cli.render import render

SEED_TEXT = SEED.read_text(encoding="utf-8")
# Characters the rules anchor on, so random text often looks like a report.
GENRE = list("会议强调要求指出一二三四五六七八九十要是第（）()《》“”、，,。；;：:记者主持出席参加等\n 市委书记长张王李")

genre_text = st.lists(st.sampled_from(GENRE) | st.characters(), max_size=300).map("".join)


def _check(text: str) -> None:
    report = parse_text(text)
    assert not span_problems(report, text.removeprefix("\ufeff"))
    assert render(parse_text(text), "json") == render(report, "json")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(genre_text)
def test_any_text_parses_with_valid_spans(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_report_or_an_input_error(data: bytes) -> None:
    try:
        parse_bytes(data, name="fuzz.bin")
    except InputError as exc:
        assert exc.where == "fuzz.bin"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=0, max_value=len(SEED_TEXT)))
def test_cut_and_shuffled_seed_never_breaks(seed: int, cut: int) -> None:
    sentences = SEED_TEXT.replace("。", "。\x00").split("\x00")
    random.Random(seed).shuffle(sentences)
    _check("".join(sentences))
    _check(SEED_TEXT[:cut])
    _check(SEED_TEXT[cut:])
