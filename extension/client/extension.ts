/**
 * The revbook VS Code extension (bundled to `extension/dist/extension.cjs`).
 * Activates in folders holding a `revbook.yaml`; starts the bundled language
 * server (language-client.ts) and wires the RevOps tree, the status bar, the
 * commands and the preview. All checking, rendering and building happens in
 * the server and the generator; this module only connects them to VS Code.
 *
 * `activate` returns a small API for the extension tests (`RevbookApi`).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { buildHandbook } from "./commands/build-handbook.js";
import { lintWorkspace } from "./commands/lint-workspace.js";
import { newDefinition, type NewDefinitionArgs } from "./commands/new-definition.js";
import { createLanguageClient } from "./language-client.js";
import { PreviewPanel } from "./preview-panel.js";
import { ProblemsStatusBar } from "./status-bar.js";
import { RevOpsTree } from "./tree-view.js";
import { watchTrust } from "./trust.js";

/** What `activate` returns (for tests). */
export interface RevbookApi {
  /** Resolves once the language client has started (the server answered `initialize`). */
  ready: Promise<void>;
  client: LanguageClient;
  tree: RevOpsTree;
  /** The status bar item's text, e.g. `$(error) 2 $(warning) 3`. */
  statusBarText(): string;
  previewPanel(): vscode.WebviewPanel | undefined;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): RevbookApi {
  void vscode.commands.executeCommand("setContext", "revbook.active", true);
  const languageClient = createLanguageClient(context);
  client = languageClient;

  const tree = new RevOpsTree(() => (languageClient.isRunning() ? languageClient : undefined));
  const statusBar = new ProblemsStatusBar(() => languageClient.diagnostics);
  const preview = new PreviewPanel(context);
  context.subscriptions.push(
    tree,
    statusBar,
    preview,
    vscode.window.registerTreeDataProvider("revbook.revops", tree),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => /\.(ya?ml|md)$/i.test(u.path))) tree.refresh(300);
    }),
    watchTrust(() => tree.refresh()),
  );

  const ready = languageClient.start().then(() => {
    statusBar.update();
    tree.refresh();
  });
  ready.catch((error: unknown) => {
    void vscode.window.showErrorMessage(
      `revbook: the language server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  const reloadPreview = vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,md}");
  let reloadTimer: NodeJS.Timeout | undefined;
  const scheduleReload = (): void => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void preview.reload(), 300);
  };
  context.subscriptions.push(
    reloadPreview,
    reloadPreview.onDidCreate(scheduleReload),
    reloadPreview.onDidDelete(scheduleReload),
    reloadPreview.onDidChange(scheduleReload),
    { dispose: () => clearTimeout(reloadTimer) },
    vscode.commands.registerCommand("revbook.lintWorkspace", () => lintWorkspace(languageClient, ready)),
    vscode.commands.registerCommand("revbook.buildHandbook", () => buildHandbook(context)),
    vscode.commands.registerCommand("revbook.previewPage", () => preview.show()),
    vscode.commands.registerCommand("revbook.newDefinition", (args?: NewDefinitionArgs) =>
      newDefinition(args),
    ),
    vscode.commands.registerCommand("revbook.refreshTree", () => tree.refresh()),
  );

  return {
    ready,
    client: languageClient,
    tree,
    statusBarText: () => statusBar.text,
    previewPanel: () => preview.current,
  };
}

export async function deactivate(): Promise<void> {
  // A client that never started (or crashed for good) has nothing to stop.
  await client?.stop().catch(() => undefined);
  client = undefined;
}
