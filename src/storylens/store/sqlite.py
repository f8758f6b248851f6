"""The SQLite store: articles and their annotations, in one file.

WAL mode lets readers (the web app, `storylens articles`) run while an ingest
writes. The schema is versioned with `PRAGMA user_version`; `MIGRATIONS[n]` takes a
store from version n to n+1, so an old file is upgraded in place when opened.
Each article is written in one transaction with all its annotations: a run killed
at any moment leaves whole articles or none, and a rerun adds only what is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..model import (AnnotatedArticle, Article, Copy, Entity, NamedEntity, Quantity, Quote,
                     Span, Story, TimeExpression)

MIGRATIONS: list[str] = [
    # 0 -> 1: articles, sentences, entities.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        outlet TEXT,
        title TEXT,
        author TEXT,
        published TEXT,          -- ISO 8601 date or NULL
        url TEXT,
        text TEXT NOT NULL,      -- the clean text; every offset refers to it
        location TEXT,           -- where it was read from
        extras TEXT NOT NULL DEFAULT '{}',
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE INDEX entities_text ON entities (text, label);
    """,
    # 1 -> 2: canonical entities, attributions, quantities, time expressions.
    # Articles stored under version 1 keep empty ones until ingested anew.
    """
    CREATE TABLE named_entities (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        mentions TEXT NOT NULL,  -- JSON [[start, end], ...]
        aliases TEXT NOT NULL,   -- JSON [text, ...]
        titles TEXT NOT NULL,    -- JSON [text, ...]
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE INDEX named_entities_name ON named_entities (name, label);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        cue_start INTEGER, cue_end INTEGER,
        source_start INTEGER, source_end INTEGER,
        speaker TEXT,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes (speaker);
    CREATE TABLE quantities (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL, unit TEXT, upper REAL, year INTEGER,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        date TEXT,               -- ISO 8601 date or NULL (unresolved)
        granularity TEXT,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    """,
    # 2 -> 3: stories, syndicated copies, and each grouped article's opaque grouping
    # data (features and text sketch, as the group stage packs them), in grouping order.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        first_published TEXT,    -- ISO 8601 date or NULL
        last_published TEXT,
        origins TEXT NOT NULL,   -- JSON [[article id, ...], ...]
        outlets TEXT NOT NULL    -- JSON [outlet, ...]
    );
    CREATE TABLE grouped (
        seq INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories (id),
        features BLOB NOT NULL,
        sketch BLOB NOT NULL
    );
    CREATE INDEX grouped_story ON grouped (story_id);
    CREATE TABLE copies (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        original_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        containment REAL NOT NULL,
        coverage REAL NOT NULL,
        PRIMARY KEY (article_id, original_id)
    ) WITHOUT ROWID;
    CREATE INDEX copies_original ON copies (original_id);
    """,
    # 3 -> 4: a full-text index of article titles and texts, for search (a LIKE scan
    # of every text grows with the corpus); kept in step with `articles` by triggers.
    """
    CREATE VIRTUAL TABLE articles_search USING fts5 (
        title, text, content = 'articles', content_rowid = 'rowid');
    CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_search (rowid, title, text)
        VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_search (articles_search, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_search (rowid, title, text)
        VALUES (new.rowid, new.title, new.text);
    END;
    INSERT INTO articles_search (articles_search) VALUES ('rebuild');
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store file cannot be used (not SQLite, newer schema, unwritable)."""


class Store:
    """A storylens database file.

    Example:
        with Store("news.db") as store:
            store.add(annotated)
            for article in store.articles():
                ...
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across process crashes in WAL mode (only a power cut
            # can lose the last commits, never corrupt), and commits cost no fsync.
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable storylens database ({error})") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this "
                             f"storylens ({SCHEMA_VERSION}); upgrade storylens")
        for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits first, so wrap the step in its own transaction.
            self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {target};\nCOMMIT;")

    # -- writing ---------------------------------------------------------------

    def add(self, annotated: AnnotatedArticle) -> bool:
        """Store one article with its annotations, atomically. False if already there."""
        article = annotated.article
        with self._transaction():
            inserted = self.db.execute(
                "INSERT OR IGNORE INTO articles (id, outlet, title, author, published, url,"
                " text, location, extras, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.outlet, article.title, article.author,
                 article.published.isoformat() if article.published else None,
                 article.url, article.text, article.location,
                 json.dumps(dict(article.extras), ensure_ascii=False, default=str),
                 dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")),
            ).rowcount
            if not inserted:
                return False
            self.db.executemany(
                'INSERT INTO sentences (article_id, n, start, "end") VALUES (?,?,?,?)',
                [(article.id, n, s.start, s.end) for n, s in enumerate(annotated.sentences)])
            self.db.executemany(
                'INSERT INTO entities (article_id, n, start, "end", text, label)'
                " VALUES (?,?,?,?,?,?)",
                [(article.id, n, e.start, e.end, e.text, e.label)
                 for n, e in enumerate(annotated.entities)])
            self.db.executemany(
                "INSERT INTO named_entities (article_id, n, name, label, mentions, aliases,"
                " titles) VALUES (?,?,?,?,?,?,?)",
                [(article.id, n, e.name, e.label,
                  json.dumps([[m.start, m.end] for m in e.mentions]),
                  json.dumps(list(e.aliases), ensure_ascii=False),
                  json.dumps(list(e.titles), ensure_ascii=False))
                 for n, e in enumerate(annotated.named_entities)])
            self.db.executemany(
                'INSERT INTO quotes (article_id, n, start, "end", kind, cue_start, cue_end,'
                " source_start, source_end, speaker) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(article.id, n, q.content.start, q.content.end, q.kind,
                  *_span_columns(q.cue), *_span_columns(q.source), q.speaker)
                 for n, q in enumerate(annotated.quotes)])
            self.db.executemany(
                'INSERT INTO quantities (article_id, n, start, "end", text, value, unit,'
                " upper, year) VALUES (?,?,?,?,?,?,?,?,?)",
                [(article.id, n, q.start, q.end, q.text, q.value, q.unit, q.upper, q.year)
                 for n, q in enumerate(annotated.quantities)])
            self.db.executemany(
                'INSERT INTO times (article_id, n, start, "end", text, date, granularity)'
                " VALUES (?,?,?,?,?,?,?)",
                [(article.id, n, t.start, t.end, t.text,
                  t.date.isoformat() if t.date else None, t.granularity)
                 for n, t in enumerate(annotated.times)])
        return True

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading ---------------------------------------------------------------

    def __contains__(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?",
                               (article_id,)).fetchone() is not None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles, newest first (or those with the given ids, in that order)."""
        if ids is None:
            rows = self.db.execute(
                "SELECT * FROM articles ORDER BY published IS NULL, published DESC, id")
            yield from (_article(row) for row in rows)
            return
        for article_id in ids:
            row = self.db.execute("SELECT * FROM articles WHERE id = ?",
                                  (article_id,)).fetchone()
            if row is not None:
                yield _article(row)

    def annotated(self, ids: Iterable[str] | None = None) -> Iterator[AnnotatedArticle]:
        """Articles with their annotations."""
        for article in self.articles(ids):
            yield AnnotatedArticle(
                article,
                sentences=tuple(Span(r["start"], r["end"]) for r in self._rows(
                    "sentences", 'start, "end"', article.id)),
                entities=tuple(Entity(r["start"], r["end"], r["text"], r["label"])
                               for r in self._rows("entities", 'start, "end", text, label',
                                                   article.id)),
                named_entities=tuple(
                    NamedEntity(r["name"], r["label"],
                                tuple(Span(*m) for m in json.loads(r["mentions"])),
                                tuple(json.loads(r["aliases"])),
                                tuple(json.loads(r["titles"])))
                    for r in self._rows("named_entities", "*", article.id)),
                quotes=tuple(
                    Quote(Span(r["start"], r["end"]), r["kind"],
                          cue=_span(r["cue_start"], r["cue_end"]),
                          source=_span(r["source_start"], r["source_end"]),
                          speaker=r["speaker"])
                    for r in self._rows("quotes", "*", article.id)),
                quantities=tuple(
                    Quantity(r["start"], r["end"], r["text"], r["value"], r["unit"],
                             r["upper"], r["year"])
                    for r in self._rows("quantities", "*", article.id)),
                times=tuple(
                    TimeExpression(r["start"], r["end"], r["text"],
                                   dt.date.fromisoformat(r["date"]) if r["date"] else None,
                                   r["granularity"])
                    for r in self._rows("times", "*", article.id)),
            )

    def _rows(self, table: str, columns: str, article_id: str) -> list[sqlite3.Row]:
        """One annotation table's rows for an article, in stored order."""
        return self.db.execute(f"SELECT {columns} FROM {table} WHERE article_id = ?"
                               " ORDER BY n", (article_id,)).fetchall()

    def summaries(self) -> Iterator[sqlite3.Row]:
        """One row per article for listings: metadata and annotation counts."""
        yield from self.db.execute(
            "SELECT a.id, a.published, a.outlet, a.title, a.author, length(a.text) AS chars,"
            " (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) AS sentences,"
            " (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS entities"
            " FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.id")


    # -- stories -----------------------------------------------------------------

    def save_grouping(self, grouped: Iterable[tuple[str, str, bytes, bytes]],
                      stories: Iterable[Story], copies: Iterable[Copy],
                      moved: Iterable[tuple[str, str]] = ()) -> None:
        """Record newly grouped articles as (article id, story id, features, sketch),
        with the stories they changed, the copies found and the grouped articles
        moved to another story as (article id, story id), in one transaction."""
        with self._transaction():
            self.db.executemany(
                "INSERT INTO stories (id, label, first_published, last_published, origins,"
                " outlets) VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                " label = excluded.label, first_published = excluded.first_published,"
                " last_published = excluded.last_published, origins = excluded.origins,"
                " outlets = excluded.outlets",
                [(s.id, s.label, _iso(s.first_published), _iso(s.last_published),
                  json.dumps([list(o) for o in s.origins]),
                  json.dumps(list(s.outlets), ensure_ascii=False)) for s in stories])
            self.db.executemany(
                "INSERT OR IGNORE INTO grouped (article_id, story_id, features, sketch)"
                " VALUES (?,?,?,?)", grouped)
            self.db.executemany("UPDATE grouped SET story_id = ? WHERE article_id = ?",
                                [(story_id, article_id) for article_id, story_id in moved])
            self.db.executemany(
                "INSERT OR REPLACE INTO copies (article_id, original_id, containment, coverage)"
                " VALUES (?,?,?,?)",
                [(c.article_id, c.original_id, c.containment, c.coverage) for c in copies])

    def ungrouped_ids(self) -> list[str]:
        """Ids of stored articles in no story yet, in the order they were stored."""
        return [row[0] for row in self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM grouped)"
            " ORDER BY rowid")]

    def grouped(self) -> Iterator[tuple]:
        """Every grouped article in grouping order, as (article id, story id, features,
        sketch, title, outlet, published)."""
        for row in self.db.execute(
                "SELECT g.article_id, g.story_id, g.features, g.sketch, a.title, a.outlet,"
                " a.published FROM grouped g JOIN articles a ON a.id = g.article_id"
                " ORDER BY g.seq"):
            yield (*row[:6], _date(row[6]))

    def story_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories").fetchone()[0]

    def stories(self, ids: Iterable[str] | None = None, *, limit: int | None = None
                ) -> list[Story]:
        """Stories (or those with the given ids, in that order), latest first; at most
        `limit` of them."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM stories ORDER BY last_published IS NULL,"
                                   " last_published DESC, id LIMIT ?",
                                   (-1 if limit is None else limit,)).fetchall()
        else:
            rows = [row for story_id in ids for row in self.db.execute(
                "SELECT * FROM stories WHERE id = ?", (story_id,))][:limit]
        return [Story(
            id=row["id"], label=row["label"],
            article_ids=tuple(r[0] for r in self.db.execute(
                "SELECT article_id FROM grouped WHERE story_id = ? ORDER BY seq", (row["id"],))),
            origins=tuple(tuple(o) for o in json.loads(row["origins"])),
            first_published=_date(row["first_published"]),
            last_published=_date(row["last_published"]),
            outlets=tuple(json.loads(row["outlets"]))) for row in rows]

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article was grouped into, or None."""
        row = self.db.execute("SELECT story_id FROM grouped WHERE article_id = ?",
                              (article_id,)).fetchone()
        return row[0] if row else None

    def copies(self) -> list[Copy]:
        """Every copy relation found, originals' copies together."""
        return [Copy(*row) for row in self.db.execute(
            "SELECT article_id, original_id, containment, coverage FROM copies"
            " ORDER BY original_id, article_id")]

    # -- queries for browsing (the web app) ----------------------------------------

    def search_stories(self, *, words: Iterable[str] = (), outlet: str | None = None,
                       person: str | None = None, since: dt.date | None = None,
                       until: dt.date | None = None, limit: int | None = 20, offset: int = 0
                       ) -> tuple[list[Story], int]:
        """One page of the stories matching every filter (all of them when `limit` is
        None), latest first, and how many match in all.

        Each word must occur (case-insensitively) in the story's label, or begin a
        word of the title or text of one of its articles (a full-text index:
        "Stolten" finds "Stoltenberg", punctuation is no part of a word); `outlet`
        must be the outlet of one of them;
        `person` part of a person named, or a speaker quoted, in one of them; the
        story's span of publication dates must overlap `since`..`until`.
        """
        member = "EXISTS (SELECT 1 FROM grouped g {join} WHERE g.story_id = s.id AND {test})"
        articles = "JOIN articles a ON a.id = g.article_id"
        where, params = [], []
        for word in words:
            where.append("(s.label LIKE ? ESCAPE '\\' OR s.id IN (SELECT g.story_id FROM"
                         " articles_search JOIN articles a ON a.rowid = articles_search.rowid"
                         " JOIN grouped g ON g.article_id = a.id WHERE articles_search MATCH ?))")
            params += [_like_pattern(word), _prefix_query(word)]
        if outlet:
            where.append(member.format(join=articles, test="a.outlet = ? COLLATE NOCASE"))
            params.append(outlet)
        if person:
            pattern = _like_pattern(person)
            where.append("(" + member.format(
                join="JOIN named_entities n ON n.article_id = g.article_id",
                test="n.label = 'PERSON' AND n.name LIKE ? ESCAPE '\\'") + " OR " + member.format(
                join="JOIN quotes q ON q.article_id = g.article_id",
                test="q.speaker LIKE ? ESCAPE '\\'") + ")")
            params += [pattern, pattern]
        if since:
            where.append("s.last_published >= ?")
            params.append(since.isoformat())
        if until:
            where.append("s.first_published <= ?")
            params.append(until.isoformat())
        condition = " WHERE " + " AND ".join(where) if where else ""
        total = self.db.execute(f"SELECT count(*) FROM stories s{condition}",
                                params).fetchone()[0]
        ids = [row[0] for row in self.db.execute(
            f"SELECT s.id FROM stories s{condition} ORDER BY s.last_published IS NULL,"
            " s.last_published DESC, s.id LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset])]
        return self.stories(ids), total

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of stored articles, most articles first."""
        return [tuple(row) for row in self.db.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY count(*) DESC, outlet")]

    def stories_quoting(self, name: str) -> list[str]:
        """Ids of the stories whose articles quote a stored speaker sharing a word
        with `name` (`speaker_names`), the story of the newest such article first."""
        names = self.speaker_names(name)
        if not names:
            return []
        rows = self.db.execute(
            "SELECT g.story_id FROM articles a JOIN grouped g ON g.article_id = a.id"
            " WHERE a.id IN (SELECT article_id FROM quotes"
            f" WHERE speaker IN ({','.join('?' * len(names))}))"
            " ORDER BY a.published IS NULL, a.published DESC, a.id", names)
        return list(dict.fromkeys(row[0] for row in rows))

    def speaker_names(self, word: str) -> list[str]:
        """The stored speaker names sharing a word with `word` ("Brenner" for "Tomasz
        Brenner"): the local names one story-wide speaker may go by."""
        found: set[str] = set()
        for part in word.split():
            found.update(row[0] for row in self.db.execute(
                "SELECT DISTINCT speaker FROM quotes WHERE speaker LIKE ? ESCAPE '\\'",
                (_like_pattern(part),)))
        words = {part.lower() for part in word.split()}
        return sorted(name for name in found if words & {p.lower() for p in name.split()})


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _span_columns(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span else (None, None)


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None else Span(start, end)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], outlet=row["outlet"],
        author=row["author"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        url=row["url"], location=row["location"], extras=json.loads(row["extras"]))


def _prefix_query(word: str) -> str:
    """An FTS5 query for the words of `word` in a row, the last one as the start of
    a word ("U.S." is "U" then "S…"; a word with none matches nothing)."""
    parts = re.findall(r"\w+", word)
    return " + ".join(f'"{part}"' for part in parts) + "*" if parts else '""'


def _like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
