/**
 * Fingerprints that identify an issue across runs (GitLab `fingerprint`, SARIF
 * `partialFingerprints`): a sha256 over the rule id, the printed file path, the message
 * and the occurrence index of that (rule, file, message) triple, never line numbers, so
 * an issue keeps its identity when lines above it are added or removed.
 */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../../core/diagnostic.js";

/** The fingerprint of the `occurrence`-th (0-based) issue with this rule, file and message. */
export function fingerprint(rule: string, file: string, message: string, occurrence: number): string {
  return createHash("sha256").update(`${rule}\u0000${file}\u0000${message}\u0000${occurrence}`).digest("hex");
}

/**
 * Fingerprints of `sorted` (already in `compareDiagnostics` order), index for index.
 * `pathOf` maps a diagnostic's file to the printed path (with `--path-prefix`).
 */
export function fingerprintAll(sorted: readonly Diagnostic[], pathOf: (file: string) => string): string[] {
  const seen = new Map<string, number>();
  return sorted.map((d) => {
    const file = pathOf(d.file);
    const key = `${d.rule}\u0000${file}\u0000${d.message}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return fingerprint(d.rule, file, d.message, occurrence);
  });
}
