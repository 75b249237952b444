/**
 * Markdown (a doc's mdast tree, or a definition's `description`) to safe HTML.
 *
 * mdast-util-to-hast (allowDangerousHtml) → hast-util-raw (only for pages with raw
 * HTML) → our link transform → hast-util-sanitize (the explicit allow-list below)
 * → github-slugger heading ids → our slot fill → HTML. The order is deliberate
 * (shared notes, "Sanitizing: order matters"): `KIND:ID` and relative `.md` links become site URLs *before* sanitizing (the
 * sanitizer drops unknown schemes), and headings get their github-slugger ids
 * *after* it (so they carry no `user-content-` prefix and match the linter's
 * anchors). Embed directives (`::stages` …) are generated markup the sanitizer
 * would strip (SVG, classes): they become placeholder `div`s marked with the
 * build's nonce, and are filled in after sanitizing; a doc author cannot forge one.
 *
 * That pipeline is the reference. The direct path (mdast-to-html) writes the same bytes without
 * a hast tree: whole docs without raw HTML other than comments and `<br>`s (most docs), and in
 * docs with other raw HTML the blocks outside its spans (raw-html-spans.ts), the spans going
 * through this pipeline (with the direct path's heading slugger, so ids go on in page order).
 */
import path from "node:path";
import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import { toString as hastToString } from "hast-util-to-string";
import GithubSlugger from "github-slugger";
import type { Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import { raw } from "hast-util-raw";
import { sanitize, type Schema as SanitizeSchema } from "hast-util-sanitize";
import { type Handler, type State, toHast } from "mdast-util-to-hast";
import { parseMarkdownTree } from "../../core/load/markdown-parser.js";
import { markdownHazard } from "../../core/load/markdown-source.js";
import type { SiteContext } from "./context.js";
import { defUrl } from "./context.js";
import { escapeHtml, type Html } from "./html.js";
import { fileRoute, publishableFile } from "./local-files.js";
import { collapseSpace, searchText } from "./search-index.js";
import { LANGUAGE_CLASS, type LinkTarget, renderMdast, URL_PROTOCOLS } from "./mdast-to-html.js";
import { COMMENT, isRawHtml, rawSpans } from "./raw-html-spans.js";

/** One "On this page" entry. */
export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

export interface RenderedMarkdown {
  html: string;
  toc: TocEntry[];
  /** Plain text for the search index, as `searchText` keeps it (collapsed, its first 4,000 characters). */
  text: string;
  /** Workspace files the HTML references (images, downloads), to copy into the site. */
  files?: string[];
}

/** Renders an embed directive (`::stages{pipeline="lifecycle"}`) to trusted markup; undefined: unknown. */
export type DirectiveRenderer = (name: string, attributes: Record<string, string>) => Html | undefined;

const TABLE_ATTRS = ["ariaDescribedBy", "ariaLabel", "ariaLabelledBy"];

/**
 * What survives sanitizing: GitHub's list of elements and attributes, minus
 * forms, plus the two classes our link transform sets. No `style`, no event
 * handlers, no SVG/MathML, and hrefs only with http(s), mailto or tel. The direct
 * path (mdast-to-html) applies the same rules to what it writes: change both.
 */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  strip: ["script", "style", "svg", "math", "template", "noscript", "iframe", "object", "embed", "textarea"],
  clobberPrefix: "user-content-",
  clobber: ["ariaDescribedBy", "ariaLabelledBy", "id", "name"],
  tagNames: [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "var",
  ],
  attributes: {
    a: [
      ...TABLE_ATTRS,
      "dataFootnoteBackref",
      "dataFootnoteRef",
      ["className", "data-footnote-backref", "internal"],
      "href",
    ],
    blockquote: ["cite"],
    code: [["className", LANGUAGE_CLASS]],
    div: ["dataRevbookSlot"],
    img: [...TABLE_ATTRS, "src", "alt", "title", "width", "height"],
    input: [["disabled", true], ["type", "checkbox"], "checked"],
    li: [["className", "task-list-item"]],
    ol: [...TABLE_ATTRS, "start", ["className", "contains-task-list"]],
    section: ["dataFootnotes", ["className", "footnotes"]],
    span: [["className", "unresolved-link"]],
    h2: [["className", "sr-only"]],
    table: TABLE_ATTRS,
    ul: [...TABLE_ATTRS, ["className", "contains-task-list"]],
    td: ["align", "colSpan", "rowSpan"],
    th: ["align", "colSpan", "rowSpan", "scope"],
    "*": ["id", "title", "lang", "dir", "abbr"],
  },
  required: { input: { disabled: true, type: "checkbox" } },
  // Shared with the direct path, which applies them without a hast tree.
  protocols: URL_PROTOCOLS,
  ancestors: {
    tbody: ["table"],
    td: ["table"],
    th: ["table"],
    thead: ["table"],
    tfoot: ["table"],
    tr: ["table"],
  },
};

