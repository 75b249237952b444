/**
 * Code lenses above each stage and property: how it is used
 * ("set by 2 triggers · used by 3 scoring rules · 4 docs"), counted by
 * `core/model/usage.ts` so the site can print the same line. Lenses carry no
 * command: they inform, find-references navigates.
 */
import type { CodeLens } from "vscode-languageserver";
import { usageLine, usageOf } from "../../core/model/usage.js";
import type { WorkspaceState } from "./documents-sync.js";
import { toLspRange } from "./positions.js";

export function codeLenses(state: WorkspaceState, uri: string): CodeLens[] {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file || ws.typeOf(file) !== "yaml") return [];
  const model = ws.model;
  const out: CodeLens[] = [];
  for (const def of model.definitionsIn(file)) {
    if (def.kind !== "Stage" && def.kind !== "Property") continue;
    if (model.get(def.kind, def.id) !== def) continue; // a duplicate: its `duplicate-id` says it all
    // Above the definition's first line: `kind:` of a stage, `- id:` of a property.
    const at = model.location(def)?.value ?? def.doc.range;
    const start = { line: at.start.line, column: at.start.column };
    out.push({
      range: toLspRange({ start, end: start }),
      command: { title: usageLine(usageOf(model, def)), command: "" },
    });
  }
  return out;
}
