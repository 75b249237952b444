/**
 * Where raw HTML in a doc reaches: runs ("spans") of top-level blocks that parse5 must read
 * together for it to place the raw HTML as it would reading the whole page. A span starts
 * at a block with raw HTML and runs to the block that closes every element its raw HTML
 * opened (`<details>` … Markdown … `</details>`); start and end tags are counted by name.
 * The span runs to the end of the page when the count cannot vouch for that: an end tag
 * with no start, the document's own elements, or raw HTML that opens an element inside a
 * Markdown element (a list item, a paragraph) and closes it outside (parse5 then ignores the
 * Markdown element's end tags, and everything after ends up inside it).
 *
 * The same rules cut a hast tree (the reference pipeline runs parse5 on its spans) and an
 * mdast tree (the direct path renders the blocks outside spans itself). On mdast they are
 * stricter where the trees differ (a tight list item's paragraph is an element of its own
 * there): a stricter cut only gives parse5 more to read.
 */
import type { Root as HastRoot, RootContent as HastContent } from "hast";
import { raw } from "hast-util-raw";
import type { Nodes as MdastNodes, RootContent as MdastContent } from "mdast";

/**
 * The start (+1) and end (-1) tags of the raw HTML in a node, by name, in page order; `unsafe`:
 * the tags cannot vouch for a span's end; undefined: no raw HTML.
 */
type Tags = TagEvent[] | "unsafe" | undefined;
type TagEvent = readonly [name: string, change: 1 | -1];

/** One HTML comment (not closed early by a `-->` or `--!>` inside). */
export const COMMENT = /^<!--(?:(?!--!?>)[\s\S])*-->$/;
/** A `<br>` without attributes. */
export const BREAK = /^<br\s*\/?>$/i;

/** Elements parse5 never leaves open (no end tag). */
const VOID_ELEMENTS = new Set("area base br col embed hr img input link meta source track wbr".split(" "));
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g;

/** A block outside every span, or a span (blocks parse5 reads together). */
export type Segment<T> = { block: T } | { span: T[] };

/** Cuts blocks into spans and the blocks between them. */
export function segments<T>(blocks: readonly T[], tagsOf: (block: T) => Tags): Segment<T>[] {
  const out: Segment<T>[] = [];
  let span: T[] = [];
  const open = new OpenTags();
  let toEnd = false;
  for (const block of blocks) {
    const tags = tagsOf(block);
    if (span.length === 0 && !tags) {
      out.push({ block });
      continue;
    }
    span.push(block);
    if (!tags) continue;
    // An end tag before its start tag: parse5 may close Markdown's elements with it.
    if (tags === "unsafe" || !open.add(tags)) toEnd = true;
    if (!toEnd && open.none()) {
      out.push({ span });
      span = [];
    }
  }
  if (span.length > 0) out.push({ span });
  return out;
}

/** The hast tree with its raw HTML placed by parse5, which reads only the spans. */
export function rawSpans(tree: HastRoot): HastRoot {
  const children: HastContent[] = [];
  for (const segment of segments(tree.children, hastTags)) {
    if ("block" in segment) children.push(segment.block);
    else children.push(...(raw({ type: "root", children: segment.span } as HastRoot) as HastRoot).children);
  }
  return { ...tree, children };
}

/** An mdast tree's top-level blocks cut into spans, and the containers to place alone. */
export interface MdastCut {
  segments: Segment<MdastContent>[];
  /** Paragraphs and table cells, outside spans, whose raw HTML parse5 places the same alone. */
  alone: Set<MdastNodes>;
}

/**
 * An mdast tree's top-level blocks cut into spans. Raw comments and `<br>`s alone start none (the
 * direct path writes them), and neither does a block whose raw HTML is all phrasing inside
 * paragraphs and table cells (`inlineRawHtml`: the direct path has those containers placed alone).
 */
export function mdastSegments(children: readonly MdastContent[]): MdastCut {
  const alone = new Set<MdastNodes>();
  const cut = segments(children, (block) => (inlineRawHtml(block, alone) ? undefined : mdastTags(block)));
  return { segments: cut, alone };
}

/**
 * Elements whose tags parse5 places the same inside a paragraph, a list item or a table cell,
 * whatever is around: none closes or reopens an element it did not open (no `p`-closing block
 * elements, no tables, no raw text, no `a`: a link inside a Markdown link closes it).
 */
const PHRASING_TAGS = new Set(
  "abbr b big br cite code del dfn em i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr".split(
    " ",
  ),
);
const ANY_TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)/g;

