/**
 * The site generator's API in one place, for `revbook serve`, the editor
 * extension's bundle and the tests: the build orchestration (build-site.ts),
 * the output-folder checks (out-folder.ts) and the renderer (write-site.ts).
 * Importing this module loads the renderer; `revbook build` imports
 * build-site.ts instead, which loads it only when there is something to render.
 */
export { type BuildOptions, type BuildResult, buildSite } from "./build-site.js";
export { BuildRefusal, checkOut } from "./out-folder.js";
export { MANIFEST } from "./staging-dir.js";
export { ASSETS, TEMPLATE_DIR } from "./template.js";
export {
  copyPublishedFiles,
  type RenderedSite,
  renderPlan,
  renderSite,
  type SearchInput,
  siteFiles,
  withoutClashes,
  type WriteSiteOptions,
  writeSite,
  writeSiteKeeping,
} from "./write-site.js";
