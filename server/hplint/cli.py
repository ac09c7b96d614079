"""The `hplint` command line: `check`, `rule`, `rules`, `detect` and `lsp`.

Exit codes: 0 = no error or warning remains, 1 = at least one error or warning remains,
2 = usage, configuration or internal failure.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import functools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hplint import __version__
from hplint.codes import PARSE_ERROR, selector_problem
from hplint.diagnostics import Diagnostic, Severity
from hplint.files import iter_config_files, may_be_tuning_config, related_reader
from hplint.git import GitUnavailable, UnknownRevision, committed_texts, find_repository
from hplint.lsp.command import add_arguments as add_lsp_arguments
from hplint.reporters import REPORTERS, FileReport, LintedText, RunCounts
from hplint.settings import Settings, SettingsError, discover_settings, load_settings_file

if TYPE_CHECKING:
    from hplint.document.model import Document
    from hplint.engine import Baseline, BaselineSource, LintResult

# The engine and the parsers (≈ 0.1 s to import) are imported by the commands that lint, so that
# `hplint lsp` reaches the language server's `initialize` without them.

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _codes(value: str) -> list[str]:
    """A comma-separated list of selectors; one that selects nothing is a usage error."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    for part in parts:
        problem = selector_problem(part)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
    return parts


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hplint",
        description="Lint machine-learning hyperparameter and tuning configs (YAML/JSON).",
    )
    parser.add_argument("--version", action="version", version=f"hplint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=["."], help="files, directories, or - for stdin")
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=REPORTERS,
        default=None,
        help="output format (default: text; github on GitHub Actions)",
    )
    check.add_argument(
        "-o", "--output-file", type=Path, default=None, help="write the report to this file"
    )
    check.add_argument(
        "--select",
        type=_codes,
        default=None,
        help="codes, prefixes or groups to enable (default: the `default` group)",
    )
    check.add_argument(
        "--extend-select",
        type=_codes,
        default=[],
        help="add to the selected codes (e.g. `heuristic`, the opt-in rules)",
    )
    check.add_argument("--ignore", type=_codes, default=None, help="codes or prefixes to disable")
    check.add_argument("--extend-ignore", type=_codes, default=[], help="add to ignored codes")
    check.add_argument(
        "--fix",
        action="store_true",
        help="apply safe fixes in place; exits 0 when no error or warning remains",
    )
    check.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="with --fix: exit 1 when a file was changed, even if nothing remains",
    )
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: also unsafe fixes"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff, write nothing; exits 1 if anything is fixable",
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to files named on the command line too (pre-commit passes them)",
    )
    check.add_argument(
        "--baseline",
        metavar="REV",
        default="HEAD",
        help="compare each file with its version at this git revision (HP104; default: HEAD)",
    )
    check.add_argument(
        "--no-baseline", action="store_true", help="do not compare with a git revision"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--stdin-filename", default=None, help="the file name of stdin input")
    check.add_argument("--config", type=Path, default=None, help="use this configuration file")
    check.add_argument("--no-source", action="store_true", help="text: omit source excerpts")
    check.add_argument("--statistics", action="store_true", help="text: only counts per code")
    check.add_argument("--quiet", "-q", action="store_true", help="text: no summary line")
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="text: colours (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces)",
    )
    check.add_argument(
        "--watch",
        action="store_true",
        help="lint again whenever a checked file (or the configuration) changes; Ctrl-C stops",
    )
    check.add_argument(
        "--show-files",
        action="store_true",
        help="list the files that would be read and what each is recognised as; lint nothing",
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the resolved settings of the first path and the file they come from",
    )

    rule = sub.add_parser("rule", help="explain a rule (code or name)")
    rule.add_argument("code", nargs="?", help="e.g. HP103 or lr-not-scaled-with-batch-size")
    rule.add_argument("--all", action="store_true", help="explain every rule")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    detect = sub.add_parser("detect", help="print each file's detected format")
    detect.add_argument("paths", nargs="+")
    detect.add_argument(
        "--explain",
        action="store_true",
        help="also say what decided it: a modeline, `formats` in the settings, or which keys",
    )

    init = sub.add_parser("init", help="write a commented starter hplint.toml")
    init.add_argument(
        "directory", nargs="?", type=Path, default=Path("."), help="where (default: here)"
    )

    lsp = sub.add_parser("lsp", help="run the language server (stdio by default)")
    add_lsp_arguments(lsp)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rule":
            return _rule(args, parser)
        if args.command == "rules":
            return _rules(args)
        if args.command == "detect":
            return _detect(args)
        if args.command == "init":
            return _init(args)
        if args.command == "lsp":  # `hplint lsp` is routed past this module (`__main__`)
            from hplint.lsp.command import serve, transport_from

            serve(transport_from(args, parser), client_process_id=args.client_process_id)
            return EXIT_CLEAN
    except SettingsError as exc:
        print(f"hplint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `hplint rules | head`
        return EXIT_CLEAN
    parser.print_help()
    return EXIT_ERROR


def _init(args: argparse.Namespace) -> int:
    from hplint.settings import starter_configuration

    target = args.directory / "hplint.toml"
    if target.exists():
        print(f"hplint: error: {target} exists; not overwriting it", file=sys.stderr)
        return EXIT_ERROR
    try:
        target.write_text(starter_configuration(), encoding="utf-8")
    except OSError as exc:
        print(f"hplint: error: {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {target}: every setting, commented out at its default.")
    return EXIT_CLEAN


def _tolerant_output() -> None:
    """Text a config puts in a report (a lone surrogate from a JSON `\\ud800` escape, a file
    name that is not UTF-8) must not crash the report on a strict UTF-8 stream: such characters
    are written as backslash escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors="backslashreplace")


def _rule(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hplint.rules import all_rules, get_rule

    if args.all:
        chosen = list(all_rules())
    elif args.code:
        found = get_rule(args.code)
        if found is None:
            names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
            import difflib

            guess = difflib.get_close_matches(args.code, names, n=1)
            hint = f"; did you mean {guess[0]}?" if guess else ""
            print(f"hplint: error: unknown rule {args.code!r}{hint}", file=sys.stderr)
            return EXIT_ERROR
        chosen = [found]
    else:
        parser.error("rule: give a CODE or --all")
    if args.format == "json":
        payload = [_rule_json(r) for r in chosen]
        print(json.dumps(payload[0] if len(payload) == 1 and not args.all else payload, indent=2))
    else:
        from hplint.rule_examples import page_with_findings

        print("\n\n".join(page_with_findings(r, r.markdown()).rstrip() for r in chosen))
    return EXIT_CLEAN


def _rule_json(rule: object) -> dict[str, object]:
    from hplint.rules.api import Rule

    assert isinstance(rule, Rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "since": rule.since,
        "summary": rule.summary,
        "fix": rule.fix.value,
        "url": rule.url,
        "group": rule.group,
        "default": not rule.entry.heuristic,
        "heuristic": rule.entry.heuristic,
        "source": rule.source_path,
        "source_url": rule.source_url,
        "explanation": rule.explanation,
    }


def _rules(args: argparse.Namespace) -> int:
    from hplint.rules import all_rules

    if args.format == "json":
        print(json.dumps([_rule_json(r) for r in all_rules()], indent=2))
        return EXIT_CLEAN
    for rule in all_rules():
        selection = "opt-in " if rule.entry.heuristic else "default"
        print(f"{rule.code}  {rule.name:<45} {rule.severity.value:<8} {selection}  {rule.summary}")
    return EXIT_CLEAN


def _detect(args: argparse.Namespace) -> int:
    from hplint.engine import lint

    status = EXIT_CLEAN
    for raw in args.paths:
        paths = (
            [raw]
            if raw == "-" or not Path(raw).is_dir()
            else [str(p) for p in iter_config_files(Path(raw))]
        )
        for path in paths:
            try:
                text = _read(path)
            except OSError as exc:
                print(f"hplint: error: {path}: {exc.strerror or exc}", file=sys.stderr)
                status = EXIT_ERROR
                continue
            settings = discover_settings(Path(path) if path != "-" else Path.cwd())
            result = lint(text, path=path, settings=settings.with_overrides(select=[PARSE_ERROR]))
            line = f"{path}\t{result.format_id or '-'}"
            if args.explain:
                line += f"\t{_why_format(result.document, path, settings)}"
            print(line)
    return status


def _why_format(document: Document, path: str, settings: Settings) -> str:
    """What decided a file's format, in the order the engine asks (`detect --explain`)."""
    from hplint.detection import explain_root, modeline_format

    if modeline_format(document.comments) is not None:
        return "decided by: the `# hplint: format=` modeline"
    if settings.format_for(path) is not None:
        return f"decided by: `formats` in {settings.source or 'the settings'}"
    for root in document.roots:
        format_id, evidence = explain_root(root.node)
        if format_id is not None:
            return "decided by: " + "; ".join(evidence)
    return "no tuning or training config keys found"


def _read(path: str) -> str:
    """A file's text for `detect`: regular files only (a FIFO would block), at most the size cap
    and one byte (more is never linted)."""
    from hplint.document.loader import MAX_FILE_BYTES, decode

    if path == "-":
        data = read_stdin()
    else:
        if not Path(path).is_file():
            raise OSError(errno.EINVAL, "not a regular file")
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    text, _problem = decode(data)
    return text


def read_stdin() -> bytes:
    """Standard input up to the size cap and one byte: enough to say it is over the cap, never
    the whole of an endless or huge stream."""
    from hplint.document.loader import MAX_FILE_BYTES

    return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)


