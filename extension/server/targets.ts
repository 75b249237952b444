/**
 * What names what, at the character level: a reference's text split into the
 * pieces that name definitions (`stage:mql` → `mql`; `contact.company.size` →
 * the `contact` qualifier, the `company` reference property, the `size`
 * property), and the definition under a cursor. Definition, references,
 * hover and rename all read these.
 */
import type { Definition, Model, Reference } from "../../core/model/model.js";
import type { LineIndex, Position, Range } from "../../core/position.js";
import type { Workspace } from "../../core/workspace.js";
import { rangeHas, rangeSize } from "./positions.js";

/** One piece of a reference's text and the definition it names. */
export interface Target {
  def: Definition;
  range: Range;
  ref?: Reference;
}

function linesOf(workspace: Workspace, file: string): LineIndex | undefined {
  return workspace.source(file)?.lines;
}

/** The pieces of a reference that name definitions (empty when it does not resolve). */
export function refTargets(workspace: Workspace, ref: Reference): Target[] {
  const model = workspace.model;
  const lines = linesOf(workspace, ref.file);
  if (!lines) return [];
  const start = lines.offsetAt(ref.range.start);
  const slice = lines.text.slice(start, lines.offsetAt(ref.range.end));
  let name = ref.name;
  let at = slice.indexOf(name);
  if (ref.field.startsWith("::")) {
    // A directive's range is the whole `::name{attr="id"}`: find the quoted attribute value.
    const quoted = slice.indexOf(`="${name}"`);
    at = quoted >= 0 ? quoted + 2 : slice.lastIndexOf(name);
  }
  if (at < 0) return [];
  // `KIND:ID` links: only the id part (before any `#anchor`) names the definition.
  const link = /^([a-z]+):/.exec(name);
  if (link && ref.field !== "owner" && !ref.field.startsWith("::")) {
    at += link[0].length;
    name = name.slice(link[0].length).split("#")[0] ?? "";
  }
  const piece = (from: number, length: number): Range =>
    lines.rangeOf(start + at + from, start + at + from + length);
  if (ref.kind !== "Property") {
    return ref.resolved ? [{ def: ref.resolved, range: piece(0, name.length), ref }] : [];
  }
  if (!ref.resolved) return [];
  const segments = name.split(".");
  const offsets: number[] = [];
  let o = 0;
  for (const s of segments) {
    offsets.push(o);
    o += s.length + 1;
  }
  const out: Target[] = [];
  const via = ref.via ?? [];
  const last = segments.length - 1;
  const seg = (i: number): Range => piece(offsets[i] ?? 0, segments[i]?.length ?? 0);
  const firstProperty = last - via.length;
  if (firstProperty > 0) {
    const object = model.get("Object", segments[0] ?? "");
    if (object) out.push({ def: object, range: seg(0), ref });
  }
  via.forEach((v, k) => {
    out.push({ def: v, range: seg(firstProperty + k), ref });
  });
  out.push({ def: ref.resolved, range: seg(last), ref });
  return out;
}

/** Where a definition's own id is written. */
export function idRange(model: Model, def: Definition): Range | undefined {
  return model.location(def, "/id")?.value;
}

/** The definition under the cursor: a piece of a reference, or a definition's own id. */
export function targetAt(workspace: Workspace, file: string, pos: Position): Target | undefined {
  const model = workspace.model;
  let best: Target | undefined;
  for (const ref of model.referencesIn(file)) {
    if (!rangeHas(ref.range, pos)) continue;
    for (const t of refTargets(workspace, ref)) {
      if (rangeHas(t.range, pos) && (!best || rangeSize(t.range) < rangeSize(best.range))) best = t;
    }
  }
  if (best) return best;
  for (const def of model.definitionsIn(file)) {
    const r = idRange(model, def);
    if (r && rangeHas(r, pos)) return { def, range: r };
  }
  return undefined;
}

/** Every piece of every reference that names `def`. */
export function targetsOf(workspace: Workspace, def: Definition): Target[] {
  const out: Target[] = [];
  // The model indexes references by what they resolve to and walk through; an object is also
  // named as the qualifier of property paths (`contact.lead_score`), which only a full scan finds.
  const refs = def.kind === "Object" ? workspace.model.references : workspace.model.referencesTo(def);
  for (const ref of refs) {
    for (const t of refTargets(workspace, ref))
      if (t.def.key === def.key && t.def.file === def.file) out.push(t);
  }
  return out;
}
