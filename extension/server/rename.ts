/**
 * Rename of stage, team, object, property, event, trigger, scoring model,
 * plan, pipeline and metric ids: one WorkspaceEdit changing the definition's
 * `id` and every piece of text naming it (YAML values, `KIND:ID` links in
 * Markdown and in descriptions, directive attributes, and just the renamed
 * segment of property paths). Invalid or taken ids are refused.
 */
import {
  ErrorCodes,
  type Position as LspPosition,
  type Range as LspRange,
  ResponseError,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { StageDef } from "../../core/model/kinds.js";
import type { Definition } from "../../core/model/model.js";
import type { WorkspaceState } from "./documents-sync.js";
import { fromLspPosition, toLspRange } from "./positions.js";
import { idRange, type Target, targetAt, targetsOf } from "./targets.js";

export const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** The id as written in its definition (a property's own id, without its object). */
function localId(def: Definition): string {
  return def.kind === "Property" ? def.id.slice((def.objectId?.length ?? 0) + 1) : def.id;
}

function target(state: WorkspaceState, uri: string, position: LspPosition): Target | undefined {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return undefined;
  return targetAt(ws, file, fromLspPosition(position));
}

export function prepareRename(
  state: WorkspaceState,
  uri: string,
  position: LspPosition,
): { range: LspRange; placeholder: string } | undefined {
  const t = target(state, uri, position);
  if (!t)
    throw new ResponseError(ErrorCodes.InvalidRequest, "Nothing to rename here: put the cursor on an id.");
  return { range: toLspRange(t.range), placeholder: localId(t.def) };
}

export function rename(
  state: WorkspaceState,
  uri: string,
  position: LspPosition,
  newName: string,
): WorkspaceEdit {
  const ws = state.workspace;
  const t = target(state, uri, position);
  if (!ws || !t)
    throw new ResponseError(ErrorCodes.InvalidRequest, "Nothing to rename here: put the cursor on an id.");
  const def = t.def;
  if (!ID_PATTERN.test(newName)) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` is not a valid id: use lowercase letters, digits, \`_\` and \`-\`, starting with a letter`,
    );
  }
  const newKey = def.kind === "Property" ? `${def.objectId}.${newName}` : newName;
  if (newName !== localId(def) && ws.model.get(def.kind, newKey)) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `a ${def.kind.toLowerCase()} with id \`${newKey}\` already exists`,
    );
  }
  const changes: Record<string, TextEdit[]> = {};
  const editsOf = (uri: string): TextEdit[] => {
    const list = changes[uri] ?? [];
    changes[uri] = list;
    return list;
  };
  const seen = new Set<string>();
  const add = (file: string, range: Parameters<typeof toLspRange>[0]): void => {
    const key = `${file}:${range.start.line}:${range.start.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    const uri = state.uris.toUri(file);
    editsOf(uri).push({ range: toLspRange(range), newText: newName });
  };
  const own = idRange(ws.model, def);
  if (own) add(def.file, own);
  if (def.kind === "Stage" && own && (def.value as StageDef).crmValue === undefined && newName !== def.id) {
    // The CRM value defaults to the id: keep the value the CRM stores by writing it out.
    const indent = " ".repeat(ws.model.location(def, "/id")?.key?.start.column ?? 0);
    const at = { line: own.start.line + 1, character: 0 };
    editsOf(state.uris.toUri(def.file)).push({
      range: { start: at, end: at },
      newText: `${indent}crmValue: ${def.id}\n`,
    });
  }
  for (const piece of targetsOf(ws, def)) add(piece.ref?.file ?? def.file, piece.range);
  return { changes };
}
