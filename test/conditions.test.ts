/**
 * Tests of the condition reasoning under core/conditions/: interval sets,
 * finite/co-finite string sets, value sets with "empty", what a condition
 * admits per property (all / any / not / De Morgan, between, in / notIn,
 * integer vs real boundaries, dates, events), satisfiability, and scopes
 * resolved through the model. Cycle finding is tested here too.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  admitted,
  type Constraint,
  canBothHold,
  constraintOf,
  MAX_BOXES,
  overlaps,
  overwrite,
  restrict,
  type Scope,
  satisfiable,
  valuesOf,
} from "../core/conditions/admitted.js";
import { elementaryCycles, stronglyConnectedComponents } from "../core/conditions/cycles.js";
import {
  above,
  allNumbers,
  below,
  complementIntervals,
  formatIntervals,
  type IntervalSet,
  intersectIntervals,
  intervalSet,
  intervalsContain,
  intervalsMeet,
  intervalsSubset,
  isEmptyIntervalSet,
  noNumbers,
  onlyNumber,
  pointSet,
  rangeSet,
  sameIntervals,
  unionIntervals,
} from "../core/conditions/interval-set.js";
import { overlappingPairs } from "../core/conditions/overlap-pairs.js";
import { type PropertyTarget, propertyTarget } from "../core/conditions/property-target.js";
import { objectScope } from "../core/conditions/scope.js";
import {
  allStrings,
  complementStrings,
  formatStrings,
  intersectStrings,
  isEmptyStringSet,
  stringSet,
  stringsContain,
  stringsMeet,
  stringsSubset,
  unionStrings,
  withinUniverse,
} from "../core/conditions/string-set.js";
import {
  anyValue,
  complementValues,
  containsValue,
  emptyOnly,
  formatValues,
  isEmptyValues,
  knownValues,
  onlyValue,
  REALS,
  sameValues,
  singleValue,
  TEXT,
  type ValueSet,
} from "../core/conditions/value-set.js";
import type { Condition, PropertyDef } from "../core/model/kinds.js";
import type { Definition } from "../core/model/model.js";
import { memoryWorkspace } from "./helpers/workspace.js";

const NOW = Date.UTC(2026, 10, 22);
const DAY = 86_400_000;

/** A property definition outside any model, enough for a target. */
function prop(id: string, value: Omit<PropertyDef, "id">): Definition<PropertyDef> {
  // A bare stand-in: the condition modules read only `key` and `value`.
  return {
    key: `Property:contact.${id}`,
    id: `contact.${id}`,
    value: { id, ...value },
  } as Definition<PropertyDef>;
}

const PROPS: Record<string, PropertyTarget> = {
  amount: propertyTarget(prop("amount", { type: "number" }), [], false),
  score: propertyTarget(prop("score", { type: "number" }), [], true),
  stage: propertyTarget(
    prop("stage", {
      type: "enum",
      options: ["lead", "mql", "sql", "customer", { value: "other", label: "Other" }],
    }),
    [],
    false,
  ),
  email: propertyTarget(prop("email", { type: "string" }), [], false),
  optin: propertyTarget(prop("optin", { type: "boolean" }), [], false),
  tags: propertyTarget(prop("tags", { type: "multienum", options: ["a", "b"] }), [], false),
  closed: propertyTarget(prop("closed", { type: "date" }), [], false),
  touched: propertyTarget(prop("touched", { type: "datetime" }), [], false),
  company: propertyTarget(prop("company", { type: "reference", target: "company" }), [], false),
};

const scope: Scope = { now: NOW, resolve: (path) => PROPS[path.replace(/^contact\./, "")] };

function values(condition: Condition, name: string): ValueSet {
  const target = PROPS[name] as PropertyTarget;
  return valuesOf(constraintOf(condition, scope), target);
}

function show(condition: Condition, name: string): string {
  return formatValues(values(condition, name));
}

const t = (property: string, op: string, value?: unknown): Condition =>
  value === undefined ? { property, op } : { property, op, value };

