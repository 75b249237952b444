/**
 * The left navigation, GitLab-handbook (Docsy) style: every top-level entry,
 * plus the path to the current page expanded with the siblings at each level
 * and the current page's own children. A folder off that path that has a page
 * of its own is just a link to that page (where it opens); a folder without a
 * page lists its entries in a folded `<details>` so that it stays reachable.
 * A folder's own page is its first "Overview" entry, never a link inside
 * `<summary>`. So a page carries a few dozen links, not the whole site's
 * thousands; the parts that do not depend on the current page are rendered once.
 */
import { titleCase } from "../../core/model/kinds.js";
import { pagesOf, type SiteContext } from "./context.js";
import { type Html, html, raw } from "./html.js";
import { SECTION_TITLES } from "./routes.js";

export interface NavNode {
  title: string;
  route?: string;
  children: NavNode[];
  weight: number;
}

/** The navigation tree: docs by folder (by weight, then title), then the generated sections. */
export function buildNavTree(ctx: SiteContext): NavNode[] {
  const root: NavNode = { title: "", children: [], weight: 0 };
  const folders = new Map<string, NavNode>([["/", root]]);
  const folderOf = (route: string): NavNode => {
    const existing = folders.get(route);
    if (existing) return existing;
    const parentRoute = route.replace(/[^/]+\/$/, "");
    const parent = folderOf(parentRoute);
    const segment = route.slice(parentRoute.length, -1);
    const node: NavNode = {
      title: titleCase(segment) || segment,
      children: [],
      weight: Number.POSITIVE_INFINITY,
    };
    parent.children.push(node);
    folders.set(route, node);
    return node;
  };
  const docs = [...ctx.docs].sort((a, b) => a.route.split("/").length - b.route.split("/").length);
  for (const doc of docs) {
    if (doc.route === "/") continue;
    const parentRoute = doc.route.replace(/[^/]+\/$/, "");
    const existing = folders.get(doc.route);
    if (existing) {
      // `sales/index.md` names and orders its folder.
      existing.title = doc.title;
      existing.route = doc.route;
      existing.weight = doc.weight;
      continue;
    }
    const node: NavNode = { title: doc.title, route: doc.route, children: [], weight: doc.weight };
    folderOf(parentRoute).children.push(node);
    folders.set(doc.route, node);
  }
  const sortTree = (node: NavNode): number => {
    const childWeights = node.children.map(sortTree);
    node.children.sort((a, b) => a.weight - b.weight || a.title.localeCompare(b.title));
    if (!Number.isFinite(node.weight) && childWeights.length > 0) node.weight = Math.min(...childWeights);
    return node.weight;
  };
  sortTree(root);
  const generated: NavNode[] = [];
  for (const [kind, title] of SECTION_TITLES) {
    const defs = pagesOf(ctx, kind).filter((d) => /^[a-z][a-z0-9_-]*$/.test(d.id));
    if (defs.length === 0) continue;
    generated.push({
      title,
      route: ctx.routes.sectionRoute(kind),
      weight: 0,
      children: defs.map((d) => ({
        title: ctx.model.displayName(d),
        route: ctx.routes.definitionRoute(d.kind, d.id),
        children: [],
        weight: 0,
      })),
    });
  }
  generated.push({ title: "Glossary", route: "/glossary/", children: [], weight: 0 });
  generated.push({ title: "Goal matrix", route: "/goals/", children: [], weight: 0 });
  generated.push({ title: "Process health", route: "/health/", children: [], weight: 0 });
  generated.push({ title: "Status", route: "/status/", children: [], weight: 0 });
  return [...root.children, { title: "Definitions", children: generated, weight: 0 }];
}

/** The tree with what every page needs to render its sidebar quickly. */
export class SiteNav {
  private readonly parents = new Map<NavNode, NavNode | undefined>();
  private readonly byRoute = new Map<string, NavNode>();
  /** Markup of a node off the current page's path (the same on every such page). */
  private readonly offPath = new Map<NavNode, string>();

  constructor(
    private readonly ctx: SiteContext,
    readonly roots: readonly NavNode[],
  ) {
    const index = (node: NavNode, parent: NavNode | undefined): void => {
      this.parents.set(node, parent);
      if (node.route !== undefined && !this.byRoute.has(node.route)) this.byRoute.set(node.route, node);
      for (const child of node.children) index(child, node);
    };
    for (const node of roots) index(node, undefined);
  }

  /** The nodes from the top level down to the page at `route` (empty when the page is not in the tree). */
  pathTo(route: string): NavNode[] {
    const path: NavNode[] = [];
    for (let node = this.byRoute.get(route); node; node = this.parents.get(node)) path.unshift(node);
    return path;
  }

  /** The sidebar of the page at `current`. */
  render(current: string): Html {
    const onPath = new Set(this.pathTo(current));
    const link = (route: string, text: string): Html =>
      html`<a href="${this.ctx.routes.url(route)}"${route === current ? raw(' aria-current="page"') : ""}>${text}</a>`;
    const folder = (node: NavNode, open: boolean, items: Html[]): Html => {
      // A link nested in the disclosure button is an interactive control inside another
      // (axe: nested-interactive), so the folder's own page is its first entry.
      const overview = node.route ? html`<li>${link(node.route, "Overview")}</li>` : "";
      return html`<li><details${open ? raw(" open") : ""}><summary><span>${node.title}</span></summary><ul>${overview}${items}</ul></details></li>`;
    };
    const item = (node: NavNode): Html => {
      if (!onPath.has(node)) return raw(this.offPathItem(node));
      if (node.children.length === 0)
        return html`<li>${node.route ? link(node.route, node.title) : html`<span>${node.title}</span>`}</li>`;
      return folder(node, true, node.children.map(item));
    };
    return html`<nav class="sidebar" id="sidebar" aria-label="Handbook"><ul class="nav-tree">${this.roots.map(item)}</ul></nav>`;
  }

  private offPathItem(node: NavNode): string {
    let markup = this.offPath.get(node);
    if (markup === undefined) {
      const url = (route: string): string => this.ctx.routes.url(route);
      if (node.route !== undefined)
        markup = html`<li><a href="${url(node.route)}">${node.title}</a></li>`.value;
      else if (node.children.length === 0) markup = html`<li><span>${node.title}</span></li>`.value;
      else
        markup =
          html`<li><details><summary><span>${node.title}</span></summary><ul>${node.children.map((c) => raw(this.offPathItem(c)))}</ul></details></li>`
            .value;
      this.offPath.set(node, markup);
    }
    return markup;
  }
}
