/**
 * The VS Code extension's bundles, outside VS Code: `extension/dist/server.cjs`
 * answers LSP over stdio exactly like `revbook lsp --stdio` (diagnostics with
 * their exact range, code and message, schema problems included — so the
 * bundled engine finds its schemas), `dist/handbook.cjs` renders a preview page
 * with the generator, and the skeletons behind "New definition…" and the
 * snippets are schema-valid. The bundles are rebuilt once before the tests.
 */
import { strict as assert } from "node:assert";
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseAllDocuments } from "yaml";
import { SKELETONS, skeleton, snippetBody } from "../core/skeletons.js";
import type { HandbookEngine } from "../extension/client/handbook-loader.js";
import { fetchOutline } from "../extension/client/outline.js";
import { toWebviewHtml } from "../extension/client/webview-html.js";
import { bundleOnce } from "./helpers/extension-bundle.js";
import { STARTER_FILES } from "../generator/starter-workspace.js";
import { copyFixture, REPO_ROOT, removeTempDir } from "./helpers/cli.js";
import { LspClient } from "./helpers/lsp-client.js";
import { lintFolder } from "./helpers/workspace.js";

const DIST = path.join(REPO_ROOT, "extension/dist");

describe("extension bundle", function () {
  this.timeout(60_000);

  before(async () => {
    await bundleOnce();
  });

  describe("dist/server.cjs", () => {
    let server: LspClient;
    const TRIGGERS = "definitions/triggers.yaml";

    before(async () => {
      server = await LspClient.start("basic", { server: [path.join(DIST, "server.cjs"), "--stdio"] });
      assert.equal(server.initializeResult?.serverInfo?.name, "revbook");
    });

    after(async () => {
      await server.dispose();
    });

    it("publishes the exact diagnostic of an opened buffer", async () => {
      const text = await server.read(TRIGGERS);
      await server.connection.sendNotification("textDocument/didOpen", {
        textDocument: {
          uri: server.uri(TRIGGERS),
          languageId: "yaml",
          version: 1,
          text: text.replace("setStage: mql", "setStage: mlq"),
        },
      });
      const [d, ...rest] = await server.diagnosticsFor(TRIGGERS, (l) => l.length > 0);
      assert.equal(rest.length, 0);
      assert.deepEqual(d?.range, { start: { line: 12, character: 14 }, end: { line: 12, character: 17 } });
      assert.equal(d?.code, "unresolved-reference");
      assert.equal(d?.severity, 1);
      assert.equal(d?.message, "setStage: no stage `mlq` is defined");
    });

    it("reports schema problems (the bundled engine finds its schemas)", async () => {
      const text = await server.read(TRIGGERS);
      await server.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: server.uri(TRIGGERS), version: 2 },
        contentChanges: [{ text: text.replace("owner: sdr", "ownr: sdr") }],
      });
      const list = await server.diagnosticsFor(TRIGGERS, (l) => l.some((d) => d.code === "schema"));
      const schema = list.find((d) => d.code === "schema");
      assert.equal(schema?.range.start.line, 4);
      assert.match(schema?.message ?? "", /ownr/);
    });

    it("gives the RevOps tree its outline: pipelines hold their stages in pipeline order", async () => {
      const model = "definitions/model.yaml";
      const text = await server.read(model);
      await server.connection.sendNotification("textDocument/didOpen", {
        textDocument: {
          uri: server.uri(model),
          languageId: "yaml",
          version: 1,
          text: text.replace("stages: [lead, mql, sql]", "stages: [mql, lead, sql]"),
        },
      });
      // Every argument goes through, as LanguageClient does: an explicit `undefined` token would be
      // sent as a second positional parameter and break the request.
      const outline = await fetchOutline({
        sendRequest: <R>(method: string, ...args: unknown[]) =>
          server.connection.sendRequest<R>(method, ...args),
      });
      const pipelines = outline.filter((n) => n.kind === "Pipeline");
      assert.deepEqual(
        pipelines.map((p) => [p.name, (p.children ?? []).map((c) => `${c.name} (${c.id})`)]),
        [["Lifecycle", ["Marketing Qualified Lead (mql)", "Lead (lead)", "Sql (sql)"]]],
      );
      const mql = pipelines[0]?.children?.[0];
      assert.equal(mql?.uri, server.uri(model));
      assert.deepEqual(mql?.range, { start: { line: 54, character: 4 }, end: { line: 54, character: 7 } });
      assert.deepEqual(
        outline
          .filter((n) => n.kind === "Team")
          .map((n) => n.name)
          .sort(),
        ["Account Executives", "Sales Development"],
      );
    });
  });

  describe("dist/handbook.cjs", () => {
    let dir: string;
    before(async () => {
      dir = await copyFixture("lsp/basic");
    });
    after(async () => {
      await removeTempDir(dir);
    });

    it("renders the preview page of the definition at a line, from an unsaved buffer", async () => {
      const engine = createRequire(import.meta.url)(path.join(DIST, "handbook.cjs")) as HandbookEngine;
      const session = new engine.PreviewSession(dir);
      await session.reload();
      const file = path.join(dir, "definitions/triggers.yaml");
      assert.ok(session.covers(file));
      const text = await fs.readFile(file, "utf8");
      session.edit(file, text.replace("id: promote-to-mql", "id: promote-to-mql\nname: Promote them all"));
      const base = "https://webview.test/media/";
      const page = session.render(file, 3, base);
      assert.equal(page?.route, "/triggers/promote-to-mql/");
      assert.equal(page?.title, "Promote them all");
      assert.match(page?.html ?? "", /<h1>Promote them all<\/h1>/);
      assert.ok(page?.html.includes(`<link rel="stylesheet" href="${base}assets/site.css">`));
      assert.deepEqual(session.sourceOf(`${base}triggers/promote-to-mql/`, base), { file, line: 1 });

      // In the webview: one policy, first in <head>; only the extension's scripts carry the nonce.
      const webview = toWebviewHtml(page?.html ?? "", {
        cspSource: "https://webview.test",
        nonce: "N0nce",
        assetBase: base,
        previewScript: `${base}preview.js`,
      });
      const policies = [
        ...webview.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g),
      ];
      assert.deepEqual(
        policies.map((m) => m[1]),
        [
          "default-src 'none'; style-src https://webview.test; img-src https://webview.test data:; font-src https://webview.test; script-src 'nonce-N0nce'; base-uri 'none'; form-action 'none'",
        ],
      );
      assert.ok(webview.indexOf("Content-Security-Policy") < webview.search(/<(script|link)\b/));
      assert.deepEqual(
        [...webview.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]),
        [
          `<script nonce="N0nce" src="${base}assets/nav.js" defer>`,
          `<script nonce="N0nce" src="${base}preview.js" defer>`,
        ],
      );
    });

    it("the webview HTML gets the policy even from a page without one", () => {
      const html = toWebviewHtml("<p>hi</p>", {
        cspSource: "s",
        nonce: "n",
        assetBase: "https://b/",
        previewScript: "https://b/preview.js",
      });
      assert.match(html, /^<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    });
  });
});

