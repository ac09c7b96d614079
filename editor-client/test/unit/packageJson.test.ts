import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { LANGUAGES } from "../../src/core/documents";
import { SERVER_SETTING_NAMES, SETTING_KEYS, SEVERITIES } from "../../src/core/settings";

const root = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
/** The parts of a contributed setting's JSON Schema that the tests look at. */
interface ContributedSetting {
  type?: string;
  default?: unknown;
  scope?: string;
  enum?: string[];
  additionalProperties?: { enum?: string[] };
}
const props: Record<string, ContributedSetting> = pkg.contributes.configuration.properties;

test("every hplint.* setting is known to the settings mapping", () => {
  const contributed = Object.keys(props).map((k) => k.replace(/^hplint\./, ""));
  assert.ok(Object.keys(props).every((k) => k.startsWith("hplint.")));
  assert.deepEqual([...contributed].sort(), Object.keys(SETTING_KEYS).sort());
});

test("settings-contract.json lists exactly the server-side settings", () => {
  const contract = JSON.parse(readFileSync(path.join(root, "settings-contract.json"), "utf8"));
  assert.deepEqual(
    contract.settings.map((s: { name: string }) => s.name),
    [...SERVER_SETTING_NAMES],
  );
  const mappedToServer = Object.values(SETTING_KEYS).filter((v) => v !== null);
  assert.deepEqual([...mappedToServer].sort(), [...SERVER_SETTING_NAMES].sort());
  for (const s of contract.settings) {
    assert.ok(props[`hplint.${s.name}`], `hplint.${s.name} is contributed`);
    assert.equal(props[`hplint.${s.name}`].scope, "resource", `${s.name} is resource-scoped`);
  }
});

test("setting shapes", () => {
  assert.equal(props["hplint.enable"].default, true);
  assert.deepEqual(props["hplint.severity"].additionalProperties?.enum, [...SEVERITIES]);
  assert.equal(props["hplint.interpreter"].type, "array");
  assert.equal(props["hplint.interpreter"].scope, "machine-overridable");
  assert.deepEqual(props["hplint.trace.server"].enum, ["off", "messages", "verbose"]);
});

test("activation, commands and engine", () => {
  for (const lang of LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), lang);
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ["hplint.explainRule", "hplint.restart", "hplint.showOutput"]);
  const src = readFileSync(path.join(root, "src", "vscode", "extension.ts"), "utf8");
  for (const c of commands) assert.ok(src.includes(`"${c}"`), `${c} is registered`);
  assert.equal(pkg.engines.vscode, "^1.82.0");
  assert.equal(pkg.main, "./dist/extension.js");
  assert.ok(!pkg.extensionDependencies, "ms-python.python must stay optional");
  assert.match(pkg.devDependencies["@types/vscode"], /1\.82\./);
});

test("icon is a 128x128 PNG", () => {
  const png = readFileSync(path.join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString("ascii"), "PNG");
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});
