"""The vocabulary reference of docs/vocabulary.md, generated from ontology/*.ttl.

Sections and their order follow the banners of ``ontology/claimgraph.ttl``; what each term
says (label, comment, domain, range, super-terms) and what the SHACL shapes of
``ontology/shapes.ttl`` require come from the parsed RDF. cog runs it (``make docs``), and
``cog --check`` in the test suite fails when the Turtle changes and the page was not
regenerated.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SH, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "claimgraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CG = Namespace("https://w3id.org/claimgraph/ns#")
PREFIXES = {
    "cg": str(CG), "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#", "rdfs": str(RDFS), "rdf": str(RDF), "owl": str(OWL),
    "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/", "source": "https://w3id.org/claimgraph/id/source/",
}


def compact(node: Node) -> str:
    """``cg:Claim`` for an IRI in a known namespace, ``<iri>`` otherwise, a literal's text."""
    if isinstance(node, Literal):
        return str(node)
    for prefix, iri in PREFIXES.items():
        if str(node).startswith(iri):
            return f"{prefix}:{str(node)[len(iri):]}"
    return f"<{node}>"


def anchor(term: Node, *, heading: bool) -> str:
    """The fragment GitHub gives the heading ``### cg:Claim`` (``cgclaim``); terms listed in
    tables get ``cg-claimant``, so ``cg:role`` and ``cg:Role`` do not collide."""
    text = compact(term).lower()
    return re.sub(r"[^a-z0-9_-]", "", text if heading else text.replace(":", "-"))


def _link(term: Node, defined: dict[Node, str]) -> str:
    return f"[{compact(term)}](#{defined[term]})" if term in defined else f"`{compact(term)}`"


def sections(text: str) -> list[tuple[str, list[str]]]:
    """(banner, cg: local names defined under it), in the order of the Turtle file."""
    found: list[tuple[str, list[str]]] = [("Ontology", [])]
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if (line.startswith("# ") and 0 < number < len(lines) - 1
                and lines[number - 1].startswith("####") and lines[number + 1].startswith("####")):
            found.append((line[2:].strip(), []))
        elif match := re.match(r"cg:(\w+)\s+a\s", line):
            found[-1][1].append(match[1])
    return [(title, names) for title, names in found if names]


def _text(graph: Graph, term: Node, predicate: URIRef) -> str:
    value = graph.value(term, predicate)
    return " ".join(str(value).split()) if value is not None else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _constraint(shapes: Graph, prop: Node, defined: dict[Node, str]) -> tuple[str, str]:
    """(count, what a value must be) for one sh:property of a shape."""
    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    count = {(None, None): "any", (None, 1): "at most 1", (1, 1): "exactly 1",
             (1, None): "at least 1"}.get((low and int(low), high and int(high)),
                                          f"{low or 0}..{high or 'n'}")
    must: list[str] = []
    if (qualified := shapes.value(prop, SH.qualifiedValueShape)) is not None:
        count = {(1, 1): "exactly 1"}.get(
            (int(shapes.value(prop, SH.qualifiedMinCount) or 0),
             int(shapes.value(prop, SH.qualifiedMaxCount) or 0)), count)
        must.append(f"a {_link(shapes.value(qualified, SH['class']), defined)}")
    for key, words in ((SH["class"], "a"), (SH.datatype, "a"), (SH.node, "shaped as")):
        if (value := shapes.value(prop, key)) is not None:
            shown = _link(shapes.value(value, SH["class"]) or value, defined)
            must.append(f"{words} {shown}")
    if shapes.value(prop, SH.nodeKind) == SH.IRI:
        must.append("an IRI")
    if (listed := shapes.value(prop, SH["in"])) is not None:
        must.append("one of " + ", ".join(compact(v) for v in Collection(shapes, listed)))
    for key, words in ((SH.minInclusive, ">="), (SH.minLength, "length >="),
                       (SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
        if (value := shapes.value(prop, key)) is not None:
            must.append(f"{words} {compact(value)}")
    text = "; ".join(must)
    if (message := shapes.value(prop, SH.message)) is not None:
        text += f' — else: "{message}"'
    return count, text


def _path(shapes: Graph, path: Node) -> str:
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return " \\| ".join(f"`{compact(p)}`" for p in Collection(shapes, alternatives))
    return f"`{compact(path)}`"


def _shape_rows(shapes: Graph, cls: Node, defined: dict[Node, str]) -> list[str]:
    rows: list[str] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, cls))
                        | set(shapes.subjects(SH["class"], cls)), key=str):
        if (shape, RDF.type, SH.NodeShape) not in shapes:
            continue
        props = sorted(shapes.objects(shape, SH.property),
                       key=lambda p: _path(shapes, shapes.value(p, SH.path)))
        for prop in props:
            count, must = _constraint(shapes, prop, defined)
            rows.append(f"| {_path(shapes, shapes.value(prop, SH.path))} | {count} | "
                        f"{_cell(must)} |")
        for sparql in sorted(shapes.objects(shape, SH.sparql), key=str):
            rows.append(f"| (SPARQL check) | | {_cell(_text(shapes, sparql, SH.message))} |")
    return rows


