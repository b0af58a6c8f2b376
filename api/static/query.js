// The query page: run the editor's SPARQL against POST /sparql and draw the answer as a table.
// Every value from the graph goes into the page with textContent, never as HTML.
"use strict";

(function () {
  const MAX_ROWS = 2000;
  // One request for every query form: SELECT and ASK answer in SPARQL JSON,
  // CONSTRUCT and DESCRIBE in N-Triples (the server picks by the query's form).
  const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
  const EXPLAIN = {
    400: "The query was not accepted",
    403: "The server refused this query",
    406: "The server cannot answer in a format this page reads",
    413: "The query or its result is too large",
    503: "The query took too long or the store is unavailable",
  };

  const data = JSON.parse(document.getElementById("page-data").textContent);
  const prefixes = Object.entries(data.prefixes).sort((a, b) => b[1].length - a[1].length);
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const output = document.getElementById("output");

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    return node;
  }

  function compact(iri) {
    for (const [prefix, namespace] of prefixes) {
      const local = iri.slice(namespace.length);
      if (iri.startsWith(namespace) && /^[\w.-]*$/.test(local)) return prefix + ":" + local;
    }
    return "<" + iri + ">";
  }

  // A cell for one RDF term {type, value, datatype, lang}; null for an unbound variable.
  function termCell(term) {
    const cell = element("td");
    if (!term) {
      cell.className = "unbound";
      return cell;
    }
    if (term.type === "uri" || term.type === "iri") {
      cell.textContent = compact(term.value);
      cell.title = term.value;
      // A full IRI may break anywhere; a prefixed name such as cg:status stays whole.
      cell.className = cell.textContent.startsWith("<") ? "iri full" : "iri";
    } else if (term.type === "bnode") {
      cell.textContent = "_:" + term.value;
      cell.className = "bnode";
    } else if (term.type === "triple") {
      const part = (t) => (t.type === "uri" ? compact(t.value) : JSON.stringify(t.value));
      const v = term.value;
      cell.textContent = "<< " + [v.subject, v.predicate, v.object].map(part).join(" ") + " >>";
    } else {
      cell.textContent = term.value;
      if (term.value.length > 60) cell.className = "long"; // a quote gets room to be read
      if (term.lang) cell.title = "language: " + term.lang;
      else if (term.datatype) cell.title = "datatype: " + compact(term.datatype);
    }
    return cell;
  }

  function table(columns, rows, total) {
    const wrapper = element("div", null, { class: "table-wrap" });
    const result = element("table");
    // The status line already counts the rows: the caption shows only when rows are left out.
    const cut = total > rows.length;
    const caption = cut ? `Showing the first ${rows.length} of ${total} rows`
      : `${total} ${total === 1 ? "row" : "rows"}`;
    result.appendChild(element("caption", caption, cut ? {} : { class: "visually-hidden" }));
    const headRow = element("tr");
    for (const name of columns) headRow.appendChild(element("th", name, { scope: "col" }));
    result.appendChild(element("thead")).appendChild(headRow);
    const body = result.appendChild(element("tbody"));
    for (const row of rows) {
      const tr = body.appendChild(element("tr"));
      for (const term of row) tr.appendChild(termCell(term));
    }
    wrapper.appendChild(result);
    return wrapper;
  }

  // N-Triples, one triple per line, into [subject, predicate, object] terms.
  const TERM = /\s*(?:<([^<>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>|@([A-Za-z0-9-]+))?)/y;

  function unescape(text) {
    return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (all, u4, u8, c) => {
      if (u4 || u8) return String.fromCodePoint(parseInt(u4 || u8, 16));
      return { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f" }[c] || c;
    });
  }

  function parseNTriples(text) {
    const triples = [];
    text.split("\n").forEach((line, index) => {
      if (!line.trim() || line.trim().startsWith("#")) return;
      const terms = [];
      TERM.lastIndex = 0;
      for (let i = 0; i < 3; i++) {
        const m = TERM.exec(line);
        if (!m) throw new Error(`cannot read line ${index + 1} of the result: ${line}`);
        if (m[1] !== undefined) terms.push({ type: "uri", value: unescape(m[1]) });
        else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
        else terms.push({ type: "literal", value: unescape(m[3]), datatype: m[4], lang: m[5] });
      }
      triples.push(terms);
    });
    return triples;
  }

  function showError(heading, message) {
    errorBox.replaceChildren(element("p", heading, { class: "error-heading" }));
    if (message) errorBox.appendChild(element("pre", message));
  }

  async function errorMessage(response) {
    const text = (await response.text()).trim();
    if ((response.headers.get("content-type") || "").includes("json")) {
      try {
        const detail = JSON.parse(text).detail;
        if (typeof detail === "string") return detail;
      } catch (ignored) {
        // not JSON after all: show the text as it came
      }
    }
    return text;
  }

  async function render(response) {
    const type = (response.headers.get("content-type") || "").split(";")[0].trim();
    if (type === "application/sparql-results+json") {
      const json = await response.json();
      if ("boolean" in json) {
        const answer = element("p", json.boolean ? "yes" : "no", { class: "boolean" });
        output.replaceChildren(answer);
        return json.boolean ? "ASK: yes" : "ASK: no";
      }
      const columns = json.head.vars;
      const bindings = json.results.bindings;
      const rows = bindings.slice(0, MAX_ROWS).map((b) => columns.map((name) => {
        const term = b[name];
        return term && { ...term, lang: term["xml:lang"] };
      }));
      output.replaceChildren(table(columns, rows, bindings.length));
      return `${bindings.length} ${bindings.length === 1 ? "row" : "rows"}`;
    }
    if (type === "application/n-triples") {
      const triples = parseNTriples(await response.text());
      output.replaceChildren(table(["subject", "predicate", "object"],
        triples.slice(0, MAX_ROWS), triples.length));
      return `${triples.length} ${triples.length === 1 ? "triple" : "triples"}`;
    }
    throw new Error(`the server answered in ${type || "an unknown format"}, which this page cannot show`);
  }

  async function run() {
    if (runButton.disabled) return;
    runButton.disabled = true;
    output.setAttribute("aria-busy", "true");
    errorBox.replaceChildren();
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: ACCEPT },
        body: editor.value,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        const message = await errorMessage(response);
        output.replaceChildren();
        status.textContent = `Failed after ${seconds} s.`;
        const why = EXPLAIN[response.status] || "The query failed";
        showError(`${why} (${response.status} ${response.statusText}):`, message);
        return;
      }
      const summary = await render(response);
      status.textContent = `${summary} in ${seconds} s.`;
    } catch (error) {
      output.replaceChildren();
      status.textContent = "Failed.";
      showError("The page could not run the query:", String(error.message || error));
    } finally {
      runButton.disabled = false;
      output.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  // Draw: a CONSTRUCT query opens as a graph view (its URL is the permalink).
  document.getElementById("draw").addEventListener("click", () => {
    const text = editor.value;
    const bare = text.replace(/#[^\n]*/g, "").replace(/<[^<>\s]*>/g, "")
      .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, "");
    if (!/\bCONSTRUCT\b/i.test(bare)) {
      showError("Only a CONSTRUCT query can be drawn",
        "Write a CONSTRUCT query (its triples become the graph), or run this one as a table.");
      return;
    }
    window.location.assign("/views/construct?query=" + encodeURIComponent(text));
  });
  const chooser = document.getElementById("example");
  const chosen = () => data.examples.find((e) => e.name === chooser.value);
  chooser.addEventListener("change", () => {
    document.getElementById("example-description").textContent = chosen()?.description || "";
  });
  document.getElementById("load-example").addEventListener("click", () => {
    const example = chosen();
    if (!example) return;
    editor.value = example.text;
    editor.focus();
    // Show the question itself, just below the PREFIX lines, with the caret at its start.
    const start = example.text.match(/^(?:PREFIX[^\n]*\n)*\n?/)[0].length;
    editor.setSelectionRange(start, start);
    const lines = example.text.slice(0, start).split("\n").length - 1;
    editor.scrollTop = lines * parseFloat(getComputedStyle(editor).lineHeight);
    status.textContent = `Loaded the example "${example.title}". Run it with Ctrl+Enter.`;
  });
})();
