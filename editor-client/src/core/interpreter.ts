/**
 * Which command starts the hplint language server. Pure: every look-up
 * (settings, the Python extension, PATH, the import probe) is injected, so the
 * order is testable without VS Code.
 *
 * Order:
 *   1. `hplint.interpreter` setting: used as given; if hplint is not importable
 *      there we stop and say so (an explicit choice is never second-guessed).
 *   2. the Python extension's active environment (ms-python.python), if it has hplint;
 *   3. `python3` (then `python`) on PATH, if it has hplint;
 *   4. an `hplint` console script on PATH (run as `hplint lsp`).
 * A platform package (.vsix for linux-x64, ...) also carries hplint and its dependencies
 * (`bundled/`): when none of the above has hplint, the first of those interpreters that can
 * run the bundle starts it, so a user needs only a CPython. `hplint.importStrategy:
 * "useBundled"` tries the bundle first with each interpreter instead.
 * If nothing works the result says which interpreter the user should install
 * hplint into (the first candidate found), or that no Python was found.
 */

import {
  asLaunchedOverStdio,
  buildBundledCommand,
  buildScriptCommand,
  buildServerCommand,
  formatCommand,
  ServerCommand,
} from "./serverCommand";

export type InterpreterSource = "setting" | "python-extension" | "path-python" | "path-hplint";

export const SOURCE_LABELS: Record<InterpreterSource, string> = {
  setting: 'the "hplint.interpreter" setting',
  "python-extension": "the Python extension's active environment",
  "path-python": "Python on PATH",
  "path-hplint": "the hplint script on PATH",
};

/** `hplint.importStrategy`: which hplint to prefer when both the environment and the bundle have one. */
export type ImportStrategy = "fromEnvironment" | "useBundled";

/** What a platform package bundles (bundled/libs/manifest.json). */
export interface Bundle {
  /** bundled/hplint_server.py */
  launcher: string;
  /** The bundled hplint's version. */
  version: string;
  /** The CPython versions it has compiled packages for, e.g. ["3.11", "3.12"]. */
  pythons: string[];
}

export interface Probes {
  /** Value of `hplint.interpreter`, already expanded; empty/undefined = not set. */
  settingInterpreter(): readonly string[] | undefined;
  /** The Python extension's active interpreter, or undefined (not installed / none selected). */
  pythonExtensionInterpreter(): Promise<readonly string[] | undefined>;
  /** Absolute path of an executable on PATH, or undefined. */
  which(name: string): Promise<string | undefined>;
  /** Does `<interpreter> -c "import hplint"` succeed (with a timeout)? */
  canImportHplint(interpreter: readonly string[]): Promise<boolean>;
  /** The hplint this extension carries (platform packages only). */
  bundle?(): Bundle | undefined;
  /** Does `<interpreter> -I -S <launcher> --probe` import the bundled hplint? */
  canRunBundle?(interpreter: readonly string[], bundle: Bundle): Promise<boolean>;
  importStrategy?(): ImportStrategy;
}

export type Resolution =
  | {
      kind: "ok";
      source: InterpreterSource;
      /** undefined for the console script */
      interpreter?: string[];
      command: ServerCommand;
      /** Set when the interpreter runs the hplint bundled with the extension. */
      bundle?: Bundle;
    }
  | {
      kind: "missing-hplint";
      source: InterpreterSource;
      /** The interpreter that hplint should be installed into. */
      interpreter: string[];
      /** Every interpreter that was probed, in order. */
      tried: { source: InterpreterSource; interpreter: string[] }[];
      /** The bundle none of them could run, if the extension has one. */
      bundle?: Bundle;
    }
  | { kind: "no-python"; bundle?: Bundle };

export const PATH_PYTHON_NAMES = ["python3", "python"] as const;

