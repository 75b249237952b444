/**
 * Trigger actions (FORMAT.md §2 Trigger `actions`) and whole triggers in the
 * words of the CRM's automation editor: HubSpot workflow actions ("Set
 * Lifecycle stage to Marketing Qualified Lead", "Rotate record to owner")
 * and Salesforce Flow / assignment rules ("Update Lead Status to …",
 * "Assign to the SDR queue").
 */
import { durationInWords, isIsoDuration } from "../iso.js";
import type { Action, PipelineDef, StageDef, TriggerDef } from "../model/kinds.js";
import type { Definition, Model } from "../model/model.js";
import { isRecord } from "../model/model.js";
import { describeCondition } from "./condition.js";
import { definitionName, formatValue, propertyRef, quote, sortOf } from "./values.js";
import { type Crm, type DescribeOptions, raw } from "./wording.js";

/** The verb that writes a property: HubSpot's "Set property value" and Salesforce Flow's "Update Records". */
const SET: Record<Crm, string> = { hubspot: "Set", salesforce: "Update" };

/** Describes one trigger action. */
export function describeAction(model: Model, action: Action, options: DescribeOptions): string {
  if (!isRecord(action)) return raw(action);
  if ("setStage" in action) return setStage(model, action.setStage, options);
  if ("setProperty" in action) return setProperty(model, action.setProperty, options);
  if ("clearProperty" in action) return clearProperty(model, action.clearProperty, options);
  if ("assign" in action) return assign(model, action.assign, options);
  if ("notify" in action) return notify(model, action.notify, options);
  if ("createTask" in action) return createTask(model, action.createTask);
  return raw(action);
}

/** Describes a trigger: its enrolment condition and its actions, in its own CRM's wording. */
export function describeTrigger(
  model: Model,
  trigger: Definition<TriggerDef>,
): { when: string; actions: string[]; crm: Crm } {
  const value: Partial<TriggerDef> = isRecord(trigger.value) ? trigger.value : {};
  const crm: Crm = value.crm === "hubspot" || value.crm === "salesforce" ? value.crm : model.crm;
  const options: DescribeOptions = { objectId: typeof value.object === "string" ? value.object : "", crm };
  const when = value.when === undefined ? "always" : describeCondition(model, value.when, options);
  const actions = Array.isArray(value.actions)
    ? value.actions.map((a) => describeAction(model, a, options))
    : [];
  return { when, actions, crm };
}

function setStage(model: Model, stageId: unknown, options: DescribeOptions): string {
  const verb = SET[options.crm];
  const stage = typeof stageId === "string" ? model.get<StageDef>("Stage", stageId) : undefined;
  if (!stage) return `${verb} stage to ${raw(stageId)}`;
  const pipeline: Definition<PipelineDef> | undefined = model.stagePipeline.get(stage.id);
  const property = pipeline ? model.pipelineProperty(pipeline) : undefined;
  const label = property ? model.displayName(property) : pipeline ? raw(pipeline.value.property) : "stage";
  return `${verb} ${label} to ${model.displayName(stage)}`;
}

function setProperty(model: Model, set: unknown, options: DescribeOptions): string {
  const verb = SET[options.crm];
  if (!isRecord(set)) return `${verb} ${raw(set)}`;
  const ref = propertyRef(model, options.objectId, set.property);
  const value = set.value;
  if (value === null || value === undefined || value === "") return clearWording(ref.label, options);
  const datetime = ref.property?.value.type === "datetime";
  const now = datetime ? "the current date and time" : "the current date";
  let sort = sortOf(ref.property);
  if (sort === "unknown" && value === "now") sort = "date";
  const text = Array.isArray(value)
    ? joinAnd(value.map((v) => formatValue(model, ref.property, sort, v, now)))
    : formatValue(model, ref.property, sort, value, now);
  return `${verb} ${ref.label} to ${text}`;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function clearWording(label: string, options: DescribeOptions): string {
  return options.crm === "hubspot" ? `Clear the value of ${label}` : `Update ${label} to blank`;
}

function clearProperty(model: Model, clear: unknown, options: DescribeOptions): string {
  const path = isRecord(clear) ? clear.property : clear;
  return clearWording(propertyRef(model, options.objectId, path).label, options);
}

/** How each `assign` method reads, after the team. */
const ASSIGN_METHOD: Record<Crm, Record<string, string>> = {
  hubspot: {
    "round-robin": " (round robin)",
    territory: " (by territory)",
    owner: " (specific owner)",
    queue: " (queue)",
  },
  salesforce: {
    "round-robin": " (round robin)",
    territory: " (by territory)",
    owner: " (record owner)",
    queue: "",
  },
};

function assign(model: Model, a: unknown, options: DescribeOptions): string {
  const team = isRecord(a) ? a.team : a;
  const method = isRecord(a) ? a.method : undefined;
  const name = definitionName(model, "Team", team);
  const table = ASSIGN_METHOD[options.crm];
  const suffix =
    method === undefined
      ? ""
      : typeof method === "string" && Object.hasOwn(table, method)
        ? (table[method] as string)
        : ` (${raw(method)})`;
  return options.crm === "hubspot"
    ? `Rotate record to owner in team ${name}${suffix}`
    : `Assign to the ${name} queue${suffix}`;
}

function notify(model: Model, n: unknown, options: DescribeOptions): string {
  const verb = options.crm === "hubspot" ? "Send internal notification" : "Send custom notification";
  if (!isRecord(n)) return `${verb} ${raw(n)}`;
  const to = n.team === undefined ? "" : ` to ${definitionName(model, "Team", n.team)}`;
  const where =
    n.channel === undefined ? "" : ` in ${typeof n.channel === "string" ? n.channel : raw(n.channel)}`;
  return `${verb}${to}${where}`;
}

function createTask(model: Model, t: unknown): string {
  if (!isRecord(t)) return `Create task ${raw(t)}`;
  const title = typeof t.title === "string" ? quote(t.title) : raw(t.title);
  const team = t.team === undefined ? "" : ` for ${definitionName(model, "Team", t.team)}`;
  const due =
    t.due === undefined ? "" : `, due in ${isIsoDuration(t.due) ? durationInWords(t.due) : raw(t.due)}`;
  return `Create task ${title}${team}${due}`;
}
