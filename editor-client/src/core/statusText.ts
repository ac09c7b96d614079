/**
 * Server state + detected format of the active file -> status bar text. Pure.
 */

export type ServerState = "starting" | "running" | "stopped" | "error" | "not-installed";

/**
 * The format the server detected: its id and the label the server gives it
 * (the server's formats table is the one place labels live); `null` = the
 * server says this is not a tuning config, `undefined` = not known (yet).
 */
export type DetectedFormat = { id: string; label: string } | null | undefined;

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

export function statusView(state: ServerState, format: DetectedFormat, detail?: string): StatusView {
  const icon = ICONS[state];
  let text = `${icon} hplint`;
  const lines = [STATE_TOOLTIPS[state]];
  if (state === "running") {
    if (format) {
      text += `: ${format.label}`;
      lines.push(`This file is checked as: ${format.label} (${format.id}).`);
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
