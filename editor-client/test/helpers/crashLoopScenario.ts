/**
 * Run by test/unit/crashLoop.test.ts in its own process:
 *   node --import tsx test/helpers/crashLoopScenario.ts <python>
 * activate() with a stubbed `vscode` against a "server" that exits at once,
 * then print what the user would have seen as JSON on stdout.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { installVscodeStub } from "./vscodeStub";

// vscode-languageclient 9 leaves a few internal promises unhandled when a server
// dies during initialize; VS Code only logs them. Collect them for the test.
const rejections: string[] = [];
process.on("unhandledRejection", (reason) => rejections.push(String((reason as Error)?.message ?? reason)));

async function main(): Promise<void> {
  const python = process.argv[2];
  const state = installVscodeStub();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the stub; imports are hoisted
  const ext = require("../../src/extension") as typeof import("../../src/extension");
  const fake = mkdtempSync(path.join(tmpdir(), "hplint-crash-"));
  mkdirSync(path.join(fake, "hplint"));
  writeFileSync(path.join(fake, "hplint", "__init__.py"), "");
  writeFileSync(path.join(fake, "hplint", "__main__.py"), "import sys\nsys.stderr.write('boom\\n')\nsys.exit(3)\n");
  process.env.PYTHONPATH = fake;
  state.config.interpreter = [python];
  state.activeEditor = { document: { languageId: "yaml", uri: { scheme: "file", toString: () => "file:///a.yaml" } } };
  const context = { subscriptions: [] as { dispose(): void }[], extensionPath: process.cwd() };
  await ext.activate(context as never);
  const deadline = Date.now() + 30_000;
  while (state.errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500)); // nothing more may follow
  const statusAfterCrashes = state.statusItem.text;
  await ext.deactivate();
  process.stdout.write(
    JSON.stringify({
      errors: state.errors,
      warnings: state.warnings,
      status: statusAfterCrashes,
      logs: state.logs,
      rejections,
    }),
  );
  process.exit(0);
}

void main();
