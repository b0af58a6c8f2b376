"""A view as a static SVG (for print and PDF) and PNG, drawn like the interactive view.

Every piece of text from the graph is escaped for XML (and stripped of the characters XML
cannot hold); nothing from the graph becomes markup, a script or a style. Node tooltips are
SVG ``<title>`` elements; with a ``base_url`` each node links to its own view.
"""

from __future__ import annotations

import hashlib
import math
import re
from xml.sax.saxutils import escape

from claimgraph.errors import ClaimgraphError
from claimgraph.graph.views.model import (
    EDGE_STYLES,
    KIND_STYLES,
    SOURCE_COLOUR,
    SOURCE_KINDS,
    STATUS_STYLES,
    View,
    ViewNode,
)

__all__ = ["FONT", "legend_entries", "legend_icon", "to_png", "to_svg", "xml_text"]

FONT = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif"
SHAPE_RADIUS = 13.0
MARGIN = 30.0
LEGEND_WIDTH = 250.0
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: object) -> str:
    """Text safe as XML/HTML content or a double-quoted attribute value."""
    cleaned = _INVALID_XML.sub("\ufffd", str(text))
    return escape(cleaned, {'"': "&quot;", "'": "&#39;"})


def legend_entries(view: View) -> list[tuple[str, str, str]]:
    """(category, key, label) for every status, kind and edge kind the view shows."""
    statuses = {n.status or "none" for n in view.nodes if n.kind == "claim"}
    kinds = {n.kind for n in view.nodes if n.kind != "claim"}
    edges = {e.kind for e in view.edges}
    entries = [("status", key, style["label"]) for key, style in STATUS_STYLES.items()
               if key in statuses]
    entries += [("kind", key, style["label"]) for key, style in KIND_STYLES.items()
                if key in kinds]
    entries += [("edge", key, style["label"]) for key, style in EDGE_STYLES.items()
                if key in edges and style["label"]]
    return entries


def _shape(kind: str, x: float, y: float, r: float = SHAPE_RADIUS) -> str:
    """A source's shape centred on (x, y)."""
    style = KIND_STYLES.get(kind, KIND_STYLES["source"])
    hollow = style.get("dashes", False)
    fill = "#ffffff" if hollow else SOURCE_COLOUR
    paint = (f'fill="{fill}" stroke="{SOURCE_COLOUR}" stroke-width="2"'
             + (' stroke-dasharray="4 3"' if hollow else ""))
    shape = style["shape"]
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" ' \
               f'height="{2 * r:.1f}" {paint}/>'
    if shape == "diamond":
        points = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    elif shape == "triangle":
        points = [(x, y - r * 1.2), (x + r * 1.2, y + r * 0.9), (x - r * 1.2, y + r * 0.9)]
    elif shape == "hexagon":
        points = [(x + r * 1.1 * math.cos(a), y + r * 1.1 * math.sin(a))
                  for a in (math.pi / 3 * i for i in range(6))]
    else:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {paint}/>'
    text = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polygon points="{text}" {paint}/>'


