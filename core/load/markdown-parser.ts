/**
 * Markdown text → mdast, via markdown-it (about 15× faster than micromark on
 * real handbooks). The tree has the shape remark-parse + remark-gfm +
 * remark-frontmatter (yaml) + remark-directive (leaf directives) produce, so
 * the linter's extraction and the site's remark-rehype pipeline work unchanged.
 *
 * markdown-it gives line maps and flat tokens; positions are recovered by
 * instrumenting it: every block rule stamps the tokens it pushed with source
 * offsets (and records how each inline token's content maps back to the source,
 * through container markers and line breaks), and every inline rule stamps its
 * tokens with content offsets. Links, images, inline HTML, definitions,
 * headings, code, HTML blocks, directives and front matter get micromark's
 * exact positions; other nodes get close ones.
 */
import markdownIt from "markdown-it";
import type {
  MarkdownIt,
  Options,
  PluginSimple,
  StateBlock,
  StateCore,
  StateInline,
  Token,
} from "markdown-it";
import markdownItFootnote from "markdown-it-footnote";
import type {
  AlignType,
  Blockquote,
  Code,
  Definition,
  Heading,
  Html,
  ListItem,
  Nodes,
  Paragraph,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
  Yaml,
} from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import { toString as mdastToString } from "mdast-util-to-string";
import { lineStarts } from "../position.js";
import { strikethroughPostProcess, strikethroughTokenize } from "./markdown-strikethrough.js";

/** Where an inline token's content comes from: runs of [contentStart, sourceStart, length]. */
type Segments = number[];

/** What the instrumentation adds to markdown-it's tokens. */
interface Stamp {
  /** Start and end: source offsets for block tokens, content offsets for inline ones. */
  s?: number;
  e?: number;
  /** Inline tokens: how content offsets map to source offsets. */
  segs?: Segments;
  /** link_open: where the link text ends (the `]`), to tell references from inline links. */
  labelEnd?: number;
  /** list_item_open: a GFM task list item's state. */
  checked?: boolean;
  /** td_open/th_open: a cell markdown-it added to fill a short row (mdast keeps rows as written). */
  padded?: boolean;
  /** reference_definition: the definition as written. */
  definition?: { label: string; url: string; title: string | null };
  /** leaf_directive_open */
  directive?: { name: string; attributes: Record<string, string> };
  /** front_matter */
  value?: string;
}
type StampedToken = Token & Stamp;

/** What parseMarkdownTree passes to the rules. */
interface ParseEnv {
  /** markdown-it keeps its own state here too (references, footnotes). */
  [key: string | symbol]: unknown;
  frontMatter?: boolean;
}

/** StateInline plus where the pending text run started. */
interface TrackedInline extends StateInline {
  pendingStart: number;
}

/**
 * markdown-it 14 counts open links here (lib/rules_inline/state_inline.mjs; its linkify rule
 * stays off while it is above 0), but @types/markdown-it 14.2 does not declare it.
 */
interface LinkLevelInline extends StateInline {
  linkLevel: number;
}

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
type InlineRule = (state: StateInline, silent: boolean) => boolean;
/** markdown-it's Ruler keeps its rules in `__rules__`, which the typings do not declare. */
interface RulerInternals<T> {
  __rules__: { name: string; fn: T; alt: string[] }[];
  at(name: string, fn: T, options?: { alt?: string[] }): void;
}

// ---------------------------------------------------------------- segments

function mapStart(segs: Segments | undefined, c: number): number {
  if (!segs || segs.length === 0) return 0;
  let i = 0;
  while (i + 3 < segs.length && segs[i + 3]! <= c) i += 3;
  return segs[i + 1]! + Math.min(Math.max(c - segs[i]!, 0), segs[i + 2]!);
}

/** An end offset maps to just after the previous character (not to the next line's start). */
function mapEnd(segs: Segments | undefined, c: number): number {
  if (c <= 0) return mapStart(segs, 0);
  return mapStart(segs, c - 1) + 1;
}

/** The segments of content [from, to), re-based at 0. */
function sliceSegs(segs: Segments, from: number, to: number): Segments {
  const out: Segments = [];
  for (let i = 0; i < segs.length; i += 3) {
    const c = segs[i]!;
    const s = segs[i + 1]!;
    const len = segs[i + 2]!;
    const next = i + 3 < segs.length ? segs[i + 3]! : Infinity;
    const a = Math.max(c, from);
    const b = Math.min(next, to);
    if (a >= b && !(a === from && c <= from && from < next)) continue;
    out.push(a - from, s + Math.min(a - c, len), Math.max(0, Math.min(len - (a - c), b - a)));
  }
  return out;
}

