/**
 * Every rule has fixtures in test/fixtures/rules/<id>/: `fail/` must produce
 * exactly the diagnostics listed in `fail/expected.json` (rule, file, line,
 * column, end; 1-based) and `pass/` must be clean of that rule and of every
 * error and warning. Also checks each rule has its docs page.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "../core/rules/index.js";
import { brief, lintFolder } from "./helpers/workspace.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(repo, "test/fixtures/rules");

describe("rules: fixtures", () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it("has a docs page with a failing and a passing example", () => {
        const page = path.join(repo, rule.meta.docs);
        assert.ok(existsSync(page), `missing ${rule.meta.docs}`);
        const text = readFileSync(page, "utf8");
        assert.match(text, new RegExp(`^# ${id}\\b`, "m"));
        assert.ok((text.match(/```/g) ?? []).length >= 4, "expected a failing and a passing example");
      });

      it("fail/ produces exactly the expected diagnostics", async () => {
        const dir = path.join(fixtures, id, "fail");
        const expected: string[] = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"));
        const actual = (await lintFolder(dir)).map(brief);
        assert.deepEqual(actual, expected);
        assert.ok(
          expected.length > 0 && expected.every((e) => e.startsWith(`${id} `)),
          "fail/ must produce only this rule",
        );
      });

      it("pass/ is clean", async () => {
        const dir = path.join(fixtures, id, "pass");
        const actual = (await lintFolder(dir))
          .filter((d) => d.rule === id || d.severity !== "info")
          .map(brief);
        assert.deepEqual(actual, []);
      });
    });
  }
});
