/**
 * Completion, from the text around the cursor (documents may be half-typed
 * and not parse) plus the last good model: `kind:` values, field names with
 * their schema descriptions, ids where a reference is expected, property
 * paths (walking reference properties after a dot), operators allowed for the
 * property's type, enum options for `value`, `KIND:ID` link targets in
 * Markdown and directive names / arguments after `::`.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  type Position as LspPosition,
} from "vscode-languageserver";
import {
  DOCUMENT_KINDS,
  type Kind,
  LINK_KINDS,
  type ObjectDef,
  optionValue,
  type PropertyDef,
} from "../../core/model/kinds.js";
import { type Definition, DIRECTIVES, type Model } from "../../core/model/model.js";
import { OPERATOR_LABELS, operatorsFor } from "../../core/model/operators.js";
import { LineIndex } from "../../core/position.js";
import type { Workspace } from "../../core/workspace.js";
import type { WorkspaceState } from "./documents-sync.js";
import { enumValuesAt, fieldsAt } from "./schema-fields.js";
import { frontMatterBounds, siblingProperty, type YamlContext, yamlContext } from "./yaml-context.js";

const STAGE_KEYS = new Set(["setStage", "stage", "stages", "at", "requiredAt"]);
const PATH_KEYS = new Set(["property", "enteredAt", "replacedBy"]);
const EVENT_OPS = ["occurred", "notOccurred", "countAtLeast"];

export function completionAt(state: WorkspaceState, uri: string, position: LspPosition): CompletionItem[] {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return [];
  const text = state.text(file) ?? "";
  const lines = new LineIndex(text);
  const { line, character } = position;
  if (ws.typeOf(file) === "markdown" || /\.md$/i.test(file))
    return markdownCompletion(ws, lines, line, character);
  return yamlCompletion(ws, file, lines, yamlContext(lines, line, character), line, character);
}

function edit(label: string, line: number, from: number, to: number) {
  return { range: { start: { line, character: from }, end: { line, character: to } }, newText: label };
}

function idItems(
  model: Model,
  kind: Kind,
  line: number,
  from: number,
  to: number,
  prefix = "",
): CompletionItem[] {
  return model.all(kind).map((def) => ({
    label: `${prefix}${def.id}`,
    kind: CompletionItemKind.Reference,
    detail: `${kind} · ${model.displayName(def)}`,
    textEdit: edit(`${prefix}${def.id}`, line, from, to),
  }));
}

/** The object the definition around the cursor works on. */
function contextObject(
  ws: Workspace,
  file: string,
  lines: LineIndex,
  ctx: YamlContext,
  line: number,
): string | undefined {
  const model = ws.model;
  const inDoc = model.definitions.find(
    (d) =>
      d.file === file &&
      d.kind !== "Property" &&
      d.doc.range.start.line <= line &&
      d.doc.range.end.line >= line,
  );
  if (inDoc && inDoc.kind === "Object") return inDoc.id;
  const fromModel = inDoc ? model.objectOf(inDoc) : undefined;
  if (fromModel) return fromModel;
  let id: string | undefined;
  for (let l = ctx.docStart; l <= ctx.docEnd; l++) {
    const t = lines.lineText(l);
    const object = /^object:\s*["']?([\w-]+)/.exec(t);
    if (object) return object[1];
    id ??= /^id:\s*["']?([\w-]+)/.exec(t)?.[1];
  }
  if (id && ctx.kind === "Object") return id;
  if (id && ctx.kind === "Stage") return model.stagePipeline.get(id)?.value.object;
  return undefined;
}

function propertiesOf(model: Model, objectId: string): Definition<PropertyDef>[] {
  return model.all<PropertyDef>("Property").filter((p) => p.objectId === objectId);
}

/** Property path completion: walks `reference` properties for the segments before the last dot. */
function pathItems(
  model: Model,
  objectId: string,
  typed: string,
  line: number,
  column: number,
): CompletionItem[] {
  const segments = typed.split(".");
  const last = segments.pop() ?? "";
  let current = objectId;
  if (segments[0] === objectId) segments.shift();
  for (const s of segments) {
    const p = model.get<PropertyDef>("Property", `${current}.${s}`);
    if (p?.value.type !== "reference" || !p.value.target) return [];
    current = p.value.target;
  }
  if (!model.get<ObjectDef>("Object", current)) return [];
  const from = column - last.length;
  return propertiesOf(model, current).map((p) => {
    const local = p.id.slice(current.length + 1);
    return {
      label: local,
      kind: p.value.type === "reference" ? CompletionItemKind.Module : CompletionItemKind.Field,
      detail: `${p.value.type}${p.value.status && p.value.status !== "active" ? ` (${p.value.status})` : ""} · ${current}`,
      documentation: p.value.description,
      textEdit: edit(local, line, from, column),
    };
  });
}

function words(
  list: readonly string[],
  kind: CompletionItemKind,
  line: number,
  from: number,
  to: number,
): CompletionItem[] {
  return list.map((w) => ({ label: w, kind, textEdit: edit(w, line, from, to) }));
}

function yamlCompletion(
  ws: Workspace,
  file: string,
  lines: LineIndex,
  ctx: YamlContext,
  line: number,
  column: number,
): CompletionItem[] {
  const values = ctx.valueFor ? valueCompletion(ws, file, lines, ctx, line, column) : [];
  if (values.length > 0 || ctx.keyPrefix === undefined) return values;
  if (!ctx.kind) {
    return [
      {
        label: "kind",
        kind: CompletionItemKind.Property,
        insertText: "kind: ",
        documentation: "The kind of definition",
      },
    ];
  }
  return fieldsAt(ctx.kind, ctx.path).map((f) => ({
    label: f.name,
    kind: CompletionItemKind.Property,
    documentation: { kind: "markdown", value: f.description },
    textEdit: edit(`${f.name}: `, line, ctx.wordStart, column),
    filterText: f.name,
  }));
}

/** Completion of a value: ids, property paths, operators, options, schema enums. */
function valueCompletion(
  ws: Workspace,
  file: string,
  lines: LineIndex,
  ctx: YamlContext,
  line: number,
  column: number,
): CompletionItem[] {
  const model = ws.model;
  const from = ctx.wordStart;
  if (ctx.valueFor) {
    const { key, prefix } = ctx.valueFor;
    if (key === "kind" && ctx.path.length === 0)
      return words(DOCUMENT_KINDS, CompletionItemKind.Class, line, from, column);
    if (STAGE_KEYS.has(key) || (ctx.kind === "Metric" && (key === "from" || key === "to"))) {
      // Stages of the definition's own object first.
      const objectId = contextObject(ws, file, lines, ctx, line);
      return idItems(model, "Stage", line, from, column).map((item) => ({
        ...item,
        sortText: `${model.stagePipeline.get(item.label)?.value.object === objectId ? 0 : 1}${item.label}`,
      }));
    }
    if (key === "from" || key === "to") return idItems(model, "Team", line, from, column);
    if (key === "owner" || key === "team") return idItems(model, "Team", line, from, column);
    if (key === "object" || key === "target") return idItems(model, "Object", line, from, column);
    if (key === "event") return idItems(model, "Event", line, from, column);
    if (key === "related" && ctx.kind === "frontmatter") return linkTargets(model, line, from, column);
    const objectId = contextObject(ws, file, lines, ctx, line);
    if (PATH_KEYS.has(key) && objectId) return pathItems(model, objectId, prefix, line, column);
    if (key === "op" || key === "value") {
      if (key === "op" && /event:/.test(ctx.line))
        return words(EVENT_OPS, CompletionItemKind.Operator, line, from, column);
      const path = siblingProperty(lines, ctx, line);
      if (!path || !objectId) return [];
      const r = model.resolvePath(objectId, path);
      if (!r.ok) return [];
      const type = r.property.value.type;
      if (key === "op") {
        return operatorsFor(type).map((op) => ({
          label: op,
          kind: CompletionItemKind.Operator,
          detail: OPERATOR_LABELS[op],
          textEdit: edit(op, line, from, column),
        }));
      }
      if (type === "boolean") return words(["true", "false"], CompletionItemKind.Value, line, from, column);
      if (type === "enum" || type === "multienum") {
        return (r.property.value.options ?? []).map((o) => {
          const v = optionValue(o);
          const label = typeof o === "object" ? o.label : undefined;
          return {
            label: v,
            kind: CompletionItemKind.EnumMember,
            detail: label,
            textEdit: edit(v, line, from, column),
          };
        });
      }
      return [];
    }
    if (ctx.kind) {
      const values = enumValuesAt(ctx.kind, ctx.path, key);
      if (values.length > 0) return words(values, CompletionItemKind.EnumMember, line, from, column);
    }
    return [];
  }
  return [];
}

function linkTargets(model: Model, line: number, from: number, to: number): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [prefix, kind] of Object.entries(LINK_KINDS)) {
    items.push(...idItems(model, kind, line, from, to, `${prefix}:`));
  }
  return items;
}

