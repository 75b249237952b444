/**
 * A doc's mdast tree straight to the HTML, table of contents and search text that the
 * reference pipeline of markdown-to-html makes of it (mdast-util-to-hast → link rewrite →
 * hast-util-sanitize → github-slugger heading ids → hast-util-to-html), without building a
 * hast tree. Those hast stages cost about 3 of the 25 CPU-seconds of a build of GitLab's
 * handbook (4,019 pages), plus the garbage collector's work on three intermediate trees a page.
 *
 * The output is byte-identical to the reference's: every choice below copies one of those
 * libraries (cited where it is made), and the differential test (test/site/mdast-to-html.test.ts)
 * renders every page of the corpus both ways. Raw HTML other than comments and `<br>`s needs
 * parse5 to place it: the caller's `rawBlocks` renders the spans of blocks it reaches the
 * reference way, and this module the blocks between them. Trees it does not reproduce (an
 * unknown node type, `data` that would rename an element, a list item outside a list, raw
 * HTML with footnotes or without `rawBlocks`) are refused up front, before any side effect:
 * the caller then renders them the reference way.
 */
import GithubSlugger from "github-slugger";
import type {
  Code,
  Definition,
  FootnoteDefinition,
  FootnoteReference,
  Heading,
  ImageReference,
  LinkReference,
  List,
  ListItem,
  Nodes,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableRow,
} from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import type { DirectiveRenderer, RenderedMarkdown, TocEntry } from "./markdown-to-html.js";
import { COMMENT, isRawHtml, type MdastCut, mdastSegments } from "./raw-html-spans.js";
import { collapseSpace } from "./search-index.js";

/** The URL schemes the sanitizer keeps, by attribute (SANITIZE_SCHEMA's `protocols`). */
export const URL_PROTOCOLS: Record<"href" | "src" | "cite", string[]> = {
  href: ["http", "https", "mailto", "tel"],
  src: ["http", "https"],
  cite: ["http", "https"],
};
/** The only `class` the sanitizer keeps on a `code` element. */
export const LANGUAGE_CLASS = /^language-[\w-]+$/;

/** Where a link goes once the site's link rewrite has run; null: it is shown as text. */
export type LinkTarget = { href: string; internal: boolean } | null;

export interface DirectOptions {
  /** The link rewrite for an `a`'s href (markdown-to-html's `linkTarget`). */
  link(href: string): LinkTarget;
  /** The link rewrite for an `img`'s src. */
  image(src: string): string;
  directives?: DirectiveRenderer | undefined;
  /**
   * Renders a span of top-level blocks that raw HTML reaches (raw-html-spans.ts) as the
   * reference does, given the page's link definitions and the heading ids' slugger. With it,
   * pages with raw HTML take the direct path too, for the blocks outside spans.
   */
  rawBlocks?: (blocks: RootContent[], definitions: Definition[], slugger: GithubSlugger) => RenderedBlocks;
  /**
   * Renders a paragraph's or table cell's content whose raw HTML parse5 places the same alone
   * (raw-html-spans.ts `phrasingRawHtml`) as the reference does, without the element's own tags.
   */
  rawPhrasing?: (content: PhrasingContent[], definitions: Definition[]) => RenderedBlocks;
}

/** HTML, TOC entries and text node values (for the search text) of some blocks. */
export interface RenderedBlocks {
  html: string;
  toc: TocEntry[];
  texts: string[];
}

/**
 * The tree (front matter and a dropped title already removed) as the reference pipeline
 * renders it; undefined: the tree has something the direct path does not reproduce.
 */
export function renderMdast(root: Root, options: DirectOptions): RenderedMarkdown | undefined {
  const references = collectReferences(root, options.rawBlocks !== undefined);
  if (!references) return undefined;
  const writer = new Writer(references, options);
  if (references.rawHtml && options.rawBlocks)
    writer.segments(mdastSegments(root.children), options.rawBlocks);
  else writer.blocks(root.children, false);
  writer.footer();
  return {
    html: writer.html,
    toc: writer.toc,
    // Collapsed (and cut to what the search index keeps) by the caller, as the reference's is.
    text: writer.texts.join(" "),
  };
}

