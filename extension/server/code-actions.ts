/**
 * Code actions for revbook diagnostics: the diagnostic's own safe fix
 * (did-you-mean, `replacedBy`, removing an unused disable comment); an
 * "Insert `# revbook-disable-next-line RULE`" (`<!-- … -->` in Markdown) for
 * every diagnostic; `exitCriteria` / `owner` skeletons for `stage-exit-criteria`
 * / `stage-owner`; and a property stub on the object for a property path that
 * names a property the object does not have.
 */
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
} from "vscode-languageserver";
import type { PropertyDef, PropertyTest } from "../../core/model/kinds.js";
import type { Definition, Reference } from "../../core/model/model.js";
import type { LineIndex } from "../../core/position.js";
import type { Workspace } from "../../core/workspace.js";
import type { DiagnosticData } from "./diagnostics.js";
import type { WorkspaceState } from "./documents-sync.js";
import { fromLspRange, toLspRange } from "./positions.js";
import { ID_PATTERN } from "./rename.js";

function action(
  title: string,
  uri: string,
  diagnostic: LspDiagnostic,
  edits: TextEdit[],
  preferred = false,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred || undefined,
    edit: { changes: { [uri]: edits } },
  };
}

function insertAt(line: number, text: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text };
}

export function codeActions(state: WorkspaceState, params: CodeActionParams): CodeAction[] {
  const ws = state.workspace;
  const uri = params.textDocument.uri;
  const file = state.uris.toPath(uri);
  const lines = file ? ws?.source(file)?.lines : undefined;
  if (!ws || !file || !lines) return [];
  const out: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== "revbook") continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const rule = data?.rule ?? String(diagnostic.code ?? "");
    if (!rule || rule === "config") continue;
    if (data?.fix) {
      const title = data.suggestion ? `Fix: ${data.suggestion}` : `Fix ${rule}`;
      out.push(
        action(title, uri, diagnostic, [{ range: toLspRange(data.fix.range), newText: data.fix.text }], true),
      );
    }
    if (rule === "stage-exit-criteria" || rule === "stage-owner") {
      const skeleton = stageSkeleton(ws, file, lines, diagnostic, rule);
      if (skeleton) out.push(action(skeleton.title, uri, diagnostic, [skeleton.edit]));
    }
    if (rule === "unresolved-reference") {
      const stub = propertyStub(ws, file, diagnostic);
      if (stub) {
        out.push({
          title: stub.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [state.uris.toUri(stub.file)]: [stub.edit] } },
        });
      }
    }
    if (rule !== "unused-disable") {
      const disable = disableComment(ws, file, lines, diagnostic.range.start.line, rule);
      if (disable) out.push(action(disable.title, uri, diagnostic, [disable.edit]));
    }
  }
  return out;
}

function disableComment(
  ws: Workspace,
  file: string,
  lines: LineIndex,
  line: number,
  rule: string,
): { title: string; edit: TextEdit } | undefined {
  const text = lines.lineText(line);
  const indent = /^\s*/.exec(text)?.[0] ?? "";
  if (ws.typeOf(file) !== "markdown") {
    const comment = `# revbook-disable-next-line ${rule}`;
    return { title: `Insert \`${comment}\``, edit: insertAt(line, `${indent}${comment}\n`) };
  }
  const open = ws.model.docs.get(file)?.frontmatterOpen;
  const fm = ws.model.docs.get(file)?.frontmatter;
  if (open && line === open.start.line) {
    // About the front matter as a whole: a file-level comment inside it.
    const comment = `# revbook-disable ${rule}`;
    return { title: `Insert \`${comment}\` in the front matter`, edit: insertAt(line + 1, `${comment}\n`) };
  }
  if (fm && line >= fm.range.start.line && line <= fm.range.end.line) {
    const comment = `# revbook-disable-next-line ${rule}`;
    return { title: `Insert \`${comment}\``, edit: insertAt(line, `${indent}${comment}\n`) };
  }
  const comment = `<!-- revbook-disable-next-line ${rule} -->`;
  return { title: `Insert \`${comment}\``, edit: insertAt(line, `${indent}${comment}\n`) };
}

