"""Reading rule files: YAML and lexicons in, a compiled ``RuleSet`` out.

Input: rule directories (the first complete, later ones layered over it). Output: ``RuleSet``.
Each YAML file has a pydantic model with ``extra="forbid"``, so a misspelt key is an error,
not a silently ignored rule. Patterns may use ``${name}`` from ``defs.yaml`` or the file's
own ``defs:``; a few names (``${verbs}``, ``${roles}``, ``${meeting_subjects}``) are built
from the file's word lists. Every error names the file, the rule id and the field.
Example: ``load_layered([builtin_rules_dir(), Path("house-rules")])``.

Only this module imports pydantic for rules; ``rules.load_layered`` calls it on a cache miss.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import RuleError
from .rules import (
    RULE_FILES,
    Action,
    Credit,
    Example,
    Family,
    Frame,
    HardWrapSettings,
    Repeated,
    Rule,
    RuleSet,
)

_ID = r"^[a-z][a-z0-9_]*$"
_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupExample(_Strict):
    text: str
    groups: dict[str, str] = Field(default_factory=dict)


class Examples(_Strict):
    match: list[str | GroupExample] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)


class PatternRule(_Strict):
    id: str = Field(pattern=_ID)
    pattern: str = Field(min_length=1)
    note: str | None = None
    examples: Examples


class ActionRule(PatternRule):
    canonical: dict[str, str] = Field(default_factory=dict)


class FamilyRule(PatternRule):
    aliases: dict[str, int] = Field(default_factory=dict)
    group: str | None = None


class FrameRule(PatternRule):
    marker: str = Field(min_length=1)
    min_items: int = Field(default=3, ge=2)
    # The marker's first characters when the pattern lets them be left out (要 of 要在…上):
    # an item written without them gets the marker without them (在…上).
    optional_prefix: str = ""


class CreditRule(PatternRule):
    where: Literal["start", "end", "line", "chrome"]


class VerbEntry(_Strict):
    verb: str = Field(min_length=1)
    kind: str = Field(pattern=r"^[a-z][a-z_]*$")
    forms: list[str] = Field(default_factory=list)
    # Forms that cue a section only with a separator after them (会议明确，由… but not
    # 会议明确了责任分工).
    separator_forms: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some_form(self) -> VerbEntry:
        if not self.forms and not self.separator_forms:
            raise ValueError(f"verb {self.verb}: no forms")
        return self


class NameLength(_Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class DefsFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)


class HardWraps(_Strict):
    min_lines: int = Field(ge=2)
    min_width: int = Field(ge=1)
    tolerance: int = Field(ge=0)
    min_share: float = Field(gt=0, le=1)
    keep_after: str = ""


class NormalizeFile(_Strict):
    fold: dict[str, str] = Field(default_factory=dict)
    script_map: str
    delete: list[PatternRule]
    hard_wraps: HardWraps

    @field_validator("fold")
    @classmethod
    def _one_for_one(cls, v: dict[str, str]) -> dict[str, str]:
        for key, value in v.items():
            if len(key) != 1 or len(value) != 1:
                raise ValueError(f"fold {key!r} -> {value!r}: both sides must be one character")
        return v


class HeaderFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    dates: list[PatternRule]
    dateline_tail: str
    date_context: str
    scopes: list[str]
    meeting: list[PatternRule]
    generic_names: list[str] = Field(default_factory=list)
    location_words: list[str] = Field(default_factory=list)
    then_words: list[str] = Field(default_factory=list)
    purpose: list[PatternRule]
    chair: list[PatternRule]


class PeopleFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    title_suffixes: list[str] = Field(min_length=1)
    collective_titles: list[str] = Field(default_factory=list)
    group_joiners: list[str] = Field(default_factory=list)
    group_tails: list[str] = Field(default_factory=list)
    person_joiners: list[str] = Field(default_factory=list)
    joined_unit_words: list[str] = Field(default_factory=list)
    title_modifiers: list[str] = Field(default_factory=list)
    group_marks: list[str] = Field(default_factory=list)
    title_short_forms: dict[str, list[str]] = Field(default_factory=dict)
    honorifics: list[str] = Field(default_factory=list)
    name_length: NameLength
    titled_name_max: int = Field(ge=2)
    titled_name_chars: str = ""
    name_length_preference: list[int] = Field(min_length=1)
    name_stop_chars: str = ""
    dotted_name_max: int = Field(ge=2)
    attendance: list[PatternRule]
    attendance_tables: list[PatternRule] = Field(default_factory=list)
    table_header_words: list[str] = Field(default_factory=list)


class AgendaFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    more_words: list[str] = Field(default_factory=list)
    act_adverbs: list[str] = Field(default_factory=list)
    preview_words: list[str] = Field(default_factory=list)
    title_joiners: list[str] = Field(default_factory=list)
    title_suffix: str = "(?!)"
    named_in_report: str
    listed_intro: str = "(?!)"
    listed_item: str = "(?!)"
    reports_heard: list[PatternRule]
    document_actions: list[ActionRule]


class SectionsFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    verbs: list[VerbEntry] = Field(min_length=1)
    meeting_subjects: list[str] = Field(min_length=1)
    cues: list[PatternRule]
    pronouns: list[str] = Field(default_factory=list)
    speech_intros: list[PatternRule] = Field(default_factory=list)
    glued_cues: list[PatternRule] = Field(default_factory=list)
    breaks: list[PatternRule] = Field(default_factory=list)
    lead_in_sentences: list[PatternRule] = Field(default_factory=list)


class RepeatedPhrases(_Strict):
    min_items: int = Field(ge=2)
    min_length: int = Field(ge=1)
    max_length: int = Field(ge=1)
    openers: str = Field(min_length=1)
    phrase_ends: list[str] = Field(default_factory=list)
    excluded_starts: list[str] = Field(default_factory=list)


class EnumerationsFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    clause_openers: str = Field(min_length=1)
    families: list[FamilyRule]
    frames: list[FrameRule] = Field(default_factory=list)
    inline_runs: list[PatternRule] = Field(default_factory=list)
    repeated_phrases: RepeatedPhrases
    list_intro: str
    declared: list[PatternRule] = Field(default_factory=list)


class CreditsFile(_Strict):
    defs: dict[str, str] = Field(default_factory=dict)
    roles: list[str] = Field(min_length=1)
    outlet_role: str = "(?!)"
    short_roles: list[str] = Field(default_factory=list)
    photo_marks: list[str] = Field(default_factory=list)
    role_separators: str = "："
    credits: list[CreditRule]
    datelines: list[PatternRule] = Field(default_factory=list)
    complete_ending: str
    unit_suffixes: list[str] = Field(default_factory=list)
    chrome: list[PatternRule] = Field(default_factory=list)
    footers: list[PatternRule] = Field(default_factory=list)
    trailing: list[PatternRule] = Field(default_factory=list)


# Named groups the code reads from each rule list: the contract between code and data.
_REQUIRED_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    # each entry: alternatives; a rule must have all groups of at least one alternative
    "dates": (("day",), ("relative",)),
    "meeting": (("name",),),
    "purpose": ((),),
    "chair": (("person", "role"),),
    "attendance": (("verb",),),
    "attendance_tables": (("verb",),),
    "reports_heard": (("text",),),
    "document_actions": (("action",),),
    "cues": (("verb", "subject"), ("verb", "speaker")),
    "breaks": ((),),
    "lead_in_sentences": ((),),
    "speech_intros": (("speaker",),),
    "glued_cues": (("verb",),),
    "families": (("num",),),
    "frames": (("topic",),),
    "inline_runs": ((),),
    "declared": (("count",),),
    "credits": (("body",),),
    "footers": ((),),
    "trailing": ((),),
    "chrome": ((),),
    "datelines": ((),),
    "delete": ((),),
}


def compile_rules(directories: list[Path]) -> RuleSet:
    """Load the first directory (complete) with each later one layered over it.

    A later directory may hold any subset of the files. Rules with the same ``id`` (and cue
    verbs with the same ``verb``) replace earlier ones, new ones are appended; word lists are
    extended; mappings are updated; other values are replaced. Lexicon files are combined.
    """
    dirs = [Path(d) for d in directories]
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(str(directory), "rules directory not found")
    raw: dict[str, Any] = {}
    where: dict[str, Path] = {}
    for name in RULE_FILES:
        raw[name], where[name] = _read_yaml(dirs[0] / name), dirs[0] / name
        for overlay in dirs[1:]:
            if (overlay / name).is_file():
                raw[name], where[name] = _merge(raw[name], _read_yaml(overlay / name)), overlay / name
    directory = dirs[-1]
    defs_file = _validate(DefsFile, raw["defs.yaml"], where["defs.yaml"])
    norm = _validate(NormalizeFile, raw["normalize.yaml"], where["normalize.yaml"])
    header = _validate(HeaderFile, raw["header.yaml"], where["header.yaml"])
    people = _validate(PeopleFile, raw["people.yaml"], where["people.yaml"])
    agenda = _validate(AgendaFile, raw["agenda.yaml"], where["agenda.yaml"])
    sections = _validate(SectionsFile, raw["sections.yaml"], where["sections.yaml"])
    enums = _validate(EnumerationsFile, raw["enumerations.yaml"], where["enumerations.yaml"])
    credits = _validate(CreditsFile, raw["credits.yaml"], where["credits.yaml"])

    script: dict[str, str] = {}
    for path in _lexicons(dirs, norm.script_map):
        script.update(_read_pairs(path))
    table: dict[int, str] = {ord(k): v for k, v in script.items()}
    table.update({ord(k): v for k, v in norm.fold.items()})
    fold = _Folder(table)

    # Patterns get the script fold only: folding punctuation could turn text into regex syntax.
    c = _Compiler(defs_file.defs, _Folder({ord(k): v for k, v in script.items()}), where)
    verbs: dict[str, tuple[str, str]] = {}
    for entry in sections.verbs:
        for form in entry.forms + entry.separator_forms:
            verbs[fold(form)] = (entry.verb, entry.kind)
    needs_separator = frozenset(fold(form) for entry in sections.verbs for form in entry.separator_forms)
    roles = tuple(sorted({fold(r) for r in credits.roles}, key=len, reverse=True))
    outlet_role = c.pattern("credits.yaml", "outlet_role", "outlet_role", credits.outlet_role, credits.defs)
    role_words = f"{_alternation(roles)}|{outlet_role.pattern}"  # ${roles} in credit patterns
    short_roles = tuple(sorted({fold(r) for r in credits.short_roles}, key=len, reverse=True))
    credit_defs = {**credits.defs, "roles": role_words, "short_roles": _alternation(short_roles) or "(?!)"}
    subjects = tuple(sorted({fold(s) for s in sections.meeting_subjects}, key=lambda s: (-len(s), s)))

    ruleset = RuleSet(
        directory=directory,
        fold_table=table,
        deletions=c.rules("normalize.yaml", norm.delete, {}, "delete", fold_pattern=False),
        hard_wraps=HardWrapSettings(**norm.hard_wraps.model_dump()),
        dates=c.rules("header.yaml", header.dates, header.defs, "dates"),
        dateline_tail=c.pattern("header.yaml", "dateline_tail", "dateline_tail", header.dateline_tail, header.defs),
        date_context=c.pattern("header.yaml", "date_context", "date_context", header.date_context, header.defs),
        scopes=tuple(fold(s) for s in header.scopes),
        meeting=c.rules("header.yaml", header.meeting, header.defs, "meeting"),
        generic_names=frozenset(fold(n) for n in header.generic_names),
        location_words=tuple(fold(w) for w in header.location_words),
        then_words=frozenset(fold(w) for w in header.then_words),
        purpose=c.rules("header.yaml", header.purpose, header.defs, "purpose"),
        chair=c.rules("header.yaml", header.chair, header.defs, "chair"),
        title_suffixes=tuple(sorted({fold(t) for t in people.title_suffixes}, key=len, reverse=True)),
        collective_titles=frozenset(fold(t) for t in people.collective_titles),
        group_joiners=tuple(sorted((fold(j) for j in people.group_joiners), key=len, reverse=True)),
        group_tails=tuple(fold(t) for t in people.group_tails),
        person_joiners=tuple(sorted((fold(j) for j in people.person_joiners), key=len, reverse=True)),
        joined_unit_words=tuple(fold(w) for w in people.joined_unit_words),
        title_modifiers=tuple(sorted((fold(m) for m in people.title_modifiers), key=len, reverse=True)),
        group_marks=tuple(fold(m) for m in people.group_marks),
        title_short_forms={fold(k): tuple(fold(t) for t in v) for k, v in sorted(people.title_short_forms.items())},
        honorifics=tuple(fold(h) for h in people.honorifics),
        surnames=frozenset(fold(s) for path in _lexicons(dirs, "surnames.txt") for s in _read_lines(path)),
        name_min=people.name_length.min,
        name_max=people.name_length.max,
        titled_name_max=people.titled_name_max,
        titled_name_chars=frozenset(fold(people.titled_name_chars)),
        name_lengths=tuple(people.name_length_preference),
        name_stop_chars=frozenset(fold(people.name_stop_chars)),
        dotted_name_max=people.dotted_name_max,
        attendance=c.rules("people.yaml", people.attendance, people.defs, "attendance"),
        attendance_tables=c.rules("people.yaml", people.attendance_tables, people.defs, "attendance_tables"),
        table_header_words=tuple(fold(w) for w in people.table_header_words),
        reports_heard=c.rules("agenda.yaml", agenda.reports_heard, agenda.defs, "reports_heard"),
        more_words=tuple(sorted((fold(w) for w in agenda.more_words), key=len, reverse=True)),
        act_adverbs=tuple(sorted((fold(w) for w in agenda.act_adverbs), key=len, reverse=True)),
        preview_words=tuple(fold(w) for w in agenda.preview_words),
        listed_intro=c.pattern("agenda.yaml", "listed_intro", "listed_intro", agenda.listed_intro, agenda.defs),
        listed_item=c.pattern("agenda.yaml", "listed_item", "listed_item", agenda.listed_item, agenda.defs),
        named_in_report=c.pattern(
            "agenda.yaml", "named_in_report", "named_in_report", agenda.named_in_report, agenda.defs
        ),
        title_joiners=frozenset(fold(j) for j in agenda.title_joiners),
        title_suffix=c.pattern("agenda.yaml", "title_suffix", "title_suffix", agenda.title_suffix, agenda.defs),
        document_actions=tuple(
            Action(rule, {fold(k): fold(v) for k, v in spec.canonical.items()})
            for rule, spec in zip(
                c.rules("agenda.yaml", agenda.document_actions, agenda.defs, "document_actions"),
                agenda.document_actions,
                strict=True,
            )
        ),
        verbs=verbs,
        needs_separator=needs_separator,
        meeting_subjects=subjects,
        cues=c.rules(
            "sections.yaml",
            sections.cues,
            {**sections.defs, "verbs": _alternation(verbs), "meeting_subjects": _alternation(subjects)},
            "cues",
        ),
        pronouns=frozenset(fold(p) for p in sections.pronouns),
        speech_intros=c.rules("sections.yaml", sections.speech_intros, sections.defs, "speech_intros"),
        glued_cues=c.rules(
            "sections.yaml", sections.glued_cues, {**sections.defs, "verbs": _alternation(verbs)}, "glued_cues"
        ),
        breaks=c.rules("sections.yaml", sections.breaks, sections.defs, "breaks"),
        lead_in_sentences=c.rules("sections.yaml", sections.lead_in_sentences, sections.defs, "lead_in_sentences"),
        clause_openers=frozenset(fold(enums.clause_openers)),
        families=tuple(
            Family(rule, {fold(k): v for k, v in spec.aliases.items()}, _alias_regex(spec.aliases, fold), spec.group)
            for rule, spec in zip(
                c.rules("enumerations.yaml", enums.families, enums.defs, "families"), enums.families, strict=True
            )
        ),
        frames=tuple(
            Frame(rule, spec.marker, spec.min_items, fold(spec.optional_prefix))
            for rule, spec in zip(
                c.rules("enumerations.yaml", enums.frames, enums.defs, "frames"), enums.frames, strict=True
            )
        ),
        marker_start=None,
        inline_runs=c.rules("enumerations.yaml", enums.inline_runs, enums.defs, "inline_runs"),
        repeated=Repeated(
            min_items=enums.repeated_phrases.min_items,
            min_length=enums.repeated_phrases.min_length,
            max_length=enums.repeated_phrases.max_length,
            openers=fold(enums.repeated_phrases.openers),
            phrase_ends=tuple(fold(w) for w in enums.repeated_phrases.phrase_ends),
            excluded_starts=tuple(fold(w) for w in enums.repeated_phrases.excluded_starts),
        ),
        list_intro=c.pattern("enumerations.yaml", "list_intro", "list_intro", enums.list_intro, enums.defs),
        declared=c.rules("enumerations.yaml", enums.declared, enums.defs, "declared"),
        roles=roles,
        outlet_role=outlet_role,
        short_roles=short_roles,
        photo_marks=frozenset(fold(m) for m in credits.photo_marks),
        role_separators=frozenset(fold(credits.role_separators)),
        credits=tuple(
            Credit(rule, spec.where)
            for rule, spec in zip(
                c.rules("credits.yaml", credits.credits, credit_defs, "credits"),
                credits.credits,
                strict=True,
            )
        ),
        datelines=c.rules("credits.yaml", credits.datelines, credits.defs, "datelines"),
        complete_ending=c.pattern(
            "credits.yaml", "complete_ending", "complete_ending", credits.complete_ending, credits.defs
        ),
        unit_suffixes=tuple(fold(u) for u in credits.unit_suffixes),
        chrome=c.rules("credits.yaml", credits.chrome, credits.defs, "chrome"),
        footers=c.rules("credits.yaml", credits.footers, credits.defs, "footers"),
        trailing=c.rules("credits.yaml", credits.trailing, credits.defs, "trailing"),
        examples=tuple(c.examples),
    )
    starts = [f.rule.regex for f in ruleset.families] + [f.rule.regex for f in ruleset.frames]
    starts += [f.alias_regex for f in ruleset.families if f.alias_regex is not None]
    return ruleset._replace(marker_start=_any_of(starts))


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that matches at a position exactly when one of ``patterns`` does there (an
    alternation with the group names dropped, as names may repeat across patterns); None when
    they cannot be combined that way (back-references to names, differing flags)."""
    if not patterns or len({p.flags for p in patterns}) != 1 or any("(?P=" in p.pattern for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{_GROUP_NAME.sub('(?:', p.pattern)})" for p in patterns), patterns[0].flags)
    except re.error:
        return None


