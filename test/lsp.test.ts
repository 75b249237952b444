/**
 * End-to-end tests of the language server (`revbook lsp --stdio`): the real
 * process runs in a temporary copy of test/fixtures/lsp/basic and a JSON-RPC
 * client talks to it over stdio. Waits are on notifications (with a timeout
 * that fails the test), never sleeps. Every test starts and stops its own
 * server.
 *
 * The fixture lints clean (two `unused-definition` infos in model.yaml):
 * - definitions/model.yaml: teams `sdr`, `ae`; objects `company`
 *   (numberofemployees, industry) and `contact` (lifecyclestage, lead_score,
 *   retired hubspotscore → lead_score, email, company → company); pipeline
 *   `lifecycle` [lead, mql, sql]; the three stages.
 * - definitions/triggers.yaml: `promote-to-mql` (tests lead_score,
 *   company.numberofemployees, lifecyclestage; `setStage: mql`; a
 *   `stage:mql` link in its description).
 * - handbook/index.md: `stage:mql` and `property:contact.lead_score` links and
 *   `::properties{object="contact"}`.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  SymbolInformation,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import type { Diagnostic as CoreDiagnostic } from "../core/diagnostic.js";
import { runCli } from "./helpers/cli.js";
import { applyEdits, cursor, LspClient } from "./helpers/lsp-client.js";
import { lintFolder } from "./helpers/workspace.js";

const MODEL = "definitions/model.yaml";
const TRIGGERS = "definitions/triggers.yaml";
const INDEX = "handbook/index.md";

/** Errors and warnings (what "clean" excludes), as `rule file:line`. */
function problems(list: readonly CoreDiagnostic[]): string[] {
  return list
    .filter((d) => d.severity !== "info")
    .map((d) => `${d.rule} ${d.file}:${d.range.start.line + 1} ${d.message}`);
}

function labels(result: CompletionItem[] | CompletionList | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((i) => i.label);
}

function hoverText(h: Hover | null): string {
  const c = h?.contents;
  if (!c) return "";
  if (typeof c === "string") return c;
  if ("value" in c) return c.value;
  return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
}

const has = (d: Diagnostic[], rule: string): boolean => d.some((x) => x.code === rule);

