import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { zipEntries } from "../helpers/zip";

const root = path.resolve(__dirname, "..", "..");

test("npm run package builds a small .vsix with the bundle, manifest and README", { timeout: 180_000 }, () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "hplint-vsix-")), "hplint.vsix");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["run", "package", "--", "--out", out], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const entries = zipEntries(out);
  const has = (e: string) => entries.includes(e);
  // vsce stores README.md and CHANGELOG.md as readme.md / changelog.md.
  const hasNoCase = (e: string) => entries.some((x) => x.toLowerCase() === e.toLowerCase());
  for (const e of ["extension/dist/extension.js", "extension/package.json", "extension/images/icon.png"]) {
    assert.ok(has(e), `${e} in ${entries.join(", ")}`);
  }
  for (const e of ["extension/README.md", "extension/CHANGELOG.md", "extension/LICENSE.txt"]) {
    assert.ok(hasNoCase(e), `${e} in ${entries.join(", ")}`);
  }
  const forbidden = entries.filter((e) =>
    /^extension\/(src|test|node_modules|scripts|bundled)\/|\.map$|tsconfig/.test(e),
  );
  assert.deepEqual(forbidden, []);
  assert.ok(statSync(out).size < 300 * 1024, `vsix is ${statSync(out).size} bytes`);
});
