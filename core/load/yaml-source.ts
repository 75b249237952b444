/**
 * Parses YAML text into plain values plus a JSON-pointer → source-range map, so
 * that every later stage (schema errors, lint rules, editor features) can point
 * at the exact node it is talking about. Hostile input (alias bombs, deep nesting,
 * `__proto__` keys) is bounded here and reported as `yaml-syntax` diagnostics.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";
import type { Diagnostic } from "../diagnostic.js";
import type { LineIndex, Range } from "../position.js";

/** Where a value came from: the key of its mapping entry (if any) and the value node itself. */
export interface NodeLocation {
  key?: Range;
  value: Range;
}

/** One YAML document of a file, as plain data with positions. */
export interface YamlDocument {
  file: string;
  /** Index of the document within its file (0-based), counting empty documents too. */
  index: number;
  value: unknown;
  /** JSON pointer ("" is the root, "/when/all/0/op") → location. */
  locations: Map<string, NodeLocation>;
  /** The document's whole content. */
  range: Range;
  /** True when the parser reported errors in this document; its body is not linted further. */
  hasSyntaxErrors: boolean;
  /** Alias sites by the pointer of the anchored node's location, for `related` locations. */
  aliasSites: Map<string, Range[]>;
  /** The whole file's line index (and text), shared by every document of the file: fixes and links read the source. */
  lines: LineIndex;
}

export interface YamlParseResult {
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

/** Deeper nesting is refused: real definitions are a few levels deep. */
export const MAX_DEPTH = 200;
/** Total nodes one document may expand to through aliases (billion laughs guard). */
export const MAX_EXPANDED_NODES = 100_000;

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join("");
}

interface WalkState {
  doc: Document.Parsed;
  file: string;
  lines: LineIndex;
  base: number;
  locations: Map<string, NodeLocation>;
  aliasSites: Map<string, Range[]>;
  nodes: number;
  aborted: boolean;
  diagnostics: Diagnostic[];
  /** Pointer at which each anchored node was first recorded, so alias sites can be attached. */
  anchorPointers: Map<Node, string>;
  /** The alias in the text whose expansion is being walked (where an alias bomb is reported). */
  aliasSite?: Range;
}

function rangeOfNode(state: WalkState, node: { range?: [number, number, number] | null }): Range {
  const r = node.range ?? [0, 0, 0];
  return state.lines.rangeOf(state.base + r[0], state.base + r[1]);
}

function syntax(state: WalkState, range: Range, message: string): void {
  state.diagnostics.push({ rule: "yaml-syntax", severity: "error", message, file: state.file, range });
}

