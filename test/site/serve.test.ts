/**
 * `revbook serve` as a real process on a copy of examples/acme (`--port 0`,
 * the printed URL parsed from stdout): static serving with the CSP and the
 * live-reload script, 404s, refused path traversal, a `reload` server-sent
 * event after a doc or definition changes on disk (and the rebuilt page, with
 * the lint-error banner), partial rebuilds (exactly the dependants of an edit
 * rewritten, and after each kind of definition edit every file equal to what
 * a fresh `revbook build` writes), a busy port (exit 2), and SIGTERM (exit 0). No
 * sleeps and no timing assertions: every wait ends on output or an event, and
 * the mocha timeout is the only limit.
 */
import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { BIN, makeTempDir, REPO_ROOT, removeTempDir, runCli, snapshotFiles } from "../helpers/cli.js";

const ACME = path.join(REPO_ROOT, "examples/acme");
const CSP_META = `<meta http-equiv="Content-Security-Policy"`;
const RELOAD_SCRIPT = `<script src="/__revbook/live-reload.js" defer></script>`;

interface Served {
  child: ChildProcess;
  /** The printed URL, e.g. `http://127.0.0.1:40571/`. */
  url: URL;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `revbook serve DIR --port 0 …` and resolves once it prints its URL. */
function startServe(
  dir: string,
  extra: readonly string[] = [],
): { served: Promise<Served>; child: ChildProcess } {
  const child = spawn(process.execPath, [BIN, "serve", dir, "--port", "0", ...extra], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const served = new Promise<Served>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const m = /revbook serve: (http:\/\/\S+) \(Ctrl\+C to stop\)/.exec(stdout);
      if (m?.[1]) resolve({ child, url: new URL(m[1]), stderr: () => stderr, exited });
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    exited.then((code) => reject(new Error(`revbook serve exited (${code}) before serving:\n${stderr}`)));
  });
  return { served, child };
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET with the path sent exactly as given (no client-side `..` normalising). */
function get(url: URL, rawPath: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: rawPath, method: "GET", agent: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** An open `/__revbook/events` stream: `connected` on the first bytes; `count()` reload events so far. */
interface EventStream {
  connected: Promise<void>;
  count(): number;
  /** Resolves once more than `seen` reload events have arrived. */
  beyond(seen: number): Promise<void>;
  close(): void;
}

function openEvents(url: URL): EventStream {
  let buffer = "";
  let reloads = 0;
  let waiters: { after: number; resolve: () => void }[] = [];
  let onConnect: () => void = () => {};
  const connected = new Promise<void>((resolve) => {
    onConnect = resolve;
  });
  const req = http.get(
    { host: url.hostname, port: url.port, path: "/__revbook/events", agent: false },
    (res) => {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^text\/event-stream/);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        onConnect();
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: reload$/m.test(message)) reloads++;
          end = buffer.indexOf("\n\n");
        }
        const ready = waiters.filter((w) => reloads > w.after);
        waiters = waiters.filter((w) => reloads <= w.after);
        for (const w of ready) w.resolve();
      });
    },
  );
  req.on("error", () => {});
  return {
    connected,
    count: () => reloads,
    beyond(after) {
      if (reloads > after) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ after, resolve }));
    },
    close() {
      req.destroy();
    },
  };
}

/**
 * Counts reload events from before a change (`seen`) until `page` holds (or,
 * with `absent`, no longer holds) `text`: a reload from an earlier change may come first.
 */
async function reloadUntil(
  events: EventStream,
  seen: number,
  url: URL,
  page: string,
  text: string,
  absent = false,
): Promise<Response> {
  let count = seen;
  for (;;) {
    await events.beyond(count);
    count = events.count();
    const res = await get(url, page);
    if (res.body.includes(text) !== absent) return res;
  }
}

/** Saves a file as editors do (a temporary file renamed over it): the watcher never sees it half-written. */
async function saveAtomically(file: string, text: string): Promise<void> {
  const tmpFile = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  await fs.writeFile(tmpFile, text);
  await fs.rename(tmpFile, file);
}

/** Files that differ between two folders (the manifest, which records the build, left out). */
async function differingFiles(a: string, b: string): Promise<string[]> {
  const x = await snapshotFiles(a);
  const y = await snapshotFiles(b);
  x.delete(".revbook-manifest.json");
  y.delete(".revbook-manifest.json");
  return [...new Set([...x.keys(), ...y.keys()])].filter((f) => {
    const p = x.get(f);
    const q = y.get(f);
    return !p || !q || !p.equals(q);
  });
}

