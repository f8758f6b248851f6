"""The bundled demo corpus, analysed the way `make demo` does it."""

from __future__ import annotations

import csv
import io
import json

from conftest import EXAMPLES, run_storylens

from storylens.compare.corroborate import MAX_SIMILAR, SIMILAR_FLOOR


def test_demo_corpus_is_ingested_clean():
    result = run_storylens("analyze", EXAMPLES / "articles", "--format", "json")
    assert result.returncode == 0, result.stderr
    articles = {a["location"].split("examples/articles/")[1]: a
                for a in json.loads(result.stdout)["articles"]}
    assert sorted(articles) == ["coastal-tribune.txt", "harbour-daily.md",
                                "wire/northern-ledger.html", "wire/valley-courier.jsonl:1",
                                "wire/valley-courier.jsonl:2"]

    harbour = articles["harbour-daily.md"]
    assert harbour["outlet"] == "Harbour Daily"
    assert "Related Articles" not in harbour["text"]
    assert "Marathon" not in harbour["text"]
    assert "Share this article" not in harbour["text"]
    assert "](" not in harbour["text"]
    assert "from the Eastquay district" in harbour["text"]
    assert "move hazardous storage out of Eastquay by 2028." in harbour["text"]

    tribune = articles["coastal-tribune.txt"]
    assert (tribune["author"], tribune["published"]) == ("Daniel Okoro", "2025-03-05")
    # No outlet is stated in the file's metadata: unknown, not guessed.
    assert tribune["outlet"] is None
    for debris in ("Posted on", "Category:", "Tags:", "@dokoro_tribune", "corrections@"):
        assert debris not in tribune["text"]
    assert "chemicals were stored a few streets" in tribune["text"]
    assert "warnings from residents about" in tribune["text"]

    ledger = articles["wire/northern-ledger.html"]
    assert ledger["outlet"] == "The Northern Ledger"
    assert ledger["published"] == "2025-03-04"
    assert "cookie" not in ledger["text"].lower()
    assert "Most read" not in ledger["text"]

    courier = articles["wire/valley-courier.jsonl:1"]
    assert courier["id"] == "valley-courier-2025-0304-portvale"
    assert "Read more" not in courier["text"] and "Subscribe" not in courier["text"]
    assert courier["text"].endswith("40 million euros.")


def test_demo_report_is_markdown_about_the_examples():
    result = run_storylens("analyze", EXAMPLES / "articles")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# storylens report")
    assert "5 articles from 3 outlets and 1 unnamed source." in result.stdout
    assert "Tomasz Brenner" in result.stdout
    # The wire dispatch's own facts rest on one origin, however many outlets print it.
    assert "[3][4] *(single source: 1 origin in 2 outlets)*" in result.stdout
    # A summary line read alone says who "he" is.
    assert "- He [Tomasz Brenner] said firefighters had kept the flames" in result.stdout
    # "would reopen on Thursday", said on Wednesday 5 March: the next day.
    assert ("| 2025-03-06 | …chief executive Amadou Sall said the harbour would reopen to "
            "shipping on **Thursday**." in result.stdout)
    # One name, one heading: the district two reports tag as a group is a place.
    assert "- **Places:** Portvale (4), Eastquay (4)" in result.stdout
    page = run_storylens("analyze", EXAMPLES / "articles", "--format", "html")
    assert page.returncode == 0, page.stderr
    assert '<span class="sl-origins">1 origin in 2 outlets</span>' in page.stdout


