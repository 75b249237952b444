/**
 * The Markdown parser (core/load/markdown-parser.ts, markdown-it → mdast) against
 * what it replaced, remark-parse + remark-gfm + remark-frontmatter + remark-directive:
 * the same trees on the example workspace, the test fixtures and a sample of the
 * GitLab handbook corpus (every difference named below, with its reason); micromark's
 * exact positions where lint, the site and the language server use them; and no hang
 * or throw on the hostile input of the shared notes.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fg from "fast-glob";
import type { Nodes, Root } from "mdast";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parseMarkdownTree } from "../core/load/markdown-parser.js";
import { parseMarkdown } from "../core/load/markdown-source.js";
import { LineIndex } from "../core/position.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = path.resolve(repo, "..", "shared", "corpus", "gitlab-handbook");

const remark = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  .use(remarkDirective);

function remarkTree(text: string): Root {
  return remark.parse(text) as Root;
}

/** Nodes whose positions the parser guarantees to be micromark's. */
const EXACT = new Set([
  "yaml",
  "heading",
  "html",
  "code",
  "definition",
  "leafDirective",
  "link",
  "image",
  "linkReference",
  "imageReference",
]);

interface Plain {
  [key: string]: unknown;
}

/**
 * A tree reduced to what must match: positions only on EXACT nodes (and only where
 * remark has one: its e-mail and www. links get none), text directives as the text
 * they were written as (which is how the site shows them), adjacent texts joined.
 */
function comparable(node: Nodes, source: string, reference?: Nodes): Plain {
  if ((node.type as string) === "textDirective") {
    const { start, end } = node.position!;
    return { type: "text", value: source.slice(start.offset, end.offset) };
  }
  const out: Plain = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "position" || key === "children") continue;
    out[key] = value;
  }
  const keepPosition = EXACT.has(node.type) && (reference === undefined || reference.position !== undefined);
  if (keepPosition && node.position) {
    const { start, end } = node.position;
    out.position = `${start.line}:${start.column}(${start.offset})-${end.line}:${end.column}(${end.offset})`;
  }
  if ("children" in node) {
    const refChildren = reference && "children" in reference ? (reference.children as Nodes[]) : [];
    const children: Plain[] = [];
    (node.children as Nodes[]).forEach((child, i) => {
      const plain = comparable(child, source, refChildren[i]);
      const last = children[children.length - 1];
      if (last?.type === "text" && plain.type === "text")
        last.value = `${String(last.value)}${String(plain.value)}`;
      else children.push(plain);
    });
    out.children = children;
  }
  return out;
}

/** Both trees, comparable (positions kept where remark has them). */
function both(text: string): { expected: Plain; actual: Plain } {
  const reference = remarkTree(text);
  return {
    expected: comparable(reference, text),
    actual: comparable(parseMarkdownTree(text), text, reference),
  };
}

function sameAsRemark(text: string, label = JSON.stringify(text)): void {
  const { expected, actual } = both(text);
  assert.deepStrictEqual(actual, expected, label);
}

