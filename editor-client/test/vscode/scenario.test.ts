/**
 * The packaged extension in a real VS Code, driven as a person would drive it.
 *
 * code-server (VS Code 1.100.3) gets the built .vsix installed into a fresh profile and serves
 * a workspace holding a native config (examples/mistakes/mlp_sgd.yaml), a W&B sweep, a GitHub
 * workflow and an hplint.toml that turns on the opt-in heuristics; Debian's Chromium, driven by
 * playwright-core, opens them. Every step asserts on what the page shows and saves a screenshot.
 *
 *   HPLINT_CODE_SERVER=$(bash test/vscode/install-code-server.sh) \
 *   HPLINT_PYTHON=/venv/bin/python npm run test:vscode
 *
 * HPLINT_SCREENSHOTS=DIR keeps the screenshots there (default: out/vscode-screenshots);
 * HPLINT_README_SCREENSHOTS=1 also refreshes the three that the README shows (docs/images/).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, afterEach, before, test } from "node:test";
import { Browser, chromium, Page } from "playwright-core";
import {
  CodeServerPaths,
  installExtension,
  languageServers,
  outputChannelLog,
  RunningCodeServer,
  startCodeServer,
  waitFor,
  writeUserSettings,
} from "./codeServer";
import { ProblemRow, Workbench } from "./workbench";

const CLIENT = path.resolve(__dirname, "..", "..");
const REPO = path.resolve(CLIENT, "..");
const PYTHON = process.env.HPLINT_PYTHON || "python3";
const ENTRY = process.env.HPLINT_CODE_SERVER ?? "";
const CHROMIUM = process.env.HPLINT_CHROMIUM || "/usr/bin/chromium";
const SHOTS = path.resolve(process.env.HPLINT_SCREENSHOTS || path.join(CLIENT, "out", "vscode-screenshots"));
const README_SHOTS = process.env.HPLINT_README_SCREENSHOTS === "1" ? path.join(REPO, "docs", "images") : undefined;
const VERSION = JSON.parse(readFileSync(path.join(CLIENT, "package.json"), "utf8")).version as string;
const VSIX = path.join(CLIENT, `hplint-${VERSION}.vsix`);

/** The workspace: two configs from examples/ and a file hplint must leave alone. */
const NATIVE = "mlp_sgd.yaml";
const SWEEP = "sweep.yaml";
const WORKFLOW = ".github/workflows/ci.yml";

/** What the learning rate's hover teaches (server/hplint/knowledge/hyperparameters.py). */
const LR_HOVER = ["Learning rate (optimizer step size)", "How far each gradient step moves the weights"];

const STEP_TIMEOUT = 60_000;

let scratch: string | undefined; // the profile and the workspace, removed afterwards
let root: string; // the workspace folder
let paths: CodeServerPaths;
let codeServer: RunningCodeServer | undefined;
let browser: Browser | undefined;
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
  assert.ok(readFileSync(VSIX).length > 0, `${VSIX} is missing: run npm run package first`);
  scratch = mkdtempSync(path.join(tmpdir(), "hplint-vscode-"));
  const folder = path.join(scratch, "workspace");
  root = folder;
  cpSync(path.join(__dirname, "workspace"), folder, { recursive: true });
  copyFileSync(path.join(REPO, "examples", "mistakes", "mlp_sgd.yaml"), path.join(folder, NATIVE));
  copyFileSync(path.join(REPO, "examples", "mistakes", "wandb_log_uniform.yaml"), path.join(folder, SWEEP));
  mkdirSync(SHOTS, { recursive: true });

  paths = {
    entry: ENTRY,
    extensionsDir: path.join(scratch, "extensions"),
    userDataDir: path.join(scratch, "user-data"),
  };
  installExtension(paths, VSIX);
  writeUserSettings(paths, {
    "hplint.interpreter": [PYTHON],
    "security.workspace.trust.enabled": false,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "editor.minimap.enabled": false,
    "editor.quickSuggestions": { other: false, comments: false, strings: false },
    "editor.hover.delay": 200,
    "files.autoSave": "off",
    "chat.disableAIFeatures": true,
    "workbench.colorTheme": "Default Light Modern",
  });
  codeServer = await startCodeServer(paths, folder);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(folder)}`);
  bench = new Workbench(page);
  await bench.ready();
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
  await browser?.close();
  await codeServer?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
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

test("the status bar shows the detected format", { timeout: STEP_TIMEOUT }, async () => {
  await bench.waitForStatus("hplint: hplint config");
});

test("hovering the learning rate explains it", { timeout: 2 * STEP_TIMEOUT }, async () => {
  const widget = await bench.hover(await bench.token(18, "learning_rate"));
  const text = await widget.innerText();
  for (const phrase of LR_HOVER) assert.ok(text.includes(phrase), `hover shows "${phrase}":\n${text}`);
  await shot("hover");
  await bench.dismissHover();
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

test("a file that is not a tuning config shows nothing", { timeout: 2 * STEP_TIMEOUT }, async () => {
  await bench.openFile(WORKFLOW);
  await bench.waitForStatus("hplint: not a tuning config");
  assert.deepEqual(await problemsOf(WORKFLOW), []);
  await shot("not-tuning");
});

test("a killed server is restarted and diagnostics come back", { timeout: 3 * STEP_TIMEOUT }, async () => {
  const pid = codeServer!.process.pid!;
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
  for (const name of ["problems", "hover", "quick-fix"]) {
    copyFileSync(path.join(SHOTS, `${name}.png`), path.join(README_SHOTS, `vscode-${name}.png`));
  }
});
