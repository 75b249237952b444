// revbook preview (VS Code webview): clicks on handbook links open the definition or doc
// they lead to in the editor, instead of navigating the webview. Shipped in the extension.
/* global acquireVsCodeApi */
(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    const href = link.getAttribute("href") || "";
    if (href.startsWith("#")) return;
    event.preventDefault();
    vscode.postMessage({ type: "open", href: link.href });
  });
})();
