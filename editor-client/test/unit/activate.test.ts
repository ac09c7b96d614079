/**
 * activate() with a stubbed `vscode`: commands are registered, and a missing
 * hplint gives one notification (again only when the user restarts), no server.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { installVscodeStub } from "../helpers/vscodeStub";

const state = installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the stub; imports are hoisted
const ext = require("../../src/extension") as typeof import("../../src/extension");

test("missing hplint: one notification with install help, no server, status says so", async () => {
  state.config.interpreter = ["/nonexistent/bin/python"];
  state.activeEditor = { document: { languageId: "yaml", uri: { scheme: "file", toString: () => "file:///a.yaml" } } };
  const context = { subscriptions: [] as { dispose(): void }[], extensionPath: process.cwd() };
  await ext.activate(context as never);

  assert.deepEqual([...state.commands.keys()].sort(), ["hplint.explainRule", "hplint.restart", "hplint.showOutput"]);
  assert.equal(state.warnings.length, 1);
  const w = state.warnings[0];
  assert.match(w.message, /hplint is not installed for \/nonexistent\/bin\/python/);
  assert.match(w.message, /\/nonexistent\/bin\/python -m pip install git\+https:\/\/github\.com\/hplint\/hplint/);
  assert.deepEqual(w.items, ["Copy install command", "Open settings", "Show output"]);
  assert.equal(state.errors.length, 0);
  assert.ok(state.statusItem.visible);
  assert.equal(state.statusItem.text, "$(warning) hplint: not installed");
  assert.ok(
    state.logs.some((l) => /cannot import hplint/.test(l)),
    state.logs.join("\n"),
  );

  // A user-requested restart says it again; nothing else piles up.
  await state.commands.get("hplint.restart")!();
  assert.equal(state.warnings.length, 2);
  assert.equal(state.errors.length, 0);

  await state.commands.get("hplint.showOutput")!();
  assert.ok(state.logs.includes("show"));
  await ext.deactivate();
  for (const d of context.subscriptions) d.dispose();
});
