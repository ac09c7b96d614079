/**
 * The glue behind the entry point: wires settings, interpreter discovery, the language client,
 * the status bar and the commands together. The logic lives in ../core (no `vscode` there).
 */
import { readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, State } from "vscode-languageclient/node";
import {
  Bundle,
  describeResolution,
  ImportStrategy,
  installCommand,
  resolutionProblemMessage,
  resolveServer,
  Resolution,
} from "../core/interpreter";
import { probeCommand, probeImport } from "../core/probe";
import { DOCUMENT_INFO_METHOD, RULE_DOCS_METHOD, RuleDocsResult } from "../core/protocol";
import { RestartPolicy } from "../core/restartPolicy";
import { codesAt, codesInFile, normalizeRuleInput } from "../core/rules";
import { buildBundleProbe, expandInterpreter, formatCommand } from "../core/serverCommand";
import { toServerSettingsWithProblems } from "../core/settings";
import { DetectedFormat } from "../core/statusText";
import { which } from "../core/which";
import { CONFIG_SECTION, createClient, sendCustomRequest } from "./client";
import { activeInterpreter, onDidChangeInterpreter } from "./pythonExtension";
import { StatusBar } from "./statusBar";

/**
 * The hplint a platform package carries (bundled/, built by scripts/bundle_python.py), or
 * undefined for the universal package.
 */
function readBundle(extensionPath: string): Bundle | undefined {
  const bundled = path.join(extensionPath, "bundled");
  try {
    const manifest = JSON.parse(readFileSync(path.join(bundled, "libs", "manifest.json"), "utf8")) as {
      pythons: string[];
      distributions: Record<string, string>;
    };
    return {
      launcher: path.join(bundled, "hplint_server.py"),
      version: manifest.distributions.hplint,
      pythons: manifest.pythons,
    };
  } catch {
    return undefined;
  }
}

