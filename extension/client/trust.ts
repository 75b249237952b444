/**
 * Workspace trust: in Restricted Mode revbook keeps only what runs no
 * workspace-provided code and writes nothing (diagnostics, navigation, hover,
 * the RevOps tree). Build and Preview ask for trust first (menus use VS Code's
 * own `isWorkspaceTrusted` context key).
 */
import * as vscode from "vscode";

/** The message shown when a command needs a trusted workspace. */
export function untrustedMessage(what: string): string {
  return `revbook: ${what} is disabled in Restricted Mode. Trust this workspace to use it.`;
}

/** True when the workspace is trusted; otherwise tells the user (with a way to manage trust) and returns false. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(untrustedMessage(what), "Manage Workspace Trust").then((choice) => {
    if (choice) void vscode.commands.executeCommand("workbench.trust.manage");
  });
  return false;
}

/** Calls `onTrusted` when the user grants trust (no reload needed). */
export function watchTrust(onTrusted: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(onTrusted);
}