/**
 * Whether renderMdast renders the tree (and does not leave it all to the hast pipeline);
 * `rawBlocks`: with a `rawBlocks` renderer for what raw HTML reaches.
 */
export function acceptsMdast(root: Root, rawBlocks = false): boolean {
  return collectReferences(root, rawBlocks) !== undefined;
}

// ---------------------------------------------------------------- the check up front

const RENDERED = new Set([
  "blockquote",
  "break",
  "code",
  "definition",
  "delete",
  "emphasis",
  "footnoteDefinition",
  "footnoteReference",
  "heading",
  "image",
  "imageReference",
  "inlineCode",
  "leafDirective",
  "link",
  "linkReference",
  "list",
  "listItem",
  "paragraph",
  "strong",
  "table",
  "tableCell",
  "tableRow",
  "text",
  "thematicBreak",
  "toml",
  "yaml",
]);

/** Nodes to-hast renders from their parent (a list's looseness, a table's alignment and header row). */
const PARENT_OF: Record<string, string> = { listItem: "list", tableRow: "table", tableCell: "tableRow" };
const CHILD_OF: Record<string, string> = { list: "listItem", table: "tableRow", tableRow: "tableCell" };

interface References {
  /** By upper-cased identifier, the first of each (to-hast's `definitionById`). */
  definitions: Map<string, Definition>;
  footnotes: Map<string, FootnoteDefinition>;
  /** Raw HTML other than comments and `<br>`s (only with `rawBlocks`). */
  rawHtml: boolean;
}

/**
 * The tree's definitions, walked in to-hast's order; undefined: a node the direct path does not
 * render. With `rawBlocks`, raw HTML is accepted, but not with footnotes (to-hast numbers them
 * across the page and puts them after it: a span rendered apart would number its own).
 */
function collectReferences(root: Root, rawBlocks: boolean): References | undefined {
  const definitions = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  let rawHtml = false;
  let footnoteReferences = false;
  const pending: Nodes[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (isRawHtml(node)) {
      if (!rawBlocks || node.data !== undefined) return undefined;
      rawHtml = true;
      continue;
    }
    // `hName` … on the root would make to-hast wrap the page in an element.
    if (node === root ? root.data !== undefined : !rendersLikeToHast(node)) return undefined;
    if (node.type === "footnoteReference") footnoteReferences = true;
    if (node.type === "definition") {
      const id = node.identifier.toUpperCase();
      if (!definitions.has(id)) definitions.set(id, node);
    } else if (node.type === "footnoteDefinition") {
      const id = node.identifier.toUpperCase();
      if (!footnotes.has(id)) footnotes.set(id, node);
    }
    if (!("children" in node)) continue;
    const only = CHILD_OF[node.type];
    // Pre-order, as unist-util-visit walks: the first definition of a label wins.
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i] as Nodes;
      if (only !== undefined ? child.type !== only : PARENT_OF[child.type] !== undefined) return undefined;
      pending.push(child);
    }
  }
  if (rawHtml && (footnoteReferences || footnotes.size > 0)) return undefined;
  return { definitions, footnotes, rawHtml };
}

function rendersLikeToHast(node: Nodes): boolean {
  // `hName`, `hProperties` and `hChildren` would change what to-hast makes of the node.
  if (node.data !== undefined) return false;
  if (node.type === "html") return !isRawHtml(node);
  return RENDERED.has(node.type);
}

// ---------------------------------------------------------------- the writer

/** A stretch of output written aside (a heading's content before its id, a footnote before its back links). */
interface Capture {
  html: string;
  texts: string[];
}

/** A footnote's links back to its references, and their text. */
interface BackReferences {
  links: string[];
  texts: string[];
}