class _SettingsCache:
    def __init__(self, explicit: Path | None) -> None:
        self.explicit = load_settings_file(explicit) if explicit is not None else None
        self.by_dir: dict[Path, Settings] = {}

    def for_path(self, path: Path) -> Settings:
        if self.explicit is not None:
            return self.explicit
        directory = path.parent.resolve()
        if directory not in self.by_dir:
            self.by_dir[directory] = discover_settings(path if path.exists() else Path.cwd())
        return self.by_dir[directory]


def _collect(
    paths: Sequence[str], cache: _SettingsCache, *, force_exclude: bool = False
) -> tuple[list[str], list[str]]:
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        if name not in seen:
            seen.add(name)
            files.append(name)

    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in iter_config_files(path):
                if not cache.for_path(found).is_excluded(found):
                    add(str(found))
        elif path.is_file():
            if not (force_exclude and cache.for_path(path).is_excluded(path)):
                add(raw)
        else:
            missing.append(raw)
    return files, missing


# --- one file's work: picklable in and out, so it runs the same in a worker process ---------

PARALLEL_MIN_FILES = 64
"""More files than this are linted by a process pool (one worker per core)."""
PROGRESS_MIN_FILES = 64
"""A progress bar is drawn on a terminal's stderr from this many files (never in pipes or CI)."""
_SNIFF_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Job:
    """One file to lint (and fix or diff): what `_run_job` needs, picklable for a worker."""

    path: str  # as given; "-" for stdin
    display: str  # the path reported (stdin's --stdin-filename)
    settings: Settings
    fix: bool
    unsafe: bool
    diff: bool
    data: bytes | None = None  # stdin, read by the parent
    # The file at the baseline revision: read by the parent for many files (one git call), or
    # by the lint itself when it needs it (a few files at HEAD: most configs never do).
    baseline: Baseline | _HeadText | None = None
    # The tree the file was found in (the directory walked, or the file's own folder): `--fix`
    # never writes through a symlink to outside it.
    tree: str | None = None


