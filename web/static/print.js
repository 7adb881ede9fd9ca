// The print buttons of the document pages (ambition document, roadmap, health checks).
// A listener in a served file, not an inline onclick: the pages' Content-Security-Policy blocks
// inline handlers, which left the buttons doing nothing.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
