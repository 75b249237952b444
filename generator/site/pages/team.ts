/**
 * A team's page: members, channel, and everything the team owns (definitions
 * and handbook pages), plus the triggers that assign or notify it.
 */
import type { TeamDef } from "../../../core/model/kinds.js";
import type { Definition } from "../../../core/model/model.js";
import { backlinks, defLink, description, facts, kindName } from "../components.js";
import type { SiteContext } from "../context.js";
import { html } from "../html.js";
import { definitionCrumbs, type Page, plainText, sections } from "./page.js";

export function teamPage(ctx: SiteContext, team: Definition<TeamDef>): Page {
  const v = team.value;
  const route = ctx.routes.definitionRoute("Team", team.id);
  const refs = ctx.model.referencesTo(team).filter((r) => r.from);
  const owned = [
    ...new Map(refs.filter((r) => r.field === "owner").map((r) => [r.from!.key, r.from!])).values(),
  ];
  const works = [
    ...new Map(refs.filter((r) => r.field !== "owner").map((r) => [r.from!.key, r.from!])).values(),
  ];
  const docs = ctx.docs.filter((d) => d.owner === team.id);
  const defList = (defs: Definition[]) =>
    defs.length > 0
      ? html`<ul>${defs.sort((a, b) => a.order - b.order).map((d) => html`<li>${kindName(d.kind)} ${defLink(ctx, d)}</li>`)}</ul>`
      : undefined;
  const { body, toc } = sections([
    [
      "members",
      "Members",
      v.members?.length ? html`<ul>${v.members.map((m) => html`<li>${m}</li>`)}</ul>` : undefined,
    ],
    ["owns", "Owns", defList(owned)],
    [
      "pages",
      "Handbook pages",
      docs.length > 0
        ? html`<ul>${docs.map((d) => html`<li><a href="${ctx.routes.url(d.route)}">${d.title}</a></li>`)}</ul>`
        : undefined,
    ],
    ["works", "Assigned, notified or handed over by", defList(works)],
    ["backlinks", "Referenced in the handbook", backlinks(ctx, team)],
  ]);
  const all = html`${facts([["Channel", v.channel]])}${description(ctx, team)}${body}`;
  return {
    route,
    section: "Team",
    text: plainText(all.value),
    spec: {
      route,
      title: ctx.model.displayName(team),
      kind: "Team",
      body: all,
      toc,
      breadcrumbs: definitionCrumbs(ctx, "Team"),
      sourceFile: team.file,
      owner: v.owner,
    },
  };
}