export interface MarkdownOptions {
  /** Workspace-relative file the Markdown comes from (relative `.md` links resolve against it). */
  file: string;
  directives?: DirectiveRenderer;
  /** Drop a leading `# Title` (the layout prints the page title). */
  dropFirstH1?: boolean;
  /** Test hook: how to treat raw HTML instead of looking (`any` runs parse5 on every page); implies `direct: false`. */
  rawHtml?: RawHtml;
  /** Test hook: false renders with the hast pipeline (the reference) even a doc the direct path takes. */
  direct?: boolean;
}

/**
 * Raw HTML in a doc: none; only comments and `<br>`s (placed without parse5); other HTML,
 * placed by parse5 in the spans of blocks it reaches (`spans`) or, as a test hook to compare
 * with, in the whole page (`any`).
 */
export type RawHtml = "none" | "simple" | "spans" | "any";

/** Renders an mdast tree (a doc's) to safe HTML with its TOC. The tree is not changed. */
export function renderMarkdownTree(
  ctx: SiteContext,
  tree: MdastRoot,
  options: MarkdownOptions,
): RenderedMarkdown {
  const files = new Set<string>();
  const mdast = pageContent(tree, options);
  const direct =
    options.direct === false || options.rawHtml !== undefined
      ? undefined
      : renderMdast(mdast, {
          link: (href) => linkTarget(ctx, href, options.file, files),
          image: (src) => fileUrl(ctx, src, options.file, files),
          directives: options.directives,
          rawBlocks: (blocks, definitions, slugger) => {
            // The span alone, with the page's link definitions (to-hast renders them as nothing).
            const span: MdastRoot = { type: "root", children: [...definitions, ...blocks] };
            const { html, toc, text } = renderHast(ctx, span, { ...options, rawHtml: "any" }, files, slugger);
            return { html, toc, texts: [text] };
          },
          rawPhrasing: (content, definitions) => {
            // The content alone in a paragraph, whose own tags are then left out.
            const paragraph: MdastRoot = {
              type: "root",
              children: [...definitions, { type: "paragraph", children: content }],
            };
            const placeAll = { ...options, rawHtml: "any" as const };
            const { html, text } = renderHast(ctx, paragraph, placeAll, files, new GithubSlugger());
            return { html: html.slice("<p>".length, -"</p>".length), toc: [], texts: [text] };
          },
        });
  const rendered = direct ?? renderHast(ctx, mdast, options, files, new GithubSlugger());
  if (files.size > 0) rendered.files = [...files].sort();
  // A page's search text starts with its title, then this: no more of it is ever read, and
  // the rest was a third of the bodies the workers post and the build cache stores (and
  // collapsing the whole of a long doc's text was work for nothing).
  rendered.text = searchText(rendered.text);
  return rendered;
}

/**
 * The reference pipeline, through hast (for the blocks raw HTML reaches, and to test the direct
 * path against). `slugger` gives the heading ids (the direct path's, when this renders a span).
 */
