/**
 * The words each CRM uses in its own UI, so a description reads like the
 * screen the admin will look at: HubSpot's workflow/list filter editor and
 * Salesforce's Flow and report filter editors. Only the tables live here;
 * `condition.ts` and `action.ts` put the sentences together.
 */
import type { PropertyOperator } from "../model/operators.js";

/** The CRMs revbook describes (FORMAT.md §1 `crm`). */
export type Crm = "hubspot" | "salesforce";

/** What to describe against: the object a condition's paths start from, and whose wording to use. */
export interface DescribeOptions {
  objectId: string;
  crm: Crm;
}

/**
 * Operator wording for one CRM. Words are followed by the value (if any);
 * multi-select tests and `withinLast` have their own rows.
 */
export interface CrmWording {
  operators: Record<PropertyOperator, string>;
  /** Multi-select (`multienum`) `contains` / `notContains`. */
  multiContains: string;
  multiNotContains: string;
  /** `withinLast`: the duration in words goes into the template at `{}`. */
  withinLast: (words: string) => string;
  /** The word for `now` in a date condition. */
  today: string;
}

export const WORDING: Record<Crm, CrmWording> = {
  hubspot: {
    operators: {
      eq: "is equal to",
      neq: "is not equal to",
      gt: "is greater than",
      gte: "is greater than or equal to",
      lt: "is less than",
      lte: "is less than or equal to",
      between: "is between",
      in: "is any of",
      notIn: "is none of",
      contains: "contains",
      notContains: "doesn't contain",
      startsWith: "starts with",
      before: "is before",
      after: "is after",
      withinLast: "is less than",
      known: "is known",
      unknown: "is unknown",
    },
    multiContains: "contains",
    multiNotContains: "doesn't contain",
    withinLast: (words) => `is less than ${words} ago`,
    today: "today",
  },
  salesforce: {
    operators: {
      eq: "equals",
      neq: "not equal to",
      gt: "greater than",
      gte: "greater or equal",
      lt: "less than",
      lte: "less or equal",
      between: "between",
      in: "equals any of",
      notIn: "not equal to any of",
      contains: "contains",
      notContains: "does not contain",
      startsWith: "starts with",
      before: "less than",
      after: "greater than",
      withinLast: "equals LAST",
      known: "is not blank",
      unknown: "is blank",
    },
    multiContains: "includes",
    multiNotContains: "excludes",
    withinLast: (words) => `equals LAST ${words.toUpperCase()}`,
    today: "TODAY",
  },
};

/** The operator that holds exactly when `op` does not: used to word `not` around a single test. */
export const NEGATED: Partial<Record<PropertyOperator, PropertyOperator>> = {
  eq: "neq",
  neq: "eq",
  in: "notIn",
  notIn: "in",
  contains: "notContains",
  notContains: "contains",
  known: "unknown",
  unknown: "known",
};

/** "A", "A or B", "A, B or C" (no serial comma, as HubSpot's filter summaries read). */
export function joinList(items: readonly string[], conjunction: "and" | "or"): string {
  if (items.length === 0) return "nothing";
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

/** Raw text that did not resolve, shown as written. */
export function raw(text: unknown): string {
  let s: string;
  if (typeof text === "string") s = text;
  else {
    try {
      s = JSON.stringify(text) ?? String(text);
    } catch {
      s = String(text);
    }
  }
  return `\`${s}\``;
}
