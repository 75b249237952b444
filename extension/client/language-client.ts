/**
 * Starts the bundled revbook language server (`dist/server.cjs`, the same
 * server as `revbook lsp --stdio`) with Node over stdio, for the YAML and
 * Markdown files of the workspace, and keeps it told about file changes and
 * the `revbook.rules` setting. `revbook.trace.server` is read by the client
 * library itself (the client id is `revbook`).
 */
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node.js";
import { ruleSettings, serverSettings } from "./settings.js";

/** Creates the language client (not started yet). */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, "dist", "server.cjs").fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--inspect=6009"] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,md}"),
    vscode.workspace.createFileSystemWatcher("**/revbook.yaml"),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "markdown" },
    ],
    synchronize: { fileEvents: watchers },
    initializationOptions: () => ({ rules: ruleSettings(), trusted: vscode.workspace.isTrusted }),
    outputChannelName: "revbook",
  };
  const client = new LanguageClient("revbook", "revbook", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration("revbook.rules") || !client.isRunning()) return;
      void client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
    }),
  );
  return client;
}
