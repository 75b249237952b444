/**
 * The packaged VSIX in code-server: catches a broken bundle that the source
 * level suites miss. `npm run package` (run.ts) builds extension/revbook-<version>.vsix;
 * `code-server --install-extension` installs it into a fresh extensions
 * folder; the workbench (headless Chromium) opens a temporary copy of the
 * fixture workspace and must show the fixture's diagnostic in the Problems
 * panel, the hover of a stage reference and a completion list of stage ids.
 * Screenshots of each go to test/editor/artifacts/ (and docs/screenshots/
 * with UPDATE_SCREENSHOTS=1).
 */
import { existsSync, promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { CodeServer, installExtension, launchBrowser } from "./code-server.js";
import { REPO_ROOT, type Toolchain } from "./install.js";
import { tempWorkspaceCopy } from "./workspace.js";

const ARTIFACTS = path.join(REPO_ROOT, "test/editor/artifacts");
const README_SHOTS = path.join(REPO_ROOT, "docs/screenshots");
/** Screenshots go into the README: keep them small. */
const MAX_SCREENSHOT_BYTES = 300 * 1024;
const UI_TIMEOUT_MS = 60_000;

/** The fixture's one known problem (definitions/routing.yaml, line 11). */
export const KNOWN_PROBLEM = "setStage: no stage `sqll` is defined";

export interface VsixResult {
  passed: number;
  failed: number;
}

/** extension/<name>-<version>.vsix as `npm run package` writes it (names from extension/package.json), or $REVBOOK_VSIX. */
function findVsix(): string {
  if (process.env.REVBOOK_VSIX) return path.resolve(process.env.REVBOOK_VSIX);
  const dir = path.join(REPO_ROOT, "extension");
  const { name, version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const vsix = path.join(dir, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package wrote no ${vsix}`);
  return vsix;
}

async function screenshot(page: Page, name: string, target?: Locator): Promise<void> {
  const dirs = [ARTIFACTS, ...(process.env.UPDATE_SCREENSHOTS ? [README_SHOTS] : [])];
  const buffer = target ? await target.screenshot() : await page.screenshot();
  if (buffer.length > MAX_SCREENSHOT_BYTES)
    throw new Error(`screenshot ${name} is ${buffer.length} bytes (limit ${MAX_SCREENSHOT_BYTES})`);
  for (const dir of dirs) {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `editor-${name}.png`), buffer);
  }
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
async function openFile(page: Page, rel: string): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await input.fill(rel);
  // Click the matching result (the list may still show recently opened files for a moment).
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: path.basename(rel) }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  await page
    .locator(`.tab.active[aria-label*="${path.basename(rel)}"]`)
    .waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
}

/** Puts the cursor at LINE:COLUMN (1-based) through Quick Open's `:line:column`. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden", timeout: UI_TIMEOUT_MS });
}

/** Runs a command by its title through the command palette. */
async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await input.fill(`>${title}`);
  await page
    .locator(".quick-input-list .monaco-list-row", { hasText: title })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press("Enter");
}

export async function runVsixChecks(tools: Toolchain): Promise<VsixResult> {
  const vsix = findVsix();
  const { root, workspace } = await tempWorkspaceCopy("vsix");
  const opts = { tools, root, name: "vsix" };
  const installed = await installExtension(opts, vsix);
  console.log(`editor tests: ${installed.trim().split("\n").pop()}`);
  const server = await CodeServer.start(opts);
  const browser = await launchBrowser(tools);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const result: VsixResult = { passed: 0, failed: 0 };
  const check = async (name: string, fn: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    try {
      await fn();
      result.passed++;
      console.log(`  ✔ vsix: ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      result.failed++;
      await page
        .screenshot({ path: path.join(ARTIFACTS, `failure-${name.replace(/\W+/g, "-").slice(0, 60)}.png`) })
        .catch(() => undefined);
      console.log(`  ✘ vsix: ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    await page.goto(server.workbenchUrl(workspace));
    await page.locator(".monaco-workbench").waitFor({ timeout: UI_TIMEOUT_MS });

    await check(
      "the installed VSIX activates and the Problems panel shows the fixture's diagnostic",
      async () => {
        await openFile(page, "definitions/routing.yaml");
        await page.locator(".squiggly-error").first().waitFor({ timeout: UI_TIMEOUT_MS });
        await page.keyboard.press("Control+Shift+M");
        const row = page.locator(".markers-panel .monaco-tl-row", { hasText: KNOWN_PROBLEM });
        await row.first().waitFor({ timeout: UI_TIMEOUT_MS });
        await screenshot(page, "problems");
      },
    );

    await check("hover on a stage reference shows its definition", async () => {
      await openFile(page, "definitions/triggers.yaml");
      // `  - setStage: mql`: the cursor on `mql` (line 11), then Show Hover.
      await goTo(page, 11, 16);
      await command(page, "Show or Focus Hover");
      const hover = page.locator(".monaco-hover", { hasText: "A contact worth a salesperson's time." });
      await hover.first().waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
      await screenshot(page, "hover");
      await page.keyboard.press("Escape");
    });

    await check("completion at a stage reference lists the stage ids", async () => {
      await goTo(page, 11, 15);
      await page.keyboard.press("Control+Space");
      const widget = page.locator(".suggest-widget.visible");
      await widget.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
      for (const id of ["lead", "mql", "sql"])
        await widget.locator(".monaco-list-row", { hasText: id }).first().waitFor({ timeout: UI_TIMEOUT_MS });
      await screenshot(page, "completion");
      await page.keyboard.press("Escape");
    });
  } finally {
    await context.close();
    await browser.close();
    await server.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
  return result;
}
