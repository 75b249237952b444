/**
 * A metric's page: what it measures (type, stages), its unit and goal in
 * words (a velocity goal is a maximum, others minimums), and its backlinks.
 */
import type { MetricDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, description, facts, idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function goalWords(v: MetricDef): string | undefined {
  if (!v.goal) return undefined;
  const unit = v.unit === "percent" ? "%" : v.unit && v.unit !== "count" ? ` ${v.unit}` : "";
  const bound = v.type === "velocity" ? "at most" : "at least";
  return `${bound} ${v.goal.value}${unit}${v.goal.period ? ` per ${v.goal.period}` : ""}`;
}

export function metricPage(ctx: SiteContext, metric: Definition<MetricDef>): Page {
  const v = metric.value;
  const route = ctx.routes.definitionRoute("Metric", metric.id);
  const { body, toc } = sections([["backlinks", "Referenced in the handbook", backlinks(ctx, metric)]]);
  const all = html`${facts([
    ["Type", v.type],
    ["Stage", v.stage ? idLink(ctx, "Stage", v.stage) : undefined],
    ["From", v.from ? idLink(ctx, "Stage", v.from) : undefined],
    ["To", v.to ? idLink(ctx, "Stage", v.to) : undefined],
    ["Unit", v.unit],
    ["Goal", goalWords(v)],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, metric)}${body}`;
  return {
    route,
    section: "Metric",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(metric),
      kind: "Metric",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Metric"),
      sourceFile: metric.file,
      owner: v.owner,
    },
  };
}
