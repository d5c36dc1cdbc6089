/* The interactive drawing of one relation graph (kg/linked/templates/graph.html).
 * Reads the graph as networkx node-link JSON from the URL in #graph-config, draws it with
 * Cytoscape (zoom, pan), colours nodes by type, sizes them by a centrality, finds a node by
 * its label, and opens a node's linked-data page when it is clicked. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graph-config").textContent);
  var container = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  var messages = config.messages;

  /* A message of the page's language, with {name} filled in. */
  function say(key, values) {
    return messages[key].replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  /* The page of a node: a path on this server for IRIs minted here, whatever host and port
   * serve it; other web IRIs as they are; nothing for other schemes. */
  function href(iri) {
    if (iri.indexOf(config.base) === 0) {
      return config.root + "/" + iri.slice(config.base.length);
    }
    return /^https?:\/\//.test(iri) ? iri : "";
  }

  function elements(data) {
    var found = [];
    data.nodes.forEach(function (n) {
      found.push({
        group: "nodes",
        data: {
          id: n.id,
          label: n.label,
          type: n.type,
          href: href(n.iri),
          colour: config.colours[n.type] || "#7f7f7f",
          degree_centrality: n.degree_centrality || 0,
          betweenness: n.betweenness || 0,
          size: 0
        }
      });
    });
    data.edges.forEach(function (e, i) {
      found.push({
        group: "edges",
        data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight || 1 }
      });
    });
    return found;
  }

  function sizeBy(cy, measure) {
    var most = 0;
    cy.nodes().forEach(function (n) { most = Math.max(most, n.data(measure)); });
    cy.nodes().forEach(function (n) { n.data("size", most > 0 ? n.data(measure) / most : 0); });
  }

  /* Labels that do not overlap: the largest nodes keep theirs, a label that would cover
   * one already kept is hidden (shown on hover). Labels scale with the drawing, so what
   * overlaps does not change with the zoom. */
  function declutter(cy) {
    cy.nodes().removeClass("unlabelled");
    var kept = [];
    var nodes = cy.nodes().sort(function (a, b) { return b.data("size") - a.data("size"); });
    nodes.forEach(function (n) {
      var box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      var clash = kept.some(function (k) {
        return box.x1 < k.x2 && k.x1 < box.x2 && box.y1 < k.y2 && k.y1 < box.y2;
      });
      if (clash) {
        n.addClass("unlabelled");
      } else if (box.w > 0) {
        kept.push(box);
      }
    });
    container.dataset.labelled = String(kept.length);
  }

  function draw(data) {
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            "label": "data(label)",
            "font-size": 10,
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-wrap": "ellipsis",
            "text-max-width": "140px",
            "text-background-color": "#fff",
            "text-background-opacity": 0.7,
            "width": "mapData(size, 0, 1, 14, 48)",
            "height": "mapData(size, 0, 1, 14, 48)"
          }
        },
        {
          selector: "edge",
          style: {
            "line-color": "#999",
            "opacity": 0.5,
            "width": "mapData(weight, 1, 10, 1, 6)",
            "curve-style": "haystack"
          }
        },
        /* a label that would cover another's is shown on hover, or when its node is found */
        { selector: "node.unlabelled", style: { "label": "" } },
        {
          selector: "node.hover, node.found",
          style: { "label": "data(label)", "z-index": 20, "text-background-opacity": 0.95 }
        },
        { selector: ".faded", style: { "opacity": 0.15 } },
        {
          selector: "node.found",
          style: { "border-width": 4, "border-color": "#000", "font-weight": "bold", "z-index": 10 }
        }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true }
    });
    var measure = document.getElementById("graph-size");
    sizeBy(cy, measure.value);
    cy.style().update();
    declutter(cy);
    measure.addEventListener("change", function () {
      sizeBy(cy, measure.value);
      cy.style().update();
      declutter(cy);
    });
    cy.on("tap", "node", function (event) {
      var target = event.target.data("href");
      if (target) {
        window.location.assign(target);
      }
    });
    cy.on("mouseover", "node", function (event) {
      event.target.addClass("hover");
      container.title = event.target.data("label") + " (" + event.target.data("type") + ")";
      container.style.cursor = event.target.data("href") ? "pointer" : "default";
    });
    cy.on("mouseout", "node", function (event) {
      event.target.removeClass("hover");
      container.title = "";
      container.style.cursor = "default";
    });
    document.getElementById("graph-fit").addEventListener("click", function () {
      cy.elements().removeClass("faded found");
      cy.fit(undefined, 30);
    });
    document.getElementById("graph-search").addEventListener("submit", function (event) {
      event.preventDefault();
      find(cy, document.getElementById("graph-find").value);
    });
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.ready = "true";
    status.textContent = say("summary", { nodes: cy.nodes().length, edges: cy.edges().length });
    window.kgGraph = cy;
  }

  function find(cy, text) {
    var wanted = text.trim().toLocaleLowerCase("da");
    cy.elements().removeClass("faded found");
    if (!wanted) {
      status.textContent = "";
      return;
    }
    var hits = cy.nodes().filter(function (n) {
      return n.data("label").toLocaleLowerCase("da").indexOf(wanted) !== -1;
    });
    if (hits.length === 0) {
      status.textContent = say("none", { text: text });
      return;
    }
    cy.elements().not(hits.closedNeighborhood()).addClass("faded");
    hits.addClass("found");
    cy.animate({ center: { eles: hits }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    status.textContent = say("found", {
      n: hits.length,
      labels: hits.map(function (n) { return n.data("label"); }).join(", ")
    });
  }

  fetch(config.data, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(say("failed", { status: response.status }));
      }
      return response.json();
    })
    .then(draw)
    .catch(function (error) {
      status.textContent = String(error.message || error);
    });
})();
