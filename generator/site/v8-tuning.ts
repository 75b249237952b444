/**
 * V8 settings for a site build that parses and renders (not for a warm build,
 * the linter or the language server). A cold build compiles the Markdown
 * parser's and renderer's large functions with TurboFan in three isolates
 * (the main thread and two workers), and inlining callees into them made that
 * compiling a fifth of the build's CPU time: `blocks` alone took about 50 ms per
 * compile. Without TurboFan's inlining the corpus build (bench/README.md) used
 * about 2 CPU-seconds less and finished about 1 s sooner, in alternating runs.
 * Flags V8 reads per compile job are safe to change at run time; flags that
 * shape the heap are not (`--single-threaded-gc` set this way crashed V8), so
 * only the first kind belongs here.
 */
import { setFlagsFromString } from "node:v8";

let tuned = false;

/** Applies the build's V8 flags once per process, before the parser and renderer are loaded. */
export function tuneV8ForBuild(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString("--no-turbo-inlining");
}
