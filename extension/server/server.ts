/**
 * The revbook language server (LSP 3.17 over stdio): wires the connection,
 * declares capabilities and routes requests to one module per feature. It
 * writes nothing but LSP to stdout; logs go to `connection.console`.
 *
 * Lifecycle of the workspace: the folder holding `revbook.yaml` is found at
 * start; when there is none the server idles until a watched `revbook.yaml`
 * appears. Creating, editing or deleting `revbook.yaml` reloads (deleting it
 * clears every diagnostic and idles again); a broken one is reported at its
 * line and column.
 *
 * Settings: `initializationOptions.rules` and `workspace/didChangeConfiguration`
 * (`{ revbook: { rules: { "<rule-id>": "error" | "warning" | "info" | "off" } } }`)
 * override rule severities on top of revbook.yaml.
 *
 * Workspace trust (`initializationOptions.trusted`): nothing differs. The
 * server never runs workspace code (no scripts, plugins or custom rules; it
 * reads files, parses YAML and Markdown and lints), so every feature is as
 * safe in an untrusted folder as in a trusted one and stays on.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
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
import { parseRuleOverrides, type RuleOverrides } from "../../core/rule-overrides.js";
import { RULES } from "../../core/rules/index.js";
import { codeActions } from "./code-actions.js";
import { codeLenses } from "./code-lens.js";
import { completionAt } from "./completion.js";
import { definitionAt, referencesAt } from "./definition.js";
import { DiagnosticsPublisher } from "./diagnostics.js";
import { findRoot, WorkspaceState } from "./documents-sync.js";
import { hoverAt } from "./hover.js";
import { OUTLINE_REQUEST, outline } from "./outline.js";
import { prepareRename, rename } from "./rename.js";
import { documentSymbols, workspaceSymbols } from "./symbols.js";

function folderOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** What the client may pass in `initializationOptions`. */
interface InitializationOptions {
  rules?: unknown;
  trusted?: boolean;
}

/** Reads `revbook.rules` out of a settings object (`{ revbook: { rules } }`); undefined when absent. */
function rulesSetting(settings: unknown): { found: boolean; rules: unknown } {
  if (typeof settings !== "object" || settings === null) return { found: false, rules: undefined };
  const revbook = (settings as { revbook?: unknown }).revbook;
  if (typeof revbook !== "object" || revbook === null) return { found: false, rules: undefined };
  return { found: true, rules: (revbook as { rules?: unknown }).rules };
}

