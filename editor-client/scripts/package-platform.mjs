// The platform package: the extension with hplint and its Python dependencies inside, so that
// a user needs only a CPython interpreter (see README, "Install").
//
//   npm run package:platform -- linux-x64 [--out FILE]
//
// bundles the packages for the target (../scripts/bundle_python.py, run with $HPLINT_PYTHON or
// python3) and packs them with vsce as hplint-<target>-<version>.vsix.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [target = "linux-x64", ...vsceArgs] = process.argv.slice(2);
const python = process.env.HPLINT_PYTHON || "python3";
const { version } = JSON.parse(readFileSync(path.join(client, "package.json"), "utf8"));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: client, stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(python, [path.join(client, "..", "scripts", "bundle_python.py"), target]);
const out = vsceArgs.includes("--out") ? [] : ["--out", `hplint-${target}-${version}.vsix`];
run(process.platform === "win32" ? "npx.cmd" : "npx", [
  "vsce",
  "package",
  "--no-dependencies",
  "--target",
  target,
  "--ignoreFile",
  ".vscodeignore-platform",
  ...out,
  ...vsceArgs,
]);
