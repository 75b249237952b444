/**
 * Tests of the describer (core/describe/): every operator family in HubSpot's
 * and Salesforce's wording, option labels and stage names in place of stored
 * values, walked paths, nesting and `not`, event tests, every action kind,
 * whole triggers, scoring rules, and unresolved names shown as written.
 */
import { strict as assert } from "node:assert";
import {
  type Crm,
  describeAction,
  describeCondition,
  describeDuration,
  describeScoringRule,
  describeTrigger,
} from "../core/describe/index.js";
import type { Action, Condition, ScoringRule, TriggerDef } from "../core/model/kinds.js";
import type { Model } from "../core/model/model.js";
import { memoryWorkspace } from "./helpers/workspace.js";

const OBJECTS = `kind: Object
id: contact
name: Contact
properties:
  - id: lifecyclestage
    name: Lifecycle stage
    type: enum
    options: [subscriber, lead, marketingqualifiedlead, salesqualifiedlead, customer, other]
  - { id: lead_score, name: Lead score, type: number }
  - { id: email, type: string }
  - id: seniority
    type: enum
    options: [{ value: vp, label: VP }, { value: c-level, label: C-level }, ic]
  - id: interests
    type: multienum
    options: [{ value: crm, label: CRM }, ops]
  - { id: mql_date, name: MQL date, type: date }
  - { id: last_touch, name: Last touch, type: datetime }
  - { id: optin, name: Opted in, type: boolean }
  - { id: arr, name: ARR, type: currency }
  - { id: discount, type: percent }
  - { id: hubspot_owner_id, name: Contact owner, type: string }
  - { id: company, type: reference, target: company }
---
kind: Object
id: company
properties:
  - { id: numberofemployees, name: Number of employees, type: number }
---
kind: Object
id: lead
properties:
  - id: status
    name: Lead Status
    type: enum
    options: ["Open - Not Contacted", "Working - Contacted", "Closed - Converted"]
  - { id: rating, type: enum, options: [hot, warm, cold] }
---
kind: Team
id: sdr
name: SDR
channel: "#sdr-alerts"
---
kind: Event
id: pricing-page-view
name: Pricing page view
object: contact
---
kind: Event
id: demo-request
name: Demo request
object: contact
---
kind: Event
id: email-click
name: Email click
object: contact
`;

const PIPELINES = `kind: Pipeline
id: lifecycle
object: contact
property: lifecyclestage
stages: [subscriber, lead, mql, sql, customer]
---
kind: Stage
id: subscriber
definition: Subscribed.
---
kind: Stage
id: lead
definition: A lead.
---
kind: Stage
id: mql
name: Marketing Qualified Lead
crmValue: marketingqualifiedlead
definition: Worth a salesperson's time.
---
kind: Stage
id: sql
name: Sales Qualified Lead
crmValue: salesqualifiedlead
definition: Accepted by sales.
---
kind: Stage
id: customer
definition: Paying.
---
kind: Pipeline
id: lead-status
object: lead
property: status
stages: [open, working, converted]
---
kind: Stage
id: open
name: Open - Not Contacted
crmValue: Open - Not Contacted
definition: New.
---
kind: Stage
id: working
name: Working - Contacted
crmValue: Working - Contacted
definition: Being worked.
---
kind: Stage
id: converted
name: Converted
crmValue: Closed - Converted
definition: Done.
`;

const TRIGGERS = `kind: Trigger
id: promote-to-mql
name: Promote to MQL
object: contact
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
---
kind: Trigger
id: work-lead
object: lead
crm: salesforce
when: { property: rating, op: eq, value: hot }
actions:
  - setStage: working
  - assign: { team: sdr, method: queue }
`;

function buildModel(crm: Crm = "hubspot"): Model {
  const ws = memoryWorkspace(
    {
      "definitions/objects.yaml": OBJECTS,
      "definitions/pipelines.yaml": PIPELINES,
      "definitions/triggers.yaml": TRIGGERS,
    },
    `version: 1\ncrm: ${crm}\n`,
  );
  return ws.model;
}

const model = buildModel();
const HS = { objectId: "contact", crm: "hubspot" } as const;
const SF = { objectId: "contact", crm: "salesforce" } as const;

