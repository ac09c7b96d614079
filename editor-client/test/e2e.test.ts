/**
 * End-to-end: spawn the real server (`<python> -m hplint lsp --stdio`, the
 * command line vscode-languageclient runs) and talk to it the way the extension
 * does, through vscode-languageserver-protocol. test/vscode/ drives the packaged
 * extension inside a real VS Code.
 *
 *   HPLINT_PYTHON=/venv/bin/python npm run test:e2e
 *
 * Without HPLINT_PYTHON, `python3` is used; if the repo's `server/` folder is
 * there it is put first on PYTHONPATH so an uninstalled checkout works.
 */
import assert from "node:assert/strict";
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import {
  createProtocolConnection,
  Diagnostic,
  ExitNotification,
  Hover,
  InitializedNotification,
  InitializeResult,
  ProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { DOCUMENT_INFO_METHOD, DocumentInfoResult, RULE_DOCS_METHOD, RuleDocsResult } from "../src/core/protocol";
import { ServerSettings, toInitializationOptions, toServerSettings } from "../src/core/settings";
import { poll } from "./helpers/poll";
import { asLaunchedOverStdio, buildServerCommand } from "../src/core/serverCommand";

const PYTHON = process.env.HPLINT_PYTHON || "python3";
const REPO_SERVER = path.resolve(__dirname, "..", "..", "server");
const TIMEOUT = 15_000;

/** The scenario config, shared with tests/lsp/test_server.py. */
const CONFIG = readFileSync(path.resolve(__dirname, "..", "..", "tests", "data", "lsp_scenario.yaml"), "utf8");

/** What VS Code 1.82+ with vscode-languageclient 9 advertises (the parts that matter here). */
const CLIENT_CAPABILITIES = {
  general: { positionEncodings: ["utf-16"], markdown: { parser: "marked", version: "1.1.0" } },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] },
    },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ["edit"] },
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ["", "quickfix", "refactor", "source", "source.fixAll"] },
      },
    },
  },
};

let proc: ChildProcessWithoutNullStreams;
let conn: ProtocolConnection;
let init: InitializeResult;
let stderr = "";
let settings: ServerSettings = toServerSettings({});
const pushed = new Map<string, Diagnostic[]>();
const dynamicMethods = new Set<string>();
const configurationRequests: unknown[] = [];
let workDir: string;

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  if (!process.env.HPLINT_PYTHON && existsSync(path.join(REPO_SERVER, "hplint"))) {
    e.PYTHONPATH = [REPO_SERVER, e.PYTHONPATH].filter(Boolean).join(path.delimiter);
  }
  return e;
}

function uriOf(name: string): string {
  return pathToFileURL(path.join(workDir, name)).toString();
}

function waitFor<T>(what: string, get: () => Promise<T | undefined> | T | undefined): Promise<T> {
  return poll(what, get, { timeoutMs: TIMEOUT, intervalMs: 50, context: () => `\nserver stderr:\n${stderr}` });
}

function usesPull(): boolean {
  return !!init.capabilities.diagnosticProvider || dynamicMethods.has("textDocument/diagnostic");
}

/** The current diagnostics, by whichever model the server chose (like VS Code). */
async function diagnostics(uri: string): Promise<Diagnostic[] | undefined> {
  if (usesPull()) {
    const report = await conn.sendRequest<{ kind: string; items?: Diagnostic[] }>("textDocument/diagnostic", {
      textDocument: { uri },
    });
    return report.kind === "full" ? (report.items ?? []) : undefined;
  }
  return pushed.get(uri);
}

function hoverText(h: Hover | null): string {
  if (!h) return "";
  const c = h.contents as unknown;
  const one = (x: unknown): string =>
    typeof x === "string"
      ? x
      : x && typeof x === "object" && "value" in x
        ? String((x as { value: unknown }).value)
        : "";
  return Array.isArray(c) ? c.map(one).join("\n") : one(c);
}

