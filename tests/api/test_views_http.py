"""Graph views over HTTP on a real server: permalinks, renderings, oEmbed, errors."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import httpx

from .conftest import LiveServer

CONTESTED = "/views/contested"


def test_each_rendering_of_a_view(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        page = client.get(CONTESTED)
        assert page.status_code == 200 and "script-src 'self'" in page.headers[
            "content-security-policy"]
        assert "<script>" not in page.text  # only our script files run on the page
        embed = client.get(CONTESTED + "/embed")
        assert embed.status_code == 200 and 'http-equiv="Content-Security-Policy"' in embed.text
        assert not re.search(r'(src|href)="https?://(?!127\.0\.0\.1)', embed.text)
        snippet = client.get(CONTESTED + "/snippet")
        assert snippet.text.startswith('<div class="claimgraph-embed" id="cg-contested-')
        svg = client.get(CONTESTED + "/svg")
        assert svg.headers["content-type"] == "image/svg+xml" and "<svg" in svg.text
        png = client.get(CONTESTED + "/png")
        assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
        data = client.get(CONTESTED + "/json?status=contested").json()
        assert data["permalink"] == CONTESTED + "?status=contested"
        assert {n["status"] for n in data["nodes"] if n["kind"] == "claim"} == {"contested"}
        home = client.get("/").text
        for path in ("/views/contested", "/views/graph", "/views/article/idlib-offensive-2019",
                     "/views/claim/", "/views/source/", "/views"):
            assert f'href="{path}' in home, path
        index = client.get("/views").text
        assert 'href="/views/source/snhr"' in index and 'href="/views/claim/' in index


def test_errors_are_clear(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        assert client.get("/views/source/nobody").status_code == 404
        assert client.get("/views/claim/idlib-offensive-2019/nothing/svg").status_code == 404
        assert client.get(CONTESTED + "/pdf").status_code == 422  # not a rendering we make
        bad = client.get("/views/source/Bad%20Id")
        assert bad.status_code == 400 and "not a valid source id" in bad.text
        assert client.get(CONTESTED + "?status=maybe").status_code == 400
        select = client.get("/views/construct?query=" + quote("SELECT * WHERE { ?s ?p ?o }"))
        assert select.status_code == 400
        service = client.get("/views/construct?query=" + quote(
            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"))
        assert service.status_code == 403


def test_oembed_by_url_with_discovery(live_server: LiveServer) -> None:
    url = live_server.url + "/views/claim/idlib-offensive-2019/hrw-cluster-munitions"
    with httpx.Client(base_url=live_server.url) as client:
        page = client.get(url).text
        link = re.search(r'<link rel="alternate" type="application/json\+oembed" '
                         r'href="([^"]+)"', page)
        assert link is not None
        answer = client.get(unescape(link[1]))
        assert answer.status_code == 200
        data = answer.json()
        assert data["type"] == "rich" and data["version"] == "1.0"
        assert data["title"].startswith("Claim: Human Rights Watch says")
        assert f'src="{url}/embed"' in data["html"] and 'sandbox="allow-scripts' in data["html"]
        small = client.get("/oembed", params={"url": url, "maxwidth": 400,
                                              "maxheight": 300}).json()
        assert (small["width"], small["height"]) == (400, 300)
        assert 'width="400" height="300"' in small["html"]
        assert client.get("/oembed", params={"url": url, "format": "xml"}).status_code == 501
        assert client.get("/oembed", params={"url": "https://example.org/views/graph"}
                          ).status_code == 404
        assert client.get("/oembed", params={"url": live_server.url + "/sparql"}
                          ).status_code == 404


def test_the_timeline_of_a_measure(live_server: LiveServer) -> None:
    path, of = "/views/timeline/killed", "?population=civilians"
    with httpx.Client(base_url=live_server.url) as client:
        page = client.get(path + of)
        assert page.status_code == 200 and "Timeline: civilians killed" in page.text
        data = client.get(path + "/json" + of).json()
        claims = {n["id"].rsplit("/", 1)[1] for n in data["nodes"] if n["kind"] == "claim"}
        assert claims == {"lead-casualties", "snhr-civilians-killed"}
        assert [n["label"] for n in data["nodes"] if n["kind"] == "day"] == ["2019-07-06"]
        svg = client.get(path + "/svg" + of)
        assert svg.status_code == 200 and "<svg" in svg.text
        assert f'href="{path}{of}"' in client.get("/views").text
        assert client.get("/views/timeline/no-such-measure").status_code == 404
        assert client.get("/views/timeline/Bad%20Id").status_code == 400