def _sre_modules() -> tuple[Any, Any]:
    """re's own parser and its opcode constants: private and untyped, but the parser re.compile
    itself uses, so what the checks below read is what the engine runs."""
    return importlib.import_module("re._constants"), importlib.import_module("re._parser")


def required_words(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Words one of which every match of ``regex`` contains (会议由…主持 -> ('主持',) when the
    best choice is 主持), or () when there are none to be sure of. A window holding none of
    them cannot hold a match, so scanning it can be skipped (``Rule.scan``)."""
    sre_constants, sre_parser = _sre_modules()
    if regex.flags & re.IGNORECASE:
        return ()
    repeats = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)

    def best(options: list[frozenset[str]]) -> frozenset[str] | None:
        # The longest shortest word is the rarest to find; then words over punctuation marks,
        # which nearly every window holds (个 over 、); fewer words break the tie.
        return max(
            options,
            key=lambda words: (min(map(len, words)), not any(map(_punctuation, words)), -len(words)),
            default=None,
        )

    def needs(items: Any) -> frozenset[str] | None:
        options: list[frozenset[str]] = []
        run: list[str] = []
        for op, arg in [*items, (None, None)]:
            if op == sre_constants.LITERAL:
                run.append(chr(arg))
                continue
            if run:
                options.append(frozenset(["".join(run)]))
                run = []
            inner: frozenset[str] | None = None
            if op == sre_constants.SUBPATTERN and not arg[1] & re.IGNORECASE:
                inner = needs(arg[3])
            elif op == sre_constants.ATOMIC_GROUP:
                inner = needs(arg)
            elif op in repeats and arg[0] >= 1:
                inner = needs(arg[2])
            elif op == sre_constants.BRANCH:
                branches = [needs(branch) for branch in arg[1]]
                if all(b is not None for b in branches):
                    inner = frozenset().union(*(b for b in branches if b is not None))
            if inner:
                options.append(inner)
        return best(options)

    try:
        found = needs(sre_parser.parse(regex.pattern, regex.flags))
    except Exception:  # an engine whose parser differs: no shortcut, same results
        return ()
    return tuple(sorted(found)) if found else ()


def first_chars(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class holding the first character of every match of ``regex``, when the
    engine has no such shortcut of its own; else None.

    The engine jumps straight to candidate positions only when a pattern starts with a literal
    or a class. One that starts with a lookbehind (pinyin noise, stray spaces, attendance
    verbs, dates) or an optional group is tried at every character instead. ``Rule.scan``
    searches for this class and tries the pattern only there. It is None whenever unsure:
    case folding, a pattern that can match empty, a first item such as ``.`` or ``[^…]``."""
    sre_constants, sre_parser = _sre_modules()
    if regex.flags & re.IGNORECASE:
        return None
    c = sre_constants
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)

    def first(items: Any) -> tuple[list[Any], bool] | None:
        """(class items any match starts with, whether ``items`` can match empty), or None."""
        out: list[Any] = []
        for op, arg in items:
            found: tuple[list[Any], bool] | None
            if op in zero_width:
                continue  # a lookaround narrows matches; the first character is still after it
            if op == c.LITERAL:
                return [*out, (op, arg)], False
            if op == c.IN:
                if any(kind not in (c.LITERAL, c.RANGE) for kind, _ in arg):
                    return None  # negated or a category (\d, \w): too wide to be worth it
                return [*out, *arg], False
            if op == c.SUBPATTERN and not arg[1] & re.IGNORECASE:
                found = first(arg[3])
            elif op == c.ATOMIC_GROUP:
                found = first(arg)
            elif op in repeats:
                found = first(arg[2])
                found = (found[0], found[1] or arg[0] == 0) if found else None
            elif op == c.BRANCH:
                branches = [first(branch) for branch in arg[1]]
                if any(b is None for b in branches):
                    return None
                found = ([x for b in branches if b for x in b[0]], any(b[1] for b in branches if b))
            else:
                return None
            if found is None:
                return None
            out += found[0]
            if not found[1]:
                return out, False
        return out, True

    try:
        parsed = sre_parser.parse(regex.pattern, regex.flags)
        compiler = importlib.import_module("re._compiler")
        if compiler._get_literal_prefix(parsed, regex.flags)[0] or compiler._get_charset_prefix(parsed, regex.flags):
            return None  # the engine finds candidates itself, in C
        found = first(parsed)
    except Exception:  # an engine whose internals differ: no shortcut, same results
        return None
    if not found or found[1] or not found[0]:
        return None
    parts = []
    for op, arg in found[0]:
        if op == c.LITERAL:
            parts.append(re.escape(chr(arg)))
        else:  # RANGE
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
    return re.compile("[" + "".join(parts) + "]")


