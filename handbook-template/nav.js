// revbook handbook: the small-screen menu toggle. The navigation tree folds without
// script (<details>); this only opens the sidebar on narrow screens.
(() => {
  document.documentElement.classList.add("js");
  const button = document.querySelector(".nav-toggle");
  const sidebar = document.getElementById("sidebar");
  if (!button || !sidebar) return;
  button.addEventListener("click", () => {
    const open = sidebar.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
})();
