/**
 * Helpers for the site tests: a small hostile workspace written into a temp
 * folder (XSS attempts, `../` ids, aliases), and file-tree snapshots.
 */
import { promises as fs } from "node:fs";
import path from "node:path";

export const HOSTILE_DOC = `---
title: Hostile page
owner: revops
aliases: [old/hostile.md]
---

# Hostile page

<script>alert("doc-script")</script>

<img src="x" onerror="alert('img-onerror')">

[click me](javascript:alert('js-link'))

<a href="javascript:alert('raw-js-link')">raw link</a>

<svg><script>alert("svg-script")</script><circle r="5"/></svg>

<iframe src="https://evil.example/"></iframe>

<div data-revbook-slot="forged-0">forged slot</div>

<p style="color:red" onclick="alert('onclick')">styled</p>

Links: [the MQL stage](stage:mql), [nowhere](stage:nope), [sibling](other.md#part), [draft](draft.md).

Ratio note:important stays text, and so does 10:30.

## Part one

::funnel{pipeline="lifecycle"}
`;

export const SMALL_MODEL = `kind: Object
id: contact
properties:
  - { id: lifecyclestage, type: enum, options: [lead, marketingqualifiedlead] }
  - { id: lead_score, type: number }
  - { id: email, type: string }
---
kind: Team
id: revops
---
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [lead, mql]
---
kind: Stage
id: lead
definition: A lead.
owner: revops
---
kind: Stage
id: mql
crmValue: marketingqualifiedlead
definition: A marketing qualified lead.
owner: revops
manual: true
`;

/** Writes a workspace (revbook.yaml + files) into `dir`. */
export async function writeWorkspace(
  dir: string,
  files: Record<string, string>,
  config?: string,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(
    path.join(dir, "revbook.yaml"),
    config ??
      "version: 1\ntitle: Test handbook\nrules:\n  unused-definition: off\n  stage-unreachable: off\n  doc-owner: off\n",
  );
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
}

/** Every file below `dir` (relative, `/`) with its content. */
export async function tree(dir: string, prefix = ""): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of await tree(full, rel)) out.set(k, v);
    else out.set(rel, await fs.readFile(full, "utf8"));
  }
  return out;
}
