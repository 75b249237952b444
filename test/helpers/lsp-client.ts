/**
 * A minimal LSP client for the language server tests: spawns the real
 * `bin/revbook.js lsp --stdio` in a temporary copy of a fixture workspace,
 * talks JSON-RPC over its stdio, records every `publishDiagnostics` and
 * `window/showMessage`, and waits for them with a predicate and a timeout
 * (never a sleep). Also: cursor markers (`|`) in test texts, and applying
 * WorkspaceEdits to files on disk.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";
import type {
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { BIN, copyFixture, removeTempDir } from "./cli.js";

export const WAIT_MS = 10_000;

/** Strips the `|` cursor marker from a text and returns where it was. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf("|");
  if (at < 0) throw new Error("no | cursor marker in the text");
  const before = marked.slice(0, at);
  const lines = before.split("\n");
  return {
    text: marked.slice(0, at) + marked.slice(at + 1),
    position: { line: lines.length - 1, character: (lines[lines.length - 1] as string).length },
  };
}

/** Applies LSP text edits to a text (from the end, so earlier offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: Position): number =>
    Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** How a test starts its server. */
export interface StartOptions {
  /** The server's arguments after `node` (default: the CLI, `revbook lsp --stdio`). */
  server?: string[];
  /** Sent as `initializationOptions`. */
  initializationOptions?: unknown;
  /** Prepares the copied workspace before the server starts (e.g. removes revbook.yaml). */
  prepare?: (dir: string) => Promise<void>;
  /** What `workspace/configuration` answers for the `revbook` section (the client then declares that it supports it). */
  configuration?: unknown;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times diagnostics were published per URI. */
  readonly publications = new Map<string, number>();
  readonly messages: ShowMessageParams[] = [];
  /** `window/logMessage` texts, in order. */
  readonly logs: string[] = [];
  /** Methods the server registered dynamically (`client/registerCapability`). */
  readonly registrations: string[] = [];
  /** What `workspace/configuration` answers for the `revbook` section. */
  configuration: unknown = undefined;
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  stderr = "";
  readonly exited: Promise<number | null>;
  /** The server's answer to `initialize`. */
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly dir: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publications.set(p.uri, (this.publications.get(p.uri) ?? 0) + 1);
      this.poke();
    });
    this.connection.onNotification("window/showMessage", (p: ShowMessageParams) => {
      this.messages.push(p);
      this.poke();
    });
    this.connection.onNotification("window/logMessage", (p: { message: string }) => {
      this.logs.push(p.message);
      this.poke();
    });
    this.connection.onRequest("client/registerCapability", (p: { registrations: { method: string }[] }) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      this.poke();
      return null;
    });
    this.connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section === "revbook" ? this.configuration : null)),
    );
    this.connection.listen();
  }

  /** Copies a fixture, starts the server there and completes initialize/initialized. */
  static async start(fixture: string, options: StartOptions = {}): Promise<LspClient> {
    const dir = await copyFixture(path.join("lsp", fixture));
    await options.prepare?.(dir);
    // `--clientProcessId` as vscode-languageclient passes it: the CLI must accept it.
    const args = options.server ?? [BIN, "lsp", "--stdio"];
    const child = spawn(process.execPath, [...args, `--clientProcessId=${process.pid}`], {
      cwd: dir,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const client = new LspClient(dir, child);
    client.configuration = options.configuration;
    try {
      client.initializeResult = await client.orExit(
        "initialize",
        client.connection.sendRequest<InitializeResult>("initialize", {
          processId: process.pid,
          rootUri: pathToFileURL(dir).href,
          workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "fixture" }],
          capabilities: {
            workspace: {
              didChangeWatchedFiles: { dynamicRegistration: true },
              didChangeConfiguration: { dynamicRegistration: true },
              configuration: options.configuration !== undefined,
            },
            textDocument: { rename: { prepareSupport: true } },
          },
          initializationOptions: options.initializationOptions,
        }),
      );
    } catch (error) {
      await client.dispose();
      throw error;
    }
    await client.connection.sendNotification("initialized", {});
    return client;
  }

  /** A request's result, or a failure naming the server's stderr if it exits (or takes longer than WAIT_MS) first. */
  orExit<T>(what: string, request: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no answer\nserver stderr: ${this.stderr}`)),
        WAIT_MS,
      );
      void this.exited.then((code) =>
        reject(new Error(`${what}: the server exited (${code})\nserver stderr: ${this.stderr}`)),
      );
    });
    return Promise.race([request, failure]).finally(() => clearTimeout(timer));
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.dir, file)).href;
  }

  async read(file: string): Promise<string> {
    return fs.readFile(path.join(this.dir, file), "utf8");
  }

  async write(file: string, text: string): Promise<void> {
    await fs.writeFile(path.join(this.dir, file), text);
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `check` holds (checked now and after every notification); fails after WAIT_MS. */
  until(what: string, check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${what}\nserver stderr: ${this.stderr}`));
      }, WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ check, resolve: done });
    });
  }

  /** Waits until the last diagnostics published for `file` satisfy the predicate; returns them. */
  async diagnosticsFor(file: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    await this.until(`diagnostics of ${file}`, () => {
      const list = this.diagnostics.get(uri);
      return list !== undefined && predicate(list);
    });
    return this.diagnostics.get(uri) ?? [];
  }

  /** Tells the server that files changed on disk (`workspace/didChangeWatchedFiles`; type 1 created, 2 changed, 3 deleted). */
  async watched(...changes: [file: string, type: 1 | 2 | 3][]): Promise<void> {
    await this.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: changes.map(([file, type]) => ({ uri: this.uri(file), type })),
    });
  }

  /** Forgets what was published for a file, so the next wait sees only new notifications. */
  forget(file: string): void {
    this.diagnostics.delete(this.uri(file));
  }

  async open(file: string, text?: string): Promise<string> {
    const content = text ?? (await this.read(file));
    this.versions.set(file, 1);
    await this.connection.sendNotification("textDocument/didOpen", {
      textDocument: {
        uri: this.uri(file),
        languageId: file.endsWith(".md") ? "markdown" : "yaml",
        version: 1,
        text: content,
      },
    });
    return content;
  }

  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ text }],
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.orExit(method, this.connection.sendRequest(method, params) as Promise<R>);
  }

  at(file: string, position: Position): { textDocument: { uri: string }; position: Position } {
    return { textDocument: { uri: this.uri(file) }, position };
  }

  /** Applies a WorkspaceEdit to the files on disk (`changes` form). */
  async applyToDisk(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const file = path.relative(this.dir, new URL(uri).pathname);
      await this.write(file, applyEdits(await this.read(file), edits));
    }
  }

  /** shutdown + exit; resolves to the process's exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the server if a test failed before stopping it, and removes the folder. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
      await this.exited;
    }
    this.connection.dispose();
    await removeTempDir(this.dir);
  }
}
