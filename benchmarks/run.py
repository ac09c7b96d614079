"""hplint performance benchmark: `hplint lsp` vs yaml-language-server, `hplint check` vs
check-jsonschema and yamllint, in one run, on the same generated files, with the same client.

    python benchmarks/run.py                 # everything (see benchmarks/README.md)
    python benchmarks/run.py --quick         # fewer samples, no 10,000-line files

The LSP client below speaks JSON-RPC over stdio with hand-written framing (no pygls client, so
nothing adds latency between the server's write and our timestamp). A reader thread parses frames
and timestamps each message with `time.perf_counter()` as soon as its body is read.
Results: a Markdown table on stdout and `benchmarks/results/latest.json`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import configs  # noqa: E402

YAML_LS_VERSION = "2.0.0"  # `npm view yaml-language-server version` on the day of the run
YAML_LS_BIN = WORK / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
TIMEOUT = 60.0


# -------------------------------------------------------------------------------------------
# a minimal LSP client
# -------------------------------------------------------------------------------------------


class Server:
    """One language-server process and the JSON-RPC plumbing to talk to it."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        settings: dict[str, Any],
        env: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.settings = settings
        self.spawned = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=str(WORK),
            env={
                **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                **(env or {}),
            },
        )
        self.next_id = 0
        self.responses: dict[int, queue.Queue[tuple[float, dict[str, Any]]]] = {}
        self.lock = threading.Lock()
        self.diagnostics: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.errors: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # ----- framing ---------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        with self.lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            body = stream.read(length)
            now = time.perf_counter()
            message = json.loads(body)
            self._dispatch(now, message)

    def _dispatch(self, now: float, message: dict[str, Any]) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self._answer(message)
        elif "id" in message:
            box = self.responses.get(message["id"])
            if box is not None:
                box.put((now, message))
        elif message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics.put((now, message["params"]))

    def _answer(self, request: dict[str, Any]) -> None:
        method = request["method"]
        result: Any = None
        if method == "workspace/configuration":
            result = []
            for item in request["params"]["items"]:
                section = item.get("section")
                result.append(self.settings.get(section) if section else self.settings)
        self._send({"id": request["id"], "result": result})

    # ----- calls -----------------------------------------------------------------------------
    def request(self, method: str, params: Any) -> tuple[float, float, dict[str, Any]]:
        """Send a request; return (sent, answered, response)."""
        self.next_id += 1
        box: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.responses[self.next_id] = box
        sent = time.perf_counter()
        self._send({"id": self.next_id, "method": method, "params": params})
        answered, response = box.get(timeout=TIMEOUT)
        del self.responses[self.next_id]
        if "error" in response:  # recorded, not fatal: a long run should not die on one error
            message = str(response["error"].get("message", ""))[:200]
            self.errors.append(f"{method}: {message}")
        return sent, answered, response

    def notify(self, method: str, params: Any) -> float:
        sent = time.perf_counter()
        self._send({"method": method, "params": params})
        return sent

    def wait_diagnostics(
        self, uri: str, version: int | None, after: float
    ) -> tuple[float, list[Any]]:
        """The first diagnostics for `uri` published for `version` (or later), after `after`."""
        deadline = time.perf_counter() + TIMEOUT
        while True:
            at, params = self.diagnostics.get(timeout=max(0.01, deadline - time.perf_counter()))
            if params["uri"] != uri or at < after:
                continue
            published = params.get("version")
            if version is not None and published is not None and published < version:
                continue
            return at, params["diagnostics"]

    def drain(self) -> None:
        while not self.diagnostics.empty():
            self.diagnostics.get_nowait()

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def capabilities(pull: bool) -> dict[str, Any]:
    text_document: dict[str, Any] = {
        "synchronization": {"didSave": False, "dynamicRegistration": False},
        "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "completion": {"completionItem": {"snippetSupport": False}},
    }
    if pull:
        text_document["diagnostic"] = {"dynamicRegistration": False}
    return {
        "textDocument": text_document,
        "workspace": {"configuration": True, "didChangeConfiguration": {}},
        "general": {"positionEncodings": ["utf-16"]},
    }


