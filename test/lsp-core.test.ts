/**
 * Unit tests of the `core/` modules the language server added for reuse by
 * the CLI and the site: usage counts (core/model/usage.ts, behind the code
 * lenses) on test/fixtures/lsp/usage, and rule-severity overrides
 * (core/rule-overrides.ts, behind the editor settings).
 */
import { strict as assert } from "node:assert";
import path from "node:path";
import { openWorkspace } from "../core/load/read-workspace.js";
import type { Kind } from "../core/model/kinds.js";
import { usageLine, usageOf } from "../core/model/usage.js";
import { parseRuleOverrides, withRuleOverrides } from "../core/rule-overrides.js";
import { RULES } from "../core/rules/index.js";
import { FIXTURES } from "./helpers/cli.js";
import { memoryWorkspace, TEST_NOW } from "./helpers/workspace.js";

describe("core/model/usage", () => {
  it("counts the triggers that set and test, the scoring rules and the docs of stages and properties", async () => {
    const ws = await openWorkspace(path.join(FIXTURES, "lsp/usage"), { now: TEST_NOW });
    const model = ws.model;
    const of = (kind: Kind, id: string) => {
      const def = model.get(kind, id);
      assert.ok(def, `${kind} ${id}`);
      const u = usageOf(model, def);
      return {
        setBy: u.setBy.map((d) => d.id),
        testedBy: u.testedBy.map((d) => d.id),
        scoringRules: u.scoringRules,
        scoringModels: u.scoringModels.map((d) => d.id),
        docs: u.docs,
        line: usageLine(u),
      };
    };
    assert.deepEqual(of("Stage", "mql"), {
      setBy: ["promote-to-mql"],
      testedBy: [],
      scoringRules: 1,
      scoringModels: ["lead-model"],
      docs: ["handbook/index.md", "handbook/usage.md"],
      line: "set by 1 trigger · used by 1 scoring rule · 2 docs",
    });
    // Tested by the trigger and by one scoring rule; linked from one doc.
    assert.deepEqual(of("Property", "company.numberofemployees"), {
      setBy: [],
      testedBy: ["promote-to-mql"],
      scoringRules: 1,
      scoringModels: ["lead-model"],
      docs: ["handbook/usage.md"],
      line: "set by 0 triggers · tested by 1 trigger · used by 1 scoring rule · 1 doc",
    });
    // A reference property walked by paths counts as used wherever the paths are.
    assert.equal(of("Property", "contact.company").scoringRules, 2);
    assert.equal(of("Event", "demo-request").scoringRules, 1);
    assert.equal(of("Stage", "sql").line, "set by 0 triggers · used by 0 scoring rules · 0 docs");
  });

  it("counts setProperty and clearProperty as setting, once per trigger", () => {
    const ws = memoryWorkspace({
      "definitions/model.yaml":
        "kind: Object\nid: contact\nproperties:\n  - { id: email, type: string }\n  - { id: ok, type: boolean }\n",
      "definitions/t.yaml":
        "kind: Trigger\nid: t\nobject: contact\nwhen: { property: email, op: known }\nactions:\n  - setProperty: { property: ok, value: true }\n  - clearProperty: { property: ok }\n",
    });
    const def = ws.model.get("Property", "contact.ok");
    assert.ok(def);
    assert.equal(usageLine(usageOf(ws.model, def)), "set by 1 trigger · used by 0 scoring rules · 0 docs");
  });
});

describe("core/rule-overrides", () => {
  const metas = RULES.map((r) => r.meta);

  it("accepts the editor's spellings and reports unknown rules and severities", () => {
    const { overrides, problems } = parseRuleOverrides(
      { "stage-owner": "warning", "doc-stale": "OFF", "stage-ownr": "error", "trigger-loop": "loud" },
      metas,
    );
    assert.deepEqual(overrides, { "stage-owner": "warn", "doc-stale": "off" });
    assert.deepEqual(problems, [
      "unknown rule `stage-ownr` (did you mean `stage-owner`?)",
      "severity of `trigger-loop` must be one of error, warning, info, off (not `loud`)",
    ]);
    assert.deepEqual(parseRuleOverrides(undefined, metas), { overrides: {}, problems: [] });
    assert.deepEqual(parseRuleOverrides(["x"], metas).problems, [
      "`rules` must map rule ids to error, warning, info or off",
    ]);
  });

  it("applies severities on top of revbook.yaml, keeping rule options", () => {
    const ws = memoryWorkspace({}, "version: 1\nrules:\n  doc-stale: { severity: info, maxAge: P30D }\n");
    const config = withRuleOverrides(ws.config, { "doc-stale": "error", "stage-owner": "off" });
    assert.deepEqual(config.rules["doc-stale"], { severity: "error", options: { maxAge: "P30D" } });
    assert.deepEqual(config.rules["stage-owner"], { severity: "off", options: {} });
    assert.deepEqual(ws.config.rules["doc-stale"]?.severity, "info");
    assert.equal(withRuleOverrides(ws.config, {}), ws.config);
  });
});
