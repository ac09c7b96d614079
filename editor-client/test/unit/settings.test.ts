import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_SERVER_SETTINGS,
  normalizeSeverity,
  toInitializationOptions,
  toServerSettings,
  toServerSettingsWithProblems,
} from "../../src/core/settings";

test("null, undefined and empty config give the defaults", () => {
  for (const config of [null, undefined, {}, { get: () => undefined }]) {
    assert.deepEqual(toServerSettings(config), DEFAULT_SERVER_SETTINGS);
  }
  assert.deepEqual(DEFAULT_SERVER_SETTINGS, {
    enable: true,
    select: null,
    ignore: null,
    severity: null,
    baseline: true,
    inlayHints: true,
  });
});

test("the package.json defaults map to 'not set'", () => {
  const config = { enable: true, select: [], ignore: [], severity: {}, interpreter: [], trace: { server: "off" } };
  assert.deepEqual(toInitializationOptions(config), {
    settings: { enable: true, select: null, ignore: null, severity: null, baseline: true, inlayHints: true },
  });
});

test("a WorkspaceConfiguration-like getter is read", () => {
  const values: Record<string, unknown> = {
    enable: false,
    select: ["HP1", "HP103", "HP1"],
    ignore: [" HP302 "],
    severity: { HP302: "Warning", HP101: "information", HP999: "fatal" },
    baseline: false,
  };
  const { settings, problems } = toServerSettingsWithProblems({ get: (k: string) => values[k] });
  assert.deepEqual(settings, {
    enable: false,
    select: ["HP1", "HP103"],
    ignore: ["HP302"],
    severity: { HP302: "warning", HP101: "info" },
    baseline: false,
    inlayHints: true,
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /HP999/);
});

test("only the server keys are sent (no interpreter, no trace)", () => {
  const s = toServerSettings({ interpreter: ["/x/python"], "trace.server": "verbose", enable: true });
  assert.deepEqual(Object.keys(s).sort(), ["baseline", "enable", "ignore", "inlayHints", "select", "severity"]);
});

test("wrong types are dropped with a problem, never thrown", () => {
  const { settings, problems } = toServerSettingsWithProblems({
    enable: "yes",
    select: "HP103",
    ignore: [1, "", "HP2"],
    severity: ["error"],
    baseline: "no",
  });
  assert.deepEqual(settings, {
    enable: true,
    select: null,
    ignore: ["HP2"],
    severity: null,
    baseline: true,
    inlayHints: true,
  });
  assert.equal(problems.length, 6);
});

test("severity words", () => {
  assert.equal(normalizeSeverity("ERROR"), "error");
  assert.equal(normalizeSeverity("warn"), "warning");
  assert.equal(normalizeSeverity("hint"), "hint");
  assert.equal(normalizeSeverity("fatal"), undefined);
  assert.equal(normalizeSeverity(3), undefined);
});

test("the result is JSON-serialisable as is", () => {
  const s = toServerSettings({ select: ["HP1"], severity: { HP1: "hint" } });
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
});