def _shape_table(shapes: Graph, cls: Node, defined: dict[Node, str]) -> list[str]:
    rows = _shape_rows(shapes, cls, defined)
    if not rows:
        return []
    return ["", "Checked on every load (`ontology/shapes.ttl`):", "",
            "| path | how many | each value must be |", "|---|---|---|", *rows]


def _inherited(vocab: Graph, prop: Node, key: URIRef) -> Node | None:
    """The domain or range of ``prop``, else of the nearest super-property that has one."""
    for term in vocab.transitive_objects(prop, RDFS.subPropertyOf):
        if (value := vocab.value(term, key)) is not None:
            return value
    return None


def reference() -> str:
    """The Markdown reference of every class, property and named individual of cg:."""
    vocab = Graph().parse(ONTOLOGY)
    shapes = Graph().parse(SHAPES)
    classes = set(vocab.subjects(RDF.type, OWL.Class))
    properties = set(vocab.subjects(RDF.type, OWL.ObjectProperty)) | set(
        vocab.subjects(RDF.type, OWL.DatatypeProperty))
    defined = {s: anchor(s, heading=s in classes) for s in vocab.subjects()
               if isinstance(s, URIRef) and str(s).startswith(CG)}
    placed = [(title, [CG[name] for name in names])
              for title, names in sections(ONTOLOGY.read_text(encoding="utf-8"))]
    missing = set(defined) - {term for _, terms in placed for term in terms}
    if missing:
        placed.append(("Other terms", sorted(missing, key=str)))
    out: list[str] = []
    for title, terms in placed:
        out += ["", f"## {title}"]
        for cls in (t for t in terms if t in classes):
            out += ["", f"### {compact(cls)}", "",
                    f"**{_text(vocab, cls, RDFS.label)}**: {_text(vocab, cls, RDFS.comment)}"]
            facts = []
            if supers := sorted(vocab.objects(cls, RDFS.subClassOf), key=str):
                facts.append("subclass of " + ", ".join(_link(s, defined) for s in supers))
            if subs := sorted(vocab.subjects(RDFS.subClassOf, cls), key=str):
                facts.append("subclasses " + ", ".join(_link(s, defined) for s in subs))
            if used := sorted(vocab.subjects(RDFS.domain, cls), key=str):
                facts.append("properties " + ", ".join(_link(p, defined) for p in used))
            if instances := sorted(vocab.subjects(RDF.type, cls), key=str):
                facts.append("values " + ", ".join(_link(i, defined) for i in instances))
            out += [""] + [f"- {fact}" for fact in facts]
            out += _shape_table(shapes, cls, defined)
        props = [t for t in terms if t in properties]
        if props:
            out += ["", "| property | from → to | meaning |", "|---|---|---|"]
        for prop in props:
            kinds = ["symmetric"] if (prop, RDF.type, OWL.SymmetricProperty) in vocab else []
            kinds += [f"sub-property of {_link(s, defined)}"
                      for s in sorted(vocab.objects(prop, RDFS.subPropertyOf), key=str)]
            domain, range_ = _inherited(vocab, prop, RDFS.domain), _inherited(vocab, prop,
                                                                                 RDFS.range)
            ends = (f"{_link(domain, defined) if domain else 'any'} → "
                    f"{_link(range_, defined) if range_ else 'any'}")
            extra = f" ({'; '.join(kinds)})" if kinds else ""
            out.append(f'| <a id="{defined[prop]}"></a>`{compact(prop)}` | {ends} | '
                       f"**{_text(vocab, prop, RDFS.label)}**: "
                       f"{_cell(_text(vocab, prop, RDFS.comment))}{extra} |")
        others = [t for t in terms if t not in classes and t not in properties]
        if others:
            out += ["", "| value | is a | meaning |", "|---|---|---|"]
        for term in others:
            kind = ", ".join(_link(t, defined) for t in sorted(vocab.objects(term, RDF.type),
                                                               key=str))
            notes = [f"notation `{n}`" for n in vocab.objects(term, URIRef(
                PREFIXES["skos"] + "notation"))]
            notes += [f"precedence {p}" for p in vocab.objects(term, CG.precedence)]
            extra = f" ({', '.join(notes)})" if notes else ""
            out.append(f'| <a id="{defined[term]}"></a>`{compact(term)}` | {kind} | '
                       f"**{_text(vocab, term, RDFS.label)}**: "
                       f"{_cell(_text(vocab, term, RDFS.comment))}{extra} |")
    reused = sorted({c for c in set(shapes.objects(None, SH.targetClass))
                     if c not in defined}, key=str)
    out += ["", "## Shapes of reused classes", "",
            "Classes of other vocabularies that the graph uses, as the shapes check them."]
    for cls in reused:
        out += ["", f"### {compact(cls)}", *_shape_table(shapes, cls, defined)]
    return "\n".join(out[1:]) + "\n"