function isAsciiTrimmable(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Like StateBlock.getLines, but also returns where each piece of the text comes from. */
function linesWithSegments(
  state: StateBlock,
  begin: number,
  end: number,
  indent: number,
): { text: string; segs: Segments } {
  let text = "";
  const segs: Segments = [];
  for (let line = begin; line < end; line++) {
    let lineIndent = 0;
    const lineStart = state.bMarks[line]!;
    let first = lineStart;
    const last = line + 1 < end ? state.eMarks[line]! + 1 : state.eMarks[line]!;
    while (first < last && lineIndent < indent) {
      const ch = state.src.charCodeAt(first);
      if (ch === 32 || ch === 9) {
        if (ch === 9) lineIndent += 4 - ((lineIndent + state.bsCount[line]!) % 4);
        else lineIndent++;
      } else if (first - lineStart < state.tShift[line]!) {
        lineIndent++;
      } else break;
      first++;
    }
    if (lineIndent > indent) {
      // A tab partly used as indentation leaves virtual spaces (no source of their own).
      segs.push(text.length, first, 0);
      text += " ".repeat(lineIndent - indent);
    }
    segs.push(text.length, first, last - first);
    text += state.src.slice(first, last);
  }
  return { text, segs };
}

/** Segments for a paragraph-like inline token whose content is the trimmed lines. */
function trimmedLineSegments(state: StateBlock, begin: number, end: number, content: string): Segments {
  const { text, segs } = linesWithSegments(state, begin, end, state.blkIndent);
  let lead = 0;
  while (lead < text.length && isAsciiTrimmable(text.charCodeAt(lead))) lead++;
  if (text.slice(lead, lead + content.length) !== content) {
    return [0, state.bMarks[begin]! + state.tShift[begin]!, content.length];
  }
  return sliceSegs(segs, lead, lead + content.length);
}

/** Where a line's content starts once `indent` columns (container indentation) are skipped. */
function indentedStart(state: StateBlock, line: number, indent: number): number {
  const lineStart = state.bMarks[line]!;
  let first = lineStart;
  let lineIndent = 0;
  const last = state.eMarks[line]!;
  while (first < last && lineIndent < indent) {
    const ch = state.src.charCodeAt(first);
    if (ch === 32 || ch === 9) lineIndent += ch === 9 ? 4 - ((lineIndent + state.bsCount[line]!) % 4) : 1;
    else if (first - lineStart < state.tShift[line]!) lineIndent++;
    else break;
    first++;
  }
  return first;
}

// ---------------------------------------------------------------- block rules

const FENCE = /^---[ \t]*$/;

/** YAML front matter (remark-frontmatter): `---` lines at the very start of the doc. */
function frontMatterRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.bMarks[0] !== 0 || state.blkIndent !== 0) return false;
  if ((state.env as ParseEnv).frontMatter === false) return false;
  const lineText = (line: number): string => state.src.slice(state.bMarks[line]!, state.eMarks[line]!);
  if (!FENCE.test(lineText(0))) return false;
  let close = 1;
  while (close < endLine && !FENCE.test(lineText(close))) close++;
  if (close >= endLine) return false;
  if (silent) return true;
  const token = state.push("front_matter", "", 0) as StampedToken;
  token.map = [0, close + 1];
  token.s = 0;
  token.e = state.eMarks[close]!;
  token.value = close === 1 ? "" : state.src.slice(state.bMarks[1]!, state.eMarks[close - 1]!);
  state.line = close + 1;
  return true;
}

interface ParsedDirective {
  name: string;
  label?: { start: number; end: number };
  attributes: Record<string, string>;
  end: number;
}

const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const ATTRIBUTE_NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const UNQUOTED_VALUE = /^[^\s"'<=>`}]+/;
const SHORTCUT_VALUE = /^[^\s"'<=>`}.#]+/;

function decodeAttribute(md: MarkdownIt, value: string): string {
  return value.includes("&") ? md.utils.unescapeAll(value.replace(/\\/g, "\\\\")) : value;
}

/** remark-directive's leaf syntax after the `::`: `name[label]{attributes}`, then only whitespace. */
function parseLeafDirective(
  md: MarkdownIt,
  src: string,
  pos: number,
  max: number,
): ParsedDirective | undefined {
  if (pos >= max || !NAME_START.test(src[pos]!)) return undefined;
  let p = pos + 1;
  while (p < max && NAME_CHAR.test(src[p]!)) p++;
  const name = src.slice(pos, p);
  if (name.endsWith("-") || name.endsWith("_")) return undefined;
  const result: ParsedDirective = { name, attributes: {}, end: p };
  if (src[p] === "[") {
    let depth = 0;
    let q = p;
    for (; q < max; q++) {
      const ch = src[q];
      if (ch === "\\" && q + 1 < max) q++;
      else if (ch === "[") depth++;
      else if (ch === "]" && --depth === 0) break;
    }
    if (q >= max) return undefined;
    result.label = { start: p + 1, end: q };
    p = q + 1;
  }
  if (src[p] === "{") {
    const close = src.indexOf("}", p);
    if (close < 0 || close >= max) return undefined;
    const attrs = parseAttributes(md, src.slice(p + 1, close));
    if (!attrs) return undefined;
    result.attributes = attrs;
    p = close + 1;
  }
  result.end = p;
  while (p < max && (src[p] === " " || src[p] === "\t")) p++;
  return p === max ? result : undefined;
}

function parseAttributes(md: MarkdownIt, text: string): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  const set = (key: string, value: string): void => {
    if (key === "class" && attributes.class) attributes.class += ` ${value}`;
    else
      Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  };
  let rest = text;
  for (;;) {
    rest = rest.replace(/^[ \t]+/, "");
    if (!rest) return attributes;
    const first = rest[0];
    if (first === "#" || first === ".") {
      const m = SHORTCUT_VALUE.exec(rest.slice(1));
      if (!m) return undefined;
      set(first === "#" ? "id" : "class", decodeAttribute(md, m[0]));
      rest = rest.slice(1 + m[0].length);
      continue;
    }
    const nameMatch = ATTRIBUTE_NAME.exec(rest);
    if (!nameMatch) return undefined;
    const key = nameMatch[0];
    rest = rest.slice(key.length).replace(/^[ \t]+/, "");
    if (rest[0] !== "=") {
      set(key, "");
      continue;
    }
    rest = rest.slice(1).replace(/^[ \t]+/, "");
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end < 0) return undefined;
      set(key, decodeAttribute(md, rest.slice(1, end)));
      rest = rest.slice(end + 1);
      if (rest && rest[0] !== " " && rest[0] !== "\t") return undefined;
    } else {
      const m = UNQUOTED_VALUE.exec(rest);
      if (!m) return undefined;
      set(key, decodeAttribute(md, m[0]));
      rest = rest.slice(m[0].length);
    }
  }
}

function leafDirectiveRule(md: MarkdownIt): BlockRule {
  return (state, startLine, _endLine, silent) => {
    if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    const max = state.eMarks[startLine]!;
    if (state.src.charCodeAt(start) !== 58 || state.src.charCodeAt(start + 1) !== 58) return false;
    const parsed = parseLeafDirective(md, state.src, start + 2, max);
    if (!parsed) return false;
    if (silent) return true;
    const open = state.push("leaf_directive_open", "", 1) as StampedToken;
    open.map = [startLine, startLine + 1];
    open.s = start;
    open.e = max;
    open.directive = { name: parsed.name, attributes: parsed.attributes };
    const inline = state.push("inline", "", 0) as StampedToken;
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    inline.content = parsed.label ? state.src.slice(parsed.label.start, parsed.label.end) : "";
    inline.segs = [0, parsed.label?.start ?? parsed.end, inline.content.length];
    state.push("leaf_directive_close", "", -1);
    state.line = startLine + 1;
    return true;
  };
}