def legend_icon(category: str, key: str, size: int = 18) -> str:
    """A small standalone SVG icon for a legend entry (no styles, only attributes)."""
    half = size / 2
    if category == "status":
        style = STATUS_STYLES[key]
        body = (f'<rect x="1" y="3" width="{size - 2}" height="{size - 6}" rx="2" '
                f'fill="{style["fill"]}" stroke="{style["border"]}" stroke-width="2"/>')
    elif category == "kind" and key in SOURCE_KINDS:
        body = _shape(key, half, half, r=half * 0.6)
    elif category == "kind":
        style = KIND_STYLES[key]
        dash = ' stroke-dasharray="3 2"' if style.get("dashes") else ""
        body = (f'<rect x="1" y="4" width="{size - 2}" height="{size - 8}" rx="2" '
                f'fill="{style.get("fill", "#fff")}" stroke="{style.get("border", "#777")}" '
                f'stroke-width="1.5"{dash}/>')
    else:
        style = EDGE_STYLES[key]
        dash = ' stroke-dasharray="4 3"' if style.get("dashes") else ""
        body = (f'<line x1="1" y1="{half}" x2="{size - 4}" y2="{half}" '
                f'stroke="{style["colour"]}" stroke-width="{min(style["width"], 3)}"{dash}/>'
                f'<path d="M{size - 6},{half - 4} L{size - 1},{half} L{size - 6},{half + 4} z" '
                f'fill="{style["colour"]}"/>')
    return (f'<svg class="cg-icon" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'aria-hidden="true" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def _is_box(node: ViewNode) -> bool:
    return KIND_STYLES.get(node.kind, {}).get("shape") in ("box", "ellipse")


def _clip(node: ViewNode, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the node's centre towards a point leaves the node's shape."""
    dx, dy = towards[0] - node.x, towards[1] - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    if _is_box(node):
        scale = min(node.width / 2 / abs(dx) if dx else math.inf,
                    node.height / 2 / abs(dy) if dy else math.inf)
    else:
        scale = (SHAPE_RADIUS + 4) / math.hypot(dx, dy)
    scale = min(scale, 1.0)
    return node.x + dx * scale, node.y + dy * scale


def _text_lines(lines: list[str], x: float, y: float, size: int, *, bold_first: bool = False,
                colour: str = "#111827", backdrop: bool = False) -> str:
    """Centred lines of text; with ``backdrop`` each sits on a white box (edge labels)."""
    out = []
    for index, line in enumerate(lines):
        weight = ' font-weight="700"' if bold_first and index == 0 else ""
        baseline = y + index * (size + 4)
        if backdrop:
            width = len(line) * size * 0.55 + 6
            out.append(f'<rect x="{x - width / 2:.1f}" y="{baseline - size:.1f}" '
                       f'width="{width:.1f}" height="{size + 4}" fill="#ffffff" '
                       'fill-opacity="0.9"/>')
        out.append(f'<text x="{x:.1f}" y="{baseline:.1f}" font-size="{size}" '
                   f'text-anchor="middle"{weight} fill="{colour}">{xml_text(line)}</text>')
    return "".join(out)


def _tooltip(node: ViewNode) -> str:
    parts = [node.name]
    if node.status:
        parts.append(f"Status: {STATUS_STYLES.get(node.status, STATUS_STYLES['none'])['label']}")
    if node.quote and node.kind == "claim":
        parts.append(f"“{node.quote}”")
    parts += [p for p in (node.date,) if p] + list(node.details)
    parts += [f"Why: {reason}" for reason in node.reasons]
    return "\n".join(parts)


def _node(node: ViewNode, base_url: str | None) -> str:
    lines = node.label.split("\n")
    if _is_box(node):
        if node.kind == "claim":
            style = STATUS_STYLES.get(node.status or "none", STATUS_STYLES["none"])
            fill, border, width, dash = style["fill"], style["border"], 2.5, ""
        else:
            style = KIND_STYLES.get(node.kind, KIND_STYLES["other"])
            fill, border, width = style.get("fill", "#fff"), style.get("border", "#777"), 1.5
            dash = ' stroke-dasharray="5 3"' if style.get("dashes") else ""
        shape = (f'<rect x="{node.x - node.width / 2:.1f}" y="{node.y - node.height / 2:.1f}" '
                 f'width="{node.width:.1f}" height="{node.height:.1f}" rx="5" fill="{fill}" '
                 f'stroke="{border}" stroke-width="{width}"{dash}/>')
        top = node.y - (len(lines) - 1) * 9 + 5
        text = _text_lines(lines, node.x, top, 14, bold_first=node.kind == "claim")
    else:
        shape = _shape(node.kind, node.x, node.y)
        text = _text_lines(lines, node.x, node.y + SHAPE_RADIUS + 20, 14, backdrop=True)
    group = f'<g class="node"><title>{xml_text(_tooltip(node))}</title>{shape}{text}</g>'
    if base_url is not None and node.href:
        return f'<a href="{xml_text(base_url + node.href)}" target="_top">{group}</a>'
    return group


def _edges(view: View, prefix: str) -> str:
    nodes = {n.id: n for n in view.nodes}
    lines, labels = [], []
    for edge in view.edges:
        source, target = nodes[edge.source], nodes[edge.target]
        style = EDGE_STYLES.get(edge.kind, EDGE_STYLES["other"])
        start = _clip(source, (target.x, target.y))
        end = _clip(target, (source.x, source.y))
        dash = ' stroke-dasharray="7 5"' if style.get("dashes") else ""
        lines.append(f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" '
                     f'y2="{end[1]:.1f}" stroke="{style["colour"]}" '
                     f'stroke-width="{style["width"]}"{dash} '
                     f'marker-end="url(#{prefix}-{edge.kind})"/>')
        if edge.label:
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 4
            labels.append(_text_lines([edge.label], mx, my, 12, colour=style["colour"],
                                      backdrop=True))
    return "".join(lines) + "".join(labels)


def _markers(prefix: str) -> str:
    out = []
    for kind, style in EDGE_STYLES.items():
        out.append(f'<marker id="{prefix}-{kind}" viewBox="0 0 10 10" refX="10" refY="5" '
                   f'markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" '
                   f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{style["colour"]}"/>'
                   f'</marker>')
    return "<defs>" + "".join(out) + "</defs>"


def _legend(view: View, x: float, y: float) -> str:
    out = [f'<text x="{x:.1f}" y="{y:.1f}" font-size="13" font-weight="700" '
           f'fill="#111827">Legend</text>']
    for index, (category, key, label) in enumerate(legend_entries(view)):
        row = y + 12 + index * 24
        out.append(f'<g transform="translate({x:.1f},{row:.1f})">'
                   + legend_icon(category, key).replace(' class="cg-icon"', "")
                   + f'<text x="26" y="14" font-size="12" fill="#374151">{xml_text(label)}'
                   '</text></g>')
    return "".join(out)


def to_svg(view: View, *, base_url: str | None = None) -> str:
    """The view as a standalone SVG document (UTF-8 text)."""
    prefix = "cg" + hashlib.sha1(view.spec.permalink().encode()).hexdigest()[:8]
    if view.nodes:
        left = min(n.x - n.width / 2 for n in view.nodes)
        top = min(n.y - n.height / 2 for n in view.nodes)
        right = max(n.x + n.width / 2 for n in view.nodes)
        bottom = max(n.y + n.height / 2 + (0 if _is_box(n) else 20) for n in view.nodes)
    else:
        left = top = 0.0
        right = bottom = 200.0
    legend_rows = len(legend_entries(view))
    head = 64.0
    width = right - left + 3 * MARGIN + LEGEND_WIDTH
    height = max(bottom - top, legend_rows * 24 + 30) + head + 2 * MARGIN
    shift_x, shift_y = MARGIN - left, head + MARGIN - top
    title = (f'<text x="{MARGIN}" y="30" font-size="20" font-weight="700" fill="#111827">'
             f'{xml_text(view.title[:160])}</text>'
             f'<text x="{MARGIN}" y="52" font-size="13" fill="#4b5563">'
             f'{xml_text(view.description)}</text>')
    body = (f'<g transform="translate({shift_x:.1f},{shift_y:.1f})">'
            + _edges(view, prefix)
            + "".join(_node(n, base_url) for n in view.nodes) + "</g>")
    legend = _legend(view, right - left + 2 * MARGIN, head + MARGIN)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}" role="img">'
            f'<title>{xml_text(view.title)}</title>'
            + _markers(prefix)
            + f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>'
            + title + body + legend + "</svg>\n")


def to_png(view: View, *, max_width: int = 4000) -> bytes:
    """The view's SVG rasterised with CairoSVG (at most ``max_width`` pixels wide)."""
    try:
        import cairosvg
    except OSError as error:  # the cairo C library is missing
        raise ClaimgraphError(f"PNG needs the cairo library (Debian: libcairo2): {error}") \
            from None
    svg = to_svg(view)
    width = float(re.search(r'width="(\d+)"', svg)[1])  # type: ignore[index]
    scale = min(2.0, max_width / width)
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    assert isinstance(png, bytes)
    return png