class Writer {
  html = "";
  /**
   * The values of the hast text nodes, in order: the search text joins them with spaces (as
   * markdown-to-html's `textOf` does), a heading's id the ones inside it without. The `\n`s
   * to-hast puts between blocks and the spaces around checkboxes and back links are left out:
   * joined with spaces and collapsed, they change nothing (and no heading holds one).
   */
  texts: string[] = [];
  toc: TocEntry[] = [];
  /** The next text continues the last one: to-hast merged them into one text node. */
  private glue = false;
  private readonly slugger = new GithubSlugger();
  private readonly footnoteOrder: string[] = [];
  private readonly footnoteCounts = new Map<string, number>();
  private readonly directiveMarkup = new Map<LeafDirective, string | undefined>();
  /** Paragraphs and table cells whose raw HTML `rawPhrasing` renders (`MdastCut.alone`). */
  private alone: ReadonlySet<Nodes> = new Set();

  constructor(
    private readonly references: References,
    private readonly options: DirectOptions,
  ) {}

  /** A text node. */
  private text(value: string): void {
    this.html += escapeText(value);
    if (this.glue) {
      this.texts[this.texts.length - 1] += value;
      this.glue = false;
    } else this.texts.push(value);
  }

  private capture(write: () => void): Capture {
    const html = this.html;
    const texts = this.texts;
    this.html = "";
    this.texts = [];
    write();
    const captured = { html: this.html, texts: this.texts };
    this.html = html;
    this.texts = texts;
    return captured;
  }

  /**
   * The page's top-level blocks with spans of raw HTML among them: the blocks written here, the
   * spans by `rawBlocks` (with this writer's slugger, so heading ids go on in page order),
   * joined as `blocks` joins them.
   */
  segments(cut: MdastCut, rawBlocks: NonNullable<DirectOptions["rawBlocks"]>): void {
    this.alone = cut.alone;
    let first = true;
    for (const segment of cut.segments) {
      if ("block" in segment && !hasResult(segment.block)) continue;
      if (!first) this.html += "\n";
      first = false;
      if ("block" in segment) {
        this.one(segment.block, false);
        continue;
      }
      const span = rawBlocks(segment.span, [...this.references.definitions.values()], this.slugger);
      this.html += span.html;
      for (const entry of span.toc) this.toc.push(entry);
      for (const text of span.texts) this.texts.push(text);
    }
  }

  /** Block children as to-hast's `wrap` joins them: `\n` between, and around when `loose`. */
  blocks(children: readonly Nodes[], loose: boolean): void {
    let first = true;
    if (loose) this.html += "\n";
    for (const child of children) {
      if (!hasResult(child)) continue;
      if (!first) this.html += "\n";
      first = false;
      this.one(child, false);
    }
    if (loose && !first) this.html += "\n";
  }