YAML_SETTINGS = {
    "yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}},
    "[yaml]": {},
    "editor": {"tabSize": 2},
    "files": {},
    "http": {},
}
HPLINT_SETTINGS: dict[str, Any] = {"hplint": {}}


# hplint keeps the code attrs/cattrs generate at start-up in a cache (`hplint.lsp.startup`);
# the benchmark's own, so that a run neither reads nor writes the user's.
HPLINT_CACHE = WORK / "hplint-cache"


def start_server(
    server: str, pull: bool = False, cache: Path = HPLINT_CACHE
) -> tuple[Server, float]:
    if server == "hplint":
        srv = Server(
            "hplint",
            [sys.executable, "-m", "hplint", "lsp"],
            HPLINT_SETTINGS,
            env={"HPLINT_CACHE_DIR": str(cache)},
        )
    else:
        srv = Server("yaml-ls", ["node", str(YAML_LS_BIN), "--stdio"], YAML_SETTINGS)
    params = {
        "processId": os.getpid(),
        "rootUri": WORK.as_uri(),
        "capabilities": capabilities(pull),
        "workspaceFolders": [{"uri": WORK.as_uri(), "name": "bench"}],
    }
    _, answered, _ = srv.request("initialize", params)
    initialize_s = answered - srv.spawned
    srv.notify("initialized", {})
    if server != "hplint":
        srv.notify("workspace/didChangeConfiguration", {"settings": YAML_SETTINGS})
    return srv, initialize_s


# -------------------------------------------------------------------------------------------
# measurements
# -------------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def edit_targets(text: str) -> list[tuple[int, int, int]]:
    """(line, start column, end column) of numeric values on `max:`/`high:`-like lines."""
    targets = []
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        for key in ("max: ", "sigma: ", "q: "):
            if stripped.startswith(key):
                start = line.index(key) + len(key)
                targets.append((number, start, len(line)))
        if "{dist: uniform, low: 0.0, high: " in line:
            start = line.index("high: ") + len("high: ")
            targets.append((number, start, line.index("}", start)))
    return targets


def hover_targets(text: str) -> list[tuple[int, int]]:
    out = []
    for number, line in enumerate(text.splitlines()):
        if line.strip().startswith(("distribution:", "class:", "method:")):
            out.append((number, len(line) - len(line.lstrip()) + 2))
    return out


def completion_targets(text: str) -> list[tuple[int, int]]:
    out = []
    for number, line in enumerate(text.splitlines()):
        if line.strip().startswith(("distribution:", "method:")):
            out.append((number, line.index(":") + 2))
    return out


def measure_startup(runs: int, peer: bool) -> dict[str, list[float]]:
    """spawn → `initialize` answered, `runs` times per server, alternating: hplint as after its
    first start (cache warm), hplint on a first start (empty cache), yaml-language-server."""
    startup: dict[str, list[float]] = {"hplint": [], "hplint-first": [], "yaml-ls": []}
    start_server("hplint")[0].close()  # the first start fills the cache
    for run in range(runs):
        for server in ("hplint", "hplint-first", "yaml-ls") if peer else ("hplint", "hplint-first"):
            if server == "hplint-first":
                empty = WORK / f"empty-cache-{run}"
                shutil.rmtree(empty, ignore_errors=True)
                srv, seconds = start_server("hplint", cache=empty)
            else:
                srv, seconds = start_server(server)
            srv.close()
            startup[server].append(seconds)
            if server == "hplint-first":
                shutil.rmtree(empty, ignore_errors=True)
    return startup


