/**
 * The handbook in a real browser: Debian's Chromium, driven by playwright-core,
 * against `revbook serve` running on a temporary copy of examples/acme. Covers
 * the left navigation tree, the header search box, the "On this page" table of
 * contents, the "Edit this page" link, live reload after a change on disk, the
 * 375 px layout with its Menu button, XSS payloads in a doc (nothing may run),
 * and axe-core (no serious or critical violations). It also writes the README
 * screenshots to test/browser/artifacts/ (docs/screenshots/ with UPDATE_SCREENSHOTS=1). No fixed sleeps: every wait ends on a page
 * condition, and the mocha timeout is the only limit. Without a Chromium binary
 * the suite fails (in CI and locally) rather than skipping.
 */
import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type BrowserContext, chromium, type Dialog, type Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { BIN, makeTempDir, REPO_ROOT, removeTempDir } from "../helpers/cli.js";
import { CHROMIUM_ARGS, findChromium } from "../helpers/chromium.js";

const ACME = path.join(REPO_ROOT, "examples/acme");
/**
 * Screenshots are test artifacts (gitignored); `UPDATE_SCREENSHOTS=1 npm test`
 * refreshes the README's copies in docs/screenshots/.
 */
const SCREENSHOTS = path.join(
  REPO_ROOT,
  process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : "test/browser/artifacts",
);
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** Served from the site's own origin by `page.route`, so the CSP (`script-src 'self'`) allows it. */
const AXE_ROUTE = "/__axe__/axe.min.js";
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 800 };
/** Screenshots go into the README: keep them small. */
const MAX_SCREENSHOT_BYTES = 300 * 1024;

const XSS_DOC = `---
title: Hostile page
owner: revops
reviewed: 2026-11-10
---

<script>window.__xss=1</script>

<img src=x onerror="window.__xss=2">

[click](javascript:window.__xss=3)

<svg><script>window.__xss=4</script></svg>

The end of the hostile page.
`;

