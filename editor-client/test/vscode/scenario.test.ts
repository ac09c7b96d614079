/**
 * The packaged extension in a real VS Code, driven as a person would drive it.
 *
 * code-server (VS Code 1.100.3) gets the linux-x64 platform package (.vsix with hplint and its
 * Python dependencies inside) installed into a fresh profile; the only Python it can find is a
 * venv without any package, and no hplint is on PATH: the extension must run its bundled hplint.
 * It serves a workspace holding a native config (examples/mistakes/mlp_sgd.yaml), a W&B sweep,
 * a GitHub workflow and an hplint.toml that turns on the opt-in heuristics; Debian's Chromium,
 * driven by playwright-core, opens them. Every step asserts on what the page shows and saves a
 * screenshot.
 *
 *   npm run package:platform -- linux-x64
 *   HPLINT_CODE_SERVER=$(bash test/vscode/install-code-server.sh) \
 *   HPLINT_PYTHON=/venv/bin/python npm run test:vscode
 *
 * HPLINT_PYTHON (with hplint installed) runs `hplint check` for the expected diagnostics and
 * makes the bare venv. HPLINT_SCREENSHOTS=DIR keeps the screenshots there (default:
 * out/vscode-screenshots); HPLINT_README_SCREENSHOTS=1 also refreshes the ones the README and
 * docs show (docs/images/).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, afterEach, before, test } from "node:test";
import { Page } from "playwright-core";
import { CodeServerPaths, languageServers, outputChannelLog, RunningCodeServer, waitFor } from "./codeServer";
import { barePython, openSession, pathWithOnly, Session } from "./session";
import { ProblemRow, Workbench } from "./workbench";

const CLIENT = path.resolve(__dirname, "..", "..");
const REPO = path.resolve(CLIENT, "..");
const PYTHON = process.env.HPLINT_PYTHON || "python3";
const ENTRY = process.env.HPLINT_CODE_SERVER ?? "";
const SHOTS = path.resolve(process.env.HPLINT_SCREENSHOTS || path.join(CLIENT, "out", "vscode-screenshots"));
const README_SHOTS = process.env.HPLINT_README_SCREENSHOTS === "1" ? path.join(REPO, "docs", "images") : undefined;
const VERSION = JSON.parse(readFileSync(path.join(CLIENT, "package.json"), "utf8")).version as string;
const VSIX = path.join(CLIENT, `hplint-linux-x64-${VERSION}.vsix`);

/** The workspace: two configs from examples/ and a file hplint must leave alone. */
const NATIVE = "mlp_sgd.yaml";
const SWEEP = "sweep.yaml";
const WORKFLOW = ".github/workflows/ci.yml";

/** What the learning rate's hover teaches (server/hplint/knowledge/hyperparameters.py). */
const LR_HOVER = ["Learning rate (optimizer step size)", "How far each gradient step moves the weights"];

const STEP_TIMEOUT = 60_000;

let session: Session | undefined;
let bare: string | undefined; // the Python without packages
let root: string; // the workspace folder
let paths: CodeServerPaths;
let codeServer: RunningCodeServer;
let page: Page;
let bench: Workbench;

interface CliDiagnostic {
  path: string;
  line: number;
  column: number;
  code: string;
  severity: "error" | "warning" | "info" | "hint";
  message: string;
  fix?: { description: string };
}

/**
 * `hplint check --format json` on the same file, or on the same text as the editor's buffer
 * (`-` with `--stdin-filename`): what the Problems panel must list.
 */