@dataclass(slots=True)
class _Outcome:
    """What `_run_job` gives back for one file: the report, errors, fixes and text to print."""

    display: str
    report: LintedText | None = None  # None: not a tuning config, or unreadable
    errors: list[str] = field(default_factory=list)  # -> stderr, exit 2
    fixed: list[Diagnostic] = field(default_factory=list)  # applied fixes (written or stdout)
    changed: bool = False  # the file was (or, with --diff, would be) rewritten
    diff: str = ""
    stdout_text: str | None = None  # `check --fix -`: the fixed text goes to stdout


def _run_job(job: _Job) -> _Outcome:
    """Read, pre-filter, lint and (with --fix/--diff) fix one file. Never raises."""
    outcome = _Outcome(job.display)
    try:
        return _run_job_unguarded(job, outcome)
    except OSError as exc:
        outcome.errors.append(f"hplint: error: {job.display}: {exc.strerror or exc}")
    except Exception as exc:  # an engine bug must not take the whole run down
        outcome.errors.append(f"hplint: internal error in {job.display}: {exc!r}")
    return outcome


def _run_job_unguarded(job: _Job, outcome: _Outcome) -> _Outcome:
    from hplint.document.loader import MAX_FILE_BYTES, decode
    from hplint.engine import lint

    forced = job.settings.format_for(job.display) if job.display != "-" else None
    if job.data is None and Path(job.path).stat().st_size > MAX_FILE_BYTES:
        outcome.report = _too_large(job, forced)
        return outcome
    data = job.data if job.data is not None else Path(job.path).read_bytes()
    if len(data) > MAX_FILE_BYTES:
        outcome.report = _too_large(job, forced, data[:_SNIFF_BYTES])
        return outcome
    text, problem = decode(data)
    if forced is None and not may_be_tuning_config(text):
        if job.fix and job.path == "-":
            outcome.stdout_text = text
        return outcome  # cheap path: none of the detection keywords, so not a tuning config
    cached: dict[str, LintResult] = {}
    named = job.path if job.path != "-" else job.display if job.display != "-" else None
    related = related_reader(Path(named), job.settings.root) if named is not None else None
    baseline = _job_baseline(job, text)

    def relint(candidate: str) -> list[Diagnostic]:
        if candidate not in cached:
            cached.clear()
            cached[candidate] = lint(
                candidate,
                path=job.display,
                settings=job.settings,
                related=related,
                baseline=baseline,
            )
        return cached[candidate].diagnostics

    result = lint(text, path=job.display, settings=job.settings, related=related, baseline=baseline)
    cached[text] = result
    if problem is not None and result.is_tuning_config:
        result.diagnostics.insert(
            0, Diagnostic(PARSE_ERROR, "parse-error", Severity.ERROR, problem.message, problem.span)
        )
    outcome.errors.extend(
        f"hplint: internal error in {job.display}: {error}" for error in result.internal_errors
    )
    if not result.is_tuning_config:
        if job.fix and job.path == "-":
            outcome.stdout_text = text
        return outcome
    # Never rewrite a file whose bytes did not decode: writing it back would lose them.
    if (job.fix or job.diff) and problem is None:
        from hplint.fixes import fix_text

        fixed = fix_text(text, relint, unsafe=job.unsafe)
        if fixed.text != text:
            outcome.changed = True
            outcome.fixed = fixed.applied
            if job.diff:
                outcome.diff = _unified_diff(job.display, text, fixed.text)
            else:
                if job.path == "-":
                    outcome.stdout_text = fixed.text
                else:
                    refusal = _unsafe_to_write(Path(job.path), job.tree, data)
                    if refusal is None:
                        try:
                            write_atomically(Path(job.path), fixed.text, data)
                        except OSError as exc:
                            refusal = f"could not write it ({exc.strerror or exc})"
                    if refusal is not None:
                        outcome.errors.append(
                            f"hplint: error: {job.display}: not fixed: {refusal}; "
                            "the file is unchanged"
                        )
                        outcome.changed = False
                        outcome.fixed = []
                        return _report(outcome, result)
                result = cached.get(fixed.text) or lint(
                    fixed.text,
                    path=job.display,
                    settings=job.settings,
                    related=related,
                    baseline=baseline,
                )
    if job.fix and job.path == "-" and outcome.stdout_text is None:
        outcome.stdout_text = text
    return _report(outcome, result)