/**
 * Corpus pages whose trees differ from remark's, and why. Each is a case where
 * markdown-it follows the CommonMark reference implementation (or its own
 * emphasis rules) and micromark does not; the sample test checks each still differs.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  "customer-success/product-usage-data/maturity-scoring.md":
    "a `<br>` line right after a list item: a lazy paragraph continuation in markdown-it (and CommonMark), an HTML block after the list item in micromark",
  "marketing/brand-and-product-marketing/product-and-solution-marketing/getting-started/104.md":
    "a `<br>` line right after a list item (lazy continuation, as above)",
  "marketing/developer-relations/leading-organizations/index.md":
    "an `<object>` line right after a list item (lazy continuation, as above)",
  "marketing/integrated-marketing/digital-strategy/social-marketing/_index.md":
    "a `<br>` line right after a list item (lazy continuation, as above)",
  "hiring/talent-acquisition-framework/coordinator.md":
    "a `    - x` line less indented than the nested list above it: markdown-it ends the lists (indented code), micromark continues the paragraph lazily",
  "support/apac.md": "a `    - x` line less indented than the nested list above it (as above)",
  "people-group/talent-assessment.md":
    "`****[x]***`: markdown-it and micromark pair the unbalanced delimiter runs differently",
};

describe("markdown parser (markdown-it → mdast)", () => {
  describe("the same trees as remark", () => {
    const docs = fg.sync(["examples/**/*.md", "test/fixtures/**/*.md"], { cwd: repo }).sort();

    it("finds the example and fixture docs", () => {
      assert.ok(docs.length >= 30, `only ${docs.length} docs`);
    });

    for (const doc of docs) {
      it(doc, () => {
        const text = readFileSync(path.join(repo, doc), "utf8");
        sameAsRemark(text, doc);
      });
    }

    it("on every 40th page of the GitLab handbook corpus, and the known differences still differ", function () {
      if (!existsSync(CORPUS)) this.skip();
      this.timeout(120_000);
      const pages = fg.sync("**/*.md", { cwd: CORPUS, ignore: ["**/.*/**"] }).sort();
      const sample = new Set(pages.filter((_, i) => i % 40 === 0));
      for (const page of Object.keys(KNOWN_DIFFERENCES)) sample.add(page);
      const unexpected: string[] = [];
      const stale: string[] = [];
      for (const page of sample) {
        const text = readFileSync(path.join(CORPUS, page), "utf8");
        const { expected, actual } = both(text);
        let differs = false;
        try {
          assert.deepStrictEqual(actual, expected);
        } catch {
          differs = true;
        }
        if (differs && !(page in KNOWN_DIFFERENCES)) unexpected.push(page);
        if (!differs && page in KNOWN_DIFFERENCES) stale.push(page);
      }
      assert.deepEqual(unexpected, [], "pages that differ from remark (not in KNOWN_DIFFERENCES)");
      assert.deepEqual(stale, [], "KNOWN_DIFFERENCES entries that no longer differ (remove them)");
    });
  });

  describe("constructs", () => {
    const cases: [string, string][] = [
      ["front matter", "---\ntitle: A\nlist: [1, 2]\n---\n# A\n"],
      ["empty front matter", "---\n---\ntext\n"],
      ["no front matter after the start", "\n---\na: 1\n---\n"],
      ["ATX and setext headings", "# One #  \n\nTwo\n===\n\nThree\n---\n\n###### six\n"],
      [
        "inline links and images",
        'A [link](http://x.com "t") and ![img](a.png) and [empty]() and [<a b>](<c d>).\n',
      ],
      ["reference links", "[a]: /u 'T'\n[B]: </v w>\n\n[a] [x][a] [a][] ![a] ![y][B] [b] [nope]\n"],
      ["definitions in lists and quotes", '- [a]: /u\n\n> [b]: /v\n> "title"\n\n[a] [b]\n'],
      [
        "autolinks and literals",
        "<http://a.b> <x@y.z> http://c.d/e_(f) www.g.h/i. j@k.lm, https://n.o/p?q=1&r=2.\n",
      ],
      ["literals next to brackets", "[https://a.b/c](https://a.b/c) (see www.a.bc) [www.x.yz]\n"],
      ["emphasis, strong, delete, code", "*a* **b** ***c*** ~~d~~ `e` `` f ` g `` _h_ __i__\n"],
      ["strikethrough with one or two tildes", "~a~ ~~b~~ ~~~c~~~ ~d~~ x~e~y ~~f ~g~ h~~ **~i~**\n"],
      ["escapes and entities", "\\*not\\* &amp; &copy; &#35; &nope; a\\\nb  \nc\n"],
      [
        "inline html and comments",
        "a <b>bold</b> <!-- c --> d <!--\nmulti\nline --> e <span\n  class=x>f</span>\n",
      ],
      [
        "html blocks",
        "<div>\n  x\n</div>\n\n  <!-- lint-disable rule -->\n\n<details><summary>s</summary>\n\nbody\n\n</details>\n",
      ],
      ["code blocks", "```js  meta  x\ncode\n```\n\n    indented\n      more\n\n~~~\nunclosed\n"],
      ["lists", "- a\n- b\n\n- c\n\n1. x\n2. y\n\n3) z\n\n- p\n\n  q\n- r\n  - s\n\n    t\n"],
      [
        "task lists",
        "- [ ] todo\n- [x] done\n- [X]  two spaces\n- [ ]\n- not [ ] a task\n* [x] star\n1. [ ] ordered\n",
      ],
      [
        "tables",
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | [l](u) | `x\\|y` |\n| short |\n| 1 | 2 | 3 | 4 |\n\nx | y\n- | -\n1 | 2\n",
      ],
      ["footnotes", "Text[^1] and[^note].\n\n[^1]: One.\n[^note]: Two\n    lines.\n\n[^unused]: three\n"],
      [
        "leaf directives",
        "::stages{pipeline=\"lifecycle\"}\n::a[label *em*]{#id .c1 .c2 k=v q='s' flag}\n  ::b\ntext\n::c{x}  \n::d[x] y\n",
      ],
      ["text directives stay text", "see stage:mql and 10:30 :abbr[x] a::b\n"],
      ["blockquotes", "> a\n> > b\n> - c\n>   d\nlazy\n\n> # h\n> ```\n> code\n> ```\n"],
      ["thematic breaks", "***\n---\n_ _ _\n"],
      ["hard and soft breaks", "a  \nb\\\nc\nd \ne\n"],
    ];
    for (const [name, text] of cases) it(name, () => sameAsRemark(text));

    it("container directives are text (remark-directive made a containerDirective)", () => {
      const text = ":::note\nbody\n:::\n";
      assert.deepStrictEqual(comparable(parseMarkdownTree(text), text), {
        type: "root",
        children: [{ type: "paragraph", children: [{ type: "text", value: ":::note\nbody\n:::" }] }],
      });
    });
  });

  describe("exact positions", () => {
    const positioned = (text: string): void => sameAsRemark(text);

    it("in blockquotes, lists and tables", () => {
      positioned('> see [a](x.md) and <!-- c -->\n>\n> - [b](y.md "t")\n>   ![i](z.png)\n');
      positioned("1. x\n   - [deep](a.md#h)\n     continued [two](b.md)\n");
      positioned("| [a](a.md) | <!-- c --> |\n|---|---|\n| x ![i](i.png) | [r] |\n\n[r]: r.md\n");
    });

    it("with CRLF line endings", () => {
      positioned("---\r\ntitle: A\r\n---\r\n# H\r\n\r\nSee [a](a.md)\r\nand <!-- c -->\r\n\r\n[d]: d.md\r\n");
      const text = "# H\r\n\r\ntext\r\n[l](u.md)\r\n";
      const link = findAll(parseMarkdownTree(text), "link")[0]!;
      assert.equal(link.position!.start.offset, text.indexOf("[l]"));
      assert.deepEqual([link.position!.start.line, link.position!.start.column], [4, 1]);
    });

    it("with tabs", () => {
      positioned("-\t[a](a.md)\n\t- [b](b.md)\n\n>\t[c](c.md)\n\n\t\tcode\n");
    });

    it("after astral characters (offsets count UTF-16 code units, like micromark)", () => {
      const text = "😀👍🏽 a [l](u.md) 𝒳 <!-- c -->\n";
      positioned(text);
      const link = findAll(parseMarkdownTree(text), "link")[0]!;
      assert.equal(link.position!.start.offset, text.indexOf("[l]"));
      assert.equal(link.position!.start.column, text.indexOf("[l]") + 1);
    });

    it("links and definitions give parseMarkdown exact URL ranges", () => {
      const text = '# T\n\n> 😀 [a](docs/x.md) and\n> [b][r]\n\n[r]: <docs/y.md> "title"\n';
      const lines = new LineIndex(text);
      const { document } = parseMarkdown(text, "d.md", lines);
      const urls = document.links.map((l) => {
        const start = lines.offsetAt(l.urlRange.start);
        const end = lines.offsetAt(l.urlRange.end);
        return [l.url, text.slice(start, end)];
      });
      assert.deepEqual(urls, [
        ["docs/x.md", "docs/x.md"],
        ["docs/y.md", "docs/y.md"],
      ]);
    });
  });

  describe("hostile input (shared notes): linear, no throw, even without the hazard guard", () => {
    const hostile: [string, () => string][] = [
      ["10,000 nested blockquotes", () => `${">".repeat(10_000)} x\n`],
      [
        "a list nested 800 deep",
        () => Array.from({ length: 800 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"),
      ],
      ["50,000 `[` then 50,000 `]`", () => `${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
      ["`*a` × 20,000", () => "*a".repeat(20_000)],
      ["a 50,000-row table", () => `| a | b |\n|---|---|\n${"| 1 | 2 |\n".repeat(50_000)}`],
      ["50,000 unclosed `<!--`", () => "a <!-- ".repeat(50_000)],
      ["50,000 backtick runs", () => "`` ` ".repeat(50_000)],
      [
        "20,000 `~a` openers then 20,000 `b~~` closers",
        () => `${"~a ".repeat(20_000)}${" b~~".repeat(20_000)}\n`,
      ],
    ];
    for (const [name, make] of hostile) {
      it(name, function () {
        this.timeout(20_000);
        const text = make();
        const tree = parseMarkdownTree(text);
        assert.equal(tree.type, "root");
        const lines = new LineIndex(text);
        // parseMarkdown refuses most of these up front; either way, no throw.
        const { diagnostics } = parseMarkdown(text, "h.md", lines);
        assert.ok(diagnostics.every((d) => d.rule === "schema"));
      });
    }
  });
});

function findAll(tree: Root, type: string): Nodes[] {
  const found: Nodes[] = [];
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === type) found.push(node);
    if ("children" in node)
      for (const child of [...(node.children as Nodes[])].reverse()) pending.push(child);
  }
  return found;
}
