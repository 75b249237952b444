/**
 * What the RevOps tree shows, asked of the language server (the client keeps
 * no model of its own). The server's `revbook/outline` request returns the
 * definitions with pipelines holding their stages. A server without it is
 * asked standard LSP only: `workspace/symbol` for every definition (its
 * `containerName` is `"<Kind> <id>"`), `textDocument/documentSymbol` for each
 * pipeline's extent, and `textDocument/references` of each stage — the
 * references inside a pipeline are its `stages:` entries, in pipeline order.
 */
import {
  type CancellationToken,
  type DocumentSymbol,
  DocumentSymbolRequest,
  type Location,
  type Position,
  type Range,
  ReferencesRequest,
  type SymbolInformation,
  WorkspaceSymbolRequest,
} from "vscode-languageserver-protocol";

/** What the outline needs of a language client (`LanguageClient` is one; tests pass a bare connection). */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown, token?: CancellationToken): Promise<R>;
}

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

/**
 * Sends a request; the token only when there is one (an explicit `undefined`
 * would be sent as a second, positional parameter).
 */
function send<R>(
  client: RequestSender,
  method: string,
  params: unknown,
  token?: CancellationToken,
): Promise<R> {
  return token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params);
}

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

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(range: Range, p: Position): boolean {
  return !before(p, range.start) && !before(range.end, p);
}

/** Puts each stage under the pipeline whose document references it, in the order of the references. */
async function nestStages(
  client: RequestSender,
  nodes: OutlineNode[],
  token?: CancellationToken,
): Promise<OutlineNode[]> {
  const pipelines = nodes.filter((n) => n.kind === "Pipeline");
  if (pipelines.length === 0) return nodes;
  const extents = new Map<OutlineNode, Range>();
  for (const uri of new Set(pipelines.map((p) => p.uri))) {
    const symbols =
      (await send<DocumentSymbol[] | null>(
        client,
        DocumentSymbolRequest.method,
        { textDocument: { uri } },
        token,
      )) ?? [];
    for (const s of symbols) {
      const pipeline = pipelines.find((p) => p.uri === uri && s.detail === `Pipeline ${p.id}`);
      if (pipeline && s.range) extents.set(pipeline, s.range);
    }
  }
  const stages = nodes.filter((n) => n.kind === "Stage");
  const references = await Promise.all(
    stages.map((stage) =>
      send<Location[] | null>(
        client,
        ReferencesRequest.method,
        {
          textDocument: { uri: stage.uri },
          position: stage.range.start,
          context: { includeDeclaration: false },
        },
        token,
      ),
    ),
  );
  const listed = new Map<OutlineNode, { stage: OutlineNode; at: Position }[]>();
  stages.forEach((stage, i) => {
    for (const [pipeline, extent] of extents) {
      const at = (references[i] ?? []).find((l) => l.uri === pipeline.uri && contains(extent, l.range.start));
      if (!at) continue;
      const list = listed.get(pipeline) ?? [];
      list.push({ stage, at: at.range.start });
      listed.set(pipeline, list);
    }
  });
  for (const [pipeline, list] of listed) {
    pipeline.children = list.sort((a, b) => (before(a.at, b.at) ? -1 : 1)).map((e) => e.stage);
  }
  return nodes;
}

/** The outline from the running server (empty when it has no workspace). */
export async function fetchOutline(client: RequestSender, token?: CancellationToken): Promise<OutlineNode[]> {
  try {
    return (await send<OutlineNode[] | null>(client, OUTLINE_REQUEST, {}, token)) ?? [];
  } catch (error) {
    if ((error as { code?: number } | undefined)?.code !== METHOD_NOT_FOUND) throw error;
  }
  const symbols = await send<SymbolInformation[] | null>(
    client,
    WorkspaceSymbolRequest.method,
    { query: "" },
    token,
  );
  return nestStages(client, fromSymbols(symbols ?? []), token);
}
