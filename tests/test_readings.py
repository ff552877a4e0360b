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


def _wrap(text: str, columns: int) -> str:
    """Break lines at a page width, as a PDF copy does: a CJK character takes two columns."""
    lines, line, used = [], "", 0
    for ch in text:
        width = 1 if ch.isascii() else 2
        if used + width > columns:
            lines.append(line)
            line, used = "", 0
        line, used = line + ch, used + width
    return "\n".join([*lines, line])


def test_a_hard_wrapped_copy_reads_as_if_unwrapped() -> None:
    flowing = (
        "4月17日上午，县长滕怀远主持召开县政府第四十一次常务会议，研究部署经济运行等工作。"
        "副县长邝伟民、卜雪芹、阎少康出席会议。会议审议通过了《澧源县森林火灾应急预案（2025年修订）》。"
    )
    wrapped = _wrap(flowing, 36)
    assert "阎少\n康" in wrapped and "县森\n林" in wrapped  # the page splits a name and a title
    report = parse_text(wrapped)
    assert [a.name for a in report.attendees] == ["邝伟民", "卜雪芹", "阎少康"]
    assert [d.title for d in report.documents] == ["澧源县森林火灾应急预案（2025年修订）"]
    assert report.meeting.name is not None
    assert report.meeting.name.text == wrapped[slice(*report.meeting.name.span)]  # a slice keeps its breaks


def test_short_lines_of_an_ordinary_report_stay_lines() -> None:
    text = "一、传达学习会议精神\n会议强调，要抓好落实。\n二、研究部署秋粮收储工作\n会议要求，要做好收储。"
    assert [s.cue for s in parse_text(text).sections] == ["会议强调", "会议要求"]


def test_a_name_written_before_two_titles_speaks() -> None:
    assert _speakers("会议指出，要稳。\n石峻岭书记、主任强调，要抓好落实。") == [
        ("会议指出", None),
        ("石峻岭书记、主任强调", "石峻岭"),
    ]


def test_a_preview_of_a_later_meetings_agenda_is_not_heard_here() -> None:
    text = (
        "会议听取了县审计局关于审计工作的报告。会议研究了常委会第二十二次会议有关事项，"
        "建议会议议程为：听取和审议县人民政府关于2024年度决算的报告；审议《甲条例（草案）》。"
    )
    report = parse_text(text)
    assert [r.text for r in report.reports_heard] == ["县审计局关于审计工作的报告"]
    assert report.documents == []


def test_dates_in_chinese_numerals_and_ranges_of_days() -> None:
    date = parse_text("二〇二五年三月五日上午，区政协召开十届第二十三次主席会议。").meeting.date
    assert date is not None and (date.year, date.month, date.day, date.period) == (2025, 3, 5, "上午")
    ranged = parse_text("中国共产党荇溪县第十一届委员会第八次全体会议于2024年12月27日至28日在县委党校举行。")
    assert ranged.meeting.date is not None and ranged.meeting.date.text == "2024年12月27日至28日"
    assert ranged.meeting.date.day == 27
    assert ranged.meeting.name is not None
    assert ranged.meeting.name.text == "中国共产党荇溪县第十一届委员会第八次全体会议"


def test_a_body_whose_name_looks_like_a_person_still_organises() -> None:
    meeting = parse_text("3月5日上午，区政协召开十届第二十三次主席会议。").meeting
    assert meeting.scope == "区政协"


def test_credits_in_a_footer_block_and_in_lenticular_brackets() -> None:
    footer = parse_text("会议强调，要抓好落实。\n来源：汀州日报\n作者：记者 蒲若岚 通讯员 温嘉树\n编辑：聂晚晴")
    assert [(r.name, r.role) for r in footer.reporters] == [("蒲若岚", "记者"), ("温嘉树", "通讯员")]
    bracket = parse_text("会议强调，要抓好落实。\n【记者　佘若琳　通讯员　计闻韬】")
    assert [(r.name, r.role) for r in bracket.reporters] == [("佘若琳", "记者"), ("计闻韬", "通讯员")]


