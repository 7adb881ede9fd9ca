// The writing forms: type-ahead pick lists (Tom Select, served from web/static/vendor) and one
// reason field per linked focus area. Loaded with <script src>; no inline handlers (CSP).
(function () {
  "use strict";

  function pickLists() {
    if (typeof TomSelect === "undefined") { return; }
    document.querySelectorAll("select.pick").forEach(function (select) {
      var multiple = select.multiple;
      var form = select.form || document.body;
      var words = { none: form.getAttribute("data-no-results") || "", remove: form.getAttribute("data-remove") || "" };
      new TomSelect(select, {
        plugins: multiple ? { remove_button: { title: words.remove } } : { clear_button: { title: words.remove } },
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = words.none;  // in the page's language, not the library's English
            return div;
          }
        },
        maxOptions: null,
        allowEmptyOption: !multiple,
        hideSelected: multiple,
        closeAfterSelect: !multiple,
        lockOptgroupOrder: true,
        setFirstOptionActive: true  // Enter takes the first match of what was typed
      });
    });
  }

  function optionText(select, value) {
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    return option ? option.text : value;
  }

  function reasonRows() {
    document.querySelectorAll("fieldset.reasons[data-reasons-for]").forEach(function (box) {
      var select = document.getElementById(box.getAttribute("data-reasons-for"));
      var rows = box.querySelector(".reason-rows");
      if (!select || !rows) { return; }
      var ask = box.getAttribute("data-reason-label");
      var sync = function () {
        var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; })
          .map(function (o) { return o.value; });
        var kept = {};
        rows.querySelectorAll("p.reason").forEach(function (row) { kept[row.getAttribute("data-target")] = row; });
        chosen.forEach(function (target) {
          var row = kept[target];
          if (!row) {
            row = document.createElement("p");
            row.className = "reason";
            row.setAttribute("data-target", target);
            var label = document.createElement("label");
            label.htmlFor = "f-reasons-" + target;
            label.textContent = ask + " " + optionText(select, target);
            var text = document.createElement("textarea");
            text.id = "f-reasons-" + target;
            text.name = "reasons." + target;
            text.rows = 2;
            row.appendChild(label);
            row.appendChild(text);
          }
          rows.appendChild(row);
          delete kept[target];
        });
        Object.keys(kept).forEach(function (target) { kept[target].remove(); });
      };
      select.addEventListener("change", sync);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    pickLists();
    reasonRows();
  });
})();
