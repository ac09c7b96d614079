import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Bundle,
  describeResolution,
  ImportStrategy,
  installCommand,
  Probes,
  resolutionProblemMessage,
  resolveServer,
} from "../../src/core/interpreter";

interface World {
  setting?: string[];
  pythonExt?: string[];
  pythonExtThrows?: boolean;
  onPath?: Record<string, string>;
  hasHplint?: string[]; // first element of interpreters that can import hplint
  bundle?: Bundle; // a platform package
  runsBundle?: string[]; // interpreters that can run the bundle (CPython 3.11+)
  strategy?: ImportStrategy;
}

function probes(w: World, log: string[] = []): Probes {
  return {
    settingInterpreter: () => w.setting,
    pythonExtensionInterpreter: async () => {
      log.push("python-extension");
      if (w.pythonExtThrows) throw new Error("boom");
      return w.pythonExt;
    },
    which: async (name) => {
      log.push(`which ${name}`);
      return w.onPath?.[name];
    },
    canImportHplint: async (interp) => {
      log.push(`probe ${interp.join(" ")}`);
      return (w.hasHplint ?? []).includes(interp[0]);
    },
    bundle: () => w.bundle,
    canRunBundle: async (interp) => {
      log.push(`bundle ${interp.join(" ")}`);
      return (w.runsBundle ?? []).includes(interp[0]);
    },
    importStrategy: () => w.strategy ?? "fromEnvironment",
  };
}

const BUNDLE: Bundle = {
  launcher: "/ext/bundled/hplint_server.py",
  version: "0.1.0",
  pythons: ["3.12", "3.11", "3.14"],
};

test("1. the setting wins and is not second-guessed", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      { setting: ["/venv/bin/python", "-X", "utf8"], pythonExt: ["/other"], hasHplint: ["/venv/bin/python"] },
      log,
    ),
  );
  assert.deepEqual(r, {
    kind: "ok",
    source: "setting",
    interpreter: ["/venv/bin/python", "-X", "utf8"],
    command: { command: "/venv/bin/python", args: ["-X", "utf8", "-m", "hplint", "lsp"] },
  });
  assert.deepEqual(log, ["probe /venv/bin/python -X utf8"]);
});

test("1b. setting without hplint -> missing-hplint for that interpreter, no fallback", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      { setting: ["/venv/bin/python"], onPath: { python3: "/usr/bin/python3" }, hasHplint: ["/usr/bin/python3"] },
      log,
    ),
  );
  assert.equal(r.kind, "missing-hplint");
  assert.equal(r.kind === "missing-hplint" && r.source, "setting");
  assert.deepEqual(log, ["probe /venv/bin/python"]);
  const msg = resolutionProblemMessage(r)!;
  assert.match(msg, /not installed for \/venv\/bin\/python/);
  assert.match(msg, /\/venv\/bin\/python -m pip install git\+https:\/\/github\.com\/hplint\/hplint/);
  assert.match(msg, /hplint\.interpreter/);
});

test("2. the Python extension's environment comes next", async () => {
  const r = await resolveServer(
    probes({
      pythonExt: ["/proj/.venv/bin/python"],
      onPath: { python3: "/usr/bin/python3" },
      hasHplint: ["/proj/.venv/bin/python", "/usr/bin/python3"],
    }),
  );
  assert.equal(r.kind, "ok");
  assert.equal(r.kind === "ok" && r.source, "python-extension");
  assert.deepEqual(r.kind === "ok" && r.command.args, ["-m", "hplint", "lsp"]);
});

test("3. python3 on PATH when the Python extension's env lacks hplint", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      {
        pythonExt: ["/proj/.venv/bin/python"],
        onPath: { python3: "/usr/bin/python3" },
        hasHplint: ["/usr/bin/python3"],
      },
      log,
    ),
  );
  assert.equal(r.kind === "ok" && r.source, "path-python");
  assert.deepEqual(r.kind === "ok" && r.command, { command: "/usr/bin/python3", args: ["-m", "hplint", "lsp"] });
  assert.deepEqual(log, [
    "python-extension",
    "probe /proj/.venv/bin/python",
    "which python3",
    "probe /usr/bin/python3",
  ]);
});