def test_a_speaker_named_only_by_title_is_null_and_he_refers_back_to_them() -> None:
    text = (
        "3月12日上午，全县优化营商环境工作推进会召开。常务副县长滑立新主持会议。\n"
        "县委书记在讲话中指出，要优化营商环境。\n他强调，要抓好落实。"
    )
    assert _speakers(text) == [("县委书记在讲话中指出", None), ("他强调", None)]


def test_a_title_in_a_cue_names_the_one_person_who_holds_it() -> None:
    text = (
        "7月3日，校长阎清远主持召开校长办公会。副校长褚鸿渐出席会议。\n"
        "校长在讲话中指出，要抓好招生。\n他要求，要做好值班。"
    )
    assert _speakers(text) == [("校长在讲话中指出", "阎清远"), ("他要求", "阎清远")]


def test_a_group_is_not_a_speaker() -> None:
    assert _speakers("会议强调，要稳。\n各乡镇党委书记表示，要抓好落实。") == [("会议强调", None)]


def test_a_quote_is_a_statement() -> None:
    text = "8月21日，社区召开居民议事会。社区党委书记乔慕白主持会议。\n乔慕白说：“大家的意见终于统一了。”"
    sections = parse_text(text).sections
    assert [(s.cue, s.speaker, s.verb, s.kind) for s in sections] == [("乔慕白说", "乔慕白", "表示", "statement")]


def test_minutes_style_lines_give_chair_and_attendees_and_the_headline_names_the_meeting() -> None:
    text = (
        "漪阳市中心医院召开2025年第14次院长办公会\n发布时间：2025-06-12　来源：院长办公室\n"
        "会议时间：2025年6月10日上午\n主持：院长苏承泽\n"
        "出席：党委书记喻清和，副院长甘立峰、卓映雪，总会计师嵇佩兰\n"
        "列席：医务部主任冷振宇，护理部、信息中心主要负责人\n会议指出，要抓好医疗质量。"
    )
    report = parse_text(text)
    assert report.meeting.name is not None and report.meeting.name.text == "2025年第14次院长办公会"
    assert report.chair is not None and (report.chair.name, report.chair.role) == ("苏承泽", "主持")
    assert [(a.name, a.attendance) for a in report.attendees] == [
        ("喻清和", "出席"),
        ("甘立峰", "出席"),
        ("卓映雪", "出席"),
        ("嵇佩兰", "出席"),
        ("冷振宇", "列席"),
    ]


def test_a_proxy_does_not_attend() -> None:
    text = "董事会召开第三次会议。董事长杭振远主持。外部董事伏天佑因公出差，书面委托外部董事商维纲代为出席并表决。"
    assert parse_text(text).attendees == []


def test_a_surname_and_a_title_name_the_one_person_who_fits() -> None:
    text = (
        "8月21日，市水利局召开党组会议。局党组书记、局长吕怀瑾主持会议。副局长吕澄出席会议。\n"
        "吕局长强调，要压实防汛责任。\n吕副局长表示，要加快项目建设。"
    )
    assert _speakers(text) == [("吕局长强调", "吕怀瑾"), ("吕副局长表示", "吕澄")]


def test_a_pronoun_cue_glued_to_the_sentence_that_names_the_speaker() -> None:
    text = "会议强调，要稳。\n姜澄就水利工程建设工作作了安排，她表示，下一步将倒排工期。"
    assert _speakers(text) == [("会议强调", None), ("她表示", "姜澄")]


def test_a_cue_broken_across_lines_is_one_cue() -> None:
    text = "会议指出，要稳。\n时光在讲话中\n强调，要保供。"
    assert _speakers(text) == [("会议指出", None), ("时光在讲话中强调", "时光")]


