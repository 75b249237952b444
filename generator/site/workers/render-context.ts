/**
 * What the workers need to render doc bodies (`WorkerPool.setContext`): the
 * definition files (links and embeds resolve against them), the published
 * docs' routes (links to docs), the base URL and the slot nonce.
 */
import { randomBytes } from "node:crypto";
import type { Workspace } from "../../../core/workspace.js";
import { toPortable } from "../cache/portable-source.js";
import type { DocRoute } from "../published-docs.js";
import type { RenderContext } from "./messages.js";

export function renderContextOf(
  workspace: Workspace,
  docs: readonly DocRoute[],
  baseUrl: string,
  nonce = randomBytes(9).toString("hex"),
): RenderContext {
  const sources = [];
  for (const file of workspace.files()) {
    const source = workspace.source(file);
    if (source?.type === "yaml") sources.push(toPortable(source));
  }
  return {
    root: workspace.root,
    config: workspace.config,
    sources,
    docs: docs.map(({ file, route }) => ({ file, route })),
    baseUrl,
    nonce,
  };
}
