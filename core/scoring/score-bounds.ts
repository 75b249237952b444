/**
 * The lower bounds a condition puts on one number property: `gte 60`,
 * `gt 59`, `between [60, 100]`, and under a `not`, `lt 60` / `lte 59`. Used to
 * compare the score a trigger waits for with a scoring model's thresholds.
 * Pure; tests that only cap the value from above are not lower bounds.
 */
import {
  type Condition,
  isGroupAll,
  isGroupAny,
  isNot,
  isPropertyTest,
  type PropertyTest,
} from "../model/kinds.js";

/** One test that says "the value is at least / more than `value`". */
export interface LowerBound {
  test: PropertyTest;
  /** Pointer of the test, relative to the condition passed in. */
  pointer: string;
  /** Pointer of the number that sets the bound, relative to the condition passed in. */
  valuePointer: string;
  value: number;
  /** `gte`-like (true) or `gt`-like (false). */
  inclusive: boolean;
}

/** Every property test in a condition, with whether an odd number of `not`s wrap it. */
export function propertyTests(
  condition: Condition,
  pointer = "",
  negated = false,
): { test: PropertyTest; pointer: string; negated: boolean }[] {
  if (isGroupAll(condition))
    return condition.all.flatMap((c, i) => propertyTests(c, `${pointer}/all/${i}`, negated));
  if (isGroupAny(condition))
    return condition.any.flatMap((c, i) => propertyTests(c, `${pointer}/any/${i}`, negated));
  if (isNot(condition)) return propertyTests(condition.not, `${pointer}/not`, !negated);
  if (isPropertyTest(condition)) return [{ test: condition, pointer, negated }];
  return [];
}

/** The lower bound one test sets, if it sets one. */
export function lowerBoundOf(test: PropertyTest, pointer: string, negated: boolean): LowerBound | undefined {
  const v = test.value;
  const at = (value: unknown, inclusive: boolean, sub = "/value"): LowerBound | undefined =>
    typeof value === "number" && Number.isFinite(value)
      ? { test, pointer, valuePointer: `${pointer}${sub}`, value, inclusive }
      : undefined;
  if (!negated) {
    if (test.op === "gte") return at(v, true);
    if (test.op === "gt") return at(v, false);
    if (test.op === "between" && Array.isArray(v) && v.length === 2) return at(v[0], true, "/value/0");
    return undefined;
  }
  if (test.op === "lt") return at(v, true);
  if (test.op === "lte") return at(v, false);
  return undefined;
}

/** The lower bounds a condition puts on the properties `matches` accepts. */
export function lowerBounds(condition: Condition, matches: (path: string) => boolean): LowerBound[] {
  const out: LowerBound[] = [];
  for (const { test, pointer, negated } of propertyTests(condition)) {
    if (typeof test.property !== "string" || !matches(test.property)) continue;
    const bound = lowerBoundOf(test, pointer, negated);
    if (bound) out.push(bound);
  }
  return out;
}

/**
 * The smallest value a bound admits when values are integers (`gt 59` → 60,
 * `gte 59.5` → 60), or the bound itself otherwise.
 */
export function normalizeBound(
  bound: { value: number; inclusive: boolean },
  integers: boolean,
): {
  value: number;
  inclusive: boolean;
} {
  if (!integers) return bound;
  return { value: bound.inclusive ? Math.ceil(bound.value) : Math.floor(bound.value) + 1, inclusive: true };
}

/** Whether two lower bounds admit exactly the same values. */
export function sameBound(
  a: { value: number; inclusive: boolean },
  b: { value: number; inclusive: boolean },
  integers: boolean,
): boolean {
  const x = normalizeBound(a, integers);
  const y = normalizeBound(b, integers);
  return x.value === y.value && x.inclusive === y.inclusive;
}
