/**
 * Status bar item: server state + detected format of the active file.
 */
import * as vscode from "vscode";
import { isLintable } from "../core/documents";
import { DetectedFormat, ServerState, statusView } from "../core/statusText";

export type DocumentInfoFetcher = (uri: string) => Promise<DetectedFormat>;

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: ServerState = "stopped";
  private detail: string | undefined;
  private format: DetectedFormat;
  private formatUri: string | undefined;
  private fetcher: DocumentInfoFetcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor() {
    this.item = vscode.window.createStatusBarItem("hplint.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "hplint";
    this.item.command = "hplint.showOutput";
    this.render();
  }

  setState(state: ServerState, detail?: string): void {
    this.state = state;
    this.detail = detail;
    if (state === "running") this.scheduleRefresh(0);
    this.render();
  }

  /** Where to ask for the detected format (undefined while no server runs). */
  setFetcher(fetcher: DocumentInfoFetcher | undefined): void {
    this.fetcher = fetcher;
    this.scheduleRefresh(0);
  }

  /** After didOpen/didChange: ask again once edits settle. */
  documentChanged(uri: string): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active === uri) this.scheduleRefresh(400);
  }

  activeEditorChanged(): void {
    this.format = undefined;
    this.formatUri = undefined;
    this.render();
    this.scheduleRefresh(50);
  }

  private scheduleRefresh(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const generation = ++this.generation;
    if (!editor || !this.fetcher || this.state !== "running") {
      this.render();
      return;
    }
    const uri = editor.document.uri.toString();
    if (!isLintable(editor.document.languageId, editor.document.uri.scheme)) {
      this.render();
      return;
    }
    let format: DetectedFormat;
    try {
      format = await this.fetcher(uri);
    } catch {
      format = undefined;
    }
    if (generation !== this.generation) return; // a newer refresh is under way
    this.format = format;
    this.formatUri = uri;
    this.render();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const lintable = editor ? isLintable(editor.document.languageId, editor.document.uri.scheme) : false;
    if (!lintable) {
      this.item.hide();
      return;
    }
    const format = editor && this.formatUri === editor.document.uri.toString() ? this.format : undefined;
    const view = statusView(this.state, lintable ? format : undefined, this.detail);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor =
      view.level === "error"
        ? new vscode.ThemeColor("statusBarItem.errorBackground")
        : view.level === "warning"
          ? new vscode.ThemeColor("statusBarItem.warningBackground")
          : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}