describe("conditions: interval sets", () => {
  it("normalizes, merges touching intervals and keeps open gaps", () => {
    const a = rangeSet(false, 1, true, 3, true);
    assert.equal(formatIntervals(unionIntervals(a, rangeSet(false, 3, false, 5, true))), "[1, 5]");
    assert.equal(
      formatIntervals(unionIntervals(rangeSet(false, 1, true, 3, false), rangeSet(false, 3, false, 5, true))),
      "[1, 3) ∪ (3, 5]",
    );
    assert.equal(formatIntervals(rangeSet(false, 5, true, 1, true)), "∅");
    assert.equal(formatIntervals(rangeSet(false, 2, false, 2, true)), "∅");
    assert.equal(formatIntervals(pointSet(false, 2)), "{2}");
  });

  it("merges adjacent integers and turns open integer bounds closed", () => {
    assert.equal(
      formatIntervals(unionIntervals(rangeSet(true, 1, true, 3, true), rangeSet(true, 4, true, 6, true))),
      "[1, 6]",
    );
    assert.equal(formatIntervals(rangeSet(true, 59, false, 61, false)), "{60}");
    assert.equal(formatIntervals(rangeSet(true, 59.5, true, 60.5, true)), "{60}");
    assert.ok(isEmptyIntervalSet(pointSet(true, 2.5)));
    assert.ok(isEmptyIntervalSet(rangeSet(true, 59, false, 60, false)));
    assert.ok(!isEmptyIntervalSet(rangeSet(false, 59, false, 60, false)));
  });

  it("gt / gte boundaries differ on the reals and coincide on the integers", () => {
    assert.ok(sameIntervals(above(true, 59, false), above(true, 60, true)));
    assert.ok(!sameIntervals(above(false, 59, false), above(false, 60, true)));
    assert.ok(intervalsContain(above(false, 59, false), 59.5));
    assert.ok(!intervalsContain(above(true, 59, false), 59.5));
    assert.ok(!intervalsContain(above(false, 60, false), 60));
    assert.ok(intervalsContain(above(false, 60, true), 60));
    assert.ok(sameIntervals(below(true, 60, false), below(true, 59, true)));
  });

  it("complements with the right open/closed bounds", () => {
    assert.equal(formatIntervals(complementIntervals(above(false, 60, true))), "(-∞, 60)");
    assert.equal(formatIntervals(complementIntervals(above(true, 60, true))), "(-∞, 59]");
    assert.equal(formatIntervals(complementIntervals(pointSet(false, 1))), "(-∞, 1) ∪ (1, ∞)");
    assert.equal(formatIntervals(complementIntervals(pointSet(true, 1))), "(-∞, 0] ∪ [2, ∞)");
    assert.ok(isEmptyIntervalSet(complementIntervals(allNumbers(false))));
    assert.ok(sameIntervals(complementIntervals(noNumbers(true)), allNumbers(true)));
    assert.equal(onlyNumber(pointSet(false, 7)), 7);
    assert.equal(onlyNumber(rangeSet(true, 7, true, 8, true)), undefined);
  });

  const bound = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(-Infinity, Infinity, 0.5, 2.5));
  const interval = fc.record({ lo: bound, loClosed: fc.boolean(), hi: bound, hiClosed: fc.boolean() });
  const set = (integer: boolean): fc.Arbitrary<IntervalSet> =>
    fc.array(interval, { maxLength: 4 }).map((list) => intervalSet(integer, list));
  const probes = [-7, -6, -3, -1, -0.5, 0, 0.5, 1, 2, 2.5, 3, 4, 5, 5.5, 6, 7];

  for (const integer of [false, true]) {
    const domain = integer ? "integers" : "reals";
    it(`agrees with pointwise set algebra on the ${domain}`, () => {
      fc.assert(
        fc.property(set(integer), set(integer), (a, b) => {
          for (const x of probes) {
            const inA = intervalsContain(a, x);
            const inB = intervalsContain(b, x);
            assert.equal(intervalsContain(unionIntervals(a, b), x), inA || inB);
            assert.equal(intervalsContain(intersectIntervals(a, b), x), inA && inB);
            if (!integer || Number.isInteger(x))
              assert.equal(intervalsContain(complementIntervals(a), x), !inA);
          }
          assert.equal(intervalsMeet(a, b), !isEmptyIntervalSet(intersectIntervals(a, b)));
          assert.ok(sameIntervals(complementIntervals(complementIntervals(a)), a));
          assert.ok(
            sameIntervals(
              complementIntervals(unionIntervals(a, b)),
              intersectIntervals(complementIntervals(a), complementIntervals(b)),
            ),
          );
          assert.equal(intervalsSubset(a, unionIntervals(a, b)), true);
        }),
      );
    });
  }
});

