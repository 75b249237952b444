/** Helpers for the suites running in the extension host. */
import { format } from "node:util";
import * as vscode from "vscode";

/**
 * Marks the suite's own output: the workbench relays every console message of
 * the page (extension host and workbench noise alike) to the runner, which
 * prints only the marked lines (SUITE_TAG in test/editor/code-server.ts).
 */
export const SUITE_TAG = "[revbook-suite] ";

/** console.log for the run's output: every line marked as the suite's. */
export function say(...args: unknown[]): void {
  console.log(
    format(...args)
      .split("\n")
      .map((line) => SUITE_TAG + line)
      .join("\n"),
  );
}

export const EXTENSION_ID = "revbook.revbook";

/** What the extension's `activate()` returns (the contract the suites test). */
export interface RevbookApi {
  ready: Promise<void>;
  client: unknown;
  tree: vscode.TreeDataProvider<unknown>;
  statusBarText(): string;
  previewPanel(): vscode.WebviewPanel | undefined;
}

/** The activated extension's API, once its language client is ready. */
export async function revbook(): Promise<RevbookApi> {
  const ext = vscode.extensions.getExtension<RevbookApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Polls `check` (every 50 ms) until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A file of the open workspace. */
export function wsUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("no workspace folder is open");
  return vscode.Uri.joinPath(folder.uri, rel);
}

/**
 * The diagnostics of `uri` once `accept` holds: checked now and on every
 * `onDidChangeDiagnostics` for that file (no blind sleeps), failing after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; now: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    done();
  });
}

/** Opens a workspace file in an editor. */
export async function openDoc(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The position of the `nth` (0-based) occurrence of `needle` in `doc`, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} (#${nth}) is not in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + offset);
}

/** The text of a hover's contents, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
}
