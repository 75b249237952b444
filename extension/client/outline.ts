/**
 * What the RevOps tree shows, asked of the language server (the client keeps
 * no model of its own): the server's `revbook/outline` request returns the
 * definitions, with pipelines holding their stages in pipeline order.
 */
import type { CancellationToken } from "vscode-languageserver-protocol";
import { OUTLINE_REQUEST, type OutlineNode } from "../protocol/outline.js";

export type { OutlineNode };

/** What the outline needs of a language client (`LanguageClient` is one; tests pass a bare connection). */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown, token?: CancellationToken): Promise<R>;
}

/** The outline from the running server (empty when it has no workspace). */
export async function fetchOutline(client: RequestSender, token?: CancellationToken): Promise<OutlineNode[]> {
  // The token only when there is one: an explicit `undefined` is sent as a second, positional parameter.
  const nodes = token
    ? await client.sendRequest<OutlineNode[] | null>(OUTLINE_REQUEST, {}, token)
    : await client.sendRequest<OutlineNode[] | null>(OUTLINE_REQUEST, {});
  return nodes ?? [];
}
