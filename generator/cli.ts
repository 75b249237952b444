/**
 * The `revbook` command line (CLI.md): parses arguments with commander, runs a
 * command, and maps every failure to an exit code (0 ok, 1 lint errors, 2 usage
 * or configuration) with a message that names the problem and the fix. Each
 * command's implementation is imported when that command runs: a warm
 * `revbook build` must not pay for loading the linter's reporters, the
 * language server or `serve`'s HTTP and watch code.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { WorkspaceError } from "../core/load/workspace-error.js";
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from "./report/report-input.js";
import { VERSION } from "./version.js";

/** `--now` takes a calendar date; the run measures from its start, UTC. */
export function parseNow(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, e.g. 2026-01-31 (got "${value}")`);
  }
  return ms;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new InvalidArgumentError(`expected a port number from 0 to 65535 (got "${value}")`);
  return n;
}

function parseFormat(value: string): ReportFormat {
  if (!isReportFormat(value))
    throw new InvalidArgumentError(`expected one of ${REPORT_FORMATS.join(", ")} (got "${value}")`);
  return value;
}

function today(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("revbook")
    .description(
      "RevOps definitions as code: lint the CRM data model, stages, triggers and scoring; publish a handbook.",
    )
    .version(VERSION, "-v, --version", "print the version")
    .option("--debug", "print stack traces of unexpected failures")
    .showHelpAfterError("(run `revbook --help` for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command("lint")
    .description("load, validate and lint the workspace (the nearest revbook.yaml upwards from DIR)")
    .argument("[dir]", "a folder inside the workspace", ".")
    .addOption(
      new Option("-f, --format <format>", `report format: ${REPORT_FORMATS.join(", ")}`)
        .default("stylish")
        .argParser(parseFormat),
    )
    .option("-o, --output <file>", "write the report to FILE (stylish still summarises on stderr)")
    .option("--max-warnings <n>", "fail when there are more than N warnings", parseCount)
    .option("-q, --quiet", "report errors only (warnings still count for --max-warnings)", false)
    .option(
      "--fix",
      "apply safe fixes in place, keeping comments and formatting, then report what remains",
      false,
    )
    .option("--now <date>", "the date doc-stale measures from, YYYY-MM-DD (default: today, UTC)", parseNow)
    .option(
      "--path-prefix <dir>",
      "prepend DIR to every path in the report (a workspace inside a larger repository)",
    )
    .option("--no-color", "no colours in the stylish report")
    .action(async (dir: string, opts) => {
      const { runLint } = await import("./commands/lint.js");
      setExit(
        await runLint(dir, {
          format: opts.format as ReportFormat,
          output: opts.output,
          maxWarnings: opts.maxWarnings,
          quiet: Boolean(opts.quiet),
          fix: Boolean(opts.fix),
          now: opts.now ?? today(),
          pathPrefix: opts.pathPrefix,
          color: opts.color !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        }),
      );
    });

  program
    .command("rules")
    .description("list every rule with its default severity and description")
    .addOption(new Option("-f, --format <format>", "text or json").choices(["text", "json"]).default("text"))
    .action(async (opts) => {
      const { runRules } = await import("./commands/rules.js");
      setExit(runRules(opts.format));
    });

  program
    .command("init")
    .description("write a small, valid starter workspace (never overwrites existing files)")
    .argument("[dir]", "folder to create it in", ".")
    .action(async (dir: string) => {
      const { runInit } = await import("./commands/init.js");
      setExit(await runInit(dir));
    });

  program
    .command("build")
    .description("lint, then write the handbook site to `out`")
    .argument("[dir]", "a folder inside the workspace", ".")
    .option("--out <dir>", "output folder")
    .option("--base-url <path>", "site served under a sub-path")
    .option("--now <date>", "YYYY-MM-DD", parseNow)
    .option("--allow-errors", "build even with lint errors")
    .option("--overwrite", "replace an `out` that holds files revbook did not write")
    .option("--no-cache", "neither read nor write the build cache (.revbook/cache/)")
    .action(async (dir: string, opts) => {
      const { runBuild } = await import("./commands/build.js");
      setExit(
        await runBuild(dir, {
          out: opts.out,
          baseUrl: opts.baseUrl,
          now: opts.now ?? today(),
          allowErrors: Boolean(opts.allowErrors),
          overwrite: Boolean(opts.overwrite),
          cache: opts.cache !== false,
        }),
      );
    });

  program
    .command("serve")
    .description("build, serve on 127.0.0.1:4000, rebuild on change")
    .argument("[dir]", "a folder inside the workspace", ".")
    .option("--port <port>", "port to listen on (0: any free port)", parsePort, 4000)
    .option("--host <host>", "address to listen on (default: this computer only)", "127.0.0.1")
    .action(async (dir: string, opts: { port: number; host: string }) => {
      const { runServe } = await import("./commands/serve.js");
      setExit(await runServe(dir, { port: opts.port, host: opts.host, now: today() }));
    });

  program
    .command("lsp")
    .description("run the language server over standard input/output")
    .option("--stdio", "talk LSP over stdin/stdout")
    // Editor clients add their own flags (vscode-languageclient: `--clientProcessId=PID`).
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (opts: { stdio?: boolean }) => {
      if (!opts.stdio) {
        process.stderr.write(
          "revbook lsp: --stdio is required (the server talks LSP over standard input/output): run `revbook lsp --stdio`\n",
        );
        setExit(2);
        return;
      }
      const { startServer } = await import("../extension/server/server.js");
      await startServer();
      setExit(0);
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
      )
        return 0;
      return 2;
    }
    if (error instanceof WorkspaceError) {
      if (error.problems.length > 0) {
        const file = error.configPath ?? "revbook.yaml";
        for (const p of error.problems) process.stderr.write(`${file}:${p.line}:${p.column}: ${p.message}\n`);
      } else process.stderr.write(`revbook: ${error.message}\n`);
      return 2;
    }
    const err = error as NodeJS.ErrnoException;
    if (err?.code === "EACCES" || err?.code === "EPERM" || err?.code === "EROFS" || err?.code === "ENOSPC") {
      process.stderr.write(`revbook: cannot write: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`revbook: unexpected failure: ${err?.message ?? String(error)}\n`);
    if (argv.includes("--debug") && err?.stack) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
