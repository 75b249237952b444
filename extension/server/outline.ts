/**
 * The `revbook/outline` request behind the editor's "RevOps" tree: every
 * definition except properties (objects list hundreds), with each pipeline
 * holding its stages in pipeline order. One request instead of the
 * workspace-symbol + references round trips a plain LSP client would need.
 */
import type { PipelineDef } from "../../core/model/kinds.js";
import type { Definition, Model } from "../../core/model/model.js";
import { OUTLINE_REQUEST, type OutlineNode } from "../protocol/outline.js";
import type { WorkspaceState } from "./documents-sync.js";
import { toLspRange } from "./positions.js";
import { idRange } from "./targets.js";

export { OUTLINE_REQUEST };

function nodeOf(state: WorkspaceState, model: Model, def: Definition): OutlineNode {
  return {
    kind: def.kind,
    id: def.id,
    name: model.displayName(def),
    uri: state.uris.toUri(def.file),
    range: toLspRange(idRange(model, def) ?? model.absentRange(def)),
  };
}

export function outline(state: WorkspaceState): OutlineNode[] {
  const model = state.workspace?.model;
  if (!model) return [];
  const out: OutlineNode[] = [];
  for (const def of model.definitions) {
    if (def.kind === "Property") continue;
    const node = nodeOf(state, model, def);
    if (def.kind === "Pipeline") {
      const stages = (def as Definition<PipelineDef>).value.stages;
      node.children = (Array.isArray(stages) ? stages : [])
        .map((id) => (typeof id === "string" ? model.get("Stage", id) : undefined))
        .filter((stage): stage is Definition => stage !== undefined)
        .map((stage) => nodeOf(state, model, stage));
    }
    out.push(node);
  }
  return out;
}
