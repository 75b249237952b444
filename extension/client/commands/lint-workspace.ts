/**
 * `revbook.lintWorkspace`: has the language server lint the whole workspace
 * again and shows the Problems panel with a summary. The server publishes
 * every file's diagnostics whenever its settings change, so the command
 * re-sends the settings (a full relint), waits for the diagnostics to settle,
 * then reports the counts.
 */
import * as vscode from "vscode";
import { DidChangeConfigurationNotification, type LanguageClient } from "vscode-languageclient/node.js";
import { serverSettings } from "../settings.js";
import { countProblems } from "../status-bar.js";

/** How long the diagnostics must stay unchanged to count as settled, and the longest wait. */
const QUIET_MS = 400;
const MAX_WAIT_MS = 5000;

/** Resolves once no revbook diagnostics changed for QUIET_MS (or after MAX_WAIT_MS). */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout;
    const done = (): void => {
      clearTimeout(quiet);
      clearTimeout(limit);
      subscription.dispose();
      resolve();
    };
    const limit = setTimeout(done, MAX_WAIT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => /\.(ya?ml|md)$/i.test(u.path))) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, QUIET_MS);
    });
    quiet = setTimeout(done, QUIET_MS);
  });
}

/** Runs the lint; resolves with the error and warning counts after the server has answered. */
export async function lintWorkspace(
  client: LanguageClient,
  ready: Promise<void>,
): Promise<{ errors: number; warnings: number }> {
  await ready;
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
  // A round trip: the server answers once its workspace is loaded and after the relint was queued.
  await client.sendRequest("workspace/symbol", { query: "\u0000" }).catch(() => undefined);
  await settled();
  await vscode.commands.executeCommand("workbench.actions.view.problems");
  const counts = countProblems(client.diagnostics);
  void vscode.window.setStatusBarMessage(
    `revbook: ${counts.errors} error(s), ${counts.warnings} warning(s)`,
    5000,
  );
  return counts;
}
