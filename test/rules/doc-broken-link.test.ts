/**
 * `doc-broken-link`: which links are checked, resolution against the doc's
 * folder, heading anchors (github-slugger), folder links, links out
 * of the workspace, `related` paths, and the did-you-mean fixes.
 */
import { strict as assert } from "node:assert";
import type { Diagnostic } from "../../core/diagnostic.js";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

const ROUTING =
  "---\ntitle: Routing\n---\n\n# Lead routing\n\n## Territories: EMEA & APAC\n\n## Territories: EMEA & APAC\n";
const SALES_INDEX = "---\ntitle: Sales\n---\n\n# Sales\n";

/** Lints `handbook/a.md` with `body` on line 5 onwards (front matter `extra` on line 3). */
function lint(body: string, extra = ""): Diagnostic[] {
  const ws = memoryWorkspace(
    {
      "handbook/a.md": `---\ntitle: A\n${extra}---\n\n${body}\n\n## Overview\n`,
      "handbook/sales/routing.md": ROUTING,
      "handbook/sales/index.md": SALES_INDEX,
      "definitions/teams.yaml": "kind: Team\nid: revops\n",
    },
    "version: 1\nrules: { doc-owner: off, unused-definition: off }\n",
  );
  return ws.lint().filter((d) => d.rule === "doc-broken-link");
}

describe("doc-broken-link", () => {
  it("accepts existing docs, github-slugger anchors (with duplicates) and same-page anchors", () => {
    assert.deepEqual(
      lint(
        [
          "[a](sales/routing.md) [b](./sales/routing.md#territories-emea--apac)",
          "[c](sales/routing.md#territories-emea--apac-1) [d](sales/index.md) [f](#overview) [g](#)",
          "[h](sales/routing.md?x=1#lead-routing) [i](a.md#overview) [j](sales/../a.md)",
        ].join("\n"),
      ),
      [],
    );
  });

  it("does not check KIND:ID, other schemes or site-absolute links", () => {
    assert.deepEqual(
      lint("[a](team:revops) [b](https://example.com/x.md) [c](mailto:x@example.com) [d](/handbook/nope.md)"),
      [],
    );
  });

  it("reports a missing file at the URL, with a fix to the one close doc", () => {
    const found = lint("See [routing](./sales/routng.md#lead-routing).");
    assert.deepEqual(found.map(brief), ["doc-broken-link handbook/a.md:5:15-5:45"]);
    assert.equal(found[0]?.suggestion, "did you mean `./sales/routing.md#lead-routing`?");
    assert.equal(found[0]?.fix?.text, "./sales/routing.md#lead-routing");
  });

  it("suggests the same file name in another folder", () => {
    const found = lint("[r](routing.md)");
    assert.equal(found[0]?.fix?.text, "sales/routing.md");
  });

  it("reports a folder link, suggesting the folder's index.md", () => {
    const found = lint("[s](sales/#sales) [t](sales)");
    assert.deepEqual(
      found.map((d) => d.fix?.text),
      ["sales/index.md#sales", "sales/index.md"],
    );
  });

  it("reports a missing anchor, on another page and on this page", () => {
    const found = lint("[x](sales/routing.md#territorys) [y](#overvew) [z](#nothing-like-it)");
    assert.deepEqual(found.map(brief), [
      "doc-broken-link handbook/a.md:5:5-5:32",
      "doc-broken-link handbook/a.md:5:38-5:46",
      "doc-broken-link handbook/a.md:5:52-5:68",
    ]);
    assert.equal(found[0]?.fix, undefined); // two headings are equally close: no guess
    assert.equal(found[1]?.fix?.text, "#overview");
    assert.equal(found[2]?.suggestion, undefined);
  });

  it("reports links out of the workspace and to files outside the docs globs", () => {
    const found = lint("[a](../../secret.md) [b](../notes/x.md) [c](../definitions/teams.yaml)");
    assert.equal(found.length, 3);
    assert.match(found[0]?.message ?? "", /outside the workspace/);
    assert.match(found[1]?.message ?? "", /not a doc of this handbook/);
    assert.match(found[2]?.message ?? "", /definition file .*`team:revops`/);
  });

  it("checks reference definitions once", () => {
    const found = lint("[x][r] and [y][r]\n\n[r]: sales/nope.md");
    assert.deepEqual(found.map(brief), ["doc-broken-link handbook/a.md:7:6-7:19"]);
  });

  it("checks relative paths in related, fixing plain scalars only", () => {
    const found = lint("Body.", 'related:\n  - sales/routin.md\n  - "sales/routin.md"\n  - team:revops\n');
    assert.deepEqual(found.map(brief), [
      "doc-broken-link handbook/a.md:4:5-4:20",
      "doc-broken-link handbook/a.md:5:5-5:22",
    ]);
    assert.equal(found[0]?.fix?.text, "sales/routing.md");
    assert.equal(found[1]?.fix, undefined);
    assert.equal(found[1]?.suggestion, "did you mean `sales/routing.md`?");
  });
});
