/**
 * Tests of the JSON Schemas (schemas/*.schema.json), the ajv error mapping in
 * core/validate/schema-validator.ts and the ISO 8601 helpers in core/iso.ts.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  durationInWords,
  durationToMilliseconds,
  formatIsoDate,
  isIsoDate,
  isIsoDateTime,
  isIsoDuration,
  parseDuration,
  parseIsoDate,
  parseIsoDateTime,
} from "../core/iso.js";
import {
  KINDS,
  SCHEMA_NAMES,
  type SchemaProblem,
  schemaFilePath,
  schemaIdForKind,
  validateConfig,
  validateDefinition,
  validateFrontmatter,
} from "../core/validate/schema-validator.js";

/** Parses YAML the way revbook does (YAML 1.2 core schema). */
function yaml(text: string): unknown {
  return parse(text, { schema: "core" });
}

function only(problems: SchemaProblem[]): SchemaProblem {
  assert.equal(problems.length, 1, `expected one problem, got ${JSON.stringify(problems, null, 2)}`);
  return problems[0] as SchemaProblem;
}

const EXAMPLES: Record<string, string> = {
  Object: `
kind: Object
id: contact
name: Contact
crmName: contacts
properties:
  - id: lifecyclestage
    name: Lifecycle stage
    type: enum
    options: [subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist, other]
  - id: lead_score
    type: number
  - id: hubspotscore
    type: number
    status: retired
    replacedBy: lead_score
  - id: jobtitle
    type: string
  - id: company
    type: reference
    target: company
  - id: priority
    type: enum
    required: true
    crmName: hs_priority
    description: How urgent.
    options:
      - { value: high, label: High }
      - { value: low, label: Low, hidden: true }
`,
  Team: `
kind: Team
id: sdr
name: Sales development
description: Qualifies MQLs.
members: [Ada Lovelace, grace@example.com]
channel: "#sdr-team"
tags: [sales]
`,
  Event: `
kind: Event
id: pricing-page-view
object: contact
source: web
owner: marketing
`,
  Pipeline: `
kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
forwardOnly: true
stages: [subscriber, lead, mql, sql, opportunity, customer, evangelist]
`,
  Stage: `
kind: Stage
id: mql
name: Marketing Qualified Lead
crmValue: marketingqualifiedlead
bowtie: education
definition: >
  A contact whose fit and engagement say they are worth a salesperson's time.
entry:
  all:
    - { property: lead_score, op: gte, value: 60 }
    - { property: email, op: known }
exitCriteria:
  - Accepted by an SDR (becomes SQL) or rejected with a reason
actions:
  - SDR reviews and makes first contact
owner: sdr
sla: PT2H
enteredAt: mql_date
manual: false
terminal: false
`,
  Trigger: `
kind: Trigger
id: promote-to-mql
name: Promote to MQL
object: contact
crm: hubspot
when:
  all:
    - { property: lead_score, op: gte, value: 60 }
    - { property: lifecyclestage, op: in, value: [subscriber, lead] }
actions:
  - setStage: mql
  - setProperty: { property: mql_date, value: now }
  - assign: { team: sdr, method: round-robin }
  - notify: { team: sdr, channel: "#sdr-alerts" }
  - createTask: { team: sdr, title: "Call new MQL", due: PT2H }
reenroll: false
`,
  ScoringModel: `
kind: ScoringModel
id: lead-score
object: contact
property: lead_score
max: 100
groups:
  - id: fit
    name: Fit
    category: fit
    limit: 50
    rules:
      - when: { property: seniority, op: in, value: [vp, c-level] }
        points: 20
      - when: { property: company.numberofemployees, op: between, value: [200, 5000] }
        points: 15
      - when: { property: email, op: contains, value: "@gmail.com" }
        points: -10
  - id: engagement
    name: Engagement
    rules:
      - when: { event: pricing-page-view, op: occurred, within: P30D }
        points: 10
        decay: P90D
      - when: { event: demo-request, op: occurred }
        points: 40
        limit: { count: 1, per: P1D }
thresholds:
  - { stage: mql, min: 60 }
`,
  CommandPlan: `
kind: CommandPlan
id: enterprise-handoff
name: Enterprise sales to customer success handoff
object: deal
from: sales
to: customer-success
at: closedwon
sla: P2D
sections:
  - id: why-now
    title: Why now?
    prompt: What compelling event forces a decision this quarter?
    property: deal.why_now
    requiredAt: qualifiedtobuy
    appliesWhen:
      { property: deal.amount, op: gte, value: 100000 }
`,
  Metric: `
kind: Metric
id: mql-to-sql
type: conversion
from: mql
to: sql
unit: percent
goal: { period: quarter, value: 35 }
`,
};