function markdownCompletion(ws: Workspace, lines: LineIndex, line: number, column: number): CompletionItem[] {
  const model = ws.model;
  // Front matter: the YAML between the opening `---` on line 0 and the next `---`.
  const fm = frontMatterBounds(lines);
  if (fm && line >= fm.start && line <= fm.end) {
    return yamlCompletion(ws, "", lines, yamlContext(lines, line, column, fm), line, column);
  }
  const before = lines.lineText(line).slice(0, column);
  const link = /\]\(([a-z]*)(:?)([^)\s]*)$/.exec(before);
  if (link) {
    const [, prefix = "", colon, rest = ""] = link;
    const from = column - prefix.length - colon!.length - rest.length;
    const kind = LINK_KINDS[prefix];
    if (colon && kind === "Property") {
      const dot = rest.indexOf(".");
      if (dot < 0) return idItems(model, "Object", line, column - rest.length, column);
      return pathItems(model, rest.slice(0, dot), rest.slice(dot + 1), line, column);
    }
    if (colon && kind) return idItems(model, kind, line, from, column, `${prefix}:`);
    return linkTargets(model, line, from, column);
  }
  const name = /^\s*::([a-z]*)$/.exec(before);
  if (name) {
    return Object.entries(DIRECTIVES).map(([directive, spec]) => ({
      label: directive,
      kind: CompletionItemKind.Function,
      detail: `::${directive}{${spec.attribute}="…"}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: edit(`${directive}{${spec.attribute}="$1"}`, line, column - (name[1]?.length ?? 0), column),
    }));
  }
  const arg = /^\s*::([a-z]+)\{([a-z]*)(=?"?)([\w-]*)$/.exec(before);
  if (arg) {
    const spec = Object.hasOwn(DIRECTIVES, arg[1] ?? "") ? DIRECTIVES[arg[1] ?? ""] : undefined;
    if (!spec) return [];
    if (!arg[3]) {
      return [
        {
          label: spec.attribute,
          kind: CompletionItemKind.Property,
          textEdit: edit(`${spec.attribute}="`, line, column - (arg[2]?.length ?? 0), column),
        },
      ];
    }
    return idItems(model, spec.kind, line, column - (arg[4]?.length ?? 0), column);
  }
  return [];
}
