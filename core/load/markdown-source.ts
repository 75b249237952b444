/**
 * Parses a Markdown process doc (CommonMark + GFM + leaf directives + YAML front
 * matter) and extracts, with exact positions, what the linter and the site need:
 * front matter fields, links, headings with their github-slugger anchors,
 * directives and HTML comments (for suppressions). The mdast tree is kept for
 * the site generator. Pathological input is refused before it reaches the parser.
 */
import GithubSlugger from "github-slugger";
import type { Root, RootContent } from "mdast";
import { toString as mdastToString } from "mdast-util-to-string";
import type { Diagnostic } from "../diagnostic.js";
import type { LineIndex, Range } from "../position.js";
import { parseMarkdownTree } from "./markdown-parser.js";
import { parseYaml, type YamlDocument } from "./yaml-source.js";

export interface MarkdownLink {
  url: string;
  /** The whole link (`[text](url)` or the `[label]: url` definition). */
  range: Range;
  /** Just the URL, for fixes and renames. */
  urlRange: Range;
}

export interface MarkdownHeading {
  depth: number;
  text: string;
  /** github-slugger anchor, unique within the doc. */
  slug: string;
  range: Range;
}

export interface MarkdownDirective {
  name: string;
  attributes: Record<string, string>;
  range: Range;
}

export interface MarkdownComment {
  /** The comment's inner text, trimmed. */
  text: string;
  range: Range;
}

export interface MarkdownDocument {
  file: string;
  /** Front matter parsed as YAML with positions, if the doc has any. */
  frontmatter?: YamlDocument;
  /** Range of the opening `---`, where diagnostics about absent front matter fields point. */
  frontmatterOpen?: Range;
  links: MarkdownLink[];
  headings: MarkdownHeading[];
  directives: MarkdownDirective[];
  comments: MarkdownComment[];
  tree: Root;
}

export interface MarkdownParseResult {
  document: MarkdownDocument;
  diagnostics: Diagnostic[];
}

/** Bounds that keep one hostile doc from stalling the linter (see shared notes on micromark). */
export const MARKDOWN_LIMITS = {
  bytes: 1024 * 1024,
  /** Leading blockquote markers on one line. */
  quoteDepth: 100,
  /** Indentation in columns, roughly 2 per list level. */
  indent: 240,
  openBrackets: 10_000,
  asterisks: 10_000,
  /** Lines in a doc: parsing costs about a quarter of a millisecond per line. */
  lines: 50_000,
  /** Consecutive non-blank lines (one paragraph or table): micromark is super-linear in them. */
  blockLines: 5_000,
};

function emptyDocument(file: string): MarkdownDocument {
  return {
    file,
    links: [],
    headings: [],
    directives: [],
    comments: [],
    tree: { type: "root", children: [] },
  };
}

/** Characters container markers are made of: space, tab, `>`, `-`, `+`, `*`, digits, `.`, `)`. */
const CONTAINER_CHARS = new Set([..." \t>-+*0123456789.)"].map((c) => c.charCodeAt(0)));

/** Returns a reason when the text would take the parser super-linear time. */
export function markdownHazard(text: string): string | undefined {
  if (text.length > MARKDOWN_LIMITS.bytes) {
    return `this doc is ${(text.length / 1048576).toFixed(1)} MB; docs over 1 MB are not checked (split it)`;
  }
  const brackets = countOf(text, "[");
  if (brackets > MARKDOWN_LIMITS.openBrackets)
    return `this doc has ${brackets} \`[\` characters; it is not checked`;
  const asterisks = countOf(text, "*");
  if (asterisks > MARKDOWN_LIMITS.asterisks)
    return `this doc has ${asterisks} \`*\` characters; it is not checked`;
  // Container markers at the start of a line: indentation, blockquote `>` and list markers
  // (`-`, `+`, `*`, `1.`, `1)`), which nest without indentation too (`- - - x`, `> - > - x`).
  // A line whose first characters of those kinds number no more than the smallest limit
  // cannot exceed any (each level takes at least one character): only longer ones are read.
  const shortest = Math.min(MARKDOWN_LIMITS.quoteDepth, MARKDOWN_LIMITS.indent);
  const lineStart = /(?:[ \t>]|[-+*][ \t]|\d{1,9}[.)][ \t])*/y;
  const listMarker = /[-+*][ \t]|\d{1,9}[.)][ \t]/g;
  for (let start = 0; start < text.length; start = text.indexOf("\n", start) + 1 || text.length) {
    let run = start;
    while (run < text.length && run - start <= shortest && CONTAINER_CHARS.has(text.charCodeAt(run))) run++;
    if (run - start <= shortest) continue;
    lineStart.lastIndex = start;
    const lead = lineStart.exec(text)?.[0] ?? "";
    let quotes = 0;
    for (const ch of lead) if (ch === ">") quotes++;
    if (quotes > MARKDOWN_LIMITS.quoteDepth)
      return `blockquotes nested ${quotes} deep; the doc is not checked`;
    const depth = quotes + (lead.match(listMarker) ?? []).length;
    if (depth > MARKDOWN_LIMITS.quoteDepth)
      return `lists and blockquotes nested ${depth} deep on one line; the doc is not checked`;
    const indent = /^[ \t>]*/.exec(lead)?.[0].length ?? 0;
    if (indent > MARKDOWN_LIMITS.indent)
      return `a line indented ${indent} columns (lists nested too deep); the doc is not checked`;
  }
  // No more lines than line-end characters + 1: most docs are too short to count exactly.
  const mostLines = countOf(text, "\n") + countOf(text, "\r") + 1;
  if (mostLines <= Math.min(MARKDOWN_LIMITS.lines, MARKDOWN_LIMITS.blockLines)) return undefined;
  let lineCount = 1;
  let block = 0;
  let longestBlock = 0;
  let blank = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      block = blank ? 0 : block + 1;
      if (block > longestBlock) longestBlock = block;
      if (i < text.length) lineCount++;
      blank = true;
    } else if (c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  if (lineCount > MARKDOWN_LIMITS.lines)
    return `this doc has ${lineCount} lines; docs over ${MARKDOWN_LIMITS.lines} lines are not checked (split it)`;
  if (longestBlock > MARKDOWN_LIMITS.blockLines)
    return `this doc has ${longestBlock} lines in a row without a blank line; it is not checked (split it)`;
  return undefined;
}