describe("schemas", () => {
  it("has a valid example for every kind", () => {
    assert.deepEqual(Object.keys(EXAMPLES).sort(), [...KINDS].sort());
    for (const [kind, text] of Object.entries(EXAMPLES)) {
      assert.deepEqual(validateDefinition(yaml(text)), [], `${kind} example`);
    }
  });

  it("accepts deal stages, volume metrics and event counts", () => {
    const stage = yaml(`
kind: Stage
id: closedwon
definition: Contract signed.
probability: 1
forecast: closed
closed: true
won: true
terminal: true
`);
    assert.deepEqual(validateDefinition(stage), []);
    const metric = yaml(
      "kind: Metric\nid: mqls\ntype: volume\nstage: mql\nunit: count\ngoal: { period: month, value: 400 }\n",
    );
    assert.deepEqual(validateDefinition(metric), []);
    const trigger = yaml(`
kind: Trigger
id: hot
object: contact
when:
  any:
    - { event: pricing-page-view, op: countAtLeast, value: 3, within: P2W }
    - not: { property: lifecyclestage, op: in, value: [customer] }
actions:
  - clearProperty: { property: disqualified_reason }
  - notify: { channel: "#hot-leads", message: Hot lead }
  - createTask: { title: Follow up }
`);
    assert.deepEqual(validateDefinition(trigger), []);
  });

  it("gives every schema an $id, title and description, and every field a description", () => {
    assert.equal(schemaIdForKind("Stage"), "https://revbook.dev/schemas/stage.schema.json");
    assert.equal(schemaIdForKind("ScoringModel"), "https://revbook.dev/schemas/scoring-model.schema.json");
    assert.equal(schemaIdForKind("Nope"), undefined);
    assert.equal(schemaIdForKind("constructor"), undefined);
    const missing: string[] = [];
    // Walks the schema tree (not if/then/anyOf guards, which only restate fields).
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const schema = node as Record<string, unknown>;
      const props = schema.properties;
      if (typeof props === "object" && props !== null) {
        for (const [field, sub] of Object.entries(props)) {
          if (typeof (sub as { description?: unknown }).description !== "string") {
            missing.push(`${path}/properties/${field}`);
          }
          visit(sub, `${path}/properties/${field}`);
        }
      }
      visit(schema.items, `${path}/items`);
      visit(schema.additionalProperties, `${path}/additionalProperties`);
      const defs = schema.$defs;
      if (typeof defs === "object" && defs !== null) {
        for (const [name, def] of Object.entries(defs)) visit(def, `${path}/$defs/${name}`);
      }
    };
    for (const name of SCHEMA_NAMES) {
      const schema = JSON.parse(readFileSync(schemaFilePath(name), "utf8")) as Record<string, unknown>;
      assert.equal(schema.$id, `https://revbook.dev/schemas/${name}.schema.json`);
      assert.equal(typeof schema.title, "string", name);
      assert.equal(typeof schema.description, "string", name);
      visit(schema, name);
    }
    assert.deepEqual(missing, []);
  });
});

