/**
 * A pipeline's page: the funnel drawn at build time as inline SVG, the stage
 * table (CRM values, definitions, owners, SLAs), and the docs that link here.
 */
import type { PipelineDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, description, facts, idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { funnel, propertyLink, stagesTable } from "../directives.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function pipelinePage(ctx: SiteContext, pipeline: Definition<PipelineDef>): Page {
  const v = pipeline.value;
  const route = ctx.routes.definitionRoute("Pipeline", pipeline.id);
  const { body, toc } = sections([
    ["funnel", "Funnel", funnel(ctx, pipeline)],
    ["stages", "Stages", stagesTable(ctx, pipeline)],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, pipeline)],
  ]);
  const all = html`${facts([
    ["Object", idLink(ctx, "Object", v.object)],
    ["Stored in", propertyLink(ctx, v.object, v.property)],
    ["Moves", v.forwardOnly ? "forward only" : "forward and back"],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, pipeline)}${body}`;
  return {
    route,
    section: "Pipeline",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(pipeline),
      kind: "Pipeline",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Pipeline"),
      sourceFile: pipeline.file,
      owner: v.owner,
    },
  };
}
