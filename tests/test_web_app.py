"""The web app without a browser: pages, API, ingest jobs and the security rules.

Runs the app in-process (starlette's TestClient) over a store of our examples plus
one hostile article (tests/data/hostile-article.md).
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import time

import httpx

import pytest
from fastapi.testclient import TestClient

from storylens.model import AnnotatedArticle, Article, Quote, Span, Story
from storylens.render.json import article_record, story_record
from storylens.store import Store
from storylens.web import create_app, serve
from storylens.web.briefs import analyse
from storylens.web.security import CONTENT_SECURITY_POLICY, BodyLimit
from storylens.web.site import MAX_UPLOAD_FILES

from conftest import EXAMPLES, STORYLENS

FIRE = "Portvale"


@pytest.fixture(scope="module")
def client(web_store) -> TestClient:
    return TestClient(create_app(web_store))


@pytest.fixture(scope="module")
def stories(web_store) -> dict[str, Story]:
    """The example stories by a word of their label."""
    with Store(web_store) as store:
        found = store.stories()
    return {word: next(s for s in found if word in s.label)
            for word in ("Portvale", "library", "script")}


def links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)


def test_stories_page_lists_newest_first_and_searches(client, stories):
    page = client.get("/stories").text
    labels = [s.label for s in (stories["script"], stories["Portvale"], stories["library"])]
    assert "Twelve hurt as fire hits Portvale port warehouse" in page
    # Newest last-published first: the hostile story (6 March) leads.
    assert page.index(f'/stories/{stories["script"].id}') < page.index(
        f'/stories/{stories["Portvale"].id}')
    assert len(labels) == 3
    library = client.get("/stories", params={"q": "library renovation"}).text
    assert links(library, "/stories/s") == [f'/stories/{stories["library"].id}']
    by_outlet = client.get("/stories", params={"outlet": "the northern ledger"}).text
    assert links(by_outlet, "/stories/s") == [f'/stories/{stories["Portvale"].id}']
    by_person = client.get("/stories", params={"person": "Varga"}).text
    assert links(by_person, "/stories/s") == [f'/stories/{stories["Portvale"].id}']
    dated = client.get("/stories", params={"since": "2025-03-06"}).text
    assert links(dated, "/stories/s") == [f'/stories/{stories["script"].id}']
    bad = client.get("/stories", params={"until": "March"})
    assert bad.status_code == 200 and "is not a date" in bad.text


def test_search_pages_through_many_stories(tmp_path):
    with Store(tmp_path / "many.db") as store:
        for n in range(45):
            article = Article(id=f"a{n:02d}", text=f"Report number {n}.", title=f"Report {n}",
                              outlet="Gazette", published=dt.date(2025, 1, 1) + dt.timedelta(n))
            store.add(AnnotatedArticle(article))
            store.save_grouping(
                [(article.id, f"s{n:02d}", b"", b"")],
                [Story(f"s{n:02d}", article.title, (article.id,),
                       first_published=article.published, last_published=article.published,
                       outlets=("Gazette",))], [])
        first, total = store.search_stories(limit=20)
        third, _ = store.search_stories(limit=20, offset=40)
        assert total == 45 and first[0].id == "s44" and [s.id for s in third] == [
            "s04", "s03", "s02", "s01", "s00"]
        assert store.search_stories(words=["NUMBER", "17."])[1] == 1  # "Report number 17."
        assert store.search_stories(words=["100%"])[1] == 0  # LIKE wildcards are literal
    client = TestClient(create_app(tmp_path / "many.db"))
    page3 = client.get("/stories", params={"page": 3}).text
    assert "page 3 of 3" in page3 and "Report 0" in page3 and "older →" not in page3


def test_story_page_shows_articles_copies_and_quotes_by_speaker(client, stories):
    page = client.get(f'/stories/{stories["Portvale"].id}').text
    for outlet in ("Harbour Daily", "The Northern Ledger", "Valley Courier"):
        assert outlet in page
    assert "one source" in page  # the wire copy is marked as one origin
    # Brenner is one story-wide speaker, linked to his page, quoted by several outlets.
    assert 'href="/speaker?name=Tomasz+Brenner"' in page
    assert {f"/articles/{a}" for a in stories["Portvale"].article_ids} <= set(
        links(page, "/articles/"))


def test_article_page_marks_annotations_and_the_cited_statement(client, stories, web_store):
    story = stories["Portvale"]
    with Store(web_store) as store:
        annotated = next(a for a in store.annotated(story.article_ids) if a.quotes)
    quote = annotated.quotes[0]
    page = client.get(f"/articles/{annotated.article.id}",
                      params={"start": quote.content.start, "end": quote.content.end}).text
    assert f'href="/stories/{story.id}"' in page
    assert 'class="cited quote"' in page and 'id="cited"' in page
    assert '<mark class="entity"' in page and 'class="quantity"' in page
    assert 'class="speaker"' in page and "/speaker?name=" in page
    out_of_range = client.get(f"/articles/{annotated.article.id}", params={"start": 0,
                                                                            "end": 10**6})
    assert out_of_range.status_code == 200 and 'id="cited"' not in out_of_range.text


def test_speaker_page_gathers_quotes_across_outlets(client):
    page = client.get("/speaker", params={"name": "Tomasz Brenner"}).text
    outlets = set(re.findall(r'class="source" href="[^"]+">([^<]+)</a>', page))
    assert {"Harbour Daily", "The Northern Ledger", "Valley Courier"} <= outlets
    assert "No quote of" in client.get("/speaker", params={"name": "Nobody Here"}).text


def test_missing_things_are_404_pages_and_json(client):
    assert client.get("/stories/nope").status_code == 404
    assert "Not found" in client.get("/articles/nope").text
    assert client.get("/api/stories/nope").json() == {"detail": "no story 'nope'"}


def test_hostile_article_is_inert_text_on_every_page(client, stories, web_store):
    story = stories["script"]
    pages = [client.get(url) for url in (
        "/stories", f"/stories/{story.id}", f"/articles/{story.article_ids[0]}",
        "/stories?q=%3Cscript%3E", "/speaker?name=%3Cscript%3Ealert(1)%3C/script%3E")]
    for response in pages:
        html = response.text
        assert response.status_code == 200
        assert "<script>window" not in html and "<img src=x" not in html
        assert "onerror=\"window" not in html and 'href="javascript:' not in html
        assert re.findall(r"<script[^>]*>", html) in ([], ['<script src="/static/app.js" defer>'])
    # The payload is shown, as text.
    assert "&lt;script&gt;window.__pwned = 1" in pages[1].text


def test_security_headers_on_pages_api_and_errors(client):
    for url in ("/stories", "/api/stories", "/nope", "/static/style.css"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_api_speaks_the_cli_json_shapes(client, stories, web_store):
    story = stories["Portvale"]
    with Store(web_store) as store:
        found = store.stories([story.id])[0]
        expected_story = story_record(found)
        expected_brief = story_record(found, analyse(found, list(store.annotated(
            found.article_ids))).analysis)
        expected_article = article_record(next(store.annotated([story.article_ids[0]])))
    listing = client.get("/api/stories", params={"q": "Eastquay"}).json()
    assert listing["total"] == 1 and listing["stories"] == [expected_story]
    document = client.get(f"/api/stories/{story.id}").json()
    assert document["stories"] == [expected_brief]
    assert document["articles"][0] == expected_article
    assert client.get(f"/api/articles/{story.article_ids[0]}").json() == {
        **expected_article, "story": story.id}
    assert client.get("/api/stories", params={"since": "soon"}).status_code == 422
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/ingest", "/api/jobs/{job_id}"} <= set(schema["paths"])
    assert not any(path.startswith(("/stories", "/ingest")) for path in schema["paths"])


def wait_for(client: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError("ingest job did not finish")


def test_ingest_job_from_upload_needs_the_token_and_reports_progress(tmp_path):
    client = TestClient(create_app(tmp_path / "new.db", token="s3cret"))
    upload = {"files": ("../../etc/harbour.md",
                        (EXAMPLES / "articles" / "harbour-daily.md").read_bytes())}
    assert client.post("/api/ingest", files=upload).status_code == 401
    assert client.post("/api/ingest", files=upload,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    started = client.post("/api/ingest", files=upload,
                          headers={"Authorization": "Bearer s3cret"})
    assert started.status_code == 202
    job = wait_for(client, started.json()["id"])
    assert job["state"] == "done" and job["added"] == 1 and len(job["stories"]) == 1
    assert job["inputs"] == ["../../etc/harbour.md"]
    assert not (tmp_path / "etc").exists()
    assert "Portvale" in client.get("/stories").text
    page = client.get(f"/jobs/{job['id']}").text
    assert "done" in page and f'/stories/{job["stories"][0]}' in page


def test_ingest_form_refuses_other_sites_and_missing_token(tmp_path):
    client = TestClient(create_app(tmp_path / "form.db", token="s3cret"))
    form = {"urls": "https://example.com/a"}
    forged = client.post("/ingest", data=form, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    no_token = client.post("/ingest", data=form)
    assert no_token.status_code == 401 and "access token" in no_token.text
    assert 'name="token"' in client.get("/ingest").text
    api = client.post("/api/ingest", data=form, headers={"Origin": "https://evil.example",
                                                          "Authorization": "Bearer s3cret"})
    assert api.status_code == 403


def test_ingest_refuses_private_urls_unless_allowed(tmp_path):
    client = TestClient(create_app(tmp_path / "urls.db"))
    started = client.post("/ingest", data={"urls": "http://127.0.0.1:9/news\nftp://x/y"})
    assert started.status_code == 400 and "not an http(s) URL" in started.text
    started = client.post("/ingest", data={"urls": "http://127.0.0.1:9/news"},
                          follow_redirects=False)
    assert started.status_code == 303
    job = wait_for(client, started.headers["location"].rsplit("/", 1)[1])
    assert job["added"] == 0 and "loopback" in " ".join(job["problems"])


def test_upload_limits(tmp_path):
    client = TestClient(create_app(tmp_path / "limits.db"))
    files = [("files", (f"a{n}.txt", b"text")) for n in range(MAX_UPLOAD_FILES + 1)]
    refused = client.post("/api/ingest", files=files)
    assert refused.status_code == 400 and "files" in refused.text.lower()
    assert client.post("/api/ingest", data={}).status_code in (400, 422)


def test_body_limit_refuses_large_and_chunked_bodies():
    async def echo(scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(len(body)).encode()})

    client = TestClient(BodyLimit(echo, max_bytes=100))
    assert client.post("/", content=b"x" * 100).text == "100"
    assert client.post("/", content=b"x" * 101).status_code == 413
    chunks = iter([b"x" * 60, b"x" * 60])  # no Content-Length: counted as it arrives
    assert client.post("/", content=chunks).status_code == 413


def test_serve_refuses_a_public_address_without_a_token(tmp_path):
    with pytest.raises(ValueError, match="--token"):
        serve(tmp_path / "x.db", host="0.0.0.0", port=0)


def test_article_page_links_the_same_fact_in_other_outlets(client, stories, web_store):
    story = stories["Portvale"]
    with Store(web_store) as store:
        brief = analyse(story, list(store.annotated(story.article_ids)))
    fact = next(f for f in brief.analysis.facts if len({s.article_id for s in f.statements}) > 1)
    here, there = fact.statements[0], next(s for s in fact.statements
                                           if s.article_id != fact.statements[0].article_id)
    page = client.get(f"/articles/{here.article_id}").text
    assert f'href="/articles/{there.article_id}?start={there.start}&amp;end={there.end}#cited"' \
        in page
    outlets = len(set(story.outlets))
    assert f"{len(story.article_ids)} articles from {outlets} outlets" in page


def test_storylens_serve_serves_the_store_and_refuses_an_open_public_address(
        web_store, run_cli):
    refused = run_cli("serve", "--db", web_store, "--host", "0.0.0.0")
    assert refused.exit_code == 1 and "--token" in refused.output
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(STORYLENS), "serve", "--db", str(web_store),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/stories", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        assert response.status_code == 200 and "Portvale" in response.text
    finally:
        server.terminate()
        server.wait(10)