def test_demo_stories_and_wire_origin(tmp_path):
    db = tmp_path / "demo.db"
    result = run_storylens("analyze", EXAMPLES / "articles", "--format", "json", "--db", db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    file_of = {a["id"]: a["location"].split("examples/articles/")[1] for a in report["articles"]}
    stories = sorted(report["stories"], key=lambda s: -len(s["articles"]))
    assert len(stories) == 2
    fire, library = stories
    assert sorted(file_of[i] for i in fire["articles"]) == [
        "coastal-tribune.txt", "harbour-daily.md", "wire/northern-ledger.html",
        "wire/valley-courier.jsonl:1"]
    # The two outlets carrying the Meridian Press Agency dispatch are one origin.
    assert [sorted(file_of[i] for i in origin) for origin in fire["origins"]] == [
        ["wire/northern-ledger.html", "wire/valley-courier.jsonl:1"]]
    assert (fire["first_published"], fire["last_published"]) == ("2025-03-04", "2025-03-05")
    assert [file_of[i] for i in library["articles"]] == ["wire/valley-courier.jsonl:2"]
    assert library["label"] == "Millbrook library reopens after two-year renovation"

    listing = run_storylens("stories", "--db", db)
    assert listing.returncode == 0, listing.stderr
    assert "2 stories" in listing.stdout and "Millbrook library" in listing.stdout
    assert "2025-03-04 – 2025-03-05" in listing.stdout
    # for programs: the stories as the JSON contract gives them, one per line
    lines = run_storylens("stories", "--db", db, "--format", "jsonl")
    assert lines.returncode == 0, lines.stderr
    listed = {s["id"]: s for s in map(json.loads, lines.stdout.splitlines())}
    assert listed == {s["id"]: {key: s[key] for key in listed[s["id"]]}
                      for s in report["stories"]}
    assert set(listed[fire["id"]]) >= {"label", "articles", "origins", "first_published"}

    shown = run_storylens("story", fire["id"], "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert fire["label"] in shown.stdout
    assert "copy of one text (origin 1)" in shown.stdout
    assert "Millbrook" not in shown.stdout

    missing = run_storylens("story", "no-such-story", "--db", db)
    assert missing.returncode == 1
    assert "no-such-story: no such story" in missing.stderr

    # Everything the fire chief said, whichever outlet carried it and however it
    # names him ("he said", "Brenner said"), under his full name.
    said = run_storylens("quotes", "brenner", "--db", db)
    assert said.returncode == 0, said.stderr
    rows = [line for line in said.stdout.splitlines() if "Tomasz Brenner" in line]
    assert len(rows) >= 8
    for outlet in ("Harbour Daily", "The Northern Ledger", "Valley Courier"):
        assert any(outlet in row for row in rows)
    assert "“We were minutes away from a very different night" in said.stdout
    assert "Elena Varga" not in said.stdout
    table = run_storylens("quotes", "brenner", "--db", db, "--format", "csv")
    assert table.returncode == 0, table.stderr
    records = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(records) == len(rows) and {r["speaker"] for r in records} == {"Tomasz Brenner"}
    assert all(r["story"] == fire["id"] and int(r["end"]) > int(r["start"]) for r in records)
    nobody = run_storylens("quotes", "Anna Brenner", "--db", db)
    assert nobody.returncode == 1
    assert "'Anna Brenner': no quotes of such a speaker" in nobody.stderr


def test_demo_facts_show_near_misses_not_counted():
    """Under a fact the brief lists the closest statements of outlets that do not
    carry it, cited like statements, with their fact probability, and counts none of
    them: a single-source fact keeps its one origin."""
    result = run_storylens("analyze", EXAMPLES / "articles", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    fire = max(report["stories"], key=lambda s: len(s["articles"]))
    near = [f for f in fire["facts"] if f["similar"]]
    assert any(f["status"] == "single_source" for f in near)
    for fact in near:
        assert len(fact["similar"]) <= MAX_SIMILAR
        own = {article for origin in fact["origins"] for article in origin}
        for similar in fact["similar"]:
            assert similar["article"] in fire["articles"] and similar["article"] not in own
            assert similar["text"] == texts[similar["article"]][similar["start"]:similar["end"]]
            assert SIMILAR_FLOOR <= similar["probability"] <= 1
    # the residents' night away from home (one unnamed source) is near the others' leads
    assert any("fertiliser warehouse" in s["text"] for f in near for s in f["similar"])

    markdown = run_storylens("analyze", EXAMPLES / "articles")
    assert "**Similar, not counted**" in markdown.stdout
    assert "not counted (fact probability 0." in markdown.stdout