def _punctuation(word: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in word)


def _nested_unbounded(pattern: str) -> bool:
    """Whether an unbounded repeat (*, +, {n,}) contains another: the shape that makes Python's
    backtracking regex engine take exponential time on a near-miss, hanging a run."""
    sre_constants, sre_parser = _sre_modules()
    repeats = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
    groups = (sre_constants.SUBPATTERN, sre_constants.ATOMIC_GROUP)
    asserts = (sre_constants.ASSERT, sre_constants.ASSERT_NOT)

    def walk(items: Any, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                unbounded = arg[1] == sre_constants.MAXREPEAT
                if (unbounded and inside) or walk(arg[2], inside or unbounded):
                    return True
            elif op in groups:
                if walk(arg[-1], inside):
                    return True
            elif op == sre_constants.BRANCH:
                if any(walk(branch, inside) for branch in arg[1]):
                    return True
            elif op in asserts and walk(arg[1], inside):
                return True
        return False

    return bool(walk(sre_parser.parse(pattern), False))


def _lexicons(dirs: list[Path], name: str) -> list[Path]:
    """The lexicon ``name`` of the first directory (required) and of any overlay that has one."""
    return [dirs[0] / name, *(d / name for d in dirs[1:] if (d / name).is_file())]


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{k: _merge(base[k], v) if k in base else v for k, v in over.items()}}
    if isinstance(base, list) and isinstance(over, list):
        key = next((k for k in ("id", "verb") if all(isinstance(x, dict) and k in x for x in base + over)), None)
        if key is None:
            return base + [x for x in over if x not in base]
        replaced = {x[key]: x for x in over}
        merged = [replaced.pop(x[key], x) for x in base]
        return merged + [x for x in over if x[key] in replaced]
    return over