def _label(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return text.replace('"', "#quot;")


def chain_diagram(ntriples: str, facts_csv: str) -> str:
    """A Mermaid flowchart of a CONSTRUCT result: ``ntriples`` are the edges, ``facts_csv``
    (columns node, type, label, id) names and types the nodes. Edges are listed breadth
    first from the subject of ``cg:claimant``, so the claim comes first."""
    graph = Graph().parse(data=ntriples, format="nt")
    facts = {row["node"]: row for row in csv.DictReader(io.StringIO(facts_csv))}
    ids: dict[Node, str] = {}
    lines = ["flowchart LR"]

    def node(term: Node) -> str:
        if term not in ids:
            ids[term] = f"n{len(ids)}"
            if isinstance(term, Literal):
                lines.append(f'  {ids[term]}(["{_label(str(term))}"])')
            else:
                row = facts.get(str(term), {})
                name = row.get("id") or row.get("label") or "…/" + str(term).rsplit("/", 1)[-1]
                kind = compact(URIRef(row["type"])) if row.get("type") else ""
                lines.append(f'  {ids[term]}["{_label(name)}<br/><i>{kind}</i>"]')
        return ids[term]

    edges = sorted(graph, key=lambda t: tuple(map(str, t)))
    queue = sorted(set(graph.subjects(CG.claimant, None)), key=str)
    seen: set[Node] = set(queue)
    while queue:
        current = queue.pop(0)
        touching = [e for e in edges if e[0] == current] + [e for e in edges if e[2] == current]
        for s, p, o in touching:
            edges.remove((s, p, o))
            lines.append(f'  {node(s)} -- "{compact(p)}" --> {node(o)}')
            for term in (s, o):
                if term not in seen and not isinstance(term, Literal):
                    seen.add(term)
                    queue.append(term)
    for s, p, o in edges:  # anything not connected to the claim
        lines.append(f'  {node(s)} -- "{compact(p)}" --> {node(o)}')
    return "\n".join(lines) + "\n"


FACTS = """SELECT ?node ?type ?label ?id WHERE {
  VALUES ?node { %s }
  OPTIONAL { ?node a ?type .
             FILTER (STRSTARTS(STR(?type), STR(cg:)) || STRSTARTS(STR(?type), STR(oa:))) }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node a ?idType ; dcterms:identifier ?id . VALUES ?idType { cg:Claim cg:Article } }
}"""


def diagram(query: str) -> str:
    """The Mermaid block of a CONSTRUCT query file's result over the docs' store."""
    import cogtools  # only under cog: it runs the real command line

    ntriples = cogtools.output(f"claimgraph query --format ntriples {query}")
    nodes = sorted({t.n3() for triple in Graph().parse(data=ntriples, format="nt")
                    for t in triple if isinstance(t, URIRef)})
    facts = cogtools.output("claimgraph query --format csv -", stdin=FACTS % " ".join(nodes))
    return "```mermaid\n" + chain_diagram(ntriples, facts) + "```\n"