describe("validateDefinition", () => {
  it("reports a missing required field on the mapping", () => {
    assert.deepEqual(only(validateDefinition(yaml("kind: Stage\nid: mql\n"))), {
      pointer: "",
      target: "container",
      message: "`definition` is required on a Stage",
    });
  });

  it("reports an unknown field on its key with a did-you-mean", () => {
    const problems = validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nexitCritera: [a]\n"));
    assert.deepEqual(only(problems), {
      pointer: "/exitCritera",
      target: "key",
      message: "unknown field `exitCritera` on Stage",
      suggestion: "did you mean `exitCriteria`?",
      replacement: "exitCriteria",
    });
  });

  it("reports a misspelt required field once, as an unknown field with a fix", () => {
    const problems = validateDefinition(yaml("kind: Stage\nid: mql\ndefintion: x\n"));
    assert.deepEqual(only(problems), {
      pointer: "/defintion",
      target: "key",
      message: "unknown field `defintion` on Stage",
      suggestion: "did you mean `definition`?",
      replacement: "definition",
    });
    const fm = only(validateFrontmatter(yaml("tilte: Lead routing\n")));
    assert.equal(fm.pointer, "/tilte");
    assert.equal(fm.replacement, "title");
  });

  it("reports a bad duration", () => {
    const problem = only(validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nsla: 2 hours\n")));
    assert.deepEqual(problem, {
      pointer: "/sla",
      target: "value",
      message: "`sla` must be an ISO 8601 duration such as PT2H or P3D, not `2 hours`",
    });
    const number = only(validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nsla: 2\n")));
    assert.equal(number.message, "`sla` must be an ISO 8601 duration such as PT2H or P3D, not `2`");
  });

  it("reports a bad enum value with a did-you-mean", () => {
    const problem = only(validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nbowtie: educaton\n")));
    assert.deepEqual(problem, {
      pointer: "/bowtie",
      target: "value",
      message:
        "`bowtie` must be one of awareness, education, selection, commit, onboarding, impact, growth, not `educaton`",
      suggestion: "did you mean `education`?",
      replacement: "education",
    });
  });

  it("explains YAML 1.1 booleans", () => {
    assert.deepEqual(only(validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nmanual: yes\n"))), {
      pointer: "/manual",
      target: "value",
      message: "`manual` must be true or false, not `yes`",
      suggestion: "YAML 1.2 reads `yes` as text; did you mean `true`?",
      replacement: "true",
    });
  });

  it("reports a bad id pattern with a hint but no fix", () => {
    const problem = only(validateDefinition(yaml("kind: Team\nid: Sales Team\n")));
    assert.equal(problem.pointer, "/id");
    assert.equal(problem.target, "value");
    assert.match(problem.message, /^`id` must start with a lowercase letter/);
    assert.equal(problem.suggestion, "use `sales-team`");
    assert.equal(problem.replacement, undefined);
  });

  it("gives a bad condition a single problem", () => {
    const base = "kind: Trigger\nid: t\nobject: contact\nactions: [{setStage: mql}]\n";
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}when: { property: lead_score, op: greater, value: 60 }\n`))),
      {
        pointer: "/when/op",
        target: "value",
        message:
          "`op` must be one of eq, neq, gt, gte, lt, lte, between, in, notIn, contains, notContains, startsWith, before, after, withinLast, known, unknown, not `greater`",
      },
    );
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}when: { all: [{ propery: lead_score, op: gte, value: 60 }] }\n`))),
      {
        pointer: "/when/all/0/propery",
        target: "key",
        message: "unknown field `propery` on a condition",
        suggestion: "did you mean `property`?",
        replacement: "property",
      },
    );
    assert.deepEqual(only(validateDefinition(yaml(`${base}when: { any: [{ foo: 1 }] }\n`))), {
      pointer: "/when/any/0",
      target: "container",
      message: "item 1 of `any` needs one of `all`, `any`, `not`, `property` or `event`",
    });
    assert.deepEqual(only(validateDefinition(yaml(`${base}when: { op: gte, value: 60 }\n`))), {
      pointer: "/when",
      target: "container",
      message: "`property` is required on a property test",
    });
    const mixed = validateDefinition(
      yaml(`${base}when: { all: [{property: a, op: known}], property: x, op: known }\n`),
    );
    assert.deepEqual(only(mixed), {
      pointer: "/when",
      target: "container",
      message:
        "a condition has exactly one of `all`, `any`, `not`, `property` or `event`, found `all` and `property`; give each its own condition",
    });
    assert.deepEqual(only(validateDefinition(yaml(`${base}when: lead_score >= 60\n`))), {
      pointer: "/when",
      target: "value",
      message: "`when` must be a mapping, not `lead_score >= 60`",
    });
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}when: { not: { event: demo, op: countAtLeast } }\n`))),
      {
        pointer: "/when/not",
        target: "container",
        message: "`value` is required on an event test when `op` is `countAtLeast`",
      },
    );
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}when: { event: demo, op: occurred, within: 30 days }\n`))).pointer,
      "/when/within",
    );
  });

  it("requires at least one trigger action", () => {
    const problem = only(
      validateDefinition(
        yaml("kind: Trigger\nid: t\nobject: contact\nwhen: {property: a, op: known}\nactions: []\n"),
      ),
    );
    assert.deepEqual(problem, {
      pointer: "/actions",
      target: "value",
      message: "`actions` needs at least one entry",
    });
  });

  it("reports an action with two keys once", () => {
    const value = yaml(`
kind: Trigger
id: t
object: contact
when: { property: a, op: known }
actions:
  - setStage: mql
    notify: { team: sdr }
`);
    assert.deepEqual(only(validateDefinition(value)), {
      pointer: "/actions/0",
      target: "container",
      message:
        "each action has exactly one key: split `setStage` and `notify` into separate items of `actions`",
    });
  });

  it("reports unknown and malformed actions", () => {
    const base = "kind: Trigger\nid: t\nobject: contact\nwhen: { property: a, op: known }\n";
    assert.deepEqual(only(validateDefinition(yaml(`${base}actions: [{ setStag: mql }]\n`))), {
      pointer: "/actions/0/setStag",
      target: "key",
      message: "unknown field `setStag` on an action",
      suggestion: "did you mean `setStage`?",
      replacement: "setStage",
    });
    assert.deepEqual(only(validateDefinition(yaml(`${base}actions: [{ notify: { message: hi } }]\n`))), {
      pointer: "/actions/0/notify",
      target: "container",
      message: "`notify` needs one of `team` or `channel`",
    });
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}actions: [{ assign: { team: sdr, method: random } }]\n`))).pointer,
      "/actions/0/assign/method",
    );
    assert.deepEqual(
      only(validateDefinition(yaml(`${base}actions: [{ createTask: { title: Call, due: tomorrow } }]\n`)))
        .pointer,
      "/actions/0/createTask/due",
    );
  });

  it("explains requirements that depend on another field", () => {
    const object = yaml(
      "kind: Object\nid: contact\nproperties:\n  - { id: stage, type: enum }\n  - { id: company, type: reference }\n",
    );
    assert.deepEqual(validateDefinition(object), [
      {
        pointer: "/properties/0",
        target: "container",
        message: "`options` is required on property `stage` when `type` is `enum`",
      },
      {
        pointer: "/properties/1",
        target: "container",
        message: "`target` is required on property `company` when `type` is `reference`",
      },
    ]);
    const metric = yaml(
      "kind: Metric\nid: m\ntype: velocity\nfrom: mql\nunit: percent\ngoal: { value: 140 }\n",
    );
    assert.deepEqual(validateDefinition(metric), [
      { pointer: "", target: "container", message: "`to` is required on a Metric when `type` is `velocity`" },
      {
        pointer: "/goal/value",
        target: "value",
        message: "`value` must be at most 100 when `unit` is `percent`, not `140`",
      },
    ]);
  });

  it("reports a stage listed twice in a pipeline on the second one", () => {
    const value = yaml("kind: Pipeline\nid: p\nobject: deal\nproperty: dealstage\nstages: [a, b, a]\n");
    assert.deepEqual(only(validateDefinition(value)), {
      pointer: "/stages/2",
      target: "value",
      message: "`a` is listed twice in `stages`",
    });
  });

  it("reports an unknown kind with a did-you-mean", () => {
    assert.deepEqual(only(validateDefinition(yaml("kind: Stag\nid: mql\n"))), {
      pointer: "/kind",
      target: "value",
      message:
        "unknown kind `Stag`: `kind` must be one of Object, Team, Event, Pipeline, Stage, Trigger, ScoringModel, CommandPlan, Metric",
      suggestion: "did you mean `Stage`?",
      replacement: "Stage",
    });
    assert.equal(only(validateDefinition(yaml("kind: scoringmodel\nid: x\n"))).replacement, "ScoringModel");
    assert.equal(only(validateDefinition(yaml("kind: Widget\nid: x\n"))).suggestion, undefined);
    assert.equal(only(validateDefinition(yaml("kind: toString\nid: x\n"))).pointer, "/kind");
  });

  it("reports a missing kind and a non-mapping document on the root", () => {
    const missing = only(validateDefinition(yaml("id: mql\n")));
    assert.equal(missing.pointer, "");
    assert.equal(missing.target, "container");
    assert.match(missing.message, /^`kind` is required/);
    for (const value of [yaml("- a\n- b\n"), "text", 5, null]) {
      assert.deepEqual(only(validateDefinition(value)), {
        pointer: "",
        target: "container",
        message: "a definition must be a mapping with `kind` and `id`",
      });
    }
  });

  it("reports a `__proto__` key as an unknown field without touching Object.prototype", () => {
    for (const value of [
      yaml("kind: Stage\nid: mql\ndefinition: x\n__proto__: { polluted: true }\n"),
      JSON.parse('{"kind":"Stage","id":"mql","definition":"x","__proto__":{"polluted":true}}') as unknown,
    ]) {
      assert.deepEqual(only(validateDefinition(value)), {
        pointer: "/__proto__",
        target: "key",
        message: "unknown field `__proto__` on Stage",
      });
    }
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const ctor = validateDefinition(yaml("kind: Stage\nid: mql\ndefinition: x\nconstructor: 1\n"));
    assert.equal(only(ctor).pointer, "/constructor");
  });

  it("escapes JSON pointer segments", () => {
    const problem = only(validateDefinition(yaml('kind: Stage\nid: mql\ndefinition: x\n"a/b~c": 1\n')));
    assert.equal(problem.pointer, "/a~1b~0c");
  });
});

describe("validateConfig", () => {
  const good = `
version: 1
title: Acme Revenue Handbook
crm: hubspot
definitions: ["definitions/**/*.{yaml,yml}"]
docs: ["handbook/**/*.md"]
out: public
baseUrl: /
repo:
  url: https://gitlab.com/acme/revops-handbook
  branch: main
  host: gitlab
rules:
  doc-stale: { severity: warn, maxAge: P180D }
  unused-definition: off
`;

  it("accepts the example revbook.yaml", () => {
    assert.deepEqual(validateConfig(yaml(good)), []);
    assert.deepEqual(validateConfig({ version: 1 }), []);
    const generic = yaml(
      "version: 1\nrepo: { url: https://git.example.com/h, host: generic, editUrl: 'https://git.example.com/h/edit/{path}' }\n",
    );
    assert.deepEqual(validateConfig(generic), []);
  });

  it("rejects version 2", () => {
    assert.deepEqual(only(validateConfig(yaml("version: 2\n"))), {
      pointer: "/version",
      target: "value",
      message: "`version` must be 1, not `2`",
    });
    assert.deepEqual(only(validateConfig(yaml("title: x\n"))), {
      pointer: "",
      target: "container",
      message: "`version` is required in revbook.yaml",
    });
  });

  it("checks severities but leaves rule ids and options to the config loader", () => {
    const problems = validateConfig(
      yaml(
        "version: 1\nrules:\n  doc-stale: warning\n  no-such-rule: { severity: error, anything: 1 }\n  doc-owner: { severity: loud }\n",
      ),
    );
    assert.deepEqual(problems, [
      {
        pointer: "/rules/doc-stale",
        target: "value",
        message: "`doc-stale` must be one of error, warn, info, off, not `warning`",
        suggestion: "did you mean `warn`?",
        replacement: "warn",
      },
      {
        pointer: "/rules/doc-owner/severity",
        target: "value",
        message: "`severity` must be one of error, warn, info, off, not `loud`",
      },
    ]);
  });

  it("rejects unknown keys at any depth", () => {
    assert.deepEqual(
      only(validateConfig(yaml("version: 1\nrepo: { url: https://x.org/r, brnach: main }\n"))),
      {
        pointer: "/repo/brnach",
        target: "key",
        message: "unknown field `brnach` in `repo`",
        suggestion: "did you mean `branch`?",
        replacement: "branch",
      },
    );
    assert.equal(
      only(validateConfig(yaml("version: 1\noutput: site\n"))).message,
      "unknown field `output` in revbook.yaml",
    );
  });
});

describe("validateFrontmatter", () => {
  it("accepts every documented field", () => {
    const value = yaml(`
title: Lead routing
description: How MQLs reach SDRs.
owner: revops
related: [stage:mql, ../sales/handoff.md]
reviewed: 2025-01-31
weight: 10
draft: false
tags: [routing]
health: yellow
healthNote: Territory rules are being rebuilt.
aliases: [sales/old-routing.md]
`);
    assert.deepEqual(validateFrontmatter(value), []);
  });

  it("requires a title", () => {
    assert.deepEqual(only(validateFrontmatter(yaml("owner: revops\n"))), {
      pointer: "",
      target: "container",
      message: "`title` is required in the front matter",
    });
  });

  it("checks dates and enums", () => {
    assert.deepEqual(validateFrontmatter(yaml("title: x\nreviewed: 2025-02-30\nhealth: Green\n")), [
      {
        pointer: "/reviewed",
        target: "value",
        message: "`reviewed` must be a date written YYYY-MM-DD, such as 2025-01-31, not `2025-02-30`",
      },
      {
        pointer: "/health",
        target: "value",
        message: "`health` must be one of green, yellow, red, not `Green`",
        suggestion: "did you mean `green`?",
        replacement: "green",
      },
    ]);
  });
});

describe("iso", () => {
  it("parses ISO 8601 durations", () => {
    for (const text of [
      "P30D",
      "PT2H",
      "P1Y2M",
      "P2W",
      "PT1.5H",
      "P1DT12H",
      "PT0S",
      "P0D",
      "P1Y2M3W4DT5H6M7.5S",
    ]) {
      assert.ok(isIsoDuration(text), text);
    }
    for (const text of [
      "30 days",
      "P",
      "PT",
      "P1DT",
      "p30d",
      "P1.5D2H",
      "PT1.5H30M",
      "P-1D",
      "",
      "1D",
      "P1H",
    ]) {
      assert.ok(!isIsoDuration(text), text);
      assert.equal(parseDuration(text), undefined, text);
    }
    assert.ok(!isIsoDuration(30));
    const d = parseDuration("P1Y2M3DT4H5M6S");
    assert.ok(d);
    assert.deepEqual(
      [d.years, d.months, d.weeks, d.days, d.hours, d.minutes, d.seconds],
      [1, 2, 0, 3, 4, 5, 6],
    );
  });

  it("converts durations to milliseconds (1Y = 365D, 1M = 30D)", () => {
    const day = 86_400_000;
    assert.equal(parseDuration("PT2H")?.toMilliseconds(), 2 * 3_600_000);
    assert.equal(durationToMilliseconds("P2W"), 14 * day);
    assert.equal(durationToMilliseconds("P1Y"), 365 * day);
    assert.equal(durationToMilliseconds("P1M"), 30 * day);
    assert.equal(durationToMilliseconds("P1.5D"), 1.5 * day);
    assert.equal(durationToMilliseconds("P0,5D"), 0.5 * day);
    assert.equal(durationToMilliseconds("nope"), undefined);
  });

  it("puts durations in words", () => {
    assert.equal(durationInWords("PT2H"), "2 hours");
    assert.equal(durationInWords("P30D"), "30 days");
    assert.equal(durationInWords("P1Y2M"), "1 year 2 months");
    assert.equal(durationInWords("P1W"), "1 week");
    assert.equal(durationInWords("PT1.5H"), "1.5 hours");
    assert.equal(durationInWords("P0D"), "0 days");
    assert.equal(durationInWords("P1DT0H30M"), "1 day 30 minutes");
    assert.equal(durationInWords("2 hours"), "2 hours");
  });

  it("checks and parses calendar dates", () => {
    assert.ok(isIsoDate("2025-01-31"));
    assert.ok(isIsoDate("2024-02-29"));
    for (const text of [
      "2025-02-30",
      "2023-02-29",
      "2025-13-01",
      "2025-00-10",
      "2025-1-31",
      "31/01/2025",
      "2025-01-31T00:00Z",
    ]) {
      assert.ok(!isIsoDate(text), text);
    }
    assert.ok(!isIsoDate(20250131));
    assert.equal(parseIsoDate("2025-01-31"), Date.UTC(2025, 0, 31));
    assert.equal(parseIsoDate("1970-01-01"), 0);
    assert.equal(parseIsoDate("0099-12-31"), new Date("0099-12-31T00:00:00Z").getTime());
    assert.equal(parseIsoDate("2025-02-30"), undefined);
    assert.equal(formatIsoDate(Date.UTC(2025, 0, 31, 15)), "2025-01-31");
  });

  it("checks and parses date-times", () => {
    assert.equal(parseIsoDateTime("2025-01-31T09:30:00Z"), Date.UTC(2025, 0, 31, 9, 30));
    assert.equal(parseIsoDateTime("2025-01-31T09:30"), Date.UTC(2025, 0, 31, 9, 30));
    assert.equal(parseIsoDateTime("2025-01-31T09:30:00.250+02:00"), Date.UTC(2025, 0, 31, 7, 30, 0, 250));
    assert.ok(!isIsoDateTime("2025-01-31T24:00:00Z"));
    assert.ok(!isIsoDateTime("2025-02-30T10:00:00Z"));
    assert.ok(!isIsoDateTime("2025-01-31"));
  });
});