function renderHast(
  ctx: SiteContext,
  mdast: MdastRoot,
  options: MarkdownOptions,
  files: Set<string>,
  slugger: GithubSlugger,
): RenderedMarkdown {
  const slots = new Map<string, string>();
  // parse5 (hast-util-raw) places raw HTML: the costliest step of the render. Pages without
  // raw HTML (four in five in GitLab's handbook) skip it, and so do pages with only comments
  // and `<br>`s (another one in seven), which become their nodes directly; on the others it
  // reads only the blocks the raw HTML spans.
  const html = options.rawHtml ?? rawHtmlKind(mdast);
  const handlers = directiveHandlers(ctx, options, slots);
  if (html === "simple") handlers.html = simpleHtml;
  let hast = toHast(mdast, { allowDangerousHtml: true, handlers }) as HastRoot;
  if (html === "spans") hast = rawSpans(hast);
  else if (html === "any") hast = raw(hast) as HastRoot;
  rewriteLinks(ctx, hast, options.file, files);
  hast = sanitize(hast, SANITIZE_SCHEMA) as HastRoot;
  addHeadingIds(hast, slugger);
  fillSlots(hast, ctx.nonce, slots);
  return {
    html: toHtml(hast, { allowDangerousHtml: true }),
    toc: collectToc(hast),
    // Collapsed by the caller: parse5 merges text nodes the direct paths leave apart, so only
    // the collapsed texts compare.
    text: textOf(hast),
  };
}

/** Renders a Markdown string (a definition's `description`); hostile text is shown escaped. */
export function renderMarkdownText(ctx: SiteContext, text: string, file: string): RenderedMarkdown {
  if (markdownHazard(text)) return { html: `<p>${escapeHtml(text)}</p>`, toc: [], text };
  try {
    const tree = parseMarkdownTree(text, { frontMatter: false });
    return renderMarkdownTree(ctx, tree, { file });
  } catch {
    return { html: `<p>${escapeHtml(text)}</p>`, toc: [], text };
  }
}

/** The tree without front matter (and without the leading `# Title` when the layout prints it). */
function pageContent(root: MdastRoot, options: MarkdownOptions): MdastRoot {
  const children = root.children.filter(
    (n) => (n.type as string) !== "yaml" && (n.type as string) !== "toml",
  );
  const first = children[0];
  if (options.dropFirstH1 && first?.type === "heading" && first.depth === 1) children.shift();
  return { ...root, children };
}

/** The raw HTML in a tree: none; only comments and `<br>`s; or any other (then parse5 places it). */
export function rawHtmlKind(root: MdastRoot): RawHtml {
  let kind: RawHtml = "none";
  const pending: MdastNodes[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "html") {
      if (isRawHtml(node)) return "spans";
      kind = "simple";
    }
    if ("children" in node) for (const child of node.children) pending.push(child);
  }
  return kind;
}

/** A comment or `<br>` as the node parse5 would make of it (the sanitizer then drops comments). */
const simpleHtml: Handler = (_state, node: { value: string }) =>
  COMMENT.test(node.value)
    ? { type: "comment", value: node.value.slice(4, -3) }
    : { type: "element", tagName: "br", properties: {}, children: [] };

interface DirectiveNode {
  type: string;
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
}

/**
 * How leaf directives (the only directives the parser makes) become HAST: an embed
 * (`::stages{…}`) a placeholder `div` filled after sanitizing; an unknown one its label,
 * never its raw syntax.
 */
function directiveHandlers(
  ctx: SiteContext,
  options: MarkdownOptions,
  slots: Map<string, string>,
): Record<string, Handler> {
  const element = (tagName: string, state: State, node: DirectiveNode): Element => ({
    type: "element",
    tagName,
    properties: {},
    children: state.all(node as unknown as Parameters<State["all"]>[0]),
  });
  return {
    leafDirective(state, node: DirectiveNode) {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(node.attributes ?? {}))
        if (typeof v === "string") attributes[k] = v;
      const rendered = options.directives?.(node.name, attributes);
      if (!rendered) return element("p", state, node);
      const key = `${ctx.nonce}-${slots.size}`;
      slots.set(key, rendered.value);
      return { type: "element", tagName: "div", properties: { dataRevbookSlot: key }, children: [] };
    },
  };
}

/**
 * github-slugger ids on headings (what rehype-slug does, without its generic tree walk,
 * which cost a tenth of the render), after sanitizing so they carry no `user-content-`
 * prefix and match the linter's anchors.
 */
function addHeadingIds(tree: HastRoot, slugger: GithubSlugger): void {
  // Pre-order, so a repeated heading's `-1` suffix goes to the later one.
  const pending: (HastRoot | Element)[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "element" && /^h[1-6]$/.test(node.tagName)) {
      if (!node.properties.id) node.properties.id = slugger.slug(hastToString(node));
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i] as HastContent;
      if (child.type === "element") pending.push(child);
    }
  }
}

