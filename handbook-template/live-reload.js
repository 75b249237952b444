// revbook serve: reloads the page when the handbook has been rebuilt. Served and
// injected only by `revbook serve` (never part of a published site); it listens on
// the server-sent events stream next to this script.
(() => {
  const script = document.currentScript;
  const here = script instanceof HTMLScriptElement ? script.src : "/__revbook/live-reload.js";
  const events = new EventSource(new URL("events", here).href);
  events.addEventListener("reload", () => {
    location.reload();
  });
})();