describe("conditions: string sets", () => {
  it("handles finite and co-finite sets", () => {
    const ab = stringSet(["a", "b"]);
    const notB = complementStrings(stringSet(["b"]));
    assert.equal(formatStrings(intersectStrings(ab, notB)), "{a}");
    assert.equal(formatStrings(unionStrings(ab, notB)), "any");
    assert.equal(formatStrings(unionStrings(stringSet(["a"]), complementStrings(ab))), "not {b}");
    assert.equal(formatStrings(intersectStrings(notB, complementStrings(stringSet(["c"])))), "not {b, c}");
    assert.ok(stringsContain(notB, "zzz"));
    assert.ok(!stringsContain(notB, "b"));
    assert.ok(isEmptyStringSet(intersectStrings(ab, complementStrings(ab))));
    assert.ok(stringsSubset(stringSet(["a"]), notB));
    assert.ok(!stringsSubset(notB, ab));
    assert.ok(stringsMeet(allStrings(), complementStrings(ab)));
    assert.ok(!stringsMeet(stringSet(["b"]), notB));
  });

  it("becomes finite within a universe", () => {
    const universe = ["a", "b", "c"];
    assert.equal(formatStrings(withinUniverse(complementStrings(stringSet(["b"])), universe)), "{a, c}");
    assert.ok(isEmptyStringSet(withinUniverse(stringSet(["zzz"]), universe)));
  });
});

describe("conditions: value sets", () => {
  it("treats empty as a value of its own: neq and notIn admit it, known does not", () => {
    const target = PROPS.stage as PropertyTarget;
    const mql = singleValue(target.domain, "mql");
    const notMql = complementValues(mql);
    assert.ok(containsValue(notMql, null));
    assert.ok(containsValue(notMql, "lead"));
    assert.ok(!containsValue(notMql, "mql"));
    assert.ok(!containsValue(notMql, "bogus"), "enum sets stay within the options");
    assert.ok(!containsValue(knownValues(target.domain), null));
    assert.ok(sameValues(complementValues(emptyOnly(REALS)), knownValues(REALS)));
    assert.ok(isEmptyValues(complementValues(anyValue(TEXT))));
  });

  it("finds the one value a set forces", () => {
    assert.deepEqual(onlyValue(singleValue(REALS, 5)), { value: 5 });
    assert.deepEqual(onlyValue(emptyOnly(TEXT)), { value: null });
    assert.equal(onlyValue(complementValues(singleValue(REALS, 5))), undefined);
    assert.equal(onlyValue(anyValue(TEXT)), undefined);
    const stage = (PROPS.stage as PropertyTarget).domain;
    const notAllButCustomer = complementValues(singleValue(stage, "customer"));
    assert.equal(onlyValue(notAllButCustomer), undefined, "empty is still possible");
  });
});