def test_notes_inside_a_list_of_people_are_not_titles_or_attendance() -> None:
    text = (
        "3月5日，镇党委召开会议。镇党委书记易春风主持会议。镇党委委员（按姓氏笔画排序）于和平、万秋实"
        "（其中万秋实在分会场参加会议）出席会议。"
    )
    assert [(a.name, a.titles, a.attendance) for a in parse_text(text).attendees] == [
        ("于和平", ["镇党委委员"], "出席会议"),
        ("万秋实", ["镇党委委员"], "出席会议"),
    ]


def test_of_two_dates_in_the_opening_sentence_the_meeting_has_the_later() -> None:
    text = "4月10日，记者从市发展改革委获悉，4月9日下午，嵘州市召开全市重大项目建设调度会。"
    date = parse_text(text).meeting.date
    assert date is not None and date.text == "4月9日下午"


def test_a_joiner_inside_a_unit_name_does_not_split_the_person() -> None:
    text = "3月5日，区长张明主持召开区政府常务会议。区发展和改革局局长邱正阳列席会议。"
    assert [(a.name, a.titles) for a in parse_text(text).attendees] == [("邱正阳", ["区发展和改革局局长"])]


def test_a_speaker_named_in_a_speech_sentence_is_he_in_the_next() -> None:
    text = "会议强调，要稳。\n佟国栋在讲话中充分肯定了过去一年的成绩。他指出，要坚持不懈。"
    assert _speakers(text) == [("会议强调", None), ("他指出", "佟国栋")]


def test_a_law_named_inside_a_report_heard_is_not_a_document() -> None:
    text = "会议听取和审议了县执法检查组关于《中华人民共和国义务教育法》贯彻实施情况的检查报告。"
    report = parse_text(text)
    heard = "县执法检查组关于《中华人民共和国义务教育法》贯彻实施情况的检查报告"
    assert [r.text for r in report.reports_heard] == [heard]
    assert report.documents == []


def test_a_clumsy_copy_may_use_a_space_after_the_verb_and_no_comma_after_presiding() -> None:
    text = (
        "6月3日下午落鹰镇召开党委会议，会议由镇党委书记龙正学主持镇党委副书记、镇长杨光荣，"
        "镇人大主席吴世军参加会议。\n龙正学书记强调 各村要切实履行好职责。"
    )
    report = parse_text(text)
    assert [(a.name, a.titles) for a in report.attendees] == [
        ("杨光荣", ["镇党委副书记", "镇长"]),
        ("吴世军", ["镇人大主席"]),
    ]
    sections = [(s.cue, s.speaker, s.lead) for s in report.sections]
    assert sections == [("龙正学书记强调", "龙正学", "各村要切实履行好职责。")]


def test_a_purpose_may_come_before_the_date_and_the_organiser() -> None:
    text = "为进一步压实安全生产责任，有效防范港口作业风险，5月6日，泓远港务集团召开安全生产委员会会议。"
    purpose = parse_text(text).meeting.purpose
    assert purpose is not None and purpose.text == "为进一步压实安全生产责任，有效防范港口作业风险"


def test_a_meeting_cue_after_a_space_in_a_clumsy_copy_starts_a_section() -> None:
    text = "会议首先传达学习了县委全会精神 会议指出当前脱贫攻坚到了冲刺阶段。"
    assert _speakers(text) == [("会议首先传达学习了", None), ("会议指出", None)]


def test_spaced_out_ocr_text_makes_no_cue_in_the_middle() -> None:
    text = "会议听取了工作汇报。要 抓 好 落 实 会 议 强 调 的 各 项 工 作。"
    assert _speakers(text) == []


def test_titles_before_a_rare_surname_make_a_speaker() -> None:
    text = "会议强调，要稳。\n客商代表、嘉沐科技集团董事长庹光耀在发言中表示，看中的是产业配套。"
    assert _speakers(text)[1] == ("客商代表、嘉沐科技集团董事长庹光耀在发言中表示", "庹光耀")