/** Splits a table row like markdown-it (escaped pipes lose their backslash), with segments. */
function tableCells(state: StateBlock, line: number): { content: string; segs: Segments }[] {
  const src = state.src;
  let a = state.bMarks[line]! + state.tShift[line]!;
  let b = state.eMarks[line]!;
  while (a < b && /\s/.test(src[a]!)) a++;
  while (b > a && /\s/.test(src[b - 1]!)) b--;
  const cells: { content: string; segs: Segments }[] = [];
  let content = "";
  let segs: Segments = [];
  let pieceStart = a;
  const flush = (to: number): void => {
    if (to > pieceStart) {
      segs.push(content.length, pieceStart, to - pieceStart);
      content += src.slice(pieceStart, to);
    }
  };
  for (let p = a; p <= b; p++) {
    if (p === b || src.charCodeAt(p) === 124) {
      if (p < b && src.charCodeAt(p - 1) === 92 && p - 1 >= a) {
        // `\|`: the backslash goes, the pipe stays in the cell.
        flush(p - 1);
        pieceStart = p;
        continue;
      }
      flush(p);
      cells.push({ content, segs });
      content = "";
      segs = [];
      pieceStart = p + 1;
    }
  }
  if (cells.length && cells[0]!.content === "") cells.shift();
  if (cells.length && cells[cells.length - 1]!.content === "") cells.pop();
  // micromark trims only spaces and tabs around cells (markdown-it trims Unicode spaces too).
  return cells.map((cell) => {
    const trimmed = cell.content.replace(/^[ \t]+|[ \t]+$/g, "");
    const lead = cell.content.length - cell.content.replace(/^[ \t]+/, "").length;
    const mapped = cell.segs.length ? sliceSegs(cell.segs, lead, lead + trimmed.length) : [0, a, 0];
    return { content: trimmed, segs: mapped.length ? mapped : [0, mapStart(cell.segs, lead), 0] };
  });
}

/** After markdown-it's table rule: cell segments, and rows as written (no padding, no truncation). */
function fixTable(state: StateBlock, from: number): void {
  const tokens = state.tokens as StampedToken[];
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i]!.type !== "tr_open") continue;
    const line = tokens[i]!.map![0];
    const cells = tableCells(state, line);
    let cell = 0;
    let j = i + 1;
    let cellTag = "td";
    for (; j < tokens.length && tokens[j]!.type !== "tr_close"; j++) {
      const t = tokens[j]!;
      if (t.type === "th_open" || t.type === "td_open") {
        cellTag = t.tag;
        if (cell >= cells.length) t.padded = true;
      } else if (t.type === "inline") {
        const written = cells[cell++];
        if (written) [t.content, t.segs] = [written.content, written.segs];
      }
    }
    const extra: StampedToken[] = [];
    for (; cell < cells.length; cell++) {
      const written = cells[cell]!;
      extra.push(new state.Token(`${cellTag}_open`, cellTag, 1));
      const inline = new state.Token("inline", "", 0) as StampedToken;
      inline.content = written.content;
      inline.children = [];
      inline.segs = written.segs;
      extra.push(inline);
      extra.push(new state.Token(`${cellTag}_close`, cellTag, -1));
    }
    if (extra.length) tokens.splice(j, 0, ...extra);
    i = j + extra.length;
  }
}

interface DefinitionRecorder {
  dest?: { ok: boolean; pos: number; str: string };
  titleStart?: number;
  title?: { ok: boolean; pos: number; str: string };
}

/** Wraps a block rule: stamps what it pushed with source offsets, and inline content with segments. */
function wrapBlockRule(name: string, fn: BlockRule, recorder: { current?: DefinitionRecorder }): BlockRule {
  const isReference = name === "reference";
  return (state, startLine, endLine, silent) => {
    // Silent calls (is this a block start?) push nothing: the hot path stays unwrapped.
    if (silent) return fn(state, startLine, endLine, true);
    const from = state.tokens.length;
    const record: DefinitionRecorder | undefined = isReference ? {} : undefined;
    let ok: boolean;
    if (record) {
      recorder.current = record;
      try {
        ok = fn(state, startLine, endLine, false);
      } finally {
        recorder.current = undefined;
      }
    } else ok = fn(state, startLine, endLine, false);
    if (!ok) return false;
    if (isReference) {
      // markdown-it 14 keeps a definition only in `env.references` (the link rule resolves
      // references there) and pushes no token: mdast wants a node where it stood.
      const token = state.push("reference_definition", "", 0);
      token.map = [startLine, state.line];
      token.hidden = true;
    }
    if (name === "table") fixTable(state, from);
    const tokens = state.tokens as StampedToken[];
    if (name === "footnote_def")
      tokens[from]!.s = tokens[from]!.e = state.bMarks[startLine]! + state.tShift[startLine]!;
    for (let i = from; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.s !== undefined || !t.map) continue;
      const [first, last] = t.map;
      if (t.type === "inline") {
        if (name === "heading") {
          let p = state.bMarks[first]! + state.tShift[first]!;
          while (state.src.charCodeAt(p) === 35) p++;
          while (p < state.eMarks[first]! && isAsciiTrimmable(state.src.charCodeAt(p))) p++;
          t.segs = [0, p, t.content.length];
        } else if (!t.segs) {
          t.segs = trimmedLineSegments(state, first, last, t.content);
        }
        continue;
      }
      t.s =
        t.type === "code_block" || t.type === "html_block"
          ? indentedStart(state, first, state.blkIndent)
          : state.bMarks[first]! + state.tShift[first]!;
      t.e = state.eMarks[Math.max(first, last - 1)]!;
      // An unclosed fence runs to the end of its container; at the top level, of the doc.
      if (t.type === "fence" && last >= state.lineMax && !closesFence(state, t, last - 1))
        t.e = state.src.length;
      if (t.type === "reference_definition") stampDefinition(state, t, record ?? {});
    }
    return true;
  };
}