def _report(outcome: _Outcome, result: LintResult) -> _Outcome:
    if result.diagnostics:
        outcome.report = LintedText(result.text, list(result.diagnostics))
    else:
        outcome.report = LintedText("", [])
    return outcome


def _tree_of(path: str, walked: list[Path]) -> str:
    """The directory `path` was found in when a directory was walked, else its own folder."""
    absolute = Path(path).absolute()
    for root in walked:
        if absolute == root or root in absolute.parents:
            return str(root)
    return str(absolute.parent)


def _unsafe_to_write(path: Path, tree: str | None, read: bytes) -> str | None:
    """Why `--fix` must not rewrite `path`, or None: a symlink to outside the tree it was found
    in, a file it may not write (read-only), or one that changed since it was read (an edit
    saved meanwhile would be lost)."""
    try:
        real = path.resolve()
        if path.is_symlink() and tree is not None:
            root = Path(tree).resolve()
            if real != root and root not in real.parents:
                return f"it is a link to {real}, outside {tree}"
        if not os.access(real, os.W_OK):
            return "it is read-only"
        if real.read_bytes() != read:
            return "it changed while hplint ran"
    except OSError as exc:
        return f"it cannot be read again ({exc.strerror or exc})"
    return None


def _too_large(job: _Job, forced: str | None, head: bytes | None = None) -> LintedText | None:
    """A file over the size cap: one HP000 if it may be a tuning config, without parsing it."""
    from hplint.document.loader import MAX_FILE_BYTES, decode
    from hplint.engine import looks_like_tuning_config
    from hplint.text import Span

    if head is None:
        with open(job.path, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
        size = Path(job.path).stat().st_size
    else:
        size = len(job.data) if job.data is not None else Path(job.path).stat().st_size
    sniffed, _ = decode(head)
    if forced is None:  # a modeline in the sniffed part says what the file is, like in a lint
        from hplint.detection import MODELINE

        found = MODELINE.search(sniffed)
        forced = found.group(1) if found is not None else None
    if forced == "none" or (forced is None and not looks_like_tuning_config(sniffed)):
        return None
    message = (
        f"The file is {size:,} bytes, over hplint's {MAX_FILE_BYTES:,}-byte limit; "
        "it was not parsed."
    )
    return LintedText(
        "", [Diagnostic(PARSE_ERROR, "parse-error", Severity.ERROR, message, Span(0, 0))]
    )


def _unified_diff(path: str, before: str, after: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=path,
            tofile=path,
        )
    )


