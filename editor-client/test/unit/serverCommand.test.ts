import assert from "node:assert/strict";
import { test } from "node:test";
import {
  asLaunchedOverStdio,
  buildImportProbe,
  buildScriptCommand,
  buildServerCommand,
  expandInterpreter,
  formatCommand,
} from "../../src/core/serverCommand";

test("interpreter with extra args -> -m hplint lsp", () => {
  assert.deepEqual(buildServerCommand(["/venv/bin/python", "-X", "utf8"]), {
    command: "/venv/bin/python",
    args: ["-X", "utf8", "-m", "hplint", "lsp"],
  });
  assert.deepEqual(buildServerCommand(["python3"]), { command: "python3", args: ["-m", "hplint", "lsp"] });
});

test("the language client's stdio transport appends --stdio", () => {
  assert.deepEqual(asLaunchedOverStdio(buildServerCommand(["python3"])), {
    command: "python3",
    args: ["-m", "hplint", "lsp", "--stdio"],
  });
  assert.deepEqual(asLaunchedOverStdio(buildScriptCommand("/usr/bin/hplint")).args, ["lsp", "--stdio"]);
});

test("empty interpreter is a programming error", () => {
  assert.throws(() => buildServerCommand([]));
  assert.throws(() => buildServerCommand([" "]));
});

test("console script -> hplint lsp", () => {
  assert.deepEqual(buildScriptCommand("/usr/bin/hplint"), { command: "/usr/bin/hplint", args: ["lsp"] });
});

test("import probe keeps the interpreter's own args", () => {
  assert.deepEqual(buildImportProbe(["py", "-3.12"]), { command: "py", args: ["-3.12", "-c", "import hplint"] });
});

test("variables and ~ are expanded; blanks and non-strings dropped", () => {
  const vars = { workspaceFolder: "/ws", userHome: "/home/u" };
  assert.deepEqual(expandInterpreter(["${workspaceFolder}/.venv/bin/python", "", 3, "-X", "utf8"], vars), [
    "/ws/.venv/bin/python",
    "-X",
    "utf8",
  ]);
  assert.deepEqual(expandInterpreter(["~/py/bin/python"], vars), ["/home/u/py/bin/python"]);
  assert.deepEqual(expandInterpreter(["${userHome}/p"], vars), ["/home/u/p"]);
  assert.deepEqual(expandInterpreter(["${workspaceFolder}/p"], {}), ["${workspaceFolder}/p"]);
  assert.deepEqual(expandInterpreter(["a~b"], vars), ["a~b"]);
});

test("formatCommand quotes parts with spaces", () => {
  assert.equal(formatCommand({ command: "/my env/python", args: ["-m", "hplint"] }), '"/my env/python" -m hplint');
  assert.equal(formatCommand(["python3", "-c", "import x"]), 'python3 -c "import x"');
});
