"""HTML pages, WARC archives, feeds and URLs — the web side of ingest.

URL tests fetch from an HTTP server the test runs on 127.0.0.1; nothing else is
contacted.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import io
import socket
import threading
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens import ingest
from storylens.ingest.fetch import FetchError, Fetcher
from storylens.model import Article, InputProblem

from conftest import run_storylens

DATA = Path(__file__).parent / "data"
PAGE = (DATA / "page.html").read_bytes()


def split(items) -> tuple[list[Article], list[InputProblem]]:
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputProblem)])


# -- HTML -------------------------------------------------------------------------

def test_html_page_gives_main_text_and_metadata(tmp_path):
    [article], problems = split(ingest.read([str(DATA / "page.html")]))
    assert not problems
    assert article.title == "Glacier Rail Line Reopens After Avalanche"
    assert article.outlet == "Alpine Courier"
    assert article.author == "Marta Lindqvist"
    assert article.published == dt.date(2024, 2, 14)
    assert article.text.startswith("The narrow-gauge railway between Kessel and Obertal")
    assert "Anja Roth, the line's director" in article.text
    for debris in ("cookies", "Most read", "Ski season", "Copyright", "Privacy", "Home"):
        assert debris not in article.text
    assert "\n\n" in article.text  # paragraphs kept apart


def test_html_without_an_article_is_a_problem(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>x</title></head><body><div><p><span>")
    [], [problem] = split(ingest.read([str(path)]))
    assert problem.message == "no article text found in HTML"


# -- WARC -------------------------------------------------------------------------

def warc_bytes(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(url: str, status: str, content_type: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers))

    second = PAGE.replace(b"Glacier Rail Line Reopens", b"Valley Tunnel Opens") \
                 .replace(b"narrow-gauge railway", b"new road tunnel")
    response("https://alpinecourier.example/rail", "200 OK", "text/html; charset=utf-8", PAGE)
    response("https://alpinecourier.example/gone", "404 Not Found", "text/html", b"<p>no</p>")
    response("https://alpinecourier.example/logo.png", "200 OK", "image/png", b"\x89PNG")
    response("https://alpinecourier.example/tunnel", "200 OK", "text/html", second)
    writer.write_record(writer.create_warc_record(
        "https://alpinecourier.example/rail", "request",
        payload=io.BytesIO(b"GET /rail HTTP/1.1\r\n\r\n")))
    return buffer.getvalue()


@pytest.mark.parametrize("compress", [False, True])
def test_warc_html_responses_become_articles(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc_bytes(compress))
    articles, problems = split(ingest.read([str(path)]))
    assert not problems
    assert [a.url for a in articles] == ["https://alpinecourier.example/rail",
                                         "https://alpinecourier.example/tunnel"]
    assert all(a.extras["crawled"] for a in articles)
    assert articles[0].published == dt.date(2024, 2, 14)  # the page's date, not the crawl's


def test_truncated_warc_keeps_records_before_the_damage(tmp_path):
    data = warc_bytes(True)
    offsets = _record_offsets(data)
    tunnel_start, tunnel_end = offsets[3], offsets[4]  # the second article's record
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: (tunnel_start + tunnel_end) // 2])
    articles, problems = split(ingest.read([str(path)]))
    assert [a.url for a in articles] == ["https://alpinecourier.example/rail"]
    assert len(problems) == 1 and "truncated WARC" in problems[0].message


def _record_offsets(data: bytes) -> list[int]:
    records = ArchiveIterator(io.BytesIO(data))
    offsets = []
    for record in records:
        offsets.append(records.get_record_offset())
        record.content_stream().read()
    return offsets + [len(data)]


# -- a local HTTP server ------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Alpine Courier</title><link>{base}/</link>
<item><title>Ski Lift Fire Under Investigation</title><link>{base}/lift</link>
<guid>lift-1</guid><pubDate>Tue, 13 Feb 2024 09:00:00 +0100</pubDate>
<content:encoded><![CDATA[<p>{full}</p><p>Investigators from the canton said the cause was not yet known.</p>]]></content:encoded>
</item>
<item><title>Glacier Rail Line Reopens After Avalanche</title><link>{base}/page.html</link>
<guid>rail-1</guid><pubDate>Wed, 14 Feb 2024 07:30:00 +0100</pubDate>
<description>The railway reopened.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Wire</title>
<entry><title>Rail Line Reopens</title><link href="{base}/page.html"/><id>urn:rail</id>
<updated>2024-02-14T08:00:00Z</updated><summary>Short teaser.</summary></entry>
</feed>"""

