// The print buttons of the roadmap and the health checks (the ambition document has its own nonce script).
// A listener in a served file, not an inline onclick: the pages' Content-Security-Policy blocks
// inline handlers, which left the buttons doing nothing.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