export async function resolveServer(probes: Probes): Promise<Resolution> {
  const tried: { source: InterpreterSource; interpreter: string[] }[] = [];
  const bundle = probes.bundle?.();
  const bundleFirst = bundle !== undefined && probes.importStrategy?.() === "useBundled";
  const withBundle = bundle ? { bundle } : {};

  const fromEnvironment = async (source: InterpreterSource, interpreter: string[]): Promise<Resolution | undefined> =>
    (await probes.canImportHplint(interpreter))
      ? { kind: "ok", source, interpreter, command: buildServerCommand(interpreter) }
      : undefined;
  const fromBundle = async (source: InterpreterSource, interpreter: string[]): Promise<Resolution | undefined> =>
    bundle && probes.canRunBundle && (await probes.canRunBundle(interpreter, bundle))
      ? { kind: "ok", source, interpreter, command: buildBundledCommand(interpreter, bundle.launcher), bundle }
      : undefined;
  const preferred = async (source: InterpreterSource, interpreter: string[]): Promise<Resolution | undefined> =>
    bundleFirst
      ? ((await fromBundle(source, interpreter)) ?? (await fromEnvironment(source, interpreter)))
      : fromEnvironment(source, interpreter);

  const fromSetting = probes.settingInterpreter();
  if (fromSetting && fromSetting.length > 0) {
    const interpreter = [...fromSetting];
    const found =
      (await preferred("setting", interpreter)) ?? (bundleFirst ? undefined : await fromBundle("setting", interpreter));
    if (found) return found;
    return {
      kind: "missing-hplint",
      source: "setting",
      interpreter,
      tried: [{ source: "setting", interpreter }],
      ...withBundle,
    };
  }

  const candidates: { source: InterpreterSource; get: () => Promise<readonly string[] | undefined> }[] = [
    { source: "python-extension", get: () => probes.pythonExtensionInterpreter() },
    {
      source: "path-python",
      get: async () => {
        for (const name of PATH_PYTHON_NAMES) {
          const found = await probes.which(name);
          if (found) return [found];
        }
        return undefined;
      },
    },
  ];

  for (const candidate of candidates) {
    let found: readonly string[] | undefined;
    try {
      found = await candidate.get();
    } catch {
      found = undefined;
    }
    if (!found || found.length === 0) continue;
    const interpreter = [...found];
    if (tried.some((t) => sameInterpreter(t.interpreter, interpreter))) continue;
    tried.push({ source: candidate.source, interpreter });
    const resolved = await preferred(candidate.source, interpreter);
    if (resolved) return resolved;
  }

  const script = await probes.which("hplint");
  if (script) {
    return { kind: "ok", source: "path-hplint", command: buildScriptCommand(script) };
  }

  // Nobody installed hplint: the bundled one, with the first interpreter that can run it.
  if (!bundleFirst) {
    for (const t of tried) {
      const resolved = await fromBundle(t.source, t.interpreter);
      if (resolved) return resolved;
    }
  }

  if (tried.length === 0) return { kind: "no-python", ...withBundle };
  return { kind: "missing-hplint", source: tried[0].source, interpreter: tried[0].interpreter, tried, ...withBundle };
}

function sameInterpreter(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The install command to show for an interpreter. */
/** Where pip installs hplint from: it is not on PyPI yet, its repository is the release. */
export const INSTALL_SOURCE = "git+https://github.com/hplint/hplint";

export function installCommand(interpreter: readonly string[]): string {
  return formatCommand([...interpreter, "-m", "pip", "install", INSTALL_SOURCE]);
}

/** The one notification shown when the server cannot be started. */
export function resolutionProblemMessage(r: Resolution): string | undefined {
  switch (r.kind) {
    case "ok":
      return undefined;
    case "no-python":
      if (r.bundle) {
        return (
          "hplint: no Python interpreter found (tried the Python extension, python3 and python on PATH). " +
          `This extension brings hplint with it and needs only CPython ${pythonRange(r.bundle)}: install one, ` +
          'or set "hplint.interpreter".'
        );
      }
      return (
        "hplint: no Python interpreter found (tried the Python extension, python3 and python on PATH, " +
        "and an hplint script). Install Python 3.10+ and run " +
        `"python3 -m pip install ${INSTALL_SOURCE}" in a virtual environment, ` +
        'or set "hplint.interpreter".'
      );
    case "missing-hplint":
      return (
        `hplint is not installed for ${formatCommand(r.interpreter)} (${SOURCE_LABELS[r.source]})` +
        (r.bundle ? `, and the hplint bundled with this extension needs CPython ${pythonRange(r.bundle)}. ` : ". ") +
        `Install it with "${installCommand(r.interpreter)}"` +
        (r.source === "setting"
          ? ', or change "hplint.interpreter".'
          : ', or set "hplint.interpreter" to a Python that has it.')
      );
  }
}

/** "3.11-3.14" from the bundle's versions. */
export function pythonRange(bundle: Bundle): string {
  const sorted = [...bundle.pythons].sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
  if (sorted.length === 0) return "(none bundled)";
  return sorted.length === 1 ? sorted[0] : `${sorted[0]}\u2013${sorted[sorted.length - 1]}`;
}

/** One line for the output channel describing what will be started. */
export function describeResolution(r: Resolution): string {
  switch (r.kind) {
    case "ok":
      return r.bundle
        ? `Starting the server with ${formatCommand(asLaunchedOverStdio(r.command))} (hplint ${r.bundle.version} ` +
            `bundled with the extension, on ${SOURCE_LABELS[r.source]}).`
        : `Starting the server with ${formatCommand(asLaunchedOverStdio(r.command))} (from ${SOURCE_LABELS[r.source]}).`;
    case "no-python":
      return "No Python interpreter and no hplint script found.";
    case "missing-hplint":
      return `hplint is not importable; tried: ${r.tried
        .map((t) => `${formatCommand(t.interpreter)} (${SOURCE_LABELS[t.source]})`)
        .join("; ")}.`;
  }
}
