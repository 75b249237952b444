/**
 * Property tests (fast-check, fixed seed): random edits of real workspaces — the
 * `examples/acme` handbook and test/fixtures/loader — never make the linter throw,
 * and every diagnostic, fix and related location stays inside its file (an existing
 * line, a column no further than that line's length in UTF-16 code units, start ≤ end).
 * Edits: delete a range of lines, duplicate lines, insert characters (random text,
 * YAML and Markdown punctuation, tabs, line ends, BOM, NUL, non-BMP and unpaired
 * surrogates), truncate, swap two lines. Fixes are then applied and the result linted
 * again, as `lint --fix` does.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { compareDiagnostics, type Diagnostic } from "../core/diagnostic.js";
import { applyFixes } from "../core/lint/apply-fixes.js";
import { RULES } from "../core/rules/index.js";
import type { Workspace } from "../core/workspace.js";
import { assertDiagnosticsInside, FIXTURES, REPO_ROOT } from "./helpers/cli.js";
import { type Corpus, memoryWorkspace, readCorpus } from "./helpers/workspace.js";

const SEED = 20261122;

const CORPORA: Corpus[] = [];
const ACME = path.join(REPO_ROOT, "examples/acme");
if (existsSync(path.join(ACME, "revbook.yaml"))) CORPORA.push(readCorpus("examples/acme", ACME));
CORPORA.push(readCorpus("test/fixtures/loader", path.join(FIXTURES, "loader")));

type Mutation =
  | { kind: "delete"; file: number; at: number; count: number }
  | { kind: "duplicate"; file: number; at: number; count: number }
  | { kind: "insert"; file: number; at: number; text: string }
  | { kind: "truncate"; file: number; at: number }
  | { kind: "swap"; file: number; a: number; b: number };

/** Fragments that mean something to YAML, Markdown, revbook or a text decoder. */
const FRAGMENTS = [
  ": ",
  ":",
  "- ",
  "-",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&a ",
  "*a",
  "<<: *a\n",
  "!",
  "!!str ",
  "|",
  ">",
  "'",
  '"',
  "%YAML 1.2\n",
  "@",
  "`",
  "#",
  "?",
  "---\n",
  "...\n",
  "\t",
  "  ",
  "\n",
  "\r\n",
  "\r",
  "\uFEFF",
  "\u0000",
  "😀",
  "👩‍💼",
  "e\u0301",
  "\u202E",
  "\u2028",
  "\uD800",
  "\uDFFF",
  "<!--",
  "-->",
  "<!-- revbook-disable-next-line -->\n",
  "# revbook-disable-next-line unresolved-reference\n",
  "# revbook-disable schema\n",
  "](",
  "[x](stage:",
  "[y](#",
  "::stages{pipeline=",
  "__proto__: ",
  "constructor",
  "kind: Stage\n",
  "id: x\n",
  "> ",
  "1. ",
  "|---|\n",
];

const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ unit: fc.constantFrom(...FRAGMENTS), minLength: 1, maxLength: 6 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    file: fc.nat(),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    file: fc.nat(),
    at: fc.nat(),
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant("insert" as const), file: fc.nat(), at: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant("insert" as const), file: fc.nat(), at: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant("truncate" as const), file: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), file: fc.nat(), a: fc.nat(), b: fc.nat() }),
);

/** Lines with their line ends kept, so deleting, duplicating and swapping keep CRLF intact. */
function chunks(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function mutate(text: string, m: Mutation): string {
  const lines = chunks(text);
  switch (m.kind) {
    case "delete": {
      const at = m.at % Math.max(1, lines.length);
      lines.splice(at, m.count);
      return lines.join("");
    }
    case "duplicate": {
      const at = m.at % Math.max(1, lines.length);
      const copy = lines.slice(at, at + m.count);
      const last = copy.length - 1;
      if (last >= 0 && !/\n$/.test(copy[last] as string)) copy[last] += "\n";
      lines.splice(at, 0, ...copy);
      return lines.join("");
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "swap": {
      if (lines.length < 2) return text;
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      const swapped = [...lines];
      swapped[a] = lines[b] as string;
      swapped[b] = lines[a] as string;
      // A last line without its line end moved up would join the next line: give it one.
      return swapped.map((l, i) => (i < swapped.length - 1 && !/\n$/.test(l) ? `${l}\n` : l)).join("");
    }
    default: {
      const never: never = m;
      throw new Error(`unknown mutation ${JSON.stringify(never)}`);
    }
  }
}

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));

/** Lints and checks every invariant; returns the diagnostics. */
function lintAndCheck(ws: Workspace, files: ReadonlyMap<string, string>): Diagnostic[] {
  const diagnostics = ws.lint();
  assertDiagnosticsInside(diagnostics, (file) => ws.source(file)?.text);
  for (const d of diagnostics) {
    assert.ok(files.has(d.file), `diagnostic in a file that is not in the workspace: ${d.file}`);
    assert.ok(RULE_IDS.has(d.rule), `unknown rule ${d.rule}`);
    assert.ok(["error", "warn", "info"].includes(d.severity), `bad severity ${d.severity}`);
    assert.ok(typeof d.message === "string" && d.message.length > 0, `empty message from ${d.rule}`);
  }
  for (let i = 1; i < diagnostics.length; i++) {
    assert.ok(compareDiagnostics(diagnostics[i - 1]!, diagnostics[i]!) <= 0, "diagnostics are sorted");
  }
  return diagnostics;
}

for (const corpus of CORPORA) {
  describe(`property: random edits of ${corpus.name}`, function () {
    this.timeout(180_000);
    const names = [...corpus.files.keys()];

    it("the unedited workspace lints without throwing, every range inside its file", () => {
      const ws = memoryWorkspace(Object.fromEntries(corpus.files), corpus.config);
      lintAndCheck(ws, corpus.files);
    });

    it("never throws; every diagnostic, fix and related location lies inside its file", () => {
      // One workspace for every run: only the edited files are re-parsed, then restored.
      const ws = memoryWorkspace(Object.fromEntries(corpus.files), corpus.config);
      fc.assert(
        fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
          const edited = new Map<string, string>();
          for (const m of mutations) {
            const file = names[m.file % names.length] as string;
            edited.set(file, mutate(edited.get(file) ?? (corpus.files.get(file) as string), m));
          }
          try {
            for (const [file, text] of edited) ws.set(file, { text });
            const diagnostics = lintAndCheck(ws, corpus.files);
            // Apply the safe fixes, as `lint --fix` does, and lint the result again.
            const byFile = new Map<string, Diagnostic[]>();
            for (const d of diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
            for (const [file, fixes] of byFile) {
              const source = ws.source(file);
              if (source) ws.set(file, { text: applyFixes(source.text, fixes).text });
              edited.set(file, "");
            }
            if (byFile.size > 0) lintAndCheck(ws, corpus.files);
          } finally {
            for (const file of edited.keys()) ws.set(file, { text: corpus.files.get(file) as string });
          }
        }),
        { numRuns: corpus.name === "examples/acme" ? 100 : 60, seed: SEED, endOnFailure: false },
      );
    });
  });
}
