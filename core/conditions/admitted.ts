/**
 * What a condition admits. A condition on an object is turned into a union of
 * "boxes" (disjunctive normal form): each box maps the properties it tests to
 * the value sets they may hold, and properties a box does not mention are
 * unconstrained. `all` intersects, `any` unites, `not` pushes down by De
 * Morgan and complements property tests (so `not`, `neq` and `notIn` are
 * complements); event tests, and tests of paths that resolve to nothing, are
 * assumed satisfiable either way. When alternatives pile up past
 * `MAX_BOXES` they are merged into one box (their per-property union), which
 * only ever admits more: every answer here is a sound over-approximation.
 *
 * From the boxes: the values each property may hold (`admitted`), whether the
 * condition can hold at all (`satisfiable`), whether two conditions can hold
 * for one record (`canBothHold`). Pure.
 */
import { type Condition, isGroupAll, isGroupAny, isNot, isPropertyTest } from "../model/kinds.js";
import type { PropertyTarget } from "./property-target.js";
import { testValues } from "./test-values.js";
import {
  anyValue,
  intersectValues,
  isEmptyValues,
  noValues,
  unionValues,
  type ValueSet,
  valuesMeet,
} from "./value-set.js";

/** How a condition's property paths resolve on its object, and what `now` means. */
export interface Scope {
  /** UTC milliseconds that `now` stands for in date tests. */
  readonly now: number;
  /** The property a path names on the condition's object; undefined when it names nothing. */
  resolve(path: string): PropertyTarget | undefined;
}

/** One alternative: property key → the values it may hold. Absent keys are unconstrained. */
export type Box = ReadonlyMap<string, ValueSet>;

export interface Constraint {
  /** The alternatives; a record satisfies the condition only if it fits one. Empty: impossible. */
  readonly boxes: readonly Box[];
  /** Every property the condition tests, by key. */
  readonly targets: ReadonlyMap<string, PropertyTarget>;
}

/** Past this many alternatives, a group's alternatives are merged into one box. */
export const MAX_BOXES = 64;

const TRUE: readonly Box[] = [new Map()];

/** The constraint a condition puts on the records of its object. */
export function constraintOf(condition: Condition, scope: Scope): Constraint {
  const targets = new Map<string, PropertyTarget>();
  const boxes = boxesOf(condition, false, scope, targets);
  return { boxes, targets };
}

/** For each property the condition tests, the values it may hold in records that satisfy it. */
export function admitted(condition: Condition, scope: Scope): Map<string, ValueSet> {
  const constraint = constraintOf(condition, scope);
  const out = new Map<string, ValueSet>();
  for (const target of constraint.targets.values()) out.set(target.key, valuesOf(constraint, target));
  return out;
}

/** Whether some record satisfies the condition. */
export function satisfiable(condition: Condition, scope: Scope): boolean {
  return isSatisfiable(constraintOf(condition, scope));
}

/** Whether one record can satisfy both conditions (both on the scope's object). */
export function canBothHold(a: Condition, b: Condition, scope: Scope): boolean {
  return overlaps(constraintOf(a, scope), constraintOf(b, scope));
}

export function isSatisfiable(constraint: Constraint): boolean {
  return constraint.boxes.length > 0;
}

/** Whether one record can fit both constraints. */
export function overlaps(a: Constraint, b: Constraint): boolean {
  return a.boxes.some((x) => b.boxes.some((y) => boxesMeet(x, y)));
}

/** Whether some record fits both boxes (cheaper than building their meet). */
export function boxesMeet(a: Box, b: Box): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [key, set] of small) {
    const other = large.get(key);
    if (other && !valuesMeet(set, other)) return false;
  }
  return true;
}

/** The values a property may hold in records that fit the constraint (any value if it is not tested). */
export function valuesOf(constraint: Constraint, target: PropertyTarget): ValueSet {
  let out: ValueSet | undefined;
  for (const box of constraint.boxes) {
    const set = box.get(target.key) ?? anyValue(target.domain);
    out = out ? unionValues(out, set) : set;
  }
  return out ?? noValues(target.domain);
}

