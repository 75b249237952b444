/**
 * Raw HTML is placed without running parse5 (hast-util-raw) over the whole page:
 * not at all for docs whose only raw HTML is comments and `<br>`s, and only over
 * the spans of blocks it reaches for the others. Their HTML, table of contents
 * and search text must be exactly what parse5 over the whole page makes. Checked
 * on constructed cases and on every page of the GitLab handbook corpus with raw
 * HTML (plus a sample of pages without, which skip parse5 too).
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { parseMarkdownTree } from "../../core/load/markdown-parser.js";
import { markdownHazard } from "../../core/load/markdown-source.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import { createContext, type SiteContext } from "../../generator/site/context.js";
import { type RawHtml, rawHtmlKind, renderMarkdownTree } from "../../generator/site/markdown-to-html.js";
import { REPO_ROOT } from "../helpers/cli.js";

const CORPUS = path.resolve(REPO_ROOT, "..", "shared", "corpus", "gitlab-handbook");

describe("site: raw HTML without parse5", function () {
  this.timeout(120_000);
  let ctx: SiteContext;

  before(async () => {
    const workspace = await openWorkspace(path.join(REPO_ROOT, "examples/acme"));
    ctx = createContext(workspace, [], "/");
  });

  /** The doc rendered as the build does and with parse5 forced; both must be equal. */
  function bothWays(text: string, file: string): ReturnType<typeof renderMarkdownTree> {
    const tree = parseMarkdownTree(text, {});
    const options = { file, dropFirstH1: true };
    const fast = renderMarkdownTree(ctx, tree, options);
    const parse5 = renderMarkdownTree(ctx, tree, { ...options, rawHtml: "any" });
    // Two known differences of the parse5 path, neither a difference the direct path should copy:
    // footnotes' valueless `data-*` attributes are spelled `a` on one path and `a=""` on the other
    // (the same DOM), and parse5 drops a newline that starts a code block (CommonMark keeps it).
    const spelling = (r: typeof fast): typeof fast => ({
      ...r,
      html: r.html.replace(/( data-[a-z-]+)=""/g, "$1").replace(/(<pre><code[^>]*>)\n/g, "$1"),
    });
    assert.deepStrictEqual(spelling(fast), spelling(parse5), `${file} renders differently without parse5`);
    return fast;
  }

  const cases: [string, string, RawHtml, string][] = [
    ["a comment in a paragraph", "a <!-- c --> b\n", "simple", "<p>a  b</p>"],
    ["a comment block between paragraphs", "a\n\n<!-- c\nd -->\n\nb\n", "simple", "<p>a</p>\n\n<p>b</p>"],
    ["line breaks", "a<br>b<BR/>c<br />d\n", "simple", "<p>a<br>b<br>c<br>d</p>"],
    [
      "a break in a table cell",
      "| a | b |\n| - | - |\n| x<br>y | z |\n",
      "simple",
      "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x<br>y</td>\n<td>z</td>\n</tr>\n</tbody>\n</table>",
    ],
    ["a break on a line of its own", "a\n\n<br>\n\nb\n", "simple", "<p>a</p>\n<br>\n<p>b</p>"],
    ["a break in a heading", "## One<br>two\n", "simple", '<h2 id="onetwo">One<br>two</h2>'],
    ["two comments with text between", "a <!-- x --> b <!-- y --> c\n", "simple", "<p>a  b  c</p>"],
    ["a comment closed early by --!>", "<!-- a --!> b -->\n", "spans", " b -->"],
    ["a break with attributes", 'a<br class="x">b\n', "spans", "<p>a<br>b</p>"],
    ["an element", "a <kbd>b</kbd>\n", "spans", "<p>a <kbd>b</kbd></p>"],
    ["no raw HTML", "# T\n\nplain *text*\n", "none", "<p>plain <em>text</em></p>"],
    [
      "details around markdown blocks",
      "a\n\n<details>\n<summary>More</summary>\n\n- *b*\n\n</details>\n\nc <kbd>d</kbd>\n",
      "spans",
      "<p>a</p>\n<details>\n<summary>More</summary>\n<ul>\n<li><em>b</em></li>\n</ul>\n</details>\n<p>c <kbd>d</kbd></p>",
    ],
    [
      "an element left open to the end",
      "<div>\n\n*a*\n\n## B\n\nc\n",
      "spans",
      '<div>\n<p><em>a</em></p>\n<h2 id="b">B</h2>\n<p>c</p></div>',
    ],
    [
      "an end tag without a start",
      "a\n\n</div>\n\n<div>\n\nb\n",
      "spans",
      "<p>a</p>\n\n<div>\n<p>b</p></div>",
    ],
    [
      "a tag in a comment",
      "<!-- <div> -->\n\n<span>a</span>\n\nb\n",
      "spans",
      "\n<p><span>a</span></p>\n<p>b</p>",
    ],
    [
      "an element opened in a list item and closed outside it",
      "1. a\n   1. b\n   <object>\n   <p>c</p>\n   </object>\n\nd\n",
      "spans",
      // parse5 ignores the list's end tags inside <object>: what follows ends up in the list.
      "<ol>\n<li>a\n<ol>\n<li>b\n\n</li>\n</ol>\n<p>d</p></li></ol>",
    ],
    [
      "a paragraph closed by a block",
      "<p>a<div>b</div></p>\n\nc\n",
      "spans",
      "<p>a</p><div>b</div><p></p>\n<p>c</p>",
    ],
  ];
  for (const [name, text, kind, html] of cases) {
    it(`${name}: ${kind}`, () => {
      assert.equal(rawHtmlKind(parseMarkdownTree(text, {})), kind);
      assert.equal(bothWays(text, "handbook/case.md").html, html);
    });
  }

  it("on every corpus page with raw HTML, and every 40th page without", function () {
    if (!existsSync(CORPUS)) this.skip();
    const pages = fg.sync("**/*.md", { cwd: CORPUS, ignore: ["**/.*/**"] }).sort();
    const seen: Record<RawHtml, number> = { none: 0, simple: 0, spans: 0, any: 0 };
    pages.forEach((page, i) => {
      const text = readFileSync(path.join(CORPUS, page), "utf8");
      if (markdownHazard(text)) return;
      const kind = rawHtmlKind(parseMarkdownTree(text, {}));
      if (kind === "simple" || kind === "spans" || (kind === "none" && i % 40 === 0)) {
        bothWays(text, page);
        seen[kind]++;
      }
    });
    // The corpus has 285 and 641 pages of the first two kinds; much smaller counts mean the check lost its reach.
    assert.ok(seen.simple > 250, `${seen.simple} pages with comments and breaks only`);
    assert.ok(seen.spans > 600, `${seen.spans} pages with other raw HTML`);
    assert.ok(seen.none > 60, `${seen.none} pages without raw HTML`);
  });
});
