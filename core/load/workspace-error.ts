/**
 * The error that stops a run before linting (exit code 2): a missing folder,
 * or a missing or invalid revbook.yaml. A module of its own so that the CLI
 * can recognise it without loading the engine.
 */
import type { ConfigProblem } from "../config.js";

/** A problem that stops the run before linting (exit code 2). */
export class WorkspaceError extends Error {
  constructor(
    message: string,
    /** `revbook.yaml` problems, printed as `revbook.yaml:LINE:COL: message`. */
    readonly problems: ConfigProblem[] = [],
    /** Path of the config file, relative to the current folder, for the printed lines. */
    readonly configPath?: string,
  ) {
    super(message);
  }
}