  /**
   * Phrasing children, as to-hast's `all`: a text right after a hard break, or the first text
   * of an element right after one, loses its leading spaces and tabs. `trimFirst`: the first
   * child is such a text.
   */
  private phrasing(parent: Parent, trimFirst: boolean): void {
    const children = parent.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      this.one(children[i] as Nodes, i === 0 ? trimFirst : children[i - 1]?.type === "break");
    }
  }

  /** An element's children, passing a hard break's trim on to its first text. */
  private inner(parent: Parent, trimHead: boolean): void {
    this.phrasing(parent, trimHead && parent.children[0]?.type === "text");
  }

  private one(node: Nodes, trimHead: boolean): void {
    switch (node.type) {
      case "text": {
        const value = trimLines(node.value);
        this.text(trimHead ? trimSpaceStart(value) : value);
        break;
      }
      case "paragraph":
        this.paragraph(node, false, "");
        break;
      case "heading":
        this.heading(node);
        break;
      case "emphasis":
      case "strong":
      case "delete": {
        const tag = node.type === "emphasis" ? "em" : node.type === "strong" ? "strong" : "del";
        this.html += `<${tag}>`;
        this.inner(node, trimHead);
        this.html += `</${tag}>`;
        break;
      }
      case "inlineCode": {
        const value = node.value.replace(/\r?\n|\r/g, " ");
        this.html += "<code>";
        this.text(trimHead ? trimSpaceStart(value) : value);
        this.html += "</code>";
        break;
      }
      case "break":
        this.html += "<br>";
        this.text("\n");
        break;
      case "code":
        this.code(node);
        break;
      case "blockquote":
        this.html += "<blockquote>";
        this.blocks(node.children, true);
        this.html += "</blockquote>";
        break;
      case "list":
        this.list(node);
        break;
      case "thematicBreak":
        this.html += "<hr>";
        break;
      case "link":
        this.link(node.url, node.title, node, trimHead);
        break;
      case "linkReference": {
        const definition = this.definition(node);
        if (definition) this.link(definition.url || "", definition.title, node, trimHead);
        else this.unresolvedLink(node);
        break;
      }
      case "image":
        this.image(node.url, node.alt, node.title);
        break;
      case "imageReference": {
        const definition = this.definition(node);
        if (definition) this.image(definition.url || "", node.alt, definition.title);
        else this.text(`![${String(node.alt)}${referenceSuffix(node)}`);
        break;
      }
      case "footnoteReference":
        this.footnoteReference(node);
        break;
      case "table":
        this.table(node);
        break;
      case "html":
        // The sanitizer drops comments; the only other raw HTML accepted is a bare `<br>`.
        if (!COMMENT.test(node.value)) this.html += "<br>";
        break;
      case "leafDirective":
        this.directive(node);
        break;
      default:
        // definition, footnoteDefinition, yaml, toml: to-hast ignores them.
        break;
    }
  }

  /** A `p` (its tags left out in a tight list item, `prefix`: a task item's checkbox). */
  private paragraph(node: Parent | undefined, bare: boolean, prefix: string): void {
    if (!bare) this.html += "<p>";
    this.html += prefix;
    if (node) this.content(node);
    if (!bare) this.html += "</p>";
  }

  /** A paragraph's or table cell's content; with raw HTML in it, rendered by `rawPhrasing`. */
  private content(node: Parent): void {
    const { rawPhrasing } = this.options;
    if (!rawPhrasing || !this.alone.has(node as Nodes)) {
      this.phrasing(node, false);
      return;
    }
    const placed = rawPhrasing(node.children as PhrasingContent[], [...this.references.definitions.values()]);
    this.html += placed.html;
    for (const text of placed.texts) this.texts.push(text);
  }

  /** Whether to-hast makes a `p` of the node (a list item unwraps it, a footnote's back links go in it). */
  private isParagraph(node: Nodes): boolean {
    return node.type === "paragraph" || (node.type === "leafDirective" && this.embed(node) === undefined);
  }

  /** Ids as markdown-to-html's `addHeadingIds` gives them: slugs of their text, in document order. */
  private heading(node: Heading): void {
    const content = this.capture(() => this.phrasing(node, false));
    const id = this.slugger.slug(content.texts.join(""));
    this.html += `<h${node.depth} id="${escapeAttribute(id)}">${content.html}</h${node.depth}>`;
    for (const text of content.texts) this.texts.push(text);
    if (node.depth >= 2 && node.depth <= 4) {
      this.toc.push({ depth: node.depth, id, text: collapseSpace(content.texts.join(" ")) });
    }
  }

  private code(node: Code): void {
    const language = node.lang ? node.lang.split(/\s+/) : [];
    let attributes = "";
    if (language.length > 0) {
      const className = `language-${language[0]}`;
      // The sanitizer empties a class list it keeps nothing of: `class=""`.
      attributes = ` class="${LANGUAGE_CLASS.test(className) ? className : ""}"`;
    }
    this.html += `<pre><code${attributes}>`;
    this.text(node.value ? `${node.value}\n` : "");
    this.html += "</code></pre>";
  }

  private list(node: List): void {
    const loose = listLoose(node);
    const tag = node.ordered ? "ol" : "ul";
    let attributes = "";
    // The sanitizer keeps `start` on `ol` only; hast-util-to-html leaves out NaN.
    if (node.ordered && typeof node.start === "number" && node.start !== 1 && !Number.isNaN(node.start)) {
      attributes += ` start="${escapeAttribute(String(node.start))}"`;
    }
    if (node.children.some(isTaskItem)) attributes += ' class="contains-task-list"';
    this.html += `<${tag}${attributes}>\n`;
    node.children.forEach((item, i) => {
      if (i > 0) this.html += "\n";
      this.listItem(item, loose);
    });
    this.html += `${node.children.length > 0 ? "\n" : ""}</${tag}>`;
  }

  /**
   * to-hast's `listItem`: in a tight list its paragraphs lose their `p`; a task item's checkbox
   * goes at the start of its first paragraph (one is made for it when the item starts otherwise).
   */
  private listItem(node: ListItem, loose: boolean): void {
    const task = isTaskItem(node);
    const results = node.children.filter(hasResult);
    const head = results[0];
    // undefined: the empty paragraph to-hast makes for the checkbox.
    const entries: (Nodes | undefined)[] =
      task && !(head && this.isParagraph(head)) ? [undefined, ...results] : results;
    this.html += task ? '<li class="task-list-item">' : "<li>";
    entries.forEach((child, index) => {
      const isParagraph = child === undefined || this.isParagraph(child);
      if (loose || index !== 0 || !isParagraph) this.html += "\n";
      if (!isParagraph) this.one(child, false);
      else {
        const hasChildren = child !== undefined && (child as Parent).children.length > 0;
        const checkbox =
          task && index === 0
            ? `<input type="checkbox"${node.checked ? " checked" : ""} disabled>${hasChildren ? " " : ""}`
            : "";
        this.paragraph(child as Parent | undefined, !loose, checkbox);
      }
    });
    const tail = entries[entries.length - 1];
    if (entries.length > 0 && (loose || !(tail === undefined || this.isParagraph(tail)))) this.html += "\n";
    this.html += "</li>";
  }

  /** to-hast's `table` and `tableRow`: the first row is the head, cells are as many as the alignments. */
  private table(node: Table): void {
    const [head, ...body] = node.children;
    this.html += "<table>\n";
    if (head) {
      this.html += "<thead>\n";
      this.tableRow(node, head, "th");
      this.html += "\n</thead>";
    }
    if (body.length > 0) {
      this.html += "\n<tbody>\n";
      body.forEach((row, i) => {
        if (i > 0) this.html += "\n";
        this.tableRow(node, row, "td");
      });
      this.html += "\n</tbody>";
    }
    this.html += `${head ? "\n" : ""}</table>`;
  }

  private tableRow(table: Table, row: TableRow, tag: "th" | "td"): void {
    const align = table.align;
    const length = align ? align.length : row.children.length;
    this.html += "<tr>\n";
    for (let i = 0; i < length; i++) {
      if (i > 0) this.html += "\n";
      const alignment = align ? align[i] : undefined;
      this.html += alignment ? `<${tag} align="${escapeAttribute(alignment)}">` : `<${tag}>`;
      const cell = row.children[i];
      if (cell) this.content(cell);
      this.html += `</${tag}>`;
    }
    this.html += `${length > 0 ? "\n" : ""}</tr>`;
  }

  private definition(node: LinkReference | ImageReference): Definition | undefined {
    return this.references.definitions.get(node.identifier.toUpperCase());
  }

  /** An `a` after the link rewrite (an unresolved target: a `span`) and the sanitizer. */
  private link(url: string, title: string | null | undefined, node: Parent, trimHead: boolean): void {
    const target = this.options.link(normalizeUri(url));
    if (target === null) {
      this.html += '<span class="unresolved-link">';
      this.inner(node, trimHead);
      this.html += "</span>";
      return;
    }
    let attributes = "";
    if (safeUrl(target.href, URL_PROTOCOLS.href)) attributes += ` href="${escapeAttribute(target.href)}"`;
    if (title !== null && title !== undefined) attributes += ` title="${escapeAttribute(title)}"`;
    if (target.internal) attributes += ' class="internal"';
    this.html += `<a${attributes}>`;
    this.inner(node, trimHead);
    this.html += "</a>";
  }

  /**
   * A reference to no definition, as to-hast's `revert` writes it back: `[`, the content, `]…`,
   * the brackets merged into the content's first and last text nodes when it has them.
   */
  private unresolvedLink(node: LinkReference): void {
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    this.text("[");
    if (first && this.startsWithText(first)) this.glue = true;
    this.phrasing(node, false);
    if (!last || this.endsWithText(last)) this.glue = true;
    this.text(referenceSuffix(node));
  }

  private isUnresolved(node: Nodes): boolean {
    return (node.type === "linkReference" || node.type === "imageReference") && !this.definition(node);
  }

  private startsWithText(node: Nodes): boolean {
    return node.type === "text" || this.isUnresolved(node);
  }

  /** A hard break ends with its `\n` text node. */
  private endsWithText(node: Nodes): boolean {
    return node.type === "text" || node.type === "break" || this.isUnresolved(node);
  }

  private image(url: string, alt: string | null | undefined, title: string | null | undefined): void {
    const src = this.options.image(normalizeUri(url));
    let attributes = "";
    if (safeUrl(src, URL_PROTOCOLS.src)) attributes += ` src="${escapeAttribute(src)}"`;
    if (alt !== null && alt !== undefined) attributes += ` alt="${escapeAttribute(alt)}"`;
    if (title !== null && title !== undefined) attributes += ` title="${escapeAttribute(title)}"`;
    this.html += `<img${attributes}>`;
  }

  /**
   * to-hast's `footnoteReference`. Its ids come with to-hast's `user-content-` prefix, and the
   * sanitizer adds another. The link rewrite leaves `#` hrefs alone, and the sanitizer keeps them.
   */
  private footnoteReference(node: FootnoteReference): void {
    const id = node.identifier.toUpperCase();
    const safeId = escapeAttribute(normalizeUri(id.toLowerCase()));
    let count = this.footnoteCounts.get(id);
    let counter: number;
    if (count === undefined) {
      count = 0;
      this.footnoteOrder.push(id);
      counter = this.footnoteOrder.length;
    } else counter = this.footnoteOrder.indexOf(id) + 1;
    count++;
    this.footnoteCounts.set(id, count);
    const refId = `user-content-user-content-fnref-${safeId}${count > 1 ? `-${count}` : ""}`;
    this.html +=
      `<sup><a href="#user-content-fn-${safeId}" id="${refId}" data-footnote-ref` +
      ` aria-describedby="user-content-footnote-label">`;
    this.text(String(counter));
    this.html += "</a></sup>";
  }

  /**
   * to-hast's footer: the referenced footnotes in order of first reference (a footnote may
   * reference another, which joins the end), each with its back links, in a section after
   * the content. Its label heading keeps the id to-hast gives it, and is in the TOC.
   */
  footer(): void {
    const tocAt = this.toc.length;
    const contents: (Capture | undefined)[] = [];
    for (let i = 0; i < this.footnoteOrder.length; i++) {
      const definition = this.references.footnotes.get(this.footnoteOrder[i] as string);
      if (definition) contents[i] = this.capture(() => this.footnoteContent(definition));
    }
    const items: string[] = [];
    const texts: string[] = [];
    this.footnoteOrder.forEach((id, i) => {
      const definition = this.references.footnotes.get(id);
      const content = contents[i];
      if (!definition || !content) return;
      const backReferences = this.backReferences(id, i);
      items.push(this.footnoteItem(definition, id, content.html, backReferences));
      for (const text of content.texts) texts.push(text);
      for (const text of backReferences.texts) texts.push(text);
    });
    if (items.length === 0) return;
    this.html +=
      '\n<section data-footnotes class="footnotes"><h2 class="sr-only" id="user-content-footnote-label">' +
      `Footnotes</h2>\n<ol>\n${items.join("\n")}\n</ol>\n</section>`;
    this.texts.push("Footnotes");
    for (const text of texts) this.texts.push(text);
    this.toc.splice(tocAt, 0, { depth: 2, id: "user-content-footnote-label", text: "Footnotes" });
  }

  /** A footnote's blocks, `\n` between them (the item adds the rest). */
  private footnoteContent(definition: FootnoteDefinition): void {
    this.blocks(definition.children, false);
  }

  /** The links back to each reference to footnote `id` (the `index`th footnote), and their text. */
  private backReferences(id: string, index: number): BackReferences {
    const safeId = escapeAttribute(normalizeUri(id.toLowerCase()));
    const links: string[] = [];
    const texts: string[] = [];
    const count = this.footnoteCounts.get(id) ?? 0;
    for (let n = 1; n <= count; n++) {
      const suffix = n > 1 ? `-${n}` : "";
      links.push(
        `<a href="#user-content-fnref-${safeId}${suffix}" data-footnote-backref=""` +
          ` aria-label="Back to reference ${index + 1}${suffix}" class="data-footnote-backref">` +
          `↩${n > 1 ? `<sup>${n}</sup>` : ""}</a>`,
      );
      texts.push("↩");
      if (n > 1) texts.push(String(n));
    }
    return { links, texts };
  }

  /**
   * A footnote's `li`: the back links go at the end of its last paragraph, or else after its
   * last block, each a block of its own to `wrap` (`\n` around it and around the spaces between).
   */
  private footnoteItem(
    definition: FootnoteDefinition,
    id: string,
    content: string,
    back: BackReferences,
  ): string {
    const safeId = escapeAttribute(normalizeUri(id.toLowerCase()));
    const results = definition.children.filter(hasResult);
    const tail = results[results.length - 1];
    let inner: string;
    if (tail && this.isParagraph(tail)) {
      inner = `\n${content.slice(0, -"</p>".length)} ${back.links.join(" ")}</p>\n`;
    } else {
      const entries = results.length > 0 ? [content] : [];
      back.links.forEach((link, i) => {
        if (i > 0) entries.push(" ");
        entries.push(link);
      });
      inner = `\n${entries.join("\n")}${entries.length > 0 ? "\n" : ""}`;
    }
    return `<li id="user-content-user-content-fn-${safeId}">${inner}</li>`;
  }

  /** An embed's markup (filled in where the reference pipeline leaves its placeholder), or its label as a `p`. */
  private directive(node: LeafDirective): void {
    const markup = this.embed(node);
    if (markup !== undefined) this.html += markup;
    else this.paragraph(node, false, "");
  }

  /** What the directive renderer makes of an embed; asked once (a list item asks before writing it). */
  private embed(node: LeafDirective): string | undefined {
    if (this.directiveMarkup.has(node)) return this.directiveMarkup.get(node);
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(node.attributes ?? {})) if (typeof v === "string") attributes[k] = v;
    const markup = this.options.directives?.(node.name, attributes)?.value;
    this.directiveMarkup.set(node, markup);
    return markup;
  }
}