function closesFence(state: StateBlock, t: Token, line: number): boolean {
  if (line <= t.map![0]) return false;
  const text = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!).trimEnd();
  return text.length >= t.markup.length && text === t.markup[0]!.repeat(text.length);
}

/** A definition's label, URL, title and exact end, from what the reference rule parsed. */
function stampDefinition(state: StateBlock, t: StampedToken, record: DefinitionRecorder): void {
  const src = state.src;
  const start = t.s!;
  let labelEnd = start + 1;
  for (; labelEnd < src.length; labelEnd++) {
    const ch = src.charCodeAt(labelEnd);
    if (ch === 92) labelEnd++;
    else if (ch === 93) break;
  }
  const dest = record.dest;
  let end = dest?.pos ?? t.e!;
  let title: string | null = null;
  const tr = record.title;
  if (dest && tr?.ok && record.titleStart !== dest.pos) {
    let p = tr.pos;
    while (p < src.length && (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9)) p++;
    if (p >= src.length || src.charCodeAt(p) === 10) {
      title = tr.str;
      end = tr.pos;
    }
  }
  t.e = end;
  t.definition = { label: src.slice(start + 1, labelEnd), url: dest?.str ?? "", title };
}

// ---------------------------------------------------------------- inline rules

/** Wraps an inline rule: stamps the tokens it pushed with the content range it consumed. */
function wrapInlineRule(name: string, fn: InlineRule): InlineRule {
  return (state, silent) => {
    if (silent) return fn(state, true);
    const start = state.pos;
    const from = state.tokens.length;
    const wasEmpty = state.pending === "";
    const linkLevel = (state as LinkLevelInline).linkLevel;
    const ok = fn(state, false);
    if (!ok) return false;
    // micromark links autolink literals inside HTML `<a>` too; markdown-it would not.
    if (name === "html_inline") (state as LinkLevelInline).linkLevel = linkLevel;
    if (wasEmpty && state.pending !== "") (state as TrackedInline).pendingStart = start;
    const end = state.pos;
    const tokens = state.tokens as StampedToken[];
    if (tokens.length === from) return true;
    const fresh: StampedToken[] = [];
    for (let i = from; i < tokens.length; i++) if (tokens[i]!.s === undefined) fresh.push(tokens[i]!);
    if (fresh.length === 0) return true;
    if (name === "autolink") {
      // `<url>`: the link text is inside the brackets.
      for (const t of fresh) [t.s, t.e] = t.type === "text" ? [start + 1, end - 1] : [start, end];
      return true;
    }
    if (name === "linkify") {
      // The scheme was already pending text: the link starts before this rule's position.
      const text = fresh.find((t) => t.type === "text");
      const linkStart = end - (text?.content.length ?? end - start);
      for (const t of fresh) [t.s, t.e] = [linkStart, end];
      return true;
    }
    let total = 0;
    let allText = true;
    for (const t of fresh) {
      if (t.type !== "text") allText = false;
      total += t.content.length;
    }
    if (allText && total === end - start) {
      // Delimiter runs (`**`, `~~`): one token per marker, in source order.
      let at = start;
      for (const t of fresh) {
        t.s = at;
        at += t.content.length;
        t.e = at;
      }
    } else for (const t of fresh) [t.s, t.e] = [start, end];
    return true;
  };
}

/**
 * markdown-it's `text` rule (plain text up to the next character any rule starts at), matched
 * by a sticky regular expression instead of a loop calling a function per character: text is
 * most of what the inline tokenizer reads.
 */
const PLAIN_TEXT = /[^\n!#$%&*+\-:<=>@[\\\]^_`{}~]+/y;
const plainText: InlineRule = (state, silent) => {
  PLAIN_TEXT.lastIndex = state.pos;
  if (!PLAIN_TEXT.test(state.src)) return false;
  const end = Math.min(PLAIN_TEXT.lastIndex, state.posMax);
  if (end === state.pos) return false;
  if (!silent) state.pending += state.src.slice(state.pos, end);
  state.pos = end;
  return true;
};

/**
 * markdown-it's `normalize` rule: its line-ending replacement copies the whole text, and the
 * text reaches the parser with line feeds only (parseMarkdownTree maps CRs itself).
 */
function normalizeNulls(state: StateCore): void {
  if (state.src.includes("\0")) state.src = state.src.replace(/\0/g, "\uFFFD");
}

/** The last resort of markdown-it's tokenizer, as a rule, so pending text's start is known. */
const anyCharacter: InlineRule = (state, silent) => {
  if (!silent) state.pending += state.src[state.pos];
  state.pos++;
  return true;
};

/** GFM task list items: `[ ]` / `[x]` starting a list item's first paragraph. */
function taskListRule(state: StateCore): void {
  const tokens = state.tokens as StampedToken[];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.type !== "list_item_open" || tokens[i + 1]!.type !== "paragraph_open") continue;
    const inline = tokens[i + 2]!;
    const m = /^\[([ xX])\][ \t\n]/.exec(inline.content);
    if (!m) continue;
    tokens[i]!.checked = m[1] !== " ";
    inline.content = inline.content.slice(4);
    if (inline.segs) inline.segs = sliceSegs(inline.segs, 4, 4 + inline.content.length);
  }
}

// ---------------------------------------------------------------- the parser

type LinkifyMatch = NonNullable<ReturnType<MarkdownIt["linkify"]["matchAtStart"]>>;

/**
 * GFM's `http://` and `https://` literals (markdown-it's linkify rule asks at each `://`):
 * a domain, then anything up to whitespace or `<`, minus trailing punctuation.
 */
