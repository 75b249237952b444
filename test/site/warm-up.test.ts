/**
 * The build workers' warm-up (generator/site/workers/warm-up.ts) is only worth its time if its
 * samples reach every construct the parser makes and every way a body is rendered: checked
 * here, so that a new construct is added to the samples too.
 */
import { strict as assert } from "node:assert";
import path from "node:path";
import type { Nodes } from "mdast";
import { openWorkspace } from "../../core/load/read-workspace.js";
import { createContext } from "../../generator/site/context.js";
import { acceptsMdast } from "../../generator/site/mdast-to-html.js";
import { warmUpParser, warmUpRenderer } from "../../generator/site/workers/warm-up.js";
import { REPO_ROOT } from "../helpers/cli.js";

/** Every mdast node type markdown-parser.ts makes. */
const NODE_TYPES = [
  "blockquote",
  "break",
  "code",
  "definition",
  "delete",
  "emphasis",
  "footnoteDefinition",
  "footnoteReference",
  "heading",
  "html",
  "image",
  "inlineCode",
  "leafDirective",
  "link",
  "linkReference",
  "list",
  "listItem",
  "paragraph",
  "root",
  "strong",
  "table",
  "tableCell",
  "tableRow",
  "text",
  "thematicBreak",
  "yaml",
];

describe("site: the build workers' warm-up", () => {
  it("parses every node type, with no diagnostics, and renders both ways a page with raw HTML can go", async () => {
    const sources = warmUpParser();
    const types = new Set<string>();
    const visit = (node: Nodes): void => {
      types.add(node.type);
      if ("children" in node) for (const child of node.children) visit(child);
    };
    for (const source of sources) {
      assert.deepEqual(source.diagnostics, []);
      if (source.markdown) visit(source.markdown.tree);
    }
    assert.deepEqual([...types].sort(), NODE_TYPES);
    const trees = sources.map((s) => s.markdown?.tree).filter((t) => t !== undefined);
    // The first with raw HTML (spans through hast, the rest direct), the second with footnotes.
    assert.deepEqual(
      trees.map((t) => [acceptsMdast(t), acceptsMdast(t, true)]),
      [
        [false, true],
        [true, true],
      ],
    );
    const ctx = createContext(await openWorkspace(path.join(REPO_ROOT, "examples/acme")), [], "/");
    warmUpRenderer(ctx, sources);
  });
});
