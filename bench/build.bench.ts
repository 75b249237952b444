/**
 * `npm run bench:build`: how fast `revbook build` publishes a large real
 * handbook (the 4,019 GitLab handbook pages of ../shared/corpus/gitlab-handbook),
 * measured in one run against two peers building the same Markdown files:
 *
 * - revbook: a cold build (no previous `out`, no `.revbook/cache/`), a warm
 *   build (the same command again, nothing changed), the same into an empty
 *   `out` (everything from the cache), a rebuild after one page changed, and
 *   `revbook serve`: the delay from writing the changed page to the reload
 *   event on the live-reload stream (SERVE_EDITS edits, median);
 * - Hugo (Debian's `hugo`), minimal layouts with a TOC and a section menu, cold;
 * - Eleventy 3.1.2 (installed into bench/.work/eleventy/ on first use),
 *   `markdownTemplateEngine: false`, a minimal layout, cold.
 *
 * The cold builds of the three tools take turns (Hugo, Eleventy, revbook, then
 * again), and the output of an earlier run is renamed aside rather than
 * deleted until everything is measured (see `setAside`), so neither the VM's
 * drift nor the harness's own deletions favour one tool.
 *
 * Wall time and peak RSS (GNU `/usr/bin/time -f %M`) of each; ratios to Hugo
 * with targets (cold ≤ 2× Hugo, warm ≤ 0.1× Hugo, serve reload ≤ 150 ms); how many corpus pages were
 * built, warned about and failed. Prints a table and writes
 * bench/.work/build-results.json. Options: `--skip-hugo`, `--skip-eleventy`,
 * `--runs N` (default 1; medians are reported), `--timeout S` (per build, default 1800),
 * `--heap MB` (run revbook with `--max-old-space-size=MB`).
 * See bench/README.md.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { Routes, routeFile } from "../generator/site/routes.js";
import {
  CHANGED_PAGE,
  CORPUS_DIR,
  CORPUS_WORKSPACE,
  changeOnePage,
  corpusPages,
  ELEVENTY_DIR,
  ELEVENTY_VERSION,
  ensureCorpusWorkspace,
  ensureEleventy,
  HUGO_DIR,
  hugoVersion,
  restoreChangedPage,
  writeHugoSite,
} from "./build-peers.js";
import {
  type ChildRun,
  HAVE_TIME,
  mb,
  median,
  RSS_METHOD,
  type Row,
  round,
  runChild,
  seconds,
  table,
} from "./measure.js";
import { type ServeProcess, startServe } from "./serve-process.js";
import { REPO_ROOT, WORK_DIR } from "./synthetic-workspace.js";

const TARGETS = {
  /** revbook cold build ÷ Hugo cold build. */
  coldVsHugo: 2,
  /** revbook warm build (nothing changed) ÷ Hugo cold build. */
  warmVsHugo: 0.1,
  /** `revbook serve`: a doc written → the reload event on the live-reload stream (ms, median). */
  serveReloadMs: 150,
};

/** Edits of the changed page while `revbook serve` runs. */
const SERVE_EDITS = 5;

const OUT_REVBOOK = path.join(WORK_DIR, "out-revbook");
const OUT_HUGO = path.join(WORK_DIR, "out-hugo");
const OUT_ELEVENTY = path.join(WORK_DIR, "out-eleventy");
const RESULTS_FILE = path.join(WORK_DIR, "build-results.json");

// ---------------------------------------------------------------------------
// Options

interface Options {
  runs: number;
  hugo: boolean;
  eleventy: boolean;
  timeoutS: number;
  /** `--max-old-space-size` for revbook's Node process (MB); undefined: Node's default. */
  heapMb?: number;
}

function parseArgs(argv: readonly string[]): Options {
  const num = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    runs: Math.floor(num("--runs", 1)),
    hugo: !argv.includes("--skip-hugo"),
    eleventy: !argv.includes("--skip-eleventy"),
    timeoutS: num("--timeout", 1800),
    heapMb: argv.includes("--heap") ? num("--heap", 8192) : undefined,
  };
}