/** Starts the server on stdin/stdout; resolves when the connection closes. */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout),
): Promise<void> {
  let state: WorkspaceState | undefined;
  let publisher: DiagnosticsPublisher | undefined;
  let folders: string[] = [];
  let watchRegistration = false;
  let configRegistration = false;
  let configurationPull = false;
  let overrides: RuleOverrides = {};
  let trusted = true;
  /** Requests are answered after the workspace has loaded. */
  let ready: Promise<void> = Promise.resolve();
  /** Nothing is published before the client's `initialized`. */
  let markInitialized: () => void = () => {};
  const initialized = new Promise<void>((resolve) => {
    markInitialized = resolve;
  });

  const logError = (what: string, error: unknown): void => {
    connection.console.error(
      `revbook: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  };

  const showMessage = (type: MessageType, message: string): void => {
    // A notification (`window/showMessage`), not a request: nothing to wait for, nothing to fail.
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  };

  const reportLoadError = (): void => {
    const error = state?.loadError;
    if (!error || state?.configMissing) return;
    const lines = error.problems.map((p) => `${CONFIG_FILE}:${p.line}:${p.column}: ${p.message}`);
    showMessage(
      MessageType.Error,
      lines.length > 0 ? `revbook: ${lines.join("\n")}` : `revbook: ${error.message}`,
    );
    connection.console.error(lines.join("\n") || error.message);
  };

  /** Validates rule overrides from settings; problems are shown, valid entries kept. */
  const takeOverrides = (value: unknown, from: string): RuleOverrides => {
    const { overrides: parsed, problems } = parseRuleOverrides(
      value,
      RULES.map((r) => r.meta),
    );
    if (problems.length > 0) {
      const message = `revbook: ${from} \`revbook.rules\`: ${problems.join("; ")}`;
      showMessage(MessageType.Warning, message);
      connection.console.warn(message);
    }
    return parsed;
  };

  /** The workspace at `root` (re)starts: loads, then publishes every file. */
  const start = async (root: string): Promise<void> => {
    publisher?.dispose();
    state = new WorkspaceState(root);
    state.overrides = overrides;
    publisher = new DiagnosticsPublisher(connection, state, (e) => logError("lint", e));
    await state.reload();
    await initialized;
    connection.console.info(`revbook: workspace ${root}`);
    reportLoadError();
    publisher.queueAll();
  };

  /** revbook.yaml is gone: clear what was shown and idle until one appears. */
  const stop = (): void => {
    publisher?.clearAll();
    publisher?.dispose();
    connection.console.info(`revbook: ${CONFIG_FILE} was deleted; the language server is idle`);
    state = undefined;
    publisher = undefined;
  };

  const reload = async (): Promise<void> => {
    if (!state || !publisher) return;
    const hadError = state.loadError !== undefined;
    await state.reload();
    if (state.configMissing) {
      stop();
      return;
    }
    if (state.loadError) reportLoadError();
    else if (hadError) connection.console.info("revbook.yaml is valid again; workspace reloaded");
    publisher.queueAll();
  };

  /** Runs `f` after whatever is loading now; the next event waits for it in turn. */
  const serialize = (f: () => Promise<void>): Promise<void> => {
    ready = ready.then(f).catch((error: unknown) => logError("reload", error));
    return ready;
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    folders = (params.workspaceFolders ?? []).map((f) => folderOf(f.uri)).filter((f): f is string => !!f);
    if (folders.length === 0 && params.rootUri) {
      const f = folderOf(params.rootUri);
      if (f) folders.push(f);
    }
    if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
    const workspaceCaps = params.capabilities.workspace;
    watchRegistration = Boolean(workspaceCaps?.didChangeWatchedFiles?.dynamicRegistration);
    configRegistration = Boolean(workspaceCaps?.didChangeConfiguration?.dynamicRegistration);
    configurationPull = Boolean(workspaceCaps?.configuration);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = options.trusted !== false;
    overrides = takeOverrides(options.rules, "initializationOptions");
    const root = await findRoot(folders);
    if (root) void serialize(() => start(root));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
        completionProvider: { triggerCharacters: [":", ".", " ", "(", "{", '"'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: "revbook", version: "0.1.0" },
    };
  });

  connection.onInitialized(async () => {
    markInitialized();
    if (!trusted) {
      connection.console.info(
        "revbook: untrusted workspace; revbook runs no workspace code, so every feature stays on",
      );
    }
    if (watchRegistration) {
      // Also while idle: a revbook.yaml created later starts the workspace.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{yaml,yml,md}" }],
      });
    }
    if (configRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "revbook" });
    }
    await ready;
    if (!state) {
      connection.console.warn(
        "revbook: no revbook.yaml in this workspace; the language server is idle until one is created",
      );
    }
  });

  const isConfig = (file: string): boolean => file === CONFIG_FILE;

  /** Notification handlers must never take the server down: failures are logged, the next event retries. */
  const guard =
    <P>(name: string, handler: (params: P) => Promise<void>) =>
    (params: P): void => {
      handler(params).catch((error: unknown) => logError(name, error));
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
      if (state.edit(file, textDocument.text)) publisher?.scheduleLint();
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
        await serialize(reload);
        return;
      }
      if (state.edit(file, last.text)) publisher?.scheduleLint();
    }),
  );

  connection.onDidCloseTextDocument(
    guard("onDidCloseTextDocument", async ({ textDocument }) => {
      await ready;
      const file = state?.uris.toPath(textDocument.uri);
      if (!state || !file) return;
      if (isConfig(file)) {
        state.open.delete(file);
        await serialize(reload);
        return;
      }
      publisher?.queue(await state.close(file));
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard("onDidChangeWatchedFiles", async ({ changes }) => {
      await ready;
      if (!state) {
        // Idle: does a revbook.yaml now exist?
        const created = changes.some(
          (c) => c.type !== FileChangeType.Deleted && path.basename(folderOf(c.uri) ?? "") === CONFIG_FILE,
        );
        if (!created) return;
        const root = await findRoot(folders);
        if (root) await serialize(() => start(root));
        return;
      }
      for (const change of changes) {
        const current = state;
        if (!current) return;
        const file = current.uris.toPath(change.uri);
        if (!file) continue;
        if (isConfig(file)) {
          // An open revbook.yaml buffer stays the truth until it is closed, unless the file is deleted.
          if (change.type === FileChangeType.Deleted) current.open.delete(file);
          if (change.type === FileChangeType.Deleted || !current.open.has(file)) await serialize(reload);
          continue;
        }
        if (!current.workspace) continue;
        publisher?.queue(await current.syncFromDisk(file));
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard("onDidChangeConfiguration", async ({ settings }) => {
      let { found, rules } = rulesSetting(settings);
      if (!found && configurationPull) {
        const pulled: unknown = await connection.workspace.getConfiguration("revbook");
        found = true;
        rules =
          typeof pulled === "object" && pulled !== null ? (pulled as { rules?: unknown }).rules : undefined;
      }
      if (!found) return;
      overrides = takeOverrides(rules, "settings");
      await serialize(async () => {
        if (!state) return;
        state.setOverrides(overrides);
        publisher?.queueAll();
      });
    }),
  );

  /**
   * Answers from the loaded workspace; `fresh` first re-lints pending edits so
   * ranges and ids match the text (always, or when the predicate says so).
   */
  const withState = <T>(
    fallback: T,
    f: (s: WorkspaceState) => T,
    fresh: boolean | ((s: WorkspaceState) => boolean) = true,
  ): Promise<T> =>
    ready.then(() => {
      const s = state;
      if (!s?.workspace) return fallback;
      if (s.pending && (typeof fresh === "function" ? fresh(s) : fresh)) publisher?.queue(s.flush());
      return f(s);
    });

  // Completion reads the text around the cursor and the last linted model: no re-lint for the
  // keystrokes in the file being completed, but edits of other files (ids they define) count.
  connection.onCompletion((p) =>
    withState(
      [],
      (s) => completionAt(s, p.textDocument.uri, p.position),
      (s) => s.pendingOtherThan(s.uris.toPath(p.textDocument.uri)),
    ),
  );
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
  connection.onCodeLens((p) => withState([], (s) => codeLenses(s, p.textDocument.uri)));
  connection.onDocumentSymbol((p) => withState([], (s) => documentSymbols(s, p.textDocument.uri)));
  connection.onWorkspaceSymbol((p) => withState([], (s) => workspaceSymbols(s, p.query)));
  connection.onRequest(OUTLINE_REQUEST, () => withState([], (s) => outline(s)));

  connection.onShutdown(() => {
    publisher?.dispose();
  });

  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    connection.listen();
  });
}