def test_verb_markers_and_frames_with_shang() -> None:
    text = "会议强调，重点抓好以下工作：一抓责任落实，二抓隐患排查，三抓应急准备。"
    assert [i.marker for i in parse_text(text).sections[0].items] == ["一抓", "二抓", "三抓"]
    framed = "会议要求，重点在三个方面用力：在理论学习上，要读原著；在调查研究上，要找难题；在推动发展上，要见实效。"
    section = parse_text(framed).sections[0]
    assert section.declared is not None and section.declared.count == 3
    assert [(i.marker, i.heading) for i in section.items] == [
        ("在…上", "理论学习"),
        ("在…上", "调查研究"),
        ("在…上", "推动发展"),
    ]


def test_speakers_acting_for_a_body_or_on_a_subject() -> None:
    text = (
        "会议强调，要稳。\n阚云舒就抓好项目建设工作提出要求：一要强化谋划，二要强化保障。\n"
        "槐川区委书记戚宏远代表各县（市、区）作表态发言：全年实施重点项目60个。\n"
        "乡贤代表应鹤年表示，愿为家乡出力。"
    )
    assert [(s.cue, s.speaker, s.verb) for s in parse_text(text).sections] == [
        ("会议强调", None, "强调"),
        ("阚云舒就抓好项目建设工作提出要求", "阚云舒", "要求"),
        ("槐川区委书记戚宏远代表各县（市、区）作表态发言", "戚宏远", "表示"),
        ("乡贤代表应鹤年表示", "应鹤年", "表示"),
    ]


def test_a_footer_glued_to_the_credit_in_a_copy_without_line_breaks() -> None:
    text = "会议强调，要抓好落实。(记者 柴映秋 通讯员 卫思彤)责任编辑:全 莹"
    report = parse_text(text)
    assert [(r.name, r.role) for r in report.reporters] == [("柴映秋", "记者"), ("卫思彤", "通讯员")]
    assert report.warnings == []


def test_attendees_given_as_a_table() -> None:
    text = (
        "5月14日上午，泖川市政协召开十一届第十八次主席会议。市政协主席申屠远志主持会议并讲话。\n"
        "出席会议人员:\n姓　名　　职　务\n司马静澜　市政协党组副书记、副主席\n邗　卓　　市政协副主席\n"
        "劳映雪\t市政协副主席\n请假人员:\n甄一鸣　　市政协副主席(因公出差)\n会议听取了汇报。"
    )
    assert [(a.name, a.titles, a.attendance) for a in parse_text(text).attendees] == [
        ("司马静澜", ["市政协党组副书记", "副主席"], "出席会议"),
        ("邗卓", ["市政协副主席"], "出席会议"),
        ("劳映雪", ["市政协副主席"], "出席会议"),
    ]


def test_dates_as_local_papers_write_them() -> None:
    def date_of(text: str) -> tuple[str, int | None, int | None, str | None] | None:
        date = parse_text(text).meeting.date
        return None if date is None else (date.text, date.month, date.day, date.period)

    assert date_of("上周五下午，市政协召开主席会议。") == ("上周五下午", None, None, "下午")
    assert date_of("农历正月初八上午，镇党委召开会议。") == ("农历正月初八上午", None, None, "上午")
    assert date_of("3月上旬，区人大常委会召开主任会议。") == ("3月上旬", 3, None, None)
    assert date_of("本周一(9月15日)上午，集团召开安全例会。") == ("本周一(9月15日)上午", 9, 15, "上午")
    assert date_of("2月8日农历正月十五，镇里召开座谈会。") == ("2月8日", 2, 8, None)
    headline = "市政府3月26日召开常务会议\n发布时间：2025-03-27\n会议研究了有关工作。"
    assert date_of(headline) == ("3月26日", 3, 26, None)


def test_a_sex_note_after_a_name_is_not_part_of_it() -> None:
    text = "3月5日，区人大常委会召开主任会议。副区长邰晓蕾(女)，区监委副主任房晓舟列席会议。"
    assert [a.name for a in parse_text(text).attendees] == ["邰晓蕾", "房晓舟"]