/** The line after a definition document's last line of content. */
function endOfDocument(lines: LineIndex, def: Definition): { line: number; prefix: string } {
  let last = def.doc.range.end.line;
  while (last > def.doc.range.start.line) {
    const t = lines.lineText(last).trim();
    if (t !== "" && t !== "---" && t !== "...") break;
    last--;
  }
  if (last + 1 >= lines.lineCount) return { line: last, prefix: "\n" };
  return { line: last + 1, prefix: "" };
}

function stageSkeleton(
  ws: Workspace,
  file: string,
  lines: LineIndex,
  diagnostic: LspDiagnostic,
  rule: string,
): { title: string; edit: TextEdit } | undefined {
  const model = ws.model;
  const at = diagnostic.range.start.line;
  const stage = model.definitions.find(
    (d) =>
      d.kind === "Stage" && d.file === file && d.doc.range.start.line <= at && d.doc.range.end.line >= at,
  );
  if (!stage) return undefined;
  const { line, prefix } = endOfDocument(lines, stage);
  const body =
    rule === "stage-owner"
      ? `owner: ${model.ids("Team")[0] ?? "team-id"}`
      : "exitCriteria:\n  - Describe what moves a record out of this stage";
  const text = prefix ? `${prefix}${body}` : `${body}\n`;
  const position = prefix ? { line, character: lines.lineText(line).length } : { line, character: 0 };
  return {
    title: rule === "stage-owner" ? "Add an `owner`" : "Add `exitCriteria`",
    edit: { range: { start: position, end: position }, newText: text },
  };
}

function guessType(ref: Reference): PropertyDef["type"] {
  const value = ref.test ? ref.test.value : ref.assignment?.value;
  const op = (ref.test as PropertyTest | undefined)?.op;
  if (op && ["before", "after", "withinLast"].includes(op)) return "date";
  if (value === "now") return "datetime";
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === "number") return "number";
  if (typeof sample === "boolean") return "boolean";
  return "string";
}

function propertyStub(
  ws: Workspace,
  file: string,
  diagnostic: LspDiagnostic,
): { title: string; file: string; edit: TextEdit } | undefined {
  const model = ws.model;
  const range = fromLspRange(diagnostic.range);
  const ref = model.references.find(
    (r) =>
      r.file === file &&
      r.kind === "Property" &&
      !r.resolved &&
      r.objectId !== undefined &&
      r.range.start.line === range.start.line &&
      r.range.start.column === range.start.column,
  );
  if (!ref?.objectId) return undefined;
  const segments = ref.name.split(".");
  if (segments.length > 1 && segments[0] === ref.objectId) segments.shift();
  let current = ref.objectId;
  for (const s of segments.slice(0, -1)) {
    const p = model.get<PropertyDef>("Property", `${current}.${s}`);
    if (p?.value.type !== "reference" || !p.value.target) return undefined;
    current = p.value.target;
  }
  const name = segments[segments.length - 1] ?? "";
  const object = model.get("Object", current);
  if (!object || !ID_PATTERN.test(name) || model.get("Property", `${current}.${name}`)) return undefined;
  const props = (object.value as { properties?: unknown[] }).properties ?? [];
  const lastLoc = model.location(object, `/properties/${props.length - 1}`);
  const lines = ws.source(object.file)?.lines;
  if (!lastLoc || !lines || props.length === 0) return undefined;
  const dash = lastLoc.value.start.column - 2;
  const itemLine = lines.lineText(lastLoc.value.start.line);
  if (dash < 0 || itemLine[dash] !== "-") return undefined; // flow-style list: no stub
  const ind = " ".repeat(dash);
  const end = lastLoc.value.end;
  let line = end.column === 0 ? end.line : end.line + 1;
  // Skip blank lines the last item's range may stop before; insert right after its content.
  while (line - 1 > lastLoc.value.start.line && lines.lineText(line - 1).trim() === "") line--;
  const type = guessType(ref);
  const text = `${ind}- id: ${name}\n${ind}  type: ${type}\n`;
  if (line >= lines.lineCount) {
    const last = lines.lineCount - 1;
    const pos = { line: last, character: lines.lineText(last).length };
    return {
      title: `Add property \`${name}\` to object \`${current}\``,
      file: object.file,
      edit: { range: { start: pos, end: pos }, newText: `\n${text.replace(/\n$/, "")}` },
    };
  }
  return {
    title: `Add property \`${name}\` to object \`${current}\``,
    file: object.file,
    edit: insertAt(line, text),
  };
}