describe("conditions: admitted values", () => {
  it("`all` intersects, `any` unites", () => {
    const all: Condition = { all: [t("amount", "gte", 10), t("amount", "lt", 100), t("amount", "neq", 50)] };
    assert.equal(show(all, "amount"), "[10, 50) ∪ (50, 100)");
    const any: Condition = { any: [t("amount", "lt", 0), t("amount", "gt", 100)] };
    assert.equal(show(any, "amount"), "(-∞, 0) ∪ (100, ∞)");
    const stages: Condition = { any: [t("stage", "eq", "lead"), t("stage", "in", ["mql", "sql"])] };
    assert.equal(show(stages, "stage"), "{lead, mql, sql}");
  });

  it("tests of other properties leave a property unconstrained", () => {
    const c: Condition = { all: [t("amount", "gte", 10), t("email", "known")] };
    assert.equal(show(c, "stage"), "{lead, mql, sql, customer, other} or empty");
    assert.equal(show({ any: [t("stage", "eq", "lead"), t("amount", "gt", 5)] }, "stage"), show(c, "stage"));
    assert.equal(admitted(c, scope).has(PROPS.stage?.key as string), false);
    assert.equal(formatValues(admitted(c, scope).get(PROPS.amount?.key as string) as ValueSet), "[10, ∞)");
  });

  it("`not`, `neq` and `notIn` complement, empty included", () => {
    assert.equal(show(t("stage", "neq", "lead"), "stage"), "{mql, sql, customer, other} or empty");
    assert.equal(show(t("stage", "notIn", ["lead", "mql"]), "stage"), "{sql, customer, other} or empty");
    assert.equal(
      show({ not: t("stage", "in", ["lead", "mql"]) }, "stage"),
      "{sql, customer, other} or empty",
    );
    assert.equal(show({ not: t("amount", "gte", 60) }, "amount"), "(-∞, 60) or empty");
    assert.equal(show({ not: { not: t("amount", "gte", 60) } }, "amount"), "[60, ∞)");
  });

  it("applies De Morgan through `not` of `any` and of `all`", () => {
    const notAny: Condition = { not: { any: [t("stage", "eq", "lead"), t("stage", "eq", "mql")] } };
    const allNot: Condition = { all: [t("stage", "neq", "lead"), t("stage", "neq", "mql")] };
    assert.equal(show(notAny, "stage"), show(allNot, "stage"));
    assert.equal(show(notAny, "stage"), "{sql, customer, other} or empty");
    const notAll: Condition = { not: { all: [t("amount", "gte", 10), t("amount", "lte", 20)] } };
    assert.equal(show(notAll, "amount"), "(-∞, 10) ∪ (20, ∞) or empty");
    // not (a and b) with a, b on different properties constrains neither alone.
    const mixed: Condition = { not: { all: [t("amount", "gte", 10), t("stage", "eq", "lead")] } };
    assert.equal(show(mixed, "amount"), "(-∞, ∞) or empty");
    assert.ok(!satisfiable({ all: [mixed, t("amount", "gte", 10), t("stage", "eq", "lead")] }, scope));
    assert.ok(satisfiable({ all: [mixed, t("amount", "gte", 10)] }, scope));
  });

  it("handles between, in and notIn on numbers", () => {
    assert.equal(show(t("amount", "between", [200, 5000]), "amount"), "[200, 5000]");
    assert.equal(
      show({ not: t("amount", "between", [200, 5000]) }, "amount"),
      "(-∞, 200) ∪ (5000, ∞) or empty",
    );
    assert.equal(show(t("amount", "in", [1, 2, 3]), "amount"), "{1} ∪ {2} ∪ {3}");
    assert.equal(show(t("score", "in", [1, 2, 3]), "score"), "[1, 3]");
    assert.equal(show(t("amount", "notIn", [1]), "amount"), "(-∞, 1) ∪ (1, ∞) or empty");
    // Malformed values constrain nothing, either way (value-type reports them).
    assert.equal(show(t("amount", "between", [10, 1]), "amount"), "(-∞, ∞) or empty");
    assert.equal(show({ not: t("amount", "gte", "sixty") }, "amount"), "(-∞, ∞) or empty");
  });

  it("respects integer domains at gt / gte boundaries", () => {
    const between = { all: [t("amount", "gt", 59), t("amount", "lt", 60)] };
    assert.ok(satisfiable(between, scope), "59.5 on the reals");
    assert.ok(!satisfiable({ all: [t("score", "gt", 59), t("score", "lt", 60)] }, scope));
    assert.equal(show(t("score", "gt", 59), "score"), "[60, ∞)");
    assert.equal(show(t("amount", "gt", 59), "amount"), "(59, ∞)");
    assert.ok(!canBothHold(t("score", "gte", 60), t("score", "lte", 59), scope));
    assert.ok(!canBothHold(t("amount", "gte", 60), t("amount", "lt", 60), scope));
    assert.ok(canBothHold(t("amount", "gte", 60), t("amount", "lte", 60), scope));
  });

  it("handles known, unknown, booleans and text", () => {
    assert.equal(show(t("email", "known"), "email"), "any");
    assert.equal(show(t("email", "unknown"), "email"), "empty");
    assert.equal(show({ not: t("email", "unknown") }, "email"), "any");
    assert.ok(!satisfiable({ all: [t("email", "known"), t("email", "unknown")] }, scope));
    assert.equal(show(t("optin", "neq", true), "optin"), "{false} or empty");
    assert.equal(show(t("optin", "eq", "true"), "optin"), "{true}");
    assert.equal(show(t("email", "eq", "a@b.c"), "email"), "{a@b.c}");
    assert.ok(!satisfiable({ all: [t("email", "eq", "x"), t("email", "in", ["y", "z"])] }, scope));
    // Pattern tests are over-approximated on both sides, so `not` stays sound.
    assert.equal(show(t("email", "contains", "@"), "email"), "any");
    assert.equal(show({ not: t("email", "contains", "@") }, "email"), "any or empty");
    assert.ok(
      satisfiable({ all: [t("email", "contains", "@"), { not: t("email", "contains", "@") }] }, scope),
    );
    assert.ok(!satisfiable({ all: [t("email", "contains", "@"), t("email", "unknown")] }, scope));
    assert.equal(show(t("tags", "contains", "a"), "tags"), "any");
    assert.equal(show(t("company", "known"), "company"), "any");
    // An enum value that is no option admits nothing (unknown-option reports it).
    assert.ok(!satisfiable(t("stage", "eq", "leed"), scope));
  });

  it("reasons about dates in days and datetimes in milliseconds, `now` included", () => {
    const today = NOW / DAY;
    const jan1 = Date.UTC(2025, 0, 1) / DAY;
    const before = values(t("closed", "before", "2025-01-02"), "closed");
    assert.ok(
      containsValue(before, jan1) && !containsValue(before, jan1 + 1) && !containsValue(before, null),
    );
    assert.ok(
      !satisfiable({ all: [t("closed", "after", "2025-01-01"), t("closed", "before", "2025-01-02")] }, scope),
      "no whole day between two consecutive days",
    );
    assert.ok(
      satisfiable(
        { all: [t("touched", "after", "2025-01-01"), t("touched", "before", "2025-01-02")] },
        scope,
      ),
    );
    const window = values(t("closed", "withinLast", "P30D"), "closed");
    assert.ok(containsValue(window, today) && containsValue(window, today - 30));
    assert.ok(!containsValue(window, today - 31) && !containsValue(window, today + 1));
    assert.ok(!satisfiable({ all: [t("closed", "before", "now"), t("closed", "after", "now")] }, scope));
    assert.ok(satisfiable(t("closed", "between", ["2025-01-01", "2025-12-31"]), scope));
    assert.ok(
      !satisfiable(
        { all: [t("closed", "between", ["2025-01-01", "2025-12-31"]), t("closed", "after", "now")] },
        scope,
      ),
    );
  });

  it("assumes event tests satisfiable, negated or not", () => {
    const event: Condition = { event: "demo-request", op: "occurred" };
    assert.ok(satisfiable(event, scope));
    assert.ok(satisfiable({ not: event }, scope));
    assert.ok(satisfiable({ all: [event, { not: event }] }, scope));
    assert.equal(show({ all: [event, t("stage", "eq", "mql")] }, "stage"), "{mql}");
  });

  it("treats paths that resolve to nothing as unconstrained", () => {
    assert.ok(satisfiable({ all: [t("nope", "eq", 1), { not: t("nope", "eq", 1) }] }, scope));
  });

  it("keeps alternatives apart (no false overlap from per-property projections)", () => {
    const pairs: Condition = {
      any: [
        { all: [t("amount", "eq", 1), t("stage", "eq", "lead")] },
        { all: [t("amount", "eq", 2), t("stage", "eq", "mql")] },
      ],
    };
    assert.ok(!canBothHold(pairs, { all: [t("amount", "eq", 1), t("stage", "eq", "mql")] }, scope));
    assert.ok(canBothHold(pairs, { all: [t("amount", "eq", 2), t("stage", "eq", "mql")] }, scope));
    assert.equal(show(pairs, "stage"), "{lead, mql}");
  });

  it("stays sound when alternatives exceed MAX_BOXES", () => {
    // For each i: amount ≥ i or score ≤ -i; 2^8 combinations get merged.
    const many: Condition = {
      all: Array.from({ length: 8 }, (_, i) => ({ any: [t("amount", "gte", i), t("score", "lte", -i)] })),
    };
    const constraint = constraintOf(many, scope);
    assert.ok(constraint.boxes.length <= MAX_BOXES);
    assert.ok(satisfiable(many, scope));
    // amount 3 with score ≤ -7 fits; the merged form must still say so.
    assert.ok(canBothHold(many, t("amount", "eq", 3), scope));
    assert.ok(canBothHold(many, t("score", "eq", -7), scope));
    // Each i needs amount = i or score = i: at most two hold at once, so never all eight.
    const impossible: Condition = {
      all: Array.from({ length: 8 }, (_, i) => ({ any: [t("amount", "eq", i), t("score", "eq", i)] })),
    };
    assert.ok(!satisfiable(impossible, scope));
  });

  it("restricts and overwrites properties", () => {
    const target = PROPS.stage as PropertyTarget;
    const c = constraintOf({ all: [t("stage", "in", ["lead", "mql"]), t("amount", "gt", 5)] }, scope);
    const mql = singleValue(target.domain, "mql");
    assert.equal(formatValues(valuesOf(restrict(c, target, mql), target)), "{mql}");
    assert.ok(!satisfiableConstraint(restrict(c, target, singleValue(target.domain, "sql"))));
    const after = overwrite(c, target, singleValue(target.domain, "customer"));
    assert.equal(formatValues(valuesOf(after, target)), "{customer}");
    assert.equal(formatValues(valuesOf(after, PROPS.amount as PropertyTarget)), "(5, ∞)");
  });
});

