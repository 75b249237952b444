/** Builds the extension's bundles (extension/build.ts) once per test run, for the tests that read them. */
import { bundle } from "../../extension/build.js";

let built: Promise<void> | undefined;

export function bundleOnce(): Promise<void> {
  built ??= bundle();
  return built;
}
