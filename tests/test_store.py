"""The SQLite store: atomic articles, no duplicates, versioned schema."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from storylens.model import (AnnotatedArticle, Article, Entity, NamedEntity, Quantity, Quote,
                             Span, Story, TimeExpression)
from storylens.store import Store, StoreError
from storylens.store.sqlite import MIGRATIONS, SCHEMA_VERSION


def annotated(article_id: str = "a1") -> AnnotatedArticle:
    text = "Ada Lovelace spoke in London. She was brief."
    return AnnotatedArticle(
        Article(id=article_id, text=text, title="T", outlet="Example Post",
                published=dt.date(2024, 5, 6), extras={"tags": ["x"]}),
        sentences=(Span(0, 29), Span(30, 44)),
        entities=(Entity(0, 12, "Ada Lovelace", "PERSON"), Entity(22, 28, "London", "GPE")),
        named_entities=(NamedEntity("Ada Lovelace", "PERSON", (Span(0, 12), Span(30, 33)),
                                    aliases=("She",), titles=("mathematician",)),),
        quotes=(Quote(Span(30, 43), "indirect", cue=Span(34, 37), source=Span(30, 33),
                      speaker="Ada Lovelace"),
                Quote(Span(0, 28), "belief")),
        quantities=(Quantity(0, 3, "two", 2.0, "people", upper=3.0, year=2027),
                    Quantity(4, 9, "a few", None)),
        times=(TimeExpression(4, 12, "Tuesday", dt.date(2024, 5, 5), "day"),
               TimeExpression(13, 20, "someday", None, None)))


def test_round_trip(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add(annotated())
        [loaded] = store.annotated()
    assert loaded == annotated()
    assert loaded.article.extras == {"tags": ["x"]}


def test_same_article_twice_is_stored_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add(annotated())
        assert not store.add(annotated())
        assert store.count() == 1
        assert store.db.execute("SELECT count(*) FROM entities").fetchone()[0] == 2


def test_failed_write_leaves_no_partial_article(tmp_path):
    broken = AnnotatedArticle(annotated().article, sentences=(Span(0, 1), Span(0, 1)))
    broken = AnnotatedArticle(broken.article, sentences=broken.sentences,
                              entities=(Entity(0, 1, None, "X"),))  # NOT NULL violation
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add(broken)
        assert store.count() == 0
        assert store.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0


def test_wal_mode_and_schema_version(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.version == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this storylens"):
        Store(path)


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, I am a text file, not SQLite" * 200)
    with pytest.raises(StoreError, match="not a usable storylens database"):
        Store(path)


def test_version_1_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
        db.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('old', 'Hi.', 'x')")
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        [old] = store.annotated()
        assert old.article.id == "old" and old.quotes == () and old.times == ()
        assert store.add(annotated())


def test_search_finds_word_starts_in_articles_stored_before_the_index(tmp_path):
    path = tmp_path / "v3.db"
    with sqlite3.connect(path) as db:  # a store from before the full-text index
        db.executescript("\n".join(MIGRATIONS[:3]) + "\nPRAGMA user_version = 3;")
        db.execute("INSERT INTO articles (id, title, text, ingested_at) VALUES"
                   " ('old', 'Harbour reopens', 'Mayor Novak cut the ribbon.', 'x')")
    with Store(path) as store:
        store.add(AnnotatedArticle(Article(id="new", text="The U.S. envoy met Novak.",
                                           title="Envoy visit")))
        store.save_grouping([("old", "s1", b"", b""), ("new", "s2", b"", b"")],
                            [Story("s1", "Harbour reopens", ("old",)),
                             Story("s2", "Envoy visit", ("new",))], [])

        def found(*words):
            return sorted(s.id for s in store.search_stories(words=list(words))[0])

        assert found("novak") == ["s1", "s2"]
        assert found("Nov") == ["s1", "s2"]  # the start of a word
        assert found("ovak") == []  # not the middle of one
        assert found("ribbon", "mayor") == ["s1"]
        assert found("U.S.") == ["s2"] and found("S.U.") == []
        assert found("reopens") == ["s1"]  # the story label
