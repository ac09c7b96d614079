/**
 * The platform package in a real VS Code when the user installed hplint themselves: the
 * extension keeps to its interpreter order and runs that hplint (`-m hplint lsp`), not the one it
 * bundles. (scenario.test.ts covers the bundle; this covers "the order stays as it was".)
 *
 *   HPLINT_CODE_SERVER=... HPLINT_PYTHON=/venv/bin/python npm run test:vscode
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { languageServers, outputChannelLog, waitFor } from "./codeServer";
import { openSession, Session } from "./session";

const CLIENT = path.resolve(__dirname, "..", "..");
const REPO = path.resolve(CLIENT, "..");
const PYTHON = process.env.HPLINT_PYTHON || "python3";
const ENTRY = process.env.HPLINT_CODE_SERVER ?? "";
const VERSION = JSON.parse(readFileSync(path.join(CLIENT, "package.json"), "utf8")).version as string;
const VSIX = path.join(CLIENT, `hplint-linux-x64-${VERSION}.vsix`);
const NATIVE = "mlp_sgd.yaml";

let session: Session | undefined;

before(async () => {
  assert.ok(ENTRY, "HPLINT_CODE_SERVER must name code-server's entry.js");
  const python = spawnSync(PYTHON, ["-c", "import sys, hplint; print(sys.executable)"], { encoding: "utf8" });
  assert.equal(python.status, 0, `HPLINT_PYTHON must have hplint installed:\n${python.stderr}`);
  const environment = python.stdout.trim();
  session = await openSession({
    entry: ENTRY,
    vsix: VSIX,
    workspace: path.join(__dirname, "workspace"),
    files: { [NATIVE]: path.join(REPO, "examples", "mistakes", "mlp_sgd.yaml") },
    // python3 on PATH is the environment with hplint (as after `pip install` into a venv).
    path: [path.dirname(environment), process.env.PATH].join(path.delimiter),
  });
});

after(async () => {
  await session?.close();
});

test("an hplint installed in the environment is used before the bundled one", { timeout: 120_000 }, async () => {
  const { bench, codeServer, paths } = session!;
  await bench.openFile(NATIVE);
  await bench.waitForStatus("hplint: hplint config");
  await waitFor(
    async () => (await bench.problems()).some((p) => p.file === NATIVE && p.code === "HP103"),
    60_000,
    "HP103 appears in the Problems panel",
  );
  const [server] = languageServers(codeServer.process.pid!);
  assert.ok(server, "an hplint server runs");
  assert.deepEqual(server.argv.slice(-4), ["-m", "hplint", "lsp", "--stdio"], server.argv.join(" "));
  assert.ok(!server.argv.some((a) => a.includes("bundled")), server.argv.join(" "));
  assert.match(outputChannelLog(paths), /\(from Python on PATH\)/);
});
