/**
 * A canonical text for a condition, equal for conditions that say the same
 * thing in different words: key order, `contact.` qualifier or not, list order
 * inside `in` / `notIn`, order inside `all` / `any`, nested groups of the same
 * kind, single-item groups and double `not`. Pure: property paths are turned
 * into canonical names by the caller's `resolve`.
 */
import {
  type Condition,
  isEventTest,
  isGroupAll,
  isGroupAny,
  isNot,
  isPropertyTest,
} from "../model/kinds.js";

/** Turns a property path into a canonical name (e.g. the resolved property's key). */
export type PathResolver = (path: string) => string;

export function conditionKey(condition: Condition, resolve: PathResolver): string {
  if (isGroupAll(condition)) return groupKey("all", condition.all, resolve);
  if (isGroupAny(condition)) return groupKey("any", condition.any, resolve);
  if (isNot(condition)) {
    const inner = condition.not;
    if (isNot(inner)) return conditionKey(inner.not, resolve);
    return `not(${conditionKey(inner, resolve)})`;
  }
  if (isPropertyTest(condition)) {
    const { property, op, value } = condition;
    return `property(${JSON.stringify(resolve(String(property)))},${JSON.stringify(op)},${valueKey(op, value)})`;
  }
  if (isEventTest(condition)) {
    const { event, op, within, value } = condition;
    return `event(${JSON.stringify([event, op, within ?? null, value ?? null])})`;
  }
  return JSON.stringify(condition);
}

function groupKey(kind: "all" | "any", items: Condition[], resolve: PathResolver): string {
  const flat: Condition[] = [];
  const add = (c: Condition): void => {
    if (kind === "all" && isGroupAll(c)) c.all.forEach(add);
    else if (kind === "any" && isGroupAny(c)) c.any.forEach(add);
    else flat.push(c);
  };
  items.forEach(add);
  const keys = [...new Set(flat.map((c) => conditionKey(c, resolve)))].sort();
  if (keys.length === 1) return keys[0] as string;
  return `${kind}(${keys.join(",")})`;
}

/** Lists of `in` / `notIn` are sets; every other value is compared as written. */
function valueKey(op: unknown, value: unknown): string {
  if ((op === "in" || op === "notIn") && Array.isArray(value)) {
    return `[${[...new Set(value.map((v) => JSON.stringify(v)))].sort().join(",")}]`;
  }
  return JSON.stringify(value ?? null);
}
