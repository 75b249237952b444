/**
 * `npm run bench:serve`: how long `revbook serve` takes from saving a
 * definition file to the reload event on its live-reload stream, for typical
 * in-place edits (a trigger's condition value, a stage's definition text, a
 * property label, a scoring rule's points, a metric's goal) and one rename (a
 * team's name: the navigation and everything the team owns). The corpus
 * workspace of build.bench.ts has no definitions to speak of, so this runs on
 * examples/acme and on the synthetic workspace (bench/synthetic-workspace.ts:
 * 5,759 definition files, 2,000 docs), each copied under bench/.work/ first.
 *
 * Each edit is saved as editors do (temporary file renamed over the file),
 * alternating between two texts, `--edits N` times per kind (default 5);
 * medians are reported against the target (≤ 150 ms), with the server's own
 * "rebuilt N pages … in X ms" lines. Writes bench/.work/serve-results.json.
 * Options: `--edits N`, `--skip-acme`, `--skip-synthetic`, `--fresh` (copy the
 * synthetic workspace again: a cold first build). See bench/README.md.
 */
import { cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { median, type Row, round, seconds, table } from "./measure.js";
import { type ServeProcess, startServe } from "./serve-process.js";
import { EDIT_TARGET, ensureSyntheticWorkspace, REPO_ROOT, WORK_DIR } from "./synthetic-workspace.js";

/** A definition file saved → the reload event (ms, median per kind of edit). */
const TARGET_MS = 150;
const RESULTS_FILE = path.join(WORK_DIR, "serve-results.json");

interface Options {
  edits: number;
  fresh: boolean;
  acme: boolean;
  synthetic: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const i = argv.indexOf("--edits");
  const n = i >= 0 ? Number(argv[i + 1]) : Number.NaN;
  return {
    edits: Number.isFinite(n) && n > 0 ? Math.floor(n) : 5,
    fresh: argv.includes("--fresh"),
    acme: !argv.includes("--skip-acme"),
    synthetic: !argv.includes("--skip-synthetic"),
  };
}

const log = (line: string): void => {
  process.stderr.write(`  ${line}\n`);
};

/** One kind of edit: a text in a file and the two values it alternates between. */
interface Edit {
  name: string;
  file: string;
  /** Matches the text to replace; group 1 is kept before, group 3 after, group 2 alternates. */
  pattern: RegExp;
  values: [string, string];
  /** A rename: the navigation changes (expected to rebuild more pages). */
  rename?: boolean;
}

const ACME_EDITS: Edit[] = [
  {
    name: "trigger condition value",
    file: "definitions/triggers/lifecycle.yaml",
    pattern: /(\{ property: lead_score, op: gte, value: )(\d+)( \})/,
    values: ["61", "60"],
  },
  {
    name: "stage definition text",
    file: "definitions/pipelines/lifecycle.yaml",
    pattern: /(A named )(person|human)( who raised)/,
    values: ["human", "person"],
  },
  {
    name: "property label",
    file: "definitions/objects/contact.yaml",
    pattern: /(\n {4}name: )(Job title|Job title as written)(\n)/,
    values: ["Job title as written", "Job title"],
  },
  {
    name: "scoring rule points",
    file: "definitions/scoring/lead-score.yaml",
    pattern: /(\n {8}points: )(20|21)(\n)/,
    values: ["21", "20"],
  },
  {
    name: "metric goal",
    file: "definitions/metrics/funnel.yaml",
    pattern: /(goal: \{ period: month, value: )(\d+)( \})/,
    values: ["451", "450"],
  },
  {
    name: "team name (rename)",
    file: "definitions/teams.yaml",
    pattern: /(\nname: )(Sales Development|Sales Development Reps)(\n)/,
    values: ["Sales Development Reps", "Sales Development"],
    rename: true,
  },
];

const SYNTHETIC_EDITS: Edit[] = [
  {
    name: "trigger condition value",
    file: EDIT_TARGET.file,
    pattern: EDIT_TARGET.pattern,
    values: ["252", "251"],
  },
  {
    name: "stage definition text",
    file: "definitions/stages/campaign-apac-lifecycle/campaign-apac-customer.yaml",
    pattern: /(A campaign )(apac|APAC)( record)/,
    values: ["APAC", "apac"],
  },
  {
    name: "property label",
    file: "definitions/objects/account.yaml",
    pattern: /(\n {4}name: )(Summary|Short summary)(\n)/,
    values: ["Short summary", "Summary"],
  },
  {
    name: "scoring rule points",
    file: "definitions/scoring/campaign-score.yaml",
    pattern: /(\n {8}points: )(20|21)(\n)/,
    values: ["21", "20"],
  },
  {
    name: "metric goal",
    file: "definitions/metrics/campaign-lifecycle-conversion.yaml",
    pattern: /(goal: \{ period: quarter, value: )(\d+)( \})/,
    values: ["36", "35"],
  },
  {
    name: "team name (rename)",
    file: "definitions/teams/bdr.yaml",
    pattern: /(\nname: )("Business Development"|"Business Development Reps")(\n)/,
    values: ['"Business Development Reps"', '"Business Development"'],
    rename: true,
  },
];

interface EditResult {
  name: string;
  latenciesMs: number[];
  medianMs: number;
  /** The server's lines for these edits. */
  rebuildLines: string[];
  rename: boolean;
}

interface WorkspaceResult {
  workspace: string;
  startMs: number;
  edits: EditResult[];
  error?: string;
}

/** Saves a file as editors do: a temporary file renamed over it. */
function saveAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.bench-tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function measureWorkspace(
  name: string,
  dir: string,
  edits: readonly Edit[],
  options: Options,
): Promise<WorkspaceResult> {
  const result: WorkspaceResult = { workspace: name, startMs: 0, edits: [] };
  const originals = new Map<string, string>();
  let serve: ServeProcess | undefined;
  try {
    serve = await startServe(path.relative(REPO_ROOT, dir), 600_000);
    const server = serve;
    result.startMs = serve.startMs;
    log(`${name}: serving after ${seconds(result.startMs)}`);
    const searchIndex = path.join(dir, ".revbook", "serve", "site", "search-index.json");
    const stamp = (): number => {
      try {
        return statSync(searchIndex).mtimeMs;
      } catch {
        return 0;
      }
    };
    /**
     * Saves `text`, waits for the reload event, then for the search index (written after it) and
     * a quiet moment, so that no edit's rebuild overlaps the next one. Returns the delay to the
     * reload event and the server's line for this rebuild.
     */
    const save = async (file: string, text: string, what: string): Promise<{ ms: number; line: string }> => {
      const index = stamp();
      const lines = server.stderr().split("\n").length;
      const reloaded = server.nextReload(120_000, what);
      const written = performance.now();
      saveAtomically(file, text);
      const at = await reloaded;
      const deadline = Date.now() + 60_000;
      while (stamp() === index && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      const line = server
        .stderr()
        .split("\n")
        .slice(lines - 1)
        .filter((l) => /rebuilt \d+ pages|built the site/.test(l))
        .map((l) => l.replace(/^revbook serve: /, "").trim())
        .join(" | ");
      return { ms: at - written, line };
    };
    for (const edit of edits) {
      const file = path.join(dir, edit.file);
      const original = readFileSync(file, "utf8");
      if (!originals.has(file)) originals.set(file, original);
      if (!edit.pattern.test(original))
        throw new Error(`${name}: ${edit.file} does not match ${edit.pattern}`);
      const latencies: number[] = [];
      const lines: string[] = [];
      let text = original;
      for (let i = 0; i < options.edits; i++) {
        const value = edit.values[i % 2] as string;
        text = text.replace(edit.pattern, (_m, a: string, _b: string, c: string) => `${a}${value}${c}`);
        const saved = await save(file, text, edit.name);
        latencies.push(saved.ms);
        lines.push(saved.line);
      }
      const res: EditResult = {
        name: edit.name,
        latenciesMs: latencies,
        medianMs: median(latencies),
        rebuildLines: lines,
        rename: Boolean(edit.rename),
      };
      log(
        `${name}, ${edit.name}: ${latencies.map((l) => `${Math.round(l)} ms`).join(", ")}; server: ${lines.at(-1) ?? "?"}`,
      );
      result.edits.push(res);
      if (text !== original) await save(file, original, `${edit.name} (restored)`);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${name}: ${result.error}`);
  } finally {
    await serve?.stop();
    for (const [file, text] of originals) writeFileSync(file, text);
  }
  return result;
}

/**
 * A copy of a workspace under bench/.work/ (serve writes its site and cache inside it), reused
 * with its build cache while its stamp matches (edits are undone after every run), so that the
 * first build is a warm one, as for someone who has built the handbook before; `--fresh` copies again.
 */
function copyWorkspace(from: string, name: string, stampText: string, fresh: boolean): string {
  const to = path.join(WORK_DIR, name);
  const stampFile = path.join(to, ".bench-serve.json");
  if (!fresh && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stampText) return to;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}.revbook`) });
  writeFileSync(stampFile, stampText);
  return to;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  process.stderr.write("revbook serve benchmark (definition edits)\n");
  const results: WorkspaceResult[] = [];
  if (options.acme) {
    const dir = copyWorkspace(path.join(REPO_ROOT, "examples", "acme"), "serve-acme", "acme", true);
    results.push(await measureWorkspace("examples/acme", dir, ACME_EDITS, options));
  }
  if (options.synthetic) {
    const generated = ensureSyntheticWorkspace();
    log(`synthetic workspace ${generated.regenerated ? "generated" : "reused"}: ${generated.dir}`);
    const dir = copyWorkspace(
      generated.dir,
      "serve-synthetic",
      readFileSync(path.join(generated.dir, ".bench-generator.json"), "utf8"),
      options.fresh,
    );
    results.push(await measureWorkspace("synthetic", dir, SYNTHETIC_EDITS, options));
  }
  const rows: Row[] = results.flatMap((w) =>
    w.error && w.edits.length === 0
      ? [{ metric: `${w.workspace}: serve`, value: w.error.slice(0, 60), target: "" }]
      : w.edits.map((e) => ({
          metric: `${w.workspace}: ${e.name} → reload (median of ${e.latenciesMs.length})`,
          value: `${Math.round(e.medianMs)} ms`,
          target: e.rename ? "(informative)" : `≤ ${TARGET_MS} ms`,
          ok: e.rename ? undefined : e.medianMs <= TARGET_MS,
        })),
  );
  process.stdout.write(`\n${table(rows)}\n\n`);
  for (const w of results) {
    process.stdout.write(`${w.workspace}: first build and URL after ${seconds(w.startMs)}\n`);
    for (const e of w.edits) process.stdout.write(`  ${e.name}: ${e.rebuildLines[0] ?? "no server line"}\n`);
  }
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        targetMs: TARGET_MS,
        workspaces: results.map((w) => ({
          workspace: w.workspace,
          startMs: round(w.startMs),
          error: w.error ?? null,
          edits: w.edits.map((e) => ({
            name: e.name,
            medianMs: round(e.medianMs),
            latenciesMs: e.latenciesMs.map((l) => round(l)),
            rebuildLines: e.rebuildLines,
          })),
        })),
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`results: ${path.relative(REPO_ROOT, RESULTS_FILE)}\n`);
}

await main();
