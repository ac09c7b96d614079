"""The ecosystem check: lint real configs from public repositories and compare every finding
with a reviewed ledger.

    python scripts/ecosystem.py            # report: precision per rule, and the diff
    python scripts/ecosystem.py --check    # exit 1 on a FALSE, unreviewed or stale entry
    python scripts/ecosystem.py --update   # add unreviewed findings to the ledger as `?`

The corpus is `tests/ecosystem/corpus/<format>/` (verbatim third-party files, provenance in each
folder's PROVENANCE.json). The ledger, `tests/ecosystem/verdicts.tsv`, holds one reviewed row
per finding: file, line, code, verdict (TRUE, DEBATABLE or FALSE) and a one-line reason.
TRUE: a senior ML engineer would sign it on that file; DEBATABLE: defensible but a reviewer
could reasonably leave the file as it is; FALSE: wrong. Findings are those of the default
selection (what a user sees); `--all-rules` adds the opt-in heuristics, reviewed in the same
ledger. Precision is TRUE / reviewed, per rule, overall, and for warnings and errors alone.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from hplint.engine import lint
from hplint.files import related_reader
from hplint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "ecosystem" / "corpus"
LEDGER = ROOT / "tests" / "ecosystem" / "verdicts.tsv"
VERDICTS = ("TRUE", "DEBATABLE", "FALSE")
UNREVIEWED = "?"
FIELDS = ("file", "line", "code", "verdict", "reason")
NOT_TUNING = "not-tuning"


@dataclass(frozen=True, slots=True)
class Finding:
    file: str  # relative to the corpus: <format>/<name>
    line: int
    code: str
    severity: str
    message: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.file, self.line, self.code)


@dataclass(frozen=True, slots=True)
class Verdict:
    file: str
    line: int
    code: str
    verdict: str
    reason: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.file, self.line, self.code)


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(
        p
        for p in corpus.glob("*/*")
        if p.is_file() and p.suffix in (".yaml", ".yml", ".json") and p.name != "PROVENANCE.json"
    )


def findings(files: list[Path], corpus: Path, *, all_rules: bool) -> list[Finding]:
    settings = Settings(select=("ALL",)) if all_rules else Settings()
    found: list[Finding] = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        related = related_reader(path, corpus)  # files a config names, under its folder
        result = lint(text, path=str(path), settings=settings, related=related)
        if result.internal_errors:
            raise SystemExit(f"{path}: internal error: {result.internal_errors}")
        relative = path.relative_to(corpus).as_posix()
        for diagnostic in result.diagnostics:
            line = result.lines.position(diagnostic.span.start).line + 1
            found.append(
                Finding(
                    relative,
                    line,
                    diagnostic.code,
                    diagnostic.severity.value,
                    diagnostic.message,
                )
            )
    return found


def read_ledger(path: Path = LEDGER) -> list[Verdict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    if rows and tuple(rows[0]) == FIELDS:
        rows = rows[1:]
    verdicts = []
    for row in rows:
        file, line, code, verdict, reason = (row + [""] * 5)[:5]
        verdicts.append(Verdict(file, int(line), code, verdict, reason))
    return verdicts


def write_ledger(verdicts: list[Verdict], path: Path = LEDGER) -> None:
    ordered = sorted(verdicts, key=lambda v: (v.file, v.line, v.code))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        for v in ordered:
            writer.writerow((v.file, v.line, v.code, v.verdict, v.reason))


@dataclass(slots=True)
class Report:
    files: int
    found: list[Finding]
    ledger: dict[tuple[str, int, str], Verdict]
    unreviewed: list[Finding]
    stale: list[Verdict]
    false: list[tuple[Finding, Verdict]]
    not_tuning: list[Finding]

    def verdict_of(self, finding: Finding) -> str:
        entry = self.ledger.get(finding.key)
        return entry.verdict if entry is not None else UNREVIEWED

    def precision(self, keep: set[str] | None = None) -> tuple[int, int]:
        """(TRUE, reviewed) over the findings whose severity is in `keep` (all if None)."""
        chosen = [f for f in self.found if keep is None or f.severity in keep]
        verdicts = [self.verdict_of(f) for f in chosen]
        reviewed = [v for v in verdicts if v in VERDICTS]
        return sum(v == "TRUE" for v in reviewed), len(reviewed)

    @property
    def failed(self) -> bool:
        return bool(self.unreviewed or self.stale or self.false or self.not_tuning)


def check(corpus: Path = CORPUS, ledger_path: Path = LEDGER, *, all_rules: bool = True) -> Report:
    files = corpus_files(corpus)
    found = findings(files, corpus, all_rules=all_rules)
    ledger = {v.key: v for v in read_ledger(ledger_path)}
    keys = {f.key for f in found}
    unreviewed = [
        f
        for f in found
        if f.key not in ledger or ledger[f.key].verdict not in VERDICTS
        if not f.file.startswith(NOT_TUNING + "/")
    ]
    stale = [v for k, v in ledger.items() if k not in keys]
    false = [
        (f, ledger[f.key]) for f in found if f.key in ledger and ledger[f.key].verdict == "FALSE"
    ]
    not_tuning = [f for f in found if f.file.startswith(NOT_TUNING + "/")]
    return Report(len(files), found, ledger, unreviewed, stale, false, not_tuning)


def _percent(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f} %" if total else "n/a"


def render(report: Report) -> str:
    lines = [f"{report.files} files, {len(report.found)} findings"]
    by_code: dict[str, Counter[str]] = defaultdict(Counter)
    severity: dict[str, str] = {}
    for finding in report.found:
        by_code[finding.code][report.verdict_of(finding)] += 1
        severity[finding.code] = finding.severity
    lines.append("")
    lines.append("code   severity  findings  TRUE  DEBATABLE  FALSE  unreviewed  precision")
    for code in sorted(by_code):
        counts = by_code[code]
        reviewed = sum(counts[v] for v in VERDICTS)
        lines.append(
            f"{code}  {severity[code]:<8}  {sum(counts.values()):>8}  {counts['TRUE']:>4}  "
            f"{counts['DEBATABLE']:>9}  {counts['FALSE']:>5}  {counts[UNREVIEWED]:>10}  "
            f"{_percent(counts['TRUE'], reviewed):>9}"
        )
    overall = report.precision()
    strict = report.precision({"error", "warning"})
    lines.append("")
    lines.append(f"precision, all findings:       {_percent(*overall)} ({overall[0]}/{overall[1]})")
    lines.append(f"precision, warnings and errors: {_percent(*strict)} ({strict[0]}/{strict[1]})")
    for title, items in (
        ("findings on not-tuning files (must be none)", report.not_tuning),
        ("unreviewed findings", report.unreviewed),
    ):
        if items:
            lines.append("")
            lines.append(f"{title}:")
            lines += [f"  {f.file}:{f.line} {f.code} {f.message}" for f in items]
    if report.false:
        lines.append("")
        lines.append("FALSE findings (fix the rule):")
        lines += [f"  {f.file}:{f.line} {f.code} {v.reason}" for f, v in report.false]
    if report.stale:
        lines.append("")
        lines.append("ledger entries with no finding any more (remove them):")
        lines += [f"  {v.file}:{v.line} {v.code} {v.verdict}" for v in report.stale]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless the ledger is clean")
    parser.add_argument("--update", action="store_true", help="add unreviewed findings as `?`")
    parser.add_argument(
        "--default-only",
        action="store_true",
        help="only the default selection (the ledger also reviews the opt-in heuristics)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--ledger", type=Path, default=LEDGER)
    args = parser.parse_args(argv)
    report = check(args.corpus, args.ledger, all_rules=not args.default_only)
    if args.update:
        kept = [v for v in report.ledger.values() if v not in report.stale]
        known = {v.key for v in kept}
        added = [
            Verdict(f.file, f.line, f.code, UNREVIEWED, f.message)
            for f in report.unreviewed
            if f.key not in known
        ]
        write_ledger(kept + added, args.ledger)
        report = check(args.corpus, args.ledger, all_rules=not args.default_only)
    print(render(report))
    return 1 if args.check and report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
