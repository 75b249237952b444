/**
 * Hostile input (see the shared notes on the `yaml` package and micromark): alias
 * bombs, huge and deeply nested files, binary and invalid UTF-8 files, prototype
 * keys, symbolic-link loops, unreadable and special files, empty files, and Markdown
 * that makes the parser super-linear. Each must end in a diagnostic at a position
 * inside its file (or be ignored where that is right), never a throw, and well within
 * the per-test time limit (mocha's timeout, not timing assertions). In-memory cases
 * use `memoryWorkspace`; file-system cases run `lintFolder` and the real CLI.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostic.js";
import { markdownHazard } from "../core/load/markdown-source.js";
import type { Workspace } from "../core/workspace.js";
import {
  assertDiagnosticsInside,
  copyFixture,
  hasStackTrace,
  makeTempDir,
  removeTempDir,
  runCli,
} from "./helpers/cli.js";
import { brief, lintFolder, memoryWorkspace } from "./helpers/workspace.js";

/** A deterministic byte generator (mulberry32), so "random" files are the same on every run. */
function randomBytes(length: number, seed: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** Lints files in memory and checks every range; returns the diagnostics. */
function lintMemory(files: Record<string, string>): { ws: Workspace; diagnostics: Diagnostic[] } {
  const ws = memoryWorkspace(files);
  const diagnostics = ws.lint();
  assertDiagnosticsInside(diagnostics, (file) => ws.source(file)?.text);
  return { ws, diagnostics };
}

/** The diagnostics of one file. */
function inFile(diagnostics: Diagnostic[], file: string): Diagnostic[] {
  return diagnostics.filter((d) => d.file === file);
}

/** Billion laughs: 10 levels of 9 aliases each (9^9 leaves once expanded). */
function aliasBomb(): string {
  let text = 'kind: Team\nid: lol\na0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(",")}]\n`;
  return text;
}

/** Front matter without an owner (no team is defined in these workspaces): only a `doc-owner` info. */
const FRONT = "---\ntitle: Hostile\n---\n\n";

describe("hostile input", function () {
  this.timeout(20_000);

  describe("YAML", () => {
    it("billion laughs: one yaml-syntax error at an alias, no throw", () => {
      const { diagnostics } = lintMemory({ "definitions/lol.yaml": aliasBomb() });
      const found = inFile(diagnostics, "definitions/lol.yaml");
      assert.equal(found.length, 1, found.map(brief).join("\n"));
      const d = found[0]!;
      assert.equal(d.rule, "yaml-syntax");
      // The yaml-source guard stops at 100,000 expanded nodes: reached inside `a5`'s first `*a4`
      // (a_k alone expands to more than 9^k nodes); `a5: &a5 [` is 9 characters, line 8.
      const line = aliasBomb().split("\n")[d.range.start.line] ?? "";
      assert.match(line.slice(d.range.start.column, d.range.end.column), /^\*a\d$/, brief(d));
      assert.equal(brief(d), "yaml-syntax definitions/lol.yaml:8:10-8:13");
    });

    it("billion laughs in Markdown front matter", () => {
      const bomb = aliasBomb().replace("kind: Team\nid: lol\n", "title: Laughs\n");
      const { diagnostics } = lintMemory({ "handbook/lol.md": `---\n${bomb}---\n\n# Laughs\n` });
      const found = inFile(diagnostics, "handbook/lol.md").filter((d) => d.rule === "yaml-syntax");
      assert.equal(found.length, 1, diagnostics.map(brief).join("\n"));
    });

    it("a 5 MB definition file is read, with positions right to its end", () => {
      const filler = "  Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n";
      const count = Math.ceil((5 * 1024 * 1024) / filler.length);
      const text = `kind: Team\nid: big\ndescription: |\n${filler.repeat(count)}owner: nobody\n`;
      assert.ok(text.length > 5 * 1024 * 1024);
      const { diagnostics } = lintMemory({ "definitions/big.yaml": text });
      // `owner: nobody` is the last line: line count + 4 (kind, id, description, owner) 1-based.
      assert.deepEqual(
        inFile(diagnostics, "definitions/big.yaml")
          .filter((d) => d.severity !== "info")
          .map(brief),
        [`unresolved-reference definitions/big.yaml:${count + 4}:8-${count + 4}:14`],
      );
    });

    it("a file of 4,000 small documents", () => {
      // 5 MB of such documents (40,000) takes 20-30 s on a loaded two-core machine: linear, but
      // slower than one mocha timeout; a tenth of it keeps the per-document paths covered.
      let text = "";
      for (let i = 0; i < 4000; i++) {
        text += `# team ${i}\nkind: Team\nid: team-${i}\nname: Team number ${i}\nchannel: "#team-${i}"\nmembers: [a${i}@example.com, b${i}@example.com]\n---\n`;
      }
      const { diagnostics } = lintMemory({ "definitions/teams.yaml": text });
      assert.deepEqual(diagnostics.filter((d) => d.severity !== "info").map(brief), []);
    });

    it("a file over the size limit gets one diagnostic at its start", () => {
      const text = `kind: Team\nid: huge\ndescription: |\n${"  x\n".repeat(2_300_000)}`;
      const { diagnostics } = lintMemory({ "definitions/huge.yaml": text });
      assert.deepEqual(inFile(diagnostics, "definitions/huge.yaml").map(brief), [
        "yaml-syntax definitions/huge.yaml:1:1-1:1",
      ]);
    });

    it("binary text (random bytes with NUL) given in memory: a diagnostic, no throw", () => {
      const bytes = randomBytes(16 * 1024, 1);
      bytes[100] = 0;
      const { diagnostics } = lintMemory({ "definitions/x.yaml": bytes.toString("latin1") });
      const found = inFile(diagnostics, "definitions/x.yaml");
      assert.ok(found.length > 0);
      assert.ok(found.every((d) => d.rule === "yaml-syntax" || d.rule === "schema"));
    });

    it("lone surrogates and control characters: no throw", () => {
      const { diagnostics } = lintMemory({
        "definitions/odd.yaml": "kind: Team\nid: \uD800x\nname: \u0007\u001b[31m\uDFFF\n",
        "handbook/odd.md": `${FRONT}# \uD800 heading\n\n[x](stage:\uDC00)\n`,
      });
      assert.ok(inFile(diagnostics, "definitions/odd.yaml").length > 0);
    });

    const nestings: [string, string][] = [
      ["5,000 nested flow sequences", `${"[".repeat(5000)}${"]".repeat(5000)}\n`],
      ["5,000 nested flow mappings", `${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`],
      ["100,000 nested flow sequences", `${"[".repeat(100_000)}${"]".repeat(100_000)}\n`],
      ["5,000 nested block sequences", `${"- ".repeat(5000)}x\n`],
      ["5,000 nested block sequences ending empty", `${"- ".repeat(5000)}\n`],
      [
        "3,000 nested block mappings",
        `${Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} 1\n`,
      ],
      [
        "300 nested block mappings ending without a value",
        `${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")}\n`,
      ],
    ];
    for (const [name, text] of nestings) {
      it(`${name}: a yaml-syntax error, no throw`, () => {
        const { diagnostics } = lintMemory({ "definitions/deep.yaml": `kind: Team\nid: deep\nx: ${text}` });
        const found = inFile(diagnostics, "definitions/deep.yaml");
        assert.ok(
          found.some((d) => d.rule === "yaml-syntax"),
          found.map((d) => `${brief(d)} ${d.message}`).join("\n"),
        );
        for (const d of found) assert.doesNotMatch(d.message, /Maximum call stack/);
      });
    }

    it("deep nesting as a whole document", () => {
      const { diagnostics } = lintMemory({ "definitions/deep.yaml": `${"- ".repeat(5000)}x\n` });
      assert.ok(inFile(diagnostics, "definitions/deep.yaml").some((d) => d.rule === "yaml-syntax"));
    });

    describe("`__proto__` and `constructor` keys", () => {
      const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
      const unpolluted = (): void => {
        // Reading a property nothing defines: any value means Object.prototype was written.
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoNames);
        assert.equal(typeof Object.prototype.toString, "function");
      };

      it("in a definition: a schema error on the key, Object.prototype untouched", () => {
        const text = [
          "kind: Team",
          "id: p",
          "__proto__: { polluted: yes }",
          "constructor: { prototype: { polluted: yes } }",
          "",
        ].join("\n");
        const { ws, diagnostics } = lintMemory({ "definitions/p.yaml": text });
        unpolluted();
        assert.deepEqual(of(diagnostics, "schema"), [
          "schema definitions/p.yaml:3:1-3:10",
          "schema definitions/p.yaml:4:1-4:12",
        ]);
        const value = ws.source("definitions/p.yaml")?.documents[0]?.doc.value as Record<string, unknown>;
        assert.ok(Object.hasOwn(value, "__proto__"), "`__proto__` is kept as an own key");
        assert.equal(Object.getPrototypeOf(value), Object.prototype);
      });

      it("inside conditions, actions and front matter", () => {
        const trigger = [
          "kind: Trigger",
          "id: t",
          "object: contact",
          "when: { all: [{ __proto__: { polluted: 1 }, property: x, op: eq, value: 1 }] }",
          "actions: [{ setStage: constructor }, { setProperty: { __proto__: 1, property: y, value: 2 } }]",
          "",
        ].join("\n");
        const doc = `---\ntitle: P\n__proto__: { polluted: 1 }\nconstructor: 1\n---\n\n# P\n`;
        const { diagnostics } = lintMemory({ "definitions/t.yaml": trigger, "handbook/p.md": doc });
        unpolluted();
        assert.ok(of(diagnostics, "schema").some((d) => d.startsWith("schema definitions/t.yaml:4:")));
        assert.deepEqual(
          of(diagnostics, "schema").filter((d) => d.includes("handbook/p.md")),
          ["schema handbook/p.md:3:1-3:10", "schema handbook/p.md:4:1-4:12"],
        );
      });

      it("as ids: `constructor`, `__proto__`, `toString` are ordinary (if invalid) names", () => {
        const text = [
          "kind: Team",
          "id: constructor",
          "---",
          "kind: Object",
          "id: hasownproperty",
          "owner: constructor",
          "properties: [{ id: constructor, type: reference, target: __proto__ }]",
          "---",
          "kind: Team",
          "id: __proto__",
          "",
        ].join("\n");
        const { diagnostics } = lintMemory({ "definitions/ids.yaml": text });
        unpolluted();
        // `target: __proto__` names no object (line 7; `properties: [{ id: constructor, type: reference, target: ` is 57).
        assert.deepEqual(of(diagnostics, "unresolved-reference"), [
          "unresolved-reference definitions/ids.yaml:7:58-7:67",
        ]);
      });

      it("as link and directive names in Markdown (`constructor:x`, `::constructor{…}`)", () => {
        const doc = `${FRONT}[a](constructor:foo) [b](valueof:x) [c](hasownproperty:y)\n\n::constructor{undefined="x"}\n\n::tostring{pipeline="y"}\n`;
        const { diagnostics } = lintMemory({ "handbook/links.md": doc });
        unpolluted();
        // `constructor:` is not a revbook link kind, so these are external links: nothing to report.
        assert.deepEqual(
          inFile(diagnostics, "handbook/links.md")
            .filter((d) => d.severity !== "info")
            .map(brief),
          [],
        );
      });

      it("in front matter `related`", () => {
        const doc = "---\ntitle: R\nowner: sdr\nrelated: [constructor:x, __proto__:y]\n---\n\n# R\n";
        lintMemory({ "handbook/r.md": doc });
        unpolluted();
      });

      it("in revbook.yaml (through the CLI): exit 2, nothing polluted", async () => {
        const dir = await makeTempDir();
        try {
          await fs.writeFile(
            path.join(dir, "revbook.yaml"),
            "version: 1\n__proto__: { polluted: 1 }\nrules:\n  __proto__: { severity: off }\n  constructor: warn\n",
          );
          const result = await runCli(["lint"], { cwd: dir });
          assert.equal(result.code, 2, result.stderr);
          assert.ok(!hasStackTrace(result.stderr), result.stderr);
          const lines = result.stderr.split("\n").filter((l) => l !== "");
          assert.deepEqual(
            lines.map((l) => l.replace(/: .*$/, "")),
            ["revbook.yaml:2:1", "revbook.yaml:4:3", "revbook.yaml:5:3"],
          );
        } finally {
          await removeTempDir(dir);
        }
      });
    });

    describe("half-typed definitions referenced elsewhere (found by the property test)", () => {
      const trigger = [
        "kind: Trigger",
        "id: t",
        "object: contact",
        "when: { property: jobtitle, op: eq, value: VP }",
        "actions:",
        "  - setProperty: { property: jobtitle, value: x }",
        "",
      ].join("\n");

      it("a property without `type`: a schema error at its id, no throw", () => {
        const model = "kind: Object\nid: contact\nproperties:\n  - id: jobtitle\n";
        const { diagnostics } = lintMemory({
          "definitions/model.yaml": model,
          "definitions/t.yaml": trigger,
        });
        // `  - id: ` is 8 characters: the property's id value on line 4 is where "absent" points.
        assert.deepEqual(of(diagnostics, "schema"), ["schema definitions/model.yaml:4:9-4:17"]);
      });

      it("a property with a misspelt `type`: a schema error at the value, no throw", () => {
        const model = "kind: Object\nid: contact\nproperties:\n  - id: jobtitle\n    type: strnig\n";
        const { diagnostics } = lintMemory({
          "definitions/model.yaml": model,
          "definitions/t.yaml": trigger,
        });
        assert.deepEqual(of(diagnostics, "schema"), ["schema definitions/model.yaml:5:11-5:17"]);
      });

      it("an enum with an empty option (`~`) used by a forward-only pipeline: no throw", () => {
        const model = [
          "kind: Object",
          "id: contact",
          "properties:",
          "  - { id: stage, type: enum, options: [lead, mql, ~] }",
          "---",
          "kind: Pipeline",
          "id: life",
          "object: contact",
          "property: stage",
          "forwardOnly: true",
          "stages: [lead, mql]",
          "---",
          "kind: Stage",
          "id: lead",
          "definition: x",
          "---",
          "kind: Stage",
          "id: mql",
          "definition: y",
          "---",
          "kind: Trigger",
          "id: t",
          "object: contact",
          "when: { property: stage, op: eq, value: lead }",
          "actions: [{ setStage: mql }]",
          "",
        ].join("\n");
        const { diagnostics } = lintMemory({ "definitions/model.yaml": model });
        // `  - { id: stage, type: enum, options: [lead, mql, ` is 50 characters: `~` is column 51.
        assert.ok(
          of(diagnostics, "schema").includes("schema definitions/model.yaml:4:51-4:52"),
          of(diagnostics, "schema").join("\n"),
        );
      });
    });

    it("empty files and files with only comments are ignored", () => {
      const { diagnostics } = lintMemory({
        "definitions/empty.yaml": "",
        "definitions/blank.yaml": "\n\n  \n",
        "definitions/separators.yaml": "---\n---\n...\n",
        "definitions/comments.yaml": "# nothing here yet\n# kind: Team\n\n   # indented comment\n",
        "definitions/crlf-comments.yaml": "# a\r\n# b\r\n",
      });
      assert.deepEqual(diagnostics.map(brief), []);
    });

    it("an empty Markdown doc: a schema error at the start (no front matter to point at)", () => {
      const { diagnostics } = lintMemory({ "handbook/empty.md": "" });
      assert.deepEqual(of(diagnostics, "schema"), ["schema handbook/empty.md:1:1-1:1"]);
    });
  });

  describe("Markdown", () => {
    const hostile: [string, () => string][] = [
      ["10,000 nested blockquotes", () => `${FRONT}${">".repeat(10_000)} x\n`],
      ["10,000 nested blockquotes with spaces", () => `${FRONT}${"> ".repeat(10_000)}x\n`],
      [
        "a list nested 1,000 deep by indentation",
        () => `${FRONT}${Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n")}\n`,
      ],
      ["a list nested 1,000 deep on one line (`- - - …`)", () => `${FRONT}${"- ".repeat(1000)}x\n`],
      ["an ordered list nested 1,000 deep on one line", () => `${FRONT}${"1. ".repeat(1000)}x\n`],
      ["lists in blockquotes 1,000 deep (`> - > - …`)", () => `${FRONT}${"> - ".repeat(1000)}x\n`],
      ["50,000 `[`", () => `${FRONT}${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
      ["40,000 `*a`", () => `${FRONT}${"*a".repeat(40_000)}\n`],
      ["a 2 MB doc", () => `${FRONT}${"All work and no play makes a dull handbook.\n\n".repeat(46_000)}`],
      ["a 50,000-row table", () => `${FRONT}| a | b |\n|---|---|\n${"| 1 | 2 |\n".repeat(50_000)}`],
      ["a 40,000-line paragraph", () => `${FRONT}${"a, b, c, d\n".repeat(40_000)}`],
    ];
    for (const [name, make] of hostile) {
      it(`${name}: one diagnostic at the start, no throw`, () => {
        const { diagnostics } = lintMemory({ "handbook/hostile.md": make() });
        const found = inFile(diagnostics, "handbook/hostile.md");
        assert.equal(found.length, 1, found.map((d) => `${brief(d)} ${d.message}`).join("\n"));
        assert.equal(brief(found[0]!), "schema handbook/hostile.md:1:1-1:1");
      });
    }

    it("the limits on lines hold to the line, with LF, CRLF and lone CR line ends", () => {
      for (const eol of ["\n", "\r\n", "\r"]) {
        const name = JSON.stringify(eol);
        assert.equal(markdownHazard(`a${eol}`.repeat(5000)), undefined, name);
        assert.equal(
          markdownHazard(`a${eol}`.repeat(5001)),
          "this doc has 5001 lines in a row without a blank line; it is not checked (split it)",
          name,
        );
        assert.equal(markdownHazard(`a${eol}${eol}`.repeat(24_999)), undefined, name);
        assert.equal(
          markdownHazard(`a${eol}${eol}`.repeat(25_000)),
          "this doc has 50001 lines; docs over 50000 lines are not checked (split it)",
          name,
        );
      }
      assert.equal(markdownHazard(`${"[".repeat(10_000)}${"*".repeat(10_000)}`), undefined);
      assert.equal(
        markdownHazard(`${"*".repeat(10_001)}${"[".repeat(10_000)}`),
        "this doc has 10001 `*` characters; it is not checked",
      );
    });

    it("a deeply nested list within the limits still parses", () => {
      const list = Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
      const { diagnostics } = lintMemory({ "handbook/ok.md": `${FRONT}${list}\n\n[x](stage:mlq)\n` });
      // Only the link is a problem: the doc was parsed.
      assert.deepEqual(
        inFile(diagnostics, "handbook/ok.md")
          .filter((d) => d.severity !== "info")
          .map((d) => d.rule),
        ["unresolved-reference"],
      );
    });
  });

  describe("the file system", () => {
    const dirs: string[] = [];
    after(async () => {
      for (const dir of dirs) await removeTempDir(dir);
    });
    const workspace = async (): Promise<string> => {
      const dir = await copyFixture("cli/clean");
      dirs.push(dir);
      return dir;
    };
    const definitions = (dir: string, file: string): string => path.join(dir, "definitions", file);

    it("a binary file named x.yaml: `not a text file` at 1:1 (lintFolder and CLI)", async () => {
      const dir = await workspace();
      const bytes = randomBytes(16 * 1024, 7);
      bytes[10] = 0;
      await fs.writeFile(definitions(dir, "x.yaml"), bytes);
      const diagnostics = await lintFolder(dir);
      assert.deepEqual(diagnostics.map(brief), ["yaml-syntax definitions/x.yaml:1:1-1:1"]);
      assert.match(diagnostics[0]!.message, /not a text file/);
      const result = await runCli(["lint", "--format", "json"], { cwd: dir });
      assert.equal(result.code, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { file: string; line: number; column: number }[];
      assert.deepEqual(
        report.map((e) => [e.file, e.line, e.column]),
        [["definitions/x.yaml", 1, 1]],
      );
    });

    it("invalid UTF-8 in YAML and in Markdown: `not a text file` at 1:1", async () => {
      const dir = await workspace();
      await fs.writeFile(definitions(dir, "latin1.yaml"), Buffer.from("kind: Team\nid: caf\xe9\n", "latin1"));
      await fs.writeFile(
        path.join(dir, "handbook/bad.md"),
        Buffer.from([0xff, 0xfe, 0x2d, 0x2d, 0x2d, 0x0a]),
      );
      const diagnostics = await lintFolder(dir);
      assert.deepEqual(diagnostics.map(brief), [
        "yaml-syntax definitions/latin1.yaml:1:1-1:1",
        "schema handbook/bad.md:1:1-1:1",
      ]);
      for (const d of diagnostics) assert.match(d.message, /UTF-8/);
    });

    it("symbolic link loops inside definitions/ neither hang nor throw", async () => {
      const dir = await workspace();
      await fs.symlink("loop.yaml", definitions(dir, "loop.yaml"));
      await fs.symlink("a.yaml", definitions(dir, "b.yaml"));
      await fs.symlink("b.yaml", definitions(dir, "a.yaml"));
      // A folder link back up: must not be walked forever, nor read the same files twice.
      await fs.symlink("..", definitions(dir, "again"));
      await fs.symlink(".", definitions(dir, "self"));
      await fs.symlink("missing.yaml", definitions(dir, "broken.yaml"));
      const diagnostics = await lintFolder(dir);
      // Reading model.yaml twice (through `again/` or `self/`) would make duplicate-id errors.
      assert.deepEqual(of(diagnostics, "duplicate-id"), []);
      // Either ignored, or one diagnostic at the start of the link itself.
      for (const d of diagnostics) {
        assert.ok(
          [
            "definitions/loop.yaml",
            "definitions/a.yaml",
            "definitions/b.yaml",
            "definitions/broken.yaml",
          ].includes(d.file),
          brief(d),
        );
        assert.deepEqual(d.range, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } });
      }
      const result = await runCli(["lint", "--format", "json"], { cwd: dir });
      assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
      assert.ok(!hasStackTrace(result.stderr), result.stderr);
      assert.equal((JSON.parse(result.stdout) as unknown[]).length, diagnostics.length);
    });

    it("an unreadable file: a diagnostic when chmod 000 bites; FIFOs and folders named x.yaml are skipped", async () => {
      const dir = await workspace();
      // A FIFO would block a naive reader forever, even as root.
      const fifo = spawnSync("mkfifo", [definitions(dir, "pipe.yaml")]);
      // A folder matching the glob.
      await fs.mkdir(definitions(dir, "folder.yaml"));
      await fs.writeFile(definitions(dir, "folder.yaml/inner.txt"), "not yaml\n");
      const locked = definitions(dir, "locked.yaml");
      await fs.writeFile(locked, "kind: Team\nid: locked\n");
      await fs.chmod(locked, 0o000);
      let canReadLocked = true;
      try {
        await fs.readFile(locked);
      } catch {
        canReadLocked = false;
      }
      try {
        const diagnostics = await lintFolder(dir);
        const others = diagnostics.filter((d) => d.file !== "definitions/locked.yaml");
        assert.deepEqual(others.map(brief), [], "the FIFO and the folder are not files to lint");
        if (!canReadLocked) {
          assert.deepEqual(diagnostics.map(brief), ["yaml-syntax definitions/locked.yaml:1:1-1:1"]);
          assert.match(diagnostics[0]!.message, /permission/);
        }
        // else: running as root, chmod 000 does not stop reading; `locked.yaml` is an ordinary Team
        // (the FIFO and folder above are the checks that hold for every user).
        const result = await runCli(["lint", "--format", "json"], { cwd: dir });
        assert.equal(result.code, canReadLocked ? 0 : 1, result.stderr);
        assert.ok(fifo.status === 0 || fifo.error !== undefined);
      } finally {
        await fs.chmod(locked, 0o644);
      }
    });

    it("empty files and comment-only files on disk are ignored", async () => {
      const dir = await workspace();
      await fs.writeFile(definitions(dir, "empty.yaml"), "");
      await fs.writeFile(definitions(dir, "comments.yml"), "# todo: model the deal object\n");
      await fs.writeFile(definitions(dir, "bom-only.yaml"), "\uFEFF");
      assert.deepEqual((await lintFolder(dir)).map(brief), []);
    });

    it("the CLI survives a workspace full of hostile files", async function () {
      // Two CLI runs over every hostile file at once; each run is far below the helper's 30 s limit.
      this.timeout(60_000);
      const dir = await workspace();
      await fs.writeFile(definitions(dir, "lol.yaml"), aliasBomb());
      await fs.writeFile(definitions(dir, "deep.yaml"), `${"[".repeat(5000)}${"]".repeat(5000)}\n`);
      await fs.writeFile(definitions(dir, "bin.yaml"), randomBytes(4096, 3));
      await fs.writeFile(definitions(dir, "proto.yaml"), "kind: Team\nid: p\n__proto__: { polluted: 1 }\n");
      await fs.symlink("loop.yaml", definitions(dir, "loop.yaml"));
      await fs.writeFile(path.join(dir, "handbook/quotes.md"), `${FRONT}${">".repeat(10_000)} x\n`);
      await fs.writeFile(path.join(dir, "handbook/list.md"), `${FRONT}${"- ".repeat(3000)}x\n`);
      await fs.writeFile(path.join(dir, "handbook/big.md"), `${FRONT}${"word ".repeat(450_000)}\n`);
      for (const format of ["json", "github"]) {
        const result = await runCli(["lint", "--format", format], { cwd: dir });
        assert.equal(result.code, 1, `${format}: ${result.stderr}`);
        assert.ok(!hasStackTrace(result.stderr), result.stderr);
        if (format === "json") {
          const files = new Set((JSON.parse(result.stdout) as { file: string }[]).map((e) => e.file));
          for (const file of [
            "definitions/lol.yaml",
            "definitions/deep.yaml",
            "definitions/bin.yaml",
            "definitions/proto.yaml",
            "handbook/quotes.md",
            "handbook/list.md",
            "handbook/big.md",
          ]) {
            assert.ok(files.has(file), `expected a diagnostic in ${file}`);
          }
        }
      }
    });

    it("a hostile revbook.yaml: exit 2 with a positioned message", async function () {
      this.timeout(60_000); // four CLI runs
      const dir = await makeTempDir();
      dirs.push(dir);
      const config = path.join(dir, "revbook.yaml");
      const cases: [string, string | Buffer, RegExp][] = [
        [
          "alias bomb",
          `version: 1\n${aliasBomb().replace("kind: Team\nid: lol\n", "")}`,
          /^revbook\.yaml:\d+:\d+: /,
        ],
        [
          "deep nesting",
          `version: 1\nrules: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
          /^revbook\.yaml:\d+:\d+: /,
        ],
        ["binary", randomBytes(2048, 9), /text/],
        ["empty", "", /revbook\.yaml/],
      ];
      for (const [name, content, pattern] of cases) {
        await fs.writeFile(config, content);
        const result = await runCli(["lint"], { cwd: dir });
        assert.equal(result.code, 2, `${name}: ${result.stderr}`);
        assert.match(result.stderr, pattern, name);
        assert.ok(!hasStackTrace(result.stderr), `${name}: ${result.stderr}`);
      }
    });
  });
});

function of(diagnostics: Diagnostic[], rule: string): string[] {
  return diagnostics.filter((d) => d.rule === rule).map(brief);
}
