/**
 * `npm run bench:lint`: how fast `revbook lint` is on a large synthetic
 * workspace (bench/synthetic-workspace.ts), measured in one run against
 *
 * - the floor: reading and merely parsing every file in-process (`yaml`
 *   `parseAllDocuments`, and the Markdown parser revbook uses, `parseMarkdownTree`);
 * - itself, incrementally: `Workspace.update` of one trigger after a one-line
 *   edit, as the language server does on every keystroke;
 * - a peer: Spectral's JSON Schema `schema` function with revbook's own
 *   schemas, on the same YAML files.
 *
 * Prints a table with the targets (✓/✗) and writes bench/.work/lint-results.json.
 * Options: `--runs N` (cold runs, default 3), `--updates N` (default 30),
 * `--skip-spectral`, `--spectral-timeout SECONDS` (default 600),
 * `--update-budget SECONDS` (stop the updates early past it, default 600),
 * `--regenerate` (force a fresh synthetic workspace).
 * See bench/README.md.
 */
import {
  existsSync,
  promises as fs,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { parseAllDocuments, stringify } from "yaml";
import { parseMarkdownTree } from "../core/load/markdown-parser.js";
import { openWorkspace } from "../core/load/read-workspace.js";
import {
  type ChildRun,
  median,
  mb,
  percentile,
  RSS_METHOD,
  type Row,
  round,
  runChild,
  seconds,
  sum,
  table,
} from "./measure.js";
import { buildSpectralRuleset } from "./spectral-ruleset.js";
import {
  BENCH_NOW,
  EDIT_TARGET,
  ensureSyntheticWorkspace,
  GENERATOR_VERSION,
  type GeneratedWorkspace,
  REPO_ROOT,
  SYNTHETIC_DIR,
  WORK_DIR,
} from "./synthetic-workspace.js";

const TARGETS = {
  ratioToFloor: 2.5,
  incrementalMedianMs: 20,
  peakRssMb: 1024,
  speedVsSpectral: 10,
};

const YAML_ONLY_DIR = path.join(WORK_DIR, "yaml-only");
const SPECTRAL_DIR = path.join(WORK_DIR, "spectral");
const RESULTS_FILE = path.join(WORK_DIR, "lint-results.json");

// ---------------------------------------------------------------------------
// Options

interface Options {
  runs: number;
  updates: number;
  spectral: boolean;
  spectralTimeoutS: number;
  /** Stop the incremental updates once they took this long in total (a slow engine must not stall the run). */
  updateBudgetS: number;
  regenerate: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const num = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    runs: num("--runs", 3),
    updates: num("--updates", 30),
    spectral: !argv.includes("--skip-spectral"),
    spectralTimeoutS: num("--spectral-timeout", 600),
    updateBudgetS: num("--update-budget", 600),
    regenerate: argv.includes("--regenerate"),
  };
}

// ---------------------------------------------------------------------------
// Workspaces

/** A copy of the synthetic workspace's definitions (hard links) with no docs: the YAML set Spectral sees. */
function ensureYamlOnly(ws: GeneratedWorkspace): void {
  const stamp = path.join(YAML_ONLY_DIR, ".bench-generator.json");
  const expected = readFileSync(path.join(SYNTHETIC_DIR, ".bench-generator.json"), "utf8");
  if (!ws.regenerated && existsSync(stamp) && readFileSync(stamp, "utf8") === expected) return;
  rmSync(YAML_ONLY_DIR, { recursive: true, force: true });
  const files = fg.sync("definitions/**/*.{yaml,yml}", { cwd: SYNTHETIC_DIR });
  for (const f of files) {
    const target = path.join(YAML_ONLY_DIR, f);
    mkdirSync(path.dirname(target), { recursive: true });
    linkSync(path.join(SYNTHETIC_DIR, f), target);
  }
  const config = readFileSync(path.join(SYNTHETIC_DIR, "revbook.yaml"), "utf8").replace(
    /^docs: .*$/m,
    "docs: []",
  );
  writeFileSync(path.join(YAML_ONLY_DIR, "revbook.yaml"), config);
  writeFileSync(stamp, expected);
}

interface FileSet {
  yaml: string[];
  markdown: string[];
}