function protocolLiteral(text: string): LinkifyMatch | null {
  const scheme = /^https?:\/\//i.exec(text);
  if (!scheme) return null;
  const end = literalEnd(text, scheme[0].length);
  const domain = DOMAIN.exec(text.slice(scheme[0].length, end))?.[0] ?? "";
  if (!validDomain(domain, false)) return null;
  const raw = text.slice(0, end);
  return { schema: scheme[0].slice(0, -2).toLowerCase(), index: 0, lastIndex: end, raw, text: raw, url: raw };
}

function createParser(): MarkdownIt {
  // markdown-it 14 reads `maxNesting` (lib/parser_block.mjs, lib/parser_inline.mjs; its preset
  // says 100), but @types/markdown-it 14.2's Options does not declare it.
  const options: Options & { maxNesting: number } = {
    html: true,
    linkify: true,
    typographer: false,
    maxNesting: 1000,
  };
  const md = markdownIt(options);
  // @types/markdown-it-footnote types the plugin against markdown-it's CommonJS typings; this
  // module imports the ESM ones (the same runtime object).
  md.use(markdownItFootnote as unknown as PluginSimple);
  // mdast keeps URLs as written (remark-rehype encodes them); the sanitizer judges schemes, not the parser.
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (url) => url;
  md.validateLink = () => true;
  // GFM autolink literals: http(s):// here, www. and e-mail addresses on the mdast text.
  md.linkify.matchAtStart = protocolLiteral;
  // Text is joined, and www./e-mail literals are linked, when the tokens become mdast (positions stay exact).
  md.core.ruler.disable(["text_join", "linkify", "footnote_tail"]);
  md.inline.ruler2.disable("fragments_join");
  md.inline.ruler.disable("footnote_inline");
  md.core.ruler.at("normalize", normalizeNulls);
  md.inline.ruler.at("text", plainText);
  md.inline.ruler.push("any_character", anyCharacter);
  md.inline.ruler.at("strikethrough", strikethroughTokenize);
  md.inline.ruler2.at("strikethrough", strikethroughPostProcess);
  md.block.ruler.before("table", "front_matter", frontMatterRule);
  md.block.ruler.before("paragraph", "leaf_directive", leafDirectiveRule(md), {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.core.ruler.before("inline", "task_list", taskListRule);

  const recorder: { current?: DefinitionRecorder } = {};
  const { parseLinkDestination, parseLinkTitle } = md.helpers;
  md.helpers.parseLinkDestination = (str, start, max) => {
    const res = parseLinkDestination(str, start, max);
    if (recorder.current) recorder.current.dest = { ok: res.ok, pos: res.pos, str: res.str };
    return res;
  };
  md.helpers.parseLinkTitle = (str, start, max, prev) => {
    const res = parseLinkTitle(str, start, max, prev);
    const current = recorder.current;
    if (current) {
      current.titleStart ??= start;
      current.title = { ok: res.ok, pos: res.pos, str: res.str };
    }
    return res;
  };

  const blockRuler = md.block.ruler as unknown as RulerInternals<BlockRule>;
  for (const rule of [...blockRuler.__rules__]) {
    blockRuler.at(rule.name, wrapBlockRule(rule.name, rule.fn, recorder), { alt: rule.alt });
  }
  const inlineRuler = md.inline.ruler as unknown as RulerInternals<InlineRule>;
  for (const rule of [...inlineRuler.__rules__]) {
    inlineRuler.at(rule.name, wrapInlineRule(rule.name, rule.fn), { alt: rule.alt });
  }

  const Base = md.inline.State;
  md.inline.State = class extends Base {
    pendingStart = 0;
    override pushPending(): Token {
      const token = super.pushPending() as StampedToken;
      token.s = this.pendingStart;
      token.e = this.pendingStart + token.content.length;
      return token;
    }
    override push(type: string, tag: string, nesting: 1 | 0 | -1): Token {
      const token = super.push(type, tag, nesting) as StampedToken;
      if (type === "link_open") token.labelEnd = this.posMax;
      return token;
    }
  };
  return md;
}

let parser: MarkdownIt | undefined;

// ---------------------------------------------------------------- autolink literals

const WWW_OR_EMAIL = /www\.|@/i;
/** Where a `www.` literal may start: after nothing, whitespace or `*_~([]` (GFM). */
const WWW_START = /(?:^|(?<=[\s*_~()[\]]))www\./gi;
const EMAIL = /(?<![A-Za-z0-9+\-._/@])[A-Za-z0-9+\-._]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/g;
/** A domain runs until whitespace or ASCII punctuation other than `-._` (a port, path, query…). */
const DOMAIN = /^(?:[-._]|[^\s!-,/:-@[-^`{-~])*/;
const TRAILING = /[!"'),.:;<?_~*\]]/;

/** A literal's domain: no punctuation but `-._`, no `_` in its last two labels; `www.` needs a dot after it. */
function validDomain(domain: string, www: boolean): boolean {
  if (!domain) return false;
  const labels = domain.split(".");
  if (www && (labels.length < 3 || !labels[2])) return false;
  return !labels.slice(-2).some((label) => label.includes("_"));
}

/** The end of a literal's domain and path, minus GFM's trailing punctuation. */
function literalEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !/[\s<]/.test(text[end]!)) {
    // `](`, `][`, `]` + space: the end of a link label the literal is in.
    if (text[end] === "]" && /^$|^[\s([]/.test(text.slice(end + 1, end + 2))) break;
    end++;
  }
  for (;;) {
    const ch = text[end - 1];
    if (end <= from || ch === undefined) return end;
    if (ch === ")") {
      const slice = text.slice(from, end);
      if ((slice.match(/\(/g) ?? []).length >= (slice.match(/\)/g) ?? []).length) return end;
      end--;
    } else if (ch === ";") {
      const entity = /&[A-Za-z0-9]+;$/.exec(text.slice(from, end));
      end -= entity ? entity[0].length : 1;
    } else if (TRAILING.test(ch)) end--;
    else return end;
  }
}

/** `www.` and e-mail autolink literals in a text run, as micromark-extension-gfm-autolink-literal finds them. */
function autolinkLiterals(text: string): { index: number; end: number; url: string }[] {
  if (!WWW_OR_EMAIL.test(text)) return [];
  const found: { index: number; end: number; url: string }[] = [];
  for (const m of text.matchAll(WWW_START)) {
    const end = literalEnd(text, m.index);
    const domain = DOMAIN.exec(text.slice(m.index, end))?.[0] ?? "";
    if (validDomain(domain, true))
      found.push({ index: m.index, end, url: `http://${text.slice(m.index, end)}` });
  }
  for (const m of text.matchAll(EMAIL)) {
    let end = m.index + m[0].length;
    while (/[._-]/.test(text[end - 1]!)) end--;
    if (text[end] === "-" || text[end] === "_" || end <= m.index + m[0].indexOf("@") + 2) continue;
    const literal = text.slice(m.index, end);
    if (!/\.[A-Za-z0-9-]+$/.test(literal) || /[-_]$/.test(literal)) continue;
    found.push({ index: m.index, end, url: `mailto:${literal}` });
  }
  found.sort((a, b) => a.index - b.index);
  let last = 0;
  return found.filter((m) => m.index >= last && (last = m.end) >= 0);
}

// ---------------------------------------------------------------- tokens → mdast

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Converts normalized offsets (what markdown-it saw) to positions in the original text. */
class Locator {
  private readonly lineStarts: number[];
  constructor(
    original: string,
    private readonly toOriginal: (offset: number) => number,
  ) {
    this.lineStarts = lineStarts(original);
  }
  point(normalized: number): Point {
    const offset = this.toOriginal(normalized);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1, offset };
  }
}

/** micromark leaves a continuation line's indentation out of inline HTML (not out of code). */
function stripLinePrefixes(value: string): string {
  return value.includes("\n") ? value.replace(/\n[ \t]+/g, "\n") : value;
}

/** mdast identifiers: whitespace collapsed, case folded (micromark-util-normalize-identifier). */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, " ")
    .replace(/^ | $/g, "")
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