describe("definition skeletons", () => {
  it("each kind's skeleton lints without schema or syntax problems in the starter workspace", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "revbook-skeletons-"));
    try {
      for (const [file, text] of Object.entries(STARTER_FILES)) {
        await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await fs.writeFile(path.join(dir, file), text);
      }
      for (const s of SKELETONS) {
        const file = path.join(dir, "definitions/new", `${s.kind.toLowerCase()}.yaml`);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, skeleton(s.kind, `new-${s.kind.toLowerCase()}`) ?? "");
      }
      const problems = (await lintFolder(dir)).filter(
        (d) => d.file.startsWith("definitions/new/") && (d.rule === "schema" || d.rule === "yaml-syntax"),
      );
      assert.deepEqual(problems, []);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("the combined definition schema of yamlValidation accepts each skeleton and rejects a wrong field", async () => {
    await bundleOnce();
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, validateFormats: false });
    const dir = path.join(DIST, "schemas");
    for (const file of await fs.readdir(dir)) {
      ajv.addSchema(JSON.parse(await fs.readFile(path.join(dir, file), "utf8")) as object);
    }
    const validate = ajv.getSchema("https://revbook.dev/schemas/definition.schema.json");
    assert.ok(validate);
    for (const s of SKELETONS) {
      const value: unknown = parseAllDocuments(skeleton(s.kind, "new-id") ?? "")[0]?.toJS();
      assert.ok(validate(value), `${s.kind}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ kind: "Stage", id: "x", definition: "d", ownr: "sdr" }), false);
    assert.equal(validate({ kind: "Stag", id: "x" }), false);
  });

  it("the extension's snippets are the skeletons (extension/snippets is regenerated by the bundle)", async () => {
    // JSON with comments/trailing commas (VS Code reads it as JSONC; Prettier formats it so).
    const text = await fs.readFile(path.join(REPO_ROOT, "extension/snippets/revbook.code-snippets"), "utf8");
    const snippets = JSON.parse(text.replace(/,(\s*[}\]])/g, "$1")) as Record<
      string,
      { prefix: string; body: string[] }
    >;
    for (const s of SKELETONS) {
      const snippet = snippets[`revbook ${s.kind}`];
      assert.deepEqual(snippet?.body, snippetBody(s.kind), s.kind);
    }
  });
});