function listFiles(dir: string): FileSet {
  const opts = { cwd: dir, absolute: true, ignore: ["**/.*/**"] };
  return {
    yaml: fg.sync("definitions/**/*.{yaml,yml}", opts).sort(),
    markdown: fg.sync("handbook/**/*.md", opts).sort(),
  };
}

// ---------------------------------------------------------------------------
// Floor: read + parse, nothing else

interface FloorRun {
  totalMs: number;
  yamlMs: number;
  markdownMs: number;
}

async function floorRun(files: FileSet): Promise<FloorRun> {
  const t0 = performance.now();
  let docs = 0;
  for (const f of files.yaml) docs += parseAllDocuments(await fs.readFile(f, "utf8")).length;
  const t1 = performance.now();
  let nodes = 0;
  for (const f of files.markdown) nodes += parseMarkdownTree(await fs.readFile(f, "utf8")).children.length;
  const t2 = performance.now();
  if (docs === 0 || nodes === 0) throw new Error("floor parsed nothing");
  return { totalMs: t2 - t0, yamlMs: t1 - t0, markdownMs: t2 - t1 };
}

// ---------------------------------------------------------------------------
// Cold revbook lint

interface DiagnosticSummary {
  total: number;
  bySeverity: Record<string, number>;
  byRule: Record<string, number>;
}

interface ColdLint {
  runs: ChildRun[];
  medianMs: number;
  peakRssMb?: number;
  exitCode: number | null;
  diagnostics?: DiagnosticSummary;
}

async function coldLint(dir: string, runs: number, label: string): Promise<ColdLint> {
  const out = path.join(os.tmpdir(), `revbook-bench-${process.pid}.json`);
  const results: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(out, { force: true });
    const args = ["bin/revbook.js", "lint", dir, "--format", "json", "--output", out, "--now", BENCH_NOW];
    const run = await runChild(process.execPath, args, 30 * 60_000);
    if (run.exitCode !== 0 && run.exitCode !== 1) {
      throw new Error(`revbook lint (${label}) exited ${run.exitCode}:\n${run.stderr}`);
    }
    results.push(run);
    process.stderr.write(`  cold lint ${label} #${i + 1}: ${seconds(run.wallMs)}\n`);
  }
  let diagnostics: DiagnosticSummary | undefined;
  if (existsSync(out)) {
    const list = JSON.parse(readFileSync(out, "utf8")) as Array<{ rule: string; severity: string }>;
    diagnostics = { total: list.length, bySeverity: {}, byRule: {} };
    for (const d of list) {
      diagnostics.bySeverity[d.severity] = (diagnostics.bySeverity[d.severity] ?? 0) + 1;
      diagnostics.byRule[d.rule] = (diagnostics.byRule[d.rule] ?? 0) + 1;
    }
    rmSync(out, { force: true });
  }
  const rss = results.map((r) => r.peakRssMb).filter((x): x is number => x !== undefined);
  return {
    runs: results,
    medianMs: median(results.map((r) => r.wallMs)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    exitCode: results.at(-1)?.exitCode ?? null,
    diagnostics,
  };
}

// ---------------------------------------------------------------------------
// Incremental: Workspace.update in-process

interface Incremental {
  openMs: number;
  firstLintMs: number;
  updatesMs: number[];
  medianMs: number;
  p95Ms: number;
  changedFiles: number[];
}

async function incremental(updates: number, budgetS: number): Promise<Incremental> {
  const now = Date.parse(`${BENCH_NOW}T00:00:00Z`);
  const t0 = performance.now();
  const ws = await openWorkspace(SYNTHETIC_DIR, { now });
  const t1 = performance.now();
  ws.lint();
  const t2 = performance.now();
  const original = readFileSync(path.join(SYNTHETIC_DIR, EDIT_TARGET.file), "utf8");
  const m = EDIT_TARGET.pattern.exec(original);
  if (!m) throw new Error(`${EDIT_TARGET.file} has no line matching ${EDIT_TARGET.pattern}`);
  const base = Number(m[2]);
  const updatesMs: number[] = [];
  const changedFiles: number[] = [];
  for (let i = 0; i < updates && sum(updatesMs) < budgetS * 1000; i++) {
    // 251, 252, 251, …: every edit changes the file; the value stays valid.
    const text = original.replace(EDIT_TARGET.pattern, `$1${base + 1 + (i % 2)}$3`);
    const s = performance.now();
    const changed = ws.update(EDIT_TARGET.file, text);
    updatesMs.push(performance.now() - s);
    changedFiles.push(changed.size);
  }
  return {
    openMs: t1 - t0,
    firstLintMs: t2 - t1,
    updatesMs,
    medianMs: median(updatesMs),
    p95Ms: percentile(updatesMs, 95),
    changedFiles,
  };
}

