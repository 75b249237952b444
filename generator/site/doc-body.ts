/**
 * A doc's rendered Markdown (HTML, TOC, search text) and the fingerprint of
 * everything it depends on, so the build can cache it: the doc's path and
 * text, the base URL, where each of its links resolves to (Markdown links and
 * raw `<a href>`), which of its relative images and files exist, and the
 * output of each of its embed directives. Another
 * doc's title, a definition's description or the nav do not reach the body:
 * they are in the page frame, which is rendered every time.
 */
import { parseMarkdown } from "../../core/load/markdown-source.js";
import type { SourceFile } from "../../core/load/source-file.js";
import { LineIndex } from "../../core/position.js";
import type { SiteContext } from "./context.js";
import { directiveRenderer } from "./directives.js";
import { publishableFile } from "./local-files.js";
import { type RenderedMarkdown, renderMarkdownTree, resolveHref } from "./markdown-to-html.js";

/** Whether the doc embeds live definition data (`::stages` …): such a body depends on the whole model. */
export function hasDirectives(ctx: SiteContext, file: string): boolean {
  return (ctx.workspace.source(file)?.markdown?.directives.length ?? 0) > 0;
}

/** Renders a doc's Markdown (from its kept mdast tree, or by parsing its text again). */
export function renderDocBody(ctx: SiteContext, file: string): RenderedMarkdown {
  const source = ctx.workspace.source(file);
  if (!source) return { html: "", toc: [], text: "" };
  let tree = source.markdown?.tree;
  if (!tree || (tree.children.length === 0 && source.text.trim() !== "")) {
    tree = parseMarkdown(source.text, file, new LineIndex(source.text), true).document.tree;
  }
  return renderMarkdownTree(ctx, tree, {
    file,
    directives: directiveRenderer(ctx),
    dropFirstH1: true,
  });
}

const RAW_URL = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
/** Markdown link and image targets (`](url)`), a superset of what the parser finds. */
const MD_TARGET = /\]\(\s*<?([^)\s>]+)/g;

/** Everything a doc's body depends on besides revbook's code, as one string (hashed into the cache key). */
export function docBodyInputs(
  ctx: SiteContext,
  file: string,
  source: SourceFile | undefined = ctx.workspace.source(file),
): string {
  if (!source) return "";
  const hrefs = new Set<string>((source.markdown?.links ?? []).map((l) => l.url));
  for (const m of source.text.matchAll(RAW_URL)) hrefs.add(m[1] ?? m[2] ?? m[3] ?? "");
  for (const m of source.text.matchAll(MD_TARGET)) hrefs.add(m[1] ?? "");
  const parts = [file, ctx.routes.baseUrl, source.text];
  for (const href of [...hrefs].sort()) {
    let target: string | null | undefined;
    try {
      target = resolveHref(ctx, href, file);
    } catch {
      target = "!";
    }
    const published = target === undefined ? publishableFile(ctx.workspace.root, file, href) : undefined;
    parts.push(`${href}\u0000${target === undefined ? "-" : String(target)}\u0000${published ?? ""}`);
  }
  const render = directiveRenderer(ctx);
  for (const d of source.markdown?.directives ?? []) {
    parts.push(
      `::${d.name}${JSON.stringify(d.attributes)}\u0000${render(d.name, d.attributes)?.value ?? ""}`,
    );
  }
  return parts.join("\u0001");
}
