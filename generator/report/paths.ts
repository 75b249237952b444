/**
 * Paths as reports print them: workspace-relative with `/` separators, with the
 * `--path-prefix` folder in front (duplicate slashes, `.` segments and leading `/` dropped).
 */

/** Tidies a path: `/` separators only, no empty or `.` segments, no leading or trailing `/`. */
function tidy(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

/** Returns a function that maps a workspace-relative file to the path a report prints. */
export function reportPathMapper(pathPrefix: string | undefined): (file: string) => string {
  // A prefix typed on Windows may use backslashes; workspace paths already use `/`.
  const prefix = tidy((pathPrefix ?? "").replace(/\\/g, "/"));
  if (prefix === "") return (file) => tidy(file);
  return (file) => tidy(`${prefix}/${file}`);
}
