/**
 * Positions from the loaders (core/load): every expected line and column below is
 * worked out from the input text (1-based in `brief`, end column exclusive, columns
 * in UTF-16 code units). Covers YAML anchors and aliases, multi-document files,
 * CRLF, a leading BOM, flow mappings, non-BMP characters, Markdown front matter,
 * link URL ranges, heading slugs (github-slugger) and directive attributes.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import { parseMarkdown } from "../core/load/markdown-source.js";
import { decodeText, parseSourceFile } from "../core/load/source-file.js";
import { parseYaml } from "../core/load/yaml-source.js";
import { LineIndex } from "../core/position.js";
import { makeTempDir, removeTempDir } from "./helpers/cli.js";
import { brief, lintFolder, memoryWorkspace } from "./helpers/workspace.js";

/** A small, valid model every test builds on (contact, its lifecycle, team `sdr`). */
const MODEL = `kind: Team
id: sdr
---
kind: Object
id: contact
owner: sdr
properties:
  - id: lifecyclestage
    type: enum
    options: [lead, marketingqualifiedlead]
  - id: lead_score
    type: number
  - id: jobtitle
    type: string
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
owner: sdr
stages: [lead, mql]
---
kind: Stage
id: lead
definition: A named contact.
owner: sdr
exitCriteria: [Scores 60]
manual: true
---
kind: Stage
id: mql
crmValue: marketingqualifiedlead
definition: Worth a call.
owner: sdr
terminal: true
manual: true
`;

function lint(files: Record<string, string>): Diagnostic[] {
  return memoryWorkspace({ "definitions/model.yaml": MODEL, ...files }).lint();
}

/** `brief` of the diagnostics of one rule. */
function of(diagnostics: Diagnostic[], rule: string): string[] {
  return diagnostics.filter((d) => d.rule === rule).map(brief);
}

/** 1-based `file:line:col-endLine:endCol` of a related location. */
function where(r: { file: string; range: Diagnostic["range"] }): string {
  return `${r.file}:${r.range.start.line + 1}:${r.range.start.column + 1}-${r.range.end.line + 1}:${r.range.end.column + 1}`;
}

/** Errors and warnings only (infos such as `unused-definition` depend on what else is defined). */
function failing(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity !== "info").map(brief);
}

