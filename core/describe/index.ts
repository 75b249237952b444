/**
 * The describer: conditions, actions, triggers and scoring rules in plain
 * English, in the wording of the CRM they run in (HubSpot's workflow editor,
 * Salesforce's Flow and report filters). The handbook site, the editor's
 * hovers and the CLI all call these functions, so one sentence reads the same
 * everywhere. Nothing here throws on unresolved names: they are shown as
 * written, in backticks.
 */
export { describeAction, describeTrigger } from "./action.js";
export { describeCondition } from "./condition.js";
export { describeDuration, describeScoringRule } from "./scoring.js";
export type { Crm, DescribeOptions } from "./wording.js";
