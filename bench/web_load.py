"""Load on the web app: many concurrent readers of story pages over a large store.

Builds (or reuses) a store of N synthetic stories, three articles each from
different outlets, with sentences, a named speaker, a quote, a quantity and a date
annotated, saved through the store's normal methods (the NLP is not what is
measured here). Serves it with uvicorn on 127.0.0.1, warms the app's analysis cache
on the stories read (the newest N: analysing a story takes the brief's NLP, which
the cache keeps out of serving), then runs C concurrent clients (asyncio + httpx), each reading
random story pages back to back for S seconds over its own keep-alive connection,
and prints requests/s, latency
percentiles and errors.

Usage: python bench/web_load.py [--stories 10000] [--clients 200] [--seconds 30]
                                [--workers 1] [--read 200] [--client raw|httpx]
                                [--db FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from storylens.model import (AnnotatedArticle, Article, NamedEntity, Quantity, Quote, Span,
                             Story, TimeExpression)
from storylens.store import Store

OUTLETS = ["Harbour Daily", "The Northern Ledger", "Valley Courier", "Coastal Tribune",
           "Metro Observer", "The Evening Post", "Capital Wire", "Riverside Gazette",
           "The Daily Chronicle", "Lakeside Herald", "Summit News", "The Morning Star"]
FIRST = ["Elena", "Tomasz", "Amadou", "Sofia", "Daniel", "Hanna", "Marek", "Aiko", "Lucia",
         "Omar", "Ingrid", "Rafael"]
LAST = ["Varga", "Brenner", "Sall", "Marchetti", "Okoro", "Byrne", "Novak", "Tanaka",
        "Rossi", "Haddad", "Larsen", "Costa"]
PLACES = ["Portvale", "Millbrook", "Eastquay", "Northfield", "Ashford", "Kingsbridge",
          "Westmoor", "Redcliff", "Stonehaven", "Brightwater"]
EVENTS = ["fire at a warehouse", "flood on the main road", "strike at the port",
          "closure of the library", "opening of a bridge", "vote on the budget",
          "storm damage to the pier", "merger of two hospitals"]


class Writer:
    """Text built piece by piece, remembering where each piece landed."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> Span:
        self.parts.append(text)
        self.length += len(text)
        return Span(self.length - len(text), self.length)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_article(rng: random.Random, story: int, n: int, outlet: str, date: dt.date,
                      event: str, place: str, person: str) -> AnnotatedArticle:
    """One article of a story, with its annotations' offsets exact."""
    w, sentences = Writer(), []
    count = rng.randint(3, 400)
    start = w.length
    w.add(f"A {event} in ")
    w.add(place)
    w.add(" left ")
    number = w.add(f"{count} people")
    w.add(" affected on ")
    when = w.add(date.strftime("%A"))
    w.add(", officials said.")
    sentences.append(Span(start, w.length))
    w.add("\n\n")
    start = w.length
    said = w.add(f"\"We are doing everything we can for the people of {place},\"")
    w.add(" ")
    source = w.add(person)
    w.add(" said on the scene.")
    sentences.append(Span(start, w.length))
    for k in range(rng.randint(3, 6)):
        w.add("\n\n")
        start = w.length
        w.add(f"Report {k + 1} from {outlet} on story {story}: residents of {place} described "
              f"the {event} and its aftermath, and local services said more details "
              f"would follow in the coming days.")
        sentences.append(Span(start, w.length))
    article = Article(id=f"bench-{story:05d}-{n}", text=w.text,
                      title=f"{event.capitalize()} in {place} ({story})", outlet=outlet,
                      published=date, url=f"https://news.example/{story}/{n}")
    return AnnotatedArticle(
        article, sentences=tuple(sentences),
        named_entities=(NamedEntity(person, "PERSON", (source,)),),
        quotes=(Quote(said, "direct", source=source, speaker=person),),
        quantities=(Quantity(number.start, number.end, w.text[number.start:number.end],
                             float(count), "people"),),
        times=(TimeExpression(when.start, when.end, date.strftime("%A"), date, "day"),))


def build_store(path: Path, stories: int) -> None:
    """N stories of three articles each, saved as ingest and grouping save them."""
    rng = random.Random(7)
    first_day = dt.date(2024, 1, 1)
    started = time.perf_counter()
    with Store(path) as store:
        for story in range(stories):
            date = first_day + dt.timedelta(days=story * 730 // stories)
            event, place = rng.choice(EVENTS), rng.choice(PLACES)
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            outlets = rng.sample(OUTLETS, 3)
            articles = [synthetic_article(rng, story, n, outlet, date, event, place, person)
                        for n, outlet in enumerate(outlets)]
            for annotated in articles:
                store.add(annotated)
            ids = tuple(a.article.id for a in articles)
            store.save_grouping(
                [(article_id, f"bench{story:05d}", b"", b"") for article_id in ids],
                [Story(f"bench{story:05d}", articles[0].article.title, ids,
                       first_published=date, last_published=date,
                       outlets=tuple(sorted(outlets)))], [])
    print(f"built {stories:,} stories in {time.perf_counter() - started:.0f} s: {path}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int, workers: int, cache: int) -> subprocess.Popen:
    env = {**os.environ, "STORYLENS_DB": str(db), "STORYLENS_CACHE_SIZE": str(cache)}
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "storylens.web.app:app_from_environment",
         "--factory", "--host", "127.0.0.1", "--port", str(port), "--workers",
         str(workers), "--log-level", "warning", "--no-access-log"], env=env)


