"""The compiled rule set every pipeline stage takes as its second argument.

Input: rule directories. Output: a frozen ``RuleSet`` of compiled patterns and lexicons.
Example: ``builtin_rules().verbs["强调"]`` -> ('强调', 'emphasis').

Reading and validating the YAML (``rulefiles``) is the slow part of a cold start, so the
compiled set is kept in the user's cache directory, keyed by the bytes of every rule file; a
missing or read-only cache directory only costs the time. Nothing is cached elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .errors import RuleError
from .patterncache import CACHE_TAG, dumps

RULE_FILES = (
    "defs.yaml",
    "normalize.yaml",
    "header.yaml",
    "people.yaml",
    "agenda.yaml",
    "sections.yaml",
    "enumerations.yaml",
    "credits.yaml",
)
LEXICONS = ("t2s.txt", "surnames.txt")
# Bump when RuleSet's shape changes, so an old cache is never unpickled into a new version.
_CACHE_FORMAT = "10"
_HERE = Path(__file__).resolve().parent
_COMPILER_SOURCES = ("rules.py", "rulefiles.py", "patterncache.py")


class Repeated(NamedTuple):
    """Settings for repeated lead phrases without a declared count (enumerations.yaml)."""

    min_items: int
    min_length: int
    max_length: int
    openers: str
    phrase_ends: tuple[str, ...]
    excluded_starts: tuple[str, ...]


class Rule(NamedTuple):
    """A compiled pattern rule; ``file`` and ``id`` say where it came from."""

    file: str
    id: str
    regex: re.Pattern[str]
    # Every match contains one of these words (rulefiles.required_words); () when unknown.
    needs: tuple[str, ...] = ()
    # Every match starts with one of these characters, and the engine cannot jump to them by
    # itself (rulefiles.first_chars); None when unknown or when it can.
    starts: re.Pattern[str] | None = None

    def scan(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """``regex.finditer`` over text[start:end], skipping a window that lacks every word a
        match needs: most sentences hold no attendance verb, no 听取, no 《."""
        if self.needs:
            # A plain loop, not all(<generator>): scan runs ~20,000 times a batch pass, over
            # short windows, where building and resuming a generator costs more than the finds.
            find = text.find
            for word in self.needs:
                if find(word, start, end) != -1:
                    break
            else:
                return iter(())
        if self.starts is None:
            return self.regex.finditer(text, start, end)
        return self._scan_starts(self.starts, text, start, end)

    def last_start(self, text: str, start: int, end: int) -> int:
        """The last position in [start, end) where a match inside text[:end] may begin: the last
        needed word begins there (a match holds one); ``end`` when the rule needs none, below
        ``start`` when no needed word occurs. Matching at clause starts past it is wasted."""
        if not self.needs:
            return end
        return max(text.rfind(word, start, end) for word in self.needs)

    def _scan_starts(self, starts: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        # finditer, trying the pattern only where a match can start. The leftmost match at
        # or after ``pos`` is the first candidate where it matches, as in finditer; no match
        # is empty (first_chars requires that), so the next one is looked for from its end.
        find, match = starts.search, self.regex.match
        pos = start
        while (candidate := find(text, pos, end)) is not None:
            at = candidate.start()
            m = match(text, at, end)
            if m is None:
                pos = at + 1
            else:
                yield m
                pos = m.end()


class Family(NamedTuple):
    rule: Rule
    aliases: Mapping[str, int]
    alias_regex: re.Pattern[str] | None
    group: str | None


class Frame(NamedTuple):
    rule: Rule
    marker: str
    min_items: int
    optional_prefix: str = ""  # left out of the marker when the item does not write it


class Credit(NamedTuple):
    rule: Rule
    where: str


class Action(NamedTuple):
    rule: Rule
    canonical: Mapping[str, str]


class HardWrapSettings(NamedTuple):
    """When line breaks are a page's wrapping, not the report's (normalize.yaml hard_wraps)."""

    min_lines: int
    min_width: int
    tolerance: int
    min_share: float
    keep_after: str


class Example(NamedTuple):
    """One example a rule carries; ``raw`` examples match the text before normalization."""

    file: str
    rule: str
    regex: re.Pattern[str]
    text: str
    should_match: bool
    groups: Mapping[str, str]
    raw: bool


class RuleSet(NamedTuple):
    directory: Path
    fold_table: Mapping[int, str]
    deletions: tuple[Rule, ...]
    hard_wraps: HardWrapSettings
    dates: tuple[Rule, ...]
    dateline_tail: re.Pattern[str]
    date_context: re.Pattern[str]
    scopes: tuple[str, ...]
    meeting: tuple[Rule, ...]
    generic_names: frozenset[str]
    location_words: tuple[str, ...]
    then_words: frozenset[str]  # 并 in …组织代表视察，并召开座谈会
    purpose: tuple[Rule, ...]
    chair: tuple[Rule, ...]
    title_suffixes: tuple[str, ...]
    collective_titles: frozenset[str]
    group_joiners: tuple[str, ...]
    group_tails: tuple[str, ...]
    person_joiners: tuple[str, ...]
    joined_unit_words: tuple[str, ...]  # unit names with a joiner inside (发展和改革)
    title_modifiers: tuple[str, ...]
    group_marks: tuple[str, ...]
    title_short_forms: Mapping[str, tuple[str, ...]]  # 总 -> (总经理, 总裁, …)
    honorifics: tuple[str, ...]
    surnames: frozenset[str]
    name_min: int
    name_max: int
    titled_name_max: int
    titled_name_chars: frozenset[str]
    name_lengths: tuple[int, ...]
    name_stop_chars: frozenset[str]
    dotted_name_max: int
    attendance: tuple[Rule, ...]
    attendance_tables: tuple[Rule, ...]  # a heading line, then one person a row
    table_header_words: tuple[str, ...]
    reports_heard: tuple[Rule, ...]
    more_words: tuple[str, ...]
    act_adverbs: tuple[str, ...]  # longest first
    preview_words: tuple[str, ...]
    named_in_report: re.Pattern[str]  # after a title run: the clause goes on to a report
    listed_intro: re.Pattern[str]  # 了以下议案： – the documents follow one a line
    listed_item: re.Pattern[str]  # 1. before a 《 at the start of such a line
    title_joiners: frozenset[str]
    title_suffix: re.Pattern[str]  # （草案） after a 》
    document_actions: tuple[Action, ...]
    verbs: Mapping[str, tuple[str, str]]  # form -> (canonical verb, kind)
    needs_separator: frozenset[str]  # verb forms that cue a section only before a separator
    meeting_subjects: tuple[str, ...]  # longest first: 座谈会上 before 座谈会
    cues: tuple[Rule, ...]
    pronouns: frozenset[str]
    speech_intros: tuple[Rule, ...]
    glued_cues: tuple[Rule, ...]
    breaks: tuple[Rule, ...]
    lead_in_sentences: tuple[Rule, ...]  # a whole sentence that opens the next cue's section
    clause_openers: frozenset[str]
    families: tuple[Family, ...]
    frames: tuple[Frame, ...]
    # Matches where any family, alias or frame matches (see rulefiles._any_of): most clause
    # starts begin no list item, and one attempt there replaces one per family.
    marker_start: re.Pattern[str] | None
    inline_runs: tuple[Rule, ...]  # markers inside one clause, parted by 、
    repeated: Repeated
    list_intro: re.Pattern[str]
    declared: tuple[Rule, ...]
    roles: tuple[str, ...]
    outlet_role: re.Pattern[str]  # 榄湾日报记者
    short_roles: tuple[str, ...]  # 文, 图: roles only right before a separator
    photo_marks: frozenset[str]  # 摄 closing a photo credit
    role_separators: frozenset[str]  # between a role and a name (记者：A, 记者 | A)
    credits: tuple[Credit, ...]
    datelines: tuple[Rule, ...]
    complete_ending: re.Pattern[str]
    unit_suffixes: tuple[str, ...]
    chrome: tuple[Rule, ...]
    footers: tuple[Rule, ...]
    trailing: tuple[Rule, ...]  # notes closing the text that are not content (（县政协办公室）)
    examples: tuple[Example, ...]

    def fold(self, text: str) -> str:
        """Fold text the way the matching view is folded (script and punctuation)."""
        return text.translate(self.fold_table)


def builtin_rules_dir() -> Path:
    """The rules shipped with minutes: inside the installed package, or the source tree's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "defs.yaml").is_file():
            return candidate
    raise RuleError(str(here / "rules"), "built-in rules not found; reinstall minutes")


