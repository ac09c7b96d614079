/**
 * VS Code configuration (section `hplint`) -> the server's settings object.
 *
 * Pure: no `vscode` import. The same object is sent as
 * `initializationOptions.settings` and returned for `workspace/configuration`
 * requests with section `hplint`.
 */

export const SEVERITIES = ["error", "warning", "info", "hint"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the server understands (keys are camelCase on the wire). */
export interface ServerSettings {
  enable: boolean;
  select: string[] | null;
  ignore: string[] | null;
  severity: Record<string, Severity> | null;
  /** Compare each file with its version at the last commit (HP104). */
  baseline: boolean;
  /** Show the numbers a config implies (effective batch, expected learning rate, …). */
  inlayHints: boolean;
}

export interface InitializationOptions {
  settings: ServerSettings;
}

/**
 * Every `hplint.*` setting contributed in package.json, and the server key it
 * maps to (`null` = used by the client only, never sent to the server).
 */
export const SETTING_KEYS: Readonly<Record<string, keyof ServerSettings | null>> = {
  enable: "enable",
  select: "select",
  ignore: "ignore",
  severity: "severity",
  baseline: "baseline",
  inlayHints: "inlayHints",
  interpreter: null,
  importStrategy: null,
  "trace.server": null,
};

/** The server-side setting names, in wire order (also in settings-contract.json). */
export const SERVER_SETTING_NAMES: readonly (keyof ServerSettings)[] = [
  "enable",
  "select",
  "ignore",
  "severity",
  "baseline",
  "inlayHints",
];

export const DEFAULT_SERVER_SETTINGS: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  select: null,
  ignore: null,
  severity: null,
  baseline: true,
  inlayHints: true,
});

/** Anything with `get(key)` (a `vscode.WorkspaceConfiguration`) or a plain object. */
export type ConfigSource = { get(key: string): unknown } | Record<string, unknown> | null | undefined;

export interface SettingsResult {
  settings: ServerSettings;
  /** Human-readable problems with the user's values (invalid entries are dropped). */
  problems: string[];
}

function read(config: ConfigSource, key: string): unknown {
  if (config === null || config === undefined || typeof config !== "object") return undefined;
  const getter = (config as { get?: unknown }).get;
  if (typeof getter === "function") {
    return (getter as (k: string) => unknown).call(config, key);
  }
  return (config as Record<string, unknown>)[key];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  error: "error",
  warning: "warning",
  warn: "warning",
  info: "info",
  information: "info",
  hint: "hint",
};

/** Normalise a severity word; `undefined` if it is not one. */
export function normalizeSeverity(value: unknown): Severity | undefined {
  if (typeof value !== "string") return undefined;
  return SEVERITY_ALIASES[value.trim().toLowerCase()];
}

function stringList(value: unknown, name: string, problems: string[]): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    problems.push(`hplint.${name} must be a list of rule codes; ignoring ${JSON.stringify(value)}.`);
    return null;
  }
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== "string" || item.trim() === "") {
      problems.push(`hplint.${name}: ignoring entry ${JSON.stringify(item)} (not a rule code).`);
      continue;
    }
    const code = item.trim();
    if (!out.includes(code)) out.push(code);
  }
  // An empty list means "not set": the project configuration applies.
  return out.length > 0 ? out : null;
}

function severityMap(value: unknown, problems: string[]): Record<string, Severity> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push(`hplint.severity must be an object like {"HP302": "warning"}; ignoring it.`);
    return null;
  }
  const out: Record<string, Severity> = {};
  for (const [rawCode, rawSeverity] of Object.entries(value as Record<string, unknown>)) {
    const code = rawCode.trim();
    const severity = normalizeSeverity(rawSeverity);
    if (code === "") continue;
    if (severity === undefined) {
      problems.push(
        `hplint.severity: ${JSON.stringify(rawSeverity)} for ${code} is not one of ${SEVERITIES.join(", ")}; ignoring it.`,
      );
      continue;
    }
    out[code] = severity;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** A true/false setting: its value, else `fallback` (with a problem for a wrong type). */
function flag(config: ConfigSource, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = read(config, name);
  if (typeof raw === "boolean") return raw;
  if (raw !== undefined && raw !== null) {
    problems.push(`hplint.${name} must be true or false; using ${fallback}.`);
  }
  return fallback;
}

/** Map the `hplint` configuration section to the server settings, reporting problems. */
export function toServerSettingsWithProblems(config: ConfigSource): SettingsResult {
  const problems: string[] = [];
  const enableRaw = read(config, "enable");
  let enable = DEFAULT_SERVER_SETTINGS.enable;
  if (typeof enableRaw === "boolean") enable = enableRaw;
  else if (enableRaw !== undefined && enableRaw !== null) {
    problems.push(`hplint.enable must be true or false; using ${enable}.`);
  }
  const baseline = flag(config, "baseline", DEFAULT_SERVER_SETTINGS.baseline, problems);
  const inlayHints = flag(config, "inlayHints", DEFAULT_SERVER_SETTINGS.inlayHints, problems);
  return {
    settings: {
      enable,
      select: stringList(read(config, "select"), "select", problems),
      ignore: stringList(read(config, "ignore"), "ignore", problems),
      severity: severityMap(read(config, "severity"), problems),
      baseline,
      inlayHints,
    },
    problems,
  };
}

export function toServerSettings(config: ConfigSource): ServerSettings {
  return toServerSettingsWithProblems(config).settings;
}

export function toInitializationOptions(config: ConfigSource): InitializationOptions {
  return { settings: toServerSettings(config) };
}
