/**
 * The always-current embeds of FORMAT.md §4 (`::stages`, `::scoring`,
 * `::plan`, `::properties`, `::funnel`) as trusted markup. The same tables
 * appear on the pipeline, scoring, plan and object pages, so a doc that embeds
 * one shows exactly what the definition's own page shows.
 */
import { durationInWords } from "../../core/iso.js";
import type {
  CommandPlanDef,
  ObjectDef,
  PipelineDef,
  PropertyDef,
  ScoringModelDef,
  StageDef,
} from "../../core/model/kinds.js";
import { optionValue } from "../../core/model/kinds.js";
import { type Definition, DIRECTIVES } from "../../core/model/model.js";
import { defLink, idLink, table, usedBy } from "./components.js";
import { defUrl, type SiteContext } from "./context.js";
import { conditionWords, scoringRuleWords } from "./describe.js";
import { funnelSvg } from "./funnel-svg.js";
import { type Html, html } from "./html.js";
import type { DirectiveRenderer } from "./markdown-to-html.js";
import { propertyAnchor } from "./routes.js";

/** The stages of a pipeline, in order, as definitions (unknown ids left out). */
export function pipelineStages(ctx: SiteContext, pipeline: Definition<PipelineDef>): Definition<StageDef>[] {
  return pipeline.value.stages
    .map((id) => ctx.model.get<StageDef>("Stage", id))
    .filter((s): s is Definition<StageDef> => s !== undefined);
}

export function stagesTable(ctx: SiteContext, pipeline: Definition<PipelineDef>): Html {
  const rows = pipeline.value.stages.map((id, i) => {
    const stage = ctx.model.get<StageDef>("Stage", id);
    if (!stage) return [String(i + 1), html`<code>${id}</code>`, "", "", "", ""];
    const v = stage.value;
    return [
      String(i + 1),
      defLink(ctx, stage),
      html`<code>${ctx.model.stageCrmValue(stage)}</code>`,
      typeof v.definition === "string" ? v.definition.trim() : "",
      idLink(ctx, "Team", v.owner),
      typeof v.sla === "string" ? durationInWords(v.sla) : "",
    ];
  });
  return table(["#", "Stage", "CRM value", "Definition", "Owner", "SLA"], rows, "stages");
}

export function funnel(ctx: SiteContext, pipeline: Definition<PipelineDef>): Html {
  const stages = pipelineStages(ctx, pipeline).filter((s) => !s.value.terminal || s.value.won !== false);
  return funnelSvg(
    ctx.model.displayName(pipeline),
    stages.map((s) => ({
      label: ctx.model.displayName(s),
      href: defUrl(ctx, s),
      note: ctx.model.stageCrmValue(s),
    })),
  );
}

export function scoringTable(ctx: SiteContext, model: Definition<ScoringModelDef>): Html {
  const crm = ctx.model.crm;
  return html`${model.value.groups.map((g) => {
    const rows = g.rules.map((r) => [
      r.name ?? r.id ?? "",
      scoringRuleWords(ctx.model, r, model.value.object, crm),
      r.points > 0 ? `+${r.points}` : String(r.points),
    ]);
    const title = g.name ?? g.id;
    const category = g.category && g.category !== title.toLowerCase() ? ` (${g.category})` : "";
    const caption = `${title}${category}${g.limit !== undefined ? `, at most ${g.limit} points` : ""}`;
    return html`<h3 class="group">${caption}</h3>${table(["Rule", "In words", "Points"], rows, "scoring")}`;
  })}`;
}

export function planTable(ctx: SiteContext, plan: Definition<CommandPlanDef>): Html {
  const rows = plan.value.sections.map((s) => [
    html`<strong>${s.title}</strong>${s.prompt ? html`<br><span class="prompt">${s.prompt}</span>` : ""}`,
    s.property ? propertyLink(ctx, plan.value.object, s.property) : "",
    idLink(ctx, "Stage", s.requiredAt),
    s.appliesWhen ? conditionWords(ctx.model, s.appliesWhen, plan.value.object, ctx.model.crm) : "always",
  ]);
  return table(["Section", "CRM property", "Required by", "Applies when"], rows, "plan");
}

/** A link to a property's row on its object page (path resolved on `objectId`). */
export function propertyLink(ctx: SiteContext, objectId: string, propertyPath: string): Html {
  const r = ctx.model.resolvePath(objectId, propertyPath);
  return r.ok ? defLink(ctx, r.property) : html`<code>${propertyPath}</code>`;
}

function optionsText(p: PropertyDef): string {
  if (!p.options) return p.target ? `→ ${p.target}` : "";
  return p.options.map(optionValue).join(", ");
}

export function propertiesTable(ctx: SiteContext, object: Definition<ObjectDef>, withLineage: boolean): Html {
  const props = ctx.model
    .valid<PropertyDef>("Property")
    .filter((p) => p.objectId === object.id)
    .sort((a, b) => a.order - b.order);
  const rows = props.map((p) => {
    const v = p.value;
    const status =
      v.status && v.status !== "active" ? `${v.status}${v.replacedBy ? ` (use ${v.replacedBy})` : ""}` : "";
    const cells: (Html | string)[] = [
      html`<span id="${propertyAnchor(p.id.split(".").pop() ?? p.id)}">${ctx.model.displayName(p)}</span>`,
      html`<code>${v.crmName ?? p.id.split(".").pop() ?? p.id}</code>`,
      v.type,
      optionsText(v),
      status,
    ];
    if (withLineage) cells.push(usedBy(ctx, ctx.model.referencesTo(p)));
    return cells;
  });
  const headers = ["Property", "CRM name", "Type", "Options", "Status"];
  if (withLineage) headers.push("Used by");
  return table(headers, rows, "properties");
}

/** The Markdown directive renderer: live tables and the funnel. */
export function directiveRenderer(ctx: SiteContext): DirectiveRenderer {
  return (name, attributes) => {
    const spec = Object.hasOwn(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
    if (!spec) return undefined;
    const id = attributes[spec.attribute];
    const def = id === undefined ? undefined : ctx.model.get(spec.kind, id);
    if (!def?.valid)
      return html`<p class="unresolved-embed">(::${name}: nothing to show for ${id ?? "a missing id"})</p>`;
    switch (name) {
      case "stages":
        return stagesTable(ctx, def as Definition<PipelineDef>);
      case "funnel":
        return funnel(ctx, def as Definition<PipelineDef>);
      case "scoring":
        return scoringTable(ctx, def as Definition<ScoringModelDef>);
      case "plan":
        return planTable(ctx, def as Definition<CommandPlanDef>);
      case "properties":
        return propertiesTable(ctx, def as Definition<ObjectDef>, false);
      default:
        return undefined;
    }
  };
}
