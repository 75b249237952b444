/**
 * What the RevOps tree shows, asked of the language server (the client keeps
 * no model of its own). The server's `revbook/outline` request returns the
 * definitions with pipelines holding their stages; a server without it is
 * asked the standard `workspace/symbol` (every definition, flat — its
 * `containerName` is `"<Kind> <id>"`).
 */
import type * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node.js";
import { type Range, type SymbolInformation, WorkspaceSymbolRequest } from "vscode-languageclient/node.js";

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

/** The custom request (proposed to the server): `revbook/outline` → `OutlineNode[]`. */
export const OUTLINE_REQUEST = "revbook/outline";

/** JSON-RPC "method not found". */
const METHOD_NOT_FOUND = -32601;

function fromSymbols(symbols: readonly SymbolInformation[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const s of symbols) {
    const [kind, ...rest] = (s.containerName ?? "").split(" ");
    if (!kind || rest.length === 0) continue;
    out.push({ kind, id: rest.join(" "), name: s.name, uri: s.location.uri, range: s.location.range });
  }
  return out;
}

/** The outline from the running server (empty when it has no workspace). */
export async function fetchOutline(
  client: LanguageClient,
  token?: vscode.CancellationToken,
): Promise<OutlineNode[]> {
  try {
    return (await client.sendRequest<OutlineNode[] | null>(OUTLINE_REQUEST, {}, token)) ?? [];
  } catch (error) {
    if ((error as { code?: number } | undefined)?.code !== METHOD_NOT_FOUND) throw error;
  }
  const symbols = await client.sendRequest(WorkspaceSymbolRequest.type, { query: "" }, token);
  return fromSymbols((symbols ?? []) as SymbolInformation[]);
}