interface TextPiece {
  value: string;
  s: number;
  e: number;
  /** The value is the source text itself (not an escape, entity or line break). */
  verbatim: boolean;
}

type Ranged = Nodes & { s?: number; e?: number };

class Converter {
  /** Nodes' source offsets until positions are assigned at the end. */
  private readonly ranges = new Map<Nodes, [number, number]>();
  /** Lines of each block node, for list spread. */
  private readonly lineSpans = new Map<Nodes, [number, number]>();

  constructor(
    private readonly md: MarkdownIt,
    private readonly lineEnding: string,
  ) {}

  private range(node: Nodes, s: number | undefined, e: number | undefined): void {
    if (s !== undefined && e !== undefined) this.ranges.set(node, [s, e]);
  }

  blocks(tokens: StampedToken[]): Root {
    const root: Root = { type: "root", children: [] };
    const stack: { node: Parent; token?: StampedToken }[] = [{ node: root }];
    const top = (): Parent => stack[stack.length - 1]!.node;
    const add = (node: RootContent, token: StampedToken): void => {
      (top().children as RootContent[]).push(node);
      this.range(node, token.s, token.e);
      if (token.map) this.lineSpans.set(node, [token.map[0], token.map[1]]);
    };
    const open = (node: Parent & RootContent, token: StampedToken): void => {
      add(node, token);
      stack.push({ node, token });
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      switch (t.type) {
        case "front_matter":
          add({ type: "yaml", value: this.eol(t.value ?? "") } satisfies Yaml, t);
          break;
        case "paragraph_open":
          open({ type: "paragraph", children: [] } satisfies Paragraph, t);
          break;
        case "heading_open":
          open({ type: "heading", depth: Number(t.tag.slice(1)) as Heading["depth"], children: [] }, t);
          break;
        case "blockquote_open":
          open({ type: "blockquote", children: [] } satisfies Blockquote, t);
          break;
        case "bullet_list_open":
        case "ordered_list_open": {
          const start = t.attrGet("start");
          const ordered = t.type === "ordered_list_open";
          open(
            {
              type: "list",
              ordered,
              start: ordered ? (start === null ? 1 : Number(start)) : null,
              spread: false,
              children: [],
            },
            t,
          );
          break;
        }
        case "list_item_open":
          open(
            { type: "listItem", spread: false, checked: t.checked ?? null, children: [] } satisfies ListItem,
            t,
          );
          break;
        case "table_open":
          open({ type: "table", align: this.aligns(tokens, i), children: [] } satisfies Table, t);
          break;
        case "tr_open":
          open({ type: "tableRow", children: [] } satisfies TableRow, t);
          break;
        case "th_open":
        case "td_open":
          if (t.padded) i += 2;
          else open({ type: "tableCell", children: [] } satisfies TableCell, t);
          break;
        case "footnote_reference_open": {
          const label = String((t.meta as { label?: string } | null)?.label ?? "");
          open({ type: "footnoteDefinition", identifier: identifierOf(label), label, children: [] }, t);
          break;
        }
        case "leaf_directive_open": {
          const directive = t.directive ?? { name: "", attributes: {} };
          const node: LeafDirective = {
            type: "leafDirective",
            name: directive.name,
            attributes: directive.attributes,
            children: [],
          };
          open(node as unknown as Parent & RootContent, t);
          break;
        }
        case "inline": {
          const parent = top();
          const children = this.inline(t, t.children as StampedToken[], false);
          (parent.children as PhrasingContent[]).push(...children);
          if (parent.type === "tableCell") {
            const first = children[0] && this.ranges.get(children[0]);
            const last = children.length ? this.ranges.get(children[children.length - 1]!) : undefined;
            if (first && last) this.ranges.set(parent as TableCell, [first[0], last[1]]);
          }
          break;
        }
        case "fence": {
          const info = t.info.trim();
          const space = info.search(/\s/);
          const lang = space < 0 ? info : info.slice(0, space);
          const meta = space < 0 ? "" : info.slice(space).trim();
          const node: Code = {
            type: "code",
            lang: lang ? this.md.utils.unescapeAll(lang) : null,
            meta: meta ? this.md.utils.unescapeAll(meta) : null,
            value: this.eol(t.content.replace(/\n$/, "")),
          };
          add(node, t);
          break;
        }
        case "code_block":
          add({ type: "code", lang: null, meta: null, value: this.eol(t.content.replace(/\n$/, "")) }, t);
          break;
        case "html_block":
          add({ type: "html", value: this.eol(t.content.replace(/\n$/, "")) } satisfies Html, t);
          break;
        case "hr":
          add({ type: "thematicBreak" }, t);
          break;
        case "reference_definition": {
          const d = t.definition ?? { label: "", url: "", title: null };
          const node: Definition = {
            type: "definition",
            identifier: identifierOf(d.label),
            label: d.label,
            title: d.title,
            url: d.url,
          };
          add(node, t);
          break;
        }
        default:
          if (t.nesting === -1 && !/^(thead|tbody)_close$/.test(t.type) && stack.length > 1) {
            this.close(stack.pop()!.node);
          }
      }
    }
    return root;
  }

