import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { documentSelector, isLintable } from "../../src/core/documents";
import { probeImport } from "../../src/core/probe";
import { RestartPolicy } from "../../src/core/restartPolicy";
import { codesAt, codesInFile, diagnosticCode, DiagnosticLike, normalizeRuleInput } from "../../src/core/rules";
import { which } from "../../src/core/which";

test("document selector: yaml/json/jsonc on file and untitled", () => {
  const sel = documentSelector();
  assert.equal(sel.length, 6);
  assert.ok(sel.some((f) => f.scheme === "untitled" && f.language === "yaml"));
  assert.ok(isLintable("json", "file"));
  assert.ok(!isLintable("python", "file"));
  assert.ok(!isLintable("yaml", "git"));
});

test("restart policy: a few restarts, then it stays down", () => {
  const p = new RestartPolicy({ maxRestarts: 3, windowMs: 60_000 });
  assert.equal(p.onCrash(0), "restart");
  assert.equal(p.onCrash(1), "restart");
  assert.equal(p.onCrash(2), "restart");
  assert.equal(p.onError(), "continue");
  assert.equal(p.onCrash(3), "give-up");
  assert.ok(p.hasGivenUp);
  assert.equal(p.onCrash(10 * 60_000), "give-up");
  assert.equal(p.onError(), "shutdown");
  p.reset();
  assert.equal(p.onCrash(20 * 60_000), "restart");
});

test("restart policy: old crashes fall out of the window", () => {
  const p = new RestartPolicy({ maxRestarts: 2, windowMs: 1000 });
  assert.equal(p.onCrash(0), "restart");
  assert.equal(p.onCrash(10), "restart");
  assert.equal(p.onCrash(5000), "restart");
  assert.equal(p.crashCount, 1);
});

const d = (
  code: DiagnosticLike["code"],
  l0: number,
  c0: number,
  l1: number,
  c1: number,
  source = "hplint",
): DiagnosticLike => ({
  source,
  code,
  range: { start: { line: l0, character: c0 }, end: { line: l1, character: c1 } },
});

test("rule codes under the cursor, innermost first; other sources ignored", () => {
  const diags = [
    d("HP001", 0, 0, 30, 0),
    d({ value: "HP103", target: "https://x" }, 17, 2, 17, 15),
    d("E1", 17, 2, 17, 15, "yaml"),
    d("HP501", 11, 40, 11, 52),
  ];
  assert.deepEqual(codesAt(diags, { line: 17, character: 4 }), ["HP103", "HP001"]);
  assert.deepEqual(codesAt(diags, { line: 17, character: 15 }), ["HP103", "HP001"]);
  assert.deepEqual(codesAt(diags, { line: 40, character: 0 }), []);
  assert.deepEqual(codesInFile(diags), ["HP001", "HP103", "HP501"]);
  assert.equal(diagnosticCode(d(42, 0, 0, 0, 0)), "42");
  assert.equal(diagnosticCode(d(undefined, 0, 0, 0, 0)), undefined);
});

test("rule input", () => {
  assert.equal(normalizeRuleInput(" hp103 "), "HP103");
  assert.equal(normalizeRuleInput("lr-not-scaled-with-batch-size"), "lr-not-scaled-with-batch-size");
  assert.equal(normalizeRuleInput("rm -rf /"), undefined);
});

test("which finds executables on PATH only", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hplint-which-"));
  const exe = path.join(dir, "fakepy");
  writeFileSync(exe, "#!/bin/sh\n");
  chmodSync(exe, 0o755);
  writeFileSync(path.join(dir, "notexec"), "x");
  assert.equal(await which("fakepy", { PATH: `/nonexistent:${dir}` }, "linux"), exe);
  assert.equal(
    await which("notexec", { PATH: dir }, "linux"),
    process.platform === "win32" ? path.join(dir, "notexec") : undefined,
  );
  assert.equal(await which("missing", { PATH: dir }, "linux"), undefined);
  assert.equal(await which("fakepy", {}, "linux"), undefined);
  writeFileSync(path.join(dir, "tool.CMD"), "@echo off");
  assert.equal(await which("tool", { Path: dir, PATHEXT: ".EXE;.CMD" }, "win32"), path.join(dir, "tool.CMD"));
});

test("import probe: ok, missing module, missing interpreter, timeout", async () => {
  const py = (await which("python3")) ?? (await which("python"));
  if (!py) return; // no Python on this machine: nothing to probe
  assert.deepEqual(await probeImport([py], "json"), { ok: true });
  const missing = await probeImport([py], "hplint_surely_missing_module");
  assert.equal(missing.ok, false);
  assert.match(missing.reason!, /ModuleNotFoundError|No module/);
  const noInterp = await probeImport(["/nonexistent/python"], "json");
  assert.equal(noInterp.ok, false);
  assert.match(noInterp.reason!, /ENOENT/);
  const slow = await probeImport([py, "-c", "import time; time.sleep(5)", "-c"], "json", 300);
  assert.equal(slow.ok, false);
  assert.match(slow.reason!, /timed out/);
});
