/**
 * A server that exits at once is restarted 3 times, then stays down with ONE
 * error message (activate() with a stubbed `vscode`, in a child process so the
 * language client's internal unhandled rejections do not leak into node:test).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { which } from "../../src/core/which";

const root = path.resolve(__dirname, "..", "..");

test("a crashing server is restarted 3 times, then one message", { timeout: 90_000 }, async (t) => {
  const python = (await which("python3")) ?? (await which("python"));
  if (!python) return t.skip("no Python on PATH");
  const r = spawnSync(process.execPath, ["--import", "tsx", "test/helpers/crashLoopScenario.ts", python], {
    cwd: root,
    encoding: "utf8",
    timeout: 80_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(r.stdout) as {
    errors: { message: string; items: string[] }[];
    warnings: unknown[];
    status: string;
    logs: string[];
    rejections: string[];
  };
  const context = JSON.stringify(seen, null, 1);
  assert.equal(seen.errors.length, 1, context);
  assert.match(seen.errors[0].message, /crashed 4 times/);
  assert.deepEqual(seen.errors[0].items, ["Show output", "Restart"]);
  assert.equal(seen.warnings.length, 0, context);
  assert.equal(seen.status, "$(error) hplint", context);
  assert.equal(seen.logs.filter((l) => /restarting \(crash/.test(l)).length, 3, context);
  for (const msg of seen.rejections) {
    assert.match(
      msg,
      /Pending response rejected since connection got disposed|Client is not running and can't be stopped/,
    );
  }
});
