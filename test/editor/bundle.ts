/**
 * Bundles the extension-host suites (test/editor/host/) to CommonJS in
 * dist/test/editor/host/: VS Code `require`s `extensionTestsPath`, and this
 * repository is `"type": "module"`, so the bundles end in `.cjs`. `vscode` is
 * the host's own module; mocha is required from node_modules through its
 * CommonJS build (its package entry is ESM).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { REPO_ROOT } from "./install.js";

const SOURCE = path.join(REPO_ROOT, "test/editor/host");
export const HOST_OUT = path.join(REPO_ROOT, "dist/test/editor/host");
export const SUITE_INDEX = path.join(HOST_OUT, "index.cjs");

export async function bundleSuites(): Promise<string> {
  const entryPoints = readdirSync(SOURCE)
    .filter((f) => f === "index.ts" || f.endsWith(".suite.ts"))
    .map((f) => path.join(SOURCE, f));
  await build({
    entryPoints,
    outdir: HOST_OUT,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    external: ["vscode"],
    logLevel: "warning",
    plugins: [
      {
        name: "mocha-cjs",
        setup(b) {
          b.onResolve({ filter: /^mocha$/ }, () => ({ path: "mocha/lib/mocha.cjs", external: true }));
        },
      },
    ],
  });
  return SUITE_INDEX;
}
