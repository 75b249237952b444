/**
 * Bundles the VS Code extension with esbuild (`npm run bundle:extension`):
 *
 * - `extension/dist/extension.cjs`: the client (`extension/client/extension.ts`), `vscode` external;
 * - `extension/dist/server.cjs`: the language server (engine + vscode-languageserver);
 * - `extension/dist/handbook.cjs`: the generator code the Build and Preview commands load lazily;
 * - `extension/dist/{schemas,handbook-template}/` and a small `package.json` (the engine's version);
 * - `extension/dist/media/`: what the preview webview may load (stylesheet, menu script, link handler);
 * - `extension/snippets/revbook.code-snippets` (committed): one snippet per kind from core/skeletons.ts.
 *
 * The engine is ESM and finds its data files with `new URL(rel, import.meta.url)`.
 * In a CommonJS bundle `import.meta` is empty, so every `import.meta.url` is
 * replaced with the URL the module would have after `tsc` — `<dist>/x/<path>.js` —
 * which puts the engine's "package root" (`../../../` from `core/validate/`) at
 * `extension/dist/`, where the schemas and templates are copied. No engine
 * code changes for the bundle.
 *
 * Runs compiled, from `dist/extension/build.js`.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import * as prettier from "prettier";
import { SKELETONS, snippetBody } from "../core/skeletons.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const EXT = path.join(REPO, "extension");
const OUT = path.join(EXT, "dist");

/** Name of the banner function that rebuilds a module's `import.meta.url` at run time. */
const URL_OF = "__revbookModuleUrl";
const BANNER = `"use strict";
function ${URL_OF}(rel) { return require("node:url").pathToFileURL(require("node:path").join(__dirname, "x", rel)).href; }`;

/** Replaces `import.meta.url` in repository sources with their would-be compiled URL (see the module comment). */
const importMetaUrl: Plugin = {
  name: "import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "ts" };
      const rel = path.relative(REPO, args.path).split(path.sep).join("/").replace(/\.ts$/, ".js");
      return {
        contents: source.replaceAll("import.meta.url", `${URL_OF}(${JSON.stringify(rel)})`),
        loader: "ts",
      };
    });
  },
};

/** One JSON Schema for any definition file: picks the kind's schema by `kind` (for Red Hat YAML's `yamlValidation`). */
async function definitionSchema(schemaDir: string): Promise<object> {
  const byKind: { kind: string; file: string }[] = [];
  for (const file of (await fs.readdir(schemaDir)).sort()) {
    const schema = JSON.parse(await fs.readFile(path.join(schemaDir, file), "utf8")) as {
      properties?: { kind?: { const?: string } };
    };
    const kind = schema.properties?.kind?.const;
    if (kind) byKind.push({ kind, file });
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://revbook.dev/schemas/definition.schema.json",
    title: "revbook definition",
    description: "A revbook definition; its `kind` picks the schema.",
    type: "object",
    required: ["kind"],
    properties: { kind: { enum: byKind.map((k) => k.kind), description: "What this document defines." } },
    allOf: byKind.map(({ kind, file }) => ({
      if: { properties: { kind: { const: kind } }, required: ["kind"] },
      then: { $ref: file },
    })),
  };
}

async function copyAssets(): Promise<void> {
  const schemas = path.join(OUT, "schemas");
  await fs.cp(path.join(REPO, "schemas"), schemas, { recursive: true });
  await fs.writeFile(
    path.join(schemas, "definition.schema.json"),
    `${JSON.stringify(await definitionSchema(path.join(REPO, "schemas")), null, 2)}\n`,
  );
  // What `buildSite` copies into a site (generator/site/build.ts ASSETS).
  await fs.mkdir(path.join(OUT, "handbook-template"));
  for (const asset of ["site.css", "search.js", "nav.js"]) {
    await fs.copyFile(
      path.join(REPO, "handbook-template", asset),
      path.join(OUT, "handbook-template", asset),
    );
  }
  // The preview webview may load only dist/media: the handbook stylesheet and menu script, and its link handler.
  const media = path.join(OUT, "media");
  await fs.mkdir(path.join(media, "assets"), { recursive: true });
  for (const asset of ["site.css", "nav.js"]) {
    await fs.copyFile(path.join(REPO, "handbook-template", asset), path.join(media, "assets", asset));
  }
  await fs.copyFile(path.join(EXT, "media", "preview.js"), path.join(media, "preview.js"));
  // vsce wants the license beside the manifest; the repository's one is the source (extension/LICENSE is ignored).
  await fs.copyFile(path.join(REPO, "LICENSE"), path.join(EXT, "LICENSE"));
  const { version } = JSON.parse(await fs.readFile(path.join(REPO, "package.json"), "utf8")) as {
    version: string;
  };
  // The engine reads its version from `<package root>/package.json` (generator/version.ts).
  await fs.writeFile(path.join(OUT, "package.json"), `${JSON.stringify({ private: true, version })}\n`);
}

/** `extension/snippets/revbook.code-snippets`: one snippet per kind, from the skeletons of core/skeletons.ts. */
export async function snippetsFile(): Promise<string> {
  const snippets: Record<string, { prefix: string[]; description: string; body: string[] }> = {};
  for (const s of SKELETONS) {
    const kebab = s.kind.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
    snippets[`revbook ${s.kind}`] = {
      prefix: [`revbook-${kebab}`, `kind: ${s.kind}`],
      description: `revbook ${s.kind}: ${s.description}`,
      body: snippetBody(s.kind) ?? [],
    };
  }
  // Formatted as `prettier --check` expects it.
  const file = path.join(EXT, "snippets", "revbook.code-snippets");
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(snippets, null, 2), { ...options, filepath: file });
}

export async function bundle(): Promise<void> {
  await fs.rm(OUT, { recursive: true, force: true });
  const common = {
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    banner: { js: BANNER },
    plugins: [importMetaUrl],
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  } satisfies Partial<BuildOptions>;
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(EXT, "client/extension.ts")],
      outfile: path.join(OUT, "extension.cjs"),
      external: ["vscode"],
    }),
    build({
      ...common,
      entryPoints: [path.join(EXT, "client/server-main.ts")],
      outfile: path.join(OUT, "server.cjs"),
    }),
    build({
      ...common,
      entryPoints: [path.join(EXT, "client/handbook-engine.ts")],
      outfile: path.join(OUT, "handbook.cjs"),
    }),
  ]);
  await copyAssets();
  await fs.writeFile(path.join(EXT, "snippets", "revbook.code-snippets"), await snippetsFile());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundle().catch((error: unknown) => {
    process.stderr.write(`bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
