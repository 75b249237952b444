/**
 * Turns a page `revbook build` renders into the preview webview's HTML: the
 * site's Content-Security-Policy is replaced by the webview's (nothing by
 * default; styles, images and fonts from the extension only; scripts only with
 * this render's nonce), the handbook's menu script and the preview's link
 * handler — both files of the extension — get the nonce, the search script is
 * dropped (it needs the site's search index), and any other script stays
 * inert. No `vscode` import: tested outside the editor.
 */

/** Rewrites a generated page for the webview: our CSP, nonces on the extension's own scripts, the link handler. */
export function toWebviewHtml(
  page: string,
  options: { cspSource: string; nonce: string; assetBase: string; previewScript: string },
): string {
  const { cspSource, nonce, assetBase, previewScript } = options;
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const escapedBase = assetBase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  // The policy goes first in <head> whatever the page carried (a page without one still gets it).
  const withoutCsp = page.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, "");
  const head = /<head[^>]*>/i.exec(withoutCsp);
  const secured = head
    ? `${withoutCsp.slice(0, head.index + head[0].length)}\n${meta}${withoutCsp.slice(head.index + head[0].length)}`
    : `${meta}\n${withoutCsp}`;
  return secured
    .replace(new RegExp(`<script src="${escapedBase}assets/search\\.js" defer></script>\\n?`), "")
    .replace(
      new RegExp(`<script src="(${escapedBase}assets/nav\\.js)" defer></script>`),
      `<script nonce="${nonce}" src="$1" defer></script>`,
    )
    .replace("</head>", `<script nonce="${nonce}" src="${previewScript}" defer></script>\n</head>`);
}
