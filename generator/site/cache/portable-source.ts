/**
 * A parsed workspace file (`SourceFile`) as plain data that can be stored in
 * the build cache or posted to and from a worker thread: without its mdast
 * tree (the linter and the model do not read it; pages are rendered from the
 * text) and without its `LineIndex` objects (class instances do not survive
 * structured cloning; they are rebuilt from the text, which is cheap).
 * Where the receiver already holds the text the file was parsed from (a worker's
 * reply, a parse cache entry found by a key of that text), the source travels
 * without it (`withoutText`): the text is most of the bytes.
 */
import type { SourceFile } from "../../../core/load/source-file.js";
import type { YamlDocument } from "../../../core/load/yaml-source.js";
import { LineIndex } from "../../../core/position.js";

/** A `SourceFile` without tree and line indexes. */
export type PortableSource = Omit<SourceFile, "lines"> & { lines?: undefined };

const EMPTY_TREE = { type: "root", children: [] } as const;

/** A copy of `source` fit for `v8.serialize` / `postMessage` (shares everything but the stripped fields). */
export function toPortable(source: SourceFile): PortableSource {
  const strip = (doc: YamlDocument): YamlDocument => ({ ...doc, lines: undefined as unknown as LineIndex });
  return {
    ...source,
    lines: undefined,
    documents: source.documents.map((d) => ({ doc: strip(d.doc), valid: d.valid })),
    markdown: source.markdown && {
      ...source.markdown,
      frontmatter: source.markdown.frontmatter && strip(source.markdown.frontmatter),
      tree: { ...EMPTY_TREE, children: [] },
    },
  };
}

/** The `SourceFile` back, with one fresh `LineIndex` shared by the file and its YAML documents. */
export function fromPortable(portable: PortableSource): SourceFile {
  const lines = new LineIndex(portable.text);
  for (const { doc } of portable.documents) doc.lines = lines;
  if (portable.markdown?.frontmatter) portable.markdown.frontmatter.lines = lines;
  return { ...portable, lines };
}

/** A `PortableSource` whose text is left out when it equals the text it was parsed from. */
export type TextlessSource = Omit<PortableSource, "text"> & { text?: string };

/** `portable` without its text, if that is `parsedFrom` (a leading BOM is dropped by the parse, so it may not be). */
export function withoutText(portable: PortableSource, parsedFrom: string): TextlessSource {
  return portable.text === parsedFrom ? { ...portable, text: undefined } : portable;
}

/** The `PortableSource` back from `withoutText`, given the same `parsedFrom`. */
export function withText(source: TextlessSource, parsedFrom: string): PortableSource {
  return { ...source, text: source.text ?? parsedFrom };
}
