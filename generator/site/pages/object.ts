/**
 * An object's page: its properties (type, options, status) and, for each
 * property, where it is used (lineage: the triggers, stages, scoring rules,
 * plans and metrics that read or write it), plus pipelines and events on it.
 */
import type { ObjectDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, defLink, description, facts } from "../components.js";
import { pagesOf, type SiteContext } from "../context.js";
import { propertiesTable } from "../directives.js";
import { type Html, html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function objectPage(ctx: SiteContext, object: Definition<ObjectDef>): Page {
  const v = object.value;
  const route = ctx.routes.definitionRoute("Object", object.id);
  const on = (kind: "Pipeline" | "Event" | "Trigger" | "ScoringModel"): Html | undefined => {
    const defs = pagesOf(ctx, kind).filter((d) => ctx.model.objectOf(d) === object.id);
    return defs.length > 0 ? html`<ul>${defs.map((d) => html`<li>${defLink(ctx, d)}</li>`)}</ul>` : undefined;
  };
  const { body, toc } = sections([
    ["properties", "Properties", propertiesTable(ctx, object, true)],
    ["pipelines", "Pipelines", on("Pipeline")],
    ["triggers", "Triggers", on("Trigger")],
    ["scoring", "Scoring models", on("ScoringModel")],
    ["events", "Events", on("Event")],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, object)],
  ]);
  const all = html`${facts([["CRM name", v.crmName ? html`<code>${v.crmName}</code>` : undefined]])}${description(ctx, object)}${body}`;
  return {
    route,
    section: "Object",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(object),
      kind: "Object",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Object"),
      sourceFile: object.file,
      owner: v.owner,
    },
  };
}
