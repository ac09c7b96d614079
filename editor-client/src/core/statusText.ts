/**
 * Server state + detected format of the active file -> status bar text. Pure.
 */

export type ServerState = "starting" | "running" | "stopped" | "error" | "not-installed";

/** Format ids returned by `hplint/documentInfo`. */
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  hplint: "hplint config",
  "wandb-sweep": "W&B sweep",
  "sagemaker-tuning": "SageMaker tuning job",
  "katib-experiment": "Katib experiment",
  "azureml-sweep": "Azure ML sweep",
  "hydra-optuna": "Hydra Optuna sweep",
};

/**
 * `string` = a detected format id, `null` = the server says this is not a
 * tuning config, `undefined` = not known (yet).
 */
export type DetectedFormat = string | null | undefined;

export interface StatusView {
  text: string;
  tooltip: string;
  /** How loud the item is: drives the background colour. */
  level: "normal" | "warning" | "error";
}

const ICONS: Record<ServerState, string> = {
  starting: "$(loading~spin)",
  running: "$(check)",
  stopped: "$(circle-slash)",
  error: "$(error)",
  "not-installed": "$(warning)",
};

const STATE_TOOLTIPS: Record<ServerState, string> = {
  starting: "hplint server is starting…",
  running: "hplint server is running.",
  stopped: "hplint server is stopped. Run “hplint: Restart Server” to start it.",
  error: "hplint server crashed and was not restarted. See the output, then run “hplint: Restart Server”.",
  "not-installed": "hplint is not installed for the selected Python interpreter.",
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format;
}

export function statusView(state: ServerState, format: DetectedFormat, detail?: string): StatusView {
  const icon = ICONS[state];
  let text = `${icon} hplint`;
  const lines = [STATE_TOOLTIPS[state]];
  if (state === "running") {
    if (typeof format === "string") {
      text += `: ${formatLabel(format)}`;
      lines.push(`This file is checked as: ${formatLabel(format)} (${format}).`);
    } else if (format === null) {
      text += ": not a tuning config";
      lines.push("This file is not a hyperparameter/tuning config, so hplint reports nothing for it.");
    }
  } else if (state === "not-installed") {
    text += ": not installed";
  }
  if (detail) lines.push(detail);
  lines.push("Click to show the hplint output.");
  const level = state === "error" ? "error" : state === "not-installed" ? "warning" : "normal";
  return { text, tooltip: lines.join("\n"), level };
}
