/**
 * A trigger's page: when it runs and what it does, in plain English with its
 * CRM's wording (core/describe), whether it re-enrols, and its backlinks.
 */
import type { TriggerDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, description, facts, idLink } from "../components.js";
import type { SiteContext } from "../context.js";
import { triggerWords } from "../describe.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function triggerPage(ctx: SiteContext, trigger: Definition<TriggerDef>): Page {
  const v = trigger.value;
  const route = ctx.routes.definitionRoute("Trigger", trigger.id);
  const words = triggerWords(ctx.model, trigger);
  const { body, toc } = sections([
    ["when", "When it runs", html`<p class="condition">${words.when}</p>`],
    [
      "actions",
      "What it does",
      html`<ol class="actions">${words.actions.map((a) => html`<li>${a}</li>`)}</ol>`,
    ],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, trigger)],
  ]);
  const all = html`${facts([
    ["Object", idLink(ctx, "Object", v.object)],
    ["CRM", words.crm === "salesforce" ? "Salesforce" : "HubSpot"],
    ["Re-enrols", v.reenroll ? "yes" : "no"],
    ["Owner", v.owner ? idLink(ctx, "Team", v.owner) : undefined],
  ])}${description(ctx, trigger)}${body}`;
  return {
    route,
    section: "Trigger",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(trigger),
      kind: "Trigger",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Trigger"),
      sourceFile: trigger.file,
      owner: v.owner,
    },
  };
}
