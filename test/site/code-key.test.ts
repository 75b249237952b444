/**
 * revbook's code key (generator/site/cache/code-key.ts): the stamp `npm run build`
 * writes gives the same key as hashing the compiled code, the key changes with
 * any change to the code or the version, and a stamp from before a recompile is ignored.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type CodeKeyStamp,
  distRoot,
  hashCode,
  revbookCodeKey,
  stampedKey,
} from "../../generator/site/cache/code-key.js";

describe("site: revbook's code key", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "revbook-code-key-"));
    mkdirSync(path.join(dir, "core", "rules"), { recursive: true });
    mkdirSync(path.join(dir, "generator"), { recursive: true });
    writeFileSync(path.join(dir, "core", "rules", "a.js"), "export const a = 1;\n");
    writeFileSync(path.join(dir, "generator", "b.js"), "export const b = 2;\n");
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is the hash of the compiled code, stamped or not", () => {
    assert.equal(revbookCodeKey(), hashCode(distRoot()));
    const stamped = stampedKey();
    // After `npm run build` the stamp is there; after a plain tsc run it is stale and ignored.
    if (stamped !== undefined) assert.equal(stamped, hashCode(distRoot()));
  });

  it("changes whenever the code, a generated validator or the version changes", () => {
    const before = hashCode(dir, "1.0.0");
    assert.equal(hashCode(dir, "1.0.0"), before, "stable");
    writeFileSync(path.join(dir, "core", "rules", "a.js"), "export const a = 2;\n");
    const edited = hashCode(dir, "1.0.0");
    assert.notEqual(edited, before);
    writeFileSync(path.join(dir, "core", "rules", "v.cjs"), "module.exports = 1;\n");
    const generated = hashCode(dir, "1.0.0");
    assert.notEqual(generated, edited);
    writeFileSync(path.join(dir, "generator", "c.js"), "");
    assert.notEqual(hashCode(dir, "1.0.0"), generated, "a new file");
    assert.notEqual(hashCode(dir, "1.0.1"), hashCode(dir, "1.0.0"), "the version");
    writeFileSync(path.join(dir, "generator", "notes.json"), "{}");
    writeFileSync(path.join(dir, "generator", "b.js.map"), "{}");
    assert.equal(hashCode(dir, "1.0.1"), hashCode(dir, "1.0.1"));
  });

  it("ignores a stamp written before the code was compiled again", () => {
    const module = path.join(dir, "generator", "b.js");
    const stampPath = path.join(dir, "code-key.json");
    utimesSync(module, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
    const stamp: CodeKeyStamp = { key: "k".repeat(64), moduleMtimeMs: 1_700_000_000_000 };
    writeFileSync(stampPath, JSON.stringify(stamp));
    assert.equal(stampedKey(stampPath, module), stamp.key);
    // tsc rewrote the module: a new modification time.
    utimesSync(module, new Date(1_700_000_001_000), new Date(1_700_000_001_000));
    assert.equal(stampedKey(stampPath, module), undefined);
    assert.equal(stampedKey(path.join(dir, "missing.json"), module), undefined);
    writeFileSync(stampPath, "not json");
    assert.equal(stampedKey(stampPath, module), undefined);
  });
});
