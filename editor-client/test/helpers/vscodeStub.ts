/**
 * A minimal stand-in for the `vscode` module, enough to load the extension and
 * drive activate() in plain Node. Unknown members are inert classes/functions.
 */
import Module from "node:module";

export interface StubState {
  config: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  warnings: { message: string; items: string[] }[];
  errors: { message: string; items: string[] }[];
  statusItem: { text: string; tooltip: string; visible: boolean };
  logs: string[];
  activeEditor: unknown;
  executed: unknown[][];
}

export function installVscodeStub(): StubState {
  const state: StubState = {
    config: {},
    commands: new Map(),
    warnings: [],
    errors: [],
    statusItem: { text: "", tooltip: "", visible: false },
    logs: [],
    activeEditor: undefined,
    executed: [],
  };
  const disposable = { dispose() {} };
  const event = () => disposable;
  // Callable, constructible, and every member is itself: stands in for any API we do not model.
  const inert: object = new Proxy(function () {}, {
    get: (_t, p) => {
      if (p === "prototype") return {};
      if (p === "then") return undefined; // not a thenable
      if (p === Symbol.toPrimitive) return () => "";
      if (p === Symbol.iterator) return function* () {};
      if (p === "length") return 0;
      return inert;
    },
    apply: () => inert,
    construct: () => inert,
  });
  const log = (level: string) => (msg: string) => state.logs.push(`${level}: ${msg}`);
  const vscode: Record<string, unknown> = {
    version: "1.82.0",
    StatusBarAlignment: { Left: 1, Right: 2 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    Uri: { parse: (s: string) => ({ toString: () => s, fsPath: s, scheme: s.split(":")[0] }) },
    window: {
      visibleTextEditors: [],
      tabGroups: { all: [], onDidChangeTabs: event },
      get activeTextEditor() {
        return state.activeEditor;
      },
      createOutputChannel: () => ({
        info: log("info"),
        warn: log("warn"),
        error: log("error"),
        debug: log("debug"),
        trace: log("trace"),
        appendLine: log("line"),
        append: log("append"),
        replace: () => undefined,
        clear: () => undefined,
        show: () => state.logs.push("show"),
        dispose() {},
      }),
      createStatusBarItem: () => ({
        set text(v: string) {
          state.statusItem.text = v;
        },
        set tooltip(v: string) {
          state.statusItem.tooltip = v;
        },
        show: () => (state.statusItem.visible = true),
        hide: () => (state.statusItem.visible = false),
        dispose() {},
      }),
      showWarningMessage: async (message: string, ...items: string[]) => {
        state.warnings.push({ message, items });
        return undefined;
      },
      showErrorMessage: async (message: string, ...items: string[]) => {
        state.errors.push({ message, items });
        return undefined;
      },
      showInformationMessage: async () => undefined,
      onDidChangeActiveTextEditor: event,
    },
    workspace: {
      workspaceFolders: undefined,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration: () => ({ get: (key: string) => state.config[key] }),
      onDidChangeConfiguration: event,
    },
    commands: {
      registerCommand: (name: string, fn: (...args: unknown[]) => unknown) => {
        state.commands.set(name, fn);
        return disposable;
      },
      executeCommand: async (...args: unknown[]) => {
        state.executed.push(args);
      },
    },
    extensions: { getExtension: () => undefined },
    languages: { getDiagnostics: () => [] },
    env: { clipboard: { writeText: async () => undefined } },
  };
  const withFallback = (o: Record<string, unknown>) => new Proxy(o, { get: (t, p: string) => (p in t ? t[p] : inert) });
  for (const ns of ["window", "workspace", "commands", "extensions", "languages", "env"]) {
    vscode[ns] = withFallback(vscode[ns] as Record<string, unknown>);
  }
  const stub = withFallback(vscode);
  const mod = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    if (request === "vscode") return stub;
    return original.call(this, request, ...rest);
  };
  return state;
}
