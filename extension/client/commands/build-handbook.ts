/**
 * `revbook.buildHandbook`: saves the edited files of the workspace, then runs
 * the generator's `buildSite` (what `revbook build` runs) in-process into the
 * workspace's configured `out`, with a progress notification. Lint errors stop the build with a choice to build
 * anyway; refusals (an unsafe `out`) are shown as they are. Needs a trusted
 * workspace (it writes files).
 */
import path from "node:path";
import * as vscode from "vscode";
import { loadHandbookEngine } from "../handbook-loader.js";
import { requireTrust } from "../trust.js";
import { revbookRoot } from "../workspace-root.js";

/** What the command did, for tests and callers. */
export interface BuildOutcome {
  status: "built" | "lint-errors" | "refused" | "untrusted" | "no-workspace" | "failed";
  out?: string;
  files?: number;
  message?: string;
}

export async function buildHandbook(
  context: vscode.ExtensionContext,
  options: { allowErrors?: boolean } = {},
): Promise<BuildOutcome> {
  if (!requireTrust("Build handbook")) return { status: "untrusted" };
  const root = await revbookRoot();
  if (!root) {
    void vscode.window.showErrorMessage("revbook: no revbook.yaml in the open folders.");
    return { status: "no-workspace" };
  }
  const dirty = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && d.uri.scheme === "file" && d.uri.fsPath.startsWith(root),
  );
  await Promise.all(dirty.map((d) => d.save()));
  const engine = loadHandbookEngine(context);
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: "revbook: building the handbook",
      cancellable: false,
    },
    async (progress): Promise<BuildOutcome> => {
      try {
        const result = await engine.buildSite({
          dir: root,
          allowErrors: options.allowErrors,
          log: (line) => progress.report({ message: line }),
        });
        if (result.code === 1) {
          const errors = result.diagnostics.filter((d) => d.severity === "error").length;
          return { status: "lint-errors", out: result.out, message: `${errors} lint error(s)` };
        }
        return { status: "built", out: result.out, files: result.files.length };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { status: error instanceof engine.BuildRefusal ? "refused" : "failed", message };
      }
    },
  );
  void report(context, outcome, root);
  return outcome;
}

async function report(context: vscode.ExtensionContext, outcome: BuildOutcome, root: string): Promise<void> {
  switch (outcome.status) {
    case "built": {
      const shown = path.relative(root, outcome.out ?? "") || outcome.out;
      const choice = await vscode.window.showInformationMessage(
        `revbook: built ${outcome.files} files into ${shown}.`,
        "Reveal in Explorer",
      );
      if (choice && outcome.out) {
        await vscode.commands.executeCommand(
          "revealInExplorer",
          vscode.Uri.file(path.join(outcome.out, "index.html")),
        );
      }
      return;
    }
    case "lint-errors": {
      const choice = await vscode.window.showErrorMessage(
        `revbook: ${outcome.message}: nothing was built. Fix them, or build anyway.`,
        "Show Problems",
        "Build Anyway",
      );
      if (choice === "Show Problems") await vscode.commands.executeCommand("workbench.actions.view.problems");
      if (choice === "Build Anyway") await buildHandbook(context, { allowErrors: true });
      return;
    }
    case "refused":
    case "failed":
      void vscode.window.showErrorMessage(`revbook: build failed: ${outcome.message}`);
      return;
    default:
      return;
  }
}
