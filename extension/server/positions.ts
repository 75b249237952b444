/**
 * Conversions at the LSP edge: LSP positions/ranges ↔ the engine's (both
 * 0-based with UTF-16 columns, so the mapping is 1:1), and document URIs ↔
 * workspace-relative `/`-separated paths. Everything else in the server works
 * in engine terms and converts only here.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Position as LspPosition, Range as LspRange } from "vscode-languageserver";
import type { Position, Range } from "../../core/position.js";

export function toLspPosition(p: Position): LspPosition {
  return { line: p.line, character: p.column };
}

export function fromLspPosition(p: LspPosition): Position {
  return { line: p.line, column: p.character };
}

export function toLspRange(r: Range): LspRange {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

export function fromLspRange(r: LspRange): Range {
  return { start: fromLspPosition(r.start), end: fromLspPosition(r.end) };
}

/** Whether a range holds a position (the end counts, so a cursor right after a word still hits it). */
export function rangeHas(range: Range, p: Position): boolean {
  const afterStart =
    p.line > range.start.line || (p.line === range.start.line && p.column >= range.start.column);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.column <= range.end.column);
  return afterStart && beforeEnd;
}

/** Size of a range, for picking the innermost of several that hold a position. */
export function rangeSize(range: Range): number {
  return (range.end.line - range.start.line) * 100_000 + (range.end.column - range.start.column);
}

/** Maps URIs to workspace paths and back, remembering the exact URI a client used for a file. */
export class UriMapper {
  private readonly clientUris = new Map<string, string>();

  constructor(readonly root: string) {}

  /** Workspace-relative path of a `file:` URI; undefined outside the workspace or for other schemes. */
  toPath(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const rel = path.relative(this.root, abs);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    const p = rel.split(path.sep).join("/");
    this.clientUris.set(p, uri);
    return p;
  }

  toUri(relPath: string): string {
    return this.clientUris.get(relPath) ?? pathToFileURL(path.join(this.root, relPath)).href;
  }

  absolute(relPath: string): string {
    return path.join(this.root, relPath);
  }
}
