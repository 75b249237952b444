/**
 * What both benchmarks measure with: a child process timed wall-clock with its
 * peak RSS (GNU time's `%M`, or a preloaded probe for Node when /usr/bin/time is
 * missing), plus the few statistics and formats the result tables print.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, WORK_DIR } from "./synthetic-workspace.js";

export interface ChildRun {
  wallMs: number;
  /** Peak resident set size in MB, when it could be measured. */
  peakRssMb?: number;
  exitCode: number | null;
  timedOut: boolean;
  /** The tail of what the child printed (a peer may print a line per page). */
  stdout: string;
  stderr: string;
}

const TIME_BIN = "/usr/bin/time";
export const HAVE_TIME = existsSync(TIME_BIN);
const RSS_MARK = "__BENCH_MAXRSS_KB=";
const KEEP_CHARS = 1_000_000;

/** How peak RSS is measured on this machine, for the report. */
export const RSS_METHOD = HAVE_TIME
  ? "/usr/bin/time %M"
  : "process.resourceUsage().maxRSS (Node commands only)";

/**
 * Runs a command in the repository root, timing it and measuring its peak RSS.
 * The child leads its own process group, so a timeout stops it and its children.
 */
export function runChild(command: string, args: string[], timeoutMs: number): Promise<ChildRun> {
  let cmd = command;
  let argv = args;
  if (HAVE_TIME) {
    cmd = TIME_BIN;
    argv = ["-f", `${RSS_MARK}%M`, command, ...args];
  } else if (command === process.execPath) {
    const probe = path.join(WORK_DIR, "rss-probe.mjs");
    writeFileSync(
      probe,
      `process.on("exit", () => process.stderr.write("\\n${RSS_MARK}" + process.resourceUsage().maxRSS + "\\n"));\n`,
    );
    argv = ["--import", probe, ...args];
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout = (stdout + chunk).slice(-KEEP_CHARS);
    });
    child.stderr.on("data", (chunk: string) => {
      // The RSS mark comes last, so keeping the tail keeps it.
      stderr = (stderr + chunk).slice(-KEEP_CHARS);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const m = new RegExp(`${RSS_MARK}(\\d+)`).exec(stderr);
      resolve({
        wallMs,
        peakRssMb: m ? Number(m[1]) / 1024 : undefined,
        exitCode: code,
        timedOut,
        stdout,
        stderr: stderr.replace(new RegExp(`\\n?${RSS_MARK}\\d+\\n?`), ""),
      });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const mb = (x: number | undefined): string => (x === undefined ? "n/a" : `${Math.round(x)} MB`);

/** One line of a result table: a figure, its target and whether it meets it. */
export interface Row {
  metric: string;
  value: string;
  target?: string;
  ok?: boolean;
}

export function table(rows: readonly Row[]): string {
  const head: Row = { metric: "metric", value: "value", target: "target" };
  const all = [head, ...rows];
  const w1 = Math.max(...all.map((r) => r.metric.length));
  const w2 = Math.max(...all.map((r) => r.value.length));
  const w3 = Math.max(...all.map((r) => (r.target ?? "").length));
  const line = (r: Row, mark = ""): string =>
    `${r.metric.padEnd(w1)}  ${r.value.padStart(w2)}  ${(r.target ?? "").padEnd(w3)}  ${mark}`.trimEnd();
  const sep = `${"-".repeat(w1)}  ${"-".repeat(w2)}  ${"-".repeat(w3)}  --`;
  return [
    line(head, "ok"),
    sep,
    ...rows.map((r) => line(r, r.ok === undefined ? "" : r.ok ? "✓" : "✗")),
  ].join("\n");
}
