/**
 * Go to definition and find references, in YAML and Markdown, across files:
 * the cursor's target comes from `targets.ts`; references are every piece of
 * every model reference naming the same definition, plus its own id when the
 * client asks for the declaration.
 */
import type { Location, Position as LspPosition } from "vscode-languageserver";
import type { WorkspaceState } from "./documents-sync.js";
import { fromLspPosition, toLspRange } from "./positions.js";
import { idRange, targetAt, targetsOf } from "./targets.js";

export function definitionAt(
  state: WorkspaceState,
  uri: string,
  position: LspPosition,
): Location | undefined {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return undefined;
  const target = targetAt(ws, file, fromLspPosition(position));
  if (!target) return undefined;
  const def = target.def;
  const range = idRange(ws.model, def) ?? ws.model.absentRange(def);
  return { uri: state.uris.toUri(def.file), range: toLspRange(range) };
}

export function referencesAt(
  state: WorkspaceState,
  uri: string,
  position: LspPosition,
  includeDeclaration: boolean,
): Location[] {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return [];
  const target = targetAt(ws, file, fromLspPosition(position));
  if (!target) return [];
  const out: Location[] = [];
  if (includeDeclaration) {
    const r = idRange(ws.model, target.def);
    if (r) out.push({ uri: state.uris.toUri(target.def.file), range: toLspRange(r) });
  }
  for (const t of targetsOf(ws, target.def)) {
    out.push({ uri: state.uris.toUri(t.ref?.file ?? t.def.file), range: toLspRange(t.range) });
  }
  return out;
}