function cond(c: Condition, options: { objectId: string; crm: Crm } = HS): string {
  return describeCondition(model, c, options);
}
function act(a: Action, options: { objectId: string; crm: Crm } = HS): string {
  return describeAction(model, a, options);
}

describe("describe", () => {
  it("builds a valid fixture model", () => {
    for (const def of model.definitions) assert.ok(def.valid, def.key);
  });

  describe("the MQL example", () => {
    const mql: Condition = {
      all: [
        { property: "lead_score", op: "gte", value: 60 },
        { property: "email", op: "known" },
      ],
    };
    it("reads in HubSpot's words", () => {
      assert.equal(cond(mql), "Lead score is greater than or equal to 60 and Email is known");
    });
    it("reads in Salesforce's words", () => {
      assert.equal(cond(mql, SF), "Lead score greater or equal 60 and Email is not blank");
    });
  });

  describe("number operators", () => {
    const cases: [string, unknown, string, string][] = [
      ["eq", 60, "Lead score is equal to 60", "Lead score equals 60"],
      ["neq", 60, "Lead score is not equal to 60", "Lead score not equal to 60"],
      ["gt", 1500, "Lead score is greater than 1,500", "Lead score greater than 1,500"],
      ["gte", 60, "Lead score is greater than or equal to 60", "Lead score greater or equal 60"],
      ["lt", 10, "Lead score is less than 10", "Lead score less than 10"],
      ["lte", 10.5, "Lead score is less than or equal to 10.5", "Lead score less or equal 10.5"],
      ["between", [200, 5000], "Lead score is between 200 and 5,000", "Lead score between 200 and 5,000"],
      ["in", [1, 2, 3], "Lead score is any of 1, 2 or 3", "Lead score equals any of 1, 2 or 3"],
      ["notIn", [1000000], "Lead score is none of 1,000,000", "Lead score not equal to any of 1,000,000"],
      ["known", undefined, "Lead score is known", "Lead score is not blank"],
      ["unknown", undefined, "Lead score is unknown", "Lead score is blank"],
    ];
    for (const [op, value, hubspot, salesforce] of cases) {
      it(op, () => {
        assert.equal(cond({ property: "lead_score", op, value }), hubspot);
        assert.equal(cond({ property: "lead_score", op, value }, SF), salesforce);
      });
    }
    it("formats currency and percent", () => {
      assert.equal(
        cond({ property: "arr", op: "gte", value: 100000 }),
        "ARR is greater than or equal to 100,000",
      );
      assert.equal(cond({ property: "arr", op: "lt", value: 1234.5 }), "ARR is less than 1,234.50");
      assert.equal(cond({ property: "discount", op: "gt", value: 15 }), "Discount is greater than 15%");
    });
  });

  describe("text operators", () => {
    const cases: [string, unknown, string, string][] = [
      ["eq", "CEO", "Email is equal to “CEO”", "Email equals “CEO”"],
      ["neq", "CEO", "Email is not equal to “CEO”", "Email not equal to “CEO”"],
      ["contains", "@gmail.com", "Email contains “@gmail.com”", "Email contains “@gmail.com”"],
      [
        "notContains",
        "@gmail.com",
        "Email doesn't contain “@gmail.com”",
        "Email does not contain “@gmail.com”",
      ],
      ["startsWith", "info@", "Email starts with “info@”", "Email starts with “info@”"],
      ["in", ["a", "b"], "Email is any of “a” or “b”", "Email equals any of “a” or “b”"],
      ["notIn", ["a", "b"], "Email is none of “a” or “b”", "Email not equal to any of “a” or “b”"],
    ];
    for (const [op, value, hubspot, salesforce] of cases) {
      it(op, () => {
        assert.equal(cond({ property: "email", op, value }), hubspot);
        assert.equal(cond({ property: "email", op, value }, SF), salesforce);
      });
    }
  });

  describe("boolean, enum and multi-select", () => {
    it("words booleans", () => {
      assert.equal(cond({ property: "optin", op: "eq", value: true }), "Opted in is equal to True");
      assert.equal(cond({ property: "optin", op: "neq", value: false }, SF), "Opted in not equal to False");
    });
    it("shows option labels, else the value", () => {
      assert.equal(
        cond({ property: "seniority", op: "in", value: ["vp", "c-level"] }),
        "Seniority is any of VP or C-level",
      );
      assert.equal(cond({ property: "seniority", op: "eq", value: "ic" }, SF), "Seniority equals ic");
      assert.equal(
        cond({ property: "seniority", op: "notIn", value: ["vp", "c-level", "ic"] }),
        "Seniority is none of VP, C-level or ic",
      );
    });
    it("shows stage names for a pipeline's property", () => {
      assert.equal(
        cond({ property: "lifecyclestage", op: "eq", value: "marketingqualifiedlead" }),
        "Lifecycle stage is equal to Marketing Qualified Lead",
      );
      assert.equal(
        cond({ property: "lifecyclestage", op: "in", value: ["subscriber", "lead"] }),
        "Lifecycle stage is any of Subscriber or Lead",
      );
      // an option no stage stores keeps its value
      assert.equal(
        cond({ property: "lifecyclestage", op: "neq", value: "other" }),
        "Lifecycle stage is not equal to other",
      );
      assert.equal(
        cond(
          { property: "status", op: "eq", value: "Closed - Converted" },
          { objectId: "lead", crm: "salesforce" },
        ),
        "Lead Status equals Converted",
      );
    });
    it("shows an unknown option in backticks", () => {
      assert.equal(cond({ property: "seniority", op: "eq", value: "cxo" }), "Seniority is equal to `cxo`");
    });
    it("words multi-select tests per CRM", () => {
      assert.equal(cond({ property: "interests", op: "contains", value: "crm" }), "Interests contains CRM");
      assert.equal(
        cond({ property: "interests", op: "notContains", value: "ops" }),
        "Interests doesn't contain ops",
      );
      assert.equal(
        cond({ property: "interests", op: "contains", value: "crm" }, SF),
        "Interests includes CRM",
      );
      assert.equal(
        cond({ property: "interests", op: "notContains", value: "ops" }, SF),
        "Interests excludes ops",
      );
    });
  });

  describe("date operators", () => {
    const cases: [string, unknown, string, string][] = [
      ["before", "2025-01-31", "MQL date is before 2025-01-31", "MQL date less than 2025-01-31"],
      ["after", "now", "MQL date is after today", "MQL date greater than TODAY"],
      [
        "between",
        ["2025-01-01", "2025-03-31"],
        "MQL date is between 2025-01-01 and 2025-03-31",
        "MQL date between 2025-01-01 and 2025-03-31",
      ],
      ["withinLast", "P30D", "MQL date is less than 30 days ago", "MQL date equals LAST 30 DAYS"],
      ["known", undefined, "MQL date is known", "MQL date is not blank"],
    ];
    for (const [op, value, hubspot, salesforce] of cases) {
      it(op, () => {
        assert.equal(cond({ property: "mql_date", op, value }), hubspot);
        assert.equal(cond({ property: "mql_date", op, value }, SF), salesforce);
      });
    }
    it("words a datetime the same way", () => {
      assert.equal(
        cond({ property: "last_touch", op: "withinLast", value: "PT2H" }),
        "Last touch is less than 2 hours ago",
      );
      assert.equal(
        cond({ property: "last_touch", op: "before", value: "now" }),
        "Last touch is before today",
      );
    });
  });

  describe("paths", () => {
    it("labels a walked path with each step's name", () => {
      assert.equal(
        cond({ property: "company.numberofemployees", op: "between", value: [200, 5000] }),
        "Company → Number of employees is between 200 and 5,000",
      );
      assert.equal(
        cond({ property: "contact.company.numberofemployees", op: "gt", value: 50 }, SF),
        "Company → Number of employees greater than 50",
      );
      assert.equal(cond({ property: "company", op: "unknown" }), "Company is unknown");
    });
    it("drops the object qualifier", () => {
      assert.equal(cond({ property: "contact.lead_score", op: "lt", value: 5 }), "Lead score is less than 5");
    });
    it("shows unresolved paths and operators as written", () => {
      assert.equal(
        cond({ property: "lead_scor", op: "gte", value: 60 }),
        "`lead_scor` is greater than or equal to 60",
      );
      assert.equal(cond({ property: "company.nope", op: "known" }), "`company.nope` is known");
      assert.equal(cond({ property: "email", op: "matches", value: "x" }), "Email `matches` `x`");
      assert.equal(
        cond({ property: "email", op: "eq", value: "x" }, { objectId: "nothing", crm: "hubspot" }),
        "`email` is equal to “x”",
      );
    });
  });

  describe("groups", () => {
    const a: Condition = { property: "lead_score", op: "gte", value: 60 };
    const b: Condition = { property: "email", op: "known" };
    const c: Condition = { property: "optin", op: "eq", value: true };
    it("joins all with and, any with or", () => {
      assert.equal(
        cond({ all: [a, b, c] }),
        "Lead score is greater than or equal to 60 and Email is known and Opted in is equal to True",
      );
      assert.equal(cond({ any: [a, b] }), "Lead score is greater than or equal to 60 or Email is known");
    });
    it("parenthesises only where the connective changes", () => {
      assert.equal(
        cond({ all: [a, { any: [b, c] }] }),
        "Lead score is greater than or equal to 60 and (Email is known or Opted in is equal to True)",
      );
      assert.equal(
        cond({ any: [{ all: [a, b] }, c] }, SF),
        "(Lead score greater or equal 60 and Email is not blank) or Opted in equals True",
      );
      assert.equal(
        cond({ all: [a, { all: [b, c] }] }),
        "Lead score is greater than or equal to 60 and Email is known and Opted in is equal to True",
      );
      assert.equal(
        cond({ all: [{ any: [a] }, b] }),
        "Lead score is greater than or equal to 60 and Email is known",
      );
    });
    it("words empty groups", () => {
      assert.equal(cond({ all: [] }), "always");
      assert.equal(cond({ any: [] }), "never");
    });
  });

  describe("not", () => {
    it("uses the opposite operator around a single test", () => {
      assert.equal(cond({ not: { property: "email", op: "known" } }), "Email is unknown");
      assert.equal(cond({ not: { property: "email", op: "unknown" } }, SF), "Email is not blank");
      assert.equal(
        cond({ not: { property: "lifecyclestage", op: "in", value: ["customer"] } }),
        "Lifecycle stage is none of Customer",
      );
      assert.equal(
        cond({ not: { property: "email", op: "contains", value: "@gmail.com" } }),
        "Email doesn't contain “@gmail.com”",
      );
      assert.equal(
        cond({ not: { all: [{ property: "email", op: "eq", value: "x" }] } }),
        "Email is not equal to “x”",
      );
      assert.equal(cond({ not: { event: "demo-request", op: "occurred" } }), "Demo request has not occurred");
    });
    it("wraps what has no opposite", () => {
      assert.equal(
        cond({ not: { property: "lead_score", op: "gt", value: 10 } }),
        "not (Lead score is greater than 10)",
      );
      assert.equal(
        cond({
          not: {
            any: [
              { property: "email", op: "known" },
              { property: "optin", op: "eq", value: true },
            ],
          },
        }),
        "not (Email is known or Opted in is equal to True)",
      );
      assert.equal(
        cond({
          all: [
            { property: "lead_score", op: "gte", value: 60 },
            {
              not: {
                all: [
                  { property: "email", op: "known" },
                  { property: "optin", op: "eq", value: true },
                ],
              },
            },
          ],
        }),
        "Lead score is greater than or equal to 60 and not (Email is known and Opted in is equal to True)",
      );
    });
    it("cancels a double negation", () => {
      assert.equal(cond({ not: { not: { property: "email", op: "known" } } }), "Email is known");
    });
  });

  describe("event tests", () => {
    it("words occurred, notOccurred and countAtLeast", () => {
      assert.equal(
        cond({ event: "pricing-page-view", op: "occurred", within: "P30D" }),
        "Pricing page view occurred in the last 30 days",
      );
      assert.equal(cond({ event: "demo-request", op: "occurred" }), "Demo request has occurred");
      assert.equal(cond({ event: "demo-request", op: "notOccurred" }), "Demo request has not occurred");
      assert.equal(
        cond({ event: "demo-request", op: "notOccurred", within: "P2W" }, SF),
        "Demo request has not occurred in the last 2 weeks",
      );
      assert.equal(
        cond({ event: "email-click", op: "countAtLeast", value: 3, within: "P7D" }),
        "Email click occurred at least 3 times in the last 7 days",
      );
      assert.equal(
        cond({ event: "email-click", op: "countAtLeast", value: 1 }),
        "Email click occurred at least once",
      );
    });
    it("shows an unknown event as written", () => {
      assert.equal(
        cond({ event: "webinar", op: "occurred", within: "P1D" }),
        "`webinar` occurred in the last 1 day",
      );
    });
  });

  describe("actions", () => {
    it("setStage names the pipeline's property and the stage", () => {
      assert.equal(act({ setStage: "mql" }), "Set Lifecycle stage to Marketing Qualified Lead");
      assert.equal(
        act({ setStage: "working" }, { objectId: "lead", crm: "salesforce" }),
        "Update Lead Status to Working - Contacted",
      );
      assert.equal(act({ setStage: "mlq" }), "Set stage to `mlq`");
    });
    it("setProperty words values and now", () => {
      assert.equal(
        act({ setProperty: { property: "mql_date", value: "now" } }),
        "Set MQL date to the current date",
      );
      assert.equal(
        act({ setProperty: { property: "last_touch", value: "now" } }, SF),
        "Update Last touch to the current date and time",
      );
      assert.equal(
        act({ setProperty: { property: "lifecyclestage", value: "salesqualifiedlead" } }),
        "Set Lifecycle stage to Sales Qualified Lead",
      );
      assert.equal(act({ setProperty: { property: "seniority", value: "vp" } }), "Set Seniority to VP");
      assert.equal(act({ setProperty: { property: "lead_score", value: 1000 } }), "Set Lead score to 1,000");
      assert.equal(act({ setProperty: { property: "email", value: "x@y.z" } }), "Set Email to “x@y.z”");
      assert.equal(act({ setProperty: { property: "optin", value: true } }, SF), "Update Opted in to True");
      assert.equal(
        act({ setProperty: { property: "interests", value: ["crm", "ops"] } }),
        "Set Interests to CRM and ops",
      );
      assert.equal(act({ setProperty: { property: "nope", value: 1 } }), "Set `nope` to 1");
    });
    it("clearProperty", () => {
      assert.equal(
        act({ clearProperty: { property: "hubspot_owner_id" } }),
        "Clear the value of Contact owner",
      );
      assert.equal(
        act({ clearProperty: { property: "hubspot_owner_id" } }, SF),
        "Update Contact owner to blank",
      );
    });
    it("assign", () => {
      assert.equal(
        act({ assign: { team: "sdr", method: "round-robin" } }),
        "Rotate record to owner in team SDR (round robin)",
      );
      assert.equal(act({ assign: { team: "sdr" } }), "Rotate record to owner in team SDR");
      assert.equal(act({ assign: { team: "sdr", method: "queue" } }, SF), "Assign to the SDR queue");
      assert.equal(
        act({ assign: { team: "sdr", method: "round-robin" } }, SF),
        "Assign to the SDR queue (round robin)",
      );
      assert.equal(
        act({ assign: { team: "sdr", method: "territory" } }, SF),
        "Assign to the SDR queue (by territory)",
      );
      assert.equal(
        act({ assign: { team: "bdr", method: "lottery" } }),
        "Rotate record to owner in team `bdr` (`lottery`)",
      );
    });
    it("notify", () => {
      assert.equal(
        act({ notify: { team: "sdr", channel: "#sdr-alerts" } }),
        "Send internal notification to SDR in #sdr-alerts",
      );
      assert.equal(act({ notify: { team: "sdr" } }, SF), "Send custom notification to SDR");
      assert.equal(act({ notify: { channel: "#ops" } }), "Send internal notification in #ops");
    });
    it("createTask", () => {
      assert.equal(
        act({ createTask: { team: "sdr", title: "Call new MQL", due: "PT2H" } }),
        "Create task “Call new MQL” for SDR, due in 2 hours",
      );
      assert.equal(act({ createTask: { title: "Follow up" } }, SF), "Create task “Follow up”");
    });
    it("does not throw on malformed actions", () => {
      assert.equal(act({ teleport: 1 } as unknown as Action), '`{"teleport":1}`');
    });
  });

  describe("triggers", () => {
    it("describes the condition and the actions in the trigger's CRM", () => {
      const trigger = model.get<TriggerDef>("Trigger", "promote-to-mql");
      assert.ok(trigger);
      assert.deepEqual(describeTrigger(model, trigger), {
        when: "Lead score is greater than or equal to 60 and Lifecycle stage is any of Subscriber or Lead",
        actions: [
          "Set Lifecycle stage to Marketing Qualified Lead",
          "Set MQL date to the current date",
          "Rotate record to owner in team SDR (round robin)",
          "Send internal notification to SDR in #sdr-alerts",
          "Create task “Call new MQL” for SDR, due in 2 hours",
        ],
        crm: "hubspot",
      });
    });
    it("uses the trigger's own crm over the workspace's", () => {
      const trigger = model.get<TriggerDef>("Trigger", "work-lead");
      assert.ok(trigger);
      assert.deepEqual(describeTrigger(model, trigger), {
        when: "Rating equals hot",
        actions: ["Update Lead Status to Working - Contacted", "Assign to the SDR queue"],
        crm: "salesforce",
      });
    });
    it("falls back to the workspace's crm", () => {
      const sfModel = buildModel("salesforce");
      const trigger = sfModel.get<TriggerDef>("Trigger", "promote-to-mql");
      assert.ok(trigger);
      const d = describeTrigger(sfModel, trigger);
      assert.equal(d.crm, "salesforce");
      assert.equal(
        d.when,
        "Lead score greater or equal 60 and Lifecycle stage equals any of Subscriber or Lead",
      );
      assert.equal(d.actions[0], "Update Lifecycle stage to Marketing Qualified Lead");
    });
  });

  describe("scoring rules", () => {
    const rule = (r: Partial<ScoringRule>): string =>
      describeScoringRule(model, { when: { all: [] }, points: 0, ...r }, HS);
    it("words points and the condition", () => {
      assert.equal(
        rule({ points: 20, when: { property: "seniority", op: "in", value: ["vp", "c-level"] } }),
        "20 points when Seniority is any of VP or C-level",
      );
      assert.equal(
        rule({ points: -10, when: { property: "email", op: "contains", value: "@gmail.com" } }),
        "-10 points when Email contains “@gmail.com”",
      );
      assert.equal(
        rule({ points: 1, when: { property: "email", op: "known" } }),
        "1 point when Email is known",
      );
    });
    it("words decay and limit", () => {
      assert.equal(
        rule({
          points: 10,
          when: { event: "pricing-page-view", op: "occurred", within: "P30D" },
          decay: "P90D",
        }),
        "10 points when Pricing page view occurred in the last 30 days, points expire after 90 days",
      );
      assert.equal(
        rule({
          points: 40,
          when: { event: "demo-request", op: "occurred" },
          limit: { count: 1, per: "P1D" },
        }),
        "40 points when Demo request has occurred, at most once per day",
      );
      assert.equal(
        rule({
          points: 5,
          when: { event: "email-click", op: "occurred" },
          decay: "P1M",
          limit: { count: 3, per: "P7D" },
        }),
        "5 points when Email click has occurred, points expire after 1 month, at most 3 times per 7 days",
      );
    });
  });

  describe("durations", () => {
    it("words ISO 8601 durations", () => {
      assert.equal(describeDuration("PT2H"), "2 hours");
      assert.equal(describeDuration("P30D"), "30 days");
      assert.equal(describeDuration("P1Y2M"), "1 year 2 months");
    });
  });

  describe("robustness", () => {
    it("never throws on malformed conditions", () => {
      assert.equal(cond(null as unknown as Condition), "`null`");
      assert.equal(cond({ all: "x" } as unknown as Condition), "`x`");
      assert.equal(
        cond({ property: "lead_score", op: "between", value: [1] }),
        "Lead score is between `[1]`",
      );
      assert.equal(
        cond({ property: "mql_date", op: "withinLast", value: "30 days" }),
        "MQL date is less than `30 days` ago",
      );
    });
  });
});
