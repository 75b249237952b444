/**
 * `doc-broken-link`: a relative Markdown link (or front matter `related`
 * path) in a process doc to a file that is not a doc of this handbook (it does
 * not exist, or the `docs` globs leave it out, so the site will not have it),
 * or to a `#heading` anchor (github-slugger) that the target doc does not have.
 * `KIND:ID` links are `unresolved-reference`'s job; `https:` and other schemes
 * and site-absolute `/…` links are not checked.
 */
import path from "node:path";
import type { Fix } from "../diagnostic.js";
import { classifyLink, relativeLink, resolveRelative } from "../docs/relative-link.js";
import type { MarkdownDocument } from "../load/markdown-source.js";
import { LINK_KINDS } from "../model/kinds.js";
import type { Model } from "../model/model.js";
import { isRecord } from "../model/model.js";
import { closest, didYouMean } from "../model/suggest.js";
import { comparePositions, type Range } from "../position.js";
import type { Report, Rule } from "./rule.js";

/** A link to check: its text, where it is, and whether its range holds exactly that text (safe to fix). */
interface LinkSite {
  url: string;
  range: Range;
  fixable: boolean;
  /** How a replacement is written: URL-encoded in Markdown, as-is in YAML. */
  encode: (text: string) => string;
}

const rule: Rule = {
  meta: {
    id: "doc-broken-link",
    severity: "error",
    description:
      "a relative Markdown link to a missing doc or heading anchor, or to a file outside the `docs` globs",
    docs: "docs/rules/doc-broken-link.md",
    fixable: true,
  },
  // Parts are docs: a doc's links are checked against the headings of the docs they point at, so an edit of a
  // doc rechecks it and every doc linking to it. In-place updates never add or remove a file or change a
  // file's first definition, so paths, guesses and `definitionFiles` stay as they were.
  scope: {
    by: "part",
    parts(change, model) {
      if (!change.doc) return new Set();
      const parts = new Set([change.file]);
      for (const [file, doc] of model.docs) if (linkTargets(file, doc).has(change.file)) parts.add(file);
      return parts;
    },
  },
  check({ model, only, report }) {
    const index = docIndex(model);
    for (const [file, doc] of model.docs) {
      if (only && !only.has(file)) continue;
      for (const link of doc.links) {
        const site: LinkSite = {
          url: link.url,
          range: link.urlRange,
          fixable: !sameRange(link.urlRange, link.range),
          encode: encodeURI,
        };
        const problem = checkLink(index, file, doc, site);
        if (problem) report({ ...problem, part: file });
      }
      for (const site of relatedSites(model, file, doc)) {
        const problem = checkLink(index, file, doc, site);
        if (problem) report({ ...problem, part: file });
      }
    }
  },
};

/** Front matter `related` entries that are not `KIND:ID` references. */
function relatedSites(model: Model, file: string, doc: MarkdownDocument): LinkSite[] {
  const fm = doc.frontmatter;
  if (!fm || !model.validDocs.has(file) || !isRecord(fm.value) || !Array.isArray(fm.value.related)) return [];
  const out: LinkSite[] = [];
  fm.value.related.forEach((item, i) => {
    const loc = fm.locations.get(`/related/${i}`);
    if (typeof item !== "string" || !loc || model.resolveLink(item)) return;
    const r = loc.value;
    // Only a plain (unquoted, one-line) scalar can be replaced without re-quoting.
    const plain = r.start.line === r.end.line && r.end.column - r.start.column === item.length;
    out.push({ url: item, range: r, fixable: plain, encode: (text) => text });
  });
  return out;
}

const targetsByDoc = new WeakMap<MarkdownDocument, Set<string>>();

/** The workspace files a doc's relative links and front matter `related` entries point at. */
function linkTargets(file: string, doc: MarkdownDocument): ReadonlySet<string> {
  let targets = targetsByDoc.get(doc);
  if (!targets) {
    targets = new Set();
    const related =
      doc.frontmatter && isRecord(doc.frontmatter.value) ? doc.frontmatter.value.related : undefined;
    const urls = [...doc.links.map((l) => l.url), ...(Array.isArray(related) ? related : [])];
    for (const url of urls) {
      if (typeof url !== "string") continue;
      const target = classifyLink(url);
      const resolved = target.type === "relative" ? resolveRelative(file, target.path) : undefined;
      if (resolved !== undefined) targets.add(resolved);
    }
    targetsByDoc.set(doc, targets);
  }
  return targets;
}

/** One index per model (see the rule's scope for why in-place updates keep it true). */
const indexes = new WeakMap<Model, DocIndex>();

function docIndex(model: Model): DocIndex {
  let index = indexes.get(model);
  if (!index) {
    index = new DocIndex(model);
    indexes.set(model, index);
  }
  return index;
}

