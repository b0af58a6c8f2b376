"""Positions for a view, computed once on the server so the browser never runs physics.

Small components get a *layered* layout that reads left to right: claims in columns by
their stances (a denial stands left of the claims it denies), each claim's sources on the
outer side of the picture, what a claim rests on or where it was reported to its right.
Large components (over :data:`LAYERED_LIMIT` nodes) get a force-directed layout
(Fruchterman-Reingold, repulsion cut off at a radius with a k-d tree, so a step costs about
O(n) rather than O(n²)). Components are then packed in rows, largest first.

Nodes carry ``kind`` (``"claim"`` or anything else), ``width`` and ``height`` (pixels).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Iterable
from typing import TypeVar

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["LAYERED_LIMIT", "Position", "layout"]

Position = tuple[float, float]
LAYERED_LIMIT = 300
"""Components with more nodes than this get the force-directed layout."""
COLUMN_GAP = 150.0
"""Horizontal room between columns, for edge labels."""
ROW_GAP = 28.0
COMPONENT_GAP = 120.0
SOURCE_KINDS = frozenset({"organisation", "person", "government", "collective", "outlet",
                          "source"})
_N = TypeVar("_N", bound=Hashable)
"""A node of the graph laid out: any hashable value (the views' nodes are IRIs)."""


def layout(graph: nx.MultiDiGraph[_N], *, seed: int = 7) -> dict[_N, Position]:
    """Centre positions of every node of ``graph``, in pixels, deterministic for a seed."""
    boxes: list[tuple[dict[_N, Position], float, float]] = []
    undirected = graph.to_undirected(as_view=True)
    components = sorted(nx.connected_components(undirected),
                        key=lambda c: (-len(c), min(str(n) for n in c)))
    for nodes in components:
        sub = graph.subgraph(nodes)
        positions = _force(sub, seed=seed) if len(nodes) > LAYERED_LIMIT else _layered(sub)
        boxes.append(_normalise(sub, positions))
    return _pack(boxes)


# ------------------------------------------------------------------------------ layered

def _size(graph: nx.MultiDiGraph[_N], node: _N) -> tuple[float, float]:
    data = graph.nodes[node]
    return float(data.get("width", 120.0)), float(data.get("height", 40.0))


def _columns(graph: nx.MultiDiGraph[_N]) -> dict[_N, int]:
    """A column for every node: claims by stance depth, the rest outwards from them."""
    claims = [n for n, data in graph.nodes(data=True) if data.get("kind") == "claim"]
    if not claims:
        return _longest_path(graph, list(graph.nodes))
    column = _longest_path(graph, claims)
    last = max(column.values())
    side: dict[_N, int] = {}
    queue: deque[_N] = deque()
    for node in sorted(graph.nodes, key=str):
        if node in column:
            continue
        neighbours = [column[c] for c in nx.all_neighbors(graph, node) if c in column]
        if not neighbours:
            continue
        kind = graph.nodes[node].get("kind")
        mean = sum(neighbours) / len(neighbours)
        left = kind in SOURCE_KINDS and (last == 0 or mean <= last / 2)
        side[node] = -1 if left else 1
        column[node] = min(neighbours) - 1 if left else max(neighbours) + 1
        queue.append(node)
    while queue:  # further out: one more column away, on the same side
        node = queue.popleft()
        for other in sorted(nx.all_neighbors(graph, node), key=str):
            if other not in column:
                side[other] = side[node]
                column[other] = column[node] + side[node]
                queue.append(other)
    for node in graph.nodes:  # not reachable from a claim (cannot happen in a component)
        column.setdefault(node, 0)
    low = min(column.values())
    return {node: value - low for node, value in column.items()}


def _longest_path(graph: nx.MultiDiGraph[_N], nodes: list[_N]) -> dict[_N, int]:
    """Column = length of the longest path of edges among ``nodes`` leading to the node."""
    sub = nx.DiGraph(graph.subgraph(nodes).edges())
    sub.add_nodes_from(nodes)
    condensed = nx.condensation(sub)
    depth: dict[int, int] = {}
    for part in nx.topological_sort(condensed):
        parents = [depth[p] + 1 for p in condensed.predecessors(part)]
        depth[part] = max(parents, default=0)
    mapping = condensed.graph["mapping"]
    return {node: depth[mapping[node]] for node in nodes}


def _layered(graph: nx.MultiDiGraph[_N]) -> dict[_N, Position]:
    column = _columns(graph)
    count = max(column.values()) + 1
    columns: list[list[_N]] = [[] for _ in range(count)]
    for node in sorted(graph.nodes, key=lambda n: (str(graph.nodes[n].get("label", "")),
                                                   str(n))):
        columns[column[node]].append(node)
    neighbours = {n: set(nx.all_neighbors(graph, n)) - {n} for n in graph.nodes}
    _order(columns, neighbours)
    widths = [max(_size(graph, n)[0] for n in nodes) if nodes else 0.0 for nodes in columns]
    xs, x = [], 0.0
    for width in widths:
        xs.append(x + width / 2)
        x += width + COLUMN_GAP
    y = _stack(graph, columns, neighbours)
    return {node: (xs[column[node]], y[node]) for node in graph.nodes}


def _order(columns: list[list[_N]], neighbours: dict[_N, set[_N]]) -> None:
    """Reorder each column by the barycentre of its neighbours (fewer crossings)."""
    def rank() -> dict[_N, float]:
        return {n: (i + 0.5) / len(nodes) for nodes in columns for i, n in enumerate(nodes)}

    for sweep in range(6):
        sequence = range(len(columns)) if sweep % 2 == 0 else range(len(columns) - 1, -1, -1)
        for index in sequence:
            where = rank()
            nodes = columns[index]

            def centre(node: _N, where: dict[_N, float] = where,
                       nodes: list[_N] = nodes) -> float:
                others = [where[o] for o in neighbours[node] if o not in nodes]
                return sum(others) / len(others) if others else where[node]

            nodes.sort(key=centre)


def _stack(graph: nx.MultiDiGraph[_N], columns: list[list[_N]],
           neighbours: dict[_N, set[_N]]) -> dict[_N, float]:
    """y of each node: stacked in its column, then pulled towards its neighbours."""
    y: dict[_N, float] = {}
    for nodes in columns:
        total = sum(_size(graph, n)[1] for n in nodes) + ROW_GAP * max(len(nodes) - 1, 0)
        top = -total / 2
        for node in nodes:
            height = _size(graph, node)[1]
            y[node] = top + height / 2
            top += height + ROW_GAP
    for _ in range(8):
        for nodes in columns:
            wanted = []
            for node in nodes:
                others = [y[o] for o in neighbours[node] if o not in nodes]
                wanted.append(sum(others) / len(others) if others else y[node])
            heights = [_size(graph, n)[1] for n in nodes]
            for node, value in zip(nodes, _separate(wanted, heights), strict=True):
                y[node] = value
    return y


def _separate(wanted: list[float], heights: list[float]) -> list[float]:
    """Positions as near ``wanted`` as keeps the order and no two boxes overlapping."""
    placed: list[float] = []
    for index, value in enumerate(wanted):
        if placed:
            lowest = placed[-1] + (heights[index - 1] + heights[index]) / 2 + ROW_GAP
            value = max(value, lowest)
        placed.append(value)
    shift = sum(w - p for w, p in zip(wanted, placed, strict=True)) / max(len(placed), 1)
    return [p + shift for p in placed]


# ------------------------------------------------------------------------------- forces

def _force(graph: nx.MultiDiGraph[_N], *, seed: int, iterations: int = 100) -> dict[
        _N, Position]:
    """Fruchterman-Reingold with a repulsion cut-off radius (grid variant of the paper)."""
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64)
    count = len(nodes)
    degree = np.maximum(np.bincount(edges.ravel(), minlength=count), 1).astype(float) ** 0.5
    spacing = float(np.mean([max(_size(graph, n)) for n in nodes])) * 1.4
    side = spacing * math.sqrt(count)
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-side / 2, side / 2, size=(count, 2))
    radius = 2 * spacing
    temperature = side / 10
    for _ in range(iterations):
        force = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(radius, output_type="ndarray")
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            square = np.maximum((delta * delta).sum(axis=1), 0.01)
            force += _scatter(pairs, delta * (spacing * spacing / square)[:, None], count)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            pull = _scatter(edges, delta * (distance / spacing / 8)[:, None], count)
            force -= pull / degree[:, None]
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 0.01)
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.95, spacing / 10)
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for node, i in index.items()}


