/**
 * A command plan's page: who hands over to whom and when, the SLA in words,
 * and every section with its prompt, CRM property and the stage it is due by.
 */
import { durationInWords } from "../../../core/iso.js";
import type { CommandPlanDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, description, facts, idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { planTable } from "../directives.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function planPage(ctx: SiteContext, plan: Definition<CommandPlanDef>): Page {
  const v = plan.value;
  const route = ctx.routes.definitionRoute("CommandPlan", plan.id);
  const { body, toc } = sections([
    ["sections", "Sections", planTable(ctx, plan)],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, plan)],
  ]);
  const all = html`${facts([
    ["Object", idLink(ctx, "Object", v.object)],
    ["From", idLink(ctx, "Team", v.from)],
    ["To", idLink(ctx, "Team", v.to)],
    ["Hand over at", v.at ? idLink(ctx, "Stage", v.at) : undefined],
    ["SLA", typeof v.sla === "string" ? durationInWords(v.sla) : undefined],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, plan)}${body}`;
  return {
    route,
    section: "Command plan",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(plan),
      kind: "Command plan",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "CommandPlan"),
      sourceFile: plan.file,
      owner: v.owner,
    },
  };
}
