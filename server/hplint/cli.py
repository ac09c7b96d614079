"""The `hplint` command line: `check`, `rule`, `rules`, `detect` and `lsp`.

Exit codes: 0 = no error or warning remains, 1 = at least one error or warning remains,
2 = usage, configuration or internal failure.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from hplint import __version__
from hplint.diagnostics import Diagnostic, Severity
from hplint.document.loader import decode
from hplint.engine import LintResult, lint
from hplint.files import iter_config_files
from hplint.output import FORMATS, FileReport
from hplint.settings import Settings, SettingsError, discover_settings, load_settings_file

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hplint",
        description="Lint machine-learning hyperparameter and tuning configs (YAML/JSON).",
    )
    parser.add_argument("--version", action="version", version=f"hplint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=["."], help="files, directories, or - for stdin")
    check.add_argument("--format", choices=FORMATS, default=None, help="output format")
    check.add_argument("--select", type=_codes, default=None, help="codes or prefixes to enable")
    check.add_argument("--ignore", type=_codes, default=None, help="codes or prefixes to disable")
    check.add_argument("--extend-ignore", type=_codes, default=[], help="add to ignored codes")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="show fixes as a diff, write nothing")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--stdin-filename", default=None, help="the file name of stdin input")
    check.add_argument("--config", type=Path, default=None, help="use this configuration file")
    check.add_argument("--no-source", action="store_true", help="text: omit source excerpts")
    check.add_argument("--statistics", action="store_true", help="text: only counts per code")
    check.add_argument("--quiet", "-q", action="store_true", help="text: no summary line")

    rule = sub.add_parser("rule", help="explain a rule (code or name)")
    rule.add_argument("code", nargs="?", help="e.g. HP103 or lr-not-scaled-with-batch-size")
    rule.add_argument("--all", action="store_true", help="explain every rule")
    rule.add_argument("--format", choices=("text", "json"), default="text")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    detect = sub.add_parser("detect", help="print each file's detected format")
    detect.add_argument("paths", nargs="+")

    lsp = sub.add_parser("lsp", help="run the language server (stdio by default)")
    lsp.add_argument("--tcp", type=int, metavar="PORT", default=None, help="listen on a TCP port")
    lsp.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
        if args.command == "lsp":
            from hplint.lsp.server import run

            run(tcp_port=args.tcp, host=args.host)
            return EXIT_CLEAN
    except SettingsError as exc:
        print(f"hplint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `hplint rules | head`
        return EXIT_CLEAN
    parser.print_help()
    return EXIT_ERROR


def _rule(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from hplint.rules import all_rules, get_rule

    if args.all:
        chosen = list(all_rules())
    elif args.code:
        found = get_rule(args.code)
        if found is None:
            names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
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
        print("\n\n".join(r.markdown().rstrip() for r in chosen))
    return EXIT_CLEAN


def _rule_json(rule: object) -> dict[str, object]:
    from hplint.rules._base import Rule

    assert isinstance(rule, Rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "since": rule.since,
        "summary": rule.summary,
        "fix": rule.fix.value,
        "url": rule.url,
        "explanation": rule.explanation,
    }


def _rules(args: argparse.Namespace) -> int:
    from hplint.rules import all_rules

    if args.format == "json":
        print(json.dumps([_rule_json(r) for r in all_rules()], indent=2))
        return EXIT_CLEAN
    for rule in all_rules():
        print(f"{rule.code}  {rule.name:<45} {rule.severity.value:<8} {rule.summary}")
    return EXIT_CLEAN


def _detect(args: argparse.Namespace) -> int:
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
            result = lint(text, path=path, settings=settings.with_overrides(select=["HP000"]))
            print(f"{path}\t{result.format_id or '-'}")
    return status


def _read(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    text, _problem = decode(data)
    return text


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


def _collect(paths: Sequence[str], cache: _SettingsCache) -> tuple[list[str], list[str]]:
    files: list[str] = []
    missing: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in iter_config_files(path):
                if not cache.for_path(found).is_excluded(found):
                    files.append(str(found))
        elif path.is_file():
            files.append(raw)
        else:
            missing.append(raw)
    return files, missing


def _check(args: argparse.Namespace) -> int:
    cache = _SettingsCache(args.config)
    files, missing = _collect(args.paths, cache)
    for path in missing:
        print(f"hplint: error: {path}: no such file or directory", file=sys.stderr)
    output_format = args.format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    )
    reports: list[FileReport] = []
    fixed_total = 0
    failed = bool(missing)
    for path in files:
        display = args.stdin_filename if path == "-" and args.stdin_filename else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            print(f"hplint: error: {path}: {exc.strerror or exc}", file=sys.stderr)
            failed = True
            continue
        base = cache.for_path(Path(display) if display != "-" else Path.cwd() / "stdin.yaml")
        settings = base.with_overrides(
            select=args.select, ignore=args.ignore, extend_ignore=args.extend_ignore
        )
        text, _ = decode(data)
        result = _lint_bytes(data, display, settings)
        if args.fix or args.diff:
            from hplint.fixes import fix_text

            outcome = fix_text(text, _relinter(display, settings), unsafe=args.unsafe_fixes)
            if outcome.text != text:
                if args.diff:
                    _print_diff(display, text, outcome.text, sys.stdout)
                elif path == "-":
                    sys.stdout.write(outcome.text)
                else:
                    _write_atomically(Path(path), outcome.text, data)
                    fixed_total += len(outcome.applied)
                    result = lint(outcome.text, path=display, settings=settings)
        for problem in result.internal_errors:
            print(f"hplint: internal error in {display}: {problem}", file=sys.stderr)
            failed = True
        reports.append(FileReport(display, result))

    _emit(reports, output_format, args, fixed_total)
    worst = [
        d
        for r in reports
        for d in r.result.diagnostics
        if d.severity in (Severity.ERROR, Severity.WARNING)
    ]
    if failed:
        return EXIT_ERROR
    if worst and not args.exit_zero and not args.diff:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _relinter(display: str, settings: Settings) -> Callable[[str], list[Diagnostic]]:
    def relint(text: str) -> list[Diagnostic]:
        return lint(text, path=display, settings=settings).diagnostics

    return relint


def _lint_bytes(data: bytes, display: str, settings: Settings) -> LintResult:
    from hplint.document.loader import MAX_FILE_BYTES

    if len(data) > MAX_FILE_BYTES:
        # Do not decode a huge file just to refuse it: lint an empty text carrying the problem.
        from hplint.document.loader import parse_bytes

        document = parse_bytes(data, "yaml")
        result = LintResult(document, formats=["unknown"])
        from hplint.diagnostics import Diagnostic

        refusal = document.problems[0]
        result.diagnostics = [
            Diagnostic("HP000", "parse-error", Severity.ERROR, refusal.message, refusal.span)
        ]
        return result
    text, problem = decode(data)
    result = lint(text, path=display, settings=settings)
    if problem is not None and result.is_tuning_config:
        from hplint.diagnostics import Diagnostic

        result.diagnostics.insert(
            0, Diagnostic("HP000", "parse-error", Severity.ERROR, problem.message, problem.span)
        )
    return result


def _emit(
    reports: list[FileReport], output_format: str, args: argparse.Namespace, fixed: int
) -> None:
    if output_format == "json":
        from hplint.output import json as json_output

        sys.stdout.write(json_output.render(reports))
    elif output_format == "sarif":
        from hplint.output import sarif

        sys.stdout.write(sarif.render(reports))
    elif output_format == "github":
        from hplint.output import github

        sys.stdout.write(github.render(reports))
    else:
        from hplint.output import text as text_output

        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        if not args.statistics:
            sys.stdout.write(
                text_output.render(reports, colour=colour, show_source=not args.no_source)
            )
        if not args.quiet or args.statistics:
            sys.stdout.write(text_output.summary(reports, fixed=fixed))


def _print_diff(path: str, before: str, after: str, stream: TextIO) -> None:
    diff = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    stream.writelines(diff)


def _write_atomically(path: Path, text: str, original: bytes) -> None:
    """Write through a temporary file and an atomic rename, in the original encoding."""
    import codecs
    import tempfile

    encoding = "utf-8"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if original.startswith(bom):
            encoding = name
    data = text.encode(encoding)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, path.stat().st_mode & 0o7777)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
