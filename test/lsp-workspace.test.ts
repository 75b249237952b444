/**
 * End-to-end tests of the language server's workspace-level behaviour, over
 * the real `revbook lsp --stdio` process (see helpers/lsp-client.ts): rule
 * severities from the editor's settings on top of revbook.yaml, workspace
 * trust, a revbook.yaml created, edited, broken and deleted after start, code
 * lenses, and renames of every kind of id. Waits are on notifications and
 * responses, never sleeps.
 *
 * Fixtures: test/fixtures/lsp/basic (see lsp.test.ts; two `unused-definition`
 * infos in model.yaml) and test/fixtures/lsp/usage (the same plus
 * definitions/scoring.yaml: event `demo-request`, scoring model `lead-model`
 * whose rules test company.numberofemployees / company.industry /
 * demo-request and whose threshold leads to `mql`, plan `sdr-to-ae`; and
 * handbook/usage.md linking to all of them). Both lint clean.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import path from "node:path";
import type {
  CodeLens,
  CompletionItem,
  Diagnostic,
  Hover,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import type { Diagnostic as CoreDiagnostic } from "../core/diagnostic.js";
import { cursor, LspClient } from "./helpers/lsp-client.js";
import { lintFolder } from "./helpers/workspace.js";

const MODEL = "definitions/model.yaml";
const TRIGGERS = "definitions/triggers.yaml";
const SCORING = "definitions/scoring.yaml";
const INDEX = "handbook/index.md";
const USAGE = "handbook/usage.md";
const CONFIG = "revbook.yaml";

const severities = (list: readonly Diagnostic[], rule: string): (number | undefined)[] =>
  list.filter((d) => d.code === rule).map((d) => d.severity);

/** Errors and warnings (what "clean" excludes), as `rule file:line`. */
function problems(list: readonly CoreDiagnostic[]): string[] {
  return list
    .filter((d) => d.severity !== "info")
    .map((d) => `${d.rule} ${d.file}:${d.range.start.line + 1} ${d.message}`);
}

function hoverText(h: Hover | null): string {
  const c = h?.contents;
  if (!c) return "";
  if (typeof c === "string") return c;
  if ("value" in c) return c.value;
  return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
}

/** 0-based line of the first line of `text` that equals `line`. */
function lineOf(text: string, line: string): number {
  const at = text.split("\n").indexOf(line);
  assert.ok(at >= 0, `no line \`${line}\``);
  return at;
}

