/**
 * The revbook language server (LSP 3.17 over stdio): wires the connection,
 * declares capabilities and routes requests to one module per feature. It
 * writes nothing but LSP to stdout; logs go to `connection.console`.
 *
 * Workspace trust: the server never runs workspace code (no scripts, no
 * plugins); it only reads and parses files, so it is safe in untrusted folders.
 */
import { fileURLToPath } from "node:url";
import {
  type Connection,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
} from "vscode-languageserver/node.js";
import { CONFIG_FILE } from "../../core/config.js";
import { codeActions } from "./code-actions.js";
import { completionAt } from "./completion.js";
import { definitionAt, referencesAt } from "./definition.js";
import { DiagnosticsPublisher } from "./diagnostics.js";
import { findRoot, WorkspaceState } from "./documents-sync.js";
import { hoverAt } from "./hover.js";
import { prepareRename, rename } from "./rename.js";
import { documentSymbols, workspaceSymbols } from "./symbols.js";

function folderOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Starts the server on stdin/stdout; resolves when the connection closes. */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout),
): Promise<void> {
  let state: WorkspaceState | undefined;
  let publisher: DiagnosticsPublisher | undefined;
  let watchRegistration = false;
  /** Requests are answered after the workspace has loaded. */
  let ready: Promise<void> = Promise.resolve();

  const reportLoadError = (): void => {
    const error = state?.loadError;
    if (!error) return;
    const lines = error.problems.map((p) => `${CONFIG_FILE}:${p.line}:${p.column}: ${p.message}`);
    // A notification (`window/showMessage`), not a request: nothing to wait for, nothing to fail.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Error,
      message: lines.length > 0 ? `revbook: ${lines.join("\n")}` : `revbook: ${error.message}`,
    });
    connection.console.error(lines.join("\n") || error.message);
  };

  const reload = async (): Promise<void> => {
    if (!state || !publisher) return;
    const hadError = state.loadError !== undefined;
    await state.reload();
    if (state.loadError) reportLoadError();
    else if (hadError) connection.console.info("revbook.yaml is valid again; workspace reloaded");
    publisher.queueAll();
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const folders = (params.workspaceFolders ?? [])
      .map((f) => folderOf(f.uri))
      .filter((f): f is string => !!f);
    if (folders.length === 0 && params.rootUri) {
      const f = folderOf(params.rootUri);
      if (f) folders.push(f);
    }
    if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
    watchRegistration = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    const root = await findRoot(folders);
    if (root) {
      state = new WorkspaceState(root);
      publisher = new DiagnosticsPublisher(connection, state);
      ready = state.reload();
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
        completionProvider: { triggerCharacters: [":", ".", " ", "(", "{", '"'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: "revbook", version: "0.1.0" },
    };
  });

  connection.onInitialized(async () => {
    if (!state) {
      connection.console.warn("revbook: no revbook.yaml in this workspace; the language server is idle");
      return;
    }
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{yaml,yml,md}" }],
      });
    }
    await ready;
    connection.console.info(`revbook: workspace ${state.root}`);
    reportLoadError();
    publisher?.queueAll();
  });

  const isConfig = (file: string): boolean => file === CONFIG_FILE;

  /** Notification handlers must never take the server down: failures are logged, the next event retries. */
  const guard =
    <P>(name: string, handler: (params: P) => Promise<void>) =>
    (params: P): void => {
      handler(params).catch((error: unknown) => {
        connection.console.error(
          `revbook: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      });
    };

  connection.onDidOpenTextDocument(
    guard("onDidOpenTextDocument", async ({ textDocument }) => {
      await ready;
      const file = state?.uris.toPath(textDocument.uri);
      if (!state || !file) return;
      if (isConfig(file)) {
        state.open.set(file, textDocument.text);
        return;
      }
      publisher?.queue(state.edit(file, textDocument.text));
    }),
  );

  connection.onDidChangeTextDocument(
    guard("onDidChangeTextDocument", async ({ textDocument, contentChanges }) => {
      await ready;
      const file = state?.uris.toPath(textDocument.uri);
      const last = contentChanges[contentChanges.length - 1];
      if (!state || !file || !last || "range" in last) return;
      if (isConfig(file)) {
        state.open.set(file, last.text);
        ready = reload();
        return;
      }
      publisher?.queue(state.edit(file, last.text));
    }),
  );

  connection.onDidCloseTextDocument(
    guard("onDidCloseTextDocument", async ({ textDocument }) => {
      await ready;
      const file = state?.uris.toPath(textDocument.uri);
      if (!state || !file) return;
      if (isConfig(file)) {
        state.open.delete(file);
        ready = reload();
        return;
      }
      publisher?.queue(await state.close(file));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard("onDidChangeWatchedFiles", async ({ changes }) => {
      await ready;
      if (!state) return;
      for (const change of changes) {
        const file = state.uris.toPath(change.uri);
        if (!file) continue;
        if (isConfig(file)) {
          if (!state.open.has(file) || change.type === FileChangeType.Deleted) state.open.delete(file);
          ready = reload();
          await ready;
          continue;
        }
        if (!state.workspace) continue;
        publisher?.queue(await state.syncFromDisk(file));
      }
    }),
  );

  const withState = <T>(fallback: T, f: (s: WorkspaceState) => T): Promise<T> =>
    ready.then(() => (state?.workspace ? f(state) : fallback));

  connection.onCompletion((p) => withState([], (s) => completionAt(s, p.textDocument.uri, p.position)));
  connection.onHover((p) => withState(null, (s) => hoverAt(s, p.textDocument.uri, p.position) ?? null));
  connection.onDefinition((p) =>
    withState(null, (s) => definitionAt(s, p.textDocument.uri, p.position) ?? null),
  );
  connection.onReferences((p) =>
    withState([], (s) => referencesAt(s, p.textDocument.uri, p.position, p.context.includeDeclaration)),
  );
  connection.onPrepareRename((p) =>
    withState(null, (s) => prepareRename(s, p.textDocument.uri, p.position) ?? null),
  );
  connection.onRenameRequest((p) =>
    withState(null, (s) => rename(s, p.textDocument.uri, p.position, p.newName)),
  );
  connection.onCodeAction((p) => withState([], (s) => codeActions(s, p)));
  connection.onDocumentSymbol((p) => withState([], (s) => documentSymbols(s, p.textDocument.uri)));
  connection.onWorkspaceSymbol((p) => withState([], (s) => workspaceSymbols(s, p.query)));

  connection.onShutdown(() => {
    publisher?.flush();
    publisher?.dispose();
  });

  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