def test_an_attendance_list_closing_the_report_is_not_the_last_speakers_words() -> None:
    text = (
        "5月30日晚，镇党委召开防汛工作会议。镇长葛春阳主持会议。\n会议要求，各村要把责任落实到人。\n"
        "镇党委副书记何思源，副镇长覃一诺参加会议。"
    )
    report = parse_text(text)
    assert [a.name for a in report.attendees] == ["何思源", "覃一诺"]
    assert report.sections[0].lead == "各村要把责任落实到人。"


def test_the_exact_title_wins_when_two_holders_share_a_surname() -> None:
    text = (
        "3月26日，市政府召开常务会议。市长骆擎宇主持会议。常务副市长邹立群，副市长邹曼婷出席会议。\n"
        "邹副市长要求，要抓紧制定年度项目清单。"
    )
    assert _speakers(text) == [("邹副市长要求", "邹曼婷")]


def test_a_surname_and_a_short_title_names_the_lead_person_holding_that_title() -> None:
    # 庞总 would pass for a two-character name; it is 总经理庞维新, and 他 after it is him too.
    text = (
        "9月15日上午，集团召开安全生产会议。党委书记、董事长戴鸿铭出席会议，党委副书记、总经理庞维新主持会议。\n"
        "戴董在讲话中指出，安全生产保持平稳。\n庞总在主持会议时要求，各单位要迅速传达会议精神。"
    )
    assert _speakers(text) == [("戴董在讲话中指出", "戴鸿铭"), ("庞总在主持会议时要求", "庞维新")]
    nobody = "9月15日上午，集团召开安全生产会议。\n庞总要求，各单位要迅速传达会议精神。"
    assert _speakers(nobody) == [("庞总要求", None)]


def test_the_people_after_a_verb_that_others_also_attended_are_attendees() -> None:
    text = (
        "1月10日上午，县政协会议闭幕。县政协主席耿怀瑾主持闭幕会并致闭幕词。"
        "出席闭幕会的还有县政协副主席甄静宜、黎子墨和秘书长向晚舟。"
    )
    report = parse_text(text)
    assert report.chair is not None and report.chair.role == "主持闭幕会并致闭幕词"
    assert [(a.name, a.titles, a.attendance) for a in report.attendees] == [
        ("甄静宜", ["县政协副主席"], "出席闭幕会"),
        ("黎子墨", ["县政协副主席"], "出席闭幕会"),
        ("向晚舟", ["秘书长"], "出席闭幕会"),
    ]


def test_a_question_heading_a_paragraph_opens_the_next_section() -> None:
    text = (
        "5月28日，县政府召开专题会议。\n会议认为，必须尽早开工建设。\n"
        "钱从哪里筹？会议明确，由县城投公司作为项目业主。\n"
        "会议就管网漏损率偏高的问题进行了研究，认为，要制定老旧管网改造计划。"
    )
    report = parse_text(text)
    assert [(s.cue, s.lead) for s in report.sections] == [
        ("会议认为", "必须尽早开工建设。"),
        ("会议明确", "由县城投公司作为项目业主。"),
        ("认为", "要制定老旧管网改造计划。"),
    ]
    start, _ = report.sections[1].span
    assert text[start:].startswith("钱从哪里筹？")


def test_markers_parted_by_enumeration_commas_inside_one_clause_are_a_list() -> None:
    text = "会议要求，要抓紧做好一是代表资格审查、二是议案建议交办、三是选举办法起草等工作，确保按时就绪。"
    section = parse_text(text).sections[0]
    assert section.lead == "要抓紧做好"
    assert [(i.marker, i.text) for i in section.items] == [
        ("一是", "一是代表资格审查"),
        ("二是", "二是议案建议交办"),
        ("三是", "三是选举办法起草等工作，确保按时就绪。"),
    ]
    # Quoted, the same run names a method; 统一是 is never a marker.
    quoted = "会议要求，要推行“一是马上办、二是跟踪办、三是回访办”的工作法。口径统一是前提、二是关键。"
    assert parse_text(quoted).sections[0].items == []