async def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/api/stories")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not start")


async def warm(base: str, story_ids: list[str], workers: int) -> float:
    """Request every story page (several times with several workers, which each keep
    their own cache), 16 at a time; returns the seconds it took."""
    started = time.perf_counter()
    queue = [sid for sid in story_ids for _ in range(2 * workers if workers > 1 else 1)]
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        async def worker():
            while queue:
                await client.get(f"/stories/{queue.pop()}")
        await asyncio.gather(*(worker() for _ in range(16)))
    return time.perf_counter() - started


async def get_raw(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                  path: str) -> tuple[int, bytes]:
    """One HTTP/1.1 keep-alive GET on an open connection: (status, body)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    return status, await reader.readexactly(length)


async def load(base: str, story_ids: list[str], clients: int, seconds: float,
               client_kind: str = "raw") -> tuple[list[float], int, float]:
    """`clients` readers of random story pages, back to back, for `seconds`.

    Each reader has its own keep-alive connection, opened before the clock starts.
    The "raw" client writes HTTP/1.1 by hand on asyncio streams, so the readers cost
    little CPU next to the server on a small machine; "httpx" uses httpx.AsyncClient
    (about 10x the client CPU per request here).
    """
    latencies: list[float] = []
    errors = 0
    host = base.split("://", 1)[1]
    address, port = host.rsplit(":", 1)
    if client_kind == "httpx":
        connections = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(clients)]
    else:
        connections = [await asyncio.open_connection(address, int(port))
                       for _ in range(clients)]
    started = time.perf_counter()
    stop = started + seconds

    async def fetch(connection, path: str) -> bool:
        if client_kind == "httpx":
            response = await connection.get(path)
            return response.status_code == 200 and b"</html>" in response.content
        status, body = await get_raw(*connection, host, path)
        return status == 200 and b"</html>" in body

    async def reader(connection, seed: int) -> None:
        """One client reading one page after another."""
        nonlocal errors
        rng = random.Random(seed)
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            try:
                ok = await fetch(connection, f"/stories/{rng.choice(story_ids)}")
            except (httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError,
                    StopIteration):
                ok = False
            latencies.append(time.perf_counter() - sent)
            errors += not ok

    await asyncio.gather(*(reader(c, n) for n, c in enumerate(connections)))
    elapsed = time.perf_counter() - started
    for connection in connections:
        if client_kind == "httpx":
            await connection.aclose()
        else:
            connection[1].close()
    return latencies, errors, elapsed


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=1000)[int(share * 1000) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--read", type=int, default=200,
                        help="read the newest N stories (each is analysed once, first)")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="how the readers speak HTTP (see `load`)")
    parser.add_argument("--db", type=Path, default=Path("/tmp/storylens-web-bench.db"))
    args = parser.parse_args()

    if args.db.exists():
        with Store(args.db) as store:
            if store.story_count() != args.stories:
                raise SystemExit(f"{args.db} holds {store.story_count():,} stories, not "
                                 f"{args.stories:,}: remove it or pass another --db")
    else:
        build_store(args.db, args.stories)
    with Store(args.db) as store:
        story_ids = [s.id for s in store.stories(limit=args.read)]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.workers, cache=len(story_ids) + 100)
    try:
        asyncio.run(wait_until_up(base))
        warmed = asyncio.run(warm(base, story_ids, args.workers))
        print(f"warmed the analysis cache on {len(story_ids):,} stories in {warmed:.0f} s")
        latencies, errors, elapsed = asyncio.run(
            load(base, story_ids, args.clients, args.seconds, args.client))
    finally:
        server.terminate()
        server.wait(30)
    ms = [1000 * x for x in latencies]
    print(f"{args.clients} {args.client} clients, {args.workers} worker(s), {elapsed:.1f} s, "
          f"{len(story_ids):,} story pages read at random from {args.stories:,} stories")
    print(f"requests: {len(ms):,}  ({len(ms) / elapsed:,.0f}/s)  errors: {errors}")
    print(f"latency ms: p50 {percentile(ms, .5):.0f}  p95 {percentile(ms, .95):.0f}  "
          f"p99 {percentile(ms, .99):.0f}  max {max(ms):.0f}")


if __name__ == "__main__":
    main()
