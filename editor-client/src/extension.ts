/**
 * The extension's entry point (bundled to dist/extension.js, package.json `main`).
 *
 * Layout: `core/` is the logic, plain TypeScript that never imports `vscode` (unit-tested in
 * Node); `vscode/` is the glue that talks to the VS Code API and vscode-languageclient.
 */
export { activate, deactivate } from "./vscode/extension";