  /** Ends a container: its end is its last child's (markdown-it's line maps include blank lines). */
  private close(parent: Parent): void {
    const node = parent as Nodes & Parent;
    const children = node.children as Nodes[];
    const own = this.ranges.get(node);
    const last = children.length ? this.ranges.get(children[children.length - 1]!) : undefined;
    const first = children.length ? this.ranges.get(children[0]!) : undefined;
    const keepsOwnEnd =
      node.type === "paragraph" || node.type === "heading" || (node.type as string) === "leafDirective";
    if (!keepsOwnEnd && last) this.ranges.set(node, [own?.[0] ?? first![0], last[1]]);
    if (node.type === "listItem" || node.type === "list" || node.type === "blockquote") {
      const span = this.lineSpans.get(node);
      const lastSpan = children.length ? this.lineSpans.get(children[children.length - 1]!) : undefined;
      if (span && lastSpan) span[1] = lastSpan[1];
    }
    if (node.type === "listItem" || node.type === "list") node.spread = this.gapBetween(children);
  }

  /** A blank line between two consecutive children. */
  private gapBetween(children: Nodes[]): boolean {
    for (let i = 0; i + 1 < children.length; i++) {
      const a = this.lineSpans.get(children[i]!);
      const b = this.lineSpans.get(children[i + 1]!);
      if (a && b && b[0] > a[1]) return true;
    }
    return false;
  }

  private aligns(tokens: StampedToken[], from: number): AlignType[] {
    const align: AlignType[] = [];
    for (let i = from + 1; i < tokens.length && tokens[i]!.type !== "tr_close"; i++) {
      const t = tokens[i]!;
      if (t.type !== "th_open") continue;
      const style = String(t.attrGet("style") ?? "");
      const m = /text-align:(left|right|center)/.exec(style);
      align.push(m ? (m[1] as AlignType) : null);
    }
    return align;
  }

  private eol(value: string): string {
    return this.lineEnding === "\n" ? value : value.replace(/\n/g, this.lineEnding);
  }

  /** Inline tokens → phrasing content; `inLink`: no autolink literals inside link text. */
  inline(block: StampedToken, tokens: StampedToken[], inLink: boolean): PhrasingContent[] {
    const segs = block.segs;
    const src = block.content;
    const out: PhrasingContent[] = [];
    const stack: { node: Parent & PhrasingContent; start: number; out: PhrasingContent[] }[] = [];
    let current = out;
    let run: TextPiece[] = [];
    let linkDepth = inLink ? 1 : 0;
    const flush = (): void => {
      if (run.length) current.push(...this.textRun(run, segs, linkDepth > 0));
      run = [];
    };
    const push = (node: PhrasingContent, s: number | undefined, e: number | undefined): void => {
      flush();
      current.push(node);
      if (s !== undefined && e !== undefined) this.ranges.set(node, [mapStart(segs, s), mapEnd(segs, e)]);
    };
    const openNode = (node: Parent & PhrasingContent, s: number): void => {
      push(node, undefined, undefined);
      stack.push({ node, start: s, out: current });
      current = node.children as PhrasingContent[];
    };
    const closeNode = (e: number): void => {
      flush();
      const frame = stack.pop();
      if (!frame) return;
      current = frame.out;
      this.ranges.set(frame.node, [mapStart(segs, frame.start), mapEnd(segs, e)]);
      if (frame.node.type === "link" || frame.node.type === "linkReference") linkDepth--;
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const s = t.s ?? 0;
      const e = t.e ?? s;
      switch (t.type) {
        case "text":
          if (t.content) run.push({ value: t.content, s, e, verbatim: true });
          break;
        case "text_special":
          run.push({ value: t.content, s, e, verbatim: false });
          break;
        case "softbreak":
          run.push({ value: this.lineEnding, s, e, verbatim: false });
          break;
        case "hardbreak":
          push({ type: "break" }, s, e);
          break;
        case "code_inline": {
          // micromark keeps line endings in code (markdown-it turns them into spaces).
          const marker = t.markup.length;
          let value = src.slice(s + marker, e - marker);
          if (/^[ \n].*[ \n]$/s.test(value) && /[^ \n]/.test(value)) value = value.slice(1, -1);
          push({ type: "inlineCode", value: this.eol(value) }, s, e);
          break;
        }
        case "em_open":
        case "strong_open": {
          const start = t.type === "strong_open" ? (tokens[i - 1]?.s ?? s) : s;
          openNode({ type: t.type === "em_open" ? "emphasis" : "strong", children: [] }, start);
          break;
        }
        case "s_open":
          openNode({ type: "delete", children: [] }, s);
          break;
        case "em_close":
        case "s_close":
          closeNode(e);
          break;
        case "strong_close":
          closeNode(tokens[i + 1]?.e ?? e);
          break;
        case "link_open": {
          openNode(this.linkNode(t, src), s);
          linkDepth++;
          break;
        }
        case "link_close":
          closeNode(e);
          break;
        case "image": {
          const label = { content: t.content } as StampedToken;
          const children = this.inline(label, t.children as StampedToken[], true);
          const alt = mdastToString(children);
          const reference = this.referenceOf(src, s, s + 2 + t.content.length, e);
          if (reference) push({ type: "imageReference", alt, ...reference }, s, e);
          else {
            const title = t.attrGet("title");
            const url = String(t.attrGet("src") ?? "");
            push({ type: "image", title: title === null ? null : String(title), url, alt }, s, e);
          }
          break;
        }
        case "html_inline":
          push({ type: "html", value: this.eol(stripLinePrefixes(t.content)) }, s, e);
          break;
        case "footnote_ref": {
          const label = String((t.meta as { label?: string } | null)?.label ?? "");
          push({ type: "footnoteReference", identifier: identifierOf(label), label }, s, e);
          break;
        }
        default:
          break;
      }
    }
    flush();
    while (stack.length) closeNode(tokens[tokens.length - 1]?.e ?? 0);
    return out;
  }

