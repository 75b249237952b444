#!/usr/bin/env node
// Entry point of the `revbook` command: the compiled CLI lives in dist/.
import { main } from "../dist/generator/cli.js";

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `revbook: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (process.argv.includes("--debug") && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