def measure_session(server: str, kind: str, size: int, path: Path, n: int) -> dict[str, Any]:
    text = path.read_text()
    uri = path.as_uri()
    srv, initialize_s = start_server(server)
    result: dict[str, Any] = {"initialize_s": initialize_s, "lines": text.count("\n")}
    try:
        sent = srv.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        at, diagnostics = srv.wait_diagnostics(uri, 1, sent)
        if server != "hplint" and not diagnostics:
            # yaml-language-server may publish an empty set before the schema is loaded.
            try:
                at2, diagnostics2 = srv.wait_diagnostics(uri, 1, at + 1e-9)
                at, diagnostics = at2, diagnostics2
            except queue.Empty:
                pass
        result["open_ms"] = (at - sent) * 1000
        result["diagnostics"] = len(diagnostics)
        # A second file opened once the server is warm (what every later open costs): the
        # first open above also waits for what the server imports after `initialize`.
        twin = path.with_name(f"{path.stem}.second{path.suffix}")
        twin.write_text(text)
        sent = srv.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": twin.as_uri(),
                    "languageId": "yaml",
                    "version": 1,
                    "text": text,
                }
            },
        )
        at, _ = srv.wait_diagnostics(twin.as_uri(), 1, sent)
        result["open_warm_ms"] = (at - sent) * 1000

        targets = edit_targets(text)
        lines = text.splitlines()
        edit_ms = []
        version = 1
        for i in range(n):
            line, start, end = targets[(i * 7) % len(targets)]
            old = lines[line][start:end]
            new = f"0.{(i % 9) + 1}{i % 10}"
            lines[line] = lines[line][:start] + new + lines[line][end:]
            version += 1
            srv.drain()
            sent = srv.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": line, "character": start},
                                "end": {"line": line, "character": start + len(old)},
                            },
                            "text": new,
                        }
                    ],
                },
            )
            at, _ = srv.wait_diagnostics(uri, version, sent)
            edit_ms.append((at - sent) * 1000)
        result["edit_ms"] = edit_ms

        result["hover_ms"] = _latencies(srv, "textDocument/hover", uri, hover_targets(text), n)
        result["completion_ms"] = _latencies(
            srv, "textDocument/completion", uri, completion_targets(text), n
        )
        if server == "hplint":  # yaml-language-server has no inlay hints for YAML
            result["inlay_ms"] = _inlay_latencies(srv, uri, text.count("\n") + 1, n)
        # The outline and folding of the whole file: both servers answer these for YAML.
        document = {"textDocument": {"uri": uri}}
        result["symbols_ms"] = _document_latencies(srv, "textDocument/documentSymbol", document, n)
        result["folding_ms"] = _document_latencies(srv, "textDocument/foldingRange", document, n)
        result["peak_rss_mb"] = srv.peak_rss_mb()
        result["errors"] = srv.errors[:5]
    finally:
        srv.close()
    return result


def _latencies(
    srv: Server, method: str, uri: str, targets: list[tuple[int, int]], n: int
) -> list[float]:
    """Milliseconds to answer `n` position requests, cycling through `targets`."""
    latencies = []
    for i, (line, column) in enumerate(targets[: max(1, n)] * n):
        if i >= n:
            break
        sent, answered, _ = srv.request(
            method, {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}
        )
        latencies.append((answered - sent) * 1000)
    return latencies


def _inlay_latencies(srv: Server, uri: str, lines: int, n: int) -> list[float]:
    """Milliseconds to answer `n` inlay-hint requests for the whole document (what an editor
    asks after opening a file, and for the visible range after each edit)."""
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}}
    latencies = []
    for _ in range(n):
        sent, answered, _ = srv.request(
            "textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": whole}
        )
        latencies.append((answered - sent) * 1000)
    return latencies


def _document_latencies(srv: Server, method: str, params: Any, n: int) -> list[float]:
    """Milliseconds to answer `n` whole-document requests (outline, folding ranges)."""
    latencies = []
    for _ in range(n):
        sent, answered, _ = srv.request(method, params)
        latencies.append((answered - sent) * 1000)
    return latencies