test("3b. `python` is tried when there is no python3", async () => {
  const r = await resolveServer(
    probes({ onPath: { python: "C:\\Py\\python.EXE" }, hasHplint: ["C:\\Py\\python.EXE"] }),
  );
  assert.equal(r.kind === "ok" && r.source, "path-python");
});

test("3c. a failing Python extension is skipped", async () => {
  const r = await resolveServer(
    probes({ pythonExtThrows: true, onPath: { python3: "/usr/bin/python3" }, hasHplint: ["/usr/bin/python3"] }),
  );
  assert.equal(r.kind === "ok" && r.source, "path-python");
});

test("4. the hplint console script is the last resort", async () => {
  const r = await resolveServer(
    probes({ onPath: { python3: "/usr/bin/python3", hplint: "/home/u/.local/bin/hplint" } }),
  );
  assert.deepEqual(r, {
    kind: "ok",
    source: "path-hplint",
    command: { command: "/home/u/.local/bin/hplint", args: ["lsp"] },
  });
  assert.match(describeResolution(r), /\/home\/u\/.local\/bin\/hplint lsp --stdio/);
});

test("missing hplint everywhere -> install into the first candidate", async () => {
  const r = await resolveServer(
    probes({ pythonExt: ["/proj/.venv/bin/python"], onPath: { python3: "/usr/bin/python3" } }),
  );
  assert.equal(r.kind, "missing-hplint");
  if (r.kind !== "missing-hplint") return;
  assert.equal(r.source, "python-extension");
  assert.deepEqual(r.interpreter, ["/proj/.venv/bin/python"]);
  assert.equal(r.tried.length, 2);
  const msg = resolutionProblemMessage(r)!;
  assert.match(msg, /\/proj\/\.venv\/bin\/python -m pip install git\+https:\/\/github\.com\/hplint\/hplint/);
  assert.match(msg, /Python extension/);
  assert.match(describeResolution(r), /\/usr\/bin\/python3/);
});

test("the same interpreter is probed once", async () => {
  const log: string[] = [];
  await resolveServer(probes({ pythonExt: ["/usr/bin/python3"], onPath: { python3: "/usr/bin/python3" } }, log));
  assert.equal(log.filter((l) => l.startsWith("probe")).length, 1);
});

test("no Python at all", async () => {
  const r = await resolveServer(probes({}));
  assert.deepEqual(r, { kind: "no-python" });
  assert.match(resolutionProblemMessage(r)!, /pip install git\+https:\/\/github\.com\/hplint\/hplint/);
  assert.equal(
    resolutionProblemMessage({ kind: "ok", source: "setting", command: { command: "x", args: [] } }),
    undefined,
  );
});

test("install command quotes paths with spaces", () => {
  assert.equal(
    installCommand(["C:\\Program Files\\Py\\python.exe"]),
    '"C:\\\\Program Files\\\\Py\\\\python.exe" -m pip install git+https://github.com/hplint/hplint',
  );
});

test("bundle: an environment that has hplint keeps it (the order stays)", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      {
        pythonExt: ["/proj/.venv/bin/python"],
        onPath: { python3: "/usr/bin/python3" },
        hasHplint: ["/usr/bin/python3"],
        bundle: BUNDLE,
        runsBundle: ["/proj/.venv/bin/python", "/usr/bin/python3"],
      },
      log,
    ),
  );
  assert.equal(r.kind === "ok" && r.source, "path-python");
  assert.equal(r.kind === "ok" && r.bundle, undefined);
  assert.ok(!log.some((l) => l.startsWith("bundle")), log.join(", "));
});