/** Starts `revbook serve DIR --port 0` and resolves with the printed URL. */
function startServe(dir: string): { child: ChildProcess; url: Promise<URL> } {
  const child = spawn(process.execPath, [BIN, "serve", dir, "--port", "0"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const url = new Promise<URL>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const m = /revbook serve: (http:\/\/\S+) \(Ctrl\+C to stop\)/.exec(stdout);
      if (m?.[1]) resolve(new URL(m[1]));
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("exit", (code) =>
      reject(new Error(`revbook serve exited (${code}) before serving:\n${stderr}`)),
    );
  });
  return { child, url };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Readable lines for a failure message. */
function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? "").replace(/\n/g, " ")}`)
          .join("\n"),
    )
    .join("\n");
}

describe("the handbook in a real browser (Chromium)", function () {
  this.timeout(120_000);
  let tmp: string;
  let dir: string;
  let child: ChildProcess | undefined;
  let base: URL;
  let context: BrowserContext | undefined;
  let page: Page;
  let dialogs: string[];

  before(async () => {
    const executablePath = findChromium();
    if (!executablePath) {
      const message = process.env.CI
        ? "Chromium not found: CI must install it (apt-get install -y chromium); browser tests may not be skipped in CI"
        : "Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH) to run the browser tests";
      throw new Error(message);
    }
    tmp = await makeTempDir("revbook-browser-");
    dir = path.join(tmp, "acme");
    await fs.cp(ACME, dir, {
      recursive: true,
      filter: (src) => !src.split(path.sep).includes(".revbook"),
    });
    const started = startServe(dir);
    child = started.child;
    base = await started.url;
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: DESKTOP,
    });
    // axe-core from the site's origin (the CSP forbids inline and foreign scripts).
    await context.route(new URL(AXE_ROUTE, base).href, (route) =>
      route.fulfill({ path: AXE_PATH, contentType: "text/javascript; charset=utf-8" }),
    );
    await fs.mkdir(SCREENSHOTS, { recursive: true });
  });

  beforeEach(async () => {
    assert.ok(context, "the browser is running");
    page = await context.newPage();
    dialogs = [];
    page.on("dialog", (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterEach(async () => {
    await page?.close();
  });

  after(async () => {
    await context?.close();
    context = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    }
    child = undefined;
    if (tmp) await removeTempDir(tmp);
  });

  const at = (route: string): string => new URL(route, base).href;

  const screenshot = async (name: string): Promise<void> => {
    const file = path.join(SCREENSHOTS, name);
    await page.screenshot({ path: file, fullPage: false });
    const { size } = await fs.stat(file);
    assert.ok(size < MAX_SCREENSHOT_BYTES, `${name} is ${size} bytes`);
  };

  /** Runs axe-core on the current page; fails on serious or critical violations. */
  const checkAxe = async (): Promise<void> => {
    await page.addScriptTag({ url: AXE_ROUTE });
    // A string expression: tsconfig has no DOM lib, and `axe` is a page global.
    const violations = await page.evaluate<AxeViolation[]>(
      `axe.run(document, { resultTypes: ["violations"], elementRef: true }).then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target,
          failureSummary: n.failureSummary,
        })),
      })))`,
    );
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.equal(bad.length, 0, `axe-core on ${page.url()}:\n${describeViolations(bad)}`);
  };

  it("opens the home page and clicks through the left navigation to the MQL stage", async () => {
    await page.goto(at("/"));
    await assert.doesNotReject(page.locator("h1").first().waitFor());
    assert.match(await page.title(), /Acme Analytics Revenue Handbook/);
    await screenshot("home.png");

    const sidebar = page.locator("nav#sidebar");
    // "Definitions" is a folded folder on the home page: open it, then follow "Stages".
    await sidebar.locator("summary", { hasText: "Definitions" }).click();
    await sidebar.getByRole("link", { name: "Stages", exact: true }).click();
    await page.waitForURL(at("/stages/"));
    // On the Stages page the Stages folder is open; follow the MQL entry.
    await sidebar.getByRole("link", { name: "Marketing Qualified Lead", exact: true }).click();
    await page.waitForURL(at("/stages/mql/"));
    assert.equal(await page.locator("h1").textContent(), "Marketing Qualified Lead");
    assert.equal(
      await sidebar
        .getByRole("link", { name: "Marketing Qualified Lead", exact: true })
        .getAttribute("aria-current"),
      "page",
    );
    const entry = page.getByText("Lead score is greater than or equal to 60 and Email is known", {
      exact: true,
    });
    await entry.waitFor({ state: "visible" });
    assert.ok(await entry.isVisible());
    await screenshot("stage-mql.png");
  });

  it("searches for MQL from the header and follows the first result", async () => {
    await page.goto(at("/"));
    const input = page.getByRole("searchbox", { name: "Search the handbook" });
    await input.click();
    await input.pressSequentially("MQL");
    const first = page.locator("#search-results li a").first();
    await first.waitFor({ state: "visible" });
    const href = await first.getAttribute("href");
    assert.ok(href, "the first result links somewhere");
    await first.click();
    await page.waitForURL(at(href));
    assert.match(await page.title(), /MQL/);
  });

  it("follows an 'On this page' entry to its heading", async () => {
    await page.goto(at("/stages/mql/"));
    const toc = page.getByRole("navigation", { name: "On this page" });
    await toc.getByRole("link", { name: "Exit criteria" }).click();
    await page.waitForURL(at("/stages/mql/#exit-criteria"));
    assert.equal(new URL(page.url()).hash, "#exit-criteria");
    const inView = await page.evaluate<boolean>(`(() => {
      const r = document.getElementById("exit-criteria").getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.top >= 0;
    })()`);
    assert.ok(inView, "the Exit criteria heading is in the viewport");
  });

  it("links 'Edit this page' to the GitLab editor for the page's source file", async () => {
    const config = parseYaml(await fs.readFile(path.join(ACME, "revbook.yaml"), "utf8")) as {
      repo: { url: string; branch: string; host: string };
    };
    assert.equal(config.repo.host, "gitlab");
    const editBase = `${config.repo.url.replace(/\/+$/, "")}/-/edit/${config.repo.branch}`;
    for (const [route, source] of [
      ["/sales/lead-routing/", "handbook/sales/lead-routing.md"],
      ["/stages/mql/", "definitions/pipelines/lifecycle.yaml"],
    ] as const) {
      await page.goto(at(route));
      const edit = page.getByRole("link", { name: "Edit this page" });
      assert.equal(await edit.getAttribute("href"), `${editBase}/${source}`, route);
    }
  });

  it("reloads the page after a doc changes on disk and shows the new heading", async () => {
    const connected = page.waitForResponse((r) => r.url().endsWith("/__revbook/events"));
    await page.goto(at("/sales/lead-routing/"));
    await connected;
    await page.getByRole("heading", { name: "Territories", exact: true }).waitFor();
    // A marker that only survives if the page is not reloaded.
    await page.evaluate(`window.__beforeReload = true`);

    const doc = path.join(dir, "handbook/sales/lead-routing.md");
    const text = await fs.readFile(doc, "utf8");
    assert.ok(text.includes("\n## Territories\n"));
    await fs.writeFile(doc, text.replace("\n## Territories\n", "\n## Territories by region\n"));

    await page.getByRole("heading", { name: "Territories by region", exact: true }).waitFor();
    assert.equal(await page.evaluate(`window.__beforeReload`), undefined, "the page was reloaded");
  });

  it("fits a 375 px screen without horizontal scroll and opens the nav from the Menu button", async () => {
    await page.setViewportSize(MOBILE);
    for (const route of ["/", "/stages/mql/", "/scoring/lead-score/", "/pipelines/lifecycle/"]) {
      await page.goto(at(route));
      const width = await page.evaluate<number>(`document.scrollingElement.scrollWidth`);
      assert.ok(width <= MOBILE.width, `${route}: scrollWidth ${width} > ${MOBILE.width}`);
    }
    await screenshot("mobile-pipeline.png");

    const menu = page.getByRole("button", { name: "Menu" });
    const sidebar = page.locator("nav#sidebar");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    assert.equal(await sidebar.isVisible(), false, "the nav is folded away on a small screen");
    await menu.click();
    await sidebar.waitFor({ state: "visible" });
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await sidebar.locator("summary", { hasText: "Sales" }).click();
    await sidebar.getByRole("link", { name: "Lead routing and SLAs" }).click();
    await page.waitForURL(at("/sales/lead-routing/"));
    assert.equal(await page.locator("h1").textContent(), "Lead routing and SLAs");
  });

  for (const [route, shot] of [
    ["/", undefined],
    ["/stages/mql/", undefined],
    ["/scoring/lead-score/", "scoring.png"],
    ["/goals/", undefined],
    ["/health/", undefined],
  ] as const) {
    it(`has no serious or critical axe-core violations on ${route}`, async () => {
      await page.goto(at(route));
      await page.locator("h1").first().waitFor();
      if (shot) await screenshot(shot);
      await checkAxe();
    });
  }

  it("runs none of the XSS payloads in a doc, even when the link is clicked", async () => {
    // Added only now (and removed after), so the screenshots above do not show it.
    const connected = page.waitForResponse((r) => r.url().endsWith("/__revbook/events"));
    await page.goto(at("/"));
    await connected;
    const doc = path.join(dir, "handbook/xss.md");
    await fs.writeFile(doc, XSS_DOC);
    try {
      // Live reload brings the new page into the nav.
      await page.locator("nav#sidebar").getByRole("link", { name: "Hostile page" }).click();
      await page.waitForURL(at("/xss/"));
      await page.getByText("The end of the hostile page.").waitFor();
      const link = page.locator("article").getByText("click", { exact: true });
      await link.click();
      // The page is still there (a javascript: URL would not navigate) and nothing ran.
      await page.getByText("The end of the hostile page.").waitFor();
      assert.equal(await page.evaluate(`typeof window.__xss`), "undefined");
      assert.deepEqual(dialogs, []);
    } finally {
      await fs.rm(doc, { force: true });
    }
  });
});