describe("language server (revbook lsp --stdio)", function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start("basic");
  });

  afterEach(async () => {
    await client?.dispose();
  });

  it("publishes diagnostics for every file after initialized, identical to lint", async () => {
    const model = await client.diagnosticsFor(MODEL, (l) => l.length > 0);
    await client.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
    await client.diagnosticsFor(INDEX, (l) => l.length === 0);
    const lint = (await lintFolder(client.dir)).filter((d) => d.file === MODEL);
    assert.deepEqual(
      model.map((d) => [
        d.code,
        d.message,
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
      ]),
      lint.map((d) => [d.rule, d.message, d.range.start.line, d.range.start.column, d.range.end.column]),
    );
    assert.equal(model[0]?.source, "revbook");
    assert.equal(model[0]?.severity, 3);
    assert.equal(
      model[0]?.codeDescription?.href,
      "https://github.com/revbook/revbook/blob/main/docs/rules/unused-definition.md",
    );
  });

  it("re-lints on open and change, with exact range, code, message and the fix in data", async () => {
    const text = await client.open(TRIGGERS);
    await client.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
    await client.change(TRIGGERS, text.replace("setStage: mql", "setStage: mlq"));
    const [d, ...rest] = await client.diagnosticsFor(TRIGGERS, (l) => l.length > 0);
    assert.equal(rest.length, 0);
    assert.deepEqual(d?.range, { start: { line: 12, character: 14 }, end: { line: 12, character: 17 } });
    assert.equal(d?.code, "unresolved-reference");
    assert.equal(d?.severity, 1);
    assert.equal(d?.message, "setStage: no stage `mlq` is defined");
    assert.deepEqual((d?.data as { fix?: unknown } | undefined)?.fix, {
      range: { start: { line: 12, column: 14 }, end: { line: 12, column: 17 } },
      text: "mql",
    });
    await client.change(TRIGGERS, text);
    await client.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
  });

  it("coalesces a burst of edits and publishes the last text's diagnostics", async () => {
    const text = await client.open(TRIGGERS);
    await client.change(TRIGGERS, text.replace("owner: sdr", "owner: s"));
    await client.diagnosticsFor(TRIGGERS, (l) => has(l, "unresolved-reference"));
    const before = client.publications.get(client.uri(TRIGGERS)) ?? 0;
    // Typing `dr` back, then `x` and a backspace: five edits, sent without waiting.
    for (const owner of ["sd", "sdr", "sdrx", "sdr", "sdr "]) {
      await client.change(TRIGGERS, text.replace("owner: sdr", `owner: ${owner}`));
    }
    await client.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
    const lints = (client.publications.get(client.uri(TRIGGERS)) ?? 0) - before;
    assert.ok(lints >= 1 && lints < 5, `${lints} publications for 5 edits`);
  });

  it("updates other files when a stage id changes (cross-file)", async () => {
    const text = await client.open(MODEL);
    await client.diagnosticsFor(INDEX, (l) => l.length === 0);
    await client.change(MODEL, text.replace("id: mql\n", "id: mqlx\n"));
    const triggers = await client.diagnosticsFor(TRIGGERS, (l) => has(l, "unresolved-reference"));
    assert.ok(
      triggers.some((d) => d.message === "setStage: no stage `mql` is defined" && d.range.start.line === 12),
    );
    const index = await client.diagnosticsFor(INDEX, (l) => has(l, "unresolved-reference"));
    assert.ok(
      index.some((d) => d.message.includes("`stage:mql`")),
      JSON.stringify(index),
    );
  });

  it("completes kinds, fields, ids, property paths, operators, options, links and directives", async () => {
    const triggers = await client.open(TRIGGERS);
    const complete = async (file: string, marked: string): Promise<string[]> => {
      const { text, position } = cursor(marked);
      await client.change(file, text);
      return labels(await client.request("textDocument/completion", client.at(file, position)));
    };
    const stage = await complete(TRIGGERS, triggers.replace("setStage: mql", "setStage: m|"));
    assert.ok(stage.includes("mql") && stage.includes("sql"), String(stage));
    assert.ok(!stage.includes("sdr") && !stage.includes("contact"));
    const owner = await complete(TRIGGERS, triggers.replace("owner: sdr", "owner: |"));
    assert.deepEqual(owner.sort(), ["ae", "sdr"]);
    const object = await complete(TRIGGERS, triggers.replace("object: contact", "object: c|"));
    assert.deepEqual(object.sort(), ["company", "contact"]);
    const path = await complete(
      TRIGGERS,
      triggers.replace("company.numberofemployees, op", "company.num|, op"),
    );
    assert.ok(path.includes("numberofemployees") && path.includes("industry"), String(path));
    assert.ok(!path.includes("lead_score"));
    const props = await complete(TRIGGERS, triggers.replace("property: lead_score,", "property: |,"));
    assert.ok(
      props.includes("lead_score") && props.includes("company") && !props.includes("numberofemployees"),
    );
    const ops = await complete(TRIGGERS, triggers.replace("lead_score, op: gte", "lead_score, op: |"));
    assert.ok(ops.includes("gte") && ops.includes("between"), String(ops));
    assert.ok(!ops.includes("contains") && !ops.includes("before"));
    const options = await complete(TRIGGERS, triggers.replace("value: [lead]", "value: [lead, |]"));
    assert.deepEqual(options, ["lead", "marketingqualifiedlead", "salesqualifiedlead"]);
    const kinds = await complete(TRIGGERS, triggers.replace("kind: Trigger", "kind: |"));
    assert.ok(kinds.includes("Stage") && kinds.includes("Trigger") && !kinds.includes("Property"));
    const fields = await complete(TRIGGERS, `${triggers}reen|`);
    assert.ok(fields.includes("reenroll") && fields.includes("when") && !fields.includes("exitCriteria"));
    const method = await complete(
      TRIGGERS,
      triggers.replace("setStage: mql", "assign: { team: sdr, method: | }"),
    );
    assert.deepEqual(method, ["round-robin", "territory", "owner", "queue"]);
    const action = await complete(
      TRIGGERS,
      triggers.replace("  - setStage: mql", "  - setStage: mql\n  - |"),
    );
    assert.ok(action.includes("setProperty") && action.includes("createTask") && !action.includes("when"));
    // Half-typed YAML that does not parse still completes.
    const broken = await complete(TRIGGERS, `${triggers}  - setStage: [\n---\nkind: Stage\nid: x\n|`);
    assert.ok(broken.includes("exitCriteria") && broken.includes("definition"), String(broken));
    await client.change(TRIGGERS, triggers);

    const index = await client.open(INDEX);
    const links = await complete(INDEX, index.replace("(stage:mql)", "(stage:|)"));
    assert.deepEqual(links.sort(), ["stage:lead", "stage:mql", "stage:sql"]);
    const propertyLink = await complete(
      INDEX,
      index.replace("(property:contact.lead_score)", "(property:contact.l|)"),
    );
    assert.ok(propertyLink.includes("lead_score") && propertyLink.includes("lifecyclestage"));
    const directives = await complete(INDEX, `${index}\n::|`);
    assert.ok(directives.includes("properties") && directives.includes("stages"));
    const argument = await complete(INDEX, index.replace('object="contact"', 'object="|"'));
    assert.deepEqual(argument.sort(), ["company", "contact"]);
  });

  it("hovers references with the definition and field names with the schema description", async () => {
    const triggers = await client.open(TRIGGERS);
    const hover = async (file: string, marked: string): Promise<string> => {
      const { position } = cursor(marked);
      return hoverText(await client.request("textDocument/hover", client.at(file, position)));
    };
    const stage = await hover(TRIGGERS, triggers.replace("setStage: mql", "setStage: m|ql"));
    assert.match(stage, /Marketing Qualified Lead/);
    assert.match(stage, /CRM value: `marketingqualifiedlead`/);
    assert.match(stage, /SLA: 2 hours/);
    assert.match(stage, /owner: `sdr`/);
    const property = await hover(
      TRIGGERS,
      triggers.replace("company.numberofemployees", "company.number|ofemployees"),
    );
    assert.match(property, /type: `number`/);
    const via = await hover(
      TRIGGERS,
      triggers.replace("company.numberofemployees", "comp|any.numberofemployees"),
    );
    assert.match(via, /type: `reference` → `company`/);
    const model = await client.read(MODEL);
    const retired = await hover(MODEL, model.replace("id: hubspotscore", "id: hubspot|score"));
    assert.match(retired, /status: \*\*retired\*\* \(use `lead_score`\)/);
    const field = await hover(TRIGGERS, triggers.replace("actions:", "act|ions:"));
    assert.match(field, /^\*\*actions\*\*/);
    assert.match(field, /What the trigger does/);
    const trigger = await hover(TRIGGERS, triggers.replace("id: promote-to-mql", "id: promote|-to-mql"));
    assert.match(trigger, /\*\*When\*\* /);
    assert.match(trigger, /Marketing Qualified Lead/);
    assert.equal(await hover(INDEX, "|"), "");
    // Front matter field names too; the value is a reference to the team.
    const index = await client.read(INDEX);
    assert.match(await hover(INDEX, index.replace("owner: sdr", "own|er: sdr")), /^\*\*owner\*\*\n\n\S/);
    assert.match(
      await hover(INDEX, index.replace("owner: sdr", "owner: s|dr")),
      /^\*\*Sales Development\*\* — team `sdr`/,
    );
  });

  it("finds definitions and references across YAML and Markdown", async () => {
    const triggers = await client.read(TRIGGERS);
    const index = await client.read(INDEX);
    const mqlDecl = {
      uri: client.uri(MODEL),
      range: { start: { line: 54, character: 4 }, end: { line: 54, character: 7 } },
    };
    const fromYaml = await client.request<Location>(
      "textDocument/definition",
      client.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position),
    );
    assert.deepEqual(fromYaml, mqlDecl);
    const fromMd = await client.request<Location>(
      "textDocument/definition",
      client.at(INDEX, cursor(index.replace("(stage:mql)", "(stage:m|ql)")).position),
    );
    assert.deepEqual(fromMd, mqlDecl);
    const refs = await client.request<Location[]>("textDocument/references", {
      ...client.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position),
      context: { includeDeclaration: true },
    });
    const where = refs
      .map(
        (r) => `${r.uri.slice(client.uri("").length + 1)}:${r.range.start.line}:${r.range.start.character}`,
      )
      .sort();
    assert.deepEqual(where, [
      "definitions/model.yaml:44:15",
      "definitions/model.yaml:54:4",
      "definitions/triggers.yaml:12:14",
      "definitions/triggers.yaml:5:50",
      "handbook/index.md:7:33",
    ]);
    const noDecl = await client.request<Location[]>("textDocument/references", {
      ...client.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position),
      context: { includeDeclaration: false },
    });
    assert.equal(noDecl.length, 4);
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: client.uri(MODEL) },
    });
    const contact = symbols.find((s) => s.detail === "Object contact");
    assert.deepEqual(
      contact?.children?.map((c) => c.detail),
      [
        "Property contact.lifecyclestage",
        "Property contact.lead_score",
        "Property contact.hubspotscore",
        "Property contact.email",
        "Property contact.company",
      ],
    );
    const found = await client.request<SymbolInformation[]>("workspace/symbol", { query: "qualified" });
    assert.deepEqual(
      found.map((s) => s.name),
      ["Marketing Qualified Lead"],
    );
  });

  it("renames a stage across YAML and Markdown, and the workspace still lints clean", async () => {
    const triggers = await client.read(TRIGGERS);
    const at = client.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position);
    const prepared = await client.request<{ placeholder: string }>("textDocument/prepareRename", at);
    assert.equal(prepared.placeholder, "mql");
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      ...at,
      newName: "marketing-qualified",
    });
    assert.equal(Object.values(edit.changes ?? {}).flat().length, 5);
    await client.applyToDisk(edit);
    assert.match(await client.read(INDEX), /\(stage:marketing-qualified\)/);
    assert.match(await client.read(TRIGGERS), /\(stage:marketing-qualified\)\./);
    assert.deepEqual(problems(await lintFolder(client.dir)), []);
  });

  it("renames only the renamed segment of property paths", async () => {
    const triggers = await client.read(TRIGGERS);
    const at = client.at(
      TRIGGERS,
      cursor(triggers.replace("company.numberofemployees", "company.numberof|employees")).position,
    );
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", { ...at, newName: "employees" });
    await client.applyToDisk(edit);
    assert.match(await client.read(TRIGGERS), /property: company\.employees,/);
    assert.match(await client.read(MODEL), /- id: employees\n/);
    const index = await client.read(INDEX);
    const score = client.at(
      INDEX,
      cursor(index.replace("contact.lead_score", "contact.lead|_score")).position,
    );
    await client.applyToDisk(
      await client.request<WorkspaceEdit>("textDocument/rename", { ...score, newName: "score" }),
    );
    assert.match(await client.read(INDEX), /\(property:contact\.score\)/);
    assert.match(await client.read(MODEL), /replacedBy: score\n/);
    assert.match(await client.read(TRIGGERS), /property: score,/);
    assert.deepEqual(problems(await lintFolder(client.dir)), []);
  });

  it("renames an object (qualified paths, links, directives) and a stage whose CRM value was its id", async () => {
    const model = await client.read(MODEL);
    const object = client.at(MODEL, cursor(model.replace("id: contact", "id: con|tact")).position);
    await client.applyToDisk(
      await client.request<WorkspaceEdit>("textDocument/rename", { ...object, newName: "person" }),
    );
    const index = await client.read(INDEX);
    assert.match(index, /\(property:person\.lead_score\)/);
    assert.match(index, /::properties\{object="person"\}/);
    assert.match(await client.read(TRIGGERS), /object: person\n/);
    assert.deepEqual(problems(await lintFolder(client.dir)), []);
    const renamed = await client.read(MODEL);
    const lead = client.at(MODEL, cursor(renamed.replace("stages: [lead,", "stages: [le|ad,")).position);
    await client.applyToDisk(
      await client.request<WorkspaceEdit>("textDocument/rename", { ...lead, newName: "new-lead" }),
    );
    assert.match(await client.read(MODEL), /id: new-lead\ncrmValue: lead\n/);
    assert.deepEqual(problems(await lintFolder(client.dir)), []);
  });

  it("refuses an invalid or taken new id", async () => {
    const triggers = await client.read(TRIGGERS);
    const at = client.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position);
    await assert.rejects(
      client.request("textDocument/rename", { ...at, newName: "Bad Id" }),
      /not a valid id/,
    );
    await assert.rejects(client.request("textDocument/rename", { ...at, newName: "sql" }), /already exists/);
  });

  describe("quick fixes (applied, then the server and lint re-lint clean)", () => {
    /**
     * Edits a file (editor buffer and disk), waits for a diagnostic, applies the
     * titled action to the buffer (re-sent with didChange) and to disk (other
     * files: a watched-file change), waits for the server's diagnostics without
     * the problem, and lints the folder clean.
     */
    async function fix(file: string, text: string, rule: string, title: RegExp): Promise<void> {
      await client.write(file, text);
      await client.open(file, text);
      const diagnostics = await client.diagnosticsFor(file, (l) => has(l, rule));
      const diagnostic = diagnostics.find((d) => d.code === rule) as Diagnostic;
      const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
        textDocument: { uri: client.uri(file) },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      const chosen = actions.find((a) => title.test(a.title));
      assert.ok(chosen?.edit, `no action ${title} in ${actions.map((a) => a.title).join(" | ")}`);
      for (const [uri, edits] of Object.entries(chosen.edit.changes ?? {})) {
        const target = path.relative(client.dir, new URL(uri).pathname);
        const fixed = applyEdits(target === file ? text : await client.read(target), edits);
        await client.write(target, fixed);
        if (target === file) await client.change(file, fixed);
        else await client.watched([target, 2]);
      }
      const after = await client.diagnosticsFor(
        file,
        (l) => !l.some((d) => d.code === rule && d.message === diagnostic.message),
      );
      assert.deepEqual(
        after.filter((d) => d.severity !== 3).map((d) => d.message),
        [],
      );
      assert.deepEqual(problems(await lintFolder(client.dir)), []);
    }

    it("did-you-mean", async () => {
      const t = await client.read(TRIGGERS);
      await fix(
        TRIGGERS,
        t.replace("setStage: mql", "setStage: mlq"),
        "unresolved-reference",
        /did you mean `mql`/,
      );
    });

    it("unknown option did-you-mean", async () => {
      const t = await client.read(TRIGGERS);
      await fix(TRIGGERS, t.replace("value: [lead]", "value: [leed]"), "unknown-option", /^Fix: /);
    });

    it("replacedBy of a retired property", async () => {
      const t = await client.read(TRIGGERS);
      await fix(
        TRIGGERS,
        t.replace("property: lead_score,", "property: hubspotscore,"),
        "retired-property",
        /^Fix/,
      );
    });

    it("removes an unused disable comment", async () => {
      const t = await client.read(TRIGGERS);
      await fix(
        TRIGGERS,
        t.replace("actions:\n", "actions:\n  # revbook-disable-next-line stage-owner\n"),
        "unused-disable",
        /^Fix/,
      );
    });

    it("inserts a disable-next-line comment (YAML and Markdown)", async () => {
      const t = await client.read(TRIGGERS);
      await fix(
        TRIGGERS,
        t.replace("owner: sdr", "owner: nobody"),
        "unresolved-reference",
        /revbook-disable-next-line unresolved-reference/,
      );
      const md = await client.read(INDEX);
      await fix(
        INDEX,
        md.replace("(stage:mql)", "(stage:nope)"),
        "unresolved-reference",
        /<!-- revbook-disable-next-line unresolved-reference -->/,
      );
    });

    it("adds exitCriteria and owner skeletons", async () => {
      const m = await client.read(MODEL);
      const noExit = m.replace("exitCriteria:\n  - Accepted by an SDR\n", "");
      await fix(MODEL, noExit, "stage-exit-criteria", /Add `exitCriteria`/);
      const m2 = await client.read(MODEL);
      await fix(MODEL, m2.replace("owner: ae\n", ""), "stage-owner", /Add an `owner`/);
    });

    it("adds a missing property to the object", async () => {
      const t = await client.read(TRIGGERS);
      await fix(
        TRIGGERS,
        t.replace("company.numberofemployees, op: gte", "company.revenue, op: gte"),
        "unresolved-reference",
        /Add property `revenue` to object `company`/,
      );
      assert.match(await client.read(MODEL), / {2}- id: revenue\n {4}type: number\n/);
    });
  });

  it("reports a bad revbook.yaml and recovers when it is fixed", async () => {
    await client.diagnosticsFor(TRIGGERS, () => true);
    const good = await client.read("revbook.yaml");
    await client.write("revbook.yaml", `${good}colour: red\n`);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri("revbook.yaml"), type: 2 }],
    });
    await client.until("an error message", () => client.messages.some((m) => m.type === 1));
    assert.match(client.messages[0]?.message ?? "", /revbook\.yaml:5:1: /);
    const config = await client.diagnosticsFor("revbook.yaml", (l) => l.length > 0);
    assert.equal(config[0]?.range.start.line, 4);
    await client.write("revbook.yaml", good);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri("revbook.yaml"), type: 2 }],
    });
    await client.diagnosticsFor("revbook.yaml", (l) => l.length === 0);
    await client.diagnosticsFor(MODEL, (l) => l.length > 0);
    // Unsaved edits of an open revbook.yaml count too.
    await client.open("revbook.yaml", good);
    await client.change("revbook.yaml", good.replace("version: 1", "version: 2"));
    const bad = await client.diagnosticsFor("revbook.yaml", (l) => l.length > 0);
    assert.equal(bad[0]?.range.start.line, 1);
    await client.change("revbook.yaml", good);
    await client.diagnosticsFor("revbook.yaml", (l) => l.length === 0);
  });

  it("follows files created, changed and deleted on disk, and reverts to disk on close", async () => {
    await client.diagnosticsFor(MODEL, (l) => l.length > 0);
    const extra = "definitions/extra.yaml";
    await client.write(
      extra,
      "kind: Stage\nid: nurture\ndefinition: Not ready yet.\nowner: sdr\nexitCriteria: [Replies]\n",
    );
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri(extra), type: 1 }],
    });
    const created = await client.diagnosticsFor(extra, (l) => has(l, "stage-not-in-pipeline"));
    assert.deepEqual(created[0]?.range, {
      start: { line: 1, character: 4 },
      end: { line: 1, character: 11 },
    });
    await fs.rm(path.join(client.dir, extra));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: client.uri(extra), type: 3 }],
    });
    await client.diagnosticsFor(extra, (l) => l.length === 0);
    const text = await client.open(TRIGGERS);
    await client.change(TRIGGERS, text.replace("owner: sdr", "owner: nobody"));
    await client.diagnosticsFor(TRIGGERS, (l) => has(l, "unresolved-reference"));
    await client.connection.sendNotification("textDocument/didClose", {
      textDocument: { uri: client.uri(TRIGGERS) },
    });
    await client.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
  });

  it("`revbook lsp` without --stdio exits 2 and says why", async () => {
    const result = await runCli(["lsp"], { cwd: client.dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--stdio is required/);
    assert.equal(result.stdout, "");
  });

  it("shuts down and exits cleanly, having written only LSP to stdout", async () => {
    await client.diagnosticsFor(MODEL, () => true);
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, "");
  });
});
