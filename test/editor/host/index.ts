/**
 * The suites' entry point in the extension host: the standard `run()` contract
 * of `@vscode/test-electron` (VS Code `require`s this module from
 * `extensionTestsPath` and awaits `run()`), so the same bundle runs under
 * code-server here and under `@vscode/test-electron` where VS Code can be
 * downloaded. Bundled to CommonJS (`index.cjs`, one `*.suite.cjs` per suite)
 * by test/editor/bundle.ts; mocha comes from node_modules (its CommonJS build).
 *
 * A skipped or pending test fails the run: no editor test may be skipped.
 * `EDITOR_SUITES` (comma-separated suite names) narrows the run.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { say } from "./util.js";

export async function run(): Promise<void> {
  const { default: Mocha } = await import("mocha");
  // Every reporter prints through Base.consoleLog.
  Mocha.reporters.Base.consoleLog = say;
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: "spec", forbidOnly: true });
  const only = process.env.EDITOR_SUITES?.split(",").filter(Boolean);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".suite.cjs"))
    .filter((f) => !only || only.includes(f.replace(/\.suite\.cjs$/, "")))
    .sort();
  if (files.length === 0) throw new Error(`no *.suite.cjs beside ${__dirname}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      // The plain closing line CI reads.
      say(`editor: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else if (pending > 0) reject(new Error(`${pending} editor test(s) were skipped: none may be`));
      else if (passes === 0) reject(new Error("no editor test ran"));
      else resolve();
    });
  });
}
