/**
 * The direct path from mdast to HTML (mdast-to-html) must give exactly what the hast
 * pipeline gives (its HTML, TOC, search text and files) on every tree it takes, and must
 * refuse the trees it cannot render that way. Checked on constructed cases (Markdown, and
 * mdast trees the parser does not make but to-hast handles) with their exact HTML, and on
 * every page of the GitLab handbook corpus and every doc of examples/acme, both ways.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { ListItem, PhrasingContent, Root, RootContent } from "mdast";
import { parseMarkdownTree } from "../../core/load/markdown-parser.js";
import { markdownHazard } from "../../core/load/markdown-source.js";
import { openWorkspace } from "../../core/load/read-workspace.js";
import { createContext, type SiteContext } from "../../generator/site/context.js";
import { directiveRenderer } from "../../generator/site/directives.js";
import { raw } from "../../generator/site/html.js";
import {
  type DirectiveRenderer,
  type MarkdownOptions,
  type RenderedMarkdown,
  renderMarkdownTree,
} from "../../generator/site/markdown-to-html.js";
import { acceptsMdast } from "../../generator/site/mdast-to-html.js";
import { REPO_ROOT } from "../helpers/cli.js";

const CORPUS = path.resolve(REPO_ROOT, "..", "shared", "corpus", "gitlab-handbook");
const FILE = "handbook/revops/case.md";

const text = (value: string): PhrasingContent => ({ type: "text", value });
const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: "paragraph", children });
const root = (...children: RootContent[]): Root => ({ type: "root", children });
const hardBreak: PhrasingContent = { type: "break" };
const unresolved = (referenceType: "full" | "collapsed" | "shortcut", ...children: PhrasingContent[]) =>
  ({ type: "linkReference", identifier: "none", label: "None", referenceType, children }) as const;
/** A stand-in for the site's embeds: `::embed` renders, anything else is unknown. */
const embeds: DirectiveRenderer = (name, attributes) =>
  name === "embed" ? raw(`<div class="embed">${JSON.stringify(attributes)}</div>`) : undefined;