/** How many times `char` occurs in `text` (indexOf skips ahead far faster than a loop over every character). */
function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * Parses a doc. `keepTree: false` drops the mdast tree once links, headings and
 * directives are extracted: linting needs only those, and 2,000 trees cost ~1 GB.
 */
export function parseMarkdown(
  text: string,
  file: string,
  lines: LineIndex,
  keepTree = true,
): MarkdownParseResult {
  const diagnostics: Diagnostic[] = [];
  const hazard = markdownHazard(text);
  if (hazard) {
    diagnostics.push({
      rule: "schema",
      severity: "error",
      message: hazard,
      file,
      range: lines.rangeOf(0, 0),
    });
    return { document: emptyDocument(file), diagnostics };
  }
  let tree: Root;
  try {
    tree = parseMarkdownTree(text);
  } catch (error) {
    // The parser recurses per nesting level; a RangeError means nesting beyond what the stack holds.
    const reason = error instanceof RangeError ? "nesting too deep to parse" : String(error);
    diagnostics.push({
      rule: "schema",
      severity: "error",
      message: `cannot parse this doc: ${reason}`,
      file,
      range: lines.rangeOf(0, 0),
    });
    return { document: emptyDocument(file), diagnostics };
  }
  const document = emptyDocument(file);
  document.tree = tree;
  const slugger = new GithubSlugger();
  const rangeOf = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range =>
    lines.rangeOf(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  // Iterative pre-order walk: deeply nested trees must not overflow the call stack.
  const pending: (Root | RootContent)[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    switch (node.type) {
      case "yaml": {
        if (node !== tree.children[0]) break;
        const start = node.position?.start.offset ?? 0;
        const firstBreak = text.indexOf("\n", start);
        const contentStart = firstBreak < 0 ? text.length : firstBreak + 1;
        document.frontmatterOpen = lines.rangeOf(start, start + 3);
        const parsed = parseYaml(node.value, file, lines, contentStart);
        diagnostics.push(...parsed.diagnostics);
        document.frontmatter = parsed.documents[0] ?? {
          file,
          index: 0,
          value: null,
          locations: new Map(),
          range: lines.rangeOf(contentStart, contentStart),
          hasSyntaxErrors: false,
          aliasSites: new Map(),
          lines,
        };
        break;
      }
      case "heading": {
        const headingText = mdastToString(node);
        document.headings.push({
          depth: node.depth,
          text: headingText,
          slug: slugger.slug(headingText),
          range: rangeOf(node),
        });
        break;
      }
      case "link":
      case "definition": {
        const range = rangeOf(node);
        document.links.push({ url: node.url, range, urlRange: urlRangeOf(text, lines, node, node.url) });
        break;
      }
      case "leafDirective": {
        const attributes: Record<string, string> = {};
        for (const [k, v] of Object.entries(node.attributes ?? {})) {
          if (typeof v === "string") Object.defineProperty(attributes, k, { value: v, enumerable: true });
        }
        document.directives.push({ name: node.name, attributes, range: rangeOf(node) });
        break;
      }
      case "html": {
        const commentPattern = /<!--([\s\S]*?)-->/g;
        const base = node.position?.start.offset ?? 0;
        for (let m = commentPattern.exec(node.value); m; m = commentPattern.exec(node.value)) {
          document.comments.push({
            text: (m[1] ?? "").trim(),
            range: lines.rangeOf(base + m.index, base + m.index + m[0].length),
          });
        }
        break;
      }
      default:
        break;
    }
    if ("children" in node) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i] as RootContent);
    }
  }
  if (!keepTree) document.tree = { type: "root", children: [] };
  return { document, diagnostics };
}

/** Finds the URL inside a link's source text; falls back to the whole link. */
function urlRangeOf(
  text: string,
  lines: LineIndex,
  node: { position?: { start: { offset?: number }; end: { offset?: number } } },
  url: string,
): Range {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const source = text.slice(start, end);
  const marker = Math.max(source.lastIndexOf("]("), source.lastIndexOf("]:"));
  const at = url ? source.indexOf(url, Math.max(marker, 0)) : -1;
  if (at < 0) return lines.rangeOf(start, end);
  return lines.rangeOf(start + at, start + at + url.length);
}
