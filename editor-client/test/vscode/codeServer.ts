/**
 * A real VS Code for the end-to-end scenario: code-server (VS Code 1.100 served to a browser)
 * with the packaged .vsix installed into a throw-away profile, and the processes it starts.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { poll } from "../helpers/poll";

export interface CodeServerPaths {
  /** code-server's `out/node/entry.js` (install-code-server.sh prints it). */
  entry: string;
  extensionsDir: string;
  userDataDir: string;
}

/** `code --install-extension` into this profile; throws with code-server's output on failure. */
export function installExtension(paths: CodeServerPaths, vsix: string): void {
  const result = spawnSync(process.execPath, [paths.entry, ...profileArgs(paths), "--install-extension", vsix], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The user settings of the profile: VS Code's `settings.json`. */
export function writeUserSettings(paths: CodeServerPaths, settings: Record<string, unknown>): void {
  const dir = path.join(paths.userDataDir, "User");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2));
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  /** Everything code-server printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Serve `folder`. `env` replaces the environment code-server (and so the extension host and the
 * language server) starts with; PATH decides which Python and hplint the extension finds.
 */
export async function startCodeServer(
  paths: CodeServerPaths,
  folder: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningCodeServer> {
  const port = await freePort();
  let output = "";
  const child = spawn(
    process.execPath,
    [
      paths.entry,
      ...profileArgs(paths),
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      folder,
    ],
    {
      // Its own process group, so that stop() also ends the extension host and hplint.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // code-server writes a config.yaml (with a password) on first start: not into $HOME.
      // VSCODE_CLI=1: started from a shell, as `code .` is, so VS Code keeps this environment
      // instead of reading a login shell's ($SHELL -ilc env), whose profile may put another
      // Python first on PATH.
      env: { ...env, VSCODE_CLI: "1", XDG_CONFIG_HOME: paths.userDataDir, XDG_DATA_HOME: paths.userDataDir },
    },
  );
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
      try {
        return (await fetch(`${url}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    60_000,
    `code-server did not answer on ${url}`,
  );
  return {
    url,
    process: child,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function profileArgs(paths: CodeServerPaths): string[] {
  return ["--extensions-dir", paths.extensionsDir, "--user-data-dir", paths.userDataDir];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Wait until `condition()` holds (polling every `intervalMs`). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 200,
): Promise<void> {
  await poll(what, async () => ((await condition()) ? true : undefined), { timeoutMs, intervalMs });
}

// ----- the language server's process, found as a person would with `ps` -------------------------

interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").filter(Boolean);
      found.push({ pid: Number(name), ppid, argv });
    } catch {
      /* the process ended while we looked */
    }
  }
  return found;
}

/**
 * The hplint language servers started (directly or not) by this code-server: `... -m hplint lsp`
 * from an environment, `... bundled/hplint_server.py lsp` from the platform package's bundle.
 */
export function languageServers(root: number): ProcessInfo[] {
  const all = processes();
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const result: ProcessInfo[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      stack.push(child.pid);
      const line = child.argv.join(" ");
      if (/\bhplint lsp\b|\bhplint_server\.py lsp\b/.test(line)) result.push(child);
    }
  }
  return result;
}

/** The extension host's log of the hplint output channel (written by VS Code). */
export function outputChannelLog(paths: CodeServerPaths): string {
  const logs = path.join(paths.userDataDir, "logs");
  if (!existsSync(logs)) return "";
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/hplint/i.test(full) && entry.name.endsWith(".log")) texts.push(readFileSync(full, "utf8"));
    }
  };
  walk(logs);
  return texts.join("\n");
}
