/**
 * `npm run bench:lsp`: how fast the language server answers on the large
 * synthetic workspace (bench/synthetic-workspace.ts, ~7,700 files). Starts the
 * real `revbook lsp --stdio` there, talks LSP over its stdio and measures:
 *
 * - initial diagnostics: from `initialize` to the last of the first
 *   `publishDiagnostics` of every workspace file;
 * - completion and hover latency (median / p95 over several cursor places in
 *   one trigger file), target ≤ 50 ms;
 * - edit → diagnostics: from a `didChange` of a trigger (alternately adding
 *   and removing an unresolved property) to its `publishDiagnostics`, target
 *   ≤ 100 ms. Edits are spaced out, as isolated edits: the server lints the
 *   first edit after a quiet spell at once and coalesces edits typed within
 *   the following 150 ms window, so this figure includes no debounce wait.
 *   A burst of keystrokes is measured separately (lints per burst, and the
 *   time from the last keystroke to its diagnostics, which can include the
 *   window).
 *
 * Prints a table with the targets (✓/✗) and writes bench/.work/lsp-results.json.
 * Options: `--requests N` (per completion/hover place, default 20), `--edits N`
 * (default 20), `--regenerate`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";
import type { Diagnostic, Position, PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { median, percentile, type Row, round, seconds, table } from "./measure.js";
import {
  EDIT_TARGET,
  ensureSyntheticWorkspace,
  REPO_ROOT,
  SYNTHETIC_DIR,
  WORK_DIR,
} from "./synthetic-workspace.js";

const BIN = path.join(REPO_ROOT, "bin", "revbook.js");
const TIMEOUT_MS = 600_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The position of the first `needle` in `text`, `offset` characters into it. */
function positionOf(text: string, needle: string, offset = needle.length): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${EDIT_TARGET.file} has no \`${needle}\``);
  const before = text.slice(0, at + offset).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
}

class Server {
  readonly connection: MessageConnection;
  readonly published = new Map<string, Diagnostic[]>();
  private listeners: ((p: PublishDiagnosticsParams) => void)[] = [];
  stderr = "";