def test_a_meeting_held_after_another_act_is_held_by_the_sentences_subject() -> None:
    text = "县人大常委会5月14日组织部分人大代表，对全县农村饮水安全工作开展集中视察，并召开代表座谈会。"
    report = parse_text(text)
    assert report.meeting.name is not None and report.meeting.name.text == "代表座谈会"
    assert report.meeting.scope == "县人大常委会"
    # Without a date after it, the first clause is not read as the organiser.
    undated = "县人大常委会组织部分人大代表开展集中视察，并召开代表座谈会。"
    assert parse_text(undated).meeting.scope is None


def test_she_after_an_appraisal_is_the_person_who_appraised() -> None:
    text = (
        "11月8日，民盟市委会召开座谈会。市委统战部副部长谷慧玲出席会议并讲话。\n"
        "谷慧玲充分肯定了民盟市委会一年来的工作。她表示，民盟市委会立足界别特色。她希望，盟员牢记职责。"
    )
    assert _speakers(text) == [("她表示", "谷慧玲"), ("她希望", "谷慧玲")]


def test_text_and_photo_lines_credit_their_authors_once() -> None:
    text = "6月20日，县里召开推进会。\n会议要求，要抓好落实。\n\n文字：柴梦溪\n图片：阮星野\n编辑：喻可欣\n审核：殷自强"
    assert [(r.name, r.role) for r in parse_text(text).reporters] == [("柴梦溪", "文字"), ("阮星野", "图片")]


def test_a_subdistrict_before_a_name_in_a_closing_credit_is_a_unit() -> None:
    text = "8月15日，街道召开调度会。\n会议要求，要抓好落实。\n(楠桥街道 宗雨桐)"
    report = parse_text(text)
    assert [(r.name, r.role) for r in report.reporters] == [("宗雨桐", None)]
    assert report.sections[0].lead == "要抓好落实。"


def test_a_suffix_after_a_title_does_not_end_the_run_of_documents() -> None:
    text = "会议审议并原则通过了《甲办法（试行）》《乙办法》（草案）和《丙方案》。"
    report = parse_text(text)
    assert [d.title for d in report.documents] == ["甲办法（试行）", "乙办法", "丙方案"]


def test_a_count_before_a_bracket_announces_the_list_inside_it() -> None:
    text = (
        "会议强调，要重点抓好两个方面工作：一是稳定生产。要落实责任。二是深化改革。重点抓好三项改革"
        "（一是推进土地承包试点；二是深化产权制度改革；三是推进宅基地制度改革），激发活力。"
    )
    items = parse_text(text).sections[0].items
    assert [i.marker for i in items] == ["一是", "二是"]
    assert items[1].declared is not None and (items[1].declared.label, items[1].declared.count) == ("三项改革", 3)
    assert [i.marker for i in items[1].items] == ["一是", "二是", "三是"]


def test_a_reporter_role_may_name_its_outlet() -> None:
    text = "3月5日，市委召开常委会会议。\n会议要求，要抓好落实。\n（榄湾日报记者 钟嘉铭）"
    report = parse_text(text)
    assert [(r.name, r.role) for r in report.reporters] == [("钟嘉铭", "榄湾日报记者")]
    assert report.sections[0].lead == "要抓好落实。"


def test_a_frame_marker_shows_the_prefix_only_when_it_is_written() -> None:
    said = "会议强调，要在强化监督上持续用力。要A。要在纠治四风上持续用力。要B。要在整治腐败上持续用力。要C。"
    unsaid = "会议强调，在强化监督上持续用力。要A。在纠治四风上持续用力。要B。在整治腐败上持续用力。要C。"
    assert [i.marker for i in parse_text(said).sections[0].items] == ["要在…上"] * 3
    assert [i.marker for i in parse_text(unsaid).sections[0].items] == ["在…上"] * 3