function satisfiableConstraint(c: { boxes: readonly unknown[] }): boolean {
  return c.boxes.length > 0;
}

describe("conditions: scopes on the model", () => {
  const ws = memoryWorkspace({
    "definitions/objects.yaml": [
      "kind: Object",
      "id: contact",
      "properties:",
      "  - { id: lead_score, type: number }",
      "  - { id: amount, type: number }",
      "  - { id: company, type: reference, target: company }",
      "---",
      "kind: Object",
      "id: company",
      "properties:",
      "  - { id: numberofemployees, type: number }",
      "---",
      "kind: ScoringModel",
      "id: lead-score",
      "object: contact",
      "property: lead_score",
      "groups:",
      "  - id: fit",
      "    rules:",
      "      - { when: { property: amount, op: gt, value: 5 }, points: 10 }",
      "",
    ].join("\n"),
  });
  const model = ws.model;

  it("keys `lead_score` and `contact.lead_score` as one property", () => {
    const s = objectScope(model, "contact", NOW);
    assert.equal(s.resolve("lead_score")?.key, "Property:contact.lead_score");
    assert.equal(s.resolve("contact.lead_score")?.key, "Property:contact.lead_score");
    assert.ok(!canBothHold(t("lead_score", "gte", 60), t("contact.lead_score", "lt", 60), s));
  });

  it("keeps a walk through a reference apart from the target object's own property", () => {
    const onContact = objectScope(model, "contact", NOW).resolve("company.numberofemployees");
    const onCompany = objectScope(model, "company", NOW).resolve("numberofemployees");
    assert.equal(onContact?.property.key, onCompany?.property.key);
    assert.notEqual(onContact?.key, onCompany?.key);
    assert.equal(objectScope(model, "contact", NOW).resolve("nope"), undefined);
  });

  it("counts integer-scored properties in integers", () => {
    const s = objectScope(model, "contact", NOW);
    assert.ok(!satisfiable({ all: [t("lead_score", "gt", 59), t("lead_score", "lt", 60)] }, s));
    assert.ok(satisfiable({ all: [t("amount", "gt", 59), t("amount", "lt", 60)] }, s));
  });
});

