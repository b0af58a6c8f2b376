"""A view as HTML: a page served with our own assets, a self-contained document, a fragment.

We use pyvis for what it does well, the vis-network script it ships
(``pyvis/templates/lib/vis-9.1.2/vis-network.min.js``), and own the rest: the markup, the
escaping, the data and the layout. The view's data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``
escapes, so no text from the graph can close the block; ``view.js`` reads it and builds
every tooltip with ``textContent``. Every container id is unique, and every style rule is
scoped to ``.cg-view``.

- :func:`page_html` is the page at ``/views/...``: scripts and styles from our own URLs.
- :func:`document_html` is a whole document with everything inline and a Content Security
  Policy that lets only its own scripts run (by hash) and fetch nothing: the ``/embed``
  target of an iframe, and the ``.html`` a snippet saves.
- :func:`fragment_html` is an ``<iframe srcdoc>`` holding that document in a uniquely named
  ``<div>``: paste it into any page or notebook; its styles cannot leak out, the host's
  cannot leak in, and its script runs in a sandbox with no access to the host page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from claimgraph.graph.views.model import STATUS_STYLES, View
from claimgraph.graph.views.svg import legend_entries, legend_icon

__all__ = [
    "VIS_CSS",
    "VIS_JS",
    "asset_text",
    "container_id",
    "document_html",
    "fragment_html",
    "json_for_script",
    "page_html",
]

VIS_JS = ("pyvis", "templates/lib/vis-9.1.2/vis-network.min.js")
VIS_CSS = ("pyvis", "templates/lib/vis-9.1.2/vis-network.css")
OWN_ASSETS = ("claimgraph.graph.views", "assets")


@cache
def asset_text(name: str) -> str:
    """``vis-network.min.js`` (from the installed pyvis), ``view.js`` or ``view.css``."""
    if name == "vis-network.min.js":
        package, path = VIS_JS
    elif name == "vis-network.css":
        package, path = VIS_CSS
    else:
        package, path = OWN_ASSETS[0], f"{OWN_ASSETS[1]}/{name}"
    text = resources.files(package).joinpath(*path.split("/")).read_bytes().decode("utf-8")
    # As an HTML parser does: inline scripts are hashed (CSP) as the browser will read them.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def json_for_script(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">`` and any inline script: no raw
    ``<``, ``>`` or ``&`` (so no ``</script>`` or ``<!--``), and no raw U+2028 or U+2029 (line
    terminators to older JavaScript parsers). The one helper for every page that embeds
    data, views and the query page alike."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def container_id(view: View) -> str:
    """A fresh, unique container id: two embeds of the same view still differ."""
    digest = hashlib.sha1(view.spec.permalink().encode()).hexdigest()[:6]
    return f"cg-{view.spec.kind}-{digest}-{secrets.token_hex(4)}"


def _data(view: View, container: str, mode: str, base: str | None) -> str:
    data = view.to_json()
    data.update({"container": container, "mode": mode, "base": base,
                 "query": view.spec.query if view.spec.kind == "construct" else None})
    return json_for_script(data)


def _legend(view: View, *, open_at_start: bool = True) -> str:
    items = "".join(f"<li>{legend_icon(category, key)}<span>{escape(label)}</span></li>"
                    for category, key, label in legend_entries(view))
    opened = " open" if open_at_start else ""
    return (f'<details class="cg-legend"{opened}><summary>Legend</summary><ul>{items}</ul>'
            "</details>")


def _filters(view: View, initial: View | None = None) -> str:
    """Search and filter controls, set to the filters of ``initial`` (default ``view``)."""
    filters = (initial or view).spec.filters
    statuses = [key for key in STATUS_STYLES
                if any(n.kind == "claim" and (n.status or "none") == key for n in view.nodes)]
    boxes = "".join(
        f'<label><input type="checkbox" value="{escape(key)}"'
        f'{" checked" if not filters.statuses or key in filters.statuses else ""}>'
        f'{escape(STATUS_STYLES[key]["label"])}</label>' for key in statuses)
    sources = sorted({(n.name, n.id.rsplit("/", 1)[-1]) for n in view.nodes
                      if n.href and n.href.startswith("/views/source/")})
    options = '<option value="">any source</option>' + "".join(
        f'<option value="{escape(ident)}"{" selected" if ident == filters.source else ""}>'
        f"{escape(name)}</option>" for name, ident in sources)
    days = sorted({d for n in view.nodes for d in (n.day_from, n.day_to) if d})
    low, high = (days[0], days[-1]) if days else ("", "")
    since = filters.since.isoformat() if filters.since else ""
    until = filters.until.isoformat() if filters.until else ""
    return (
        '<div class="cg-bar">'
        '<label>Search <input type="search" class="cg-search" placeholder="name or quote" '
        'aria-label="Search the graph"></label><span class="cg-found" aria-live="polite">'
        "</span>"
        '<span class="cg-filters">'
        + (f'<fieldset class="cg-status-filter"><legend>Status</legend>{boxes}</fieldset>'
           if statuses else "")
        + (f'<label>Source <select class="cg-source-filter">{options}</select></label>'
           if sources else "")
        + (f'<label>From <input type="date" class="cg-from" value="{escape(since)}" '
           f'min="{escape(low)}" max="{escape(high)}"></label>'
           f'<label>to <input type="date" class="cg-to" value="{escape(until)}" '
           f'min="{escape(low)}" max="{escape(high)}"></label>' if days else "")
        + '</span><span class="cg-count" aria-live="polite">'
        f"{len(view.nodes)} nodes, {len(view.edges)} edges</span></div>")


def _body(view: View, *, container: str, mode: str, base: str | None, head: str,
          foot: str = "", initial: View | None = None) -> str:
    extra = " cg-embed" if mode == "embed" else ""
    return (f'<div class="cg-view{extra}" id="{escape(container)}" '
            f'data-nodes="{len(view.nodes)}" data-edges="{len(view.edges)}">'
            f"{head}{_filters(view, initial)}"
            '<div class="cg-main"><div class="cg-canvas" tabindex="0" role="img" '
            f'aria-label="{escape(view.title)}"></div>'
            # In a small embed the open legend would cover nodes: it starts folded there.
            f"{_legend(view, open_at_start=mode != 'embed')}"
            '<div class="cg-tip" role="tooltip"></div></div>'
            f"{foot}"
            f'<script type="application/json" class="claimgraph-data">'
            f"{_data(view, container, mode, base)}</script></div>")


def page_html(view: View, *, root: str = "", oembed_url: str | None = None,
              embed_code: str | None = None, initial: View | None = None) -> str:
    """The interactive page of a view, using our asset URLs under ``root``/views/assets.

    ``view`` is drawn in full; ``initial`` (the same view, filtered) sets the filter
    controls, so a permalink with filters opens filtered and can be unfiltered.
    """
    container = container_id(view)
    assets = f"{escape(root)}/views/assets"
    spec = (initial or view).spec
    exports = "".join(
        f'<a data-export="{escape(root + view.spec.path + suffix)}" '
        f'href="{escape(root + spec.permalink(suffix.lstrip("/")))}">{label}</a>'
        for suffix, label in (("", "Permalink"), ("/svg", "SVG"), ("/png", "PNG"),
                              ("/embed", "Embed page"), ("/json", "JSON")))
    code = ""
    if embed_code is not None:  # "{query}" in it stands for the filters' query string
        params = spec.permalink().partition("?")[2]
        shown = embed_code.replace("{query}", f"?{params}" if params else "")
        code = ('<details><summary>Embed code</summary><textarea class="cg-embed-code" '
                f'rows="3" readonly data-template="{escape(embed_code)}" '
                f'aria-label="Embed code">{escape(shown)}</textarea></details>')
    head = (f'<div class="cg-head"><a class="cg-home" href="{escape(root)}/">claimgraph</a>'
            f'<h1>{escape(view.title)}</h1><p>{escape(view.description)}</p></div>')
    foot = f'<div class="cg-foot">{exports}{code}</div>'
    oembed = (f'<link rel="alternate" type="application/json+oembed" '
              f'href="{escape(oembed_url)}" title="{escape(view.title)}">' if oembed_url else "")
    return f"""<!doctype html>