/** Raw HTML other than comments and `<br>`s. */
export function isRawHtml(node: MdastNodes): node is MdastNodes & { type: "html"; value: string } {
  return node.type === "html" && !COMMENT.test(node.value) && !BREAK.test(node.value);
}

/**
 * Whether a phrasing container's raw HTML can be placed by parse5 reading the container alone:
 * only PHRASING_TAGS, each element closed in the Markdown element it opened in, in order.
 * Undefined: the container has no raw HTML (other than comments and `<br>`s).
 */
function phrasingRawHtml(container: MdastNodes): boolean | undefined {
  let found = false;
  const pending: MdastNodes[] = [container];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (isRawHtml(node)) {
      found = true;
      for (const m of node.value.replace(HTML_COMMENT, "").matchAll(ANY_TAG)) {
        if (!PHRASING_TAGS.has((m[1] as string).toLowerCase())) return false;
      }
    }
    if ("children" in node) for (const child of node.children) pending.push(child);
  }
  // `tagsIn` holds the container itself to its balance too.
  return found ? mdastTags(container as MdastContent) !== "unsafe" : undefined;
}

/**
 * Whether all of a block's raw HTML is in paragraphs and table cells that can be placed alone;
 * if so, those containers are added to `alone`.
 */
function inlineRawHtml(block: MdastContent, alone: Set<MdastNodes>): boolean {
  const containers: MdastNodes[] = [];
  const pending: MdastNodes[] = [block];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === "paragraph" || node.type === "tableCell") {
      const phrasing = phrasingRawHtml(node);
      if (phrasing === false) return false;
      if (phrasing) containers.push(node);
      continue;
    }
    if (isRawHtml(node)) return false;
    if ("children" in node) for (const child of node.children) pending.push(child);
  }
  for (const container of containers) alone.add(container);
  return containers.length > 0;
}

function hastTags(node: HastContent): Tags {
  return tagsIn(
    node,
    (n) => ((n.type as string) === "raw" ? (n as unknown as { value: string }).value : undefined),
    (n) => n.type === "element",
  );
}

function mdastTags(node: MdastContent): Tags {
  return tagsIn(
    node as MdastNodes,
    (n) => (isRawHtml(n) ? n.value : undefined),
    () => true,
  );
}

/**
 * The tags of the raw HTML in a node (`rawOf` gives a raw node's HTML); `unsafe` when a document
 * element (`html`, `head`, `body`) appears, or raw HTML inside an element (`isElement`; not the
 * node's own level) leaves one open or closes one it did not open.
 */
function tagsIn<N extends { type: string }>(
  node: N,
  rawOf: (node: N) => string | undefined,
  isElement: (node: N) => boolean,
): Tags {
  const value = rawOf(node);
  if (value !== undefined) return tagEvents(value);
  if (!("children" in node)) return undefined;
  let events: TagEvent[] | undefined;
  for (const child of node.children as N[]) {
    if (child.type === "text") continue;
    const inner = tagsIn(child, rawOf, isElement);
    if (inner === "unsafe") return "unsafe";
    if (!inner) continue;
    events ??= [];
    for (const event of inner) events.push(event);
  }
  // Raw HTML inside a Markdown element must open and close its elements there.
  if (events && isElement(node)) {
    const open = new OpenTags();
    if (!open.add(events) || !open.none()) return "unsafe";
  }
  return events;
}

/** The start and end tags in one piece of raw HTML (comments and void elements left out). */
function tagEvents(html: string): Tags {
  const events: TagEvent[] = [];
  for (const m of html.replace(HTML_COMMENT, "").matchAll(TAG)) {
    const name = (m[2] as string).toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (name === "html" || name === "head" || name === "body") return "unsafe";
    events.push([name, m[1] ? -1 : 1]);
  }
  return events;
}

/** Elements left open by raw HTML, by name. */
class OpenTags {
  private readonly counts = new Map<string, number>();

  /** Applies tags in order; false when one ends an element not open (the count then vouches for nothing). */
  add(events: readonly TagEvent[]): boolean {
    let ok = true;
    for (const [name, change] of events) {
      const n = (this.counts.get(name) ?? 0) + change;
      if (n < 0) ok = false;
      this.counts.set(name, n);
    }
    return ok;
  }

  /** No element is left open. */
  none(): boolean {
    for (const n of this.counts.values()) if (n !== 0) return false;
    return true;
  }
}
