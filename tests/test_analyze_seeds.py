"""`storylens analyze` on the founding example: three scraped reports of one event."""

from __future__ import annotations

import re

import pytest

from conftest import articles_json, run_storylens


@pytest.fixture(scope="module")
def seed_articles(seeds):
    result = run_storylens("analyze", seeds, "--format", "json")
    assert result.returncode == 0, result.stderr
    return articles_json(result.stdout)


def sentence_texts(article: dict) -> list[str]:
    return [article["text"][start:end] for start, end in article["sentences"]]


def test_three_articles_with_the_json_contract(seed_articles):
    assert len(seed_articles) == 3
    for article in seed_articles.values():
        assert set(article) >= {"id", "outlet", "title", "author", "published", "url",
                                "text", "sentences", "entities"}
        for start, end in article["sentences"]:
            assert 0 <= start < end <= len(article["text"])
        for entity in article["entities"]:
            assert article["text"][entity["start"]:entity["end"]] == entity["text"]


def test_promo_block_and_correction_footer_gone(seed_articles):
    text = seed_articles["002_79a85a8122103b14.txt"]["text"]
    for debris in ("Drone Pilots", "Other Topics of Interest", "secret training center",
                   "suggest a correction", "Ctrl + Enter"):
        assert debris not in text
    assert '"In a more dangerous world, Japan can count on NATO to stand with you," ' \
           "he added." in text
    assert "exaggerates the China threat." in text


def test_posted_on_date_and_tag_lines(seed_articles):
    article = seed_articles["004_6db79759466a0a19.txt"]
    assert article["published"] == "2023-02-02"
    assert article["title"] == "JAPAN AND KOREA TO STRENGTHEN TIES WITH NATO AMID RISING TENSIONS"
    text = article["text"]
    assert "](#)" not in text
    assert not re.search(r"^(Tags|Category|Posted on)\b", text, re.MULTILINE)


def test_author_kept_as_metadata_and_bio_dropped(seed_articles):
    article = seed_articles["000_0b7058a53e575318.txt"]
    assert article["author"] == "Dave DeCamp"
    assert "Author:" not in article["text"]
    assert "news editor" not in article["text"] and "@decampdave" not in article["text"]


def test_sentence_broken_across_blank_line_is_one_sentence(seed_articles):
    sentences = sentence_texts(seed_articles["004_6db79759466a0a19.txt"])
    assert any("as the future of the rules-based international order is at stake" in s
               for s in sentences)
    assert any("North Korea's development of nuclear weapons" in s for s in sentences)


def test_every_body_sentence_survives(seed_articles, seeds):
    """Each sentence of the reports proper is in the clean text (modulo whitespace)."""
    body = {
        "000_0b7058a53e575318.txt": [
            "The head of the North Atlantic Treaty Organization visited Tokyo on Tuesday",
            "Stoltenberg said he agreed with Japan’s assessment of China.",
            "Stoltenberg also thanked Japan for sanctioning Russia",
            "have changed that policy now.”"],
        "002_79a85a8122103b14.txt": [
            "NATO's chief on Wednesday applauded Japan's plan to double its defense spending",
            "he said in an address at Keio University.",
            "Stoltenberg met Kishida on Tuesday and said afterwards",
            "she said at a regular briefing."],
        "004_6db79759466a0a19.txt": [
            "Global defense cooperation is needed to address mounting security challenges",
            "[T]he world is at a historical inflection point",
            "Stoltenberg underlined in his speech on Monday.",
            "Japan also prepares to host this year's G7 Summit in May"],
    }
    for name, fragments in body.items():
        text = " ".join(seed_articles[name]["text"].split())
        for fragment in fragments:
            assert fragment in text, (name, fragment)