/** Nodes to-hast makes nothing of (so they get no `\n` around them either). */
function hasResult(node: Nodes): boolean {
  const type = node.type as string;
  return type !== "definition" && type !== "footnoteDefinition" && type !== "yaml" && type !== "toml";
}

function isTaskItem(node: ListItem): boolean {
  return typeof node.checked === "boolean";
}

/** to-hast's `listLoose`: the list is spread, or any of its items is. */
function listLoose(node: List): boolean {
  if (node.spread) return true;
  return node.children.some((item) =>
    item.spread === null || item.spread === undefined ? item.children.length > 1 : item.spread,
  );
}

/** to-hast's `revert`: what closes a reference written back as text. */
function referenceSuffix(node: LinkReference | ImageReference): string {
  if (node.referenceType === "collapsed") return "][]";
  if (node.referenceType === "full") return `][${node.label || node.identifier}]`;
  return "]";
}

// ---------------------------------------------------------------- the libraries' string rules

const HEX_REFERENCES: Record<string, string> = {
  "\0": "&#x0;",
  '"': "&#x22;",
  "&": "&#x26;",
  "'": "&#x27;",
  "<": "&#x3C;",
  "`": "&#x60;",
};
const hexReference = (c: string): string => HEX_REFERENCES[c] ?? c;

