import assert from "node:assert/strict";
import { test } from "node:test";
import { FORMAT_LABELS, formatLabel, ServerState, statusView } from "../../src/core/statusText";

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

test("running shows the detected format", () => {
  assert.equal(statusView("running", "wandb-sweep").text, "$(check) hplint: W&B sweep");
  assert.match(statusView("running", "wandb-sweep").tooltip, /wandb-sweep/);
  assert.equal(statusView("running", null).text, "$(check) hplint: not a tuning config");
  assert.equal(statusView("running", undefined).text, "$(check) hplint");
  assert.equal(statusView("running", "hplint").level, "normal");
});

test("the format is only shown while running", () => {
  assert.equal(statusView("starting", "hplint").text, "$(loading~spin) hplint");
  assert.equal(statusView("error", "hplint").text, "$(error) hplint");
});

test("all format ids of the spec have labels; unknown ids pass through", () => {
  for (const id of ["hplint", "wandb-sweep", "sagemaker-tuning", "katib-experiment", "azureml-sweep", "hydra-optuna"]) {
    assert.ok(FORMAT_LABELS[id], id);
  }
  assert.equal(formatLabel("new-format"), "new-format");
});

test("detail text goes into the tooltip", () => {
  assert.match(statusView("error", undefined, "Crashed 4 times").tooltip, /Crashed 4 times/);
  assert.match(statusView("running", null).tooltip, /show the hplint output/);
});
