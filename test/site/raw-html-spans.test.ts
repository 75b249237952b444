/**
 * How a page's top-level blocks are cut into spans that parse5 reads together (raw-html-spans):
 * exact cuts for the cases the rules name. That the cuts place raw HTML as parse5 reading the
 * whole page does is checked in raw-html.test.ts; that the blocks between them render the
 * same straight from mdast, in mdast-to-html.test.ts.
 */
import { strict as assert } from "node:assert";
import { parseMarkdownTree } from "../../core/load/markdown-parser.js";
import { mdastSegments } from "../../generator/site/raw-html-spans.js";

/** The cut as text: a block's type, or `span(…)` with the types of the blocks in it. */
function cut(markdown: string): string {
  return mdastSegments(parseMarkdownTree(markdown, {}).children)
    .segments.map((s) => ("block" in s ? s.block.type : `span(${s.span.map((b) => b.type).join(" ")})`))
    .join(", ");
}

describe("site: spans of raw HTML", () => {
  const cases: [string, string, string][] = [
    [
      "phrasing elements in paragraphs, list items and table cells: no span (the direct path places them)",
      'a <i class="fa"></i> b\n\n- a <kbd>k</kbd>\n- b\n\n| a | b |\n|---|---|\n| <b>x</b> | y |\n',
      "paragraph, list, table",
    ],
    [
      "an element in two pieces of raw HTML, one a paragraph's end: a span",
      'a <span class="x">b</span> <div>c</div>\n\nd\n',
      "span(paragraph), paragraph",
    ],
    [
      "an inline element that closes a paragraph (`div`)",
      "a <div>b</div> c\n\nd\n",
      "span(paragraph), paragraph",
    ],
    [
      "an inline link (it would close a Markdown link around it)",
      'a <a href="x">b</a>\n\nc\n',
      "span(paragraph), paragraph",
    ],
    ["raw HTML in a heading", "## H <kbd>k</kbd>\n\nc\n", "span(heading), paragraph"],
    [
      "a phrasing element across Markdown's emphasis: to the end",
      "*a <b>b* c</b>\n\nd\n",
      "span(paragraph paragraph)",
    ],
    [
      "an element closed by a later block",
      "<details>\n<summary>S</summary>\n\n## A\n\n</details>\n\nc\n",
      "span(html heading html), paragraph",
    ],
    [
      "nested elements, each closed by its own block",
      "<div>\n<div>\n\nx\n\n</div>\n\ny\n\n</div>\n\nz\n",
      "span(html paragraph html paragraph html), paragraph",
    ],
    [
      "comments and breaks start no span",
      "a <!-- c --> b<br>\n\n<!-- x -->\n\nc\n",
      "paragraph, html, paragraph",
    ],
    [
      "an end tag without a start: to the end",
      "a\n\n</div>\n\nb\n\nc\n",
      "paragraph, span(html paragraph paragraph)",
    ],
    ["an end tag after its element closed: to the end", "<b></b></b>\n\nx\n", "span(paragraph paragraph)"],
    ["an end tag before a start in one piece: to the end", "</b><b>\n\nx\n", "span(paragraph paragraph)"],
    [
      "an element opened in a paragraph, closed in another: to the end",
      "a <b>x\n\nc</b>\n\nd\n",
      "span(paragraph paragraph paragraph)",
    ],
    [
      "an element opened in a list item, closed in another: to the end",
      "- a <kbd>x\n- y</kbd>\n\nz\n",
      "span(list paragraph)",
    ],
    ["a document element: to the end", "<html>\n\nx\n", "span(html paragraph)"],
  ];
  for (const [name, markdown, expected] of cases) {
    it(name, () => assert.equal(cut(markdown), expected));
  }
});
