/* Draws every graph picture on the page: <div class="graph" id=X> with its data in <script id="X-data">. */
(function () {
  "use strict";
  function tooltip(html) {
    // Tooltips arrive escaped by the server; only <b>, <i> and <br> that it wrote remain markup.
    var box = document.createElement("div");
    box.innerHTML = html;
    return box;
  }
  function draw(holder) {
    var source = document.getElementById(holder.id + "-data");
    if (!source || typeof vis === "undefined") { return; }
    var picture = JSON.parse(source.textContent);
    picture.nodes.forEach(function (node) { if (node.title) { node.title = tooltip(node.title); } });
    picture.edges.forEach(function (edge) { if (edge.title) { edge.title = tooltip(edge.title); } });
    var network = new vis.Network(
      holder,
      { nodes: new vis.DataSet(picture.nodes), edges: new vis.DataSet(picture.edges) },
      picture.options
    );
    network.on("doubleClick", function (params) {
      if (params.nodes.length !== 1) { return; }
      var node = picture.nodes.find(function (n) { return n.id === params.nodes[0]; });
      if (node && node.url && node.url.charAt(0) === "/") { window.location.href = node.url; }
    });
  }
  document.querySelectorAll("div.graph").forEach(draw);
})();
