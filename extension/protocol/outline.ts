/**
 * The `revbook/outline` request, shared by the language server (which answers
 * it) and the VS Code client (whose "RevOps" tree asks it): every definition
 * except properties, each pipeline holding its stages in pipeline order.
 */
import type { Range } from "vscode-languageserver-protocol";

export const OUTLINE_REQUEST = "revbook/outline";

/** One definition in the outline. */
export interface OutlineNode {
  /** Definition kind: `Pipeline`, `Stage`, `Trigger`, `ScoringModel`, `CommandPlan`, `Team`… */
  kind: string;
  id: string;
  /** Display name. */
  name: string;
  /** Where the definition's id is (LSP range). */
  uri: string;
  range: Range;
  /** Pipelines: their stages, in pipeline order. */
  children?: OutlineNode[];
}
