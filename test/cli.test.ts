/**
 * End-to-end tests of the `revbook` command line (CLI.md): the real `bin/revbook.js`
 * runs in a child process against the fixtures in test/fixtures/cli/, and the tests
 * check exit codes, stderr, every report format, `--output`, `--quiet`,
 * `--max-warnings`, `--path-prefix`, `--now`, `--fix`, `rules`, `init` and finding
 * `revbook.yaml` upwards.
 *
 * The fixtures (positions are 1-based, end column exclusive):
 * - `clean/`: no diagnostics at all.
 * - `warnings/`: `clean/` without stage `mql`'s owner: one `stage-owner` warning at
 *   definitions/model.yaml 31:5-31:8 (the stage's `id` value, where "absent" points).
 * - `errors/`: `warnings/` plus `setStage: mlq` twice in definitions/triggers.yaml
 *   (10:15-10:18 and 20:17-20:20), each with the one did-you-mean `mql`.
 * - `stale/`: `clean/` plus handbook/process.md `reviewed: 2026-01-15` (4:11-4:21),
 *   with `doc-stale: { maxAge: P90D }`.
 */
import { strict as assert } from "node:assert";
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import {
  type CliResult,
  copyFixture,
  FIXTURES,
  hasStackTrace,
  makeTempDir,
  REPO_ROOT,
  removeTempDir,
  runCli,
  snapshotFiles,
} from "./helpers/cli.js";

const CLI = path.join(FIXTURES, "cli");
const CLEAN = path.join(CLI, "clean");
const WARNINGS = path.join(CLI, "warnings");
const ERRORS = path.join(CLI, "errors");
const STALE = path.join(CLI, "stale");

const MODEL = "definitions/model.yaml";
const TRIGGERS = "definitions/triggers.yaml";
const INDEX = "handbook/index.md";

/** The rule table of RULES.md: id and default severity, in table order. */
const RULE_TABLE: [string, "error" | "warn" | "info"][] = [
  ["yaml-syntax", "error"],
  ["schema", "error"],
  ["duplicate-id", "error"],
  ["unresolved-reference", "error"],
  ["operator-type", "error"],
  ["value-type", "error"],
  ["unknown-option", "error"],
  ["retired-property", "error"],
  ["pipeline-consistency", "error"],
  ["stage-not-in-pipeline", "warn"],
  ["stage-unreachable", "warn"],
  ["stage-backward", "error"],
  ["stage-exit-criteria", "warn"],
  ["stage-owner", "warn"],
  ["trigger-conflict", "warn"],
  ["trigger-loop", "warn"],
  ["trigger-no-effect", "warn"],
  ["score-property-type", "error"],
  ["score-threshold-unreachable", "error"],
  ["score-threshold-mismatch", "warn"],
  ["score-duplicate-rule", "warn"],
  ["plan-property-type", "error"],
  ["plan-stage-order", "warn"],
  ["doc-broken-link", "error"],
  ["doc-stale", "warn"],
  ["doc-owner", "info"],
  ["unused-definition", "info"],
  ["unused-disable", "warn"],
];
const RULE_IDS = RULE_TABLE.map(([id]) => id).sort();

/** One entry of `--format json` (CLI.md). */
interface JsonEntry {
  rule: string;
  severity: "error" | "warn" | "info";
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestion?: string;
  fix?: { line: number; column: number; endLine: number; endColumn: number; text: string };
  related?: { file: string; line: number; column: number; message: string }[];
}

/** The errors fixture's diagnostics, without messages (their wording is not part of the contract). */
const ERRORS_EXPECTED: Omit<JsonEntry, "message">[] = [
  {
    rule: "stage-owner",
    severity: "warn",
    file: MODEL,
    line: 31,
    column: 5,
    endLine: 31,
    endColumn: 8,
  },
  {
    rule: "unresolved-reference",
    severity: "error",
    file: TRIGGERS,
    line: 10,
    column: 15,
    endLine: 10,
    endColumn: 18,
    suggestion: "did you mean `mql`?",
    fix: { line: 10, column: 15, endLine: 10, endColumn: 18, text: "mql" },
  },
  {
    rule: "unresolved-reference",
    severity: "error",
    file: TRIGGERS,
    line: 20,
    column: 17,
    endLine: 20,
    endColumn: 20,
    suggestion: "did you mean `mql`?",
    fix: { line: 20, column: 17, endLine: 20, endColumn: 20, text: "mql" },
  },
];

