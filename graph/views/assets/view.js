// claimgraph graph views: draws every <script type="application/json" class="claimgraph-data">
// block of the page into its own container with vis-network, at the positions the server
// computed (no physics). Text from the graph only ever reaches the page via textContent.
"use strict";

(function () {
  const FACE = 'system-ui, -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif';
  const registry = (window.claimgraphViews = window.claimgraphViews || {});

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function visNode(node, styles) {
    const kind = styles.kinds[node.kind] || styles.kinds.other;
    const out = { id: node.id, label: node.label, x: node.x, y: node.y, shape: kind.shape,
                  font: { face: FACE, size: 14, color: "#111827" }, borderWidth: 1.5 };
    if (node.kind === "claim") {
      const status = styles.statuses[node.status] || styles.statuses.none;
      out.color = { background: status.fill, border: status.border,
                    highlight: { background: status.fill, border: "#111827" },
                    hover: { background: status.fill, border: "#111827" } };
      out.borderWidth = 2.5;
      out.margin = 10;
      out.font.bold = { face: FACE, size: 14, color: "#111827" };
    } else if (kind.shape === "box" || kind.shape === "ellipse") {
      out.color = { background: kind.fill, border: kind.border,
                    highlight: { background: kind.fill, border: "#111827" },
                    hover: { background: kind.fill, border: "#111827" } };
      out.margin = 8;
      if (kind.dashes) out.shapeProperties = { borderDashes: [5, 3] };
    } else {
      const fill = kind.dashes ? "#ffffff" : styles.sourceColour;
      out.size = 13;
      out.borderWidth = 2;
      out.color = { background: fill, border: styles.sourceColour,
                    highlight: { background: fill, border: "#111827" },
                    hover: { background: fill, border: "#111827" } };
      out.font.strokeWidth = 4;
      out.font.strokeColor = "#ffffff";
      if (kind.dashes) out.shapeProperties = { borderDashes: [4, 3] };
    }
    return out;
  }

  function visEdge(edge, index, styles) {
    const style = styles.edges[edge.kind] || styles.edges.other;
    return { id: "e" + index, from: edge.source, to: edge.target, label: edge.label || undefined,
             arrows: { to: { enabled: true, scaleFactor: 0.6 } }, width: style.width,
             dashes: style.dashes ? [7, 5] : false, smooth: false,
             color: { color: style.colour, highlight: "#111827", hover: style.colour },
             font: { face: FACE, size: 12, color: style.colour, strokeWidth: 4,
                     strokeColor: "#ffffff", align: "middle" } };
  }

  // The same rule as claimgraph.graph.views.model.apply_filters.
  function keptNodes(data, filters) {
    const claims = data.nodes.filter((n) => n.kind === "claim");
    const active = filters.status.length || filters.source || filters.from || filters.to;
    if (!active || !claims.length) return new Set(data.nodes.map((n) => n.id));
    const sourceIri = "https://w3id.org/claimgraph/id/source/" + filters.source;
    const passes = (n) =>
      (!filters.status.length || filters.status.includes(n.status || "none")) &&
      (!filters.source || (n.sources || []).includes(sourceIri)) &&
      (!filters.from || (n.day_to || "9999") >= filters.from) &&
      (!filters.to || (n.day_from || "0000") <= filters.to);
    const kept = new Set(claims.filter(passes).map((n) => n.id));
    const dropped = new Set(claims.filter((n) => !kept.has(n.id)).map((n) => n.id));
    const neighbours = new Map(data.nodes.map((n) => [n.id, []]));
    for (const e of data.edges) {
      neighbours.get(e.source).push(e.target);
      neighbours.get(e.target).push(e.source);
    }
    const queue = Array.from(kept);
    while (queue.length) {
      for (const other of neighbours.get(queue.pop())) {
        if (!kept.has(other) && !dropped.has(other)) {
          kept.add(other);
          queue.push(other);
        }
      }
    }
    return kept;
  }

  function init(block) {
    const data = JSON.parse(block.textContent);
    const root = document.getElementById(data.container);
    if (!root || registry[data.container]) return;
    const styles = data.styles;
    const byId = new Map(data.nodes.map((n) => [n.id, n]));
    const big = data.nodes.length > 1000;
    const nodes = new vis.DataSet(data.nodes.map((n) => visNode(n, styles)));
    const edges = new vis.DataSet(data.edges.map((e, i) => visEdge(e, i, styles)));
    const canvas = root.querySelector(".cg-canvas");
    const network = new vis.Network(canvas, { nodes: nodes, edges: edges }, {
      autoResize: true,
      physics: false,
      layout: { improvedLayout: false, randomSeed: 1 },
      interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                     tooltipDelay: 3600000, multiselect: false, keyboard: false },
      nodes: { chosen: true },
      edges: { smooth: false, selectionWidth: 1.5 },
    });
    const state = { network: network, nodes: nodes, edges: edges, data: data, drawnAt: null,
                    visible: data.nodes.length, visibleEdges: data.edges.length };
    registry[data.container] = state;

    function fit(ids) {
      network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
      if (network.getScale() > 1.25) network.moveTo({ scale: 1.25, animation: false });
    }
    network.once("afterDrawing", function () {
      state.drawnAt = performance.now();
      root.setAttribute("data-drawn", "true");
    });
    fit(undefined);
    // An embed can be drawn before it has its final size (a lazy iframe, a hidden tab): fit
    // again whenever the canvas is resized, until the reader has moved or zoomed the view.
    let moved = false;
    network.on("dragStart", function () { moved = true; });
    network.on("zoom", function () { moved = true; });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (!moved) fit(undefined); }).observe(canvas);
    }

    // ---- tooltip: built with textContent only
    const tip = root.querySelector(".cg-tip");
    function showTip(id, pointer) {
      const node = byId.get(id);
      if (!node) return;
      tip.replaceChildren();
      const name = element("p", "cg-tip-name");
      if (node.kind === "claim") {
        const status = styles.statuses[node.status] || styles.statuses.none;
        const badge = element("span", "cg-badge", status.label);
        badge.style.background = status.fill;
        badge.style.borderColor = status.border;
        badge.style.color = status.border;
        name.appendChild(badge);
      }
      name.appendChild(document.createTextNode(node.name));
      tip.appendChild(name);
      if (node.quote) tip.appendChild(element("p", "cg-quote", "“" + node.quote + "”"));
      if (node.date) tip.appendChild(element("p", "cg-date", node.date));
      for (const line of node.details || []) tip.appendChild(element("p", "cg-detail", line));
      if ((node.reasons || []).length) {
        tip.appendChild(element("p", "cg-why-head", "Why " + (styles.statuses[node.status] ||
          styles.statuses.none).label + ":"));
        for (const reason of node.reasons) tip.appendChild(element("p", "cg-why", reason));
      }
      if (node.href && data.base !== null) {
        tip.appendChild(element("p", "cg-hint", "Click to open its own view"));
      }
      const box = canvas.getBoundingClientRect();
      const x = Math.min(pointer.x + 14, Math.max(box.width - 340, 0));
      tip.style.left = x + "px";
      tip.style.top = (pointer.y + 14 + canvas.offsetTop) + "px";
      tip.classList.add("cg-shown");
    }
    const hideTip = () => tip.classList.remove("cg-shown");
    network.on("hoverNode", (p) => showTip(p.node, p.pointer.DOM));
    network.on("blurNode", hideTip);
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);

    // ---- clicking a node opens its own view
    network.on("click", function (p) {
      if (p.nodes.length !== 1) return;
      const node = byId.get(p.nodes[0]);
      if (!node || !node.href || data.base === null) return;
      const link = data.base + node.href;
      if (data.mode === "page") window.location.assign(link);
      else window.open(link, "_blank", "noopener");
    });

    // ---- search
    const search = root.querySelector(".cg-search");
    const found = root.querySelector(".cg-found");
    let hidden = new Set();
    if (search) {
      search.addEventListener("input", function () {
        const query = search.value.trim().toLowerCase();
        if (!query) {
          network.unselectAll();
          found.textContent = "";
          return;
        }
        const ids = data.nodes.filter((n) => !hidden.has(n.id) &&
          (n.name.toLowerCase().includes(query) ||
           (n.quote || "").toLowerCase().includes(query))).map((n) => n.id);
        network.selectNodes(ids, false);
        found.textContent = ids.length === 1 ? "1 match" : ids.length + " matches";
        if (ids.length) fit(ids);
      });
    }

    // ---- filters: status, source, dates; mirrored in the address and the export links
    const controls = root.querySelector(".cg-filters");
    const count = root.querySelector(".cg-count");
    function current() {
      const boxes = Array.from(root.querySelectorAll(".cg-status-filter input"));
      const checked = boxes.filter((b) => b.checked).map((b) => b.value);
      const source = root.querySelector(".cg-source-filter");
      const from = root.querySelector(".cg-from");
      const to = root.querySelector(".cg-to");
      return { status: checked.length === boxes.length ? [] : checked,
               source: source ? source.value : "", from: from ? from.value : "",
               to: to ? to.value : "" };
    }
    function params(filters) {
      const out = new URLSearchParams();
      if (data.query) out.append("query", data.query);
      for (const s of filters.status) out.append("status", s);
      if (filters.source) out.append("source", filters.source);
      if (filters.from) out.append("from", filters.from);
      if (filters.to) out.append("to", filters.to);
      const text = out.toString();
      return text ? "?" + text : "";
    }
    function apply(updateAddress) {
      const filters = current();
      const kept = keptNodes(data, filters);
      hidden = new Set(data.nodes.filter((n) => !kept.has(n.id)).map((n) => n.id));
      nodes.update(data.nodes.map((n) => ({ id: n.id, hidden: hidden.has(n.id) })));
      state.visible = kept.size;
      state.visibleEdges = data.edges.filter((e) => kept.has(e.source) &&
                                                    kept.has(e.target)).length;
      if (count) count.textContent = state.visible + " nodes, " + state.visibleEdges + " edges";
      const query = params(filters);
      for (const link of root.querySelectorAll("a[data-export]")) {
        link.href = link.getAttribute("data-export") + query;
      }
      const code = root.querySelector(".cg-embed-code");
      if (code) code.value = code.getAttribute("data-template").replace("{query}", query);
      if (updateAddress && data.mode === "page") {
        window.history.replaceState(null, "", window.location.pathname + query);
      }
    }
    if (controls) {
      for (const box of root.querySelectorAll(".cg-status-filter input")) {
        box.addEventListener("change", function () {
          if (!root.querySelector(".cg-status-filter input:checked")) box.checked = true;
          apply(true);
        });
      }
      for (const input of root.querySelectorAll(".cg-source-filter, .cg-from, .cg-to")) {
        input.addEventListener("change", () => apply(true));
      }
      apply(false);
    }
  }

  for (const block of document.querySelectorAll('script[type="application/json"].claimgraph-data')) {
    init(block);
  }
})();
