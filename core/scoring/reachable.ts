/**
 * The most points a record can reach in a scoring model (RULES.md,
 * `score-threshold-unreachable`): each rule adds its positive points once; a
 * rule with `limit` and no `decay` can repeat without bound; with `decay`, at
 * most `points × count × ⌈decay ÷ per⌉` are alive at once; then each group's
 * `limit`, then the model's `max`, cap the sum. Negative points never help a
 * record reach a threshold, so they count as 0. Pure: the lint rule and the
 * handbook's scoring page both show this breakdown.
 */
import { parseDuration } from "../iso.js";
import type { ScoringGroup, ScoringModelDef, ScoringRule } from "../model/kinds.js";

/** What one rule can contribute at most, and why. */
export interface ReachableRule {
  /** Most points the rule can hold at once; `Infinity` when it repeats without bound. */
  points: number;
  /** How many times its points count at most (`Infinity` for unbounded repeats, 0 for non-positive points). */
  times: number;
}

export interface ReachableGroup {
  id: string;
  rules: ReachableRule[];
  /** Sum of the rules' reachable points before the group's `limit`. */
  sum: number;
  /** After the group's `limit`. */
  total: number;
  /** True when the group's `limit` is what stops the sum. */
  capped: boolean;
}

export interface ReachableScore {
  groups: ReachableGroup[];
  /** Sum of the groups' totals before the model's `max`. */
  sum: number;
  /** The most points a record can reach; `Infinity` when nothing bounds it. */
  total: number;
  /** True when the model's `max` is what stops the sum. */
  capped: boolean;
}

/** How many times a rule's points can count at once. */
export function ruleRepeats(rule: Pick<ScoringRule, "points" | "decay" | "limit">): number {
  if (!(rule.points > 0)) return 0;
  if (!rule.limit) return 1;
  if (rule.decay === undefined) return Number.POSITIVE_INFINITY;
  const decay = parseDuration(rule.decay)?.toMilliseconds();
  const per = parseDuration(rule.limit.per)?.toMilliseconds();
  // Bad durations are a `schema` error; without them the rule can only be counted without bound.
  if (decay === undefined || per === undefined || per <= 0) return Number.POSITIVE_INFINITY;
  return rule.limit.count * Math.ceil(decay / per);
}

export function reachableRule(rule: Pick<ScoringRule, "points" | "decay" | "limit">): ReachableRule {
  const times = ruleRepeats(rule);
  return { times, points: times === 0 ? 0 : rule.points * times };
}

export function reachableGroup(group: Pick<ScoringGroup, "id" | "limit" | "rules">): ReachableGroup {
  const rules = group.rules.map(reachableRule);
  const sum = rules.reduce((total, r) => total + r.points, 0);
  const capped = group.limit !== undefined && group.limit < sum;
  return { id: group.id, rules, sum, total: capped ? (group.limit as number) : sum, capped };
}

/** The most points a record can reach in a scoring model, with the per-group breakdown. */
export function reachableScore(model: Pick<ScoringModelDef, "groups" | "max">): ReachableScore {
  const groups = model.groups.map(reachableGroup);
  const sum = groups.reduce((total, g) => total + g.total, 0);
  const capped = model.max !== undefined && model.max < sum;
  return { groups, sum, total: capped ? (model.max as number) : sum, capped };
}
