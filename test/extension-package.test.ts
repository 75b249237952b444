/**
 * What the VSIX holds (`vsce ls --no-dependencies` in extension/, the list
 * `npm run package` zips): the three bundles, the schemas, the handbook
 * assets, the preview media, the snippets and the manifest — no sources, no
 * node_modules — and at most 5 MB before compression.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { bundleOnce } from "./helpers/extension-bundle.js";
import { REPO_ROOT } from "./helpers/cli.js";

const EXT = path.join(REPO_ROOT, "extension");
const VSCE = path.join(REPO_ROOT, "node_modules/@vscode/vsce/vsce");

describe("extension package (VSIX contents)", function () {
  this.timeout(60_000);
  let files: string[];

  before(async () => {
    await bundleOnce();
    const { stdout } = await promisify(execFile)(process.execPath, [VSCE, "ls", "--no-dependencies"], {
      cwd: EXT,
      timeout: 30_000,
    });
    files = stdout
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  });

  it("ships the bundles, data files, media, snippets and manifest", () => {
    for (const file of [
      "package.json",
      "README.md",
      "LICENSE",
      "dist/extension.cjs",
      "dist/server.cjs",
      "dist/handbook.cjs",
      "dist/package.json",
      "dist/schemas/common.schema.json",
      "dist/schemas/definition.schema.json",
      "dist/schemas/revbook.schema.json",
      "dist/handbook-template/site.css",
      "dist/media/assets/site.css",
      "dist/media/preview.js",
      "snippets/revbook.code-snippets",
      "snippets/markdown.code-snippets",
    ]) {
      assert.ok(files.includes(file), `${file} is in the VSIX`);
    }
  });

  it("ships no sources and no node_modules", () => {
    assert.deepEqual(
      files.filter((f) => f.includes("node_modules") || f.endsWith(".ts") || f.endsWith(".vsix")),
      [],
    );
    assert.deepEqual(
      files.filter((f) => !f.startsWith("dist/") && !f.startsWith("snippets/")),
      ["LICENSE", "README.md", "package.json"],
    );
  });

  it("weighs at most 5 MB uncompressed", async () => {
    let total = 0;
    for (const f of files) total += (await fs.stat(path.join(EXT, f))).size;
    assert.ok(total <= 5 * 1024 * 1024, `${total} bytes`);
  });

  it("every schema the manifest's yamlValidation names is shipped", async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(EXT, "package.json"), "utf8")) as {
      contributes: { yamlValidation: { url: string }[]; snippets: { path: string }[] };
      main: string;
    };
    const shipped = [
      manifest.main,
      ...manifest.contributes.yamlValidation.map((v) => v.url),
      ...manifest.contributes.snippets.map((s) => s.path),
    ].map((p) => path.posix.normalize(p));
    for (const file of shipped) assert.ok(files.includes(file), file);
  });
});
