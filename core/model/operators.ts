/**
 * The operator table of FORMAT.md §3: which operators each property type
 * allows and what kind of value each (type, operator) pair compares with.
 * One table for the linter (`operator-type`, `value-type`, `unknown-option`),
 * the condition describer and the editor's completion.
 */
import type { PropertyType } from "./kinds.js";

/** Every operator a property test may use, in the order completion lists them. */
export const PROPERTY_OPERATORS = [
  "eq",
  "neq",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "in",
  "notIn",
  "contains",
  "notContains",
  "startsWith",
  "before",
  "after",
  "withinLast",
  "known",
  "unknown",
] as const;

export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

/** Property types that share one row of the table. */
export type TypeFamily = "number" | "string" | "boolean" | "enum" | "multienum" | "date" | "reference";

const FAMILY: Record<PropertyType, TypeFamily> = {
  number: "number",
  currency: "number",
  percent: "number",
  string: "string",
  text: "string",
  boolean: "boolean",
  enum: "enum",
  multienum: "multienum",
  date: "date",
  datetime: "date",
  reference: "reference",
};

export function typeFamily(type: PropertyType): TypeFamily {
  // A missing or misspelt type is a `schema` error on the property; read it as text so no rule trips over it.
  return Object.hasOwn(FAMILY, type) ? FAMILY[type] : "string";
}

/**
 * What a value must be:
 * - `none`: no value (`known`, `unknown`);
 * - `number`, `text`, `boolean`, `date`, `duration`, `option`: one value of that sort;
 * - `numberRange`, `dateRange`: `[min, max]`;
 * - `numberList`, `textList`, `optionList`: a list of at least one value;
 * - `options`: one option or a list of options (setting a multi-select property);
 * - `recordId`: the id of a record (setting a reference property).
 */
export type ValueKind =
  | "none"
  | "number"
  | "numberRange"
  | "numberList"
  | "text"
  | "textList"
  | "boolean"
  | "option"
  | "optionList"
  | "options"
  | "date"
  | "dateRange"
  | "duration"
  | "recordId";

/** Operator → value kind, per type family: the rows of FORMAT.md §3. */
const TABLE: Record<TypeFamily, Partial<Record<PropertyOperator, ValueKind>>> = {
  number: {
    eq: "number",
    neq: "number",
    gt: "number",
    gte: "number",
    lt: "number",
    lte: "number",
    between: "numberRange",
    in: "numberList",
    notIn: "numberList",
    known: "none",
    unknown: "none",
  },
  string: {
    eq: "text",
    neq: "text",
    in: "textList",
    notIn: "textList",
    contains: "text",
    notContains: "text",
    startsWith: "text",
    known: "none",
    unknown: "none",
  },
  boolean: { eq: "boolean", neq: "boolean", known: "none", unknown: "none" },
  enum: {
    eq: "option",
    neq: "option",
    in: "optionList",
    notIn: "optionList",
    known: "none",
    unknown: "none",
  },
  multienum: { contains: "option", notContains: "option", known: "none", unknown: "none" },
  date: {
    before: "date",
    after: "date",
    between: "dateRange",
    withinLast: "duration",
    known: "none",
    unknown: "none",
  },
  reference: { known: "none", unknown: "none" },
};

/** What `setProperty` accepts, per type family. */
const ASSIGNED: Record<TypeFamily, ValueKind> = {
  number: "number",
  string: "text",
  boolean: "boolean",
  enum: "option",
  multienum: "options",
  date: "date",
  reference: "recordId",
};

/** The operators a property type allows, in table order. */
export function operatorsFor(type: PropertyType): PropertyOperator[] {
  const row = TABLE[typeFamily(type)];
  return PROPERTY_OPERATORS.filter((op) => row[op] !== undefined);
}

export function allowsOperator(type: PropertyType, op: string): op is PropertyOperator {
  return expectedValue(type, op) !== undefined;
}

/** The value a test `{property, op, value}` needs; undefined when the type does not allow the operator. */
export function expectedValue(type: PropertyType, op: string): ValueKind | undefined {
  const row = TABLE[typeFamily(type)];
  return Object.hasOwn(row, op) ? row[op as PropertyOperator] : undefined;
}

/** The value `setProperty` needs for a property type. */
export function assignedValue(type: PropertyType): ValueKind {
  return ASSIGNED[typeFamily(type)];
}

/** Whether values of this kind are enum options (checked by `unknown-option`). */
export function isOptionKind(kind: ValueKind): boolean {
  return kind === "option" || kind === "optionList" || kind === "options";
}

/** Plain-English wording of each operator, for descriptions and completion details. */
export const OPERATOR_LABELS: Record<PropertyOperator, string> = {
  eq: "is",
  neq: "is not",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  in: "is any of",
  notIn: "is none of",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  before: "is before",
  after: "is after",
  withinLast: "is within the last",
  known: "is known",
  unknown: "is unknown",
};

/** How each value kind is described to a person ("a number", "two dates `[from, to]`"). */
export const VALUE_KIND_LABELS: Record<ValueKind, string> = {
  none: "no value",
  number: "a number",
  numberRange: "two numbers `[min, max]`",
  numberList: "a list of numbers",
  text: "text",
  textList: "a list of texts",
  boolean: "`true` or `false`",
  option: "one option value",
  optionList: "a list of option values",
  options: "an option value or a list of them",
  date: "an ISO 8601 date such as `2025-01-31`, or `now`",
  dateRange: "two dates `[from, to]`",
  duration: "an ISO 8601 duration such as `P30D`",
  recordId: "a record id",
};
