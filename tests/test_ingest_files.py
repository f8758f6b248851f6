"""Reading local files: kinds recognised by content, front matter, JSON Lines, gzip."""

from __future__ import annotations

import datetime as dt
import gzip
import json

from storylens import ingest
from storylens.ingest.sniff import Kind, sniff
from storylens.model import Article, InputProblem


def read_all(*paths) -> tuple[list[Article], list[InputProblem]]:
    items = list(ingest.read([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputProblem)])


def test_kind_is_recognised_by_content_not_extension():
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p>", "story.txt") is Kind.HTML
    assert sniff(b'{"id": "1", "text": "x"}\n{"id": "2"}', "dump.txt") is Kind.JSONL
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">', "feed.txt") is Kind.FEED
    assert sniff(b"WARC/1.0\r\nWARC-Type: warcinfo", "x.html") is Kind.WARC
    assert sniff(b"The council met on Monday.", "page.html") is Kind.TEXT
    assert sniff(b"\x00\x01\x02binary\x00", "a.txt") is Kind.BINARY
    assert sniff(b"  \n ", "a.txt") is Kind.EMPTY


def test_front_matter_gives_metadata_and_extras(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Dam opens\noutlet: River Post\nauthor: [Ana Ruiz, Li Wei]\n"
                    "published: 2024-03-05\nurl: https://riverpost.example/dam?utm_source=x\n"
                    "section: Local\n---\nThe new dam opened on Tuesday.\n")
    [article], problems = read_all(path)
    assert not problems
    assert article.title == "Dam opens" and article.outlet == "River Post"
    assert article.author == "Ana Ruiz, Li Wei"
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == "https://riverpost.example/dam"
    assert article.extras == {"section": "Local"}
    assert article.text == "The new dam opened on Tuesday."


def test_plain_text_headline_and_url_outlet(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Dam Opens After Ten Years\n\nThe new dam opened on Tuesday.\n")
    [article], _ = read_all(path)
    assert article.title == "Dam Opens After Ten Years"
    assert article.text == "The new dam opened on Tuesday."
    assert article.outlet is None  # never invented


def test_first_line_of_prose_is_not_a_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The new dam opened on Tuesday after ten years of work.\n\nMore.\n")
    [article], _ = read_all(path)
    assert article.title is None
    assert article.text.startswith("The new dam opened")


def test_jsonl_keeps_given_ids_aliases_and_extras(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = [{"id": "abc", "title": "One", "text": "First story text.", "date": "2020-01-02",
              "authors": ["A. Writer"], "outlet": "Wire", "topic": "elections"},
             {"id": "def", "title": "Two", "html": "<html><body><article><p>"
              + "Second story text, long enough to be an article body. " * 5
              + "</p></article></body></html>", "url": "https://wire.example/two"}]
    path.write_bytes(gzip.compress("\n".join(json.dumps(l) for l in lines).encode()))
    articles, problems = read_all(path)
    assert not problems, problems
    first, second = articles
    assert (first.id, first.published, first.author) == ("abc", dt.date(2020, 1, 2), "A. Writer")
    assert first.extras == {"topic": "elections"}
    assert first.location.endswith("feed.jsonl.gz:1")
    assert second.id == "def" and "Second story text" in second.text
    assert second.outlet == "wire.example"


def test_a_scraped_headline_repeating_the_title_is_not_body_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    body = "The port reopened on Monday after a strike.\n\nDockers returned at dawn."
    lines = [{"id": "a", "title": "Port Reopens After Strike",
              "text": "Port  Reopens After Strike\n\n" + body},
             {"id": "b", "title": "Port reopens", "text": "Port reopens slowly.\n\n" + body},
             # a title that is the first sentence (as ECB+ gives it) stays in the text
             {"id": "c", "title": "The port reopened on Monday after a strike.",
              "text": body},
             {"id": "d", "title": "Port Reopens", "text": "Port Reopens"},
             # a caption, the section and the headline run into the deck (Politico)
             {"id": "e", "title": "Board barrels toward crane vote with members undecided",
              "text": "The mayor won a key vote after the meeting. Harbour Politics Board "
                      "barrels toward crane vote with members undecided The board is "
                      "moving toward a Friday vote.\n\n" + body},
             # a title quoted in the prose is no headline
             {"id": "f", "title": "Port Will Reopen After The Strike",
              "text": "The mayor said “Port Will Reopen After The Strike” was the wrong "
                      "headline.\n\n" + body},
             # the headline run into the dateline (HuffPost), and a title the text goes
             # on from in mid-sentence, which stays
             {"id": "g", "title": "Dockers Return: Port Names New Harbour Master",
              "text": "Dockers Return: Port Names New Harbour Master PORTVALE -- The port "
                      "named a new harbour master.\n\n" + body},
             {"id": "h", "title": "The port reopened on Monday after a strike that lasted",
              "text": "The port reopened on Monday after a strike that lasted weeks.\n\n"
                      + body}]
    path.write_text("\n".join(json.dumps(l) for l in lines))
    articles, problems = read_all(path)
    assert not problems
    assert [a.text for a in articles] == [
        body, "Port reopens slowly.\n\n" + body, body, "Port Reopens",
        "The board is moving toward a Friday vote.\n\n" + body, lines[5]["text"],
        "PORTVALE -- The port named a new harbour master.\n\n" + body, lines[7]["text"]]


def test_a_link_pasted_after_the_title_is_not_part_of_it(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({
        "id": "a", "text": "The port reopened on Monday after a strike.",
        "title": "Port Reopens After Strike   Read more at: "
                 "http://www.example.com/article/1234/port-reopens#ixzz3a8YDrFCj"}))
    [article], _ = read_all(path)
    assert article.title == "Port Reopens After Strike"


def test_text_garbled_by_a_wrong_decoding_is_repaired_and_curly_quotes_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    # UTF-8 read as Windows-1252 twice in the title, once in the text
    path.write_text(json.dumps({
        "id": "a", "title": "VeloriaÃ¢â‚¬â„¢s Ã¢â‚¬Ëœtested and provenÃ¢â‚¬â„¢ mayor",
        "text": "The mayorâ€™s plan was “bold,” the café owner said."}), encoding="utf-8")
    [article], _ = read_all(path)
    assert article.title == "Veloria’s ‘tested and proven’ mayor"
    assert article.text == "The mayor’s plan was “bold,” the café owner said."


def test_same_article_from_two_paths_has_one_id(tmp_path):
    body = "Headline Here\n\nSome text of the article that is the same.\n"
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text(body)
    articles, _ = read_all(tmp_path)
    assert len({a.id for a in articles}) == 1


def test_directories_are_read_recursively_skipping_hidden(tmp_path):
    (tmp_path / "day1" / "deep").mkdir(parents=True)
    (tmp_path / "day1" / "deep" / "x.txt").write_text("A story about the port.")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "y.txt").write_text("Hidden story.")
    articles, problems = read_all(tmp_path)
    assert [a.text for a in articles] == ["A story about the port."] and not problems


def test_url_without_fetcher_is_refused():
    [problem] = list(ingest.read(["https://news.example/story"]))
    assert isinstance(problem, InputProblem) and "fetcher" in problem.message