describe("conditions: overlapping pairs", () => {
  const stageValue = fc.constantFrom("lead", "mql", "sql", "customer", "other");
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 }))
      .map(([lo, w]) => t("amount", "between", [lo, lo + w])),
    fc.integer({ min: 0, max: 20 }).map((n) => t("amount", "gte", n)),
    fc.constant(t("amount", "unknown")),
    fc.array(stageValue, { minLength: 1, maxLength: 3 }).map((v) => t("stage", "in", v)),
    stageValue.map((v) => t("stage", "neq", v)),
    fc.constant(t("stage", "known")),
    fc.constant(t("email", "known")),
    fc.constant({ event: "x", op: "occurred" } as Condition),
  );
  const condition: fc.Arbitrary<Condition> = fc.oneof(
    leaf,
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(leaf, { minLength: 1, maxLength: 2 }).map((any) => ({ any })),
    leaf.map((c) => ({ not: c })),
  );

  const pinAmount: fc.Arbitrary<Condition> = fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 }))
    .map(([lo, w]) => t("amount", "between", [lo, lo + w]));
  const pinStage: fc.Arbitrary<Condition> = fc.oneof(
    fc.array(stageValue, { minLength: 1, maxLength: 2 }).map((v) => t("stage", "in", v)),
    stageValue.map((v) => t("stage", "neq", v)),
  );

  it("blocking finds exactly the pairs a brute-force comparison finds", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(9), pinAmount, pinStage, condition), { minLength: 64, maxLength: 90 }),
        (onAmount, items) => {
          // Most conditions pin one property (amount or stage), so that blocking on it kicks in.
          const conditions = items.map(([n, amount, stage, c]) =>
            n < 7 ? { all: [onAmount ? amount : stage, c] } : c,
          );
          const constraints = conditions.map((c) => constraintOf(c, scope));
          const brute: [number, number][] = [];
          for (let i = 0; i < constraints.length; i++)
            for (let j = i + 1; j < constraints.length; j++)
              if (overlaps(constraints[i] as Constraint, constraints[j] as Constraint)) brute.push([i, j]);
          assert.deepEqual(overlappingPairs(constraints), brute);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("blocks on a pivot most constraints pin down", () => {
    const conditions = Array.from({ length: 100 }, (_, i) => ({
      all: [t("amount", "between", [i * 10, i * 10 + 5]), t("stage", "eq", i % 2 ? "lead" : "mql")],
    }));
    const constraints = conditions.map((c) => constraintOf(c, scope));
    assert.deepEqual(overlappingPairs(constraints), []);
    assert.deepEqual(
      overlappingPairs(constraints, () => false),
      [],
    );
    const same = Array.from({ length: 70 }, () => constraintOf(t("stage", "in", ["lead", "mql"]), scope));
    assert.equal(overlappingPairs(same).length, (70 * 69) / 2);
  });
});

describe("conditions: cycles", () => {
  it("finds every elementary cycle once, from its first vertex", () => {
    // 0 → 1 → 0, 0 → 2 → 0, 3 → 3, 4 → 5 (no cycle)
    const graph = [[1, 2], [0], [0], [3], [5], []];
    assert.deepEqual(elementaryCycles(graph), [[0, 1], [0, 2], [3]]);
    const scc = stronglyConnectedComponents(graph);
    assert.equal(scc[0], scc[1]);
    assert.equal(scc[1], scc[2]);
    assert.notEqual(scc[4], scc[5]);
  });

  it("lists longer cycles in edge order and respects the limits", () => {
    assert.deepEqual(elementaryCycles([[1], [2], [0]]), [[0, 1, 2]]);
    assert.deepEqual(elementaryCycles([[2], [0], [1]]), [[0, 2, 1]]);
    const complete = Array.from({ length: 8 }, (_, i) =>
      Array.from({ length: 8 }, (_, j) => j).filter((j) => j !== i),
    );
    assert.equal(elementaryCycles(complete, { maxCycles: 10, maxSteps: 1_000_000 }).length, 10);
  });
});
