import assert from "node:assert/strict";
import { test } from "node:test";
import { ServerState, statusView } from "../../src/core/statusText";

test("every state has an icon and a tooltip", () => {
  const states: ServerState[] = ["starting", "running", "stopped", "error", "not-installed"];
  for (const s of states) {
    const v = statusView(s, undefined);
    assert.match(v.text, /^\$\([a-z~-]+\) hplint/);
    assert.ok(v.tooltip.length > 0);
  }
  assert.equal(statusView("starting", undefined).text, "$(loading~spin) hplint");
  assert.equal(statusView("stopped", undefined).text, "$(circle-slash) hplint");
  assert.equal(statusView("error", undefined).level, "error");
  assert.equal(statusView("not-installed", undefined).text, "$(warning) hplint: not installed");
  assert.equal(statusView("not-installed", undefined).level, "warning");
});

const WANDB = { id: "wandb-sweep", label: "W&B sweep" };
const NATIVE = { id: "hplint", label: "hplint config" };

test("running shows the label the server gives the detected format", () => {
  assert.equal(statusView("running", WANDB).text, "$(check) hplint: W&B sweep");
  assert.match(statusView("running", WANDB).tooltip, /W&B sweep \(wandb-sweep\)/);
  assert.equal(statusView("running", null).text, "$(check) hplint: not a tuning config");
  assert.equal(statusView("running", undefined).text, "$(check) hplint");
  assert.equal(statusView("running", NATIVE).level, "normal");
});

test("the format is only shown while running", () => {
  assert.equal(statusView("starting", NATIVE).text, "$(loading~spin) hplint");
  assert.equal(statusView("error", NATIVE).text, "$(error) hplint");
});

test("detail text goes into the tooltip", () => {
  assert.match(statusView("error", undefined, "Crashed 4 times").tooltip, /Crashed 4 times/);
  assert.match(statusView("running", null).tooltip, /show the hplint output/);
});
