/**
 * Thin adapter over the public API of the Python extension (ms-python.python).
 * It is optional: without it we fall back to PATH (see ../core/interpreter.ts).
 */
import * as vscode from "vscode";

export const PYTHON_EXTENSION_ID = "ms-python.python";

/** The subset of the `environments` API we use (stable since 2023). */
interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
  resolveEnvironment(
    env: { id: string; path: string } | string,
  ): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
}

interface PythonExtensionApi {
  environments?: PythonEnvironmentsApi;
}

const ACTIVATE_TIMEOUT_MS = 10_000;

async function api(): Promise<PythonEnvironmentsApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await withTimeout(ext.activate(), ACTIVATE_TIMEOUT_MS);
  const envs = exports?.environments;
  if (!envs || typeof envs.getActiveEnvironmentPath !== "function") return undefined;
  return envs;
}

/** The active interpreter for `resource`, or undefined. Never throws. */
export async function activeInterpreter(
  resource: vscode.Uri | undefined,
  log: (msg: string) => void,
): Promise<string[] | undefined> {
  try {
    const envs = await api();
    if (!envs) return undefined;
    const envPath = envs.getActiveEnvironmentPath(resource);
    const resolved = await withTimeout(envs.resolveEnvironment(envPath), ACTIVATE_TIMEOUT_MS);
    const exe = resolved?.executable?.uri?.fsPath;
    if (exe) return [exe];
    log(`Python extension: the active environment ${envPath?.path ?? "?"} has no executable.`);
  } catch (e) {
    log(`Python extension: could not get the active environment: ${String(e)}`);
  }
  return undefined;
}

/** Subscribe to interpreter changes, if the Python extension is there. */
export async function onDidChangeInterpreter(listener: () => void): Promise<vscode.Disposable | undefined> {
  try {
    const envs = await api();
    const event = envs?.onDidChangeActiveEnvironmentPath;
    return event ? event(() => listener()) : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(p: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
