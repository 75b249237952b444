/**
 * Where the cursor is inside YAML, read from the text alone so it works on
 * half-typed documents that do not parse: the document's `kind`, the keys
 * above the cursor (by indentation), and whether the cursor is on a key or on
 * the value of which key (block, flow `{…}` and `[…]` forms).
 */
import type { LineIndex } from "../../core/position.js";

export interface YamlContext {
  /** `kind:` of the enclosing document ("frontmatter" inside Markdown front matter). */
  kind: string | undefined;
  /** Keys of the enclosing mappings, outermost first. */
  path: string[];
  /** On a key: what is typed so far. */
  keyPrefix?: string;
  /** On a value: its key and what is typed so far. */
  valueFor?: { key: string; prefix: string };
  /** Lines of the enclosing document. */
  docStart: number;
  docEnd: number;
  /** Text of the current line. */
  line: string;
  /** Column where the typed word starts. */
  wordStart: number;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([A-Za-z_$][\w-]*)\s*:(?:\s|$)/;

function keyColumn(line: string): { column: number; key: string } | undefined {
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  return { column: (m[1] as string).length + (m[2] as string).length, key: m[3] as string };
}

function contentColumn(line: string): number {
  const m = /^(\s*)((?:-\s+)*)/.exec(line);
  return m ? (m[1] as string).length + (m[2] as string).length : 0;
}

export function yamlContext(
  lines: LineIndex,
  line: number,
  column: number,
  bounds?: { start: number; end: number },
): YamlContext {
  let docStart = bounds?.start ?? 0;
  let docEnd = bounds?.end ?? lines.lineCount - 1;
  if (!bounds) {
    for (let l = line - 1; l >= 0; l--) {
      if (/^---\s*$/.test(lines.lineText(l))) {
        docStart = l + 1;
        break;
      }
    }
    for (let l = line + 1; l < lines.lineCount; l++) {
      if (/^(---|\.\.\.)\s*$/.test(lines.lineText(l))) {
        docEnd = l - 1;
        break;
      }
    }
  }
  let kind: string | undefined = bounds ? "frontmatter" : undefined;
  for (let l = docStart; l <= docEnd && !kind; l++) {
    const m = /^kind:\s*["']?([A-Za-z]+)/.exec(lines.lineText(l));
    if (m) kind = m[1];
  }
  const text = lines.lineText(line);
  const before = text.slice(0, column);
  const path: string[] = [];
  let limit = contentColumn(text);
  if (before.trim() === "" || /^\s*-\s*$/.test(before)) limit = before.length;
  for (let l = line - 1; l >= docStart && limit > 0; l--) {
    const t = lines.lineText(l);
    if (t.trim() === "" || /^\s*#/.test(t)) continue;
    const k = keyColumn(t);
    if (k && k.column < limit) {
      path.unshift(k.key);
      limit = k.column;
    } else if (!k && contentColumn(t) < limit && !/^\s*-/.test(t)) {
      limit = contentColumn(t);
    }
  }
  path.push(...flowKeys(before));
  const word = /[\w.\-:]*$/.exec(before)?.[0] ?? "";
  const ctx: YamlContext = { kind, path, docStart, docEnd, line: text, wordStart: column - word.length };
  // Inside a flow mapping / sequence, or after `key:` on this line.
  const value = /([A-Za-z_][\w-]*)\s*:\s*(?:\[(?:[^\]]*,)?\s*)?([^\s,:{}[\]"']*)$/.exec(before);
  const keyOnly =
    /^\s*(?:-\s+)*([\w-]*)$/.exec(before) ??
    (innermostBracket(before) === "{" ? /[{,]\s*([\w-]*)$/.exec(before) : null);
  if (value && !keyOnly) {
    ctx.valueFor = { key: value[1] as string, prefix: value[2] as string };
    ctx.wordStart = column - (value[2] as string).length;
  } else if (/^\s*-\s+[^\s:]*$/.test(before) && path.length > 0) {
    // A block list item under `key:` (e.g. `stages:` / `exitCriteria:`): a value of that key.
    const prefix = /-\s+([^\s:]*)$/.exec(before)?.[1] ?? "";
    ctx.valueFor = { key: path[path.length - 1] as string, prefix };
    ctx.wordStart = column - prefix.length;
    ctx.keyPrefix = prefix;
  } else if (keyOnly) {
    ctx.keyPrefix = keyOnly[1] as string;
    ctx.wordStart = column - (keyOnly[1] as string).length;
  }
  return ctx;
}

/** Lines of a Markdown file's front matter (between the opening `---` on line 0 and the closing one), if any. */
export function frontMatterBounds(lines: LineIndex): { start: number; end: number } | undefined {
  if (!/^---\s*$/.test(lines.lineText(0))) return undefined;
  for (let l = 1; l < lines.lineCount; l++) {
    if (/^(---|\.\.\.)\s*$/.test(lines.lineText(l))) return l > 1 ? { start: 1, end: l - 1 } : undefined;
  }
  return undefined;
}

/** The `property:` named next to the cursor: in the same flow mapping, else among sibling lines. */
export function siblingProperty(lines: LineIndex, ctx: YamlContext, line: number): string | undefined {
  const inLine = /property:\s*["']?([\w.-]+)/.exec(ctx.line);
  if (inLine) return inLine[1];
  const indent = contentColumn(ctx.line);
  for (const dir of [-1, 1]) {
    for (let l = line + dir; l >= ctx.docStart && l <= ctx.docEnd; l += dir) {
      const t = lines.lineText(l);
      if (t.trim() === "") continue;
      const c = contentColumn(t);
      const k = keyColumn(t);
      if (k && k.column === indent && k.key === "property") {
        return /property:\s*["']?([\w.-]+)/.exec(t)?.[1];
      }
      if (c < indent || (dir === 1 && /^\s*-/.test(t) && c <= indent)) break;
      if (dir === -1 && /^\s*-/.test(t) && k && k.column === indent) {
        if (k.key === "property") return /property:\s*["']?([\w.-]+)/.exec(t)?.[1];
        break;
      }
    }
  }
  return undefined;
}

/** The innermost unclosed flow bracket before the cursor (quotes are not special-cased: ids have none). */
function innermostBracket(text: string): "{" | "[" | undefined {
  const stack: string[] = [];
  for (const c of text) {
    if (c === "{" || c === "[") stack.push(c);
    else if ((c === "}" || c === "]") && stack.length > 0) stack.pop();
  }
  return stack[stack.length - 1] as "{" | "[" | undefined;
}

/** Keys of the flow mappings open at the cursor on this line (`assign: { team: x, method: |` → [assign]). */
function flowKeys(text: string): string[] {
  const stack: (string | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") stack.push(/([A-Za-z_][\w-]*)\s*:\s*$/.exec(text.slice(0, i))?.[1]);
    else if ((c === "}" || c === "]") && stack.length > 0) stack.pop();
  }
  return stack.filter((k): k is string => k !== undefined);
}
