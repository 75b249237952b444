/**
 * A scoring model's page: every group and rule in plain English with points,
 * decay and limits; thresholds (linked to their stages); and the most points a
 * record can reach (core/scoring/reachable), group by group.
 */
import type { ScoringModelDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { reachableScore } from "../../../core/scoring/reachable.js";
import { backlinks, description, facts, idLink, table } from "../components.js";
import type { SiteContext } from "../context.js";
import { propertyLink, scoringTable } from "../directives.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

function points(n: number): string {
  return Number.isFinite(n) ? String(n) : "no limit";
}

export function scoringPage(ctx: SiteContext, model: Definition<ScoringModelDef>): Page {
  const v = model.value;
  const route = ctx.routes.definitionRoute("ScoringModel", model.id);
  const reach = reachableScore(v);
  const reachRows = v.groups.map((g, i) => {
    const r = reach.groups[i];
    return [
      g.name ?? g.id,
      r ? points(r.sum) : "",
      g.limit !== undefined ? String(g.limit) : "",
      r ? points(r.total) : "",
    ];
  });
  const thresholds = (v.thresholds ?? []).map((t) => [
    idLink(ctx, "Stage", t.stage),
    String(t.min),
    t.min > reach.total ? "no" : "yes",
  ]);
  const { body, toc } = sections([
    ["rules", "Rules", scoringTable(ctx, model)],
    [
      "thresholds",
      "Thresholds",
      thresholds.length > 0 ? table(["Stage", "Minimum score", "Reachable?"], thresholds) : undefined,
    ],
    [
      "reachable",
      "Most points a record can reach",
      html`${table(["Group", "Rules add up to", "Group limit", "Counts"], reachRows)}<p class="reachable">At most <strong>${points(reach.total)}</strong> points${reach.capped ? ` (capped by the model's maximum of ${v.max})` : ""}.</p>`,
    ],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, model)],
  ]);
  const all = html`${facts([
    ["Object", idLink(ctx, "Object", v.object)],
    ["Score property", propertyLink(ctx, v.object, v.property)],
    ["Maximum", v.max !== undefined ? String(v.max) : undefined],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, model)}${body}`;
  return {
    route,
    section: "Scoring",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(model),
      kind: "Scoring model",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "ScoringModel"),
      sourceFile: model.file,
      owner: v.owner,
    },
  };
}