// ---------------------------------------------------------------------------
// Spectral

interface SpectralResult {
  run: ChildRun;
  files: number;
  rules: number;
  kinds: string[];
  /** Results on the linted YAML files. */
  results?: number;
  resultsByCode?: Record<string, number>;
  /** Notices about the ruleset file itself (its loader's `invalid-ref` on in-schema refs). */
  rulesetNotices?: number;
  error?: string;
}

async function spectral(timeoutS: number, yamlFiles: number): Promise<SpectralResult> {
  mkdirSync(SPECTRAL_DIR, { recursive: true });
  const { ruleset, kinds } = buildSpectralRuleset(path.join(REPO_ROOT, "schemas"));
  const rulesetFile = path.join(SPECTRAL_DIR, ".spectral.yaml");
  writeFileSync(
    rulesetFile,
    `# Generated by bench/lint.bench.ts from schemas/*.schema.json; do not edit.\n${stringify(ruleset, {
      aliasDuplicateObjects: false,
      lineWidth: 0,
    })}`,
  );
  const out = path.join(SPECTRAL_DIR, "results.json");
  rmSync(out, { force: true });
  const bin = path.join(REPO_ROOT, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
  const glob = path.relative(REPO_ROOT, path.join(YAML_ONLY_DIR, "definitions", "**", "*.yaml"));
  const args = [bin, "lint", glob, "--ruleset", rulesetFile, "--format", "json", "--output", out, "--quiet"];
  process.stderr.write(`  spectral: ${yamlFiles} files, timeout ${timeoutS} s…\n`);
  const run = await runChild(process.execPath, args, timeoutS * 1000);
  const rules = Object.keys((ruleset as { rules: Record<string, unknown> }).rules).length;
  const result: SpectralResult = { run, files: yamlFiles, rules, kinds };
  if (run.timedOut) return { ...result, error: `timed out after ${timeoutS} s` };
  if (!existsSync(out))
    return { ...result, error: `no output (exit ${run.exitCode}): ${run.stderr.slice(0, 500)}` };
  const list = JSON.parse(readFileSync(out, "utf8")) as Array<{ code: string | number; source?: string }>;
  const onFiles = list.filter((r) => r.source !== rulesetFile);
  result.results = onFiles.length;
  result.rulesetNotices = list.length - onFiles.length;
  result.resultsByCode = {};
  for (const r of onFiles)
    result.resultsByCode[String(r.code)] = (result.resultsByCode[String(r.code)] ?? 0) + 1;
  return result;
}

// ---------------------------------------------------------------------------
// Report

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  process.stderr.write("revbook lint benchmark\n");
  const ws = ensureSyntheticWorkspace({ force: options.regenerate });
  ensureYamlOnly(ws);
  const files = listFiles(SYNTHETIC_DIR);
  process.stderr.write(
    `  workspace ${ws.regenerated ? "generated" : "reused"}: ${files.yaml.length} YAML, ${files.markdown.length} docs\n`,
  );

  // Floor (in-process; the median of warm runs, so the floor is never overstated).
  const floorRuns: FloorRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    floorRuns.push(await floorRun(files));
    process.stderr.write(`  floor #${i + 1}: ${seconds(floorRuns.at(-1)?.totalMs ?? 0)}\n`);
  }
  const floorMs = median(floorRuns.map((r) => r.totalMs));

  const cold = await coldLint(path.relative(REPO_ROOT, SYNTHETIC_DIR), options.runs, "full");
  const coldYaml = await coldLint(path.relative(REPO_ROOT, YAML_ONLY_DIR), options.runs, "yaml-only");
  const inc = await incremental(options.updates, options.updateBudgetS);
  const updatesLabel =
    inc.updatesMs.length < options.updates
      ? `${inc.updatesMs.length} of ${options.updates}, stopped at the ${options.updateBudgetS} s budget`
      : `${inc.updatesMs.length}×`;
  process.stderr.write(`  incremental: ${updatesLabel}, median ${inc.medianMs.toFixed(1)} ms\n`);
  const spec = options.spectral ? await spectral(options.spectralTimeoutS, files.yaml.length) : undefined;

  const ratio = cold.medianMs / floorMs;
  const spectralOk = spec && !spec.error && !spec.run.timedOut;
  const speedVsSpectral = spectralOk ? spec.run.wallMs / coldYaml.medianMs : undefined;
  const speedVsSpectralFull = spectralOk ? spec.run.wallMs / cold.medianMs : undefined;

  const rows: Row[] = [
    {
      metric: "floor: read + parse (yaml, markdown), median",
      value: seconds(floorMs),
    },
    {
      metric: `cold revbook lint, full workspace, median of ${options.runs}`,
      value: seconds(cold.medianMs),
    },
    {
      metric: "ratio cold lint / floor",
      value: `${ratio.toFixed(2)}×`,
      target: `≤ ${TARGETS.ratioToFloor}×`,
      ok: ratio <= TARGETS.ratioToFloor,
    },
    {
      metric: `incremental update (${updatesLabel}), median`,
      value: `${inc.medianMs.toFixed(1)} ms`,
      target: `≤ ${TARGETS.incrementalMedianMs} ms`,
      ok: inc.medianMs <= TARGETS.incrementalMedianMs,
    },
    { metric: "incremental update, p95", value: `${inc.p95Ms.toFixed(1)} ms` },
    {
      metric: "peak RSS, cold lint",
      value: mb(cold.peakRssMb),
      target: `≤ ${TARGETS.peakRssMb} MB`,
      ok: cold.peakRssMb === undefined ? undefined : cold.peakRssMb <= TARGETS.peakRssMb,
    },
    {
      metric: `cold revbook lint, YAML only, median of ${options.runs}`,
      value: seconds(coldYaml.medianMs),
    },
  ];
  if (spec) {
    rows.push({
      metric: `Spectral, same YAML files (${spec.files}), 1 run`,
      value: spec.error ? spec.error : seconds(spec.run.wallMs),
    });
    rows.push({
      metric: "speed vs Spectral (Spectral / revbook, YAML only)",
      value: speedVsSpectral === undefined ? "n/a" : `${speedVsSpectral.toFixed(1)}×`,
      target: `≥ ${TARGETS.speedVsSpectral}×`,
      ok: speedVsSpectral === undefined ? false : speedVsSpectral >= TARGETS.speedVsSpectral,
    });
    rows.push({
      metric: "  (Spectral / revbook full workspace, for reference)",
      value: speedVsSpectralFull === undefined ? "n/a" : `${speedVsSpectralFull.toFixed(1)}×`,
    });
    rows.push({ metric: "peak RSS, Spectral", value: mb(spec.run.peakRssMb) });
  } else rows.push({ metric: "Spectral", value: "skipped (--skip-spectral)" });

  const floorMed = floorRuns.find((r) => r.totalMs === floorMs) ?? floorRuns[0];
  const detail = [
    `workspace: ${files.yaml.length} YAML definition files (${(ws.bytes.yaml / 1e6).toFixed(1)} MB), ` +
      `${files.markdown.length} Markdown docs (${(ws.bytes.markdown / 1e6).toFixed(1)} MB); ` +
      `generator v${GENERATOR_VERSION}, --now ${BENCH_NOW}`,
    `machine: node ${process.version}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
      `RSS via ${RSS_METHOD}`,
    `floor runs: ${floorRuns.map((r) => seconds(r.totalMs)).join(", ")} ` +
      `(median run: yaml ${seconds(floorMed?.yamlMs ?? 0)}, markdown ${seconds(floorMed?.markdownMs ?? 0)})`,
    `cold lint runs: ${cold.runs.map((r) => seconds(r.wallMs)).join(", ")}; exit ${cold.exitCode}; ` +
      `diagnostics: ${JSON.stringify(cold.diagnostics?.bySeverity ?? {})} ${JSON.stringify(cold.diagnostics?.byRule ?? {})}`,
    `cold lint YAML-only runs: ${coldYaml.runs.map((r) => seconds(r.wallMs)).join(", ")}; peak RSS ${mb(coldYaml.peakRssMb)}`,
    `in-process: openWorkspace ${seconds(inc.openMs)}, first lint() ${seconds(inc.firstLintMs)}; ` +
      `updates min ${Math.min(...inc.updatesMs).toFixed(1)} ms, max ${Math.max(...inc.updatesMs).toFixed(1)} ms; ` +
      `files with changed diagnostics per update: ${median(inc.changedFiles)} (median)`,
  ];
  if (spec) {
    detail.push(
      `spectral: ${spec.rules} rules (${spec.kinds.join(", ")} + kind), exit ${spec.run.exitCode}; ` +
        `results on files: ${spec.results ?? "n/a"} ${JSON.stringify(spec.resultsByCode ?? {})}; ` +
        `ruleset-loader notices: ${spec.rulesetNotices ?? "n/a"}`,
    );
  }

  process.stdout.write(`\n${table(rows)}\n\n${detail.map((d) => `  ${d}`).join("\n")}\n`);

  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    generatorVersion: GENERATOR_VERSION,
    workspace: { yamlFiles: files.yaml.length, markdownFiles: files.markdown.length, bytes: ws.bytes },
    targets: TARGETS,
    floor: {
      medianMs: round(floorMs),
      runs: floorRuns.map((r) => ({
        totalMs: round(r.totalMs),
        yamlMs: round(r.yamlMs),
        markdownMs: round(r.markdownMs),
      })),
    },
    coldLint: {
      medianMs: round(cold.medianMs),
      runsMs: cold.runs.map((r) => round(r.wallMs)),
      peakRssMb: cold.peakRssMb === undefined ? null : round(cold.peakRssMb),
      exitCode: cold.exitCode,
      diagnostics: cold.diagnostics ?? null,
    },
    ratioToFloor: round(ratio, 2),
    incremental: {
      file: EDIT_TARGET.file,
      openMs: round(inc.openMs),
      firstLintMs: round(inc.firstLintMs),
      updatesRequested: options.updates,
      medianMs: round(inc.medianMs, 2),
      p95Ms: round(inc.p95Ms, 2),
      updatesMs: inc.updatesMs.map((x) => round(x, 2)),
    },
    coldLintYamlOnly: {
      medianMs: round(coldYaml.medianMs),
      runsMs: coldYaml.runs.map((r) => round(r.wallMs)),
      peakRssMb: coldYaml.peakRssMb === undefined ? null : round(coldYaml.peakRssMb),
      diagnostics: coldYaml.diagnostics ?? null,
    },
    spectral: spec
      ? {
          wallMs: round(spec.run.wallMs),
          peakRssMb: spec.run.peakRssMb === undefined ? null : round(spec.run.peakRssMb),
          files: spec.files,
          rules: spec.rules,
          exitCode: spec.run.exitCode,
          timedOut: spec.run.timedOut,
          error: spec.error ?? null,
          results: spec.results ?? null,
          resultsByCode: spec.resultsByCode ?? null,
          rulesetNotices: spec.rulesetNotices ?? null,
          speedVsRevbookYamlOnly: speedVsSpectral === undefined ? null : round(speedVsSpectral, 2),
          speedVsRevbookFull: speedVsSpectralFull === undefined ? null : round(speedVsSpectralFull, 2),
        }
      : null,
    pass: {
      ratioToFloor: ratio <= TARGETS.ratioToFloor,
      incrementalMedian: inc.medianMs <= TARGETS.incrementalMedianMs,
      peakRss: cold.peakRssMb === undefined ? null : cold.peakRssMb <= TARGETS.peakRssMb,
      speedVsSpectral: speedVsSpectral === undefined ? null : speedVsSpectral >= TARGETS.speedVsSpectral,
    },
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n  results: ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:lint failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