/** Every file of the served folder with its modification time. */
async function fileStamps(site: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (rel: string): Promise<void> => {
    for (const e of await fs.readdir(path.join(site, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      // A write in progress (writeFileAtomic's `.name.pid.time.tmp`, renamed into place) is not a page.
      else if (!/^\..*\.tmp$/.test(e.name)) {
        // The server may be mid-write (a temporary file renamed away): what vanished is not a page.
        const stat = await fs.stat(path.join(site, r)).catch(() => undefined);
        if (stat) out.set(r, stat.mtimeMs);
      }
    }
  };
  await walk("");
  return out;
}

/** Stamps once the search index (written after the reload event) has been rewritten too. */
async function stampsOnceRewritten(site: string, previous: number | undefined): Promise<Map<string, number>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await fileStamps(site);
    if (now.get("search-index.json") !== previous || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("revbook serve (real process)", function () {
  this.timeout(120_000);
  let tmp: string;
  let dir: string;
  let child: ChildProcess | undefined;
  let events: EventStream | undefined;

  beforeEach(async () => {
    tmp = await makeTempDir("revbook-serve-");
    dir = path.join(tmp, "acme");
    await fs.cp(ACME, dir, { recursive: true });
  });

  afterEach(async () => {
    events?.close();
    events = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    }
    child = undefined;
    await removeTempDir(tmp);
  });

  const serve = async (extra: readonly string[] = []): Promise<Served> => {
    const started = startServe(dir, extra);
    child = started.child;
    return started.served;
  };

  it("serves pages with the CSP and the live-reload script, 404s, and refuses traversal", async () => {
    const { url } = await serve();
    assert.equal(url.hostname, "127.0.0.1");
    assert.notEqual(url.port, "0");

    const home = await get(url, "/");
    assert.equal(home.status, 200);
    assert.match(String(home.headers["content-type"]), /^text\/html/);
    assert.equal(home.headers["cache-control"], "no-cache");
    assert.ok(home.body.includes(CSP_META), "CSP meta");
    assert.ok(home.body.includes(RELOAD_SCRIPT), "live-reload script tag");
    assert.ok(!home.body.includes("revbook-banner"), "no banner without lint errors");

    const stage = await get(url, "/stages/mql/");
    assert.equal(stage.status, 200);
    assert.ok(stage.body.includes("<h1>") || stage.body.includes("<h1 "), "a page");
    const folder = await get(url, "/stages/mql");
    assert.equal(folder.status, 301);
    assert.equal(folder.headers.location, "/stages/mql/");
    const doubled = await get(url, "//stages");
    assert.equal(doubled.headers.location, "/stages/", "no protocol-relative redirect");

    const css = await get(url, "/assets/site.css");
    assert.equal(css.status, 200);
    assert.match(String(css.headers["content-type"]), /^text\/css/);
    const script = await get(url, "/__revbook/live-reload.js");
    assert.equal(script.status, 200);
    assert.match(String(script.headers["content-type"]), /^text\/javascript/);
    assert.ok(script.body.includes("EventSource"));
    const sitemap = await get(url, "/sitemap.xml");
    assert.match(String(sitemap.headers["content-type"]), /^application\/xml/);

    for (const attack of [
      "/../../../../etc/passwd",
      "/..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%5c..%5c..%5cetc%5cpasswd",
      "/../revbook.yaml",
      "/%00",
    ]) {
      const res = await get(url, attack);
      assert.ok(res.status === 400 || res.status === 404, `${attack}: status ${res.status}`);
      assert.ok(!res.body.includes("root:"), `${attack} leaked /etc/passwd`);
      assert.ok(!res.body.includes("version: 1"), `${attack} leaked revbook.yaml`);
    }

    const missing = await get(url, "/no/such/page/");
    assert.equal(missing.status, 404);
    assert.ok(missing.body.includes("Page not found"), "the site's 404 page");
    assert.ok(missing.body.includes(RELOAD_SCRIPT));

    // Serving never touches the user's `out`.
    await assert.rejects(fs.access(path.join(dir, "public")));
  });

  it("sends a reload event after a change on disk, serves the rebuilt page, and shows lint errors as a banner", async () => {
    const { url } = await serve();
    events = openEvents(url);
    await events.connected;

    const doc = path.join(dir, "handbook/sales/lead-routing.md");
    const text = await fs.readFile(doc, "utf8");
    assert.ok(text.includes("\n## Territories\n"));
    let seen = events.count();
    await fs.writeFile(doc, text.replace("\n## Territories\n", "\n## Regional territories\n"));
    const page = await reloadUntil(events, seen, url, "/sales/lead-routing/", "Regional territories");
    assert.equal(page.status, 200);
    assert.ok(page.body.includes("Regional territories"));
    assert.ok(!page.body.includes("revbook-banner"));

    // An atomic save (write a temporary file, rename it over): editors do this, and it must be seen too.
    const tmpFile = path.join(dir, "handbook/sales/.lead-routing.md.swp");
    await fs.writeFile(tmpFile, text.replace("\n## Territories\n", "\n## Territories by region\n"));
    seen = events.count();
    await fs.rename(tmpFile, doc);
    await reloadUntil(events, seen, url, "/sales/lead-routing/", "Territories by region");

    const triggers = path.join(dir, "definitions/triggers/lifecycle.yaml");
    const yaml = await fs.readFile(triggers, "utf8");
    assert.ok(yaml.includes("setStage: lead\n"));
    seen = events.count();
    await fs.writeFile(triggers, yaml.replace("setStage: lead\n", "setStage: leed\n"));
    const broken = await reloadUntil(events, seen, url, "/", "revbook-banner");
    assert.ok(
      broken.body.includes(
        `<div class="revbook-banner" role="alert"><a href="/status/">1 lint error — see the status page</a></div>`,
      ),
      "the error banner",
    );
    const status = await get(url, "/status/");
    assert.ok(status.body.includes("leed"), "the status page lists the error");

    seen = events.count();
    await fs.writeFile(triggers, yaml);
    await reloadUntil(events, seen, url, "/", "revbook-banner", true);
  });

  it("rebuilds only the pages that depend on a changed doc's text, and everything after a title change", async () => {
    const served = await serve();
    const { url } = served;
    events = openEvents(url);
    await events.connected;
    const site = path.join(dir, ".revbook/serve/site");
    const stamps = (): Promise<Map<string, number>> => fileStamps(site);
    const stampsAfterSearchIndex = (previous: number | undefined): Promise<Map<string, number>> =>
      stampsOnceRewritten(site, previous);
    const before = await stamps();
    const doc = path.join(dir, "handbook/sales/lead-routing.md");
    const text = await fs.readFile(doc, "utf8");
    const seen = events.count();
    await fs.writeFile(doc, text.replace("\n## Territories\n", "\n## Regional territories\n"));
    await reloadUntil(events, seen, url, "/sales/lead-routing/", "Regional territories");
    const after = await stampsAfterSearchIndex(before.get("search-index.json"));
    const rewritten = [...after].filter(([f, t]) => before.get(f) !== t).map(([f]) => f);
    assert.ok(rewritten.includes("sales/lead-routing/index.html"), rewritten.join());
    assert.ok(rewritten.includes("search-index.json"), rewritten.join());
    // Besides the doc's page and the search index: only definition pages it links to (their backlinks).
    const others = rewritten.filter(
      (f) => f !== "sales/lead-routing/index.html" && f !== "search-index.json",
    );
    for (const f of others)
      assert.match(
        f,
        /^(stages|triggers|objects|pipelines|teams|scoring|metrics|events|plans)\/[^/]+\/index\.html$/,
      );
    for (const f of [
      "index.html",
      "sales/deal-desk/index.html",
      "revops/lifecycle/index.html",
      "sitemap.xml",
    ]) {
      assert.equal(after.get(f), before.get(f), `${f} was not rewritten`);
    }
    assert.match(served.stderr(), /rebuilt \d+ pages from \d+ files in \d+ ms/);

    // A new title reaches the navigation of other pages: the whole site is rebuilt.
    const again = events.count();
    await fs.writeFile(doc, text.replace("title: Lead routing and SLAs", "title: Lead routing"));
    const deal = await reloadUntil(events, again, url, "/sales/deal-desk/", ">Lead routing</a>");
    assert.ok(deal.body.includes('<li><a href="/sales/lead-routing/">Lead routing</a></li>'));

    // Unpublished (draft): its link leaves every page's navigation, so the whole site is rebuilt too.
    const third = events.count();
    const fullBuilds = (): number => (served.stderr().match(/built the site from/g) ?? []).length;
    const builtBefore = fullBuilds();
    await fs.writeFile(doc, text.replace("title: Lead routing and SLAs", "title: Lead routing\ndraft: true"));
    await reloadUntil(events, third, url, "/sales/deal-desk/", 'href="/sales/lead-routing/"', true);
    assert.ok(fullBuilds() > builtBefore, served.stderr());
  });

  it("after a stage's definition text changes, rewrites exactly its page and the pages that show it", async () => {
    const served = await serve();
    const { url } = served;
    events = openEvents(url);
    await events.connected;
    const site = path.join(dir, ".revbook/serve/site");
    const before = await fileStamps(site);
    const file = path.join(dir, "definitions/pipelines/lifecycle.yaml");
    const yaml = await fs.readFile(file, "utf8");
    const seen = events.count();
    await saveAtomically(file, yaml.replace("A named person who raised", "A named human who raised"));
    await reloadUntil(events, seen, url, "/stages/lead/", "A named human who raised");
    const after = await stampsOnceRewritten(site, before.get("search-index.json"));
    const rewritten = [...after]
      .filter(([f, t]) => before.get(f) !== t)
      .map(([f]) => f)
      .sort();
    assert.deepEqual(rewritten, [
      "glossary/index.html", // every definition's text
      "index.html", // handbook/index.md embeds the lifecycle funnel
      "pipelines/lifecycle/index.html", // the stage table
      "revops/lifecycle/index.html", // links to the stage, embeds the stage table
      "search-index.json",
      "stages/index.html", // the section index's summaries
      "stages/lead/index.html",
    ]);
    // Another stage of the same pipeline, and a doc that does not show the stage, stay as they were.
    for (const f of [
      "stages/mql/index.html",
      "sales/deal-desk/index.html",
      "triggers/promote-to-lead/index.html",
    ])
      assert.equal(after.get(f), before.get(f), `${f} was not rewritten`);
    assert.match(served.stderr(), /rebuilt 6 pages from \d+ files in \d+ ms/);
    assert.doesNotMatch(served.stderr(), /built the site from .*whole site/);
  });

  it("leaves every file as a fresh `revbook build` writes it after each kind of definition edit, with the banner while one has a lint error", async function () {
    this.timeout(360_000);
    const served = await serve();
    const { url } = served;
    events = openEvents(url);
    await events.connected;
    const site = path.join(dir, ".revbook/serve/site");
    const fullBuilds = (): number => (served.stderr().match(/built the site from/g) ?? []).length;
    const partialBuilds = (): number => (served.stderr().match(/rebuilt \d+ pages from/g) ?? []).length;
    const builtAtStart = fullBuilds();
    let run = 0;
    /** Saves one edit, waits for its reload and the search index, and compares with a fresh build. */
    const edit = async (
      what: string,
      rel: string,
      from: string,
      to: string,
      page: string,
      shows: string,
      absent = false,
      partial = true,
    ): Promise<void> => {
      const file = path.join(dir, rel);
      const text = await fs.readFile(file, "utf8");
      assert.ok(text.includes(from), `${what}: ${rel} holds ${from}`);
      const index = (await fileStamps(site)).get("search-index.json");
      const partials = partialBuilds();
      const fulls = fullBuilds();
      const seen = events?.count() ?? 0;
      await saveAtomically(file, text.replace(from, to));
      await reloadUntil(events as EventStream, seen, url, page, shows, absent);
      await stampsOnceRewritten(site, index);
      if (partial) assert.ok(partialBuilds() > partials, `${what}: a partial rebuild\n${served.stderr()}`);
      else assert.ok(fullBuilds() > fulls, `${what}: a whole-site rebuild\n${served.stderr()}`);
      const fresh = path.join(tmp, `fresh-${++run}`);
      const built = await runCli(["build", dir, "--out", fresh, "--allow-errors"], {
        cwd: dir,
        timeoutMs: 60_000,
      });
      assert.equal(built.code, 0, built.stderr);
      assert.deepEqual(await differingFiles(site, fresh), [], `${what}: served files equal a fresh build`);
    };

    const stages = "definitions/pipelines/lifecycle.yaml";
    await edit(
      "stage text",
      stages,
      "A named person who raised",
      "A named human who raised",
      "/stages/lead/",
      "A named human",
    );
    await edit(
      "trigger condition value",
      "definitions/triggers/lifecycle.yaml",
      "{ property: lead_score, op: gte, value: 60 }",
      "{ property: lead_score, op: gte, value: 63 }",
      "/triggers/promote-to-mql/",
      "63",
    );
    await edit(
      "scoring rule points",
      "definitions/scoring/lead-score.yaml",
      "        points: 20\n",
      "        points: 25\n",
      "/scoring/lead-score/",
      "+25",
    );
    await edit(
      "property label",
      "definitions/objects/contact.yaml",
      "    name: Job title",
      "    name: Job title as written",
      "/objects/contact/",
      "Job title as written",
    );
    await edit(
      "team name",
      "definitions/teams.yaml",
      "name: Sales Development",
      "name: Sales Development Reps",
      "/teams/sdr/",
      "Sales Development Reps",
    );
    await edit(
      "metric goal",
      "definitions/metrics/funnel.yaml",
      "goal: { period: month, value: 450 }",
      "goal: { period: month, value: 457 }",
      "/metrics/mqls-per-month/",
      "457",
    );
    // A new name moves the page in the navigation, the section index, the sitemap and the search index.
    await edit(
      "metric name",
      "definitions/metrics/funnel.yaml",
      "name: MQLs per month",
      "name: Zebra MQLs",
      "/metrics/",
      "Zebra MQLs",
    );
    await edit(
      "stage name",
      stages,
      "name: Marketing Qualified Lead",
      "name: Marketing-qualified lead",
      "/stages/sql/",
      "Marketing-qualified lead",
    );
    assert.equal(fullBuilds(), builtAtStart, `no whole-site rebuild\n${served.stderr()}`);

    // A lint error in a definition: the banner on every page, the error on the status page.
    const scoring = "definitions/scoring/lead-score.yaml";
    await edit(
      "lint error",
      scoring,
      "  - { stage: mql, min: 60 }",
      "  - { stage: mqq, min: 60 }",
      "/",
      "revbook-banner",
    );
    const page = await get(url, "/stages/lead/");
    assert.ok(
      page.body.includes(
        `<div class="revbook-banner" role="alert"><a href="/status/">1 lint error — see the status page</a></div>`,
      ),
      page.body.slice(0, 2000),
    );
    assert.ok((await get(url, "/status/")).body.includes("mqq"), "the status page lists the error");
    await edit(
      "lint error fixed",
      scoring,
      "  - { stage: mqq, min: 60 }",
      "  - { stage: mql, min: 60 }",
      "/",
      "revbook-banner",
      true,
    );
    assert.ok(!(await get(url, "/status/")).body.includes("mqq"));
    assert.equal(fullBuilds(), builtAtStart, `no whole-site rebuild\n${served.stderr()}`);

    // A new id is structural: the whole site is rebuilt, the log says why, and it equals a fresh build too.
    await edit(
      "metric id",
      "definitions/metrics/funnel.yaml",
      "id: mqls-per-month",
      "id: monthly-mqls",
      "/metrics/monthly-mqls/",
      "Zebra MQLs",
      false,
      false,
    );
    assert.match(
      served.stderr(),
      /built the site from .*; whole site: definitions\/metrics\/funnel\.yaml: definitions added, removed or renamed/,
    );
  });

  it("exits 0 on SIGTERM", async () => {
    const served = await serve();
    served.child.kill("SIGTERM");
    assert.equal(await served.exited, 0, served.stderr());
  });

  it("exits 2 naming the port and --port when the port is busy", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const started = startServe(dir, ["--port", String(port)]);
      child = started.child;
      started.served.catch(() => {});
      let stderr = "";
      child.stderr?.on("data", (c: Buffer | string) => {
        stderr += c.toString();
      });
      const code = await new Promise<number | null>((resolve) => child?.on("exit", (c) => resolve(c)));
      assert.equal(code, 2, stderr);
      assert.ok(stderr.includes(`port ${port}`), stderr);
      assert.ok(stderr.includes("--port"), stderr);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
