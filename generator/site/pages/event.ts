/**
 * An event's page: the object it attaches to, its source, and where it is
 * used (scoring rules, triggers).
 */
import type { EventDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, description, facts, idLink, usedBy } from "../components.js";
import type { SiteContext } from "../context.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function eventPage(ctx: SiteContext, event: Definition<EventDef>): Page {
  const v = event.value;
  const route = ctx.routes.definitionRoute("Event", event.id);
  const { body, toc } = sections([
    ["used-by", "Used by", usedBy(ctx, ctx.model.referencesTo(event))],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, event)],
  ]);
  const all = html`${facts([
    ["Object", idLink(ctx, "Object", v.object)],
    ["Source", v.source],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, event)}${body}`;
  return {
    route,
    section: "Event",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(event),
      kind: "Event",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Event"),
      sourceFile: event.file,
      owner: v.owner,
    },
  };
}