def measure_pull(path: Path, n: int) -> dict[str, Any]:
    """hplint with a pull-capable client: open → `textDocument/diagnostic`, edit → the same."""
    text = path.read_text()
    uri = path.as_uri()
    srv, _ = start_server("hplint", pull=True)
    try:
        sent = srv.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        _, answered, _ = srv.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        open_ms = (answered - sent) * 1000
        targets = edit_targets(text)
        lines = text.splitlines()
        edit_ms = []
        for i in range(n):
            line, start, end = targets[(i * 7) % len(targets)]
            old = lines[line][start:end]
            new = f"0.{(i % 9) + 1}{i % 10}"
            lines[line] = lines[line][:start] + new + lines[line][end:]
            change = {
                "range": {
                    "start": {"line": line, "character": start},
                    "end": {"line": line, "character": start + len(old)},
                },
                "text": new,
            }
            sent = srv.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [change]},
            )
            _, answered, _ = srv.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            edit_ms.append((answered - sent) * 1000)
        return {"open_ms": open_ms, "edit_ms": edit_ms}
    finally:
        srv.close()


def _cli_commands(files: list[str]) -> dict[str, list[str]]:
    """Each CLI on `files`: hplint, check-jsonschema against the same schema, and yamllint
    (YAML syntax and style only, the usual pre-commit YAML hook) where installed."""
    schema = str(ROOT / "schemas" / "wandb-sweep.schema.json")
    commands = {
        "hplint": [sys.executable, "-m", "hplint", "check", "--quiet", "--exit-zero", *files],
        "check-jsonschema": [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            schema,
            *files,
        ],
        "yamllint": [sys.executable, "-m", "yamllint", "-d", "relaxed", *files],
    }
    for name in ("check_jsonschema", "yamllint"):
        found = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, check=False
        )
        if found.returncode != 0:
            print(f"{name} is not installed: pip install {name.replace('_', '-')}", file=sys.stderr)
            commands.pop(name.replace("_", "-"))
    return commands


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall time of each command, `runs` rounds, interleaved so that drift hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            t0 = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - t0)
    return times


def measure_cli(count: int, runs: int, single_runs: int) -> dict[str, Any]:
    folder = WORK / "cli"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = []
    for i in range(count):
        path = folder / f"sweep_{i:04d}.yaml"
        path.write_text(configs.small_wandb(i))
        files.append(str(path))
    many = _interleaved(_cli_commands(files), runs)
    # One file, each run a new process: what pre-commit pays on a commit that touches a config.
    single = _interleaved(_cli_commands(files[:1]), single_runs)
    return {
        "files": count,
        "runs": runs,
        "single_runs": single_runs,
        "many_s": {name: statistics.median(t) for name, t in many.items()},
        "single_ms": {name: 1000 * statistics.median(t) for name, t in single.items()},
        "all_s": many,
        "single_all_s": single,
    }


# -------------------------------------------------------------------------------------------
# report
# -------------------------------------------------------------------------------------------


def summarise(session: dict[str, Any]) -> dict[str, float]:
    return {
        "initialize_s": session["initialize_s"],
        "open_ms": session["open_ms"],
        "open_warm_ms": session["open_warm_ms"],
        "edit_p50_ms": pct(session["edit_ms"], 0.5),
        "edit_p95_ms": pct(session["edit_ms"], 0.95),
        "hover_p50_ms": pct(session["hover_ms"], 0.5),
        "hover_p95_ms": pct(session["hover_ms"], 0.95),
        "completion_p50_ms": pct(session["completion_ms"], 0.5),
        "completion_p95_ms": pct(session["completion_ms"], 0.95),
        "symbols_p50_ms": pct(session["symbols_ms"], 0.5),
        "symbols_p95_ms": pct(session["symbols_ms"], 0.95),
        "folding_p50_ms": pct(session["folding_ms"], 0.5),
        "folding_p95_ms": pct(session["folding_ms"], 0.95),
        "peak_rss_mb": session["peak_rss_mb"],
        "diagnostics": session["diagnostics"],
        "lines": session["lines"],
        **(
            {
                "inlay_p50_ms": pct(session["inlay_ms"], 0.5),
                "inlay_p95_ms": pct(session["inlay_ms"], 0.95),
            }
            if "inlay_ms" in session
            else {}
        ),
    }