/** Defines a property without ever invoking a setter, so `__proto__` stays an ordinary own key. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function walk(
  state: WalkState,
  node: unknown,
  pointer: string,
  depth: number,
  keyRange: Range | undefined,
  viaAlias: boolean,
): unknown {
  if (state.aborted) return null;
  if (++state.nodes > MAX_EXPANDED_NODES) {
    state.aborted = true;
    syntax(
      state,
      state.aliasSite ?? keyRange ?? state.lines.rangeOf(state.base, state.base),
      `document expands to more than ${MAX_EXPANDED_NODES} nodes (an alias bomb?); not read further`,
    );
    return null;
  }
  if (depth > MAX_DEPTH) {
    state.aborted = true;
    syntax(
      state,
      rangeOfNode(state, node as Node),
      `nesting deeper than ${MAX_DEPTH} levels; not read further`,
    );
    return null;
  }
  if (node == null) return null;
  if (isAlias(node)) {
    const target = node.resolve(state.doc);
    const site = rangeOfNode(state, node);
    if (!target) {
      syntax(state, site, `unknown alias \`*${node.source}\``);
      return null;
    }
    const anchorPointer = state.anchorPointers.get(target);
    // Aliases met while expanding another alias are not new sites in the text.
    if (anchorPointer !== undefined && !viaAlias) {
      const sites = state.aliasSites.get(anchorPointer) ?? [];
      sites.push(site);
      state.aliasSites.set(anchorPointer, sites);
    }
    // The alias site's own location points at the alias; everything below it at the anchor.
    const outer = state.aliasSite;
    state.aliasSite ??= site;
    const value = walk(state, target, pointer, depth, keyRange, true);
    state.aliasSite = outer;
    state.locations.set(pointer, { key: keyRange, value: site });
    return value;
  }
  const n = node as Node;
  if (!viaAlias || !state.locations.has(pointer)) {
    state.locations.set(pointer, { key: keyRange, value: rangeOfNode(state, n) });
  }
  if (n.anchor && !state.anchorPointers.has(n)) state.anchorPointers.set(n, pointer);
  if (isScalar(n)) return n.value;
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as unknown;
      let key: string;
      if (isScalar(keyNode)) key = String(keyNode.value);
      else if (keyNode == null) key = "";
      else {
        // After a parse error the parser may produce odd keys; that error already says what is wrong.
        if (state.doc.errors.length === 0) {
          syntax(state, rangeOfNode(state, keyNode as Node), "complex mapping keys are not supported");
        }
        continue;
      }
      const kRange = isScalar(keyNode) ? rangeOfNode(state, keyNode) : rangeOfNode(state, n);
      const child = `${pointer}/${escapePointerSegment(key)}`;
      const valueNode = pair.value as unknown;
      if (valueNode == null) {
        state.locations.set(child, { key: kRange, value: { start: kRange.end, end: kRange.end } });
        defineOwn(out, key, null);
      } else {
        defineOwn(out, key, walk(state, valueNode, child, depth + 1, kRange, viaAlias));
      }
    }
    return out;
  }
  if (isSeq(n)) {
    const out: unknown[] = [];
    n.items.forEach((item, i) => {
      out.push(walk(state, item, `${pointer}/${i}`, depth + 1, undefined, viaAlias));
    });
    return out;
  }
  return null;
}

/**
 * Parses every document of a YAML text. `base` is the offset of `source` inside
 * the text that `lines` indexes (front matter is parsed out of a Markdown file).
 */
export function parseYaml(source: string, file: string, lines: LineIndex, base = 0): YamlParseResult {
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  const parsed = parseAllDocuments(source, {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, index) => {
    const start = diagnostics.length;
    const linesWithErrors = new Set<number>();
    for (const error of [...doc.errors, ...doc.warnings]) {
      let [from, to] = error.pos;
      let message = cleanYamlMessage(error.message);
      if (error.code === "DUPLICATE_KEY") {
        const key = /^[^:\r\n]*/.exec(source.slice(from))?.[0].trim() ?? "";
        if (key) {
          to = from + key.length;
          message = `duplicate key \`${key}\`: a mapping may name each key once`;
        }
      }
      // An error at the very end (an unclosed `[`) points at the last character, so editors can show it.
      if (from >= source.length) {
        from = source.length;
        while (from > 0 && /\s/.test(source.charAt(from - 1))) from--;
        to = from;
        from = Math.max(0, from - 1);
      } else if (to <= from) to = from + 1;
      const range = lines.rangeOf(base + from, base + to);
      // The parser often reports one mistake several times on its line: keep the first.
      if (linesWithErrors.has(range.start.line)) continue;
      linesWithErrors.add(range.start.line);
      diagnostics.push({ rule: "yaml-syntax", severity: "error", message, file, range });
    }
    const state: WalkState = {
      doc,
      file,
      lines,
      base,
      locations: new Map(),
      aliasSites: new Map(),
      nodes: 0,
      aborted: false,
      diagnostics,
      anchorPointers: new Map(),
    };
    const value = walk(state, doc.contents, "", 0, undefined, false);
    const r = doc.range;
    documents.push({
      file,
      index,
      value,
      locations: state.locations,
      range: lines.rangeOf(base + r[0], base + r[1]),
      hasSyntaxErrors: diagnostics.length > start,
      aliasSites: state.aliasSites,
      lines,
    });
  });
  return { documents, diagnostics };
}

/** The `yaml` package appends " at line L, column C:" and a code excerpt; we report positions ourselves. */
function cleanYamlMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  // The parser reports its own stack overflow on absurd nesting as an error of the document.
  if (/Maximum call stack size exceeded/.test(first)) return "nesting too deep to parse";
  return first.replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}
