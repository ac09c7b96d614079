/**
 * The source layout: `src/core` is plain TypeScript that never imports `vscode` (so all of it
 * runs and is tested in plain Node); `src/vscode` is the glue; `src/extension.ts` is the entry.
 * Import specifiers are read with TypeScript's own pre-processor (imports, `export ... from`,
 * `import type`, `require()` and `import()`), not with a regular expression.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import ts from "typescript";

const src = path.resolve(__dirname, "..", "..", "src");
const core = path.join(src, "core");

/** Every module specifier a source text imports, re-exports or requires. */
function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Why `specifier`, imported by the file `from` under src/core, is not allowed (or undefined). */
function coreViolation(from: string, specifier: string): string | undefined {
  if (specifier === "vscode" || specifier.startsWith("vscode/")) return "imports vscode";
  if (specifier === "vscode-languageclient" || specifier.startsWith("vscode-languageclient/")) {
    return "imports vscode-languageclient (which imports vscode)";
  }
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(from), specifier);
    const inside = path.relative(core, target);
    if (inside.startsWith("..") || path.isAbsolute(inside)) return "imports a module outside src/core";
  }
  return undefined;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith(".ts") ? [full] : [];
  });
}

test("no file under src/core imports vscode, vscode-languageclient or the glue", () => {
  const files = tsFiles(core);
  assert.ok(files.length >= 9, `found ${files.length} files under src/core`);
  const violations: string[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(readFileSync(file, "utf8"))) {
      const why = coreViolation(file, specifier);
      if (why) violations.push(`${path.relative(src, file)}: "${specifier}" ${why}`);
    }
  }
  assert.deepEqual(violations, []);
});

test("src holds the entry point, core/ and vscode/ only", () => {
  const entries = readdirSync(src, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
  assert.deepEqual(entries.sort(), ["core/", "extension.ts", "vscode/"]);
});

test("the entry point only re-exports the glue", () => {
  const text = readFileSync(path.join(src, "extension.ts"), "utf8");
  assert.deepEqual(importSpecifiers(text), ["./vscode/extension"]);
});

test("the import check sees every way of importing vscode", () => {
  const from = path.join(core, "x.ts");
  const cases = [
    'import * as vscode from "vscode";',
    'import type { Uri } from "vscode";',
    'import "vscode";',
    'export { window } from "vscode";',
    'export * from "vscode-languageclient/node";',
    'const v = require("vscode");',
    'const m = import("vscode-languageclient");',
    'import { StatusBar } from "../vscode/statusBar";',
  ];
  for (const text of cases) {
    const specifiers = importSpecifiers(text);
    assert.equal(specifiers.length, 1, text);
    assert.ok(coreViolation(from, specifiers[0]), text);
  }
  for (const ok of ['import { x } from "./settings";', 'import * as fs from "node:fs";', "// import 'vscode'"]) {
    assert.ok(
      importSpecifiers(ok).every((s) => !coreViolation(from, s)),
      ok,
    );
  }
});