/** Docs by path, folder and file name, for lookups and "did you mean" candidates. */
class DocIndex {
  /** Definition files, each with a `KIND:ID` link to its first definition. */
  readonly definitionFiles = new Map<string, string>();
  private readonly byFolder = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();
  private readonly guesses = new Map<string, string | undefined>();

  constructor(readonly model: Model) {
    const prefixes = new Map(Object.entries(LINK_KINDS).map(([prefix, kind]) => [kind, prefix]));
    for (const d of model.definitions) {
      if (!this.definitionFiles.has(d.file))
        this.definitionFiles.set(d.file, `${prefixes.get(d.kind)}:${d.id}`);
    }
    for (const file of model.docs.keys()) {
      push(this.byFolder, path.posix.dirname(file), file);
      push(this.byName, path.posix.basename(file), file);
    }
  }

  doc(file: string): { file: string; doc: MarkdownDocument } | undefined {
    const doc = this.model.docs.get(file);
    return doc ? { file, doc } : undefined;
  }

  /**
   * The one doc the link most likely meant: a folder's `index.md`, a small typo away in the same folder or with the
   * same file name elsewhere, else the only doc with that file name (a moved page).
   */
  guess(target: string): string | undefined {
    if (!this.guesses.has(target)) this.guesses.set(target, this.computeGuess(target));
    return this.guesses.get(target);
  }

  private computeGuess(target: string): string | undefined {
    // The site serves docs at pretty URLs, so a folder link must name the folder's `index.md`.
    const index = target === "" || target === "." ? "index.md" : `${target}/index.md`;
    if (this.model.docs.has(index)) return index;
    const name = path.posix.basename(target);
    const sameName = this.byName.get(name) ?? [];
    const candidates = new Set<string>();
    // `closest` never accepts more than 3 edits: longer or shorter paths cannot win, so skip them (big folders).
    for (const list of [this.byFolder.get(path.posix.dirname(target)) ?? [], sameName]) {
      for (const file of list) if (Math.abs(file.length - target.length) <= 3) candidates.add(file);
    }
    const close = closest(target, candidates);
    if (close !== undefined) return close;
    return sameName.length === 1 && name !== "index.md" ? sameName[0] : undefined;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function checkLink(index: DocIndex, file: string, doc: MarkdownDocument, site: LinkSite): Report | undefined {
  const target = classifyLink(site.url);
  if (target.type === "other") return undefined;
  if (target.type === "anchor") {
    if (target.anchor === "") return undefined;
    return checkAnchor(file, doc, target.anchor, site, (slug) => `#${slug}`, "this page");
  }
  const resolved = resolveRelative(file, target.path);
  if (resolved === undefined) {
    return { file, range: site.range, message: `link \`${site.url}\` points outside the workspace` };
  }
  const found = index.doc(resolved);
  if (found) {
    if (target.anchor === undefined || target.anchor === "") return undefined;
    return checkAnchor(
      file,
      found.doc,
      target.anchor,
      site,
      (slug) => `${site.url.slice(0, site.url.indexOf("#"))}#${slug}`,
      `\`${found.file}\``,
    );
  }
  const definitionLink = index.definitionFiles.get(resolved);
  if (definitionLink !== undefined) {
    return {
      file,
      range: site.range,
      message: `link \`${site.url}\` points at the definition file \`${resolved}\`, which is not a process doc; link to a definition with \`KIND:ID\` instead (such as \`${definitionLink}\`)`,
    };
  }
  const guess = index.guess(resolved);
  const replacement =
    guess === undefined ? undefined : site.encode(relativeLink(file, guess, target.rawPath)) + target.rest;
  return {
    file,
    range: site.range,
    message: `link \`${site.url}\` points at \`${resolved}\`, which is not a doc of this handbook (no such file, or outside the \`docs\` globs)`,
    ...suggest(site, replacement),
  };
}

function checkAnchor(
  file: string,
  target: MarkdownDocument,
  anchor: string,
  site: LinkSite,
  rewrite: (slug: string) => string,
  where: string,
): Report | undefined {
  const slugs = target.headings.map((h) => h.slug);
  if (slugs.includes(anchor)) return undefined;
  const guess = closest(anchor, slugs);
  return {
    file,
    range: site.range,
    message: `link \`${site.url}\` points at a heading that does not exist: ${where} has no heading with the anchor \`#${anchor}\``,
    ...suggest(site, guess === undefined ? undefined : rewrite(guess)),
  };
}

function suggest(site: LinkSite, replacement: string | undefined): { suggestion?: string; fix?: Fix } {
  if (replacement === undefined) return {};
  return {
    suggestion: didYouMean(replacement),
    fix: site.fixable ? { range: site.range, text: replacement } : undefined,
  };
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export default rule;
