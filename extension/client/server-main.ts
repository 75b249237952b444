/**
 * Entry of the bundled language server (`extension/dist/server.cjs`): the same
 * server `revbook lsp --stdio` runs, started on stdin/stdout. The extension
 * spawns it with Node (`TransportKind.stdio`); arguments such as `--stdio` and
 * `--clientProcessId=PID` are accepted and ignored.
 */
import { startServer } from "../server/server.js";

startServer().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `revbook: language server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
