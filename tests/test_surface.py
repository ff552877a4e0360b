"""Surface variants: encodings, BOM, CRLF, traditional script, pinyin noise, full-width
punctuation. Values keep the source's script; spans index the decoded original text."""

from __future__ import annotations

from conftest import SEED

from minutes_cli import parse_bytes, parse_text
from minutes_cli.checks import span_problems

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_gb18030_and_bom_and_crlf_give_the_same_structure() -> None:
    plain = parse_text(SEED_TEXT)
    gb = parse_bytes(SEED_TEXT.encode("gb18030"), name="gb.txt")
    bom = parse_bytes(b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"), name="bom.txt")
    assert gb.source.encoding == "gb18030"
    assert bom.source.encoding == "utf-8-sig"
    assert gb.sections == plain.sections
    assert bom.sections == plain.sections  # the BOM is not part of the text: spans unchanged
    crlf_text = SEED_TEXT.replace("\n", "\r\n")
    crlf = parse_text(crlf_text)
    assert [len(s.items) for s in crlf.sections] == [10, 7, 4]
    assert not span_problems(crlf, crlf_text)


def test_full_width_punctuation_matches_like_ascii() -> None:
    wide = SEED_TEXT.replace(",", "，").replace(";", "；").replace(":", "：").replace("(", "（").replace(")", "）")
    report = parse_text(wide)
    assert report.chair is not None
    assert report.chair.titles == ["市委副书记", "市长"]
    assert [len(s.items) for s in report.sections] == [10, 7, 4]
    assert report.reporters[0].name == "肖盛雄"
    assert not span_problems(report, wide)


def test_pinyin_noise_is_removed_from_values_but_spans_index_the_original() -> None:
    text = (
        "3月5日上午,县委书记歐(ōu)陽(yáng)明遠主持會(huì)議(yì)並講話。\n"
        "會議強(qiáng)調(diào),一要抓好落實。二要強化保障。"
    )
    report = parse_text(text)
    assert report.chair is not None
    assert report.chair.name == "歐陽明遠"
    assert report.chair.role == "主持會議並講話"
    start, end = report.chair.span
    assert text[start:end] == "县委书记歐(ōu)陽(yáng)明遠"
    assert report.sections[0].cue == "會議強調"
    assert report.sections[0].verb == "强调"
    assert [i.marker for i in report.sections[0].items] == ["一要", "二要"]
    assert not span_problems(report, text)


def test_traps_first_priority_is_not_a_marker() -> None:
    text = "会议强调,要把发展作为第一要务,坚持第一责任人制度,第四季度要冲刺全年目标。"
    report = parse_text(text)
    assert report.sections[0].items == []
    assert report.warnings == []
