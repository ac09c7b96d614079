/**
 * Run the probes that decide how to start the server (`<python> -c "import hplint"`, the
 * bundle's `--probe`) with a timeout. No `vscode` import.
 */
import { execFile } from "node:child_process";
import { buildImportProbe, ServerCommand } from "./serverCommand";

export interface ProbeResult {
  ok: boolean;
  /** Why it failed: stderr's last line, a spawn error or "timed out". */
  reason?: string;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 15_000;

export function probeImport(
  interpreter: readonly string[],
  module = "hplint",
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  cwd?: string,
): Promise<ProbeResult> {
  return probeCommand(buildImportProbe(interpreter, module), timeoutMs, cwd);
}

/** Run `command`; ok when it exits 0 within `timeoutMs`. */
export function probeCommand(
  { command, args }: ServerCommand,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  cwd?: string,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    try {
      execFile(
        command,
        args,
        { timeout: timeoutMs, killSignal: "SIGKILL", windowsHide: true, cwd, encoding: "utf8" },
        (error, _stdout, stderr) => {
          if (!error) return resolve({ ok: true });
          const err = error as NodeJS.ErrnoException & { killed?: boolean };
          let reason: string;
          if (err.killed) reason = `timed out after ${timeoutMs} ms`;
          else if (typeof err.code === "string") reason = `${err.code}: ${err.message}`;
          else reason = lastLine(stderr) ?? err.message;
          resolve({ ok: false, reason });
        },
      );
    } catch (e) {
      resolve({ ok: false, reason: String(e) });
    }
  });
}

function lastLine(s: string | undefined): string | undefined {
  const lines = (s ?? "").trim().split(/\r?\n/);
  const last = lines[lines.length - 1];
  return last ? last : undefined;
}
