/**
 * One real-VS-Code session for a scenario: a throw-away profile with a .vsix installed, a
 * workspace, code-server serving it and headless Chromium showing it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Browser, chromium, Page } from "playwright-core";
import { CodeServerPaths, installExtension, RunningCodeServer, startCodeServer, writeUserSettings } from "./codeServer";
import { Workbench } from "./workbench";

const CHROMIUM = process.env.HPLINT_CHROMIUM || "/usr/bin/chromium";

/** The settings every session starts from: a quiet, predictable workbench. */
const QUIET_SETTINGS: Record<string, unknown> = {
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
};

export interface SessionOptions {
  entry: string;
  vsix: string;
  /** The workspace: a folder to copy, then `{ "name in workspace": "source file" }`. */
  workspace: string;
  files: Record<string, string>;
  /** On top of QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** PATH for code-server and everything it starts (default: this process's). */
  path?: string;
}

export interface Session {
  scratch: string;
  root: string;
  paths: CodeServerPaths;
  codeServer: RunningCodeServer;
  page: Page;
  bench: Workbench;
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const scratch = mkdtempSync(path.join(tmpdir(), "hplint-vscode-"));
  let browser: Browser | undefined;
  let codeServer: RunningCodeServer | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await codeServer?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const root = path.join(scratch, "workspace");
    cpSync(options.workspace, root, { recursive: true });
    for (const [name, source] of Object.entries(options.files)) cpSync(source, path.join(root, name));
    const paths = {
      entry: options.entry,
      extensionsDir: path.join(scratch, "extensions"),
      userDataDir: path.join(scratch, "user-data"),
    };
    installExtension(paths, options.vsix);
    writeUserSettings(paths, { ...QUIET_SETTINGS, ...options.settings });
    const env = options.path === undefined ? process.env : { ...process.env, PATH: options.path };
    codeServer = await startCodeServer(paths, root, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(root)}`);
    const bench = new Workbench(page);
    await bench.ready();
    return { scratch, root, paths, codeServer, page, bench, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * A Python with nothing installed (a venv without pip, made from `python`): what a user has who
 * never ran pip. Asserts that it really lacks hplint's dependencies.
 */
export function barePython(python: string, dir: string): string {
  const made = spawnSync(python, ["-m", "venv", "--without-pip", dir], { encoding: "utf8" });
  assert.equal(made.status, 0, `python -m venv --without-pip failed:\n${made.stderr}`);
  const interpreter = path.join(dir, "bin", "python3");
  for (const module of ["hplint", "yaml", "pygls", "jsonschema"]) {
    const imported = spawnSync(interpreter, ["-c", `import ${module}`], { encoding: "utf8" });
    assert.notEqual(imported.status, 0, `${module} is importable in the bare interpreter ${interpreter}`);
  }
  return interpreter;
}

/** A PATH whose python3 is `interpreter` and on which no `hplint` script exists. */
export function pathWithOnly(interpreter: string): string {
  const dirs = [path.dirname(interpreter), "/usr/local/bin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    assert.ok(!existsSync(path.join(dir, "hplint")), `${dir} holds an hplint script: the bundle would not be used`);
  }
  return dirs.join(path.delimiter);
}