/** hast-util-to-html's text: only `<` and `&`, as hexadecimal references. */
function escapeText(value: string): string {
  return value.replace(/[<&]/g, hexReference);
}

/** hast-util-to-html's double-quoted attribute value. */
function escapeAttribute(value: string): string {
  return value.replace(/[\0"&'`]/g, hexReference);
}

/** hast-util-sanitize's protocol check: a scheme (before any `/`, `?` or `#`) must be listed, case and all. */
function safeUrl(url: string, protocols: readonly string[]): boolean {
  const colon = url.indexOf(":");
  if (colon < 0) return true;
  for (const stop of ["/", "?", "#"]) {
    const at = url.indexOf(stop);
    if (at > -1 && colon > at) return true;
  }
  return protocols.some((protocol) => colon === protocol.length && url.startsWith(protocol));
}

/** trim-lines (to-hast's text handler): spaces and tabs around line endings go. */
function trimLines(value: string): string {
  if (!value.includes("\n") && !value.includes("\r")) return value;
  const search = /\r?\n|\r/g;
  const lines: string[] = [];
  let last = 0;
  for (let match = search.exec(value); match; match = search.exec(value)) {
    lines.push(trimLine(value.slice(last, match.index), last > 0, true), match[0]);
    last = match.index + match[0].length;
  }
  lines.push(trimLine(value.slice(last), last > 0, false));
  return lines.join("");
}

function trimLine(value: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = value.length;
  if (start) while (isSpaceOrTab(value.charCodeAt(from))) from++;
  if (end) while (isSpaceOrTab(value.charCodeAt(to - 1))) to--;
  return to > from ? value.slice(from, to) : "";
}

/** to-hast's `trimMarkdownSpaceStart` (after a hard break). */
function trimSpaceStart(value: string): string {
  let i = 0;
  while (isSpaceOrTab(value.charCodeAt(i))) i++;
  return value.slice(i);
}

function isSpaceOrTab(code: number): boolean {
  return code === 9 || code === 32;
}

const URL_SAFE = /[!#$&-;=?-Z_a-z~]/;
const ASCII_ALPHANUMERIC = /[\dA-Za-z]/;

/** micromark-util-sanitize-uri's `normalizeUri` (to-hast's for hrefs and srcs): percent-encodes what a URL may not hold. */
export function normalizeUri(value: string): string {
  const result: string[] = [];
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    let replace = "";
    let skip = 0;
    if (
      code === 37 &&
      ASCII_ALPHANUMERIC.test(value.charAt(index + 1)) &&
      ASCII_ALPHANUMERIC.test(value.charAt(index + 2))
    ) {
      // An escape already: keep it.
      skip = 2;
    } else if (code < 128) {
      if (!URL_SAFE.test(String.fromCharCode(code))) replace = String.fromCharCode(code);
    } else if (code > 55_295 && code < 57_344) {
      const next = value.charCodeAt(index + 1);
      if (code < 56_320 && next > 56_319 && next < 57_344) {
        replace = String.fromCharCode(code, next);
        skip = 1;
      } else replace = "\uFFFD";
    } else replace = String.fromCharCode(code);
    if (replace) {
      result.push(value.slice(start, index), encodeURIComponent(replace));
      start = index + skip + 1;
    }
    index += skip;
  }
  return result.join("") + value.slice(start);
}
