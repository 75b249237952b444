/**
 * Where the site's CSS and scripts come from (the repository's
 * handbook-template/) and which of them a build copies into `assets/`. Kept
 * apart from the renderer: a warm build hashes these files without loading it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The handbook template folder (compiled code runs from dist/generator/site/). */
export const TEMPLATE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../handbook-template",
);

/** The template files every site gets under `assets/`. */
export const ASSETS: readonly string[] = ["site.css", "search.js", "nav.js"];
