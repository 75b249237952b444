/**
 * The bundled example workspaces are what users start from and what `npm start`
 * shows: they must lint clean (no error, no warning) under every rule.
 */
import { strict as assert } from "node:assert";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brief, lintFolder } from "./helpers/workspace.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("examples", () => {
  for (const name of ["acme", "salesforce-b2b"]) {
    it(`examples/${name} lints clean`, async () => {
      const diagnostics = await lintFolder(path.join(repo, "examples", name));
      const problems = diagnostics
        .filter((d) => d.severity !== "info")
        .map((d) => `${brief(d)} ${d.message}`);
      assert.deepEqual(problems, []);
    });
  }

  it("examples/acme is the realistic workspace the README promises", async () => {
    const { openWorkspace } = await import("../core/load/read-workspace.js");
    const ws = await openWorkspace(path.join(repo, "examples/acme"));
    const model = ws.model;
    assert.ok(model.all("Property").length >= 40, "at least 40 properties");
    assert.ok(model.all("Trigger").length >= 8, "at least 8 triggers");
    assert.equal(model.all("Metric").length >= 4, true, "at least 4 metrics");
    assert.ok(model.all("Team").length >= 3, "at least 3 teams");
    assert.ok(model.docs.size >= 6, "at least 6 process docs");
    const retired = model.get<{ status?: string }>("Property", "contact.hubspotscore");
    assert.equal(retired?.value.status, "retired");
  });
});
