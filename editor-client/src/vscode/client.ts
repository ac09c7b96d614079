/**
 * Builds the LanguageClient: launch command, document selector, settings
 * middleware and the crash policy.
 */
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { documentSelector } from "../core/documents";
import { CustomRequests } from "../core/protocol";
import { RestartPolicy } from "../core/restartPolicy";
import { ServerCommand } from "../core/serverCommand";
import { toInitializationOptions, toServerSettings } from "../core/settings";

export const CLIENT_ID = "hplint";
export const CLIENT_NAME = "hplint";
export const CONFIG_SECTION = "hplint";

export interface ClientHooks {
  /** A document was opened or changed (after the notification went out). */
  documentChanged(uri: string): void;
  /** The server crashed too often and stays down. */
  gaveUp(crashes: number): void;
}

/**
 * vscode-languageclient forces an error notification for every failed
 * (re)start ("couldn't create connection to server", "Restarting server
 * failed"). We log those and show one message of our own instead.
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | "force"): void {
    super.error(message, data, showNotification === "force" ? false : showNotification);
  }
}

export function createClient(
  command: ServerCommand,
  cwd: string,
  output: vscode.LogOutputChannel,
  policy: RestartPolicy,
  hooks: ClientHooks,
): LanguageClient {
  const serverOptions: ServerOptions = {
    command: command.command,
    args: command.args,
    transport: TransportKind.stdio,
    options: {
      // Not the workspace: `python -m` puts the cwd on sys.path, and no code
      // from the workspace may run. PYTHONSAFEPATH does the same on 3.11+.
      cwd,
      env: { ...process.env, PYTHONSAFEPATH: "1", PYTHONIOENCODING: "utf-8" },
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: CONFIG_SECTION },
    initializationOptions: toInitializationOptions(vscode.workspace.getConfiguration(CONFIG_SECTION)),
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      output.error(`The hplint server failed to initialize: ${String(error)}`);
      return false; // do not retry; the server is stopped
    },
    errorHandler: {
      error: (error, _message, count) => {
        output.error(`Connection error (${count ?? 1}): ${error.message}`);
        const keepGoing = policy.onError() === "continue" && (count ?? 1) <= 3;
        return { action: keepGoing ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        if (policy.onCrash(Date.now()) === "restart") {
          output.warn(`The hplint server stopped unexpectedly; restarting (crash ${policy.crashCount}).`);
          return { action: CloseAction.Restart, handled: true };
        }
        output.error("The hplint server keeps crashing; it will not be restarted automatically.");
        hooks.gaveUp(policy.crashCount);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      workspace: {
        // Send the same object as initializationOptions.settings (not VS Code's
        // raw section, which has client-only keys and [] / {} for "not set").
        didChangeConfiguration: async (sections) => {
          if (!sections || !sections.includes(CONFIG_SECTION)) return;
          await client.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { [CONFIG_SECTION]: toServerSettings(vscode.workspace.getConfiguration(CONFIG_SECTION)) },
          });
        },
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) =>
            item.section === CONFIG_SECTION
              ? toServerSettings(
                  vscode.workspace.getConfiguration(
                    CONFIG_SECTION,
                    item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined,
                  ),
                )
              : result[i],
          );
        },
      },
      didOpen: async (document, next) => {
        await next(document);
        hooks.documentChanged(document.uri.toString());
      },
      didChange: async (event, next) => {
        await next(event);
        hooks.documentChanged(event.document.uri.toString());
      },
    },
  };

  const client = new QuietLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}

/** Send one of hplint's custom requests (protocol.json), typed by src/core/protocol.ts. */
export function sendCustomRequest<M extends keyof CustomRequests>(
  client: LanguageClient,
  method: M,
  params: CustomRequests[M]["params"],
): Promise<CustomRequests[M]["result"]> {
  return client.sendRequest<CustomRequests[M]["result"]>(method, params);
}
