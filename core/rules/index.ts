/**
 * The rule registry: every rule of RULES.md, in the order `revbook rules` lists them.
 */
import doc_broken_link from "./doc-broken-link.js";
import doc_owner from "./doc-owner.js";
import doc_stale from "./doc-stale.js";
import duplicate_id from "./duplicate-id.js";
import operator_type from "./operator-type.js";
import pipeline_consistency from "./pipeline-consistency.js";
import plan_property_type from "./plan-property-type.js";
import plan_stage_order from "./plan-stage-order.js";
import retired_property from "./retired-property.js";
import type { Rule } from "./rule.js";
import schema from "./schema.js";
import score_duplicate_rule from "./score-duplicate-rule.js";
import score_property_type from "./score-property-type.js";
import score_threshold_mismatch from "./score-threshold-mismatch.js";
import score_threshold_unreachable from "./score-threshold-unreachable.js";
import stage_backward from "./stage-backward.js";
import stage_exit_criteria from "./stage-exit-criteria.js";
import stage_not_in_pipeline from "./stage-not-in-pipeline.js";
import stage_owner from "./stage-owner.js";
import stage_unreachable from "./stage-unreachable.js";
import trigger_conflict from "./trigger-conflict.js";
import trigger_loop from "./trigger-loop.js";
import trigger_no_effect from "./trigger-no-effect.js";
import unknown_option from "./unknown-option.js";
import unresolved_reference from "./unresolved-reference.js";
import unused_definition from "./unused-definition.js";
import unused_disable from "./unused-disable.js";
import value_type from "./value-type.js";
import yaml_syntax from "./yaml-syntax.js";

export const RULES: readonly Rule[] = [
  yaml_syntax,
  schema,
  duplicate_id,
  unresolved_reference,
  operator_type,
  value_type,
  unknown_option,
  retired_property,
  pipeline_consistency,
  stage_not_in_pipeline,
  stage_unreachable,
  stage_backward,
  stage_exit_criteria,
  stage_owner,
  trigger_conflict,
  trigger_loop,
  trigger_no_effect,
  score_property_type,
  score_threshold_unreachable,
  score_threshold_mismatch,
  score_duplicate_rule,
  plan_property_type,
  plan_stage_order,
  doc_broken_link,
  doc_stale,
  doc_owner,
  unused_definition,
  unused_disable,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