describe("language server: settings, trust, revbook.yaml lifecycle, code lenses, renames", function () {
  this.timeout(30_000);
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it("overrides rule severities from initializationOptions and didChangeConfiguration, on top of revbook.yaml", async () => {
    client = await LspClient.start("basic", {
      // revbook.yaml turns the rule off; the editor's setting wins.
      prepare: async (dir) => {
        const file = path.join(dir, CONFIG);
        await fs.appendFile(file, "rules:\n  unused-definition: off\n");
      },
      initializationOptions: { rules: { "unused-definition": "error" } },
    });
    const c = client;
    let model = await c.diagnosticsFor(MODEL, (l) => l.length > 0);
    assert.deepEqual(severities(model, "unused-definition"), [1, 1]);
    // The VS Code spelling `warning`.
    await c.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: { revbook: { rules: { "unused-definition": "warning" } } },
    });
    model = await c.diagnosticsFor(MODEL, (l) => severities(l, "unused-definition")[0] === 2);
    assert.deepEqual(severities(model, "unused-definition"), [2, 2]);
    // No override any more: revbook.yaml's `off` applies again.
    await c.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: { revbook: { rules: {} } },
    });
    await c.diagnosticsFor(MODEL, (l) => l.length === 0);
    // A typo is reported (with the did-you-mean) and the valid entries still apply.
    await c.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: { revbook: { rules: { "unused-definitoin": "error", "unused-definition": "info" } } },
    });
    model = await c.diagnosticsFor(MODEL, (l) => l.length > 0);
    assert.deepEqual(severities(model, "unused-definition"), [3, 3]);
    await c.until("a warning", () => c.messages.some((m) => m.type === 2));
    assert.equal(
      c.messages.find((m) => m.type === 2)?.message,
      "revbook: settings `revbook.rules`: unknown rule `unused-definitoin` (did you mean `unused-definition`?)",
    );
    // Settings that do not say `revbook` are pulled with workspace/configuration when the client can.
    const pulled = await LspClient.start("basic", {
      configuration: { rules: { "unused-definition": "error" } },
    });
    try {
      await pulled.diagnosticsFor(MODEL, (l) => severities(l, "unused-definition")[0] === 3);
      await pulled.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
      const list = await pulled.diagnosticsFor(MODEL, (l) => severities(l, "unused-definition")[0] === 1);
      assert.deepEqual(severities(list, "unused-definition"), [1, 1]);
      assert.ok(pulled.registrations.includes("workspace/didChangeConfiguration"));
    } finally {
      await pulled.dispose();
    }
  });

  it("works the same in untrusted and trusted workspaces (it runs no workspace code)", async () => {
    const observe = async (trusted: boolean): Promise<unknown[]> => {
      const c = await LspClient.start("basic", { initializationOptions: { trusted } });
      try {
        const model = await c.diagnosticsFor(MODEL, (l) => l.length > 0);
        const triggers = await c.read(TRIGGERS);
        const at = c.at(TRIGGERS, cursor(triggers.replace("setStage: mql", "setStage: m|ql")).position);
        const hover = hoverText(await c.request<Hover>("textDocument/hover", at));
        const completion = await c.request<CompletionItem[]>("textDocument/completion", at);
        const text = await c.open(TRIGGERS);
        await c.change(TRIGGERS, text.replace("owner: sdr", "owner: nobody"));
        const edited = await c.diagnosticsFor(TRIGGERS, (l) => l.length > 0);
        if (!trusted) {
          await c.until("the trust note", () => c.logs.some((l) => /untrusted workspace/.test(l)));
        } else assert.ok(!c.logs.some((l) => /untrusted/.test(l)));
        return [model, hover, completion.map((i) => i.label), edited];
      } finally {
        await c.dispose();
      }
    };
    const untrusted = await observe(false);
    const trusted = await observe(true);
    assert.deepEqual(untrusted, trusted);
    assert.match(String(untrusted[1]), /Marketing Qualified Lead/);
  });

  it("starts when revbook.yaml is created after start, reloads on its edits, survives a broken one, idles when it is deleted", async () => {
    client = await LspClient.start("basic", {
      prepare: (dir) => fs.rename(path.join(dir, CONFIG), path.join(dir, "config.bak")),
    });
    const c = client;
    await c.until("the idle note", () => c.logs.some((l) => /idle until one is created/.test(l)));
    assert.ok(c.registrations.includes("workspace/didChangeWatchedFiles"));
    assert.equal(c.diagnostics.size, 0);
    const good = await c.read("config.bak");

    // Created: the workspace loads and every file is published.
    await c.write(CONFIG, good);
    await c.watched([CONFIG, 1]);
    const model = await c.diagnosticsFor(MODEL, (l) => l.length > 0);
    assert.deepEqual(severities(model, "unused-definition"), [3, 3]);
    await c.diagnosticsFor(TRIGGERS, (l) => l.length === 0);

    // Edited: new severities, then new globs (model.yaml leaves the workspace: its diagnostics are cleared).
    await c.write(CONFIG, `${good}rules:\n  unused-definition: error\n`);
    await c.watched([CONFIG, 2]);
    await c.diagnosticsFor(MODEL, (l) => severities(l, "unused-definition")[0] === 1);
    await c.write(CONFIG, `${good}definitions: [definitions/triggers.yaml]\n`);
    await c.watched([CONFIG, 2]);
    await c.diagnosticsFor(MODEL, (l) => l.length === 0);
    const alone = await c.diagnosticsFor(TRIGGERS, (l) => l.length > 0);
    assert.ok(
      alone.some((d) => d.message === "object: no object `contact` is defined"),
      JSON.stringify(alone),
    );

    // Broken: a diagnostic at the problem's line and column; the server keeps answering.
    await c.write(CONFIG, good.replace("crm: hubspot", "crm: pipedrive"));
    await c.watched([CONFIG, 2]);
    const config = await c.diagnosticsFor(CONFIG, (l) => l.length > 0);
    assert.equal(config.length, 1);
    assert.deepEqual(config[0]?.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 6 } });
    assert.match(config[0]?.message ?? "", /crm/);
    await c.diagnosticsFor(TRIGGERS, (l) => l.length === 0);
    assert.deepEqual(
      await c.request("textDocument/completion", c.at(TRIGGERS, { line: 0, character: 0 })),
      [],
    );

    // Fixed, then deleted: every diagnostic is cleared and the server idles.
    await c.write(CONFIG, `${good}rules:\n  unused-definition: warn\n`);
    await c.watched([CONFIG, 2]);
    await c.diagnosticsFor(CONFIG, (l) => l.length === 0);
    await c.diagnosticsFor(MODEL, (l) => severities(l, "unused-definition")[0] === 2);
    await fs.rm(path.join(c.dir, CONFIG));
    await c.watched([CONFIG, 3]);
    await c.diagnosticsFor(MODEL, (l) => l.length === 0);
    await c.until("the deleted note", () => c.logs.some((l) => /revbook\.yaml was deleted/.test(l)));
    assert.deepEqual([...c.diagnostics.values()].flat(), []);

    // And created again.
    await c.write(CONFIG, good);
    await c.watched([CONFIG, 1]);
    await c.diagnosticsFor(MODEL, (l) => l.length > 0);
  });

  it("shows how each stage and property is used in code lenses, kept current as files change", async () => {
    client = await LspClient.start("usage");
    const c = client;
    const model = await c.read(MODEL);
    const lenses = async (): Promise<Map<string, string>> => {
      const list = await c.request<CodeLens[]>("textDocument/codeLens", {
        textDocument: { uri: c.uri(MODEL) },
      });
      return new Map(
        list.map((l) => [`${l.range.start.line}:${l.range.start.character}`, l.command?.title ?? ""]),
      );
    };
    const mql = `${lineOf(model, "id: mql") - 1}:0`;
    const employees = `${lineOf(model, "  - id: numberofemployees")}:4`;
    const email = `${lineOf(model, "  - id: email")}:4`;
    let shown = await lenses();
    assert.equal(shown.size, 3 + 7); // three stages, seven properties
    assert.equal(shown.get(mql), "set by 1 trigger · used by 1 scoring rule · 2 docs");
    assert.equal(
      shown.get(employees),
      "set by 0 triggers · tested by 1 trigger · used by 1 scoring rule · 1 doc",
    );
    assert.equal(shown.get(email), "set by 0 triggers · used by 0 scoring rules · 0 docs");
    assert.equal(
      shown.get(`${lineOf(model, "id: sql") - 1}:0`),
      "set by 0 triggers · used by 0 scoring rules · 0 docs",
    );

    // Another trigger sets the email and one more doc links to the MQL stage: the lenses follow.
    const triggers = await c.open(TRIGGERS);
    await c.change(
      TRIGGERS,
      `${triggers}---\nkind: Trigger\nid: clear-email\nobject: contact\nowner: sdr\nwhen: { property: email, op: unknown }\nactions:\n  - clearProperty: { property: email }\n`,
    );
    const index = await c.open(INDEX);
    await c.change(INDEX, `${index}\nSee also [MQL](stage:mql).\n`);
    shown = await lenses();
    assert.equal(
      shown.get(email),
      "set by 1 trigger · tested by 1 trigger · used by 0 scoring rules · 0 docs",
    );
    assert.equal(shown.get(mql), "set by 1 trigger · used by 1 scoring rule · 2 docs");
    assert.deepEqual(await c.request("textDocument/codeLens", { textDocument: { uri: c.uri(INDEX) } }), []);
  });

  describe("renames every kind of id across YAML and Markdown, and the workspace still lints clean", () => {
    const cases: {
      name: string;
      file: string;
      marked: (text: string) => string;
      to: string;
      expect: [string, RegExp][];
    }[] = [
      {
        name: "team",
        file: SCORING,
        marked: (t) => t.replace("to: ae", "to: a|e"),
        to: "account-execs",
        expect: [
          [SCORING, /to: account-execs\nat: sql\nowner: account-execs\n/],
          [MODEL, /id: account-execs\nname: Account Executives/],
          [USAGE, /owner: account-execs\n[\s\S]*\(team:account-execs\)/],
        ],
      },
      {
        name: "event",
        file: USAGE,
        marked: (t) => t.replace("(event:demo-request)", "(event:demo-re|quest)"),
        to: "demo-asked",
        expect: [
          [SCORING, /id: demo-asked\n[\s\S]*\{ event: demo-asked, op: occurred \}/],
          [USAGE, /\(event:demo-asked\)/],
        ],
      },
      {
        name: "trigger",
        file: USAGE,
        marked: (t) => t.replace("(trigger:promote-to-mql)", "(trigger:pro|mote-to-mql)"),
        to: "mql-promotion",
        expect: [
          [TRIGGERS, /id: mql-promotion\n/],
          [USAGE, /\(trigger:mql-promotion\)/],
        ],
      },
      {
        name: "scoring model",
        file: SCORING,
        marked: (t) => t.replace("id: lead-model", "id: lead-mo|del"),
        to: "fit-and-engagement",
        expect: [
          [SCORING, /id: fit-and-engagement\n/],
          [USAGE, /\(scoring:fit-and-engagement\)[\s\S]*::scoring\{model="fit-and-engagement"\}/],
        ],
      },
      {
        name: "plan",
        file: USAGE,
        marked: (t) => t.replace('::plan{id="sdr-to-ae"}', '::plan{id="sdr-|to-ae"}'),
        to: "handoff",
        expect: [
          [SCORING, /id: handoff\nname: SDR to AE handoff/],
          [USAGE, /\(plan:handoff\)[\s\S]*::plan\{id="handoff"\}/],
        ],
      },
    ];
    for (const k of cases) {
      it(k.name, async () => {
        client = await LspClient.start("usage");
        const c = client;
        const { position } = cursor(k.marked(await c.read(k.file)));
        const at = c.at(k.file, position);
        const prepared = await c.request<{ placeholder: string }>("textDocument/prepareRename", at);
        assert.ok(prepared.placeholder.length > 0);
        await c.applyToDisk(await c.request<WorkspaceEdit>("textDocument/rename", { ...at, newName: k.to }));
        for (const [file, pattern] of k.expect) assert.match(await c.read(file), pattern, file);
        assert.deepEqual(problems(await lintFolder(c.dir)), []);
      });
    }

    it("refuses a rename where there is no id, with a message", async () => {
      client = await LspClient.start("usage");
      const c = client;
      await assert.rejects(
        c.request("textDocument/prepareRename", c.at(SCORING, { line: 0, character: 3 })),
        /Nothing to rename here: put the cursor on an id\./,
      );
      const text = await c.read(SCORING);
      const at = c.at(SCORING, cursor(text.replace("id: sdr-to-ae", "id: sdr|-to-ae")).position);
      await assert.rejects(
        c.request("textDocument/rename", { ...at, newName: "SDR handoff" }),
        /`SDR handoff` is not a valid id: use lowercase letters, digits, `_` and `-`, starting with a letter/,
      );
    });
  });

  it("completes event, trigger, scoring model and plan ids, and hovers them", async () => {
    client = await LspClient.start("usage");
    const c = client;
    const labels = async (file: string, marked: string): Promise<string[]> => {
      const { text, position } = cursor(marked);
      await c.change(file, text);
      const items = await c.request<CompletionItem[]>("textDocument/completion", c.at(file, position));
      return items.map((i) => i.label).sort();
    };
    const scoring = await c.open(SCORING);
    assert.deepEqual(await labels(SCORING, scoring.replace("{ event: demo-request,", "{ event: |,")), [
      "demo-request",
    ]);
    const usage = await c.open(USAGE);
    assert.deepEqual(await labels(USAGE, usage.replace("(trigger:promote-to-mql)", "(trigger:|)")), [
      "trigger:promote-to-mql",
    ]);
    assert.deepEqual(await labels(USAGE, usage.replace('model="lead-model"', 'model="|"')), ["lead-model"]);
    assert.deepEqual(await labels(USAGE, usage.replace('id="sdr-to-ae"', 'id="|"')), ["sdr-to-ae"]);
    await c.change(USAGE, usage);
    const hover = async (marked: string): Promise<string> =>
      hoverText(await c.request<Hover>("textDocument/hover", c.at(USAGE, cursor(marked).position)));
    assert.match(
      await hover(usage.replace("(trigger:promote-to-mql)", "(trigger:promote|-to-mql)")),
      /^\*\*Promote To Mql\*\* — trigger `promote-to-mql`\n\n\*\*When\*\* /,
    );
    const model = await c.read(MODEL);
    assert.match(
      hoverText(
        await c.request<Hover>(
          "textDocument/hover",
          c.at(
            MODEL,
            cursor(model.replace("stages: [lead, mql, sql]", "stages: [lead, m|ql, sql]")).position,
          ),
        ),
      ),
      /^\*\*Marketing Qualified Lead\*\* — stage `mql`\n\nA contact worth a salesperson's time\.\n\n- CRM value: `marketingqualifiedlead`\n- pipeline: `lifecycle` \(contact\)\n- owner: `sdr`\n- SLA: 2 hours/,
    );
    assert.match(
      hoverText(
        await c.request<Hover>(
          "textDocument/hover",
          c.at(
            MODEL,
            cursor(model.replace("property: lifecyclestage", "property: lifecycle|stage")).position,
          ),
        ),
      ),
      /- type: `enum`\n- options: `lead`, `marketingqualifiedlead`, `salesqualifiedlead`/,
    );
    // Field names come with the schema's description.
    const typed = cursor(`${scoring}---\nkind: Event\nid: x\nsou|`);
    await c.change(SCORING, typed.text);
    const fields = await c.request<CompletionItem[]>(
      "textDocument/completion",
      c.at(SCORING, typed.position),
    );
    const source = fields.find((f) => f.label === "source");
    assert.equal(typeof source?.documentation === "object" ? source.documentation.kind : "", "markdown");
    assert.ok(
      typeof source?.documentation === "object" && source.documentation.value.length > 10,
      JSON.stringify(source),
    );
    assert.match(
      await hover(usage.replace('::plan{id="sdr-to-ae"}', '::plan{id="sdr|-to-ae"}')),
      /^\*\*SDR to AE handoff\*\* — command plan `sdr-to-ae`\n\n`sdr` → `ae` at `sql`/,
    );
  });
});