FULL = ("A chairlift caught fire at the Hohberg ski area on Monday night, and no one was "
        "hurt because the lift had closed two hours earlier. ") * 4


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html",
             headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/page.html":
            self.send(200, PAGE)
        elif path == "/feed.xml":
            self.send(200, RSS.format(base=base, full=FULL).encode(), "application/rss+xml")
        elif path == "/atom":
            self.send(200, ATOM.format(base=base).encode(), "application/atom+xml")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/page.html" if n == 0 else f"/hop/{n - 1}"
            self.send(302, b"", headers={"Location": target})
        elif path == "/big":
            self.send(200, b"<p>" + b"x" * 300_000 + b"</p>")
        elif path == "/slow":
            time.sleep(2)
            self.send(200, PAGE)
        else:
            self.send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetcher():
    fetcher = Fetcher(allow_private=True, timeout=1.0, max_bytes=100_000, max_redirects=3)
    yield fetcher
    fetcher.close()


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address "
                                         r"\(pass --allow-private to allow\)"):
        Fetcher().get(f"{server}/page.html")


def test_redirect_to_a_private_address_is_refused(monkeypatch):
    def resolve(host, *args, **kwargs):
        address = "10.1.2.3" if host == "internal.example" else "93.184.215.14"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 80))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    fetcher = Fetcher()
    fetcher.check("http://public.example/story")  # a public address passes
    with pytest.raises(FetchError, match="10.1.2.3 is a private address"):
        fetcher.check("http://internal.example/admin")


def test_ipv4_mapped_ipv6_loopback_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::ffff:127.0.0.1", 80, 0, 0))])
    with pytest.raises(FetchError, match="loopback"):
        Fetcher().check("http://sneaky.example/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x",
                                 "javascript:alert(1)"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher(allow_private=True).get(url)


def test_limits(server, fetcher):
    assert fetcher.get(f"{server}/hop/2").url.endswith("/page.html")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get(f"{server}/hop/5")
    with pytest.raises(FetchError, match="larger than 100,000 bytes"):
        fetcher.get(f"{server}/big")
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(f"{server}/missing")
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetcher.get(f"{server}/slow")
    assert time.monotonic() - started < 1.9


def test_rss_feed_full_and_summary_only_entries(server, fetcher):
    articles, problems = split(ingest.read([f"{server}/feed.xml"], fetcher=fetcher))
    assert not problems
    lift, rail = articles
    assert lift.title == "Ski Lift Fire Under Investigation"
    assert lift.outlet == "Alpine Courier" and lift.published == dt.date(2024, 2, 13)
    assert lift.text.startswith("A chairlift caught fire") and "cause was not yet known" in lift.text
    assert lift.extras["guid"] == "lift-1"
    # The summary-only entry was completed from its page.
    assert rail.text.startswith("The narrow-gauge railway") and rail.author == "Marta Lindqvist"
    assert rail.url == f"{server}/page.html"


def test_atom_feed(server, fetcher):
    [article], problems = split(ingest.read([f"{server}/atom"], fetcher=fetcher))
    assert not problems and article.outlet == "Valley Wire"
    assert article.title == "Glacier Rail Line Reopens After Avalanche"


def test_feed_file_without_fetcher_reports_summary_only_entries(tmp_path, server):
    path = tmp_path / "feed.rss"
    path.write_text(RSS.format(base=server, full=FULL))
    articles, problems = split(ingest.read([str(path)]))
    assert [a.title for a in articles] == ["Ski Lift Fire Under Investigation"]
    assert "only a summary" in problems[0].message


def test_cli_url_ingest_needs_opt_in_for_loopback(server, tmp_path):
    db = tmp_path / "s.db"
    refused = run_storylens("ingest", f"{server}/page.html", "--db", db)
    assert refused.returncode == 1
    assert "loopback address (pass --allow-private to allow)" in refused.stderr
    allowed = run_storylens("ingest", f"{server}/feed.xml", "--db", db, "--allow-private")
    assert allowed.returncode == 0, allowed.stderr
    assert "2 article(s) ingested" in allowed.stderr
