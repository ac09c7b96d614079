/**
 * Run `<python> -c "import hplint"` with a timeout. No `vscode` import.
 */
import { execFile } from "node:child_process";
import { buildImportProbe } from "./serverCommand";

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
  const { command, args } = buildImportProbe(interpreter, module);
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