/**
 * `KIND:ID` → the definition's URL; `../x.md#y` → the doc's URL; unresolved
 * `KIND:ID` → plain text; a relative image or file inside the workspace → its
 * published copy (collected in `files`).
 */
function rewriteLinks(ctx: SiteContext, root: HastRoot, file: string, files: Set<string>): void {
  const visit = (node: HastRoot | Element): void => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "a" && typeof child.properties.href === "string") {
        const target = linkTarget(ctx, child.properties.href, file, files);
        if (target === null) {
          child.tagName = "span";
          child.properties = { className: ["unresolved-link"] };
        } else {
          child.properties.href = target.href;
          if (target.internal) child.properties.className = ["internal"];
        }
      } else if (child.tagName === "img" && typeof child.properties.src === "string") {
        child.properties.src = fileUrl(ctx, child.properties.src, file, files);
      }
      visit(child);
    }
  };
  visit(root);
}

/**
 * Where a link in `file` goes on the site: a definition's or doc's page (`internal`), a
 * published copy of a workspace file (added to `files`), or where it went; null: to a
 * `KIND:ID` or doc that is not published (shown as text).
 */
function linkTarget(ctx: SiteContext, href: string, file: string, files: Set<string>): LinkTarget {
  const target = resolveHref(ctx, href, file);
  if (target === null) return null;
  if (target !== undefined) return { href: target, internal: true };
  return { href: fileUrl(ctx, href, file, files), internal: false };
}

/** A relative reference to a workspace file → its published copy (added to `files`); anything else as it is. */
function fileUrl(ctx: SiteContext, src: string, file: string, files: Set<string>): string {
  const published = publishableFile(ctx.workspace.root, file, src);
  if (!published) return src;
  files.add(published);
  return ctx.routes.url(fileRoute(published));
}

/**
 * A site URL for an href; undefined: leave it (external, or not ours); null: a
 * `KIND:ID` or `.md` link to nothing published (shown as text; the linter flags broken ones).
 */
export function resolveHref(ctx: SiteContext, href: string, file: string): string | undefined | null {
  const resolution = ctx.model.resolveLink(href);
  if (resolution) {
    if (!resolution.resolved) return null;
    const url = defUrl(ctx, resolution.resolved);
    if (!url) return null;
    const fragment =
      href.includes("#") && resolution.kind !== "Property" ? href.slice(href.indexOf("#")) : "";
    return url + fragment;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/") || href.startsWith("#")) return undefined;
  const [target = "", ...rest] = href.split("#");
  if (!/\.md$/i.test(target)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), decoded));
  const doc = ctx.docsByFile.get(resolved);
  // A doc that is not published (a draft, or not in the docs globs) has no URL: shown as text.
  if (!doc) return null;
  const fragment = rest.length > 0 ? `#${rest.join("#")}` : "";
  return ctx.routes.url(doc.route) + fragment;
}

function fillSlots(root: HastRoot, nonce: string, slots: Map<string, string>): void {
  const visit = (node: HastRoot | Element): void => {
    node.children = node.children.map((child): HastContent => {
      if (child.type !== "element") return child;
      const slot = child.properties.dataRevbookSlot;
      if (child.tagName === "div" && slot !== undefined) {
        const markup = typeof slot === "string" && slot.startsWith(`${nonce}-`) ? slots.get(slot) : undefined;
        if (markup !== undefined) return { type: "raw", value: markup } as unknown as HastContent;
        delete child.properties.dataRevbookSlot;
      }
      visit(child);
      return child;
    }) as ElementContent[];
  };
  visit(root);
}

function textOf(node: HastRoot | HastContent): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((c) => textOf(c as HastContent)).join(" ");
  return "";
}

function collectToc(root: HastRoot): TocEntry[] {
  const toc: TocEntry[] = [];
  const visit = (node: HastRoot | Element): void => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const m = /^h([2-4])$/.exec(child.tagName);
      if (m && typeof child.properties.id === "string") {
        toc.push({
          depth: Number(m[1]),
          id: child.properties.id,
          text: collapseSpace(textOf(child)),
        });
      } else visit(child);
    }
  };
  visit(root);
  return toc;
}