def test_a_unit_before_a_title_is_not_a_name() -> None:
    # 区 is a surname, but 区检察院 is a unit: 区法院院长、区检察院检察长 names no one.
    text = "1月16日，区纪委全会召开。区委常委冼志平出席会议；区法院院长、区检察院检察长列席会议。"
    assert [a.name for a in parse_text(text).attendees] == ["冼志平"]


def test_a_purpose_may_name_a_title_it_studies() -> None:
    text = "11月12日下午，市长蔺承泽主持召开市政府第58次常务会议，学习《安全生产法》有关内容，研究城市更新等事项。"
    purpose = parse_text(text).meeting.purpose
    assert purpose is not None and purpose.text == "学习《安全生产法》有关内容，研究城市更新等事项"


def test_web_bylines_with_a_bar_credit_people_and_review_lines_are_footers() -> None:
    text = (
        "记者 | 王晓明\n3月5日上午，县委书记张三主持召开县委常委会会议。\n会议强调，要抓好落实。\n"
        "文 | 柴梦溪  图 | 阮星野\n编辑 | 李四\n二审 | 王五\n三审 | 赵六"
    )
    report = parse_text(text)
    assert [(r.name, r.role) for r in report.reporters] == [("王晓明", "记者"), ("柴梦溪", "文"), ("阮星野", "图")]
    assert report.sections[0].lead == "要抓好落实。"
    # 文 is a role only before a separator: （文明办） credits no one.
    assert parse_text("3月5日，会议召开。会议强调，要抓好文明实践。（文明办）").reporters == []


def test_a_wechat_copy_keeps_its_furniture_out_of_the_report() -> None:
    text = (
        "点击上方蓝字关注我们\n\n省政协召开主席会议\n\n岳川政协　2024年10月18日 18:05\n\n"
        "原标题：省政协召开主席会议！\n\n文\uff5c穆清然　图\uff5c费晓帆\n来源\uff5c岳川政协报\n\n"
        "10月17日下午，省政协召开第二十三次主席会议。会议由省政协主席甄怀谦主持。\n\n▲会议现场\n\n"
        "会议指出，要深入学习领会。\n\n图为会议现场。\n\n"
        "甄怀谦强调，要紧扣中心工作。\n\n1　2　下一页\n\n会议要求，要抓好落实。\n\n"
        "文丨单一鸣\n图丨汤可馨\n责编\uff5c戴子琪\n终审\uff5c乔立言\n\n往期推荐\n省政协召开第二十二次主席会议"
    )
    report = parse_text(text)
    assert report.meeting.date is not None and report.meeting.date.text == "10月17日下午"
    assert report.chair is not None and report.chair.name == "甄怀谦"
    assert [(s.cue, s.lead) for s in report.sections] == [
        ("会议指出", "要深入学习领会。"),
        ("甄怀谦强调", "要紧扣中心工作。"),
        ("会议要求", "要抓好落实。"),
    ]
    assert [(r.name, r.role) for r in report.reporters] == [
        ("穆清然", "文"),
        ("费晓帆", "图"),
        ("单一鸣", "文"),
        ("汤可馨", "图"),
    ]
    assert report.warnings == []


def test_a_photo_credit_closes_with_she_not_a_name() -> None:
    text = "3月5日，市委召开学习会。\n会议要求，要抓好落实。\n图为学习会现场。（记者　展鹏程　摄）\n（记者　仇芷若）"
    assert [(r.name, r.role) for r in parse_text(text).reporters] == [("展鹏程", "记者"), ("仇芷若", "记者")]