const log = (line: string): void => {
  process.stderr.write(`  ${line}\n`);
};

// ---------------------------------------------------------------------------
// Repeated runs of one command

interface Measured {
  runs: ChildRun[];
  medianMs: number;
  peakRssMb?: number;
  exitCode: number | null;
  timedOut: boolean;
}

function summarise(runs: ChildRun[]): Measured {
  const rss = runs.map((r) => r.peakRssMb).filter((x): x is number => x !== undefined);
  return {
    runs,
    medianMs: median(runs.map((r) => r.wallMs)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    exitCode: runs.at(-1)?.exitCode ?? null,
    timedOut: runs.some((r) => r.timedOut),
  };
}

/** HTML files written below `dir`. */
function htmlFiles(dir: string): number {
  return existsSync(dir) ? fg.sync("**/*.html", { cwd: dir, dot: true, onlyFiles: true }).length : 0;
}

// ---------------------------------------------------------------------------
// revbook

const revbookArgs = (heapMb: number | undefined): string[] => [
  ...(heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`]),
  "bin/revbook.js",
  "build",
  path.relative(REPO_ROOT, CORPUS_WORKSPACE),
  "--out",
  path.relative(REPO_ROOT, OUT_REVBOOK),
  "--allow-errors",
  "--overwrite",
];

async function revbookBuild(label: string, options: Options): Promise<ChildRun> {
  flushDisk();
  const run = await runChild(process.execPath, revbookArgs(options.heapMb), options.timeoutS * 1000);
  log(
    `revbook ${label}: ${seconds(run.wallMs)}, ${mb(run.peakRssMb)}, exit ${run.exitCode}${run.timedOut ? " (timed out)" : ""}`,
  );
  if (run.exitCode !== 0 && !run.timedOut) {
    // Leave out V8's native stack trace lines.
    const text = run.stderr
      .split("\n")
      .filter((l) => !/^\s*\d+: 0x/.test(l))
      .join("\n");
    log(`  stderr: ${text.trim().slice(-1500)}`);
  }
  return run;
}

/** The build cache of the corpus workspace (removed before every cold build). */
const CACHE_DIR = path.join(CORPUS_WORKSPACE, ".revbook", "cache");

interface ServeLatency {
  /** Write → reload event, per edit (ms). */
  latenciesMs: number[];
  /** How long `revbook serve` took to print its URL (first build, cache warm). */
  startMs: number;
  /** The server's own "rebuilt N pages … in X ms" lines. */
  rebuildLines: string[];
  error?: string;
}

/**
 * Starts `revbook serve` on the corpus (port 0), listens on its live-reload
 * stream, then appends a line to the changed page SERVE_EDITS times and
 * measures each write → `event: reload` delay. Stops the server with SIGTERM.
 */
async function serveLatency(options: Options): Promise<ServeLatency> {
  const nodeArgs = options.heapMb === undefined ? [] : [`--max-old-space-size=${options.heapMb}`];
  const result: ServeLatency = { latenciesMs: [], startMs: 0, rebuildLines: [] };
  let serve: ServeProcess | undefined;
  try {
    serve = await startServe(path.relative(REPO_ROOT, CORPUS_WORKSPACE), options.timeoutS * 1000, nodeArgs);
    result.startMs = serve.startMs;
    log(`revbook serve: serving after ${seconds(result.startMs)}`);
    const target = path.join(CORPUS_WORKSPACE, CHANGED_PAGE);
    for (let i = 0; i < SERVE_EDITS; i++) {
      const reloaded = serve.nextReload(60_000, `edit #${i + 1}`);
      const written = performance.now();
      appendFileSync(target, `\nServe benchmark edit ${i + 1}.\n`);
      const at = await reloaded;
      result.latenciesMs.push(at - written);
      log(`revbook serve edit #${i + 1}: reload event after ${Math.round(at - written)} ms`);
      // Let the server settle (the search index is written after the pages).
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`revbook serve: ${result.error}`);
  } finally {
    await serve?.stop();
    restoreChangedPage();
  }
  const stderr = serve?.stderr() ?? "";
  result.rebuildLines = stderr.split("\n").filter((l) => /rebuilt \d+ pages|built the site/.test(l));
  return result;
}

