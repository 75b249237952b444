/**
 * The site's one door to `core/describe/` (plain-English conditions, actions,
 * triggers and scoring rules in each CRM's wording). Pages call these and never
 * word a condition themselves, so the handbook, hovers and CLI agree.
 */
import {
  type Crm,
  describeAction,
  describeCondition,
  describeScoringRule,
  describeTrigger,
} from "../../core/describe/index.js";
import type { Action, Condition, ScoringRule, TriggerDef } from "../../core/model/kinds.js";
import type { Definition, Model } from "../../core/model/model.js";

export type { Crm };

/** A trigger in words: when it runs, what it does, which CRM's wording. */
export interface TriggerWords {
  when: string;
  actions: string[];
  crm: Crm;
}

export function conditionWords(model: Model, cond: Condition, objectId: string, crm: Crm): string {
  return describeCondition(model, cond, { objectId, crm });
}

export function triggerWords(model: Model, def: Definition<TriggerDef>): TriggerWords {
  return describeTrigger(model, def);
}

export function actionWords(model: Model, action: Action, objectId: string, crm: Crm): string {
  return describeAction(model, action, { objectId, crm });
}

export function scoringRuleWords(model: Model, rule: ScoringRule, objectId: string, crm: Crm): string {
  return describeScoringRule(model, rule, { objectId, crm });
}
