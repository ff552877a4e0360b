"""The ``minutes`` command: read input, call the library, render, write.

Commands stay thin; ``guard`` is the one place where errors become exit codes and one line
on stderr (``minutes: error: FILE: problem``). Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import json
import sys
import traceback as tb
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .errors import ExitCode, MinutesError, UsageError

if TYPE_CHECKING:
    from .rules import RuleSet

app = typer.Typer(
    name="minutes",
    help="Turn Chinese government meeting news reports (会议新闻稿) into validated YAML/JSON.",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"minutes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn Chinese government meeting news reports (会议新闻稿) into validated YAML/JSON.

    Exit codes: 0 ok, 1 warnings under --strict, 2 usage, 3 rule error, 4 input or output error.
    """


TracebackOption = Annotated[bool, typer.Option("--traceback", help="Show the Python traceback on errors.")]
RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="A rule directory layered over the built-in rules (repeatable); see --rules-only.",
    ),
]
RulesOnlyOption = Annotated[
    bool, typer.Option("--rules-only", help="Use only the --rules directories, not the built-in rules.")
]


def load_rule_option(dirs: list[Path] | None, only: bool = False) -> RuleSet | None:
    """The rule set for --rules: None (built-in) when no directory is given."""
    if not dirs:
        return None
    from .rules import builtin_rules_dir, load_layered

    return load_layered(list(dirs) if only else [builtin_rules_dir(), *dirs])


@contextmanager
def guard(show_traceback: bool) -> Iterator[None]:
    """Turn library errors into one stderr line and a documented exit code."""
    try:
        yield
    except MinutesError as exc:
        if show_traceback:
            tb.print_exc()
        _say("error", f"{exc.where}: {exc.problem}")
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if show_traceback:
            tb.print_exc()
        _say("internal error", f"{type(exc).__name__}: {exc} (rerun with --traceback and report it)")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _say(kind: str, message: str) -> None:
    sys.stderr.write(f"minutes: {kind}: {' '.join(message.split())}\n")


@app.command()
def parse(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Report text files (UTF-8, UTF-8 with BOM, GB18030) or directories of *.txt; - reads stdin.",
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format; jsonl for many reports.")] = Format.yaml,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")
    ] = None,
    no_spans: Annotated[bool, typer.Option("--no-spans", help="Leave out the source spans.")] = False,
    no_source: Annotated[
        bool, typer.Option("--no-source", help="Leave out the source block (file name, hash, length).")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a report carries warnings.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parse in this many processes (batch).")] = 1,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0, help="Stop a report that takes longer than this many seconds (0: no limit)."),
    ] = 60.0,
    rules_dir: RulesOption = None,
    rules_only: RulesOnlyOption = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Parse reports and print their structure as YAML (default), JSON, or JSON lines.

    Several files or a directory: --format jsonl, one JSON object per report per line.

    A file that fails becomes an error record on its line; the rest go on (exit 4).
    """
    from .batch import expand

    with guard(show_traceback):
        inputs = expand(files)
        if fmt is Format.jsonl or len(inputs) != 1 or inputs[0] != files[0]:
            code = _parse_batch(inputs, fmt, output, strict, (jobs, timeout), rules_dir, rules_only)
        else:
            code = _parse_one(inputs[0], fmt, output, (no_spans, no_source), (strict, timeout), rules_dir, rules_only)
    if code:
        raise typer.Exit(code)


def _parse_one(
    file: str,
    fmt: Format,
    output: Path | None,
    leave_out: tuple[bool, bool],
    limits: tuple[bool, float],
    rules_dir: list[Path] | None,
    rules_only: bool,
) -> int:
    from .api import parse_file_data
    from .limits import time_limit
    from .render import render

    strict, timeout = limits
    rules = load_rule_option(rules_dir, rules_only)
    with time_limit(timeout, file):
        data = parse_file_data(file, rules=rules)
    no_spans, no_source = leave_out
    text = render(data, fmt.value, spans=not no_spans, source=not no_source)
    if output is None:
        sys.stdout.write(text)
    else:
        from .output import write_atomic

        write_atomic(output, text)
    for warning in data["warnings"]:
        _say("warning", f"{data['source']['name']}: {warning['code']}: {warning['message']}")
    return int(ExitCode.WARNINGS) if strict and data["warnings"] else 0


def _parse_batch(
    files: list[str],
    fmt: Format,
    output: Path | None,
    strict: bool,
    workers: tuple[int, float],
    rules_dir: list[Path] | None,
    rules_only: bool,
) -> int:
    from contextlib import nullcontext

    from .batch import parse_many
    from .output import atomic_writer
    from .rules import builtin_rules_dir

    if fmt is not Format.jsonl:
        raise UsageError("several reports need --format jsonl (one JSON object per line)")
    if not files:
        raise UsageError("no report files found")
    dirs = None if not rules_dir else (list(rules_dir) if rules_only else [builtin_rules_dir(), *rules_dir])
    if dirs:
        load_rule_option(rules_dir, rules_only)  # a broken rule set stops here, once, with exit 3
    failed = warned = 0
    with atomic_writer(output) if output else nullcontext(sys.stdout) as sink, _progress(len(files)) as step:
        jobs, timeout = workers
        for outcome in parse_many(files, rule_dirs=dirs, jobs=jobs, timeout=timeout):
            sink.write(outcome.line + "\n")
            if outcome.exit_code:
                failed += 1
                _say("error", f"{outcome.file}: {json.loads(outcome.line)['error']}")
            warned += outcome.warnings > 0
            step()
    if failed:
        return int(ExitCode.INPUT)
    return int(ExitCode.WARNINGS) if strict and warned else 0


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when stderr is a terminal; nothing otherwise."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("parsing", total=total)
        yield lambda: bar.advance(task)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command("diff")
def diff_command(
    old: Annotated[str, typer.Argument(metavar="OLD", help="Report text, or its parsed YAML/JSON.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Report text, or its parsed YAML/JSON.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    color: Annotated[Color, typer.Option("--color", help="Colour the text output.")] = Color.auto,
    rules_dir: RulesOption = None,
    rules_only: RulesOnlyOption = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Compare two versions of a report by structure; exit 0 when equal, 1 when they differ."""
    import json

    from .api import load_report_data
    from .diffing import diff_reports, format_changes

    with guard(show_traceback):
        rules = load_rule_option(rules_dir, rules_only)
        changes = diff_reports(load_report_data(old, rules=rules), load_report_data(new, rules=rules))
        if fmt is DiffFormat.json:
            payload = {"equal": not changes, "changes": [c.as_dict() for c in changes]}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            painted = color is Color.always or (color is Color.auto and sys.stdout.isatty())
            sys.stdout.write(format_changes(changes, color=painted))
    if changes:
        raise typer.Exit(1)