interface PageCounts {
  /** Corpus pages revbook lists (dot folders are skipped, as by every glob here). */
  pages: number;
  /** Pages whose HTML file exists in `out`. */
  built: number;
  /** Pages with at least one warning or info on the status page, and no error. */
  warned: number;
  /** Pages with at least one error on the status page (built anyway: --allow-errors). */
  withErrors: number;
  /** Pages with `draft: true` in their front matter: left out on purpose (as Hugo does). */
  drafts: string[];
  /** Pages, drafts excepted, with no HTML file in `out`. */
  failed: string[];
  /** The CLI's own summary line ("Built N files … (E errors, W warnings …)"). */
  summary?: string;
  /** Diagnostics on the status page, by severity and by rule. */
  bySeverity: Record<string, number>;
  byRule: Record<string, number>;
  /** HTML files in `out` (pages, generated sections, 404). */
  htmlFiles: number;
}

/** What the last revbook build wrote: every corpus page's HTML file, and the status page's diagnostics per file. */
function revbookPages(stdout: string): PageCounts {
  const docs = corpusPages(path.join(CORPUS_WORKSPACE, "handbook")).map((f) => `handbook/${f}`);
  const routes = new Routes("/", ["handbook/**/*.md"]);
  const failed: string[] = [];
  const drafts: string[] = [];
  for (const doc of docs) {
    const head = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(CORPUS_WORKSPACE, doc), "utf8"));
    if (head && /^draft:\s*true\s*$/m.test(head[1] ?? "")) {
      drafts.push(doc);
      continue;
    }
    let file: string | undefined;
    try {
      file = routeFile(routes.docRoute(doc));
    } catch {
      file = undefined;
    }
    if (!file || !existsSync(path.join(OUT_REVBOOK, file))) failed.push(doc);
  }
  const worst = new Map<string, "error" | "warn">();
  const bySeverity: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  const status = path.join(OUT_REVBOOK, "status", "index.html");
  if (existsSync(status)) {
    for (const row of readFileSync(status, "utf8")
      .split(/<tr[\s>]/)
      .slice(1)) {
      const sev = /class="severity-(error|warn|info)"/.exec(row)?.[1];
      if (!sev) continue;
      bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
      const rule = /<code>([^<]+)<\/code>/.exec(row)?.[1];
      if (rule) byRule[rule] = (byRule[rule] ?? 0) + 1;
      const file = /(handbook\/[^<>"]+?\.md):\d+/.exec(row)?.[1];
      if (!file) continue;
      if (sev === "error") worst.set(file, "error");
      else if (!worst.has(file)) worst.set(file, "warn");
    }
  }
  const values = [...worst.values()];
  return {
    pages: docs.length,
    built: docs.length - drafts.length - failed.length,
    warned: values.filter((v) => v === "warn").length,
    withErrors: values.filter((v) => v === "error").length,
    drafts,
    failed,
    summary: /^Built .*$/m.exec(stdout)?.[0],
    bySeverity,
    byRule,
    htmlFiles: htmlFiles(OUT_REVBOOK),
  };
}

// ---------------------------------------------------------------------------
// Peers

interface Peer {
  name: string;
  version?: string;
  skipped?: string;
  measured?: Measured;
  htmlFiles?: number;
  error?: string;
}

/** A peer tool ready to run: one cold build per call, then its summary. */
interface PeerRunner {
  name: string;
  version?: string;
  skipped?: string;
  /** Sets the previous output aside and builds once, cold. */
  runOnce(i: number): Promise<void>;
  result(): Peer;
}

/** A peer that is not run. */
function skippedPeer(name: string, skipped: string, version?: string): PeerRunner {
  return { name, version, skipped, runOnce: async () => {}, result: () => ({ name, version, skipped }) };
}

/** Runs `command` cold into `out` once per call (the output of the run before set aside first). */
function peerRunner(
  name: string,
  version: string,
  out: string,
  command: () => { file: string; args: string[] },
  options: Options,
): PeerRunner {
  const runs: ChildRun[] = [];
  return {
    name,
    version,
    async runOnce(i) {
      setAside(out);
      flushDisk();
      const { file, args } = command();
      const run = await runChild(file, args, options.timeoutS * 1000);
      log(`${name} cold #${i + 1}: ${seconds(run.wallMs)}, ${mb(run.peakRssMb)}, exit ${run.exitCode}`);
      runs.push(run);
    },
    result() {
      if (runs.length === 0) return { name, version, skipped: "not run" };
      const measured = summarise(runs);
      const last = runs.at(-1);
      const error =
        measured.exitCode !== 0 ? `exit ${measured.exitCode}: ${last?.stderr.trim().slice(-500)}` : undefined;
      return { name, version, measured, htmlFiles: htmlFiles(out), error };
    },
  };
}

function hugo(options: Options): PeerRunner {
  if (!options.hugo) return skippedPeer("Hugo", "--skip-hugo");
  const version = hugoVersion();
  if (!version) {
    log("Hugo: `hugo` is not on the PATH; skipping it (install it with `apt-get install -y hugo`).");
    return skippedPeer("Hugo", "hugo not installed (apt-get install -y hugo)");
  }
  writeHugoSite();
  return peerRunner(
    "Hugo",
    version,
    OUT_HUGO,
    () => ({
      file: "hugo",
      args: ["--source", HUGO_DIR, "--destination", OUT_HUGO, "--quiet", "--ignoreCache"],
    }),
    options,
  );
}

function eleventy(options: Options): PeerRunner {
  const name = `Eleventy ${ELEVENTY_VERSION}`;
  if (!options.eleventy) return skippedPeer(name, "--skip-eleventy");
  const { bin, error: installError } = ensureEleventy(log);
  if (!bin) {
    log(`Eleventy: ${installError}; skipping it.`);
    return skippedPeer(name, `install failed: ${installError}`);
  }
  return peerRunner(
    name,
    ELEVENTY_VERSION,
    OUT_ELEVENTY,
    () => ({
      file: process.execPath,
      args: [
        bin,
        "--config",
        path.join(ELEVENTY_DIR, "eleventy.config.mjs"),
        "--output",
        OUT_ELEVENTY,
        "--quiet",
      ],
    }),
    options,
  );
}

// ---------------------------------------------------------------------------
// Outputs of earlier runs

/**
 * Where outputs of earlier runs go while measuring (emptied at the end). On a
 * file system that checks each new inode against recently deleted ones (ext4
 * without a journal, as on this project's VMs), creating thousands of files
 * right after deleting thousands costs system time that grows with every
 * deletion in the last minutes: four consecutive `rm -rf out && hugo` runs took
 * 1.4, 2.3, 3.3 and 4.5 s of system time. Deleting between runs would charge
 * whichever tool runs later for the harness's deletions, so outputs are
 * renamed aside instead, and deleted once everything is measured.
 */
const ASIDE_DIR = path.join(WORK_DIR, "set-aside");
let asideCount = 0;

/**
 * Writes the page cache's dirty pages to disk before a timed run. The kernel writes a build's
 * output back about 30 s after it was written, that is during a later run: Hugo's output,
 * written back while revbook built, cost revbook about 0.3 s (8.7 → 8.3–8.5 s after a `sync`),
 * and whichever run came 30 s after a build paid for it.
 */
function flushDisk(): void {
  try {
    execFileSync("sync");
  } catch {
    // No `sync` here: measured without it.
  }
}

/** Moves `dir` (if it exists) into ASIDE_DIR instead of deleting it. */
function setAside(dir: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(ASIDE_DIR, { recursive: true });
  renameSync(dir, path.join(ASIDE_DIR, `${process.pid}-${asideCount++}-${path.basename(dir)}`));
}

// ---------------------------------------------------------------------------
// Report

function measuredJson(m: Measured | undefined): object | null {
  if (!m) return null;
  return {
    medianMs: round(m.medianMs),
    runsMs: m.runs.map((r) => round(r.wallMs)),
    peakRssMb: m.peakRssMb === undefined ? null : round(m.peakRssMb),
    exitCode: m.exitCode,
    timedOut: m.timedOut,
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  process.stderr.write("revbook build benchmark\n");
  if (!existsSync(CORPUS_DIR)) throw new Error(`the corpus is missing: ${CORPUS_DIR}`);
  const ws = ensureCorpusWorkspace();
  log(
    `workspace ${ws.copied ? "copied" : "reused"}: ${path.relative(REPO_ROOT, CORPUS_WORKSPACE)} (${ws.pages} corpus pages outside dot folders)`,
  );
  if (!HAVE_TIME) log("/usr/bin/time is missing: peak RSS is measured for Node commands only.");

  const peers = [hugo(options), eleventy(options)];
  const cold: ChildRun[] = [];
  const warm: ChildRun[] = [];
  const changed: ChildRun[] = [];
  const emptyOut: ChildRun[] = [];
  let pages: PageCounts | undefined;
  const failed = (run: ChildRun): boolean => run.timedOut || run.exitCode !== 0;
  try {
    // Cold builds first, the tools taking turns, so that drift on a shared VM (other jobs, the
    // file system's recently deleted inodes) reaches each tool alike.
    for (let i = 0; i < options.runs; i++) {
      for (const peer of peers) await peer.runOnce(i);
      restoreChangedPage();
      setAside(OUT_REVBOOK);
      setAside(CACHE_DIR);
      const c = await revbookBuild(`cold #${i + 1}`, options);
      cold.push(c);
      if (i === 0) pages = revbookPages(c.stdout);
      if (failed(c)) break;
    }
    // Then the builds that start from the last cold build's `out` and cache.
    if (cold.length > 0 && !cold.some(failed)) {
      for (let i = 0; i < options.runs; i++) {
        if (i > 0) {
          restoreChangedPage();
          if (failed(await revbookBuild(`back to the unchanged corpus (not measured)`, options))) break;
        }
        const w = await revbookBuild(`warm #${i + 1}`, options);
        warm.push(w);
        if (w.timedOut) break;
        // The same inputs into an empty `out`: everything from the cache, every page written.
        setAside(OUT_REVBOOK);
        const e = await revbookBuild(`cache only, empty out #${i + 1}`, options);
        emptyOut.push(e);
        if (e.timedOut) break;
        changeOnePage();
        const ch = await revbookBuild(`one page changed #${i + 1}`, options);
        changed.push(ch);
        if (ch.timedOut) break;
      }
    } else log("revbook cold build failed: warm and one-page-changed builds not run.");
  } finally {
    restoreChangedPage();
  }
  const [hugoResult, eleventyResult] = peers.map((p) => p.result()) as [Peer, Peer];
  const served = changed.length > 0 ? await serveLatency(options) : undefined;
  const serveMs = served && served.latenciesMs.length > 0 ? median(served.latenciesMs) : undefined;
  const emptyOutM = emptyOut.length > 0 ? summarise(emptyOut) : undefined;
  const coldM = cold.length > 0 ? summarise(cold) : undefined;
  const warmM = warm.length > 0 ? summarise(warm) : undefined;
  const changedM = changed.length > 0 ? summarise(changed) : undefined;

  const hugoMs = hugoResult.measured && !hugoResult.error ? hugoResult.measured.medianMs : undefined;
  const ratio = (m: Measured | undefined): number | undefined =>
    m && hugoMs !== undefined && !m.timedOut && m.exitCode === 0 ? m.medianMs / hugoMs : undefined;
  const coldRatio = ratio(coldM);
  const warmRatio = ratio(warmM);
  const changedRatio = ratio(changedM);
  const x = (r: number | undefined): string => (r === undefined ? "n/a" : `${r.toFixed(2)}×`);
  const time = (m: Measured | undefined): string =>
    m === undefined
      ? "not run"
      : m.timedOut
        ? `timed out (${options.timeoutS} s)`
        : m.exitCode !== 0
          ? `failed, exit ${m.exitCode}, after ${seconds(m.medianMs)}`
          : seconds(m.medianMs);
  const of = options.runs > 1 ? `, median of ${options.runs}` : "";

  const rows: Row[] = [
    { metric: `revbook cold build${of}`, value: time(coldM) },
    { metric: "  peak RSS", value: mb(coldM?.peakRssMb) },
    { metric: `revbook warm build, nothing changed${of}`, value: time(warmM) },
    { metric: "  peak RSS", value: mb(warmM?.peakRssMb) },
    { metric: `revbook warm build into an empty out (cache only)${of}`, value: time(emptyOutM) },
    { metric: "  peak RSS", value: mb(emptyOutM?.peakRssMb) },
    { metric: `revbook rebuild, one page changed${of}`, value: time(changedM) },
    { metric: "  peak RSS", value: mb(changedM?.peakRssMb) },
    {
      metric: `revbook serve: page written → reload event (median of ${served?.latenciesMs.length ?? 0})`,
      value: serveMs === undefined ? (served?.error ?? "not run") : `${Math.round(serveMs)} ms`,
      target: `≤ ${TARGETS.serveReloadMs} ms`,
      ok: serveMs === undefined ? undefined : serveMs <= TARGETS.serveReloadMs,
    },
  ];
  for (const peer of [hugoResult, eleventyResult]) {
    if (peer.skipped) rows.push({ metric: `${peer.name} cold build`, value: `skipped (${peer.skipped})` });
    else {
      rows.push({
        metric: `${peer.name} cold build${of}`,
        value: peer.error ? `failed (${peer.measured?.exitCode})` : time(peer.measured),
      });
      rows.push({ metric: "  peak RSS", value: mb(peer.measured?.peakRssMb) });
    }
  }
  rows.push(
    {
      metric: "revbook cold / Hugo cold",
      value: x(coldRatio),
      target: `≤ ${TARGETS.coldVsHugo}×`,
      ok: coldRatio === undefined ? undefined : coldRatio <= TARGETS.coldVsHugo,
    },
    {
      metric: "revbook warm / Hugo cold",
      value: x(warmRatio),
      target: `≤ ${TARGETS.warmVsHugo}×`,
      ok: warmRatio === undefined ? undefined : warmRatio <= TARGETS.warmVsHugo,
    },
    { metric: "revbook one page changed / Hugo cold", value: x(changedRatio) },
    { metric: "revbook cache only, empty out / Hugo cold", value: x(ratio(emptyOutM)) },
  );
  if (eleventyResult.measured && !eleventyResult.error && coldM && !coldM.timedOut && coldM.exitCode === 0) {
    rows.push({
      metric: `revbook cold / ${eleventyResult.name} cold`,
      value: x(coldM.medianMs / eleventyResult.measured.medianMs),
    });
  }
  if (pages) {
    rows.push(
      {
        metric: "corpus pages built by revbook",
        value: `${pages.built} of ${pages.pages - pages.drafts.length}`,
        target: "all",
        ok: pages.failed.length === 0,
      },
      { metric: "  drafts (`draft: true`, not published)", value: String(pages.drafts.length) },
      { metric: "  pages with warnings/info only", value: String(pages.warned) },
      { metric: "  pages with errors (built: --allow-errors)", value: String(pages.withErrors) },
      { metric: "  pages failed (no HTML in out)", value: String(pages.failed.length) },
    );
  }

  const codes = (runs: readonly ChildRun[]): string =>
    runs.length === 0 ? "not run" : runs.map((r) => (r.timedOut ? "timeout" : String(r.exitCode))).join(",");
  const detail = [
    `corpus: ${CORPUS_DIR} (${corpusPages().length} pages outside dot folders); changed page: ${CHANGED_PAGE}`,
    `revbook command: node ${revbookArgs(options.heapMb).join(" ")}`,
    `machine: node ${process.version}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
      `RSS via ${RSS_METHOD}`,
    `revbook: exit codes cold ${codes(cold)}, warm ${codes(warm)}, empty out ${codes(emptyOut)}, changed ${codes(changed)}; ` +
      (pages?.summary ?? "no summary line"),
  ];
  if (pages) {
    detail.push(
      `revbook out: ${pages.htmlFiles} HTML files; status page diagnostics ${JSON.stringify(pages.bySeverity)} ${JSON.stringify(pages.byRule)}`,
    );
    if (pages.failed.length > 0) detail.push(`pages with no HTML: ${pages.failed.slice(0, 10).join(", ")}`);
  }
  if (served) {
    detail.push(
      `revbook serve: URL after ${seconds(served.startMs)}; reload events after ${served.latenciesMs.map((l) => `${Math.round(l)} ms`).join(", ")}` +
        (served.error ? `; ${served.error}` : ""),
      ...served.rebuildLines.map((l) => `  ${l.trim()}`),
    );
  }
  for (const peer of [hugoResult, eleventyResult]) {
    if (peer.skipped) detail.push(`${peer.name}: skipped (${peer.skipped})`);
    else
      detail.push(
        `${peer.name}${peer.version && peer.version !== ELEVENTY_VERSION ? ` (${peer.version})` : ""}: ` +
          `${peer.htmlFiles ?? 0} HTML files; runs ${peer.measured?.runs.map((r) => seconds(r.wallMs)).join(", ")}` +
          (peer.error ? `; ${peer.error}` : ""),
      );
  }
  process.stdout.write(`\n${table(rows)}\n\n${detail.map((d) => `  ${d}`).join("\n")}\n`);

  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    corpus: { dir: CORPUS_DIR, pages: ws.pages },
    targets: TARGETS,
    revbook: {
      command: ["node", ...revbookArgs(options.heapMb)],
      cold: measuredJson(coldM),
      warm: measuredJson(warmM),
      onePageChanged: measuredJson(changedM),
      cacheOnlyEmptyOut: measuredJson(emptyOutM),
      serve: served
        ? {
            startMs: round(served.startMs),
            reloadMs: served.latenciesMs.map((l) => round(l)),
            medianReloadMs: serveMs === undefined ? null : round(serveMs),
            rebuildLines: served.rebuildLines,
            error: served.error ?? null,
          }
        : null,
      changedPage: CHANGED_PAGE,
      pages: pages
        ? {
            ...pages,
            drafts: pages.drafts.length,
            draftPages: pages.drafts,
            failed: pages.failed.length,
            failedPages: pages.failed.slice(0, 100),
          }
        : null,
    },
    peers: [hugoResult, eleventyResult].map((p) => ({
      name: p.name,
      version: p.version ?? null,
      skipped: p.skipped ?? null,
      cold: measuredJson(p.measured),
      htmlFiles: p.htmlFiles ?? null,
      error: p.error ?? null,
    })),
    ratios: {
      coldVsHugo: coldRatio === undefined ? null : round(coldRatio, 3),
      warmVsHugo: warmRatio === undefined ? null : round(warmRatio, 3),
      onePageChangedVsHugo: changedRatio === undefined ? null : round(changedRatio, 3),
    },
    pass: {
      coldVsHugo: coldRatio === undefined ? null : coldRatio <= TARGETS.coldVsHugo,
      warmVsHugo: warmRatio === undefined ? null : warmRatio <= TARGETS.warmVsHugo,
      allPagesBuilt: pages ? pages.failed.length === 0 : null,
      serveReload: serveMs === undefined ? null : serveMs <= TARGETS.serveReloadMs,
    },
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n  results: ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench:build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => rmSync(ASIDE_DIR, { recursive: true, force: true }));