ROWS = (
    ("spawn → initialize (s)", "initialize_s", "{:.2f}"),
    ("open → diagnostics (ms)", "open_ms", "{:.0f}"),
    ("open another file → diagnostics (ms)", "open_warm_ms", "{:.0f}"),
    ("edit → diagnostics p50 (ms)", "edit_p50_ms", "{:.1f}"),
    ("edit → diagnostics p95 (ms)", "edit_p95_ms", "{:.1f}"),
    ("hover p50 / p95 (ms)", ("hover_p50_ms", "hover_p95_ms"), "{:.1f}"),
    ("completion p50 / p95 (ms)", ("completion_p50_ms", "completion_p95_ms"), "{:.1f}"),
    ("inlay hints, whole file, p50 / p95 (ms)", ("inlay_p50_ms", "inlay_p95_ms"), "{:.1f}"),
    ("outline (documentSymbol) p50 / p95 (ms)", ("symbols_p50_ms", "symbols_p95_ms"), "{:.1f}"),
    ("folding ranges p50 / p95 (ms)", ("folding_p50_ms", "folding_p95_ms"), "{:.1f}"),
    ("peak RSS (MB)", "peak_rss_mb", "{:.0f}"),
    ("diagnostics on open", "diagnostics", "{:.0f}"),
)


def _cell(summary: dict[str, float] | None, key: Any, fmt: str) -> str:
    needed = key if isinstance(key, tuple) else (key,)
    if summary is None or any(k not in summary for k in needed):
        return "—"
    if isinstance(key, tuple):
        return " / ".join(fmt.format(summary[k]) for k in key)
    return fmt.format(summary[key])


def _ratio(ours: dict[str, float], theirs: dict[str, float] | None, key: Any) -> str:
    if theirs is None:
        return "—"
    k = key[-1] if isinstance(key, tuple) else key
    if k == "diagnostics" or k not in theirs or not ours.get(k):
        return ""
    return f"{theirs[k] / ours[k]:.1f}×"


def markdown(results: dict[str, Any]) -> str:
    out = []
    startup = results.get("startup")
    if startup:
        runs = len(startup["hplint"])
        out.append(f"\n### Start-up: spawn → initialize answered ({runs} runs each, alternating)\n")
        out.append("| | hplint | hplint, first start | yaml-language-server | theirs / ours |")
        out.append("|---|---|---|---|---|")
        for label, q in (("median (s)", 0.5), ("p95 (s)", 0.95)):
            ours, first = pct(startup["hplint"], q), pct(startup["hplint-first"], q)
            theirs = pct(startup["yaml-ls"], q) if startup["yaml-ls"] else None
            out.append(
                f"| {label} | {ours:.2f} | {first:.2f} | "
                + (f"{theirs:.2f} | {theirs / ours:.1f}× |" if theirs else "— | — |")
            )
    for kind, sizes in results["lsp"].items():
        for size, pair in sizes.items():
            ours, theirs = pair["hplint"], pair.get("yaml-ls")
            out.append(f"\n### {kind} config, {ours['lines']} lines\n")
            out.append("| figure | hplint | yaml-language-server | theirs / ours |")
            out.append("|---|---|---|---|")
            for label, key, fmt in ROWS:
                out.append(
                    f"| {label} | {_cell(ours, key, fmt)} | {_cell(theirs, key, fmt)} "
                    f"| {_ratio(ours, theirs, key)} |"
                )
            pull = pair.get("hplint-pull")
            if pull is not None:
                out.append(
                    f"| pull: open → report / edit → report p50, p95 (ms) | "
                    f"{pull['open_ms']:.0f} / {pct(pull['edit_ms'], 0.5):.1f}, "
                    f"{pct(pull['edit_ms'], 0.95):.1f} | — | |"
                )
            del size
    cli = results.get("cli")
    if cli:
        title = f"CLI, {cli['files']} small W&B sweeps (median of {cli['runs']} runs)"
        out.extend(_cli_table(title, cli["many_s"], "{:.2f} s"))
        title = f"CLI, one file, a new process each run (median of {cli['single_runs']})"
        out.extend(_cli_table(title, cli["single_ms"], "{:.0f} ms"))
    return "\n".join(out)