function parseJsonReport(result: CliResult): JsonEntry[] {
  try {
    return JSON.parse(result.stdout) as JsonEntry[];
  } catch (error) {
    throw new Error(`stdout is not JSON (${String(error)}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/**
 * An entry without its message (wording is free), and without the suggestion of a
 * `stage-owner` warning (a free hint such as "add an owner"; only its absence of a fix is fixed).
 */
function withoutMessage(entry: JsonEntry): Omit<JsonEntry, "message"> {
  const { message: _message, ...rest } = entry;
  if (rest.rule === "stage-owner") delete rest.suggestion;
  return rest;
}

function describeRun(result: CliResult): string {
  return `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}

/** Asserts a usage/configuration failure: exit 2, a message on stderr, no stack trace. */
function assertUsageError(result: CliResult, pattern?: RegExp): void {
  assert.equal(result.code, 2, describeRun(result));
  assert.ok(result.stderr.trim().length > 0, "expected a message on stderr");
  assert.ok(!hasStackTrace(result.stderr), `no stack trace expected:\n${result.stderr}`);
  if (pattern) assert.match(result.stderr, pattern);
}

const lint = (dir: string, ...flags: string[]): Promise<CliResult> =>
  runCli(["lint", dir, ...flags], { cwd: REPO_ROOT });

describe("cli", function () {
  this.timeout(60_000);
  const temps: string[] = [];
  const temp = async (fixture?: string): Promise<string> => {
    const dir = fixture ? await copyFixture(fixture) : await makeTempDir();
    temps.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of temps) await removeTempDir(dir);
  });

  describe("--version and --help", () => {
    it("--version prints package.json's version", async () => {
      const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        version: string;
      };
      const result = await runCli(["--version"], { cwd: REPO_ROOT });
      assert.equal(result.code, 0, describeRun(result));
      assert.equal(result.stdout.trim(), pkg.version);
    });

    it("--help lists every command", async () => {
      const result = await runCli(["--help"], { cwd: REPO_ROOT });
      assert.equal(result.code, 0, describeRun(result));
      for (const command of ["init", "lint", "build", "serve", "rules", "lsp"]) {
        assert.match(result.stdout, new RegExp(`^\\s+${command}\\b`, "m"), `--help should list ${command}`);
      }
      assert.match(result.stdout, /--version/);
    });

    it("lint --help lists every lint flag", async () => {
      const result = await runCli(["lint", "--help"], { cwd: REPO_ROOT });
      assert.equal(result.code, 0, describeRun(result));
      for (const flag of [
        "--format",
        "--output",
        "--max-warnings",
        "--quiet",
        "--fix",
        "--now",
        "--path-prefix",
      ]) {
        assert.ok(result.stdout.includes(flag), `lint --help should list ${flag}:\n${result.stdout}`);
      }
      for (const format of ["stylish", "json", "sarif", "junit", "gitlab", "github"]) {
        assert.ok(result.stdout.includes(format), `lint --help should name the ${format} format`);
      }
    });
  });

  describe("exit codes", () => {
    it("a clean workspace exits 0 with no diagnostics", async () => {
      const result = await lint(CLEAN, "--format", "json");
      assert.equal(result.code, 0, describeRun(result));
      assert.deepEqual(parseJsonReport(result), []);
    });

    it("a workspace with an error exits 1", async () => {
      const result = await lint(ERRORS);
      assert.equal(result.code, 1, describeRun(result));
    });

    it("warnings only exit 0; with --max-warnings 0 they exit 1; --max-warnings 1 allows one", async () => {
      const plain = await lint(WARNINGS, "--format", "json");
      assert.equal(plain.code, 0, describeRun(plain));
      assert.deepEqual(parseJsonReport(plain).map(withoutMessage), [ERRORS_EXPECTED[0]]);
      const strict = await lint(WARNINGS, "--max-warnings", "0");
      assert.equal(strict.code, 1, describeRun(strict));
      const one = await lint(WARNINGS, "--max-warnings", "1");
      assert.equal(one.code, 0, describeRun(one));
    });

    it("an unknown flag exits 2 with a message and no stack trace", async () => {
      assertUsageError(await lint(CLEAN, "--bogus-flag"), /bogus-flag/);
    });

    it("an unknown command exits 2", async () => {
      assertUsageError(await runCli(["lnit"], { cwd: REPO_ROOT }));
    });

    it("--format xml exits 2", async () => {
      assertUsageError(await lint(CLEAN, "--format", "xml"), /xml/);
    });

    it("--now 2026-13-01 exits 2", async () => {
      assertUsageError(await lint(CLEAN, "--now", "2026-13-01"), /2026-13-01/);
      assertUsageError(await lint(CLEAN, "--now", "2026-02-30"), /2026-02-30/);
      assertUsageError(await lint(CLEAN, "--now", "yesterday"), /yesterday/);
    });

    it("--max-warnings takes a whole number", async () => {
      assertUsageError(await lint(CLEAN, "--max-warnings", "many"));
      assertUsageError(await lint(CLEAN, "--max-warnings", "-1"));
    });

    it("a folder without revbook.yaml (or any above it) exits 2 and suggests `revbook init`", async () => {
      const dir = await temp();
      const result = await runCli(["lint"], { cwd: dir });
      assertUsageError(result, /revbook init/);
      assert.match(result.stderr, /revbook\.yaml/);
    });

    it("a folder that does not exist exits 2", async () => {
      const dir = await temp();
      assertUsageError(await runCli(["lint", "no-such-folder"], { cwd: dir }));
    });
  });

  describe("revbook.yaml problems: exit 2, `revbook.yaml:LINE:COL: message` on stderr", () => {
    const cases: { name: string; config: string; at: string; mentions: RegExp }[] = [
      {
        name: "an unknown rule id (at its key)",
        config: "version: 1\nrules:\n  stage-ownr: warn\n",
        at: "3:3",
        mentions: /stage-ownr/,
      },
      {
        name: "an unknown rule option (at its key)",
        // `  doc-stale: { severity: warn, ` is 31 characters: `maxAg` starts in column 32.
        config: "version: 1\nrules:\n  doc-stale: { severity: warn, maxAg: P180D }\n",
        at: "3:32",
        mentions: /maxAg/,
      },
      {
        name: "a bad bare severity (at the value)",
        // `  stage-owner: ` is 15 characters.
        config: "version: 1\nrules:\n  stage-owner: fatal\n",
        at: "3:16",
        mentions: /fatal|severity/,
      },
      {
        name: "a bad severity inside a mapping (at the value)",
        // `  doc-stale: { severity: ` is 25 characters.
        config: "version: 1\nrules:\n  doc-stale: { severity: loud }\n",
        at: "3:26",
        mentions: /severity/,
      },
      {
        name: "version 2 (at the value)",
        config: "version: 2\ntitle: Handbook\n",
        at: "1:10",
        mentions: /version/,
      },
      {
        name: "an unknown top-level key (at the key)",
        config: "version: 1\ntitel: Handbook\n",
        at: "2:1",
        mentions: /titel/,
      },
      {
        name: "an unknown nested key (at the key)",
        config: "version: 1\nrepo:\n  url: https://gitlab.com/acme/handbook\n  brnch: main\n",
        at: "4:3",
        mentions: /brnch/,
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const dir = await temp();
        await fs.writeFile(path.join(dir, "revbook.yaml"), c.config);
        const result = await runCli(["lint"], { cwd: dir });
        assertUsageError(result);
        const lines = result.stderr.split("\n").filter((l) => l.trim() !== "");
        for (const line of lines) assert.match(line, /^revbook\.yaml:\d+:\d+: \S/, `stderr line: ${line}`);
        const first = lines[0] ?? "";
        assert.ok(
          first.startsWith(`revbook.yaml:${c.at}: `),
          `expected revbook.yaml:${c.at}: …, got ${first}`,
        );
        assert.match(first, c.mentions);
        assert.equal(result.stdout, "");
      });
    }
  });

  describe("report formats", () => {
    it("json: exact entries, sorted by file, line, column", async () => {
      const result = await lint(ERRORS, "--format", "json");
      assert.equal(result.code, 1, describeRun(result));
      const entries = parseJsonReport(result);
      assert.deepEqual(entries.map(withoutMessage), ERRORS_EXPECTED);
      for (const e of entries) assert.ok(typeof e.message === "string" && e.message.length > 0);
      assert.match(entries[1]?.message ?? "", /mlq/);
      // Both typos read the same, so they have one message.
      assert.equal(entries[1]?.message, entries[2]?.message);
    });

    it("stylish is the default: grouped by file, `line:col severity message rule`, a summary", async () => {
      const result = await lint(ERRORS);
      assert.equal(result.code, 1, describeRun(result));
      const out = result.stdout;
      const modelAt = out.indexOf(MODEL);
      const triggersAt = out.indexOf(TRIGGERS);
      assert.ok(modelAt >= 0 && triggersAt > modelAt, `files should be headings in order:\n${out}`);
      assert.match(out, /^\s+31:5\s+warning\s+.*\s+stage-owner\s*$/m);
      assert.match(out, /^\s+10:15\s+error\s+.*mlq.*\s+unresolved-reference\s*$/m);
      assert.match(out, /^\s+20:17\s+error\s+.*mlq.*\s+unresolved-reference\s*$/m);
      assert.match(out, /\b3 problems\b/);
      assert.equal(out.indexOf("\u001b["), -1, "no colours when stdout is not a terminal");
    });

    it("stylish on a clean workspace prints only a summary", async () => {
      const result = await lint(CLEAN);
      assert.equal(result.code, 0, describeRun(result));
      assert.equal(result.stdout.trim().split("\n").length, 1, result.stdout);
    });

    it("sarif: version 2.1.0, every rule with helpUri, results with ruleIndex, level, region", async () => {
      const result = await lint(ERRORS, "--format", "sarif");
      assert.equal(result.code, 1, describeRun(result));
      // The shape is checked field by field below.
      const log = JSON.parse(result.stdout) as {
        version: string;
        runs: {
          tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
          results: {
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: {
              physicalLocation: {
                artifactLocation: { uri: string };
                region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
              };
            }[];
            partialFingerprints: Record<string, string>;
          }[];
        }[];
      };
      assert.equal(log.version, "2.1.0");
      assert.equal(log.runs.length, 1);
      const run = log.runs[0]!;
      assert.equal(run.tool.driver.name, "revbook");
      const rules = run.tool.driver.rules;
      assert.deepEqual(rules.map((r) => r.id).sort(), RULE_IDS);
      for (const r of rules) assert.match(r.helpUri, /^https?:\/\/\S+$/, `helpUri of ${r.id}`);
      const levels: Record<string, string> = { error: "error", warn: "warning", info: "note" };
      assert.equal(run.results.length, ERRORS_EXPECTED.length);
      run.results.forEach((res, i) => {
        const want = ERRORS_EXPECTED[i]!;
        assert.equal(res.ruleId, want.rule);
        assert.equal(rules[res.ruleIndex]?.id, res.ruleId, "ruleIndex points at the result's rule");
        assert.equal(res.level, levels[want.severity]);
        const loc = res.locations[0]!.physicalLocation;
        assert.equal(loc.artifactLocation.uri, want.file);
        assert.deepEqual(loc.region, {
          startLine: want.line,
          startColumn: want.column,
          endLine: want.endLine,
          endColumn: want.endColumn,
        });
        assert.ok(Object.keys(res.partialFingerprints).length > 0);
      });
      const fingerprints = run.results.flatMap((r) => Object.values(r.partialFingerprints));
      assert.equal(new Set(fingerprints).size, fingerprints.length, "partialFingerprints are unique");
    });

    it("junit: one testcase per linted file, a failure per error, warnings in system-out", async () => {
      const result = await lint(ERRORS, "--format", "junit");
      assert.equal(result.code, 1, describeRun(result));
      const xml = result.stdout;
      assert.match(xml, /^<\?xml version="1\.0"/);
      const cases = [...xml.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];
      const byName = new Map(cases.map((m) => [m[1] as string, m[3] ?? ""]));
      assert.deepEqual([...byName.keys()].sort(), [MODEL, TRIGGERS, INDEX]);
      assert.equal((byName.get(TRIGGERS)?.match(/<failure\b/g) ?? []).length, 2);
      assert.equal((byName.get(MODEL)?.match(/<failure\b/g) ?? []).length, 0);
      assert.match(byName.get(MODEL) ?? "", /<system-out>[\s\S]*stage-owner[\s\S]*<\/system-out>/);
      assert.equal((byName.get(INDEX)?.match(/<failure\b/g) ?? []).length, 0);
    });

    it("junit on a clean workspace: every file a passing testcase", async () => {
      const result = await lint(CLEAN, "--format", "junit");
      assert.equal(result.code, 0, describeRun(result));
      const names = [...result.stdout.matchAll(/<testcase\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(names.sort(), [MODEL, TRIGGERS, INDEX]);
      assert.doesNotMatch(result.stdout, /<failure\b/);
    });

    it("gitlab: Code Quality fields, severity mapping, fingerprints unique per occurrence", async () => {
      const result = await lint(ERRORS, "--format", "gitlab");
      assert.equal(result.code, 1, describeRun(result));
      const issues = JSON.parse(result.stdout) as {
        description: string;
        check_name: string;
        fingerprint: string;
        severity: string;
        location: { path: string; lines: { begin: number } };
      }[];
      assert.deepEqual(
        issues.map((i) => ({ check_name: i.check_name, severity: i.severity, location: i.location })),
        [
          { check_name: "stage-owner", severity: "minor", location: { path: MODEL, lines: { begin: 31 } } },
          {
            check_name: "unresolved-reference",
            severity: "major",
            location: { path: TRIGGERS, lines: { begin: 10 } },
          },
          {
            check_name: "unresolved-reference",
            severity: "major",
            location: { path: TRIGGERS, lines: { begin: 20 } },
          },
        ],
      );
      for (const i of issues) {
        assert.ok(i.description.length > 0);
        assert.match(i.fingerprint, /^\S{16,}$/);
      }
      // The two typos share rule, file and message: only the occurrence index tells them apart.
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    });

    it("gitlab fingerprints do not depend on line numbers", async () => {
      const dir = await temp("cli/errors");
      const before = JSON.parse((await lint(dir, "--format", "gitlab")).stdout) as { fingerprint: string }[];
      const file = path.join(dir, TRIGGERS);
      await fs.writeFile(file, `# a new first line\n\n${await fs.readFile(file, "utf8")}`);
      const after = JSON.parse((await lint(dir, "--format", "gitlab")).stdout) as {
        fingerprint: string;
        location: { lines: { begin: number } };
      }[];
      assert.deepEqual(
        after.map((i) => i.location.lines.begin),
        [31, 12, 22],
      );
      assert.deepEqual(
        after.map((i) => i.fingerprint),
        before.map((i) => i.fingerprint),
      );
    });

    it("github: one workflow command per diagnostic with exact positions", async () => {
      const result = await lint(ERRORS, "--format", "github");
      assert.equal(result.code, 1, describeRun(result));
      const lines = result.stdout.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 3, result.stdout);
      const prefixes = [
        `::warning file=${MODEL},line=31,col=5,endLine=31,endColumn=8,title=stage-owner::`,
        `::error file=${TRIGGERS},line=10,col=15,endLine=10,endColumn=18,title=unresolved-reference::`,
        `::error file=${TRIGGERS},line=20,col=17,endLine=20,endColumn=20,title=unresolved-reference::`,
      ];
      lines.forEach((line, i) => {
        assert.ok(line.startsWith(prefixes[i]!), `line ${i}: ${line}\nexpected prefix ${prefixes[i]}`);
        assert.ok(line.length > prefixes[i]!.length, "a message follows");
      });
      assert.match(lines[1]!, /mlq/);
    });

    it("github on a clean workspace prints nothing", async () => {
      const result = await lint(CLEAN, "--format", "github");
      assert.equal(result.code, 0, describeRun(result));
      assert.equal(result.stdout.trim(), "");
    });
  });

  describe("report options", () => {
    it("--output FILE writes the report there and summarises on stderr", async () => {
      const dir = await temp();
      const result = await runCli(["lint", ERRORS, "--format", "json", "--output", "reports/lint.json"], {
        cwd: dir,
      });
      assert.equal(result.code, 1, describeRun(result));
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /\b3 problems\b/);
      const written = JSON.parse(
        await fs.readFile(path.join(dir, "reports/lint.json"), "utf8"),
      ) as JsonEntry[];
      assert.deepEqual(written.map(withoutMessage), ERRORS_EXPECTED);
    });

    it("--output with stylish writes the report without colours", async () => {
      const dir = await temp();
      const result = await runCli(["lint", ERRORS, "-o", "lint.txt"], { cwd: dir });
      assert.equal(result.code, 1, describeRun(result));
      const text = await fs.readFile(path.join(dir, "lint.txt"), "utf8");
      assert.match(text, /unresolved-reference/);
      assert.equal(text.indexOf("\u001b["), -1);
    });

    it("--quiet drops warnings from the report; --max-warnings still counts them", async () => {
      const quiet = await lint(WARNINGS, "--quiet", "--format", "json");
      assert.equal(quiet.code, 0, describeRun(quiet));
      assert.deepEqual(parseJsonReport(quiet), []);
      const counted = await lint(WARNINGS, "--quiet", "--max-warnings", "0", "--format", "json");
      assert.equal(counted.code, 1, describeRun(counted));
      assert.deepEqual(parseJsonReport(counted), []);
      const errorsOnly = await lint(ERRORS, "--quiet", "--format", "json");
      assert.equal(errorsOnly.code, 1);
      assert.deepEqual(
        parseJsonReport(errorsOnly).map((e) => e.rule),
        ["unresolved-reference", "unresolved-reference"],
      );
    });

    it("--path-prefix prefixes paths in json and gitlab", async () => {
      const json = parseJsonReport(await lint(ERRORS, "--format", "json", "--path-prefix", "sub/dir"));
      assert.deepEqual(
        json.map((e) => e.file),
        [`sub/dir/${MODEL}`, `sub/dir/${TRIGGERS}`, `sub/dir/${TRIGGERS}`],
      );
      const gitlab = JSON.parse(
        (await lint(ERRORS, "--format", "gitlab", "--path-prefix", "sub/dir/")).stdout,
      ) as { location: { path: string } }[];
      assert.deepEqual(
        gitlab.map((i) => i.location.path),
        [`sub/dir/${MODEL}`, `sub/dir/${TRIGGERS}`, `sub/dir/${TRIGGERS}`],
      );
    });

    it("--now decides doc-stale: within maxAge clean, past it stale, before `reviewed` reported", async () => {
      const fresh = await lint(STALE, "--format", "json", "--now", "2026-03-01");
      assert.equal(fresh.code, 0, describeRun(fresh));
      assert.deepEqual(parseJsonReport(fresh), []);
      for (const now of ["2026-06-01", "2025-12-31"]) {
        const result = await lint(STALE, "--format", "json", "--now", now);
        assert.equal(result.code, 0, `warnings only: ${describeRun(result)}`);
        const entries = parseJsonReport(result);
        assert.deepEqual(
          entries.map((e) => ({ ...withoutMessage(e), suggestion: undefined, fix: undefined })),
          [
            {
              rule: "doc-stale",
              severity: "warn",
              file: "handbook/process.md",
              line: 4,
              column: 11,
              endLine: 4,
              endColumn: 21,
              suggestion: undefined,
              fix: undefined,
            },
          ],
          `--now ${now}`,
        );
      }
      // 2026-01-15 + 90 days = 2026-04-15: the last fresh day.
      const edge = await lint(STALE, "--format", "json", "--now", "2026-04-15");
      assert.deepEqual(parseJsonReport(edge), []);
    });
  });

  describe("--fix", () => {
    it("replaces `mlq` by `mql`, keeps every other byte, and reports what remains", async () => {
      const dir = await temp("cli/errors");
      const before = await snapshotFiles(dir);
      const original = before.get(TRIGGERS)!.toString("utf8");
      const result = await runCli(["lint", "--fix", "--format", "json"], { cwd: dir });
      // What remains is the warning: exit 0.
      assert.equal(result.code, 0, describeRun(result));
      assert.deepEqual(parseJsonReport(result).map(withoutMessage), [ERRORS_EXPECTED[0]]);

      const lines = original.split("\n");
      // 1-based line 10 column 15 and line 20 column 17 hold `mlq`.
      const splice = (line: number, column: number): void => {
        const text = lines[line - 1]!;
        assert.equal(text.slice(column - 1, column + 2), "mlq");
        lines[line - 1] = `${text.slice(0, column - 1)}mql${text.slice(column + 2)}`;
      };
      splice(10, 15);
      splice(20, 17);
      const after = await snapshotFiles(dir);
      assert.equal(after.get(TRIGGERS)!.toString("utf8"), lines.join("\n"));
      assert.match(after.get(TRIGGERS)!.toString("utf8"), /^# Lifecycle workflows\. Keep this comment/);
      assert.match(
        after.get(TRIGGERS)!.toString("utf8"),
        /setStage: mql {3}# the SDR queue picks these up\n/,
      );
      // Nothing else changed, nothing was added.
      assert.deepEqual([...after.keys()], [...before.keys()]);
      for (const [file, bytes] of before) {
        if (file !== TRIGGERS) assert.ok(bytes.equals(after.get(file)!), `${file} changed`);
      }
      // A second run has nothing left to fix.
      const again = await runCli(["lint", "--fix", "--format", "json"], { cwd: dir });
      assert.equal(again.code, 0);
      assert.ok((await fs.readFile(path.join(dir, TRIGGERS))).equals(after.get(TRIGGERS)!));
    });

    it("keeps CRLF line ends", async () => {
      const dir = await temp("cli/errors");
      const file = path.join(dir, TRIGGERS);
      const crlf = (await fs.readFile(file, "utf8")).replace(/\n/g, "\r\n");
      await fs.writeFile(file, crlf);
      const result = await runCli(["lint", "--fix", "--format", "json"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      assert.equal(await fs.readFile(file, "utf8"), crlf.replace(/mlq/g, "mql"));
    });

    it("keeps a leading BOM", async () => {
      const dir = await temp("cli/errors");
      const file = path.join(dir, TRIGGERS);
      const text = await fs.readFile(file, "utf8");
      await fs.writeFile(file, `\uFEFF${text}`);
      const result = await runCli(["lint", "--fix", "--format", "json"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      const bytes = await fs.readFile(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bytes.subarray(3).toString("utf8"), text.replace(/mlq/g, "mql"));
    });

    it("removes an unused disable comment (its whole line)", async () => {
      const dir = await temp("cli/clean");
      const file = path.join(dir, MODEL);
      const original = await fs.readFile(file, "utf8");
      const withComment = original.replace(
        "kind: Stage\nid: lead\n",
        "kind: Stage\n# revbook-disable-next-line stage-owner\nid: lead\n",
      );
      assert.notEqual(withComment, original);
      await fs.writeFile(file, withComment);
      const report = await runCli(["lint", "--format", "json"], { cwd: dir });
      assert.deepEqual(
        parseJsonReport(report).map((e) => [e.rule, e.line]),
        [["unused-disable", 24]],
      );
      const result = await runCli(["lint", "--fix", "--format", "json"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      assert.deepEqual(parseJsonReport(result), []);
      assert.equal(await fs.readFile(file, "utf8"), original);
    });

    it("leaves a clean workspace byte-identical", async () => {
      const dir = await temp("cli/clean");
      const before = await snapshotFiles(dir);
      const result = await runCli(["lint", "--fix"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      assert.deepEqual(await snapshotFiles(dir), before);
    });
  });

  describe("rules", () => {
    it("lists every rule of RULES.md with its default severity", async () => {
      const result = await runCli(["rules"], { cwd: REPO_ROOT });
      assert.equal(result.code, 0, describeRun(result));
      for (const [id, severity] of RULE_TABLE) {
        assert.match(result.stdout, new RegExp(`^${id}\\s+${severity}\\b`, "m"), `rules should list ${id}`);
      }
    });

    it("--format json: an array of {id, severity, description, fixable, docs}", async () => {
      const result = await runCli(["rules", "--format", "json"], { cwd: REPO_ROOT });
      assert.equal(result.code, 0, describeRun(result));
      const list = JSON.parse(result.stdout) as Record<string, unknown>[];
      assert.ok(Array.isArray(list));
      assert.deepEqual(list.map((r) => r.id).sort(), RULE_IDS);
      const severities = new Map(RULE_TABLE);
      for (const r of list) {
        assert.deepEqual(Object.keys(r).sort(), ["description", "docs", "fixable", "id", "severity"]);
        assert.equal(r.severity, severities.get(String(r.id)), `default severity of ${String(r.id)}`);
        assert.ok(typeof r.description === "string" && r.description.length > 0);
        assert.equal(typeof r.fixable, "boolean");
        assert.match(String(r.docs), new RegExp(`docs/rules/${String(r.id)}\\.md$`));
      }
      // CLI.md's safe fixes: a did-you-mean, a `replacedBy`, removing an unused disable comment.
      for (const id of ["unresolved-reference", "retired-property", "unused-disable"]) {
        assert.equal(list.find((r) => r.id === id)?.fixable, true, `${id} is fixable`);
      }
    });
  });

  describe("init", () => {
    it("writes a workspace that lints with exit 0 and no warnings", async () => {
      const dir = await temp();
      const result = await runCli(["init", "handbook-repo"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      const root = path.join(dir, "handbook-repo");
      assert.ok((await fs.stat(path.join(root, "revbook.yaml"))).isFile());
      const report = await runCli(["lint", "handbook-repo", "--format", "json", "--max-warnings", "0"], {
        cwd: dir,
      });
      assert.equal(report.code, 0, describeRun(report));
      assert.deepEqual(
        parseJsonReport(report).filter((e) => e.severity !== "info"),
        [],
      );
    });

    it("init in the current folder works too", async () => {
      const dir = await temp();
      const result = await runCli(["init"], { cwd: dir });
      assert.equal(result.code, 0, describeRun(result));
      assert.ok((await fs.stat(path.join(dir, "revbook.yaml"))).isFile());
    });

    it("refuses a folder that already has revbook.yaml: exit 2, nothing changed", async () => {
      const dir = await temp();
      await fs.writeFile(path.join(dir, "revbook.yaml"), "# mine\nversion: 1\ntitle: Keep me\n");
      const before = await snapshotFiles(dir);
      const result = await runCli(["init", "."], { cwd: dir });
      assertUsageError(result, /revbook\.yaml/);
      assert.deepEqual(await snapshotFiles(dir), before);
    });

    it("refuses to run twice in one folder", async () => {
      const dir = await temp();
      assert.equal((await runCli(["init", "ws"], { cwd: dir })).code, 0);
      const before = await snapshotFiles(dir);
      assertUsageError(await runCli(["init", "ws"], { cwd: dir }));
      assert.deepEqual(await snapshotFiles(dir), before);
    });
  });

  describe("finding the workspace", () => {
    it("lint in a sub-folder finds revbook.yaml upwards; paths stay relative to the root", async () => {
      const result = await runCli(["lint", "--format", "json"], { cwd: path.join(ERRORS, "definitions") });
      assert.equal(result.code, 1, describeRun(result));
      assert.deepEqual(parseJsonReport(result).map(withoutMessage), ERRORS_EXPECTED);
    });

    it("lint DIR with DIR a sub-folder of the workspace", async () => {
      const result = await lint(path.join(ERRORS, "handbook"), "--format", "json");
      assert.equal(result.code, 1, describeRun(result));
      assert.deepEqual(parseJsonReport(result).map(withoutMessage), ERRORS_EXPECTED);
    });
  });
});