class Controller implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly policy = new RestartPolicy();
  private queue: Promise<void> = Promise.resolve();
  private notified = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly status: StatusBar,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Serialise start/stop so that restarts never overlap. */
  private enqueue(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job, job).catch((e) => this.output.error(`Unexpected error: ${String(e)}`));
    return this.queue;
  }

  start(userInitiated = false): Promise<void> {
    return this.enqueue(() => this.doStart(userInitiated));
  }

  restart(userInitiated: boolean): Promise<void> {
    return this.enqueue(async () => {
      this.policy.reset();
      await this.doStop();
      await this.doStart(userInitiated);
    });
  }

  /** Restart soon (settings or interpreter changed); coalesces bursts. */
  restartSoon(reason: string): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.output.info(`Restarting: ${reason}.`);
      void this.restart(false);
    }, 1000);
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  private async doStart(userInitiated: boolean): Promise<void> {
    this.status.setState("starting");
    const resolution = await this.resolve();
    this.output.info(describeResolution(resolution));
    if (resolution.kind !== "ok") {
      this.status.setState("not-installed", resolutionProblemMessage(resolution));
      this.status.setFetcher(undefined);
      this.notifyProblem(resolution, userInitiated);
      return;
    }
    let client: LanguageClient;
    try {
      client = createClient(resolution.command, this.context.extensionPath, this.output, this.policy, {
        documentChanged: (uri) => this.status.documentChanged(uri),
        gaveUp: (crashes) => this.gaveUp(crashes),
      });
    } catch (e) {
      this.output.error(`Could not create the language client: ${String(e)}`);
      this.status.setState("error", String(e));
      return;
    }
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) this.status.setState("running");
      else if (e.newState === State.Starting) this.status.setState("starting");
      else this.status.setState(this.policy.hasGivenUp ? "error" : "stopped");
    });
    this.status.setFetcher(async (uri) => this.documentFormat(client, uri));
    try {
      await client.start();
    } catch (e) {
      // The error handler has already decided about restarts; just record it.
      this.output.error(`The hplint server failed to start: ${String(e)}`);
      if (this.client === client && client.state !== State.Running) {
        this.status.setState(this.policy.hasGivenUp ? "error" : "stopped");
      }
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.status.setFetcher(undefined);
    if (!client) return;
    try {
      if (client.state !== State.Stopped) await client.stop(2000);
    } catch (e) {
      this.output.warn(`Stopping the server: ${String(e)}`);
    }
    try {
      await client.dispose(1000);
    } catch {
      /* already stopped */
    }
    this.status.setState("stopped");
  }

  private async resolve(): Promise<Resolution> {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const folder = vscode.workspace.workspaceFolders?.[0];
    const resource = vscode.window.activeTextEditor?.document.uri ?? folder?.uri;
    const { problems } = toServerSettingsWithProblems(config);
    for (const p of problems) this.output.warn(p);
    return resolveServer({
      settingInterpreter: () =>
        expandInterpreter(config.get<unknown[]>("interpreter") ?? [], {
          workspaceFolder: folder?.uri.fsPath,
          userHome: os.homedir(),
        }),
      pythonExtensionInterpreter: () => activeInterpreter(resource, (m) => this.output.info(m)),
      which: (name) => which(name),
      canImportHplint: async (interpreter) => {
        const result = await probeImport(interpreter, "hplint", undefined, this.context.extensionPath);
        if (!result.ok) this.output.info(`${interpreter.join(" ")}: cannot import hplint (${result.reason}).`);
        return result.ok;
      },
      bundle: () => readBundle(this.context.extensionPath),
      canRunBundle: async (interpreter, bundle) => {
        const probe = buildBundleProbe(interpreter, bundle.launcher);
        const result = await probeCommand(probe, undefined, this.context.extensionPath);
        if (!result.ok) this.output.info(`${formatCommand(probe)}: cannot run the bundled hplint (${result.reason}).`);
        return result.ok;
      },
      importStrategy: () => config.get<ImportStrategy>("importStrategy") ?? "fromEnvironment",
    });
  }

  private async documentFormat(client: LanguageClient, uri: string): Promise<DetectedFormat> {
    if (client.state !== State.Running) return undefined;
    try {
      const info = await sendCustomRequest(client, DOCUMENT_INFO_METHOD, { textDocument: { uri } });
      if (!info) return undefined;
      return info.format === null ? null : { id: info.format, label: info.label ?? info.format };
    } catch (e) {
      this.output.debug(`${DOCUMENT_INFO_METHOD} failed: ${String(e)}`);
      return undefined;
    }
  }

  /** One notification per session for automatic starts; again when the user asked. */
  private notifyProblem(resolution: Resolution, userInitiated: boolean): void {
    const message = resolutionProblemMessage(resolution);
    if (!message || (this.notified && !userInitiated)) return;
    this.notified = true;
    const actions = ["Open settings", "Show output"];
    const copy = resolution.kind === "missing-hplint" ? "Copy install command" : undefined;
    if (copy) actions.unshift(copy);
    void vscode.window.showWarningMessage(message, ...actions).then(async (choice) => {
      if (choice === "Open settings") {
        await vscode.commands.executeCommand("workbench.action.openSettings", "hplint.interpreter");
      } else if (choice === "Show output") {
        this.output.show(true);
      } else if (choice && choice === copy && resolution.kind === "missing-hplint") {
        await vscode.env.clipboard.writeText(installCommand(resolution.interpreter));
      }
    });
  }

  private gaveUp(crashes: number): void {
    this.status.setState("error", `Crashed ${crashes} times in a short time.`);
    void vscode.window
      .showErrorMessage(
        `The hplint server crashed ${crashes} times and will not be restarted. ` +
          'See the output for the cause, then run "hplint: Restart Server".',
        "Show output",
        "Restart",
      )
      .then((choice) => {
        if (choice === "Show output") this.output.show(true);
        else if (choice === "Restart") void this.restart(true);
      });
  }

  async explainRule(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const diagnostics = editor ? vscode.languages.getDiagnostics(editor.document.uri) : [];
    let code: string | undefined;
    if (editor) {
      const here = codesAt(diagnostics, editor.selection.active);
      code = here[0];
      if (here.length > 1) code = await vscode.window.showQuickPick(here, { placeHolder: "Which rule?" });
      else if (!code) {
        const inFile = codesInFile(diagnostics);
        if (inFile.length > 0) {
          code = await vscode.window.showQuickPick(inFile, { placeHolder: "Explain which hplint rule?" });
        }
      }
    }
    if (!code) {
      const typed = await vscode.window.showInputBox({
        prompt: "hplint rule code or name",
        placeHolder: "HP103",
        validateInput: (v) => (normalizeRuleInput(v) ? undefined : "Enter a rule code like HP103"),
      });
      code = typed ? normalizeRuleInput(typed) : undefined;
    }
    if (!code) return;
    const client = this.running;
    if (!client) {
      void vscode.window.showWarningMessage("The hplint server is not running.", "Show output").then((c) => {
        if (c) this.output.show(true);
      });
      return;
    }
    let docs: RuleDocsResult;
    try {
      docs = await sendCustomRequest(client, RULE_DOCS_METHOD, { code });
    } catch (e) {
      this.output.error(`${RULE_DOCS_METHOD} failed: ${String(e)}`);
      void vscode.window.showWarningMessage(`hplint: could not get the documentation of ${code}.`);
      return;
    }
    if (!docs || !docs.markdown) {
      void vscode.window.showInformationMessage(`hplint: no rule ${code}.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: docs.markdown });
    try {
      await vscode.commands.executeCommand("markdown.showPreview", doc.uri);
    } catch {
      await vscode.window.showTextDocument(doc, { preview: true });
    }
  }

  dispose(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
  }
}

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("hplint", { log: true });
  const status = new StatusBar();
  const ctl = new Controller(context, output, status);
  controller = ctl;
  context.subscriptions.push(
    output,
    status,
    ctl,
    vscode.commands.registerCommand("hplint.restart", () => ctl.restart(true)),
    vscode.commands.registerCommand("hplint.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("hplint.explainRule", () => ctl.explainRule()),
    vscode.window.onDidChangeActiveTextEditor(() => status.activeEditorChanged()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("hplint.interpreter")) ctl.restartSoon('"hplint.interpreter" changed');
      if (e.affectsConfiguration("hplint.importStrategy")) ctl.restartSoon('"hplint.importStrategy" changed');
      else if (e.affectsConfiguration(CONFIG_SECTION)) {
        for (const p of toServerSettingsWithProblems(vscode.workspace.getConfiguration(CONFIG_SECTION)).problems) {
          output.warn(p);
        }
      }
    }),
  );
  void onDidChangeInterpreter(() => {
    const setting = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string[]>("interpreter") ?? [];
    if (setting.length === 0) ctl.restartSoon("the Python interpreter changed");
  }).then((d) => d && context.subscriptions.push(d));
  status.activeEditorChanged();
  await ctl.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
