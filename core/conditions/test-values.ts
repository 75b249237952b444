/**
 * What one property test (`{property, op, value}`) says about its property:
 * the values that pass it (`yes`) and the values that fail it (`no`). For the
 * tests revbook can reason about exactly (comparisons, membership, dates,
 * known/unknown) `no` is the complement of `yes`; for pattern tests on text
 * (`contains`, `startsWith`) and multi-selects both sides are
 * over-approximations, so a `not` around them stays sound. A test whose
 * operator or value does not fit the property (reported by `operator-type` /
 * `value-type`) constrains nothing either way.
 */
import type { PropertyTest } from "../model/kinds.js";
import { typeFamily } from "../model/operators.js";
import { above, below, noNumbers, rangeSet, unionIntervals } from "./interval-set.js";
import { literalValue, type PropertyTarget, timeValue, withinLastWindow } from "./property-target.js";
import {
  anyValue,
  complementValues,
  emptyOnly,
  knownValues,
  type NumberDomain,
  numberValues,
  stringValues,
  type ValueSet,
} from "./value-set.js";

export interface TestValues {
  /** Values of the property for which the test holds (an over-approximation). */
  readonly yes: ValueSet;
  /** Values for which it fails (an over-approximation). */
  readonly no: ValueSet;
}

export function testValues(test: PropertyTest, target: PropertyTarget, now: number): TestValues {
  const domain = target.domain;
  if (test.op === "known") return exact(knownValues(domain));
  if (test.op === "unknown") return exact(emptyOnly(domain));
  const family = typeFamily(target.property.value.type);
  if (domain.sort === "number") {
    const result =
      family === "date" && target.time
        ? dateTest(test, domain, target.time, now)
        : family === "number"
          ? numberTest(test, domain)
          : undefined;
    return result ?? unconstrained(target);
  }
  if (family === "string" || family === "multienum") {
    if (test.op === "contains" || test.op === "startsWith")
      return { yes: knownValues(domain), no: anyValue(domain) };
    if (test.op === "notContains") return { yes: anyValue(domain), no: knownValues(domain) };
    if (family === "multienum") return unconstrained(target);
  }
  return membershipTest(test, target, now) ?? unconstrained(target);
}

/** A test revbook cannot reason about: anything may pass or fail it. */
function unconstrained(target: PropertyTarget): TestValues {
  const any = anyValue(target.domain);
  return { yes: any, no: any };
}

/** Exactly the values in `yes` pass; everything else, empty included, fails. */
function exact(yes: ValueSet): TestValues {
  return { yes, no: complementValues(yes) };
}

function negate(values: TestValues | undefined): TestValues | undefined {
  return values && { yes: values.no, no: values.yes };
}

function numberTest(test: PropertyTest, domain: NumberDomain): TestValues | undefined {
  const v = test.value;
  const integer = domain.integer;
  const num = typeof v === "number" && Number.isFinite(v) ? v : undefined;
  switch (test.op) {
    case "eq":
    case "neq": {
      if (num === undefined) return undefined;
      const eq = exact(numberValues(domain, rangeSet(integer, num, true, num, true)));
      return test.op === "eq" ? eq : negate(eq);
    }
    case "gt":
    case "gte":
      return num === undefined
        ? undefined
        : exact(numberValues(domain, above(integer, num, test.op === "gte")));
    case "lt":
    case "lte":
      return num === undefined
        ? undefined
        : exact(numberValues(domain, below(integer, num, test.op === "lte")));
    case "between": {
      const pair = numberPair(v);
      return pair && exact(numberValues(domain, rangeSet(integer, pair[0], true, pair[1], true)));
    }
    case "in":
    case "notIn": {
      if (!Array.isArray(v) || v.length === 0) return undefined;
      if (!v.every((n) => typeof n === "number" && Number.isFinite(n))) return undefined;
      const points = (v as number[]).reduce(
        (set, n) => unionIntervals(set, rangeSet(integer, n, true, n, true)),
        noNumbers(integer),
      );
      const inList = exact(numberValues(domain, points));
      return test.op === "in" ? inList : negate(inList);
    }
    default:
      return undefined;
  }
}

function dateTest(
  test: PropertyTest,
  domain: NumberDomain,
  unit: "day" | "ms",
  now: number,
): TestValues | undefined {
  const v = test.value;
  switch (test.op) {
    case "before":
    case "after": {
      const t = timeValue(unit, v, now);
      if (t === undefined) return undefined;
      return exact(
        numberValues(domain, test.op === "before" ? below(true, t, false) : above(true, t, false)),
      );
    }
    case "between": {
      if (!Array.isArray(v) || v.length !== 2) return undefined;
      const from = timeValue(unit, v[0], now);
      const to = timeValue(unit, v[1], now);
      if (from === undefined || to === undefined || from > to) return undefined;
      return exact(numberValues(domain, rangeSet(true, from, true, to, true)));
    }
    case "withinLast": {
      const window = withinLastWindow(unit, v, now);
      return window && exact(numberValues(domain, rangeSet(true, window.from, true, window.to, true)));
    }
    default:
      return undefined;
  }
}

/** `eq` / `neq` / `in` / `notIn` on enums, booleans and text. */
function membershipTest(test: PropertyTest, target: PropertyTarget, now: number): TestValues | undefined {
  const domain = target.domain;
  if (domain.sort !== "string") return undefined;
  const v = test.value;
  let values: string[] | undefined;
  if (test.op === "eq" || test.op === "neq") {
    if (Array.isArray(v)) return undefined;
    const one = literalValue(target, v, now);
    values = typeof one === "string" ? [one] : undefined;
  } else if (test.op === "in" || test.op === "notIn") {
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const all = v.map((item) => literalValue(target, item, now));
    values = all.every((x): x is string => typeof x === "string") ? all : undefined;
  }
  if (!values) return undefined;
  const positive = exact(stringValues(domain, { finite: true, values: new Set(values) }));
  return test.op === "eq" || test.op === "in" ? positive : negate(positive);
}

function numberPair(v: unknown): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [a, b] = v as unknown[];
  if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a) || !Number.isFinite(b))
    return undefined;
  return a <= b ? [a, b] : undefined;
}
