"""Stage 3: where the content is, and who wrote it.

Input: the view and its sentences. Output: ``Credits``: the content range (without datelines,
reporter credits and editorial footers) and the reporters with their roles.
Example: '…营造良好氛围环境。(记者肖盛雄)' -> content ends before '(', reporter 肖盛雄 (记者).

Names inside a credit are split on spaces in the ORIGINAL text (the view has no spaces),
and on 、 and ，: '(记者 张三 李四)' credits two people.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from .findings import WarningFound
from .normalize import View
from .people import valid_name
from .rules import Credit, RuleSet
from .textspan import SENTENCE_END, TRIM, trim

_TOKEN = re.compile(r"[^\s、，,]+")
_SPACES = re.compile("[ \t\u3000]+")
# Chrome is looked for in this many lines at the top, titles above it at most this long.
_TOP_LINES = 6
_TITLE_MAX = 60
_CAPTION_MAX = 80


class ReporterFound(NamedTuple):
    name: str
    role: str | None
    span: tuple[int, int]  # original text
    rule: str


class Credits(NamedTuple):
    content_start: int  # view
    content_end: int  # view
    reporters: tuple[ReporterFound, ...]
    warnings: tuple[WarningFound, ...] = ()


def find_credits(view: View, rules: RuleSet) -> Credits:
    text = view.text
    start, end = trim(text, 0, len(text))
    start, captions = _top_matter(view, start, end, rules)
    end = _footer_start(view, start, end, rules)
    start, end = trim(text, start, end)
    reporters: list[ReporterFound] = list(captions)
    for credit in rules.credits:
        if credit.where == "start":
            m = _dateline_then(credit.rule.regex, text, start, end, rules)
            found = _reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id) if m else None
            if m and found:
                reporters[:0] = found
                start, end = trim(text, m.end(), end)
        elif credit.where == "end":
            m = _last_match(credit.rule.regex, text, start, end)
            found = _reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id) if m else None
            if m and found:
                # A byline rule may have read this last line already (文字：A, then 图片：B cut).
                reporters.extend(r for r in found if all(r.span != old.span for old in reporters))
                start, end = trim(text, start, m.start())
        elif credit.where == "line":
            start, end = _bylines(view, start, end, rules, credit, reporters)
    # A byline inside the footer block (来源：… 作者：记者 A 编辑：…) still credits the report.
    for credit in rules.credits:
        if credit.where == "line":
            _bylines(view, end, len(text), rules, credit, reporters)
    end = _before_trailing_notes(text, start, end, rules)
    start = _after_dateline(text, start, end, rules)
    # A photo caption between paragraphs (…在北京召开。人民网记者 仇立衡 摄) credits its
    # photographer; the line stays in the content, where no rule claims it.
    for a, b in _line_ranges(text, start, end):
        found = _caption(view, a, b, rules)
        reporters.extend(r for r in found or () if all(r.span != old.span for old in reporters))
    reporters.sort(key=lambda r: r.span)  # source order: a caption above the dateline comes first
    return Credits(start, end, tuple(reporters), _truncation(text, start, end, rules))


def _before_trailing_notes(text: str, start: int, end: int, rules: RuleSet) -> int:
    """The content's end before closing notes that credit no person ((县政协办公室))."""
    changed = True
    while changed:
        changed = False
        for rule in rules.trailing:
            m = _last_match(rule.regex, text, start, end)
            if m is not None:
                end = trim(text, start, m.start())[1]
                changed = True
    return end


def _truncation(text: str, start: int, end: int, rules: RuleSet) -> tuple[WarningFound, ...]:
    if end <= start or rules.complete_ending.search(text, max(start, end - 20), end):
        return ()
    span = (max(start, end - 20), end)
    return (WarningFound("truncated", "the text ends mid-sentence; the report may be cut off", span),)


def _dateline_then(regex: re.Pattern[str], text: str, start: int, end: int, rules: RuleSet) -> re.Match[str] | None:
    """A start credit, right at the start or after a dateline (新华社…电(记者 A))."""
    return regex.match(text, start, end) or regex.match(text, _after_dateline(text, start, end, rules), end)


def _after_dateline(text: str, start: int, end: int, rules: RuleSet) -> int:
    for rule in rules.datelines:
        m = rule.regex.match(text, start, end)
        if m is not None and m.end() > start:
            return trim(text, m.end(), end)[0]
    return start