def _scatter(pairs: np.ndarray, vectors: np.ndarray, count: int) -> np.ndarray:
    """Sum ``+vectors`` onto the first node of each pair and ``-vectors`` onto the second."""
    out = np.empty((count, 2))
    for axis in (0, 1):
        out[:, axis] = (np.bincount(pairs[:, 0], vectors[:, axis], minlength=count)
                        - np.bincount(pairs[:, 1], vectors[:, axis], minlength=count))
    return out


# ------------------------------------------------------------------------------ packing

def _normalise(graph: nx.MultiDiGraph[_N], positions: dict[_N, Position]) -> tuple[
        dict[_N, Position], float, float]:
    """Shift a component so its bounding box starts at (0, 0); return it with its size."""
    lefts, tops, rights, bottoms = [], [], [], []
    for node, (x, y) in positions.items():
        width, height = _size(graph, node)
        lefts.append(x - width / 2)
        rights.append(x + width / 2)
        tops.append(y - height / 2)
        bottoms.append(y + height / 2)
    left, top = min(lefts), min(tops)
    shifted = {node: (x - left, y - top) for node, (x, y) in positions.items()}
    return shifted, max(rights) - left, max(bottoms) - top


def _pack(boxes: Iterable[tuple[dict[_N, Position], float, float]]) -> dict[
        _N, Position]:
    """Place component boxes in rows (largest first), about 16:10 overall, centred on 0."""
    boxes = list(boxes)
    if not boxes:
        return {}
    area = sum((w + COMPONENT_GAP) * (h + COMPONENT_GAP) for _, w, h in boxes)
    row_width = max(max(w for _, w, _ in boxes), math.sqrt(area * 1.6))
    placed: dict[_N, Position] = {}
    x = y = row_height = 0.0
    for positions, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        for node, (nx_, ny) in positions.items():
            placed[node] = (nx_ + x, ny + y)
        x += width + COMPONENT_GAP
        row_height = max(row_height, height)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in placed.items()}

