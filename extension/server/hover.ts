/**
 * Hover: for a reference or an id, the definition it names as Markdown
 * (stages with definition, CRM value, owner and SLA in words; properties with
 * type, options and status; triggers in plain English through
 * `core/describe`); for a field name (YAML definitions, Markdown front
 * matter), the schema's description of the field.
 */
import type { Hover, Position as LspPosition } from "vscode-languageserver";
import { describeTrigger } from "../../core/describe/index.js";
import { durationInWords } from "../../core/iso.js";
import {
  type CommandPlanDef,
  type EventDef,
  type MetricDef,
  optionValue,
  type PipelineDef,
  type PropertyDef,
  type StageDef,
  type TeamDef,
  type TriggerDef,
} from "../../core/model/kinds.js";
import { type Definition, kindLabel, type Model } from "../../core/model/model.js";
import { LineIndex } from "../../core/position.js";
import type { WorkspaceState } from "./documents-sync.js";
import { fromLspPosition, toLspRange } from "./positions.js";
import { fieldDescription } from "./schema-fields.js";
import { targetAt } from "./targets.js";
import { frontMatterBounds, yamlContext } from "./yaml-context.js";

function code(s: string): string {
  return `\`${s}\``;
}

/** The Markdown shown for a definition. */
export function describeDefinition(model: Model, def: Definition): string {
  const out: string[] = [`**${model.displayName(def)}** — ${kindLabel(def.kind)} ${code(def.id)}`];
  const v = def.value as Record<string, unknown>;
  const owner = typeof v.owner === "string" ? v.owner : undefined;
  switch (def.kind) {
    case "Stage": {
      const s = def.value as StageDef;
      if (s.definition) out.push(s.definition.trim());
      const facts: string[] = [];
      const pipeline = model.stagePipeline.get(def.id);
      facts.push(`CRM value: ${code(model.stageCrmValue(def as Definition<StageDef>))}`);
      if (pipeline) facts.push(`pipeline: ${code(pipeline.id)} (${pipeline.value.object})`);
      if (owner) facts.push(`owner: ${code(owner)}`);
      if (typeof s.sla === "string") facts.push(`SLA: ${durationInWords(s.sla)}`);
      if (s.terminal) facts.push("terminal");
      out.push(facts.map((f) => `- ${f}`).join("\n"));
      if (s.exitCriteria?.length)
        out.push(`Exit criteria:\n${s.exitCriteria.map((e) => `- ${e}`).join("\n")}`);
      break;
    }
    case "Property": {
      const p = def.value as PropertyDef;
      const facts = [`type: ${code(p.type)}${p.target ? ` → ${code(p.target)}` : ""}`];
      if (p.crmName) facts.push(`CRM name: ${code(p.crmName)}`);
      if (p.status && p.status !== "active")
        facts.push(`status: **${p.status}**${p.replacedBy ? ` (use ${code(p.replacedBy)})` : ""}`);
      if (p.options?.length) facts.push(`options: ${p.options.map((o) => code(optionValue(o))).join(", ")}`);
      out.push(facts.map((f) => `- ${f}`).join("\n"));
      break;
    }
    case "Trigger": {
      const t = def.value as TriggerDef;
      const d = def.valid ? safeDescribe(model, def as Definition<TriggerDef>) : undefined;
      if (d) {
        out.push(`**When** ${d.when}`);
        out.push(d.actions.map((a) => `- ${a}`).join("\n"));
        if (d.crm) out.push(`CRM: ${d.crm}`);
      } else {
        out.push(`On ${code(t.object)}; ${Array.isArray(t.actions) ? t.actions.length : 0} action(s)`);
      }
      break;
    }
    case "Team": {
      const t = def.value as TeamDef;
      if (t.channel) out.push(`channel: ${t.channel}`);
      if (t.members?.length) out.push(`members: ${t.members.join(", ")}`);
      break;
    }
    case "Pipeline": {
      const p = def.value as PipelineDef;
      out.push(`${code(p.object)}.${code(p.property)}: ${(p.stages ?? []).map(code).join(" → ")}`);
      break;
    }
    case "Event":
      out.push(`on ${code((def.value as EventDef).object)}`);
      break;
    case "CommandPlan": {
      const p = def.value as CommandPlanDef;
      out.push(`${code(p.from)} → ${code(p.to)}${p.at ? ` at ${code(p.at)}` : ""}`);
      break;
    }
    case "Metric": {
      const m = def.value as MetricDef;
      out.push(
        `${m.type}${m.stage ? ` of ${code(m.stage)}` : ""}${m.from ? ` from ${code(m.from)} to ${code(m.to ?? "?")}` : ""}`,
      );
      break;
    }
    default:
      break;
  }
  if (def.kind !== "Stage" && owner) out.push(`owner: ${code(owner)}`);
  if (typeof v.description === "string" && v.description.trim()) out.push(v.description.trim());
  out.push(`*${def.file}*`);
  return out.join("\n\n");
}

/** The trigger in plain English (core/describe); a hover must never fail, so errors fall back to the short form. */
function safeDescribe(
  model: Model,
  def: Definition<TriggerDef>,
): ReturnType<typeof describeTrigger> | undefined {
  try {
    return describeTrigger(model, def);
  } catch {
    return undefined;
  }
}

export function hoverAt(state: WorkspaceState, uri: string, position: LspPosition): Hover | undefined {
  const ws = state.workspace;
  const file = state.uris.toPath(uri);
  if (!ws || !file) return undefined;
  const target = targetAt(ws, file, fromLspPosition(position));
  if (target) {
    return {
      contents: { kind: "markdown", value: describeDefinition(ws.model, target.def) },
      range: toLspRange(target.range),
    };
  }
  const lines = new LineIndex(state.text(file) ?? "");
  // Field names: in YAML definitions, and in a Markdown doc's front matter.
  const fm = ws.typeOf(file) === "markdown" ? frontMatterBounds(lines) : undefined;
  if (ws.typeOf(file) !== "yaml" && !(fm && position.line >= fm.start && position.line <= fm.end)) {
    return undefined;
  }
  const text = lines.lineText(position.line);
  const key = /^(\s*(?:-\s+)*)([A-Za-z_][\w-]*)\s*:/.exec(text);
  if (!key) return undefined;
  const start = (key[1] as string).length;
  const name = key[2] as string;
  if (position.character < start || position.character > start + name.length) return undefined;
  const ctx = yamlContext(lines, position.line, start, fm);
  if (!ctx.kind) return undefined;
  const description = fieldDescription(ctx.kind, ctx.path, name);
  if (!description) return undefined;
  return {
    contents: { kind: "markdown", value: `**${name}**\n\n${description}` },
    range: {
      start: { line: position.line, character: start },
      end: { line: position.line, character: start + name.length },
    },
  };
}
