/**
 * A stage's page: the plain-language definition and the CRM reality behind
 * it (pipeline, CRM value), the entry condition and every trigger that sets the
 * stage in plain English with the CRM's wording, exit criteria, actions,
 * owner, SLA in words, the metrics that measure it, and the docs that link here.
 */
import { durationInWords } from "../../../core/iso.js";
import type { MetricDef, PipelineDef, StageDef, TriggerDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, defLink, description, facts, idLink } from "../components.js";
import { pagesOf, type SiteContext } from "../context.js";
import { conditionWords, triggerWords } from "../describe.js";
import { propertyLink } from "../directives.js";
import { type Html, html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

const CRM_NAMES = { hubspot: "HubSpot", salesforce: "Salesforce" } as const;

function list(items: readonly (string | Html)[] | undefined): Html | undefined {
  if (!items || items.length === 0) return undefined;
  return html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

/** Triggers whose actions include `setStage: <stage>`. */
export function triggersSetting(ctx: SiteContext, stageId: string): Definition<TriggerDef>[] {
  return pagesOf<TriggerDef>(ctx, "Trigger").filter((t) =>
    t.value.actions.some((a) => "setStage" in a && a.setStage === stageId),
  );
}

export function metricsMeasuring(ctx: SiteContext, stageId: string): Definition<MetricDef>[] {
  return pagesOf<MetricDef>(ctx, "Metric").filter(
    (m) => m.value.stage === stageId || m.value.from === stageId || m.value.to === stageId,
  );
}

export function stagePage(ctx: SiteContext, stage: Definition<StageDef>): Page {
  const v = stage.value;
  const route = ctx.routes.definitionRoute("Stage", stage.id);
  const pipeline = ctx.model.stagePipeline.get(stage.id) as Definition<PipelineDef> | undefined;
  const objectId = ctx.model.objectOf(stage);
  const position = pipeline ? pipeline.value.stages.indexOf(stage.id) : -1;
  const crmValue = html`<code>${ctx.model.stageCrmValue(stage)}</code>${pipeline ? html` in ${propertyLink(ctx, pipeline.value.object, pipeline.value.property)}` : ""}`;
  const triggers = triggersSetting(ctx, stage.id).map((t) => {
    const words = triggerWords(ctx.model, t);
    return html`<li class="trigger"><p>${defLink(ctx, t)} <span class="crm">(${CRM_NAMES[words.crm]})</span></p><p class="when">When: ${words.when}</p>${words.actions.length > 0 ? html`<ul class="actions">${words.actions.map((a) => html`<li>${a}</li>`)}</ul>` : ""}</li>`;
  });
  const entry =
    v.entry && objectId
      ? html`<p class="condition">${conditionWords(ctx.model, v.entry, objectId, ctx.model.crm)}</p>`
      : undefined;
  const metrics = metricsMeasuring(ctx, stage.id).map((m) => defLink(ctx, m));
  const { body, toc } = sections([
    [
      "definition",
      "Definition",
      typeof v.definition === "string"
        ? html`<p class="definition">${v.definition.trim()}</p>${description(ctx, stage)}`
        : undefined,
    ],
    ["entry", "Entry condition", entry],
    [
      "set-by",
      "How records get here",
      triggers.length > 0
        ? html`<ul class="set-by">${triggers}</ul>`
        : v.manual
          ? html`<p>People move records here by hand.</p>`
          : html`<p class="empty">No trigger sets this stage.</p>`,
    ],
    ["exit-criteria", "Exit criteria", list(v.exitCriteria)],
    ["actions", "Actions", list(v.actions)],
    ["metrics", "Metrics", list(metrics)],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, stage)],
  ]);
  const factsHtml = facts([
    [
      "Pipeline",
      pipeline
        ? html`${defLink(ctx, pipeline)} (stage ${position + 1} of ${pipeline.value.stages.length})`
        : undefined,
    ],
    ["CRM value", crmValue],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
    ["SLA", typeof v.sla === "string" ? durationInWords(v.sla) : undefined],
    ["Bowtie", v.bowtie],
    ["Entry date", v.enteredAt && objectId ? propertyLink(ctx, objectId, v.enteredAt) : undefined],
    ["Probability", v.probability !== undefined ? `${Math.round(v.probability * 100)}%` : undefined],
    ["Forecast", v.forecast],
    ["Terminal", v.terminal ? (v.won ? "yes (won)" : v.closed ? "yes (closed)" : "yes") : undefined],
  ]);
  const all = html`${factsHtml}${body}`;
  return {
    route,
    section: "Stage",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(stage),
      kind: "Stage",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Stage"),
      sourceFile: stage.file,
      owner: v.owner,
    },
  };
}