before(async () => {
  // `hplint.lsp` must be a real package (an empty folder would import as a namespace package).
  const probe = spawnSync(
    PYTHON,
    [
      "-c",
      "import sys, hplint.lsp as m; sys.exit(0 if getattr(m, '__file__', None) else 'hplint.lsp is an empty namespace package')",
    ],
    { env: env(), encoding: "utf8", timeout: 30_000 },
  );
  assert.equal(
    probe.status,
    0,
    `${PYTHON} cannot import hplint.lsp (set HPLINT_PYTHON or pip install the server):\n${probe.stderr}`,
  );
  workDir = mkdtempSync(path.join(tmpdir(), "hplint-e2e-"));
  const { command, args } = asLaunchedOverStdio(buildServerCommand([PYTHON]));
  proc = spawn(command, args, { env: env(), cwd: workDir, stdio: "pipe" });
  proc.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: Diagnostic[] }) => {
    pushed.set(p.uri, p.diagnostics);
  });
  for (const m of ["window/logMessage", "window/showMessage", "$/progress", "$/logTrace", "telemetry/event"]) {
    conn.onNotification(m, (p: unknown) => {
      if (m === "window/showMessage") stderr += `[showMessage] ${JSON.stringify(p)}\n`;
    });
  }
  conn.onRequest("workspace/configuration", (p: { items: { section?: string; scopeUri?: string }[] }) => {
    configurationRequests.push(p);
    return p.items.map((item) => (item.section === "hplint" ? settings : null));
  });
  conn.onRequest("client/registerCapability", (p: { registrations: { method: string }[] }) => {
    for (const r of p.registrations) dynamicMethods.add(r.method);
    return null;
  });
  for (const m of [
    "window/workDoneProgress/create",
    "workspace/diagnostic/refresh",
    "client/unregisterCapability",
    "window/showMessageRequest",
    "workspace/semanticTokens/refresh",
    "workspace/inlayHint/refresh",
    "workspace/codeLens/refresh",
  ]) {
    conn.onRequest(m, () => null);
  }
  conn.listen();

  const exited = new Promise<never>((_, reject) =>
    proc.on("exit", (code, signal) =>
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before answering initialize:\n${stderr}`)),
    ),
  );
  const timedOut = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer to initialize in ${TIMEOUT} ms:\n${stderr}`)), TIMEOUT).unref(),
  );
  const initialize = conn.sendRequest<InitializeResult>("initialize", {
    processId: process.pid,
    clientInfo: { name: "Visual Studio Code", version: "1.82.0" },
    locale: "en",
    rootUri: pathToFileURL(workDir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workDir).toString(), name: "e2e" }],
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions: toInitializationOptions({ enable: true, select: [], ignore: [], severity: {} }),
    trace: "off",
  });
  init = await Promise.race([initialize, exited, timedOut]);
  await conn.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  if (!conn || !init || proc.exitCode !== null) {
    conn?.dispose();
    if (proc && proc.exitCode === null) proc.kill("SIGKILL");
    return;
  }
  try {
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
  } finally {
    const code = await Promise.race([
      new Promise<number | null>((r) => proc.on("exit", (c) => r(c))),
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5000)),
    ]);
    conn.dispose();
    if (code === "timeout") proc.kill("SIGKILL");
    assert.equal(code, 0, `server exit code after shutdown/exit\n${stderr}`);
  }
});

test("initialize: server info and capabilities", () => {
  assert.ok(init.capabilities.textDocumentSync !== undefined, "textDocumentSync");
  assert.ok(init.capabilities.hoverProvider, "hoverProvider");
  if (init.serverInfo) assert.equal(init.serverInfo.name, "hplint");
});

test("diagnostics for a native config: HP501 (line 11) and HP103 (line 17)", async () => {
  const uri = uriOf("train.yaml");
  await conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: CONFIG },
  });
  const diags = await waitFor("HP103 and HP501", async () => {
    const d = await diagnostics(uri);
    return d && ["HP103", "HP501"].every((c) => d.some((x) => x.code === c)) ? d : undefined;
  });
  const hp103 = diags.find((d) => d.code === "HP103")!;
  const hp501 = diags.find((d) => d.code === "HP501")!;
  assert.equal(hp103.range.start.line, 17, JSON.stringify(hp103));
  assert.equal(hp501.range.start.line, 11, JSON.stringify(hp501));
  for (const d of diags) {
    assert.equal(d.source, "hplint");
    assert.match(String(d.code), /^HP\d{3}$/);
    assert.ok(d.message.length > 0);
  }
  for (const d of [hp103, hp501]) {
    assert.equal(typeof d.codeDescription?.href, "string", `codeDescription.href on ${d.code}`);
  }
});

test("hover on learning_rate explains the learning rate", async () => {
  const hover = await conn.sendRequest<Hover | null>("textDocument/hover", {
    textDocument: { uri: uriOf("train.yaml") },
    position: { line: 17, character: 4 },
  });
  assert.match(hoverText(hover), /learning rate/i);
});

test("hplint/documentInfo reports the native format", async () => {
  const info = await conn.sendRequest<DocumentInfoResult>(DOCUMENT_INFO_METHOD, {
    textDocument: { uri: uriOf("train.yaml") },
  });
  assert.deepEqual(info, { format: "hplint", label: "hplint config" });
});

test("hplint/documentInfo: null format for a YAML file that is not a tuning config", async () => {
  const uri = uriOf("compose.yaml");
  await conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: "services:\n  web:\n    image: nginx\n" },
  });
  const info = await conn.sendRequest<DocumentInfoResult>(DOCUMENT_INFO_METHOD, { textDocument: { uri } });
  assert.deepEqual(info, { format: null, label: null });
});

test("hplint/ruleDocs returns markdown for HP103 and null for an unknown code", async () => {
  const docs = await conn.sendRequest<RuleDocsResult>(RULE_DOCS_METHOD, { code: "HP103" });
  assert.ok(docs && docs.markdown.includes("HP103"), JSON.stringify(docs));
  assert.equal(await conn.sendRequest<RuleDocsResult>(RULE_DOCS_METHOD, { code: "HP999" }), null);
});

test("a settings change is pulled via workspace/configuration and applied", async () => {
  const uri = uriOf("train.yaml");
  settings = toServerSettings({ ignore: ["HP103"] });
  const before = configurationRequests.length;
  // What the extension's didChangeConfiguration middleware sends.
  await conn.sendNotification("workspace/didChangeConfiguration", { settings: { hplint: settings } });
  await waitFor("a workspace/configuration request", () => (configurationRequests.length > before ? true : undefined));
  const diags = await waitFor("diagnostics without HP103", async () => {
    const d = await diagnostics(uri);
    return d && !d.some((x) => x.code === "HP103") && d.some((x) => x.code === "HP501") ? d : undefined;
  });
  assert.ok(diags.length > 0);
  settings = toServerSettings({});
});