def _bylines(
    view: View, start: int, end: int, rules: RuleSet, credit: Credit, reporters: list[ReporterFound]
) -> tuple[int, int]:
    """Credit lines (作者:A) among the first and last few lines; cut from the content when
    they are its first or last line."""
    text = view.text
    lines = _line_ranges(text, start, end)
    # The last lines bottom-up, so cutting one byline (图丨B) leaves the one above it (文丨A) last.
    near = [*lines[:3], *reversed(lines[-3:])] if len(lines) > 6 else [*lines[:3], *reversed(lines[3:])]
    for a, b in near:
        m = credit.rule.regex.match(text, a, b)
        found = _reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id) if m else None
        if not (m and found) or any(r.span == f.span for r in reporters for f in found):
            continue
        reporters.extend(found)
        if a == start:
            start, end = trim(text, b, end)
        elif b == end:
            start, end = trim(text, start, a)
    return start, end


def _line_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        a, b = trim(text, pos, stop)
        if a < b:
            out.append((a, b))
        pos = stop + 1
    return out


def _top_matter(view: View, start: int, end: int, rules: RuleSet) -> tuple[int, list[ReporterFound]]:
    """Where the report begins below what a web page prints above it, and the photographers
    credited there. Skipped: page chrome (breadcrumb, 来源/发布时间, font tools), photo captions
    (▲…。新华社记者 A 摄), and the page title and subtitle above chrome, a caption, a dateline
    or a start credit. A title followed directly by the report stays: it may be the only place
    the meeting is named."""
    text = view.text
    pos = content = start
    captions: list[ReporterFound] = []
    for _ in range(_TOP_LINES):
        if pos >= end:
            break
        line_end = text.find("\n", pos, end)
        line_end = end if line_end == -1 else line_end
        after = trim(text, line_end, end)[0]
        if any(rule.regex.match(text, pos, line_end) for rule in rules.chrome):
            captions.extend(_chrome_credits(view, pos, line_end, rules))  # 作者：A in the page line
            content = after
        elif caption := _caption(view, pos, line_end, rules) or _line_credit(view, pos, line_end, rules):
            captions.extend(caption)  # a photo caption, or a byline above the report (文丨A 图丨B)
            content = after
        elif pos > start and _opens_report(text, pos, line_end, end, rules):
            return pos, captions
        elif line_end - pos > _TITLE_MAX or any(ch in SENTENCE_END for ch in text[pos:line_end]):
            break  # a sentence: the report has begun
        pos = after
    return content, captions


def _caption(view: View, start: int, end: int, rules: RuleSet) -> list[ReporterFound] | None:
    """The credits of a short line that ends with one (…会议现场。新华社记者 卓恒 摄)."""
    if end - start > _CAPTION_MAX:
        return None
    for credit in rules.credits:
        if credit.where != "end":
            continue
        m = credit.rule.regex.search(view.text, start, end)
        if m is not None and m.end() == end and m.start() > start:
            found = _reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id)
            if found:
                return found
    return None


def _chrome_credits(view: View, start: int, end: int, rules: RuleSet) -> list[ReporterFound]:
    """People credited inside a line of page chrome (来源：… 作者：柏雨晴 发布时间：…)."""
    found: list[ReporterFound] = []
    for credit in rules.credits:
        if credit.where == "chrome":
            for m in credit.rule.scan(view.text, start, end):
                found.extend(_reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id) or ())
    return found


def _line_credit(view: View, start: int, end: int, rules: RuleSet) -> list[ReporterFound] | None:
    """The credits of a line that is a byline and nothing else (文丨A 图丨B, 作者：C)."""
    for credit in rules.credits:
        if credit.where == "line" and (m := credit.rule.regex.match(view.text, start, end)) is not None:
            found = _reporters(view, m.start("body"), m.end("body"), rules, credit.rule.id)
            if found:
                return found
    return None


def _opens_report(text: str, start: int, line_end: int, end: int, rules: RuleSet) -> bool:
    """The line starts with a dateline (本报讯, 新华社…电) or a reporter credit."""
    if _after_dateline(text, start, line_end, rules) > start:
        return True
    return any(c.rule.regex.match(text, start, end) for c in rules.credits if c.where == "start")