@app.command("show")
def show_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Report text, or its parsed YAML/JSON; - reads stdin.")],
    width: Annotated[
        int | None, typer.Option("--width", min=40, help="Width in columns (default: the terminal).")
    ] = None,
    rules_dir: RulesOption = None,
    rules_only: RulesOnlyOption = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Show a report's structure for reading at a terminal: meeting, people, agenda, sections."""
    from rich.console import Console

    from .api import load_report_data
    from .model import Report
    from .show import build_view

    with guard(show_traceback):
        data = load_report_data(file, rules=load_rule_option(rules_dir, rules_only))
        report = Report.model_validate(data)
        Console(width=width, highlight=False).print(build_view(report))


@app.command("explain")
def explain_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Report text file; - reads stdin.")],
    rules_dir: RulesOption = None,
    rules_only: RulesOnlyOption = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Show, sentence by sentence, which rule claimed it and what it produced; list unclaimed sentences."""
    from .api import parse_doc
    from .explain import explain, format_explanation

    with guard(show_traceback):
        doc = parse_doc(file, rules=load_rule_option(rules_dir, rules_only))
        sys.stdout.write(format_explanation(explain(doc)))


rules_app = typer.Typer(help="Work with rule directories.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check_command(
    directory: Annotated[
        Path | None, typer.Argument(metavar="[DIR]", help="A rule directory (default: the built-in rules).")
    ] = None,
    only: Annotated[bool, typer.Option("--only", help="Check DIR alone, not layered over the built-in rules.")] = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Validate a rule directory and run the examples its rules carry; exit 1 if any fails."""
    from .rulecheck import check
    from .rules import builtin_rules

    with guard(show_traceback):
        rules = (load_rule_option([directory], only) if directory is not None else None) or builtin_rules()
        failures = check(rules)
        for failure in failures:
            sys.stdout.write(f"{failure}\n")
        passed = len(rules.examples) - len(failures)
        sys.stdout.write(f"rules: {rules.directory}: {passed} of {len(rules.examples)} examples pass\n")
    if failures:
        raise typer.Exit(int(ExitCode.WARNINGS))


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output (schema v1), generated from the model."""
    from .validate import json_schema

    sys.stdout.write(json_schema())


@app.command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Parsed reports (YAML or JSON).")],
    show_traceback: TracebackOption = False,
) -> None:
    """Check parsed reports against the schema and domain rules; exit 1 with one line per problem."""
    from .api import read_parsed
    from .validate import problems

    found = 0
    with guard(show_traceback):
        for file in files:
            if not file.endswith((".yaml", ".yml", ".json")):
                raise UsageError(f"{file}: validate reads parsed reports (.yaml, .yml, .json)")
            for problem in problems(read_parsed(file)):
                sys.stdout.write(f"{file}: {problem}\n")
                found += 1
    if found:
        raise typer.Exit(int(ExitCode.WARNINGS))


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("eval")
def eval_command(
    reports: Annotated[list[Path], typer.Argument(metavar="REPORT...", help="Report files, or directories of *.txt.")],
    expected: Annotated[
        Path, typer.Option("--expected", "-e", metavar="DIR", help="Directory of expected <name>.yaml files.")
    ],
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format.")] = EvalFormat.table,
    worst: Annotated[int, typer.Option("--worst", help="How many of the worst files to list.")] = 10,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", metavar="F1", help="Exit 1 when the overall F1 is below this.")
    ] = None,
    rules_dir: RulesOption = None,
    rules_only: RulesOnlyOption = False,
    show_traceback: TracebackOption = False,
) -> None:
    """Score the parser against hand-corrected expected outputs: per-field precision/recall, worst files."""
    import json

    from .api import parse_file
    from .evaluate import evaluate, format_table, load_expected, pair_files
    from .render import report_data

    failed = 0
    with guard(show_traceback):
        rules = load_rule_option(rules_dir, rules_only)
        scored = []
        for report, want in pair_files(reports, expected):
            expected_data = load_expected(want)
            try:
                got = report_data(parse_file(report, rules=rules))
            except MinutesError as exc:
                _say("error", f"{exc.where}: {exc.problem}")
                failed += 1
                got = {}
            scored.append((str(report), got, str(want), expected_data))
        result = evaluate(scored)
        if fmt is EvalFormat.json:
            sys.stdout.write(json.dumps(result.as_dict(worst), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(format_table(result, worst))
    if failed:
        raise typer.Exit(int(ExitCode.INPUT))
    if fail_under is not None and result.overall.f1 < fail_under:
        raise typer.Exit(int(ExitCode.WARNINGS))


def main() -> None:
    """Console entry point."""
    app(prog_name="minutes")
