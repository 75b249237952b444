/**
 * The same extension-host suites under `@vscode/test-electron`, for machines
 * that can download VS Code (these cannot: `npm run test:editor` runs them in
 * code-server instead): `npm run test:editor:electron`. The workspace is a
 * temporary copy of the fixture, as in the code-server runs.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { runTests } from "@vscode/test-electron";
import { bundleSuites } from "./bundle.js";
import { REPO_ROOT } from "./install.js";
import { tempWorkspaceCopy } from "./workspace.js";

async function main(): Promise<void> {
  const extensionTestsPath = await bundleSuites();
  const { root, workspace } = await tempWorkspaceCopy("electron");
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? "stable",
      extensionDevelopmentPath: path.join(REPO_ROOT, "extension"),
      extensionTestsPath,
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        `--user-data-dir=${path.join(root, "user-data")}`,
        `--extensions-dir=${path.join(root, "extensions")}`,
      ],
    });
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