@cache
def builtin_rules() -> RuleSet:
    return load_layered([builtin_rules_dir()])


def load_rules(directory: Path) -> RuleSet:
    """Load and compile every rule file in ``directory``; raise ``RuleError`` on any defect."""
    return load_layered([directory])


def load_layered(directories: list[Path]) -> RuleSet:
    """The first directory (complete) with each later one layered over it; see ``rulefiles``."""
    dirs = [Path(d) for d in directories]
    key = _cache_key(dirs)
    cached = _read_cache(key) if key else None
    if cached is not None:
        return cached
    from .rulefiles import compile_rules

    ruleset = compile_rules(dirs)
    if key:
        _write_cache(key, ruleset)
    return ruleset


def cache_dir() -> Path:
    """The user's cache directory for minutes (rule sets, jieba's dictionary cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "minutes"


def _cache_key(dirs: list[Path]) -> str | None:
    # The interpreter build is part of the key: the patterns are stored compiled (patterncache).
    # So is the code that compiles rules and defines what a RuleSet holds: a new version of
    # minutes with the same rule files must not load an old version's RuleSet.
    digest = hashlib.sha256(f"{_CACHE_FORMAT} {CACHE_TAG}".encode())
    for module in _COMPILER_SOURCES:
        try:
            digest.update((_HERE / module).read_bytes())
        except OSError:
            return None
    for directory in dirs:
        for name in (*RULE_FILES, *LEXICONS):
            try:
                digest.update(name.encode() + b"\0" + (directory / name).read_bytes())
            except FileNotFoundError:
                digest.update(name.encode() + b"\0-")
            except OSError:
                return None  # unreadable: compile_rules reports it properly
    return digest.hexdigest()[:32]


def _read_cache(key: str) -> RuleSet | None:
    try:
        with (cache_dir() / f"rules-{key}.pickle").open("rb") as fh:
            loaded = pickle.load(fh)
    except Exception:  # missing, unreadable or stale: compile instead
        return None
    return loaded if isinstance(loaded, RuleSet) else None


def _write_cache(key: str, ruleset: RuleSet) -> None:
    import tempfile  # only when writing: most starts only read the cache

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(dumps(ruleset))
        os.replace(tmp, directory / f"rules-{key}.pickle")
        # Keep the few most recent rule sets (built-in plus a clerk's layers), not every edit.
        old = sorted(directory.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[8:]
        for path in old:
            path.unlink(missing_ok=True)
    except OSError:
        return  # a read-only or missing cache directory is not an error