test("bundle: so does an hplint script on PATH", async () => {
  const r = await resolveServer(
    probes({
      onPath: { python3: "/usr/bin/python3", hplint: "/u/.local/bin/hplint" },
      bundle: BUNDLE,
      runsBundle: ["/usr/bin/python3"],
    }),
  );
  assert.equal(r.kind === "ok" && r.source, "path-hplint");
});

test("bundle: no hplint anywhere -> the first interpreter that runs the bundle", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      {
        pythonExt: ["/old/python3.10"],
        onPath: { python3: "/usr/bin/python3" },
        bundle: BUNDLE,
        runsBundle: ["/usr/bin/python3"],
      },
      log,
    ),
  );
  assert.deepEqual(r, {
    kind: "ok",
    source: "path-python",
    interpreter: ["/usr/bin/python3"],
    command: { command: "/usr/bin/python3", args: ["-I", "-S", "/ext/bundled/hplint_server.py", "lsp"] },
    bundle: BUNDLE,
  });
  assert.deepEqual(log, [
    "python-extension",
    "probe /old/python3.10",
    "which python3",
    "probe /usr/bin/python3",
    "which hplint",
    "bundle /old/python3.10",
    "bundle /usr/bin/python3",
  ]);
  assert.match(describeResolution(r), /-I -S \/ext\/bundled\/hplint_server\.py lsp --stdio \(hplint 0\.1\.0 bundled/);
});

test("bundle: the setting's interpreter runs it, keeping its extra arguments", async () => {
  const r = await resolveServer(
    probes({ setting: ["/py/python", "-X", "utf8"], bundle: BUNDLE, runsBundle: ["/py/python"] }),
  );
  assert.deepEqual(r.kind === "ok" && r.command, {
    command: "/py/python",
    args: ["-X", "utf8", "-I", "-S", "/ext/bundled/hplint_server.py", "lsp"],
  });
  assert.equal(r.kind === "ok" && r.source, "setting");
});

test("bundle: useBundled tries it first with each interpreter", async () => {
  const log: string[] = [];
  const r = await resolveServer(
    probes(
      {
        pythonExt: ["/old/python3.10"],
        onPath: { python3: "/usr/bin/python3" },
        hasHplint: ["/old/python3.10", "/usr/bin/python3"],
        bundle: BUNDLE,
        runsBundle: ["/usr/bin/python3"],
        strategy: "useBundled",
      },
      log,
    ),
  );
  // Python 3.10 cannot run the bundle but has hplint: its own hplint runs.
  assert.equal(r.kind === "ok" && r.source, "python-extension");
  assert.equal(r.kind === "ok" && r.bundle, undefined);
  assert.deepEqual(log, ["python-extension", "bundle /old/python3.10", "probe /old/python3.10"]);
  const second = await resolveServer(
    probes({
      onPath: { python3: "/usr/bin/python3" },
      hasHplint: ["/usr/bin/python3"],
      bundle: BUNDLE,
      runsBundle: ["/usr/bin/python3"],
      strategy: "useBundled",
    }),
  );
  assert.equal(second.kind === "ok" && second.bundle, BUNDLE);
});

test("bundle: useBundled without a bundle (universal package) is the environment order", async () => {
  const r = await resolveServer(
    probes({ onPath: { python3: "/usr/bin/python3" }, hasHplint: ["/usr/bin/python3"], strategy: "useBundled" }),
  );
  assert.equal(r.kind === "ok" && r.source, "path-python");
});

test("bundle: nothing runs it -> the message names the Python versions it needs", async () => {
  const r = await resolveServer(probes({ onPath: { python3: "/usr/bin/python3.10" }, bundle: BUNDLE }));
  assert.equal(r.kind, "missing-hplint");
  assert.match(resolutionProblemMessage(r)!, /bundled with this extension needs CPython 3\.11\u20133\.14\./);
  const none = await resolveServer(probes({ bundle: BUNDLE }));
  assert.deepEqual(none, { kind: "no-python", bundle: BUNDLE });
  assert.match(resolutionProblemMessage(none)!, /brings hplint with it and needs only CPython 3\.11\u20133\.14/);
});
