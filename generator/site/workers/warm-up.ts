/**
 * A worker's warm-up: a short doc with every construct the parser and the renderer handle,
 * parsed and rendered a few times before the real work. V8 compiles a hot function with the
 * types it has seen so far; a large function like the converter's `blocks`, first compiled
 * before a table or a footnote came along, was thrown away and compiled again each time a new
 * construct reached it (in a cold build of GitLab's handbook, `blocks` and `inline` about ten
 * times each per worker). Seeing every construct first, most of the compiling happens once:
 * the corpus build's compiles went 1,853 → 1,716 and its deoptimizations 469 → 403.
 */
import { serialize } from "node:v8";
import { parseSourceFile, type SourceFile } from "../../../core/load/source-file.js";
import { toPortable, withoutText } from "../cache/portable-source.js";
import type { SiteContext } from "../context.js";
import { renderMarkdownTree } from "../markdown-to-html.js";

const FILE = "handbook/revbook-warm-up.md";
const ROUNDS = 20;

/** Links, images and raw HTML point nowhere in the workspace: warming up reads no file. */
const SAMPLE = `---
title: Warm-up
description: "Every construct once"
weight: 3
tags: [a, b]
draft: false
---
# Title

Text with *emphasis*, **strong**, ~~strike~~, \`code\`, a [link](../x.md#y "t"), a [ref][r],
a [shortcut], ![image](https://example.com/a.png), <https://example.com>, www.example.com,
me@example.com, https://example.com/z, stage:mql, &amp; an entity, \\* an escape,
<kbd>raw</kbd> HTML, <!-- a comment --> and a break<br>
a hard break  
and a line.

## Heading

> A quote with *emphasis*
> - and a list

- item
- [ ] task
- [x] done
  1. nested
  2. ordered

3. starting at three
4. next

| a | b | c |
|:--|:-:|--:|
| 1 | **2** | \`3\` |
| x | [y](z) |

\`\`\`js
const x = 1;
\`\`\`

    indented code

<details>
<summary>More</summary>

Inside *details*.

</details>

***

::stages{pipeline="lifecycle"}

Setext heading
--------------

[r]: https://example.com/r "Ref"
[shortcut]: https://example.com/s
`;

/** Footnotes (a page with raw HTML and footnotes is rendered another way: they get a sample of their own). */
const FOOTNOTES = `---
title: Footnotes
---
A footnote[^1] and *another*[^n].

[^1]: The footnote.
[^n]: With a [link](https://example.com).
`;

/** Parses the samples (and serializes the parses, as replies do) a few times; returns the last parses. */
export function warmUpParser(): SourceFile[] {
  let sources: SourceFile[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    sources = [SAMPLE, FOOTNOTES].map((text) => {
      const source = parseSourceFile(FILE, "markdown", { text }, true);
      serialize(withoutText(toPortable(source), text));
      return source;
    });
  }
  return sources;
}

/** Renders the samples' trees with the build's context a few times. */
export function warmUpRenderer(ctx: SiteContext, sources: readonly SourceFile[]): void {
  for (let i = 0; i < ROUNDS; i++) {
    for (const source of sources) {
      if (source.markdown) {
        serialize(renderMarkdownTree(ctx, source.markdown.tree, { file: FILE, dropFirstH1: true }));
      }
    }
  }
}