def _cli_table(title: str, figures: dict[str, float], fmt: str) -> list[str]:
    """One CLI table: a column per tool, then each peer's time as a multiple of hplint's."""
    names = list(figures)
    ours = figures["hplint"]
    ratios = ", ".join(f"{n} {figures[n] / ours:.2f}×" for n in names if n != "hplint")
    return [
        f"\n### {title}\n",
        f"| {' | '.join(names)} | theirs / ours |",
        "|" + "---|" * (len(names) + 1),
        f"| {' | '.join(fmt.format(figures[n]) for n in names)} | {ratios} |",
    ]


def machine() -> dict[str, Any]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "node": node.stdout.strip(),
        "platform": platform.platform(),
        "yaml_language_server": YAML_LS_VERSION,
    }


def _save(results: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,1600,10000")
    parser.add_argument("--kinds", default="wandb,native")
    parser.add_argument("-n", "--samples", type=int, default=30, help="edits/hovers/completions")
    parser.add_argument(
        "--large-samples", type=int, default=15, help="samples for files over 5,000 lines"
    )
    parser.add_argument("--cli-files", type=int, default=1000)
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--cli-single-runs", type=int, default=15, help="one-file CLI runs")
    parser.add_argument("--no-peer", action="store_true", help="skip yaml-language-server")
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--startup-runs", type=int, default=15, help="spawns per server")
    parser.add_argument("--quick", action="store_true", help="sizes 50,1600; 10 samples; 1 CLI run")
    parser.add_argument("--out", default=str(RESULTS / "latest.json"))
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.samples, args.cli_runs, args.startup_runs = "50,1600", 10, 1, 5

    # Start-up is measured with byte code compiled, as after `pip install`.
    compileall.compile_dir(str(ROOT / "server" / "hplint"), quiet=1)
    peer = not args.no_peer and YAML_LS_BIN.exists()
    if not args.no_peer and not peer:
        print(
            f"yaml-language-server not found; run: npm install --prefix {WORK} "
            f"yaml-language-server@{YAML_LS_VERSION}",
            file=sys.stderr,
        )

    files = WORK / "files"
    files.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "lsp": {}, "raw": {}}
    if args.startup_runs:
        print("start-up …", file=sys.stderr)
        results["startup"] = measure_startup(args.startup_runs, peer)
    for kind in args.kinds.split(","):
        schema = (ROOT / "schemas" / configs.SCHEMAS[kind]).as_uri()
        for size in (int(s) for s in args.sizes.split(",")):
            body = configs.GENERATORS[kind](size - 1)
            # The modeline gives yaml-language-server the equivalent schema; hplint ignores it.
            text = f"# yaml-language-server: $schema={schema}\n{body}"
            path = files / f"{kind}_{size}.yaml"
            path.write_text(text)
            pair: dict[str, Any] = {}
            samples = args.samples if size <= 5000 else min(args.samples, args.large_samples)
            for server in ("hplint", "yaml-ls") if peer else ("hplint",):
                print(f"{kind} {size}: {server} …", file=sys.stderr)
                session = measure_session(server, kind, size, path, samples)
                results["raw"][f"{kind}/{size}/{server}"] = session
                pair[server] = summarise(session)
            pull = measure_pull(path, samples)
            results["raw"][f"{kind}/{size}/hplint-pull"] = pull
            pair["hplint-pull"] = pull
            results["lsp"].setdefault(kind, {})[str(size)] = pair
            _save(results, Path(args.out))  # partial results survive an interrupted run
    if not args.no_cli:
        print("CLI …", file=sys.stderr)
        results["cli"] = measure_cli(args.cli_files, args.cli_runs, args.cli_single_runs)
    table = markdown(results)
    print(table)
    results["markdown"] = table
    _save(results, Path(args.out))


if __name__ == "__main__":
    main()