describe("site: mdast straight to HTML", function () {
  this.timeout(120_000);
  let ctx: SiteContext;

  before(async () => {
    const workspace = await openWorkspace(path.join(REPO_ROOT, "examples/acme"));
    ctx = createContext(workspace, [], "/");
  });

  /** The tree rendered as the build does (the direct path, which must take it) and through hast; both must be equal. */
  function bothWays(tree: Root, options: Partial<MarkdownOptions> = {}): RenderedMarkdown {
    const all = { file: FILE, dropFirstH1: true, ...options };
    assert.ok(acceptsMdast(tree), "the direct path takes the tree");
    const direct = renderMarkdownTree(ctx, tree, all);
    assert.deepStrictEqual(direct, renderMarkdownTree(ctx, tree, { ...all, direct: false }));
    return direct;
  }

  const markdownCases: [string, string, string][] = [
    [
      "inline marks",
      "a *b* **c** ~~d~~ `e`\n",
      "<p>a <em>b</em> <strong>c</strong> <del>d</del> <code>e</code></p>",
    ],
    [
      "escaping in text and code",
      "a < b & c > \"d\" 'e'\n\n```\n<x> & \"y\" 'z'\n```\n",
      "<p>a &#x3C; b &#x26; c > \"d\" 'e'</p>\n<pre><code>&#x3C;x> &#x26; \"y\" 'z'\n</code></pre>",
    ],
    [
      "escaping in attributes",
      '[x](/a?b=1&c=2 "say \\"hi\\" & \'bye\' `now`")\n',
      '<p><a href="/a?b=1&#x26;c=2" title="say &#x22;hi&#x22; &#x26; &#x27;bye&#x27; &#x60;now&#x60;">x</a></p>',
    ],
    [
      "headings: slugs in order, a repeated one suffixed",
      "## Setup\n\n### Q&A *now*\n\n## Setup\n\n##### Deep\n",
      '<h2 id="setup">Setup</h2>\n<h3 id="qa-now">Q&#x26;A <em>now</em></h3>\n<h2 id="setup-1">Setup</h2>\n<h5 id="deep">Deep</h5>',
    ],
    [
      "code: a language class the sanitizer keeps, one it empties, none",
      "```js\nx\n```\n\n```c++\ny\n```\n\n```\n```\n",
      '<pre><code class="language-js">x\n</code></pre>\n<pre><code class="">y\n</code></pre>\n<pre><code></code></pre>',
    ],
    [
      "blockquotes",
      "> a\n>\n> b\n\n>\n",
      "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>\n<blockquote>\n</blockquote>",
    ],
    [
      "tight and loose lists, a start number",
      "- a\n- b\n\n3. x\n\n4. y\n   - z\n",
      '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol start="3">\n<li>\n<p>x</p>\n</li>\n<li>\n<p>y</p>\n<ul>\n<li>z</li>\n</ul>\n</li>\n</ol>',
    ],
    [
      "task lists, tight and loose",
      "- [ ] a\n- [x] b\n\n1. [x] c\n\n2. [ ] d\n",
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled> a</li>\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled> b</li>\n</ul>\n' +
        '<ol class="contains-task-list">\n<li class="task-list-item">\n<p><input type="checkbox" checked disabled> c</p>\n</li>\n' +
        '<li class="task-list-item">\n<p><input type="checkbox" disabled> d</p>\n</li>\n</ol>',
    ],
    ["hard breaks and a thematic break", "a\\\nb  \nc\n\n---\n", "<p>a<br>\nb<br>\nc</p>\n<hr>"],
    [
      "a link and an image with titles",
      '[a](https://x.example/ "T") ![i](https://x.example/i.png "U")\n',
      '<p><a href="https://x.example/" title="T">a</a> <img src="https://x.example/i.png" alt="i" title="U"></p>',
    ],
    [
      "hostile and odd URLs: schemes not allowed (or not in lower case) go",
      "[j](javascript:alert(1)) [d](data:text/html,x) [M](MAILTO:a@b) [m](mailto:a@b) [t](tel:1) " +
        "![i](data:image/png;base64,x) ![h](http://x/i.png) [r](rel/a:b)\n",
      '<p><a>j</a> <a>d</a> <a>M</a> <a href="mailto:a@b">m</a> <a href="tel:1">t</a> <img alt="i"> ' +
        '<img src="http://x/i.png" alt="h"> <a href="rel/a:b">r</a></p>',
    ],
    [
      "URLs percent-encoded as to-hast does",
      "[a](<a b>) [u](/ü) [p](%41%zz)\n",
      '<p><a href="a%20b">a</a> <a href="/%C3%BC">u</a> <a href="%41%zz">p</a></p>',
    ],
    [
      "site links: a definition, an unknown one, a doc, a missing doc, an external page",
      "[s](stage:contractsent) [u](stage:nope) [d](../sales/deal-desk.md#x) [n](missing.md) [e](https://example.com)\n",
      '<p><a href="/stages/contractsent/" class="internal">s</a> <span class="unresolved-link">u</span> ' +
        '<a href="/sales/deal-desk/#x" class="internal">d</a> <span class="unresolved-link">n</span> ' +
        '<a href="https://example.com">e</a></p>',
    ],
    [
      "references and definitions",
      '[a][r] [b][] ![c][r]\n\n[r]: https://x.example/ "T"\n[b]: /b\n',
      '<p><a href="https://x.example/" title="T">a</a> <a href="/b">b</a> <img src="https://x.example/" alt="c" title="T"></p>',
    ],
    [
      "footnotes: a repeated reference, one ending in code",
      "a[^1] b[^1] c[^n]\n\n[^1]: one\n[^n]: ```\n    code\n    ```\n",
      '<p>a<sup><a href="#user-content-fn-1" id="user-content-user-content-fnref-1" data-footnote-ref aria-describedby="user-content-footnote-label">1</a></sup>' +
        ' b<sup><a href="#user-content-fn-1" id="user-content-user-content-fnref-1-2" data-footnote-ref aria-describedby="user-content-footnote-label">1</a></sup>' +
        ' c<sup><a href="#user-content-fn-n" id="user-content-user-content-fnref-n" data-footnote-ref aria-describedby="user-content-footnote-label">2</a></sup></p>\n' +
        '<section data-footnotes class="footnotes"><h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>\n<ol>\n' +
        '<li id="user-content-user-content-fn-1">\n<p>one <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a>' +
        ' <a href="#user-content-fnref-1-2" data-footnote-backref="" aria-label="Back to reference 1-2" class="data-footnote-backref">↩<sup>2</sup></a></p>\n</li>\n' +
        '<li id="user-content-user-content-fn-n">\n<pre><code>code\n</code></pre>\n' +
        '<a href="#user-content-fnref-n" data-footnote-backref="" aria-label="Back to reference 2" class="data-footnote-backref">↩</a>\n</li>\n</ol>\n</section>',
    ],
    [
      "a footnote referencing another",
      "a[^1]\n\n[^1]: b[^2]\n[^2]: c\n",
      '<p>a<sup><a href="#user-content-fn-1" id="user-content-user-content-fnref-1" data-footnote-ref aria-describedby="user-content-footnote-label">1</a></sup></p>\n' +
        '<section data-footnotes class="footnotes"><h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>\n<ol>\n' +
        '<li id="user-content-user-content-fn-1">\n<p>b<sup><a href="#user-content-fn-2" id="user-content-user-content-fnref-2" data-footnote-ref aria-describedby="user-content-footnote-label">2</a></sup>' +
        ' <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p>\n</li>\n' +
        '<li id="user-content-user-content-fn-2">\n<p>c <a href="#user-content-fnref-2" data-footnote-backref="" aria-label="Back to reference 2" class="data-footnote-backref">↩</a></p>\n</li>\n</ol>\n</section>',
    ],
    [
      "a table: alignments, a short row padded, a long one cut",
      "| a | b | c |\n|:-|:-:|-:|\n| 1 |\n| 1 | 2 | 3 | 4 |\n",
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="center">b</th>\n<th align="right">c</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td align="left">1</td>\n<td align="center"></td>\n<td align="right"></td>\n</tr>\n' +
        '<tr>\n<td align="left">1</td>\n<td align="center">2</td>\n<td align="right">3</td>\n</tr>\n</tbody>\n</table>',
    ],
    [
      "raw HTML that is only comments and breaks",
      "a <!-- c --> b<br>c\n\n<!-- block -->\n\n<br>\n",
      "<p>a  b<br>c</p>\n\n<br>",
    ],
    [
      "front matter and the first title dropped",
      "---\ntitle: x\n---\n# T\n\n# Again\n",
      '<h1 id="again">Again</h1>',
    ],
    ["an unknown directive: its label", '::nope[label *x*]{x="1"}\n', "<p>label <em>x</em></p>"],
  ];
  for (const [name, markdown, html] of markdownCases) {
    it(name, () => assert.equal(bothWays(parseMarkdownTree(markdown, {})).html, html));
  }

  it("gives the TOC and search text of the hast pipeline", () => {
    const rendered = bothWays(
      parseMarkdownTree("## Setup\n\n### Q&A *now*\n\n##### Deep\n\nx[^1]\n\n[^1]: y\n", {}),
    );
    assert.deepStrictEqual(rendered.toc, [
      { depth: 2, id: "setup", text: "Setup" },
      { depth: 3, id: "qa-now", text: "Q&A now" },
      { depth: 2, id: "user-content-footnote-label", text: "Footnotes" },
    ]);
    assert.equal(rendered.text, "Setup Q&A now Deep x 1 Footnotes y ↩");
  });

  it("publishes the workspace files a doc links to, and lists them", () => {
    const rendered = bothWays(
      parseMarkdownTree(
        "[t](../../definitions/teams.yaml) ![i](../../definitions/teams.yaml?x) ![c](nope.png) [r](../../revbook.yaml)\n",
        {},
      ),
    );
    assert.equal(
      rendered.html,
      '<p><a href="/_files/definitions/teams.yaml">t</a> <img src="/_files/definitions/teams.yaml" alt="i"> ' +
        '<img src="nope.png" alt="c"> <a href="../../revbook.yaml">r</a></p>',
    );
    assert.deepStrictEqual(rendered.files, ["definitions/teams.yaml"]);
  });

  it("a hard break trims the next text, or an element's first text", () => {
    const tree = root(
      paragraph(
        text("a"),
        hardBreak,
        text(" \tb "),
        hardBreak,
        { type: "emphasis", children: [text("  c")] },
        hardBreak,
        { type: "inlineCode", value: "  d" },
        hardBreak,
        { type: "link", url: "/x", title: null, children: [text("  e")] },
        hardBreak,
        { type: "strong", children: [{ type: "emphasis", children: [text("  f")] }] },
      ),
      paragraph(text("x  \n  y")),
    );
    assert.equal(
      bothWays(tree).html,
      '<p>a<br>\nb <br>\n<em>c</em><br>\n<code>d</code><br>\n<a href="/x">e</a><br>\n<strong><em>  f</em></strong></p>\n<p>x\ny</p>',
    );
  });

  it("references to no definition are written back as text", () => {
    const tree = root(
      paragraph(
        unresolved("full", text("a")),
        text(" "),
        unresolved("collapsed", { type: "emphasis", children: [text("b")] }),
        text(" "),
        unresolved("shortcut"),
        text(" "),
        unresolved("shortcut", text("c"), hardBreak),
        { type: "imageReference", identifier: "none", label: "None", referenceType: "full", alt: "d" },
        unresolved(
          "shortcut",
          { type: "imageReference", identifier: "none", label: "x", referenceType: "shortcut", alt: "e" },
          { type: "strong", children: [text("f")] },
        ),
        {
          type: "linkReference",
          identifier: "yes",
          label: "yes",
          referenceType: "shortcut",
          children: [text("g")],
        },
      ),
      { type: "definition", identifier: "YES", label: "Yes", url: "/y", title: null },
    );
    const rendered = bothWays(tree);
    assert.equal(
      rendered.html,
      '<p>[a][None] [<em>b</em>][] [] [c<br>\n]![d][None][![e]<strong>f</strong>]<a href="/y">g</a></p>',
    );
    // to-hast merges the brackets into the first and last text nodes: the search text shows it.
    assert.equal(rendered.text, "[a][None] [ b ][] [] [c ] ![d][None] [![e] f ] g");
  });

  it("task items that do not start with a paragraph get one for the checkbox", () => {
    const tree = root({
      type: "list",
      ordered: false,
      start: null,
      spread: false,
      children: [
        {
          type: "listItem",
          spread: false,
          checked: true,
          children: [{ type: "code", lang: null, value: "x" }],
        },
        { type: "listItem", spread: false, checked: false, children: [] },
        // No spread: loose for having two children, which makes the whole list loose.
        {
          type: "listItem",
          spread: null,
          checked: null,
          children: [paragraph(text("a")), paragraph(text("b"))],
        },
      ],
    } as RootContent);
    assert.equal(
      bothWays(tree).html,
      '<ul class="contains-task-list">\n<li class="task-list-item">\n<p><input type="checkbox" checked disabled></p>\n' +
        '<pre><code>x\n</code></pre>\n</li>\n<li class="task-list-item">\n<p><input type="checkbox" disabled></p>\n</li>\n' +
        "<li>\n<p>a</p>\n<p>b</p>\n</li>\n</ul>",
    );
  });

  it("embed directives: their markup where the hast pipeline fills its slot", () => {
    const directive = (name: string, ...children: PhrasingContent[]) =>
      ({ type: "leafDirective", name, attributes: { a: "1" }, children }) as unknown as RootContent;
    const item = (checked: boolean, child: RootContent): ListItem =>
      ({ type: "listItem", spread: false, checked, children: [child] }) as ListItem;
    const tree = root(directive("embed"), {
      type: "list",
      ordered: false,
      start: null,
      spread: false,
      children: [item(false, directive("embed")), item(true, directive("other", text("label")))],
    } as RootContent);
    assert.equal(
      bothWays(tree, { directives: embeds }).html,
      '<div class="embed">{"a":"1"}</div>\n<ul class="contains-task-list">\n' +
        '<li class="task-list-item"><input type="checkbox" disabled>\n<div class="embed">{"a":"1"}</div>\n</li>\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled> label</li>\n</ul>',
    );
  });

  it("pages with raw HTML: the blocks outside its spans written here, one slugger and the page's definitions across", () => {
    const tree = parseMarkdownTree(
      "## A\n\n<details>\n<summary>S <b>x</b></summary>\n\n## A\n\n[x][d]\n\n</details>\n\n## A\n\n[d]: https://e.com\n",
      {},
    );
    assert.ok(!acceptsMdast(tree) && acceptsMdast(tree, true));
    const options = { file: FILE };
    const rendered = renderMarkdownTree(ctx, tree, options);
    assert.deepStrictEqual(rendered, renderMarkdownTree(ctx, tree, { ...options, direct: false }));
    assert.equal(
      rendered.html,
      '<h2 id="a">A</h2>\n<details>\n<summary>S <b>x</b></summary>\n<h2 id="a-1">A</h2>\n' +
        '<p><a href="https://e.com">x</a></p>\n</details>\n<h2 id="a-2">A</h2>',
    );
    assert.deepEqual(
      rendered.toc.map((entry) => entry.id),
      ["a", "a-1", "a-2"],
    );
    assert.equal(rendered.text, "A S x A x A");
  });

  it("pages with phrasing raw HTML in paragraphs, list items and table cells: those contents alone through hast", () => {
    const tree = parseMarkdownTree(
      '- a <kbd>k</kbd> [l](https://x.org)\n- [ ] task <b>b</b>\n\n| <i>i</i> | y |\n|---|---|\n| <b>x</b><br class="c">z | w |\n\nend <sup>1</sup>\n',
      {},
    );
    const options = { file: FILE };
    const rendered = renderMarkdownTree(ctx, tree, options);
    assert.deepStrictEqual(rendered, renderMarkdownTree(ctx, tree, { ...options, direct: false }));
    assert.equal(
      rendered.html,
      '<ul class="contains-task-list">\n<li>a <kbd>k</kbd> <a href="https://x.org">l</a></li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> task <b>b</b></li>\n</ul>\n' +
        "<table>\n<thead>\n<tr>\n<th><i>i</i></th>\n<th>y</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n" +
        "<td><b>x</b><br>z</td>\n<td>w</td>\n</tr>\n</tbody>\n</table>\n<p>end <sup>1</sup></p>",
    );
    assert.equal(rendered.text, "a k l task b i y x z w end 1");
  });

  it("leaves to the hast pipeline what it does not reproduce", () => {
    // The third element: whether it refuses the tree also when the hast pipeline renders the spans of raw HTML.
    const refused: [string, Root, boolean][] = [
      ["raw HTML", parseMarkdownTree("a <kbd>b</kbd>\n", {}), false],
      ["an HTML block that is more than a comment", parseMarkdownTree("<!-- x --> item\n", {}), false],
      [
        "raw HTML and footnotes (numbered across the page)",
        parseMarkdownTree("a <kbd>b</kbd>[^1]\n\n[^1]: n\n", {}),
        true,
      ],
      ["an unknown node", root({ type: "math", value: "x" } as unknown as RootContent), true],
      [
        "data that renames an element",
        root({ type: "paragraph", children: [text("a")], data: { hName: "div" } } as RootContent),
        true,
      ],
      [
        "a list item outside a list",
        root({ type: "listItem", children: [] } as unknown as RootContent),
        true,
      ],
      [
        "a list holding something else",
        root({ type: "list", children: [paragraph(text("a"))] } as RootContent),
        true,
      ],
    ];
    for (const [name, tree, withSpans] of refused) {
      assert.equal(acceptsMdast(tree), false, name);
      assert.equal(acceptsMdast(tree, true), !withSpans, name);
      const options = { file: FILE };
      assert.deepStrictEqual(
        renderMarkdownTree(ctx, tree, options),
        renderMarkdownTree(ctx, tree, { ...options, direct: false }),
        name,
      );
    }
    assert.equal(
      renderMarkdownTree(ctx, refused[0]?.[1] as Root, { file: FILE }).html,
      "<p>a <kbd>b</kbd></p>",
    );
  });

  it("on every doc of examples/acme, embeds included", () => {
    const render = directiveRenderer(ctx);
    assert.ok(ctx.docsByFile.size > 5);
    for (const file of ctx.docsByFile.keys()) {
      const source = ctx.workspace.source(file);
      assert.ok(source);
      bothWays(parseMarkdownTree(source.text, {}), { file, directives: render });
    }
  });

  it("on every corpus page, and it takes nearly all (those with raw HTML for the blocks it does not reach)", function () {
    if (!existsSync(CORPUS)) this.skip();
    const pages = fg.sync("**/*.md", { cwd: CORPUS, ignore: ["**/.*/**"] }).sort();
    let whole = 0;
    let outsideRawHtml = 0;
    let read = 0;
    for (const page of pages) {
      const markdown = readFileSync(path.join(CORPUS, page), "utf8");
      if (markdownHazard(markdown)) continue;
      read++;
      const tree = parseMarkdownTree(markdown, {});
      if (acceptsMdast(tree)) whole++;
      else if (acceptsMdast(tree, true)) outsideRawHtml++;
      const options = { file: page, dropFirstH1: true };
      assert.deepStrictEqual(
        renderMarkdownTree(ctx, tree, options),
        renderMarkdownTree(ctx, tree, { ...options, direct: false }),
        `${page} renders differently on the direct path`,
      );
    }
    // Of 4,018 pages: 3,377 without raw HTML or with only comments and breaks, 636 with other
    // raw HTML (and no footnotes), the blocks outside its spans; 5 go all through hast.
    assert.ok(read > 4000, `${read} pages read`);
    assert.ok(whole / read > 0.8, `the direct path took ${whole} of ${read} pages whole`);
    assert.ok(outsideRawHtml / read > 0.15, `and ${outsideRawHtml} outside their raw HTML`);
  });
});