describe("loader positions", () => {
  describe("YAML anchors and aliases", () => {
    // Line 8: `      - when: &senior { property: jobtitel` puts `jobtitel` at 0-based column 34.
    // Line 12: `      - when: *senior` puts the alias at 0-based columns 14-21.
    const SCORING = `kind: ScoringModel
id: lead-score
object: contact
property: lead_score
groups:
  - id: fit
    rules:
      - when: &senior { property: jobtitel, op: eq, value: VP }
        points: 10
  - id: again
    rules:
      - when: *senior
        points: 5
`;

    it("parseYaml: values behind an alias carry the anchor's positions; alias sites are recorded", () => {
      const lines = new LineIndex(SCORING);
      const { documents, diagnostics } = parseYaml(SCORING, "s.yaml", lines);
      assert.deepEqual(diagnostics, []);
      const doc = documents[0]!;
      const anchored = doc.locations.get("/groups/0/rules/0/when/property")!.value;
      const aliased = doc.locations.get("/groups/1/rules/0/when/property")!.value;
      assert.deepEqual(anchored, { start: { line: 7, column: 34 }, end: { line: 7, column: 42 } });
      assert.deepEqual(aliased, anchored);
      // The alias node itself is located at the alias.
      assert.deepEqual(doc.locations.get("/groups/1/rules/0/when")!.value, {
        start: { line: 11, column: 14 },
        end: { line: 11, column: 21 },
      });
      const sites = doc.aliasSites.get("/groups/0/rules/0/when");
      assert.deepEqual(sites, [{ start: { line: 11, column: 14 }, end: { line: 11, column: 21 } }]);
    });

    it("a diagnostic inside anchored content is reported once, at the anchor, with the alias as related", () => {
      const diagnostics = lint({ "definitions/scoring.yaml": SCORING });
      const unresolved = diagnostics.filter((d) => d.rule === "unresolved-reference");
      assert.deepEqual(unresolved.map(brief), ["unresolved-reference definitions/scoring.yaml:8:35-8:43"]);
      const d = unresolved[0]!;
      assert.equal(d.suggestion, "did you mean `jobtitle`?");
      assert.deepEqual(d.fix, { range: d.range, text: "jobtitle" });
      // FORMAT.md §2: "content behind an anchor is checked once, at the anchor, with the alias sites as related".
      assert.deepEqual(
        (d.related ?? []).map(where),
        ["definitions/scoring.yaml:12:15-12:22"],
        "the alias site should be a related location",
      );
    });

    it("a value-type problem behind an anchor: once, at the anchor's value, alias as related", () => {
      // Line 8: `    - &big { property: lead_score, op: gte, value: ` is 51 characters.
      const trigger = `kind: Trigger
id: promote
object: contact
owner: sdr
when:
  any:
    - { property: jobtitle, op: eq, value: VP }
    - &big { property: lead_score, op: gte, value: "sixty" }
    - not: *big
actions:
  - setStage: mql
`;
      const diagnostics = lint({ "definitions/trigger.yaml": trigger });
      const found = diagnostics.filter((d) => d.rule === "value-type");
      assert.deepEqual(found.map(brief), ["value-type definitions/trigger.yaml:8:52-8:59"]);
      assert.deepEqual((found[0]!.related ?? []).map(where), ["definitions/trigger.yaml:9:12-9:16"]);
    });

    it("an unknown alias is a yaml-syntax error at the alias", () => {
      const text = "kind: Team\nid: ops\nmembers: *nobody\n";
      const diagnostics = lint({ "definitions/team.yaml": text });
      const syntax = diagnostics.filter((d) => d.rule === "yaml-syntax");
      assert.ok(syntax.length >= 1, JSON.stringify(diagnostics));
      // `members: ` is 9 characters: the alias starts in column 10, on line 3.
      assert.ok(
        syntax.every((d) => d.range.start.line === 2 && d.range.start.column === 9),
        syntax.map(brief).join("\n"),
      );
    });
  });

  describe("multi-document files", () => {
    it("a diagnostic in the 3rd document has the right line", () => {
      const text = `# Teams and one trigger.
kind: Team
id: marketing
---
# second document
kind: Team
id: sales

---
kind: Trigger
id: promote
object: contact
owner: marketing
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
actions:
  - setStage: mlq
`;
      // Line 18: `  - setStage: ` is 14 characters.
      const diagnostics = lint({ "definitions/mixed.yaml": text });
      assert.deepEqual(of(diagnostics, "unresolved-reference"), [
        "unresolved-reference definitions/mixed.yaml:18:15-18:18",
      ]);
    });

    it("each document of a file is its own definition; empty documents are ignored", () => {
      const text = "---\nkind: Team\nid: a\n---\n---\nkind: Team\nid: b\n---\n";
      const source = parseSourceFile("definitions/t.yaml", "yaml", { text });
      assert.deepEqual(source.diagnostics, []);
      assert.deepEqual(
        source.documents.map((d) => (d.doc.value as { id: string }).id),
        ["a", "b"],
      );
      assert.deepEqual(
        source.documents.map((d) => d.doc.locations.get("/id")!.value.start.line),
        [2, 6],
      );
    });

    it("a syntax error in one document leaves the others linted", () => {
      const text = "kind: Team\nid: a\n---\nkind: Team\nid: [b\n---\nkind: Team\nid: c\nowner: nobody\n";
      const diagnostics = lint({ "definitions/t.yaml": text });
      assert.ok(diagnostics.some((d) => d.rule === "yaml-syntax" && d.range.start.line >= 4));
      // `owner: ` is 7 characters; line 9.
      assert.deepEqual(of(diagnostics, "unresolved-reference"), [
        "unresolved-reference definitions/t.yaml:9:8-9:14",
      ]);
    });

    it("duplicate ids across files: reported on the later file with the first as related", () => {
      const diagnostics = lint({ "definitions/z-teams.yaml": "# again\nkind: Team\nid: sdr\n" });
      const dup = diagnostics.filter((d) => d.rule === "duplicate-id");
      assert.deepEqual(dup.map(brief), ["duplicate-id definitions/z-teams.yaml:3:5-3:8"]);
      assert.deepEqual((dup[0]!.related ?? []).map(where), ["definitions/model.yaml:2:5-2:8"]);
    });
  });

  describe("line ends and BOM", () => {
    const TRIGGER = `kind: Trigger
id: promote
object: contact
owner: sdr
when:
  all:
    - { property: lead_scor, op: gte, value: 60 }
    - { property: lifecyclestage, op: eq, value: lead }
actions:
  - setStage: mlq
`;
    // Line 7: `    - { property: ` is 18 characters; line 10: `  - setStage: ` is 14.
    const EXPECTED = [
      "unresolved-reference definitions/t.yaml:7:19-7:28",
      "unresolved-reference definitions/t.yaml:10:15-10:18",
    ];

    it("LF", () => {
      assert.deepEqual(of(lint({ "definitions/t.yaml": TRIGGER }), "unresolved-reference"), EXPECTED);
    });

    it("CRLF gives the same lines and columns as LF", () => {
      const crlf = TRIGGER.replace(/\n/g, "\r\n");
      const diagnostics = lint({ "definitions/t.yaml": crlf });
      assert.deepEqual(of(diagnostics, "unresolved-reference"), EXPECTED);
      // The fix range is the same too, so `--fix` edits exactly `mlq`.
      const fix = diagnostics.find((d) => d.fix && d.range.start.line === 9)?.fix;
      assert.deepEqual(fix, {
        range: { start: { line: 9, column: 14 }, end: { line: 9, column: 17 } },
        text: "mql",
      });
    });

    it("a leading BOM does not shift columns (in memory)", () => {
      const diagnostics = lint({ "definitions/t.yaml": `\uFEFF${TRIGGER}` });
      assert.deepEqual(of(diagnostics, "unresolved-reference"), EXPECTED);
      // First-line positions are where the BOM would shift them: `kind` starts in column 1.
      const source = parseSourceFile("definitions/t.yaml", "yaml", { text: `\uFEFF${TRIGGER}` });
      assert.deepEqual(source.documents[0]!.doc.locations.get("/kind")!.key, {
        start: { line: 0, column: 0 },
        end: { line: 0, column: 4 },
      });
    });

    it("a leading BOM and CRLF read from disk", async () => {
      const dir = await makeTempDir();
      try {
        await fs.writeFile(path.join(dir, "revbook.yaml"), "\uFEFFversion: 1\r\n");
        await fs.mkdir(path.join(dir, "definitions"));
        await fs.writeFile(path.join(dir, "definitions/model.yaml"), `\uFEFF${MODEL}`);
        await fs.writeFile(path.join(dir, "definitions/t.yaml"), `\uFEFF${TRIGGER.replace(/\n/g, "\r\n")}`);
        const diagnostics = await lintFolder(dir);
        assert.deepEqual(of(diagnostics, "unresolved-reference"), EXPECTED);
        assert.deepEqual(of(diagnostics, "yaml-syntax"), []);
        assert.deepEqual(of(diagnostics, "schema"), []);
      } finally {
        await removeTempDir(dir);
      }
    });

    it("decodeText drops the BOM and refuses NUL bytes and invalid UTF-8", () => {
      assert.deepEqual(decodeText(Buffer.from("\uFEFFid: x\n", "utf8")), { text: "id: x\n" });
      assert.ok("unreadable" in decodeText(Uint8Array.from([0x69, 0x64, 0x00, 0x3a])));
      assert.ok("unreadable" in decodeText(Uint8Array.from([0x69, 0xc3, 0x28])));
    });

    it("LineIndex: LF, CRLF and lone CR all end lines; columns count UTF-16 code units", () => {
      const lines = new LineIndex("a\nb\r\nc\rd😀e");
      assert.equal(lines.lineCount, 4);
      assert.deepEqual(lines.positionAt(lines.text.indexOf("e")), { line: 3, column: 3 });
      assert.equal(lines.lineText(1), "b");
      assert.equal(lines.offsetAt({ line: 2, column: 0 }), 5);
    });

    it("LineIndex: an offset between the CR and the LF of a CRLF is the end of its line", () => {
      // The yaml parser reports some errors ending at the LF of a CRLF (found by the property test):
      // the position must stay inside the line, at its end.
      const lines = new LineIndex("a\r\nb");
      assert.deepEqual(lines.positionAt(1), { line: 0, column: 1 });
      assert.deepEqual(lines.positionAt(2), { line: 0, column: 1 });
      assert.deepEqual(lines.positionAt(3), { line: 1, column: 0 });
    });

    it("a YAML error at a CRLF stays inside its line", () => {
      const text = 'kind: Team\r\nid: sdr\r\nmembers: ["\r\n: x", y]\r\n';
      const source = parseSourceFile("definitions/t.yaml", "yaml", { text });
      assert.ok(source.diagnostics.length > 0);
      for (const d of source.diagnostics) {
        for (const p of [d.range.start, d.range.end]) {
          assert.ok(
            p.column <= source.lines.lineText(p.line).length,
            `${JSON.stringify(d.range)} ${d.message}`,
          );
        }
      }
    });
  });

  describe("flow mappings and non-BMP characters", () => {
    it('`{ property: lead_score, op: gte, value: "sixty" }`: value-type at exactly `"sixty"`', () => {
      // Line 7: `    - { property: lead_score, op: gte, value: ` is 46 characters; `"sixty"` is 7.
      const text = `kind: Trigger
id: promote
object: contact
owner: sdr
when:
  all:
    - { property: lead_score, op: gte, value: "sixty" }
actions:
  - setStage: mql
`;
      const diagnostics = lint({ "definitions/t.yaml": text });
      assert.deepEqual(of(diagnostics, "value-type"), ["value-type definitions/t.yaml:7:47-7:54"]);
    });

    it("columns after an emoji count UTF-16 code units", () => {
      const prefix = '  all: [{ property: jobtitle, op: eq, value: "Zoë 😀" }, { property: ';
      // 😀 is one code point but two UTF-16 code units (and four UTF-8 bytes); ë is one unit, two bytes.
      assert.equal(prefix.length, 69);
      assert.equal([...prefix].length, 68);
      assert.equal(Buffer.byteLength(prefix, "utf8"), 72);
      const text = `kind: Trigger
id: promote
object: contact
owner: sdr
when:
${prefix}lead_scor, op: gte, value: 1 }]
actions: [{ setStage: mql }]
`;
      const diagnostics = lint({ "definitions/t.yaml": text });
      assert.deepEqual(of(diagnostics, "unresolved-reference"), [
        "unresolved-reference definitions/t.yaml:6:70-6:79",
      ]);
    });

    it("an unknown field after a non-BMP key is reported at its key in UTF-16 columns", () => {
      // `extra: { ` is 9 units, 𝒳 (U+1D4B3) two more, `: 1, ` five: `colour` starts at index 16.
      const text = "kind: Team\nid: ops\nextra: { 𝒳: 1, colour: red }\n";
      const source = parseSourceFile("definitions/t.yaml", "yaml", { text });
      assert.deepEqual(source.documents[0]!.doc.locations.get("/extra/colour")!.key, {
        start: { line: 2, column: 16 },
        end: { line: 2, column: 22 },
      });
      const diagnostics = lint({ "definitions/t.yaml": text });
      assert.deepEqual(of(diagnostics, "schema"), ["schema definitions/t.yaml:3:1-3:6"]);
    });
  });

  describe("Markdown", () => {
    it("front matter fields: reference and schema problems at the exact value", () => {
      const doc = `---
title: Routing
owner: sdrr
weight: heavy
---

# Routing
`;
      const diagnostics = lint({ "handbook/routing.md": doc });
      // A value of the wrong type makes the front matter invalid; its references are then not checked.
      assert.deepEqual(of(diagnostics, "schema"), ["schema handbook/routing.md:4:9-4:14"]);
      const owner = lint({ "handbook/routing.md": doc.replace("weight: heavy\n", "") });
      assert.deepEqual(of(owner, "unresolved-reference"), [
        "unresolved-reference handbook/routing.md:3:8-3:12",
      ]);
      const d = owner.find((x) => x.rule === "unresolved-reference")!;
      assert.equal(d.suggestion, "did you mean `sdr`?");
    });

    it("front matter: an unknown field at its key; a missing title at the opening `---`", () => {
      const unknown = lint({ "handbook/a.md": "---\ntitle: A\nowner: sdr\ntitel: B\n---\n\n# A\n" });
      assert.deepEqual(of(unknown, "schema"), ["schema handbook/a.md:4:1-4:6"]);
      const missing = lint({ "handbook/b.md": "---\nowner: sdr\n---\n\n# B\n" });
      assert.deepEqual(of(missing, "schema"), ["schema handbook/b.md:1:1-1:4"]);
    });

    it("front matter positions with CRLF and after a BOM", () => {
      const doc = "---\r\ntitle: Routing\r\nowner: sdrr\r\n---\r\n\r\n# Routing\r\n";
      for (const text of [doc, `\uFEFF${doc}`]) {
        assert.deepEqual(of(lint({ "handbook/routing.md": text }), "unresolved-reference"), [
          "unresolved-reference handbook/routing.md:3:8-3:12",
        ]);
      }
    });

    it("front matter `related` entries are located one by one", () => {
      const doc = "---\ntitle: A\nowner: sdr\nrelated:\n  - stage:mql\n  - stage:mlq\n---\n\n# A\n";
      assert.deepEqual(of(lint({ "handbook/a.md": doc }), "unresolved-reference"), [
        "unresolved-reference handbook/a.md:6:5-6:14",
      ]);
    });

    it("link URL ranges: inline, with a title, reference definitions, autolinks, after an emoji", () => {
      const doc = `---
title: Links
owner: sdr
---

See the [MQL stage](stage:mlq) and [another][r].
Also [titled](stage:mlq "The MQL stage") and <stage:mlq>.
😀 [after emoji](stage:mlq)

[r]: stage:mlq
`;
      // Line 6: `See the [MQL stage](` is 20 characters; `stage:mlq` is 9.
      // Line 7: `Also [titled](` is 14; `Also [titled](stage:mlq "The MQL stage") and <` is 46.
      // Line 8: `😀 [after emoji](` is 17 UTF-16 units.
      // Line 10: `[r]: ` is 5.
      const diagnostics = lint({ "handbook/links.md": doc });
      const unresolved = diagnostics.filter((d) => d.rule === "unresolved-reference");
      assert.deepEqual(unresolved.map(brief), [
        "unresolved-reference handbook/links.md:6:21-6:30",
        "unresolved-reference handbook/links.md:7:15-7:24",
        "unresolved-reference handbook/links.md:7:47-7:56",
        "unresolved-reference handbook/links.md:8:18-8:27",
        "unresolved-reference handbook/links.md:10:6-10:15",
      ]);
      for (const d of unresolved) assert.deepEqual(d.fix, { range: d.range, text: "stage:mql" });
    });

    it("a link or `related` entry with a malformed %-escape is an unresolved reference, not a crash", () => {
      // Found by the property test: `decodeURIComponent("ml%!q")` throws.
      const doc = '---\ntitle: A\nowner: sdr\nrelated: ["stage:ml%!q"]\n---\n\n[x](stage:ml%!q)\n';
      // Line 4: `related: [` is 10 characters and the quoted entry 13; line 7: `[x](` is 4, the URL 11.
      assert.deepEqual(of(lint({ "handbook/a.md": doc }), "unresolved-reference"), [
        "unresolved-reference handbook/a.md:4:11-4:24",
        "unresolved-reference handbook/a.md:7:5-7:16",
      ]);
    });

    it("parseMarkdown: link and URL ranges", () => {
      const text = "Read [the guide](../sales/routing.md#territories).\n";
      const { document } = parseMarkdown(text, "a.md", new LineIndex(text));
      assert.deepEqual(document.links, [
        {
          url: "../sales/routing.md#territories",
          range: { start: { line: 0, column: 5 }, end: { line: 0, column: 49 } },
          urlRange: { start: { line: 0, column: 17 }, end: { line: 0, column: 48 } },
        },
      ]);
    });

    it("heading slugs follow github-slugger: duplicates get -1, punctuation and emoji dropped", () => {
      const text = [
        "# Lead routing",
        "## Lead routing",
        "## Why now?",
        "## Café & Co.",
        "## 🚀 Launch",
        "## The `mql` [stage](stage:mql)",
        "Setext heading",
        "--------------",
        "## Lead routing",
        "",
      ].join("\n");
      const { document } = parseMarkdown(text, "a.md", new LineIndex(text));
      assert.deepEqual(
        document.headings.map((h) => [h.depth, h.slug, h.range.start.line]),
        [
          [1, "lead-routing", 0],
          [2, "lead-routing-1", 1],
          [2, "why-now", 2],
          [2, "café--co", 3],
          [2, "-launch", 4],
          [2, "the-mql-stage", 5],
          [2, "setext-heading", 6],
          [2, "lead-routing-2", 8],
        ],
      );
    });

    it("links to heading anchors: `#lead-routing-1` exists, `#lead-routing-2` does not", () => {
      const doc = `---
title: Anchors
owner: sdr
---

# Lead routing

## Lead routing

[ok](#lead-routing-1) and [broken](#lead-routing-2)
`;
      // Line 10: `[ok](#lead-routing-1) and [broken](` is 35 characters; the URL is 15.
      assert.deepEqual(of(lint({ "handbook/a.md": doc }), "doc-broken-link"), [
        "doc-broken-link handbook/a.md:10:36-10:51",
      ]);
    });

    it("directive attributes: quoted, unquoted, #id and .class shorthands", () => {
      const text = [
        '::stages{pipeline="lifecycle"}',
        "::properties{object=contact}",
        '::plan{#enterprise-handoff .wide title="Hand off"}',
        "",
        '> ::funnel{pipeline="lifecycle"}',
        "",
      ].join("\n");
      const { document } = parseMarkdown(text, "a.md", new LineIndex(text));
      assert.deepEqual(
        document.directives.map((d) => [
          d.name,
          { ...d.attributes },
          d.range.start.line,
          d.range.start.column,
        ]),
        [
          ["stages", { pipeline: "lifecycle" }, 0, 0],
          ["properties", { object: "contact" }, 1, 0],
          ["plan", { id: "enterprise-handoff", class: "wide", title: "Hand off" }, 2, 0],
          ["funnel", { pipeline: "lifecycle" }, 4, 2],
        ],
      );
    });

    it("a directive naming nothing is an unresolved reference on the directive's line", () => {
      const doc = '---\ntitle: A\nowner: sdr\n---\n\n::stages{pipeline="lifecycl"}\n';
      const found = lint({ "handbook/a.md": doc }).filter((d) => d.rule === "unresolved-reference");
      assert.equal(found.length, 1, JSON.stringify(found));
      const d = found[0]!;
      // The directive is `::stages{pipeline="lifecycl"}` on line 6, columns 0-29 (0-based).
      assert.equal(d.range.start.line, 5);
      assert.ok(d.range.start.column >= 0 && d.range.end.column <= 29 && d.range.end.line === 5, brief(d));
      assert.match(d.suggestion ?? "", /lifecycle/);
    });

    it("suppression comments: next-line in Markdown and in front matter", () => {
      const doc = `---
title: A
# revbook-disable-next-line unresolved-reference
owner: sdrr
---

<!-- revbook-disable-next-line unresolved-reference -->
See [MQL](stage:mlq).
`;
      assert.deepEqual(failing(lint({ "handbook/a.md": doc })), []);
    });
  });

  describe("suppressions in YAML", () => {
    it("next-line and file-level comments; an unused one is reported at its rule id", () => {
      const text = `# revbook-disable stage-owner
kind: Trigger
id: promote
object: contact
owner: sdr
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
actions:
  # revbook-disable-next-line unresolved-reference
  - setStage: mlq
`;
      // Line 1: `# revbook-disable ` is 18 characters; `stage-owner` is 11.
      assert.deepEqual(failing(lint({ "definitions/t.yaml": text })), [
        "unused-disable definitions/t.yaml:1:19-1:30",
      ]);
    });

    it("a `#` line inside a block scalar or a quoted string is text, not a suppression", () => {
      const trigger = (id: string, description: string): string => `kind: Trigger
id: ${id}
object: contact
owner: sdr
description: ${description}
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
actions:
  - setStage: mlq
`;
      const block = "|\n  # revbook-disable-next-line unresolved-reference\n  Text of the description.";
      const quoted = '"x # revbook-disable unresolved-reference"';
      // Line 12 (block) and line 10 (quoted): `  - setStage: mlq` puts `mlq` at columns 15-18.
      assert.deepEqual(
        failing(
          lint({ "definitions/a.yaml": trigger("a", block), "definitions/b.yaml": trigger("b", quoted) }),
        ),
        [
          "unresolved-reference definitions/a.yaml:12:15-12:18",
          "unresolved-reference definitions/b.yaml:10:15-10:18",
        ],
      );
    });
  });

  describe("the file list", () => {
    it("reads only files matched by the globs, skipping dot-folders, node_modules and `out`", async () => {
      const dir = await makeTempDir();
      try {
        const write = async (file: string, text: string): Promise<void> => {
          await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await fs.writeFile(path.join(dir, file), text);
        };
        await write("revbook.yaml", "version: 1\n");
        await write("definitions/model.yaml", MODEL);
        await write("definitions/.hidden/bad.yaml", "kind: [\n");
        await write("definitions/node_modules/bad.yaml", "kind: [\n");
        await write("definitions/notes.txt", "kind: [\n");
        await write("public/definitions/bad.yaml", "kind: [\n");
        await write("handbook/.drafts/bad.md", "no front matter\n");
        await write("other/bad.yaml", "kind: [\n");
        await write("definitions/sub/ok.yml", "kind: Team\nid: ops\nowner: sdr\n");
        const diagnostics = await lintFolder(dir);
        assert.deepEqual(failing(diagnostics), []);
      } finally {
        await removeTempDir(dir);
      }
    });
  });
});
