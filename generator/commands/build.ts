/**
 * `revbook build [DIR]`: lint, then write the handbook site to `out`
 * (generator/site/build.ts does the work). Lint errors are reported like
 * `revbook lint` does and stop the build (exit 1) unless `--allow-errors`;
 * refusals (a dangerous or foreign `out`) exit 2. A spinner on a terminal,
 * plain progress lines otherwise.
 */
import { countBySeverity } from "../../core/diagnostic.js";
import { startProgress } from "../progress.js";
import { buildSite } from "../site/build-site.js";
import { BuildRefusal } from "../site/out-folder.js";
import { VERSION } from "../version.js";

export interface BuildCommandOptions {
  out?: string;
  baseUrl?: string;
  now: number;
  allowErrors: boolean;
  overwrite: boolean;
  /** Use the build cache (`--no-cache`: false). */
  cache?: boolean;
}

export async function runBuild(dir: string, options: BuildCommandOptions): Promise<number> {
  const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
  const progress = startProgress();
  const log = tty
    ? (line: string) => progress.update(line)
    : (line: string) => process.stderr.write(`revbook build: ${line}\n`);
  try {
    const result = await buildSite({
      dir,
      out: options.out,
      baseUrl: options.baseUrl,
      now: options.now,
      allowErrors: options.allowErrors,
      overwrite: options.overwrite,
      cache: options.cache,
      log,
    });
    progress.done();
    const counts = countBySeverity(result.diagnostics);
    if (result.code === 1) {
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      // The reporters are loaded only for this report (a build that passes never needs them).
      const { formatReport } = await import("../report/index.js");
      process.stderr.write(
        formatReport("stylish", {
          diagnostics: errors,
          files: result.workspace.files(),
          rules: result.workspace.rules.map((r) => r.meta),
          toolVersion: VERSION,
          color: false,
        }),
      );
      process.stderr.write(
        `revbook build: ${counts.error} lint errors; nothing was written. Fix them, or pass --allow-errors to publish anyway (they are listed on the status page).\n`,
      );
      return 1;
    }
    process.stdout.write(
      `Built ${result.files.length} files into ${result.out} (${counts.error} errors, ${counts.warn} warnings on the status page).\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BuildRefusal) {
      process.stderr.write(`revbook build: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    progress.done();
  }
}
