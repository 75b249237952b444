/**
 * Conditions (FORMAT.md §3) in plain English with the CRM's own filter words:
 * "Lead score is greater than or equal to 60 and Email is known" (HubSpot),
 * "Lead Score greater or equal 60 and Email is not blank" (Salesforce).
 *
 * Groups join with "and" / "or"; a nested group is parenthesised only when its
 * connective differs from its parent's. `not` around a single test becomes
 * the opposite operator when one exists ("Email is unknown"), else "not (…)".
 */
import { durationInWords, isIsoDuration } from "../iso.js";
import {
  type Condition,
  type EventTest,
  isEventTest,
  isGroupAll,
  isGroupAny,
  isNot,
  isPropertyTest,
  type PropertyTest,
} from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { PROPERTY_OPERATORS, type PropertyOperator } from "../model/operators.js";
import {
  definitionName,
  formatNumber,
  formatValue,
  type PropertyRef,
  propertyRef,
  sortOf,
  type ValueSort,
} from "./values.js";
import { type DescribeOptions, joinList, NEGATED, raw, WORDING } from "./wording.js";

/** A described condition and the connective at its top level, for parenthesising. */
interface Phrase {
  text: string;
  joinedBy?: "and" | "or";
}

/** Describes a condition in the wording of `options.crm`, resolving paths on `options.objectId`. */
export function describeCondition(model: Model, condition: Condition, options: DescribeOptions): string {
  return phrase(model, condition, options).text;
}

function phrase(model: Model, c: Condition, options: DescribeOptions): Phrase {
  if (typeof c !== "object" || c === null) return { text: raw(c) };
  if (isGroupAll(c)) return group(model, c.all, "and", options);
  if (isGroupAny(c)) return group(model, c.any, "or", options);
  if (isNot(c)) return negation(model, c.not, options);
  if (isPropertyTest(c)) return { text: propertyTest(model, c, options) };
  if (isEventTest(c)) return { text: eventTest(model, c) };
  return { text: raw(c) };
}

function group(model: Model, items: unknown, joinedBy: "and" | "or", options: DescribeOptions): Phrase {
  if (!Array.isArray(items)) return { text: raw(items) };
  if (items.length === 0) return { text: joinedBy === "and" ? "always" : "never" };
  if (items.length === 1) return phrase(model, items[0] as Condition, options);
  const parts = items.map((item) => {
    const p = phrase(model, item as Condition, options);
    return p.joinedBy && p.joinedBy !== joinedBy ? `(${p.text})` : p.text;
  });
  return { text: parts.join(` ${joinedBy} `), joinedBy };
}

function negation(model: Model, inner: Condition, options: DescribeOptions): Phrase {
  if (typeof inner === "object" && inner !== null) {
    if (isNot(inner)) return phrase(model, inner.not, options);
    const single = isGroupAll(inner) ? inner.all : isGroupAny(inner) ? inner.any : undefined;
    if (Array.isArray(single) && single.length === 1) return negation(model, single[0] as Condition, options);
    if (isPropertyTest(inner)) {
      const opposite = NEGATED[inner.op as PropertyOperator];
      if (opposite && Object.hasOwn(NEGATED, inner.op))
        return { text: propertyTest(model, { ...inner, op: opposite }, options) };
    } else if (isEventTest(inner) && (inner.op === "occurred" || inner.op === "notOccurred")) {
      return {
        text: eventTest(model, { ...inner, op: inner.op === "occurred" ? "notOccurred" : "occurred" }),
      };
    }
  }
  return { text: `not (${phrase(model, inner, options).text})` };
}

function isOperator(op: unknown): op is PropertyOperator {
  return typeof op === "string" && (PROPERTY_OPERATORS as readonly string[]).includes(op);
}

/** The sort of value a test compares with, from the property or, when it did not resolve, the operator. */
function valueSort(ref: PropertyRef, op: PropertyOperator, value: unknown): ValueSort {
  if (op === "withinLast") return "duration";
  const known = sortOf(ref.property);
  if (known !== "unknown") return known;
  switch (op) {
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return "number";
    case "before":
    case "after":
      return "date";
    case "between":
      return Array.isArray(value) && typeof value[0] === "number" ? "number" : "date";
    case "contains":
    case "notContains":
    case "startsWith":
      return "text";
    default:
      return "unknown";
  }
}

function propertyTest(model: Model, test: PropertyTest, options: DescribeOptions): string {
  const ref = propertyRef(model, options.objectId, test.property);
  const words = WORDING[options.crm];
  const op = test.op;
  if (!isOperator(op))
    return `${ref.label} ${raw(op)}${test.value === undefined ? "" : ` ${raw(test.value)}`}`;
  const sort = valueSort(ref, op, test.value);
  const one = (v: unknown): string => formatValue(model, ref.property, sort, v, words.today);
  const v = test.value;
  switch (op) {
    case "known":
    case "unknown":
      return `${ref.label} ${words.operators[op]}`;
    case "withinLast":
      return `${ref.label} ${words.withinLast(isIsoDuration(v) ? durationInWords(v) : raw(v))}`;
    case "between":
      return Array.isArray(v) && v.length === 2
        ? `${ref.label} ${words.operators.between} ${one(v[0])} and ${one(v[1])}`
        : `${ref.label} ${words.operators.between} ${raw(v)}`;
    case "in":
    case "notIn":
      return `${ref.label} ${words.operators[op]} ${Array.isArray(v) ? joinList(v.map(one), "or") : one(v)}`;
    case "contains":
    case "notContains": {
      const multi = ref.property?.value.type === "multienum";
      const word = multi
        ? op === "contains"
          ? words.multiContains
          : words.multiNotContains
        : words.operators[op];
      return `${ref.label} ${word} ${one(v)}`;
    }
    default:
      return `${ref.label} ${words.operators[op]} ${one(v)}`;
  }
}

/** "once", "3 times". */
function times(n: unknown): string {
  if (typeof n !== "number") return `${raw(n)} times`;
  return n === 1 ? "once" : `${formatNumber(n)} times`;
}

function eventTest(model: Model, test: EventTest): string {
  const name = definitionName(model, "Event", test.event);
  const within =
    test.within === undefined
      ? ""
      : ` in the last ${isIsoDuration(test.within) ? durationInWords(test.within) : raw(test.within)}`;
  switch (test.op) {
    case "occurred":
      return within ? `${name} occurred${within}` : `${name} has occurred`;
    case "notOccurred":
      return `${name} has not occurred${within}`;
    case "countAtLeast":
      return `${name} occurred at least ${times(test.value)}${within}`;
    default:
      return `${name} ${raw(test.op)}${within}`;
  }
}