/** The constraint with the property narrowed to `values` (records that also hold one of them). */
export function restrict(constraint: Constraint, target: PropertyTarget, values: ValueSet): Constraint {
  const only: Box = new Map([[target.key, values]]);
  const boxes: Box[] = [];
  for (const box of constraint.boxes) {
    const narrowed = intersectBoxes(box, only);
    if (narrowed) boxes.push(narrowed);
  }
  return { boxes, targets: withTarget(constraint.targets, target) };
}

/**
 * The constraint after an action writes `values` into the property: records
 * that fitted, with that property replaced (what a trigger leaves behind).
 */
export function overwrite(constraint: Constraint, target: PropertyTarget, values: ValueSet): Constraint {
  if (isEmptyValues(values)) return { boxes: [], targets: constraint.targets };
  const boxes = constraint.boxes.map((box) => new Map(box).set(target.key, values));
  return { boxes, targets: withTarget(constraint.targets, target) };
}

/** The meet of two boxes, or undefined when no record fits both. */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const out = new Map(a);
  for (const [key, set] of b) {
    const existing = out.get(key);
    const merged = existing ? intersectValues(existing, set) : set;
    if (isEmptyValues(merged)) return undefined;
    out.set(key, merged);
  }
  return out;
}

function boxesOf(
  condition: Condition,
  negated: boolean,
  scope: Scope,
  targets: Map<string, PropertyTarget>,
): readonly Box[] {
  if (isGroupAll(condition) && Array.isArray(condition.all)) {
    const parts = condition.all.map((c) => boxesOf(c, negated, scope, targets));
    return negated ? unite(parts) : meet(parts);
  }
  if (isGroupAny(condition) && Array.isArray(condition.any)) {
    const parts = condition.any.map((c) => boxesOf(c, negated, scope, targets));
    return negated ? meet(parts) : unite(parts);
  }
  if (isNot(condition)) return boxesOf(condition.not, !negated, scope, targets);
  if (isPropertyTest(condition) && typeof condition.property === "string") {
    const target = scope.resolve(condition.property);
    if (!target) return TRUE;
    targets.set(target.key, target);
    const values = testValues(condition, target, scope.now);
    const set = negated ? values.no : values.yes;
    return isEmptyValues(set) ? [] : [new Map([[target.key, set]])];
  }
  return TRUE; // event tests: assumed satisfiable, negated or not
}

/** `all`: every combination of one alternative per part that can hold together. */
function meet(parts: readonly (readonly Box[])[]): readonly Box[] {
  let acc: readonly Box[] = TRUE;
  for (const part of parts) {
    const left = acc.length * part.length > MAX_BOXES * MAX_BOXES ? merge(acc) : acc;
    const right = acc.length * part.length > MAX_BOXES * MAX_BOXES ? merge(part) : part;
    const next: Box[] = [];
    for (const a of left) {
      for (const b of right) {
        const both = intersectBoxes(a, b);
        if (both) next.push(both);
      }
    }
    acc = next.length > MAX_BOXES ? merge(next) : next;
    if (acc.length === 0) return acc;
  }
  return acc;
}

/** `any`: the alternatives of every part. */
function unite(parts: readonly (readonly Box[])[]): readonly Box[] {
  const all = parts.flat();
  return all.length > MAX_BOXES ? merge(all) : all;
}

/** One box admitting everything the boxes admit: per property, the union; keys some box leaves free stay free. */
function merge(boxes: readonly Box[]): readonly Box[] {
  const [first, ...rest] = boxes;
  if (!first) return boxes;
  const out = new Map<string, ValueSet>();
  for (const [key, set] of first) {
    let union: ValueSet | undefined = set;
    for (const box of rest) {
      const other = box.get(key);
      union = other && union ? unionValues(union, other) : undefined;
      if (!union) break;
    }
    if (union) out.set(key, union);
  }
  return [out];
}

function withTarget(
  targets: ReadonlyMap<string, PropertyTarget>,
  target: PropertyTarget,
): ReadonlyMap<string, PropertyTarget> {
  return targets.has(target.key) ? targets : new Map(targets).set(target.key, target);
}
