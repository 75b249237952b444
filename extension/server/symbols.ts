/**
 * Document symbols (an outline per file: each definition, properties under
 * their object; headings for Markdown) and workspace symbols (every
 * definition whose name or id contains the query).
 */
import { type DocumentSymbol, type SymbolInformation, SymbolKind } from "vscode-languageserver";
import type { Kind } from "../../core/model/kinds.js";
import type { Definition, Model } from "../../core/model/model.js";
import type { WorkspaceState } from "./documents-sync.js";
import { toLspRange } from "./positions.js";
import { idRange } from "./targets.js";

const SYMBOL_KINDS: Record<Kind, SymbolKind> = {
  Object: SymbolKind.Class,
  Property: SymbolKind.Field,
  Team: SymbolKind.Namespace,
  Event: SymbolKind.Event,
  Pipeline: SymbolKind.Enum,
  Stage: SymbolKind.EnumMember,
  Trigger: SymbolKind.Function,
  ScoringModel: SymbolKind.Struct,
  CommandPlan: SymbolKind.Interface,
  Metric: SymbolKind.Number,
};

function symbolOf(model: Model, def: Definition): DocumentSymbol {
  const whole = def.pointer ? (model.location(def)?.value ?? def.doc.range) : def.doc.range;
  const selection = idRange(model, def) ?? whole;
  return {
    name: model.displayName(def),
    detail: `${def.kind} ${def.id}`,
    kind: SYMBOL_KINDS[def.kind],
    range: toLspRange(whole),
    selectionRange: toLspRange(selection),
    children: [],
  };
}

export function documentSymbols(state: WorkspaceState, uri: string): DocumentSymbol[] {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return [];
  const model = ws.model;
  const doc = model.docs.get(file);
  if (doc) {
    return doc.headings.map((h) => ({
      name: h.text || "(heading)",
      detail: `h${h.depth}`,
      kind: SymbolKind.String,
      range: toLspRange(h.range),
      selectionRange: toLspRange(h.range),
    }));
  }
  const out: DocumentSymbol[] = [];
  const objects = new Map<string, DocumentSymbol>();
  for (const def of model.definitions) {
    if (def.file !== file) continue;
    const symbol = symbolOf(model, def);
    if (def.kind === "Property") {
      objects.get(def.objectId ?? "")?.children?.push(symbol);
      continue;
    }
    if (def.kind === "Object") objects.set(def.id, symbol);
    out.push(symbol);
  }
  return out;
}

export function workspaceSymbols(state: WorkspaceState, query: string): SymbolInformation[] {
  const ws = state.workspace;
  if (!ws) return [];
  const model = ws.model;
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const def of model.definitions) {
    const name = model.displayName(def);
    if (q && !name.toLowerCase().includes(q) && !def.id.toLowerCase().includes(q)) continue;
    out.push({
      name,
      kind: SYMBOL_KINDS[def.kind],
      containerName: `${def.kind} ${def.id}`,
      location: {
        uri: state.uris.toUri(def.file),
        range: toLspRange(idRange(model, def) ?? model.absentRange(def)),
      },
    });
    if (out.length >= 500) break;
  }
  return out;
}
