/**
 * `doc-stale`: whole-day age from `--now` (2026-11-22 in tests), the
 * `maxAge` boundary, months and years in `maxAge`, future dates, and docs
 * without `reviewed`.
 */
import { strict as assert } from "node:assert";
import { brief, memoryWorkspace } from "../helpers/workspace.js";

function lint(reviewed: string | undefined, rule = "") {
  const fm = reviewed === undefined ? "" : `reviewed: ${reviewed}\n`;
  const ws = memoryWorkspace(
    { "handbook/a.md": `---\ntitle: A\n${fm}---\n\n# A\n` },
    `version: 1\nrules:\n  doc-owner: off\n${rule}`,
  );
  return ws.lint().filter((d) => d.rule === "doc-stale");
}

describe("doc-stale", () => {
  it("allows exactly maxAge and reports one day more, at the reviewed value", () => {
    assert.deepEqual(lint("2025-11-22"), []);
    const found = lint("2025-11-21");
    assert.deepEqual(found.map(brief), ["doc-stale handbook/a.md:3:11-3:21"]);
    assert.equal(
      found[0]?.message,
      "this doc was last reviewed on 2025-11-21, 366 days ago, longer ago than the 365 days allowed (`maxAge` P365D); check it is still true and update `reviewed`",
    );
  });

  it("takes maxAge from revbook.yaml, months counting 30 days", () => {
    const rule = "  doc-stale: { maxAge: P6M }\n";
    assert.deepEqual(lint("2026-05-26", rule), []); // 180 days
    assert.equal(lint("2026-05-25", rule).length, 1); // 181 days
  });

  it("reports a review date in the future but not today", () => {
    assert.deepEqual(lint("2026-11-22"), []);
    const found = lint("2026-11-23");
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /in the future/);
  });

  it("skips docs without reviewed, and quoted dates count like plain ones", () => {
    assert.deepEqual(lint(undefined), []);
    assert.equal(lint('"2020-01-01"').length, 1);
  });
});
