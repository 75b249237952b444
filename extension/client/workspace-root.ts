/**
 * Which revbook workspace a command acts on: the folder of the `revbook.yaml`
 * nearest above the active file, else the first one in the open folders.
 */
import path from "node:path";
import * as vscode from "vscode";

/** Absolute path of the revbook workspace root, or undefined when the folders hold no revbook.yaml. */
export async function revbookRoot(near?: vscode.Uri): Promise<string | undefined> {
  const configs = await vscode.workspace.findFiles("**/revbook.yaml", "**/node_modules/**", 50);
  const roots = configs.map((u) => path.dirname(u.fsPath)).sort((a, b) => b.length - a.length);
  const file = (near ?? vscode.window.activeTextEditor?.document.uri)?.fsPath;
  if (file) {
    const above = roots.find((r) => file === r || file.startsWith(`${r}${path.sep}`));
    if (above) return above;
  }
  return roots.sort()[0];
}
