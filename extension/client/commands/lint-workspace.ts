/**
 * `revbook.lintWorkspace`: has the language server lint the whole workspace
 * again and shows the Problems panel with a summary. The server publishes
 * every file's diagnostics whenever its settings change, so the command
 * re-sends the settings (a full relint), then reports the counts.
 */
import * as vscode from "vscode";
import { DidChangeConfigurationNotification, type LanguageClient } from "vscode-languageclient/node.js";
import { serverSettings } from "../settings.js";
import { countProblems } from "../status-bar.js";

/** Runs the lint; resolves with the error and warning counts after the server has answered. */
export async function lintWorkspace(
  client: LanguageClient,
  ready: Promise<void>,
): Promise<{ errors: number; warnings: number }> {
  await ready;
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
  // A round trip: the server handles notifications in order, so its answer comes after the relint was queued.
  await client.sendRequest("workspace/symbol", { query: "\u0000" }).catch(() => undefined);
  await vscode.commands.executeCommand("workbench.actions.view.problems");
  const counts = countProblems(client.diagnostics);
  void vscode.window.setStatusBarMessage(
    `revbook: ${counts.errors} error(s), ${counts.warnings} warning(s)`,
    5000,
  );
  return counts;
}