  constructor(readonly child: ChildProcess) {
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p.diagnostics);
      for (const l of this.listeners) l(p);
    });
    this.connection.onNotification("window/logMessage", () => {});
    this.connection.onNotification("window/showMessage", () => {});
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  /** Calls `listener` for every publication until the returned function is called. */
  onPublish(listener: (p: PublishDiagnosticsParams) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Resolves with the time at which `check` first holds for a publication. */
  waitFor(what: string, check: (p: PublishDiagnosticsParams) => boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}\n${this.stderr}`)),
        TIMEOUT_MS,
      );
      const listener = (p: PublishDiagnosticsParams): void => {
        if (!check(p)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(performance.now());
      };
      this.listeners.push(listener);
    });
  }

  async timed(method: string, params: unknown): Promise<number> {
    const t = performance.now();
    await this.connection.sendRequest(method, params);
    return performance.now() - t;
  }
}

function stats(xs: number[]): { median: number; p95: number } {
  return { median: round(median(xs)), p95: round(percentile(xs, 95)) };
}

async function main(): Promise<void> {
  const requests = option("--requests", 20);
  const edits = option("--edits", 20);
  const generated = ensureSyntheticWorkspace({ force: process.argv.includes("--regenerate") });
  const fileCount = generated.files.yaml + generated.files.markdown;
  console.log(
    `workspace: ${SYNTHETIC_DIR} (${generated.files.yaml} YAML, ${generated.files.markdown} Markdown)`,
  );

  const child = spawn(process.execPath, [BIN, "lsp", "--stdio"], {
    cwd: SYNTHETIC_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const server = new Server(child);
  const rootUri = pathToFileURL(SYNTHETIC_DIR).href;
  const uri = pathToFileURL(path.join(SYNTHETIC_DIR, EDIT_TARGET.file)).href;

  // Initial diagnostics: every workspace file and revbook.yaml published once.
  const seen = new Set<string>();
  const allPublished = server.waitFor("the initial diagnostics", (p) => {
    seen.add(p.uri);
    return seen.size >= fileCount + 1;
  });
  const t0 = performance.now();
  await server.connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "synthetic" }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await server.connection.sendNotification("initialized", {});
  const initialMs = (await allPublished) - t0;
  console.log(`initial diagnostics: ${seconds(initialMs)} for ${seen.size} files`);

  const original = readFileSync(path.join(SYNTHETIC_DIR, EDIT_TARGET.file), "utf8");
  await server.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "yaml", version: 1, text: original },
  });
  // A request after the open: answered once the (unchanged) buffer is taken in.
  await server.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });

  const at = (position: Position) => ({ textDocument: { uri }, position });
  const completionPlaces: Record<string, Position> = {
    "property path": positionOf(original, "property: employees", "property: ".length),
    operator: positionOf(original, "employees, op: gte", "employees, op: ".length),
    "enum value": positionOf(original, "value: [smb", "value: [".length),
    "team id": positionOf(original, "owner: ", "owner: ".length),
    "field name": positionOf(original, "actions:", 0),
  };
  const hoverPlaces: Record<string, Position> = {
    property: positionOf(original, "property: employees", "property: emp".length),
    team: positionOf(original, "owner: ", "owner: r".length),
    trigger: positionOf(original, "id: ", "id: acc".length),
    "field name": positionOf(original, "actions:", 2),
  };
  const completion: number[] = [];
  const hover: number[] = [];
  for (let i = 0; i < requests; i++) {
    for (const p of Object.values(completionPlaces))
      completion.push(await server.timed("textDocument/completion", at(p)));
    for (const p of Object.values(hoverPlaces)) hover.push(await server.timed("textDocument/hover", at(p)));
  }

  // Isolated edits: an unresolved property appears, then goes away again.
  const broken = original.replace("property: employees", "property: employeez");
  const editMs: number[] = [];
  let version = 1;
  for (let i = 0; i < edits; i++) {
    const text = i % 2 === 0 ? broken : original;
    const wantProblem = i % 2 === 0;
    const published = server.waitFor(
      "diagnostics after an edit",
      (p) => p.uri === uri && p.diagnostics.some((d) => d.code === "unresolved-reference") === wantProblem,
    );
    const t = performance.now();
    await server.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: ++version },
      contentChanges: [{ text }],
    });
    editMs.push((await published) - t);
    // Quiet spell, so the next edit is an isolated one (past the 150 ms window).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // A burst: 10 keystrokes 20 ms apart, ending with the problem fixed.
  let lints = 0;
  const firstState = server.waitFor(
    "the burst's first state",
    (p) => p.uri === uri && p.diagnostics.length > 0,
  );
  await server.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: ++version },
    contentChanges: [{ text: broken }],
  });
  await firstState;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const burstDone = server.waitFor(
    "the end of the burst",
    (p) => p.uri === uri && !p.diagnostics.some((d) => d.code === "unresolved-reference"),
  );
  const stopCounting = server.onPublish((p) => {
    if (p.uri === uri) lints++;
  });
  let last = 0;
  for (let k = 0; k < 10; k++) {
    const text = k === 9 ? original : broken.replace("employeez", `employeez${"x".repeat(k + 1)}`);
    last = performance.now();
    await server.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: ++version },
      contentChanges: [{ text }],
    });
    if (k < 9) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const burstMs = (await burstDone) - last;
  stopCounting();

  await server.connection.sendRequest("shutdown");
  await server.connection.sendNotification("exit");
  await new Promise((resolve) => child.on("exit", resolve));
  server.connection.dispose();

  const c = stats(completion);
  const h = stats(hover);
  const e = stats(editMs);
  const rows: Row[] = [
    { metric: "initial diagnostics, whole workspace", value: seconds(initialMs) },
    { metric: "completion median", value: `${c.median} ms`, target: "≤ 50 ms", ok: c.median <= 50 },
    { metric: "completion p95", value: `${c.p95} ms`, target: "≤ 50 ms", ok: c.p95 <= 50 },
    { metric: "hover median", value: `${h.median} ms`, target: "≤ 50 ms", ok: h.median <= 50 },
    { metric: "hover p95", value: `${h.p95} ms`, target: "≤ 50 ms", ok: h.p95 <= 50 },
    {
      metric: "didChange → publishDiagnostics median (no debounce wait)",
      value: `${e.median} ms`,
      target: "≤ 100 ms",
      ok: e.median <= 100,
    },
    {
      metric: "didChange → publishDiagnostics p95",
      value: `${e.p95} ms`,
      target: "≤ 100 ms",
      ok: e.p95 <= 100,
    },
    { metric: "burst of 10 keystrokes: lints published", value: String(lints) },
    {
      metric: "burst: last keystroke → diagnostics (may include the 150 ms window)",
      value: `${round(burstMs)} ms`,
    },
  ];
  console.log("");
  console.log(table(rows));
  console.log(
    `\n${requests} rounds × ${Object.keys(completionPlaces).length} completion and ${Object.keys(hoverPlaces).length} hover places; ${edits} isolated edits of ${EDIT_TARGET.file}`,
  );
  writeFileSync(
    path.join(WORK_DIR, "lsp-results.json"),
    `${JSON.stringify(
      {
        files: fileCount,
        initialMs: round(initialMs),
        completion: c,
        hover: h,
        edit: e,
        burst: { lints, lastKeystrokeToDiagnosticsMs: round(burstMs) },
        samples: { completion, hover, edit: editMs },
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