class _Folder:
    def __init__(self, table: Mapping[int, str]) -> None:
        self.table = table

    def __call__(self, text: str) -> str:
        return text.translate(self.table)


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def _alias_regex(aliases: Mapping[str, int], fold: _Folder) -> re.Pattern[str] | None:
    if not aliases:
        return None
    return re.compile("(?P<alias>" + _alternation(fold(a) for a in aliases) + ")")


class _Compiler:
    """Expands ${defs}, compiles patterns, checks named groups, and collects examples."""

    def __init__(self, defs: Mapping[str, str], fold: _Folder, where: Mapping[str, Path]) -> None:
        self.defs = dict(defs)
        self.fold = fold
        self.where = where  # file name -> the path it was read from, for error messages
        self.examples: list[Example] = []

    def _error(self, file: str, problem: str, rule: str | None = None, field: str | None = None) -> RuleError:
        return RuleError(str(self.where.get(file, file)), problem, rule, field)

    def pattern(
        self, file: str, rule: str, field: str, source: str, local: Mapping[str, str], *, fold_pattern: bool = True
    ) -> re.Pattern[str]:
        expanded = self._expand(file, rule, field, source, {**self.defs, **local}, ())
        if fold_pattern:
            # Rules are written in simplified script; a clerk may write traditional too.
            expanded = self.fold(expanded)
        try:
            compiled = re.compile(expanded)
        except re.error as exc:
            raise self._error(file, f"invalid regular expression: {exc}", rule, field) from None
        if _nested_unbounded(expanded):
            raise self._error(
                file,
                "pattern may backtrack catastrophically: an unbounded repeat inside an unbounded repeat "
                "(like (a+)+); bound the inner one, e.g. {1,60}",
                rule,
                field,
            )
        return compiled

    def rules(
        self,
        file: str,
        specs: Iterable[PatternRule],
        local: Mapping[str, str],
        kind: str,
        *,
        fold_pattern: bool = True,
    ) -> tuple[Rule, ...]:
        out: list[Rule] = []
        seen: set[str] = set()
        for spec in specs:
            if spec.id in seen:
                raise self._error(file, "duplicate rule id", spec.id, "id")
            seen.add(spec.id)
            regex = self.pattern(file, spec.id, "pattern", spec.pattern, local, fold_pattern=fold_pattern)
            alternatives = _REQUIRED_GROUPS[kind]
            names = set(regex.groupindex)
            if not any(set(alt) <= names for alt in alternatives):
                want = " or ".join("+".join(f"(?P<{g}>…)" for g in alt) for alt in alternatives)
                raise self._error(file, f"pattern needs the named group {want}", spec.id, "pattern")
            out.append(Rule(file, spec.id, regex, required_words(regex), first_chars(regex)))
            self._collect(file, spec, regex, raw=not fold_pattern)
        return tuple(out)

    def _collect(self, file: str, spec: PatternRule, regex: re.Pattern[str], *, raw: bool) -> None:
        for ex in spec.examples.match:
            text, groups = (ex, {}) if isinstance(ex, str) else (ex.text, ex.groups)
            unknown = set(groups) - set(regex.groupindex)
            if unknown:
                raise self._error(file, f"example names unknown group(s) {sorted(unknown)}", spec.id, "examples")
            self.examples.append(Example(file, spec.id, regex, text, True, groups, raw))
        for text in spec.examples.no_match:
            self.examples.append(Example(file, spec.id, regex, text, False, {}, raw))

    def _expand(
        self, file: str, rule: str, field: str, text: str, defs: Mapping[str, str], stack: tuple[str, ...]
    ) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in stack:
                raise self._error(file, f"${{{name}}} refers to itself", rule, field)
            if name not in defs:
                raise self._error(file, f"unknown reference ${{{name}}}", rule, field)
            return self._expand(file, rule, field, defs[name], defs, (*stack, name))

        return _REF.sub(sub, text)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError(str(path), "rule file missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read rule file: {exc}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise RuleError(str(path), f"not valid YAML: {exc}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise RuleError(str(path), "must be a YAML mapping")
    return data


_M = TypeVar("_M", bound=BaseModel)


def _validate(model: type[_M], data: Any, path: Path) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        rule = None
        # loc looks like ('chair', 1, 'pattern'): name the rule by its id when it has one.
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data, dict):
            items = data.get(str(loc[0]))
            if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
                rule = str(items[loc[1]].get("id", f"{loc[0]}[{loc[1]}]"))
        field = ".".join(str(p) for p in (loc[2:] if rule else loc)) or None
        raise RuleError(str(path), err["msg"], rule, field) from None


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read lexicon: {exc}") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _read_pairs(path: Path) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for number, line in enumerate(_read_lines(path), 1):
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 1 or len(parts[1]) != 1:
            raise RuleError(str(path), f"entry {number} {line!r}: want one character, a tab, one character")
        pairs[parts[0]] = parts[1]
    return pairs