<html lang="en" class="cg-document"><head><meta charset="utf-8">
<title>{escape(view.title)} · claimgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="{escape(root)}/static/favicon.svg" type="image/svg+xml">
{oembed}
<link rel="stylesheet" href="{assets}/view.css">
<script src="{assets}/vis-network.min.js" defer></script>
<script src="{assets}/view.js" defer></script>
</head><body>
{_body(view, container=container, mode="page", base=root, head=head, foot=foot,
       initial=initial)}
</body></html>
"""


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def document_html(view: View, *, base_url: str | None = None) -> str:
    """A self-contained document: vis-network, our script and styles inline; no requests.

    With ``base_url`` (the server's address) the title links to the view and a click on a
    node opens that node's view there, in a new tab.
    """
    container = container_id(view)
    vis_js, view_js = asset_text("vis-network.min.js"), asset_text("view.js")
    policy = ("default-src 'none'; "
              f"script-src {_hash(vis_js)} {_hash(view_js)}; "
              "style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
              "connect-src 'none'; base-uri 'none'; form-action 'none'")
    title = escape(view.title)
    if base_url is not None:
        link = escape(base_url + view.spec.permalink())
        heading = (f'<a class="cg-title cg-home" href="{link}" target="_blank" '
                   f'rel="noopener">{title}</a>')
    else:
        heading = f'<span class="cg-title">{title}</span>'
    head = f'<div class="cg-head">{heading}<p>{escape(view.description)}</p></div>'
    body = _body(view, container=container, mode="embed", base=base_url, head=head)
    return f"""<!doctype html>
<html lang="en" class="cg-document"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<title>{title} · claimgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>{asset_text("view.css")}</style>
</head><body>
{body}
<script>{vis_js}</script>
<script>{view_js}</script>
</body></html>
"""


def fragment_html(view: View, *, base_url: str | None = None, width: int | None = None,
                  height: int = 600) -> str:
    """An HTML fragment to paste into a page or notebook: a uniquely named ``<div>`` with a
    sandboxed ``<iframe srcdoc>`` holding :func:`document_html`."""
    container = container_id(view) + "-embed"
    size = f"width:{width}px;max-width:100%" if width else "width:100%"
    document = document_html(view, base_url=base_url)
    return (f'<div class="claimgraph-embed" id="{escape(container)}">'
            f'<iframe title="{escape(view.title)}" srcdoc="{escape(document, quote=True)}" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            f'style="{size};height:{int(height)}px;border:1px solid #e5e7eb;border-radius:6px" '
            'loading="lazy"></iframe></div>')