def _run_jobs(jobs: list[_Job], progress: _Progress | None) -> Iterator[_Outcome]:
    """Outcomes in the order of `jobs`, from a process pool when there are many files."""
    workers = min(os.cpu_count() or 1, max(1, len(jobs) // 16))
    if len(jobs) > PARALLEL_MIN_FILES and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        try:
            executor = ProcessPoolExecutor(max_workers=workers)
        except (OSError, NotImplementedError):  # no semaphores (some sandboxes): run here
            executor = None
        if executor is not None:
            from concurrent.futures.process import BrokenProcessPool

            done = 0
            with executor:
                chunk = max(1, min(32, len(jobs) // (workers * 4)))
                try:
                    for outcome in executor.map(_run_job, jobs, chunksize=chunk):
                        if progress is not None:
                            progress.advance()
                        done += 1
                        yield outcome
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): say which files were not linted
                    # and end the run with an error, instead of a traceback or a hang.
                    for job in jobs[done:]:
                        yield _Outcome(
                            job.display,
                            errors=[
                                f"hplint: error: {job.display}: not linted: a worker process "
                                "stopped unexpectedly (killed, or out of memory)"
                            ],
                        )
            return
    for job in jobs:
        outcome = _run_job(job)
        if progress is not None:
            progress.advance()
        yield outcome


class _Progress:
    """`[#####.....]  512/1000 files` on a terminal's stderr, erased when done."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.shown = -1

    @staticmethod
    def wanted(total: int, stream: TextIO) -> bool:
        return (
            total >= PROGRESS_MIN_FILES
            and not os.environ.get("CI")
            and not os.environ.get("GITHUB_ACTIONS")
            and stream.isatty()
        )

    def advance(self) -> None:
        self.done += 1
        width = 30
        filled = width * self.done // self.total
        if filled == self.shown and self.done != self.total:
            return
        self.shown = filled
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done:>{len(str(self.total))}}/{self.total} files")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()


@dataclass(frozen=True, slots=True)
class _HeadText:
    """A file's committed text, read with git when its lint asks for it."""

    repository: str
    path: str

    def read(self) -> Baseline | None:
        from hplint.engine import Baseline

        texts = _committed_or_note(Path(self.repository), "HEAD", [Path(self.path)])
        text = texts.get(Path(self.path))
        return Baseline(text, "HEAD") if text is not None else None


def _committed_or_note(root: Path, revision: str, files: list[Path]) -> dict[Path, str]:
    """`committed_texts(...).texts`; when git cannot answer, none and a note on stderr."""
    try:
        return committed_texts(root, revision, files).texts
    except GitUnavailable as error:
        print(f"hplint: note: no baseline for HP104 in {root}: {error}", file=sys.stderr)
        return {}


def _job_baseline(job: _Job, text: str) -> Baseline | BaselineSource | None:
    """What `lint(baseline=...)` gets: an unchanged file cannot have changed its batch, so its
    baseline is not parsed; a `_HeadText` is read once, on the lint's first request."""
    source = job.baseline
    if isinstance(source, _HeadText):
        head = source

        @functools.cache  # the fixes lint the file again: one git call for all of them
        def load() -> Baseline | None:
            found = head.read()
            return found if found is not None and found.text != text else None

        return load
    return source if source is None or source.text != text else None


def _with_baselines(jobs: list[_Job], revision: str) -> list[_Job]:
    """The jobs with each file's text at `revision` (HP104), one git call per repository. Outside
    a git work tree, and for untracked files, there is none; git failing is a note on stderr.

    For a few files at `HEAD` (what pre-commit passes) each lint reads its file's text itself,
    and only if one of its configs can be compared (a learning rate and a batch): a git call
    costs more than linting a small file."""
    from hplint.engine import Baseline

    by_repository: dict[Path, list[Path]] = {}
    lazy = revision == "HEAD" and len(jobs) <= PARALLEL_MIN_FILES
    jobs = list(jobs)
    for index, job in enumerate(jobs):
        named = job.path if job.path != "-" else job.display
        if named == "-":
            continue
        repository = find_repository(Path(named))
        if repository is None:
            continue
        if lazy:
            jobs[index] = replace(job, baseline=_HeadText(str(repository), named))
        else:
            by_repository.setdefault(repository, []).append(Path(named))
    texts: dict[Path, str] = {}
    for repository, files in by_repository.items():
        texts.update(_committed_or_note(repository, revision, files))
    label = revision
    return [
        replace(job, baseline=Baseline(texts[key], label))
        if (key := Path(job.path if job.path != "-" else job.display)) in texts
        else job
        for job in jobs
    ]


WATCH_INTERVAL = 0.5
"""Seconds between two looks at the watched files' modification times."""


def _watch(args: argparse.Namespace) -> int:
    """`check --watch`: lint, then again whenever a file or a configuration file changes."""
    import time

    if args.fix or args.diff or "-" in args.paths:
        print(
            "hplint: error: --watch lints files as they are: not with --fix, --diff or -",
            file=sys.stderr,
        )
        return EXIT_ERROR
    once = argparse.Namespace(**{**vars(args), "watch": False})
    try:
        while True:
            stamp = _watched(args.paths)
            print(
                f"[{time.strftime('%H:%M:%S')}] hplint check {' '.join(args.paths)}",
                file=sys.stderr,
            )
            _check(once)
            sys.stdout.flush()
            print("Watching for changes (Ctrl-C stops).", file=sys.stderr, flush=True)
            while _watched(args.paths) == stamp:
                time.sleep(WATCH_INTERVAL)
    except KeyboardInterrupt:
        return EXIT_CLEAN


def _watched(paths: Sequence[str]) -> frozenset[tuple[str, int, int]]:
    """(path, mtime, size) of every YAML/JSON file under `paths` and of the configuration files
    beside them: any edit, new file or deletion changes it."""
    from hplint.settings import CONFIG_FILES

    found: set[tuple[str, int, int]] = set()
    for raw in paths:
        path = Path(raw)
        candidates = list(iter_config_files(path)) if path.is_dir() else [path]
        folder = path if path.is_dir() else path.parent
        candidates += [folder / name for name in CONFIG_FILES]
        for candidate in candidates:
            try:
                stat = candidate.stat()
            except OSError:
                continue
            found.add((str(candidate), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


def _check(args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(args)
    if args.diff and args.fix:
        print("hplint: error: --diff and --fix are mutually exclusive", file=sys.stderr)
        return EXIT_ERROR
    cache = _SettingsCache(args.config)
    files, missing = _collect(args.paths, cache, force_exclude=args.force_exclude)
    for path in missing:
        reason = "not a regular file" if Path(path).exists() else "no such file or directory"
        print(f"hplint: error: {path}: {reason}", file=sys.stderr)
    output_format = args.format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    )
    if args.show_settings:
        return _show_settings(args, cache, files)
    if args.show_files:
        return _show_files(files, cache, missing)
    jobs: list[_Job] = []
    walked = [Path(p).absolute() for p in args.paths if p != "-" and Path(p).is_dir()]
    for path in files:
        display = args.stdin_filename if path == "-" and args.stdin_filename else path
        settings = _settings_for(args, cache, display)
        data = read_stdin() if path == "-" else None
        tree = _tree_of(path, walked) if path != "-" else None
        jobs.append(
            _Job(
                path,
                display,
                settings,
                args.fix,
                args.unsafe_fixes or False,
                args.diff,
                data,
                tree=tree,
            )
        )

    if not args.no_baseline:
        try:
            jobs = _with_baselines(jobs, args.baseline)
        except UnknownRevision as unknown:
            print(f"hplint: error: --baseline {unknown}: not a commit", file=sys.stderr)
            return EXIT_ERROR

    progress = _Progress(len(jobs), sys.stderr) if _Progress.wanted(len(jobs), sys.stderr) else None
    reports: list[FileReport] = []
    fixed: list[Diagnostic] = []
    changed_files = 0
    linted = 0
    failed = bool(missing)
    stdin_fix = any(job.path == "-" for job in jobs) and args.fix
    try:
        for outcome in _run_jobs(jobs, progress):
            for error in outcome.errors:
                print(error, file=sys.stderr)
            failed = failed or bool(outcome.errors)
            if outcome.changed:
                changed_files += 1
                fixed.extend(outcome.fixed)
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            if outcome.stdout_text is not None:
                sys.stdout.write(outcome.stdout_text)
            if outcome.report is not None:
                linted += 1
                if outcome.report.diagnostics:
                    reports.append(FileReport(outcome.display, outcome.report))
    finally:
        if progress is not None:
            progress.close()

    hidden = 0 if args.unsafe_fixes else _unsafe_fixes(reports)
    more = f" ({hidden} more with `--unsafe-fixes`)" if hidden else ""
    if args.diff:
        # Like ruff: stdout is the diff alone; say on stderr what would be fixed.
        if fixed:
            count = len(fixed)
            print(
                f"Would fix {count} problem{'s' if count != 1 else ''} "
                f"in {changed_files} file{'s' if changed_files != 1 else ''}{more}.",
                file=sys.stderr,
            )
        else:
            print(f"No fixes available{more}.", file=sys.stderr)
        if failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if fixed and not args.exit_zero else EXIT_CLEAN

    # `check --fix -` prints the fixed text on stdout, so the report goes to stderr (like ruff).
    run = RunCounts(len(files), linted, len(missing), hidden)
    if args.output_file is not None:
        with args.output_file.open("w", encoding="utf-8", errors="backslashreplace") as handle:
            _emit(reports, output_format, args, fixed, changed_files, run, handle)
    else:
        stream = sys.stderr if stdin_fix else None
        _emit(reports, output_format, args, fixed, changed_files, run, stream)
    worst = [
        d
        for r in reports
        for d in r.result.diagnostics
        if d.severity in (Severity.ERROR, Severity.WARNING)
    ]
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    # Like ruff: `--fix` passes when nothing remains; `--exit-non-zero-on-fix` also fails a run
    # that rewrote files (what a pre-commit hook wants: the commit must include the fixes).
    return EXIT_FINDINGS if worst or (changed_files and args.exit_non_zero_on_fix) else EXIT_CLEAN


def _unsafe_fixes(reports: list[FileReport]) -> int:
    """How many remaining findings have a fix only `--unsafe-fixes` applies."""
    from hplint.diagnostics import Applicability

    return sum(
        1
        for report in reports
        for d in report.result.diagnostics
        if d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    )


def _colour(choice: str, out: TextIO) -> bool:
    """`--color`, then NO_COLOR / FORCE_COLOR (https://no-color.org, force-color.org), then
    whether `out` is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return out.isatty()


def _show_files(files: list[str], cache: _SettingsCache, missing: list[str]) -> int:
    """`--show-files`: each file `check` would read, and what it is recognised as."""
    from hplint.engine import lint

    for path in files:
        if path == "-":
            print("-\t(standard input)")
            continue
        try:
            text = _read(path)
        except OSError as exc:
            print(f"{path}\t(unreadable: {exc.strerror or exc})")
            continue
        settings = cache.for_path(Path(path)).with_overrides(select=[PARSE_ERROR])
        found = lint(text, path=path, settings=settings).format_id
        print(f"{path}\t{found or '(not a tuning config)'}")
    return EXIT_ERROR if missing else EXIT_CLEAN


def _settings_for(args: argparse.Namespace, cache: _SettingsCache, display: str) -> Settings:
    """The project's settings for `display` (a path, or `-`), with the command line's on top."""
    base = cache.for_path(Path(display) if display != "-" else Path.cwd() / "stdin.yaml")
    return base.with_overrides(
        select=args.select,
        ignore=args.ignore,
        extend_select=args.extend_select,
        extend_ignore=args.extend_ignore,
    )


def _show_settings(args: argparse.Namespace, cache: _SettingsCache, files: list[str]) -> int:
    """`--show-settings`: the settings the first path is linted with, and where they come from."""
    first = files[0] if files else (args.paths[0] if args.paths else ".")
    settings = _settings_for(args, cache, first)
    shown = {
        "path": first,
        "settings file": str(settings.source) if settings.source else "(none: the defaults)",
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "severity": {code: level.value for code, level in settings.severity.items()},
        "per-file-ignores": {k: list(v) for k, v in settings.per_file_ignores.items()},
        "exclude": list(settings.exclude),
        "formats": dict(settings.formats),
        "options": dict(settings.options),
        "baseline": "(none)" if args.no_baseline else args.baseline,
    }
    print(json.dumps(shown, indent=2))
    return EXIT_CLEAN


def _emit(
    reports: list[FileReport],
    output_format: str,
    args: argparse.Namespace,
    fixed: list[Diagnostic],
    fixed_files: int,
    run: RunCounts,
    stream: TextIO | None = None,
) -> None:
    out = stream or sys.stdout
    if output_format == "json":
        from hplint.reporters import json as json_output

        out.write(json_output.render(reports))
    elif output_format == "sarif":
        from hplint.reporters import sarif

        out.write(sarif.render(reports))
    elif output_format == "github":
        from hplint.reporters import github
        from hplint.reporters import text as text_output

        out.write(github.render(reports))
        if not args.quiet:  # the counts per code, for the job log; stdout stays annotations
            sys.stderr.write(
                text_output.summary(reports, fixed=fixed, fixed_files=fixed_files, run=run)
            )
    else:
        from hplint.reporters import text as text_output

        colour = _colour(args.color, out)
        if not args.statistics:
            out.write(text_output.render(reports, colour=colour, show_source=not args.no_source))
        if not args.quiet or args.statistics:
            out.write(text_output.summary(reports, fixed=fixed, fixed_files=fixed_files, run=run))


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(text: str, original: bytes) -> bytes:
    """Encode `text` as `original` was: same UTF, same byte order, same BOM.

    UTF-16/32 text comes out of `decode` without its BOM, so the BOM is written back here; a
    UTF-8 BOM stays in the text as U+FEFF and survives on its own.
    """
    for bom, encoding in _BOMS:
        if original.startswith(bom):
            return bom + text.encode(encoding)
    return text.encode("utf-8")


def write_atomically(path: Path, text: str, original: bytes) -> None:
    """Replace `path` with `text` in its original encoding, atomically, keeping its mode.

    The bytes go to a temporary file in the same directory, are flushed to disk, and replace the
    file with one `os.replace`: a reader (or a crash) sees the old file or the new one, never a
    mix, and a failure leaves the original untouched and no temporary file behind. A symlink is
    followed, so the link stays a link. A file with other hard links, or owned by someone else
    (hplint run as root), is rewritten in place instead, so that it keeps its links and owner.
    """
    import tempfile

    from hplint.document.loader import decode

    data = encode_like(text, original)
    if decode(data)[0] != text:  # never write what would not read back as `text`
        raise OSError(f"cannot re-encode {path} without changing it")
    target = path.resolve() if path.is_symlink() else path
    status = target.stat()
    mode = status.st_mode & 0o7777
    euid = getattr(os, "geteuid", None)  # not on Windows, where files have no POSIX owner
    if status.st_nlink > 1 or (euid is not None and status.st_uid != euid()):
        # A replacement would be a new file: it would split hard links and, for root, take the
        # owner's file. Write the same file instead (not atomic, but the file stays itself).
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
        return
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".hplint.tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
