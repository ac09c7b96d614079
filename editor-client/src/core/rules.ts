/**
 * Finding hplint rule codes in diagnostics. Pure (structural types only).
 */

export interface PositionLike {
  line: number;
  character: number;
}

export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number; target?: unknown };
  range: { start: PositionLike; end: PositionLike };
}

export const DIAGNOSTIC_SOURCE = "hplint";

export function diagnosticCode(d: DiagnosticLike): string | undefined {
  const c = d.code;
  if (c === undefined || c === null) return undefined;
  if (typeof c === "object") return String(c.value);
  return String(c);
}

function before(a: PositionLike, b: PositionLike): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function containsPosition(range: DiagnosticLike["range"], pos: PositionLike): boolean {
  return !before(pos, range.start) && !before(range.end, pos);
}

/** hplint codes of diagnostics whose range contains `pos` (innermost range first). */
export function codesAt(diagnostics: readonly DiagnosticLike[], pos: PositionLike): string[] {
  const hits = diagnostics
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && containsPosition(d.range, pos))
    .sort((a, b) => spanSize(a) - spanSize(b));
  return unique(hits.map(diagnosticCode).filter((c): c is string => !!c));
}

/** All distinct hplint codes in a file, sorted. */
export function codesInFile(diagnostics: readonly DiagnosticLike[]): string[] {
  return unique(
    diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE)
      .map(diagnosticCode)
      .filter((c): c is string => !!c),
  ).sort();
}

/** Accepts `HP103`, `hp103` or a kebab-case rule name. */
export function normalizeRuleInput(input: string): string | undefined {
  const s = input.trim();
  if (/^[A-Za-z]{1,4}\d{1,4}$/.test(s)) return s.toUpperCase();
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s)) return s;
  return undefined;
}

function spanSize(d: DiagnosticLike): number {
  const lines = d.range.end.line - d.range.start.line;
  return lines * 1e6 + (d.range.end.character - d.range.start.character);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
