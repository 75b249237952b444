/**
 * Entry of `extension/dist/handbook.cjs`: the generator code the Build and
 * Preview commands use — the very functions `revbook build` runs — loaded only
 * when one of them is first used (handbook-loader.ts), never in Restricted Mode.
 * `PreviewSession` keeps one workspace in memory, takes unsaved buffers and
 * renders the page of a doc or definition exactly as the site would.
 */
import path from "node:path";
import { findWorkspaceRoot, openWorkspace } from "../../core/load/read-workspace.js";
import type { Workspace } from "../../core/workspace.js";
import { sitePages } from "../../generator/site/build.js";
import { createContext, defRoute } from "../../generator/site/context.js";
import { buildNav, renderPage } from "../../generator/site/layout.js";

export { BuildRefusal, buildSite } from "../../generator/site/build.js";
export { findWorkspaceRoot };

/** A rendered preview page. */
export interface PreviewPage {
  title: string;
  route: string;
  html: string;
}

/** Where a handbook link leads in the sources. */
export interface SourceTarget {
  /** Absolute path. */
  file: string;
  /** 0-based line. */
  line: number;
}

function toRel(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

/** A workspace kept in memory for previews; unsaved buffers replace the files on disk. */
export class PreviewSession {
  private workspace: Workspace | undefined;
  private readonly buffers = new Map<string, string>();

  constructor(readonly root: string) {}

  /** (Re)reads the workspace from disk, keeping the unsaved buffers given so far. */
  async reload(): Promise<void> {
    const workspace = await openWorkspace(this.root);
    for (const [rel, text] of this.buffers) workspace.set(rel, { text });
    this.workspace = workspace;
  }

  /** Whether the file belongs to the workspace's definitions or docs. */
  covers(file: string): boolean {
    const rel = toRel(this.root, file);
    return rel !== undefined && this.workspace?.typeOf(rel) !== undefined;
  }

  /** Takes the editor's text of a file (unsaved changes included). */
  edit(file: string, text: string): void {
    const rel = toRel(this.root, file);
    if (!rel || !this.workspace?.typeOf(rel)) return;
    this.buffers.set(rel, text);
    this.workspace.set(rel, { text });
  }

  /** Forgets a buffer (the editor closed it; the file on disk counts again after `reload`). */
  forget(file: string): void {
    const rel = toRel(this.root, file);
    if (rel) this.buffers.delete(rel);
  }

  /**
   * The page of `file` — the doc, or the definition around `line` (0-based) —
   * rendered with `baseUrl` (absolute http(s) URL of the folder holding `assets/`).
   */
  render(file: string, line: number, baseUrl: string): PreviewPage | undefined {
    const ws = this.workspace;
    const rel = toRel(this.root, file);
    if (!ws || !rel) return undefined;
    const ctx = createContext(ws, ws.lint(), baseUrl);
    let route = ctx.docsByFile.get(rel)?.route;
    if (route === undefined) {
      const defs = ws.model.definitions.filter((d) => d.file === rel && d.kind !== "Property");
      const around =
        defs.find((d) => d.doc.range.start.line <= line && line <= d.doc.range.end.line) ?? defs[0];
      if (around) route = defRoute(ctx, around).split("#")[0];
    }
    if (route === undefined) return undefined;
    const page = sitePages(ctx).find((p) => p.route === route);
    if (!page) return undefined;
    return { title: page.spec.title, route, html: renderPage(ctx, buildNav(ctx), page.spec) };
  }

  /** The source behind a handbook URL (`<baseUrl>stages/mql/`), for links clicked in the preview. */
  sourceOf(url: string, baseUrl: string): SourceTarget | undefined {
    const ws = this.workspace;
    if (!ws || !url.startsWith(baseUrl)) return undefined;
    const ctx = createContext(ws, [], baseUrl);
    const route = `/${decodeURIComponent(url.slice(baseUrl.length).split(/[?#]/)[0] ?? "")}`;
    const doc = ctx.docs.find((d) => d.route === route);
    if (doc) return { file: path.join(this.root, doc.file), line: 0 };
    const def = ws.model.definitions.find((d) => d.kind !== "Property" && defRoute(ctx, d) === route);
    if (def) return { file: path.join(this.root, def.file), line: def.doc.range.start.line };
    return undefined;
  }
}
