/**
 * Docs whose only raw HTML is comments and `<br>`s skip parse5 (hast-util-raw):
 * their HTML, table of contents and search text must be exactly what the parse5
 * path makes. Checked on constructed cases and on every such page of the GitLab
 * handbook corpus (plus a sample of pages without raw HTML, which skip parse5 too).
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { parseMarkdownTree } from "../../core/load/markdown-parser.js";
import { markdownHazard } from "../../core/load/markdown-source.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import { createContext, type SiteContext } from "../../generator/site/context.js";
import { rawHtmlKind, renderMarkdownTree } from "../../generator/site/markdown-to-html.js";
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

  const cases: [string, string, "none" | "simple" | "any", string][] = [
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
    ["a comment closed early by --!>", "<!-- a --!> b -->\n", "any", " b -->"],
    ["a break with attributes", 'a<br class="x">b\n', "any", "<p>a<br>b</p>"],
    ["an element", "a <kbd>b</kbd>\n", "any", "<p>a <kbd>b</kbd></p>"],
    ["no raw HTML", "# T\n\nplain *text*\n", "none", "<p>plain <em>text</em></p>"],
  ];
  for (const [name, text, kind, html] of cases) {
    it(`${name}: ${kind}`, () => {
      assert.equal(rawHtmlKind(parseMarkdownTree(text, {})), kind);
      assert.equal(bothWays(text, "handbook/case.md").html, html);
    });
  }

  it("on every corpus page with only comments and breaks, and every 40th page without raw HTML", function () {
    if (!existsSync(CORPUS)) this.skip();
    const pages = fg.sync("**/*.md", { cwd: CORPUS, ignore: ["**/.*/**"] }).sort();
    const seen = { simple: 0, none: 0 };
    pages.forEach((page, i) => {
      const text = readFileSync(path.join(CORPUS, page), "utf8");
      if (markdownHazard(text)) return;
      const kind = rawHtmlKind(parseMarkdownTree(text, {}));
      if (kind === "simple" || (kind === "none" && i % 40 === 0)) {
        bothWays(text, page);
        seen[kind]++;
      }
    });
    // The corpus has 285 pages of the first kind; a much smaller count means the check lost its reach.
    assert.ok(seen.simple > 250, `${seen.simple} pages with comments and breaks only`);
    assert.ok(seen.none > 60, `${seen.none} pages without raw HTML`);
  });
});
