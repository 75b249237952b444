/**
 * Mocha root hook: after the last test, names what the tests left open (child processes,
 * sockets, timers, worker ports). `.mocharc.json` sets `exit: true` so that a handle left
 * open under load (one run in several, not yet pinned down) cannot hang CI; this report keeps
 * such leaks visible instead of silently masked.
 */
const LEAKS = /^(ChildProcess|TCPWrap|TCPServerWrap|Timeout|MessagePort|Worker|ProcessWrap)$/;

export const mochaHooks = {
  afterAll(): void {
    const open = process.getActiveResourcesInfo().filter((r) => LEAKS.test(r));
    if (open.length > 0) process.stderr.write(`open after the tests: ${open.join(", ")}\n`);
  },
};