def _footer_start(view: View, start: int, end: int, rules: RuleSet) -> int:
    """Content ends at the first line (after the first) that an editorial footer rule matches,
    or where a footer starts after spaces on the last lines (…伏嘉树 摄  【纠错】 责任编辑：蒯晴)."""
    text = view.text
    pos = text.find("\n", start, end)
    # A footer follows the report: a line above the first sentence end (来源丨… under the
    # headline of a WeChat copy) is not one.
    ends = [at for ch in SENTENCE_END if (at := text.find(ch, start, end)) != -1]
    first_end = min(ends) if ends else end
    while pos != -1:
        line = pos + 1
        while line < end and text[line] in TRIM:
            line += 1
        if pos > first_end and any(rule.regex.match(text, line, end) for rule in rules.footers):
            # The line above may still end with one (文字：A　摄影：B　责任编辑：C).
            last_line = text.rfind("\n", start, pos) + 1
            spaced = _footer_after_spaces(view, max(start + 1, last_line), pos, rules)
            return pos if spaced is None else spaced
        pos = text.find("\n", line, end)
    tail = max(start + 1, end - 300)
    if tail >= end:
        return end
    spaced = _footer_after_spaces(view, tail, end, rules)
    if spaced is not None:
        return spaced
    # A copy with no line breaks at all glues the footer to the credit: …(记者 A)责任编辑:B.
    at = text.find("）", tail, end)
    while at != -1:
        if any(rule.regex.match(text, at + 1, end) for rule in rules.footers):
            return at + 1
        at = text.find("）", at + 1, end)
    return end


def _footer_after_spaces(view: View, lo: int, end: int, rules: RuleSet) -> int | None:
    """Where a footer starts after a run of spaces in view[lo:end], if one does."""
    if lo >= end:
        return None
    # Only view characters right after a run of spaces in the original can start such a
    # footer; find those runs instead of testing every character.
    origin, text = view.origin, view.text
    for gap in _SPACES.finditer(view.original, max(0, origin[lo] - 1), origin[end - 1]):
        at = bisect_left(origin, gap.end(), lo, end)
        if at < end and origin[at] == gap.end() and any(rule.regex.match(text, at, end) for rule in rules.footers):
            return at
    return None


def _last_match(regex: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    # End credits are anchored with $; searching only the last stretch keeps this linear.
    return regex.search(text, max(start, end - 200), end)


def _reporters(view: View, start: int, end: int, rules: RuleSet, rule_id: str) -> list[ReporterFound] | None:
    """Roles and names in the credit body view[start:end], read from the original text.

    None when the body is not a credit: with no role, every token must be a person's name
    or a unit (县政府办), and at least one a name.
    """
    a, b = view.span(start, end)
    out: list[ReporterFound] = []
    role: str | None = None
    role_start = -1
    for token in _TOKEN.finditer(view.original, a, b):
        t_start, t_end = token.span()
        folded = _original_range_text(view, t_start, t_end, fold=True)
        if all(ch in rules.role_separators for ch in folded) or (out and folded in rules.photo_marks):
            continue  # the bar of 记者 | 王晓明; 摄 after a name
        matched = _role_at_start(folded, rules)
        if matched:
            role = view.original[t_start : t_start + _original_length(view, t_start, len(matched))]
            role_start = t_start
            name_start = t_start + len(role)
            folded = folded[len(matched) :]
            while folded[:1] and folded[0] in rules.role_separators and name_start < t_end:  # 记者:冉晴川
                folded = folded[1:]
                name_start += 1
            inner = _role_at_start(folded, rules)
            if inner:  # 作者:记者 A: the role written after the label is the person's
                role_start = name_start
                role = view.original[name_start : name_start + _original_length(view, name_start, len(inner))]
                name_start += len(role)
                folded = folded[len(inner) :]
        else:
            name_start = t_start
        if name_start >= t_end:
            continue
        if not valid_name(folded, rules):
            if folded.endswith(rules.unit_suffixes):
                continue  # a unit credits no person: (西王镇 周雷), 作者：机关党委
            if role is None:
                return None
        name = _original_range_text(view, name_start, t_end, fold=False)
        span_start = role_start if role_start >= 0 else name_start
        out.append(ReporterFound(name, role, (span_start, t_end), rule_id))
        role_start = -1
    return out or None


def _role_at_start(folded: str, rules: RuleSet) -> str | None:
    """The role a token starts with (longest first, then one naming its outlet), if any."""
    # One C-level test before the search for which role: most tokens are names.
    if folded.startswith(rules.roles):
        return next(r for r in rules.roles if folded.startswith(r))
    for short in rules.short_roles:  # 文 | 张三, 图：李四, but not 文明
        if folded.startswith(short) and (len(folded) == len(short) or folded[len(short)] in rules.role_separators):
            return short
    m = rules.outlet_role.match(folded)
    return m.group() if m else None


def _original_range_text(view: View, a: int, b: int, *, fold: bool) -> str:
    """original[a:b] without noise: folded (for matching) or as written (for values)."""
    i, j = bisect_left(view.origin, a), bisect_left(view.origin, b)
    return view.text[i:j] if fold else view.clean(i, j)


def _original_length(view: View, start: int, folded_len: int) -> int:
    """Original characters spanned by the first ``folded_len`` view characters from ``start``."""
    i = bisect_left(view.origin, start)
    return view.origin[i + folded_len - 1] + 1 - start