function cliDiagnostics(file: string, text?: string): CliDiagnostic[] {
  const target = text === undefined ? [file] : ["-", "--stdin-filename", file];
  const result = spawnSync(PYTHON, ["-m", "hplint", "check", "--format", "json", "--exit-zero", ...target], {
    cwd: root,
    encoding: "utf8",
    input: text,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as CliDiagnostic[];
}

function shot(name: string): Promise<void> {
  return bench.screenshot(path.join(SHOTS, `${name}.png`));
}

/** A failure message with what the extension logged. */
function context(): string {
  return `\n--- hplint output channel ---\n${outputChannelLog(paths).slice(-4000)}`;
}

/** The file's text with one line replaced: the buffer after an edit. */
function edited(file: string, line: number, from: string, to: string): string {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  assert.ok(lines[line - 1].includes(from), `line ${line} of ${file} holds ${from}`);
  lines[line - 1] = lines[line - 1].replace(from, to);
  return lines.join("\n");
}

/**
 * Where the Problems panel must list findings: VS Code lists errors, warnings and infos there;
 * hints show only in the editor (a dotted underline and the hover).
 */
function positions(diagnostics: CliDiagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity !== "hint").map((d) => `${d.line}:${d.column} ${d.code}`);
}

function byPosition(rows: { line: number; column: number; code: string }[]): string[] {
  return rows.map((r) => `${r.line}:${r.column} ${r.code}`).sort();
}

async function problemsOf(file: string): Promise<ProblemRow[]> {
  return (await bench.problems()).filter((p) => p.file === path.basename(file));
}

/** Wait until the Problems panel shows exactly `expected` (line:column code) for `file`. */
async function expectProblems(file: string, expected: string[], what: string): Promise<ProblemRow[]> {
  let rows: ProblemRow[] = [];
  try {
    await waitFor(
      async () => {
        rows = await problemsOf(file);
        return JSON.stringify(byPosition(rows)) === JSON.stringify([...expected].sort());
      },
      STEP_TIMEOUT,
      what,
      500,
    );
  } catch {
    assert.fail(
      `${what}\nexpected ${JSON.stringify([...expected].sort())}\nshown    ${JSON.stringify(byPosition(rows))}${context()}`,
    );
  }
  return rows;
}

before(async () => {
  assert.ok(
    ENTRY,
    "HPLINT_CODE_SERVER must name code-server's entry.js (test/vscode/install-code-server.sh prints it)",
  );
  assert.ok(readFileSync(VSIX).length > 0, `${VSIX} is missing: run npm run package:platform -- linux-x64 first`);
  mkdirSync(SHOTS, { recursive: true });
  bare = mkdtempSync(path.join(tmpdir(), "hplint-bare-python-"));
  const interpreter = barePython(PYTHON, bare);
  session = await openSession({
    entry: ENTRY,
    vsix: VSIX,
    workspace: path.join(__dirname, "workspace"),
    files: {
      [NATIVE]: path.join(REPO, "examples", "mistakes", "mlp_sgd.yaml"),
      [SWEEP]: path.join(REPO, "examples", "mistakes", "wandb_log_uniform.yaml"),
    },
    path: pathWithOnly(interpreter),
  });
  ({ root, paths, codeServer, page, bench } = session);
});

/** Every step leaves a screenshot of how the page looked at its end (also when it failed). */
let stepNumber = 0;
afterEach(async (t) => {
  stepNumber += 1;
  const slug = t.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  await page?.screenshot({ path: path.join(SHOTS, `step-${stepNumber}-${slug}.png`) }).catch(() => undefined);
});

after(async () => {
  await session?.close();
  if (bare) rmSync(bare, { recursive: true, force: true });
});

test(
  "the Problems panel lists hplint's diagnostics where `hplint check` puts them",
  { timeout: 3 * STEP_TIMEOUT },
  async () => {
    await bench.openFile(NATIVE);
    const expected = cliDiagnostics(NATIVE);
    assert.ok(expected.length >= 5, "the example has findings");
    const rows = await expectProblems(
      NATIVE,
      positions(expected),
      "the diagnostics of mlp_sgd.yaml appear in the Problems panel",
    );
    for (const d of expected.filter((e) => e.severity !== "hint")) {
      const row = rows.find((r) => r.line === d.line && r.code === d.code)!;
      assert.equal(row.message, d.message, `${d.code} shows the CLI's message`);
      assert.equal(row.severity.toLowerCase(), d.severity, `${d.code} has the CLI's severity`);
    }
    const lr = rows.find((r) => r.code === "HP103");
    assert.equal(lr?.related, 2, "HP103 lists the batch size and the reference as related information");
    await shot("problems");
  },
);

test("the extension runs the hplint it bundles, on a Python without packages", { timeout: STEP_TIMEOUT }, async () => {
  const [server] = languageServers(codeServer.process.pid!);
  assert.ok(server, `an hplint server runs under code-server${context()}`);
  const launcher = server.argv.find((a) => a.endsWith(path.join("bundled", "hplint_server.py")));
  assert.ok(launcher, `started from the bundle: ${server.argv.join(" ")}`);
  assert.ok(launcher.startsWith(paths.extensionsDir), `the installed extension's bundle: ${launcher}`);
  assert.equal(server.argv[0], path.join(bare!, "bin", "python3"), "the bare Python found on PATH runs it");
  assert.match(outputChannelLog(paths), /\(hplint \S+ bundled with the extension, on Python on PATH\)/);
});

test("the status bar shows the detected format", { timeout: STEP_TIMEOUT }, async () => {
  await bench.waitForStatus("hplint: hplint config");
});

test("hovering the learning rate explains it", { timeout: 2 * STEP_TIMEOUT }, async () => {
  const widget = await bench.hover(await bench.token(18, "learning_rate"));
  const text = await widget.innerText();
  for (const phrase of LR_HOVER) assert.ok(text.includes(phrase), `hover shows "${phrase}":\n${text}`);
  await shot("hover");
  // Further down, the batch-size -> learning-rate line with the config's point on it (HP103).
  for (const phrase of ["The learning rate the batch implies", "2048  0.8", "this config: lr 0.1"]) {
    assert.ok(text.includes(phrase), `hover sketches the scaling line ("${phrase}"):\n${text}`);
  }
  await widget.getByText("this config: lr 0.1").last().scrollIntoViewIfNeeded();
  await shot("hover-scaling");
  await bench.dismissHover();
});

test("an inlay hint shows the learning rate the batch implies", { timeout: 2 * STEP_TIMEOUT }, async () => {
  let line = "";
  await waitFor(
    async () => (line = await bench.lineText(18)).includes("expected ≈0.8"),
    STEP_TIMEOUT,
    "the hint after learning_rate: 0.1",
  ).catch(() => assert.fail(`line 18 reads ${JSON.stringify(line)}${context()}`));
  assert.match(line, /learning_rate: 0\.1\s*expected ≈0\.8/);
  await shot("inlay-hints");
});

test("a hint is not in the Problems panel but shows in the editor's hover", { timeout: 2 * STEP_TIMEOUT }, async () => {
  const hint = cliDiagnostics(NATIVE).find((d) => d.severity === "hint");
  assert.ok(hint, "the example has a hint (HP306)");
  const widget = await bench.hover(await bench.token(hint.line, "false"));
  assert.ok((await widget.innerText()).includes(hint.message), `the hover shows ${hint.code}`);
  await bench.dismissHover();
});

test("editing a value updates the diagnostics", { timeout: 2 * STEP_TIMEOUT }, async () => {
  assert.ok(positions(cliDiagnostics(NATIVE)).includes("28:15 HP305"), "patience 40 >= epochs 30");
  const after = positions(cliDiagnostics(NATIVE, edited(NATIVE, 28, "40", "5")));
  assert.ok(!after.includes("28:15 HP305"), "patience 5 < epochs 30");
  await bench.replaceToken(await bench.token(28, "40"), "5");
  await expectProblems(NATIVE, after, "HP305 disappears once patience (5) is below the number of epochs");
  await shot("edited");
});

test(
  "the W&B sweep gets its diagnostics and the status bar names its format",
  { timeout: 2 * STEP_TIMEOUT },
  async () => {
    await bench.openFile(SWEEP);
    await expectProblems(SWEEP, positions(cliDiagnostics(SWEEP)), "the sweep's diagnostics appear");
    await bench.waitForStatus("hplint: W&B sweep");
  },
);

test("inlay hints show what exponent-style bounds stand for", { timeout: 2 * STEP_TIMEOUT }, async () => {
  // log_uniform takes natural-log exponents: min 0.00001 and max 0.01 sample e^x, about 1.
  for (const line of [7, 8]) {
    let text = "";
    await waitFor(
      async () => /≈ 1(\.0)?\b/.test((text = await bench.lineText(line))),
      STEP_TIMEOUT,
      `the hint on line ${line}`,
    ).catch(() => assert.fail(`line ${line} reads ${JSON.stringify(text)}${context()}`));
  }
  await shot("inlay-hints-exponents");
});

test("a quick fix applies and its diagnostic disappears", { timeout: 2 * STEP_TIMEOUT }, async () => {
  const all = cliDiagnostics(SWEEP);
  const target = all.find((d) => d.code === "HP605");
  assert.ok(target?.fix, "HP605 (log_uniform bounds are exponents) has a fix");
  const fixed = positions(cliDiagnostics(SWEEP, edited(SWEEP, target.line, "log_uniform", "log_uniform_values")));
  assert.ok(!fixed.some((d) => d.endsWith("HP605")), "the fixed text has no HP605");
  const menu = await bench.quickFixMenu(target.line, target.column);
  await menu.locator(".monaco-list-row.action", { hasText: target.fix.description }).waitFor();
  await shot("quick-fix");
  await bench.choose(menu, target.fix.description);
  await waitFor(
    async () => (await bench.lineText(target.line)).includes("distribution: log_uniform_values"),
    STEP_TIMEOUT,
    "the fix rewrites the distribution",
  );
  await expectProblems(SWEEP, fixed, "HP605 disappears after the fix");
  await shot("fixed");
});

test("hovering a search distribution draws where its samples land", { timeout: 2 * STEP_TIMEOUT }, async () => {
  // After the fix the bounds are values: a log-uniform draw over three decades.
  const widget = await bench.hover(await bench.token(5, "learning_rate"));
  const text = await widget.innerText();
  for (const phrase of ["Where the samples land", "log-uniform", "median"]) {
    assert.ok(text.includes(phrase), `the hover sketches the distribution ("${phrase}"):\n${text}`);
  }
  assert.match(text, /1e-5 … 1e-4/, `the first bin starts at the lower bound:\n${text}`);
  await widget.getByText("· log-uniform").last().scrollIntoViewIfNeeded();
  await shot("hover-sketch");
  await bench.dismissHover();
});

test("a file that is not a tuning config shows nothing", { timeout: 2 * STEP_TIMEOUT }, async () => {
  await bench.openFile(WORKFLOW);
  await bench.waitForStatus("hplint: not a tuning config");
  assert.deepEqual(await problemsOf(WORKFLOW), []);
  await shot("not-tuning");
});

test("a killed server is restarted and diagnostics come back", { timeout: 3 * STEP_TIMEOUT }, async () => {
  const pid = codeServer.process.pid!;
  const [first] = languageServers(pid);
  assert.ok(first, `an hplint server runs under code-server${context()}`);
  assert.ok(first.argv.includes("--stdio"), `started with --stdio: ${first.argv.join(" ")}`);
  process.kill(first.pid, "SIGKILL");
  await waitFor(
    () => languageServers(pid).some((p) => p.pid !== first.pid),
    STEP_TIMEOUT,
    "a new hplint server process is started",
  );
  await bench.openFile(NATIVE);
  await bench.waitForStatus("hplint: hplint config");
  await bench.replaceToken(await bench.token(28, "5"), "50");
  const expected = positions(cliDiagnostics(NATIVE, edited(NATIVE, 28, "40", "50")));
  assert.ok(expected.includes("28:15 HP305"), "patience 50 >= epochs 30");
  await expectProblems(NATIVE, expected, "the restarted server lints the edited buffer (HP305 is back)");
  assert.match(outputChannelLog(paths), /stopped unexpectedly; restarting \(crash 1\)/);
  await shot("restarted");
});

after(() => {
  if (!README_SHOTS) return;
  mkdirSync(README_SHOTS, { recursive: true });
  for (const name of ["problems", "hover", "quick-fix", "inlay-hints", "hover-sketch"]) {
    copyFileSync(path.join(SHOTS, `${name}.png`), path.join(README_SHOTS, `vscode-${name}.png`));
  }
});
