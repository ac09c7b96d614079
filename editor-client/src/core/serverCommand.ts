/**
 * Interpreter -> the command line that starts the language server. Pure.
 */

export interface ServerCommand {
  command: string;
  args: string[];
}

/** `<interpreter...> -m hplint lsp` */
export function buildServerCommand(interpreter: readonly string[]): ServerCommand {
  if (interpreter.length === 0 || interpreter[0].trim() === "") {
    throw new Error("buildServerCommand: empty interpreter");
  }
  return { command: interpreter[0], args: [...interpreter.slice(1), "-m", "hplint", "lsp"] };
}

/**
 * `<interpreter...> -I -S <launcher> lsp`: the hplint bundled with a platform package. `-I -S`
 * keep the interpreter's own packages and PYTHON* variables out of the bundle's way.
 */
export function buildBundledCommand(interpreter: readonly string[], launcher: string): ServerCommand {
  const { command, args } = buildServerCommand(interpreter);
  return { command, args: [...args.slice(0, -3), ...BUNDLE_ISOLATION, launcher, "lsp"] };
}

/** `<interpreter...> -I -S <launcher> --probe`: can this interpreter run the bundle? */
export function buildBundleProbe(interpreter: readonly string[], launcher: string): ServerCommand {
  const { command, args } = buildBundledCommand(interpreter, launcher);
  return { command, args: [...args.slice(0, -1), "--probe"] };
}

const BUNDLE_ISOLATION = ["-I", "-S"];

/**
 * The flag vscode-languageclient appends to the command for `TransportKind.stdio`. The server
 * must accept it; the end-to-end tests start the server with it, as VS Code does.
 */
export const STDIO_TRANSPORT_FLAG = "--stdio";

/** The command line the language client actually runs for a stdio server. */
export function asLaunchedOverStdio(cmd: ServerCommand): ServerCommand {
  return { command: cmd.command, args: [...cmd.args, STDIO_TRANSPORT_FLAG] };
}

/** `hplint lsp` for a console script found on PATH. */
export function buildScriptCommand(scriptPath: string): ServerCommand {
  return { command: scriptPath, args: ["lsp"] };
}

/** `<interpreter...> -c "import hplint"`: the probe run before starting. */
export function buildImportProbe(interpreter: readonly string[], module = "hplint"): ServerCommand {
  return { command: interpreter[0], args: [...interpreter.slice(1), "-c", `import ${module}`] };
}

export interface ExpandVars {
  workspaceFolder?: string;
  userHome?: string;
}

/**
 * Expand `${workspaceFolder}`, `${userHome}` and a leading `~` in each part of
 * the `hplint.interpreter` setting; drop empty parts. Unknown variables stay as
 * they are.
 */
export function expandInterpreter(parts: readonly unknown[], vars: ExpandVars): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== "string") continue;
    let s = part.trim();
    if (s === "") continue;
    s = s.replace(/\$\{(workspaceFolder|userHome)\}/g, (whole, name: keyof ExpandVars) => vars[name] ?? whole);
    if (vars.userHome && (s === "~" || s.startsWith("~/") || s.startsWith("~\\"))) {
      s = vars.userHome + s.slice(1);
    }
    out.push(s);
  }
  return out;
}

/** Render a command for logs and messages (quotes parts containing spaces). */
export function formatCommand(cmd: ServerCommand | readonly string[]): string {
  const parts = Array.isArray(cmd) ? cmd : [(cmd as ServerCommand).command, ...(cmd as ServerCommand).args];
  return parts.map((p) => (/[\s"']/.test(p) || p === "" ? JSON.stringify(p) : p)).join(" ");
}