def test_documents_listed_one_a_line_after_the_action_are_reviewed() -> None:
    text = (
        "4月27日，董事长宗宇航主持召开集团董事会会议。\n会议审议通过了以下议案：\n"
        "1.《关于集团财务决算报告的议案》；\n2.《关于修订〈集团投资管理办法〉的议案》。\n宗宇航强调，要严格执行预算。"
    )
    report = parse_text(text)
    assert [(d.title, d.action) for d in report.documents] == [
        ("关于集团财务决算报告的议案", "审议通过"),
        ("关于修订〈集团投资管理办法〉的议案", "审议通过"),
    ]


def test_the_author_field_of_a_page_line_credits_a_person_not_a_unit() -> None:
    head = "集团召开董事会会议\n来源:董事会办公室    作者:{}    发布时间:2025-04-29 16:20\n"
    body = "4月27日，董事长宗宇航主持召开集团董事会会议。\n会议要求，要抓好落实。"
    assert [(r.name, r.role) for r in parse_text(head.format("柏雨晴") + body).reporters] == [("柏雨晴", "作者")]
    assert parse_text(head.format("机关党委") + body).reporters == []


def test_chief_officers_and_work_teams_are_read_as_such() -> None:
    text = (
        "4月27日，董事长宗宇航主持召开集团董事会会议。总法律顾问、首席合规官敖佳宁，"
        "市工商联副主席吴婉莹到会指导并讲话。\n会议要求，要抓好落实。\n（驻村工作队 班晓雯）"
    )
    report = parse_text(text)
    assert [(a.name, a.titles, a.attendance) for a in report.attendees] == [
        ("敖佳宁", ["总法律顾问", "首席合规官"], "到会指导并讲话"),
        ("吴婉莹", ["市工商联副主席"], "到会指导并讲话"),
    ]
    assert [(r.name, r.role) for r in report.reporters] == [("班晓雯", None)]


def test_an_ascii_quote_closes_a_quote_left_open() -> None:
    text = (
        '7月3日下午，槐溪镇召开党委（扩大)会议，传达学习全县“强基固本、提质增效"专项行动精神，'
        "研究部署全镇贯彻落实工作。镇党委书记欧阳澜主持会议并讲话。"
    )
    report = parse_text(text)
    assert report.chair is not None and report.chair.name == "欧阳澜"
    assert report.meeting.purpose is not None
    assert report.meeting.purpose.text == '传达学习全县“强基固本、提质增效"专项行动精神，研究部署全镇贯彻落实工作'


def test_news_app_and_aggregator_furniture_closes_the_report() -> None:
    body = (
        "5月6日，区长覃向东主持召开区政府常务会议。\n会议强调，要严格落实值班制度。\n\n"
        "（记者　郗明远　通讯员　喻子墨）\n\n"
    )
    tails = (
        "特别声明：以上内容仅代表作者本人观点。",
        "举报/反馈\n\n相关推荐\n区政府召开常务会议",
        "评论 36\n阿岚:会议强调的要抓紧。",
    )
    for tail in tails:
        report = parse_text(body + tail)
        assert [(s.cue, s.lead) for s in report.sections] == [("会议强调", "要严格落实值班制度。")]
        assert [r.name for r in report.reporters] == ["郗明远", "喻子墨"]
        assert report.warnings == []


def test_a_byline_and_an_editor_on_one_closing_line() -> None:
    text = (
        "5月6日，校长主持召开党委常委会。\n会议要求，要抓好落实。\n\n"
        "文字：巩思齐　摄影：甘伯阳　责任编辑：柴静遥\n\n版权所有 © 2024"
    )
    assert [(r.name, r.role) for r in parse_text(text).reporters] == [("巩思齐", "文字"), ("甘伯阳", "摄影")]


def test_a_page_number_closing_a_pdf_copy_is_not_content() -> None:
    text = "5月6日，市委召开常委会会议。\n会议要求，要抓好落实。\n— 1 —\n要抓紧推进。\n— 2 —"
    report = parse_text(text)
    assert report.warnings == []
    assert report.sections[0].lead == "要抓好落实。\n— 1 —\n要抓紧推进。"