  private linkNode(t: StampedToken, src: string): Parent & PhrasingContent {
    const s = t.s ?? 0;
    const e = t.e ?? s;
    if (t.markup !== "autolink" && t.markup !== "linkify" && t.labelEnd !== undefined) {
      const reference = this.referenceOf(src, s, t.labelEnd, e);
      if (reference) return { type: "linkReference", children: [], ...reference };
    }
    const title = t.attrGet("title");
    const url = String(t.attrGet("href") ?? "");
    return { type: "link", title: title === null ? null : String(title), url, children: [] };
  }

  /** `[text][label]`, `[label][]`, `[label]`: a reference (mdast keeps it unresolved); undefined: inline. */
  private referenceOf(
    src: string,
    s: number,
    labelEnd: number,
    e: number,
  ): { label: string; identifier: string; referenceType: "full" | "collapsed" | "shortcut" } | undefined {
    if (src.charCodeAt(labelEnd + 1) === 40 && src.charCodeAt(e - 1) === 41) return undefined;
    const textStart = src.charCodeAt(s) === 33 ? s + 2 : s + 1;
    let label: string;
    let referenceType: "full" | "collapsed" | "shortcut";
    if (e <= labelEnd + 1) {
      referenceType = "shortcut";
      label = src.slice(textStart, labelEnd);
    } else if (src.slice(labelEnd + 1, e) === "[]") {
      referenceType = "collapsed";
      label = src.slice(textStart, labelEnd);
    } else {
      referenceType = "full";
      label = src.slice(labelEnd + 2, e - 1);
    }
    return { label, identifier: identifierOf(label), referenceType };
  }

  /** One mdast text node per run, split where GFM links `www.` and e-mail literals. */
  private textRun(run: TextPiece[], segs: Segments | undefined, inLink: boolean): PhrasingContent[] {
    let value = "";
    const starts: number[] = [];
    for (const piece of run) {
      starts.push(value.length);
      value += piece.value;
    }
    const at = (index: number, end: boolean): number => {
      let k = 0;
      while (k + 1 < run.length && starts[k + 1]! <= (end ? index - 1 : index)) k++;
      const piece = run[k]!;
      if (piece.verbatim) return piece.s + (index - starts[k]!);
      return end ? piece.e : piece.s;
    };
    const text = (from: number, to: number): Text => {
      const node: Text = { type: "text", value: value.slice(from, to) };
      this.ranges.set(node, [mapStart(segs, at(from, false)), mapEnd(segs, at(to, true))]);
      return node;
    };
    const out: PhrasingContent[] = [];
    let last = 0;
    for (const m of inLink ? [] : autolinkLiterals(value)) {
      if (m.index > last) out.push(text(last, m.index));
      const link: PhrasingContent = {
        type: "link",
        title: null,
        url: m.url,
        children: [text(m.index, m.end)],
      };
      this.ranges.set(link, [mapStart(segs, at(m.index, false)), mapEnd(segs, at(m.end, true))]);
      out.push(link);
      last = m.end;
    }
    if (last < value.length) out.push(text(last, value.length));
    return out;
  }

  /** Gives every node its position (line, column, offset in the original text). */
  assignPositions(root: Root, locator: Locator, end: number): void {
    this.ranges.set(root, [0, end]);
    // Every node with a range is in the tree: no walk, and no lookup per node.
    for (const [node, r] of this.ranges) {
      (node as Ranged).position = { start: locator.point(r[0]), end: locator.point(Math.max(r[0], r[1])) };
    }
  }
}

/**
 * Parses Markdown (CommonMark, GFM, YAML front matter, leaf directives) into
 * mdast with positions. `frontMatter: false`: a leading `---` block is Markdown
 * (a definition's description has none). Throws on parser failure (the caller reports it).
 */
export function parseMarkdownTree(text: string, options: { frontMatter?: boolean } = {}): Root {
  parser ??= createParser();
  // remark drops a byte order mark but counts it in offsets.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  let normalized = body;
  let toOriginal = (offset: number): number => offset + bom;
  if (body.includes("\r")) {
    // markdown-it turns CRLF and CR into LF; positions must count them as written.
    const map: number[] = [];
    let out = "";
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c === 13) {
        map.push(i + bom);
        out += "\n";
        if (body.charCodeAt(i + 1) === 10) i++;
      } else {
        map.push(i + bom);
        out += body[i];
      }
    }
    map.push(body.length + bom);
    normalized = out;
    toOriginal = (offset) => map[Math.min(offset, map.length - 1)]!;
  }
  const lineEnding = body.includes("\r\n") ? "\r\n" : "\n";
  const env: ParseEnv = { frontMatter: options.frontMatter ?? true };
  const tokens = parser.parse(normalized, env) as StampedToken[];
  const converter = new Converter(parser, lineEnding);
  const root = converter.blocks(tokens);
  converter.assignPositions(root, new Locator(text, toOriginal), normalized.length);
  return root;
}
