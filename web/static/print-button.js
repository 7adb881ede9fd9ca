// Every button marked data-print prints the page (served as a file: the CSP allows no inline handlers).
document.querySelectorAll("button[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
