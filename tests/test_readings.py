"""Readings the parser makes on purpose, one short report each: what counts as a person, a
cue, an agenda act. The corpus goldens cover the same ground on whole reports; these say why."""

from __future__ import annotations

from minutes_cli import parse_text


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(s.cue, s.speaker) for s in parse_text(text).sections]


def test_a_rare_surname_speaks_once_a_title_has_introduced_the_name() -> None:
    # 普 is not in surnames.txt; 县委书记普建华 introduces the name, so 普建华强调 is a cue.
    text = "8月21日，县委书记普建华主持召开常委会会议。\n会议指出，要稳。\n普建华强调，要抓好落实。"
    assert _speakers(text) == [("会议指出", None), ("普建华强调", "普建华")]


def test_an_unintroduced_word_before_a_verb_is_not_a_speaker() -> None:
    text = "8月21日，县委书记王建华主持召开常委会会议。\n会议指出，要稳。\n普建华强调，要抓好落实。"
    assert _speakers(text) == [("会议指出", None)]


def test_long_transliterated_names_after_a_title_are_attendees() -> None:
    text = (
        "12月2日，旗委书记郎振北主持召开旗委常委会会议。旗委副书记、旗长额尔敦毕力格，"
        "旗委常委、常务副旗长乌云其其格，旗委常委巴特尔、朝鲁门出席会议。"
    )
    report = parse_text(text)
    assert [(a.name, a.titles) for a in report.attendees] == [
        ("额尔敦毕力格", ["旗委副书记", "旗长"]),
        ("乌云其其格", ["旗委常委", "常务副旗长"]),
        ("巴特尔", ["旗委常委"]),
        ("朝鲁门", ["旗委常委"]),
    ]


def test_a_separator_form_cues_only_before_a_separator() -> None:
    report = parse_text("会议强调，要抓好落实。\n会议明确，由市粮食局牵头。\n会议明确了责任分工。")
    assert [(s.cue, s.verb, s.kind) for s in report.sections] == [
        ("会议强调", "强调", "emphasis"),
        ("会议明确", "明确", "decision"),
    ]
    assert report.sections[1].lead == "由市粮食局牵头。\n会议明确了责任分工。"


def test_the_meeting_adopting_a_document_inside_a_section_is_agenda() -> None:
    text = "会议明确，由市司法局牵头。\n会议还原则通过了《甲办法(草案)》。\n张三强调，要认真研究《乙条例》。"
    report = parse_text(text)
    assert [(d.title, d.action) for d in report.documents] == [("甲办法(草案)", "原则通过")]
