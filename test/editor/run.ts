/**
 * `npm run test:editor`: the extension inside a real VS Code. These machines
 * cannot download VS Code, so the suites run in the extension host of the npm
 * package `code-server`, with Debian's Chromium (headless, playwright-core) as
 * the workbench. Two runs, each on a fresh temporary copy of
 * test/editor/fixtures/workspace (the repository is never written to, except
 * the ignored dist/ and test/editor/artifacts/, and docs/screenshots/ with
 * UPDATE_SCREENSHOTS=1):
 *
 * 1. The development run: `extension/` as extensionDevelopmentPath, the mocha
 *    suites of test/editor/host/ (bundled to CommonJS) as extensionTestsPath.
 * 2. The packaged run: `npm run package` builds the VSIX, `code-server
 *    --install-extension` installs it into a fresh extensions folder, and the
 *    workbench must show the fixture's diagnostic in the Problems panel, a
 *    hover and a completion list (screenshots for the README).
 *
 * The toolchain (node@24 and code-server) installs itself into
 * .cache/editor-tests/ on first use (test/editor/install.ts). Exit code 0 only
 * when both runs pass; nothing is ever skipped.
 *
 * Environment, for working on the tests (`npm test` sets none of these):
 * EDITOR_SUITES=a,b runs only those suites of run 1; EDITOR_RUNS=dev or
 * EDITOR_RUNS=vsix runs one of the two; EDITOR_VERBOSE=1 also prints the
 * workbench's console; REVBOOK_EXTENSION_DIR / REVBOOK_VSIX test another
 * extension folder / VSIX.
 */
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { bundleSuites } from "./bundle.js";
import { CodeServer, launchBrowser, runSuite } from "./code-server.js";
import { ensureToolchain, REPO_ROOT, type Toolchain } from "./install.js";
import { runVsixChecks } from "./vsix.js";
import { tempWorkspaceCopy } from "./workspace.js";

/** The extension's folder (extensionDevelopmentPath); $REVBOOK_EXTENSION_DIR overrides it (harness work). */
const EXTENSION_DIR = process.env.REVBOOK_EXTENSION_DIR
  ? path.resolve(process.env.REVBOOK_EXTENSION_DIR)
  : path.join(REPO_ROOT, "extension");
const SUITE_TIMEOUT_MS = 10 * 60_000;

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function npmScripts(): Record<string, string> {
  return (
    JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
}

function npmRun(script: string): void {
  execFileSync("npm", ["run", "--silent", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/**
 * Builds extension/dist/ once for both runs: `npm run package` (which bundles,
 * then packages the VSIX) when the VSIX run is on, else `npm run
 * bundle:extension`; then checks the extension is loadable.
 */
function prepareExtension(runs: string[]): void {
  if (!process.env.REVBOOK_EXTENSION_DIR || (runs.includes("vsix") && !process.env.REVBOOK_VSIX)) {
    const script = runs.includes("vsix") && !process.env.REVBOOK_VSIX ? "package" : "bundle:extension";
    if (!npmScripts()[script])
      throw new Error(`package.json has no ${script} script: the extension cannot be built`);
    const started = Date.now();
    npmRun(script);
    console.log(`editor tests: npm run ${script} in ${seconds(started)}`);
  }
  const manifest = path.join(EXTENSION_DIR, "package.json");
  if (!existsSync(manifest)) throw new Error(`no extension manifest at ${manifest}`);
  const main = (JSON.parse(readFileSync(manifest, "utf8")) as { main?: string }).main;
  if (!main || !existsSync(path.join(EXTENSION_DIR, main)))
    throw new Error(`the extension's main (${main}) is not built in ${EXTENSION_DIR}`);
}

interface Counts {
  passed: number;
  failed: number;
}

async function devRun(tools: Toolchain): Promise<Counts> {
  const started = Date.now();
  const suiteIndex = await bundleSuites();
  const { root, workspace } = await tempWorkspaceCopy("dev");
  const server = await CodeServer.start({ tools, root, name: "dev" });
  const browser = await launchBrowser(tools);
  try {
    console.log(`editor tests: code-server ${server.origin}, workspace ${workspace}`);
    const result = await runSuite(server, browser, {
      folder: workspace,
      extensionDevelopmentPath: EXTENSION_DIR,
      testsPath: suiteIndex,
      timeoutMs: SUITE_TIMEOUT_MS,
      onLine: (line) => console.log(`  ${line}`),
      onOther: process.env.EDITOR_VERBOSE ? (line) => console.log(`  | ${line}`) : undefined,
    });
    console.log(`editor tests: extension-host suites exited ${result.exitCode} in ${seconds(started)}`);
    const summary = result.lines
      .map((l) => /^editor: (\d+) passed, (\d+) failed/.exec(l.trim()))
      .find((m) => m !== null);
    if (result.exitCode !== 0 && !summary) {
      console.log(`--- workbench console (last 80 lines) ---\n${result.other.slice(-80).join("\n")}`);
      console.log(`--- code-server output ---\n${server.log().slice(-6000)}`);
    }
    const passed = Number(summary?.[1] ?? 0);
    const failed = Number(summary?.[2] ?? 0);
    // A non-zero exit without failures (a crash, a skipped test) still counts as a failure.
    return { passed, failed: result.exitCode !== 0 && failed === 0 ? 1 : failed };
  } finally {
    await browser.close();
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const tools = await ensureToolchain();
  console.log(
    `editor tests: toolchain ready in ${seconds(started)} (${path.relative(REPO_ROOT, tools.codeServer)})`,
  );
  const runs = (process.env.EDITOR_RUNS ?? "dev,vsix").split(",");
  prepareExtension(runs);
  const total: Counts = { passed: 0, failed: 0 };
  const add = (c: Counts): void => {
    total.passed += c.passed;
    total.failed += c.failed;
  };
  if (runs.includes("dev")) add(await devRun(tools));
  if (runs.includes("vsix")) {
    const vsixStarted = Date.now();
    const result = await runVsixChecks(tools);
    console.log(
      `editor tests: packaged VSIX checks ${result.passed} passed, ${result.failed} failed in ${seconds(vsixStarted)}`,
    );
    add(result);
  }
  console.log(`editor tests: ${total.failed === 0 ? "passed" : "FAILED"} in ${seconds(started)}`);
  // The plain closing line (extension-host suites and VSIX checks together).
  console.log(`editor: ${total.passed} passed, ${total.failed} failed`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
