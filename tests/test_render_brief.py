"""The story brief in JSON, Markdown and HTML, from an analysis built by hand.

Three short made-up reports of one port fire are annotated by the real pipeline;
the facts, conflict, quote and timeline that compare would find are then written
out here, pointing at their sentences, so the renderers are tested apart from
compare's judgement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from storylens.model import (Article, Conflict, ConflictSide, Fact, OutletCoverage,
                             OutletFraming, Quote, QuoteCarrier, Span, Statement, Story,
                             StoryAnalysis, StoryQuote, SummaryLine, TimelineEntry,
                             WordChoice)
from storylens.render.brief import around, bare_quote, clip, date_label, safe_link
from storylens.render.html import brief_css, brief_fragment, render_html
from storylens.render.json import render_json
from storylens.render.markdown import render_markdown
from storylens.understand.base import annotate, load_pipeline

HARBOUR = Article(
    id="hd", outlet="Harbour Daily", title="Fire destroys two warehouses at Kellby port",
    published=dt.date(2025, 3, 5), url="https://harbour.example/fire",
    text="A fire destroyed two warehouses at the port of Kellby on Tuesday, officials "
         "said.\n\nThe harbour master, Tomasz Brenner, said twelve workers were evacuated. "
         "\"We held that wall and saved the cranes,\" Brenner said.\n\nThe port will "
         "reopen on March 10, according to the city council.")
TRIBUNE = Article(
    id="ct", outlet="Coastal Tribune", title="Kellby warehouses burn",
    published=dt.date(2025, 3, 5), url="https://tribune.example/kellby",
    text="Two warehouses burned down at Kellby port on Tuesday.\n\n\"We held that "
         "wall,\" harbour master Tomasz Brenner said. Fifteen workers were evacuated, "
         "the fire brigade said.\n\nInvestigators suspect faulty wiring.")
POST = Article(
    id="np", outlet="Northern Post", title="Blaze at Kellby port",
    published=dt.date(2025, 3, 6), url="https://post.example/blaze",
    text="A blaze at Kellby port destroyed two warehouses on Tuesday.\n\n\"We held that "
         "wall and saved the cranes,\" said Tomasz Brenner, the harbour master.\n\nThe "
         "mayor, Ana Ruiz, called the blaze a warning for the whole coast.")


@pytest.fixture(scope="module")
def annotated():
    return {a.article.id: a for a in annotate([HARBOUR, TRIBUNE, POST], load_pipeline())}


def sentence(annotated, article_id: str, phrase: str) -> Statement:
    """The statement of the sentence of `article_id` holding `phrase`."""
    article = annotated[article_id]
    at = article.article.text.index(phrase)
    [span] = [s for s in article.sentences if s.start <= at < s.end]
    return Statement(article_id, span.start, span.end)


def words(article: Article, phrase: str) -> Statement:
    start = article.text.index(phrase)
    return Statement(article.id, start, start + len(phrase))


def build_analysis(annotated, articles=(HARBOUR, TRIBUNE, POST)) -> StoryAnalysis:
    harbour, tribune, post = articles
    s = lambda article, phrase: sentence(annotated, article.id, phrase)  # noqa: E731
    fire = Fact("f-fire", "A fire destroyed two warehouses at the port of Kellby on Tuesday.",
                (s(harbour, "destroyed"), s(tribune, "burned"), s(post, "blaze at")),
                ((harbour.id,), (tribune.id,), (post.id,)), "corroborated")
    evacuated = Fact("f-evac", "Twelve workers were evacuated.",
                     (s(harbour, "twelve"), words(tribune, "Fifteen workers were evacuated")),
                     ((harbour.id,), (tribune.id,)), "conflicting")
    reopen = Fact("f-reopen", "The port will reopen on March 10.", (s(harbour, "reopen"),),
                  ((harbour.id,),), "single_source")
    wiring = Fact("f-wiring", "Investigators suspect faulty wiring.", (s(tribune, "wiring"),),
                  ((tribune.id,),), "single_source")
    facts = (fire, evacuated, reopen, wiring)
    quote_text = "We held that wall and saved the cranes"
    quote = StoryQuote("q1", "Tomasz Brenner", quote_text, (
        QuoteCarrier(harbour.id, harbour.outlet, *_span(words(harbour, quote_text)),
                     "direct", "Tomasz Brenner"),
        QuoteCarrier(tribune.id, tribune.outlet, *_span(words(tribune, "We held that wall")),
                     "direct", "Tomasz Brenner"),
        QuoteCarrier(post.id, post.outlet, *_span(words(post, quote_text)), "direct",
                     "Tomasz Brenner")), ("Tomasz Brenner",))
    return StoryAnalysis(
        story=Story("story/1", "Fire destroys two warehouses at Kellby port",
                    tuple(a.id for a in articles), first_published=dt.date(2025, 3, 5),
                    last_published=dt.date(2025, 3, 6),
                    outlets=tuple(sorted(a.outlet for a in articles if a.outlet))),
        articles=tuple(annotated[a.id] for a in articles),
        facts=facts,
        conflicts=(Conflict("f-evac", "number", (
            ConflictSide(evacuated.statements[0], "twelve workers"),
            ConflictSide(evacuated.statements[1], "Fifteen workers"))),),
        coverage=(
            OutletCoverage(harbour.outlet, (harbour.id,), ("f-fire", "f-evac", "f-reopen"),
                           ("f-reopen",), ()),
            OutletCoverage(tribune.outlet, (tribune.id,), ("f-fire", "f-evac", "f-wiring"),
                           ("f-wiring",), ()),
            OutletCoverage(post.outlet, (post.id,), ("f-fire",), (), ("f-evac",))),
        quotes=(quote,),
        framing=(OutletFraming(harbour.outlet, (("Tomasz Brenner", 1.0),), "f-fire"),
                 OutletFraming(tribune.outlet, (("Tomasz Brenner", 0.5),
                                                ("fire brigade", 0.5)), "f-fire"),
                 OutletFraming(post.outlet, (("Tomasz Brenner", 0.5), ("Ana Ruiz", 0.5)),
                               "f-fire")),
        word_choices=(WordChoice("the fire", ((harbour.outlet, "fire"),
                                              (post.outlet, "blaze"))),),
        timeline=(TimelineEntry(dt.date(2025, 3, 10), "day", "The port reopens.",
                                (s(harbour, "reopen"),), "f-reopen"),
                  TimelineEntry(dt.date(2025, 3, 4), "day", fire.text, fire.statements,
                                "f-fire")),
        summary=(SummaryLine("f-fire", fire.text, "corroborated", fire.statements),
                 SummaryLine("f-evac", evacuated.text, "conflicting", evacuated.statements),
                 SummaryLine("f-reopen", reopen.text, "single_source", reopen.statements),
                 SummaryLine("f-wiring", wiring.text, "single_source", wiring.statements)))


def _span(statement: Statement) -> tuple[int, int]:
    return statement.start, statement.end


@pytest.fixture(scope="module")
def analysis(annotated):
    return build_analysis(annotated)


# --- JSON -------------------------------------------------------------------------------

def test_json_story_carries_the_brief(analysis):
    document = json.loads(render_json(analysis.articles, [analysis.story], [analysis]))
    [story] = document["stories"]
    assert story["id"] == "story/1" and story["articles"] == ["hd", "ct", "np"]
    fire, evacuated = story["facts"][:2]
    assert fire["status"] == "corroborated" and fire["origins"] == [["hd"], ["ct"], ["np"]]
    first = fire["statements"][0]
    assert set(first) == {"article", "start", "end", "text"}
    assert first["text"] == HARBOUR.text[first["start"]:first["end"]]
    assert first["text"].startswith("A fire destroyed two warehouses")
    [conflict] = story["conflicts"]
    assert conflict["fact"] == "f-evac" and conflict["kind"] == "number"
    assert [(s["article"], s["value"]) for s in conflict["sides"]] == [
        ("hd", "twelve workers"), ("ct", "Fifteen workers")]
    assert conflict["sides"][1]["text"] == "Fifteen workers were evacuated"
    assert story["coverage"]["matrix"]["f-evac"] == ["Harbour Daily", "Coastal Tribune"]
    post = story["coverage"]["outlets"][2]
    assert post["outlet"] == "Northern Post" and post["omitted"] == ["f-evac"]
    [quote] = story["quotes"]
    assert [c["text"] for c in quote["carriers"]] == [
        "We held that wall and saved the cranes", "We held that wall",
        "We held that wall and saved the cranes"]
    assert story["framing"][1]["voices"][1] == {"speaker": "fire brigade", "share": 0.5}
    assert story["word_choices"][0]["words"][1] == {"outlet": "Northern Post", "word": "blaze"}
    assert story["timeline"][0]["date"] == "2025-03-10"
    assert story["timeline"][0]["fact"] == "f-reopen"
    assert [line["status"] for line in story["summary"]] == [
        "corroborated", "conflicting", "single_source", "single_source"]
    assert story["summary"][0]["citations"] == fire["statements"]


def test_json_without_analyses_keeps_the_story_keys(analysis):
    [story] = json.loads(render_json(analysis.articles, [analysis.story]))["stories"]
    assert set(story) == {"id", "label", "articles", "origins", "outlets",
                          "first_published", "last_published"}


# --- Markdown ---------------------------------------------------------------------------

def section(report: str, heading: str) -> str:
    start = report.index(heading)
    following = re.search(r"^#{1,3} ", report[start + len(heading):], re.MULTILINE)
    return report[start:start + len(heading) + following.start()] if following else report[start:]


def test_markdown_brief_sections(analysis):
    report = render_markdown(analysis.articles, [analysis.story], [analysis])
    brief = section(report, "## Brief: Fire destroys")
    assert "- [1] Harbour Daily — Fire destroys two warehouses at Kellby port (2025-03-05)" \
        in brief
    summary = section(report, "### Summary")
    core, rest = summary.split("**Single-source claims**")
    assert "A fire destroyed two warehouses at the port of Kellby on Tuesday. [1][2][3]" in core
    assert "Investigators suspect faulty wiring. [2] *(single source)*" in rest
    facts = section(report, "### Facts")
    assert "| F2 | conflicting | Harbour Daily, Coastal Tribune | Twelve workers" in facts
    matrix = facts[facts.index("**Facts × outlets**"):]
    assert "| Fact | Harbour Daily | Coastal Tribune | Northern Post |" in matrix
    assert re.search(r"\| F3 The port will reopen on March 10\. \| ✓ \|\s+\|\s+\|", matrix)
    conflicts = section(report, "### Conflicts")
    assert "| [1] Harbour Daily | twelve workers |" in conflicts
    assert "| [2] Coastal Tribune | Fifteen workers | Fifteen workers were evacuated |" \
        in conflicts
    quotes = section(report, "### Quotes by speaker")
    assert "**Tomasz Brenner**" in quotes
    assert "“We held that wall and saved the cranes” — Harbour Daily [1], Coastal " \
           "Tribune [2]" in quotes
    coverage = section(report, "### Coverage by outlet")
    assert "| Northern Post | 1 | — | F2 |" in coverage
    assert "| Coastal Tribune | Tomasz Brenner 50%, fire brigade 50% | F1 " in report
    timeline = section(report, "### Timeline")
    assert timeline.index("2025-03-04") < timeline.index("2025-03-10")
    assert "| 2025-03-10 | The port reopens. | [1] F3 |" in timeline


def test_an_outlets_own_articles_are_labelled_one_origin(annotated):
    """A fact two articles of one outlet tell is single-source, and says why: its
    two citations would otherwise read as corroboration."""
    tribune = replace(TRIBUNE, outlet=HARBOUR.outlet)
    own = {**annotated, tribune.id: replace(annotated[tribune.id], article=tribune)}
    analysis = build_analysis(own, (HARBOUR, tribune, POST))
    fire = analysis.facts[0]
    told_twice = replace(fire, statements=fire.statements[:2],
                         origins=((HARBOUR.id, tribune.id),), status="single_source")
    analysis = replace(analysis, facts=(told_twice, *analysis.facts[1:]), summary=(
        SummaryLine(fire.id, fire.text, "single_source", told_twice.statements),))
    summary = section(render_markdown(analysis.articles, [analysis.story], [analysis]),
                      "### Summary")
    assert ("A fire destroyed two warehouses at the port of Kellby on Tuesday. [1][2] "
            "*(single source: 1 origin in 2 articles of Harbour Daily)*") in summary


def test_markdown_cuts_long_text_to_the_terminal(annotated):
    analysis = build_analysis(annotated)
    long_fact = replace(analysis.facts[0], text="word " * 60)
    report = render_markdown([], [], [replace(analysis, facts=(long_fact,) + analysis.facts[1:])])
    row = next(line for line in report.splitlines() if line.startswith("| F1 |"))
    assert "…" in row and len(row) < 160


# --- HTML -------------------------------------------------------------------------------

class Elements(HTMLParser):
    """Every start tag with its attributes, and the ids defined."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}

    def links(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.tags if tag == "a" and "href" in attrs]


HOSTILE = '<script>alert(1)</script>'


@pytest.fixture(scope="module")
def hostile(annotated):
    """The analysis with one article's metadata and text written to break out."""
    post = replace(POST, title=HOSTILE, outlet='Post" onerror="alert(1)',
                   url="javascript:alert(1)", author="<img src=x onerror=alert(1)>",
                   text=POST.text.replace("destroyed two", "destroyed <b onmouseover=x>two"))
    [annotated_post] = annotate([post], load_pipeline())
    analysis = build_analysis({**annotated, "np": annotated_post}, (HARBOUR, TRIBUNE, post))
    [quote] = analysis.quotes
    return replace(analysis, story=replace(analysis.story, label=HOSTILE),
                   quotes=(replace(quote, speaker=HOSTILE),),
                   word_choices=(WordChoice(HOSTILE, ((post.outlet, HOSTILE),)),))


@pytest.mark.parametrize("render", [lambda a: render_html([a]), brief_fragment])
def test_html_escapes_hostile_text(hostile, render):
    html = render(hostile)
    elements = Elements(html)
    assert not [tag for tag, _ in elements.tags if tag in ("script", "img", "b")]
    assert not [(tag, name) for tag, attrs in elements.tags for name in attrs
                if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Post&#34; onerror=&#34;alert(1)" in html
    assert "destroyed &lt;b onmouseover=x&gt;two" in html  # the cited sentence, as text
    # Its javascript: URL is no link; the other articles keep theirs.
    assert [h for h in elements.links() if not h.startswith("#")] == [HARBOUR.url, TRIBUNE.url]
    assert HOSTILE not in html


def test_html_has_no_remote_resources(analysis):
    html = render_html([analysis])
    elements = Elements(html)
    for tag, attrs in elements.tags:
        for name in ("src", "srcset", "data", "poster", "action", "formaction"):
            assert name not in attrs, (tag, attrs)
        if tag == "link":
            pytest.fail(f"external stylesheet or resource: {attrs}")
    assert not re.search(r"url\(|@import", html)
    external = [href for href in elements.links() if not href.startswith("#")]
    assert sorted(external) == sorted(a.url for a in (HARBOUR, TRIBUNE, POST))
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<style>" in html and brief_css().strip()[:40] in html


def test_html_citations_lead_to_the_sentence_in_context(analysis):
    html = brief_fragment(analysis)
    elements = Elements(html)
    ids = elements.ids()
    citations = [href for href in elements.links() if href.startswith("#") and "-ev" in href]
    assert len(citations) >= 10
    assert all(href[1:] in ids for href in elements.links() if href.startswith("#"))
    # The Tribune's statement of the evacuation: highlighted within its paragraph.
    target = re.search(r'<p class="sl-ev" id="([^"]+)">([^<]*)<mark>Fifteen workers were '
                       r'evacuated</mark>([^<]*)<span class="sl-for">for <a [^>]*href="#([^"]+)"',
                       html)
    assert target and "harbour master Tomasz Brenner said. " in target.group(2)
    assert ", the fire brigade said." in target.group(3)
    assert f'href="#{target.group(1)}"' in html
    # ... and leads back to the fact it is cited for.
    assert target.group(4).endswith("-F2") and target.group(4) in ids


def test_html_report_of_several_stories_keeps_ids_apart(analysis):
    other = replace(analysis, story=replace(analysis.story, id="story 2", label="Another"))
    elements = Elements(render_html([analysis, other]))
    ids = [attrs["id"] for _, attrs in elements.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    assert all(href[1:] in ids for href in elements.links() if href.startswith("#"))


def test_html_fragment_needs_no_inline_style_or_script(analysis):
    """The web app serves the brief under a CSP without 'unsafe-inline'."""
    elements = Elements(brief_fragment(analysis))
    assert not [tag for tag, _ in elements.tags if tag in ("style", "script", "link")]
    assert not [attrs for _, attrs in elements.tags if "style" in attrs]


def test_html_brief_sections_and_marks(analysis):
    html = brief_fragment(analysis)
    for heading in ("Summary", "Facts", "Facts × outlets", "Conflicts", "Quotes by speaker",
                    "Coverage by outlet", "Framing", "Timeline", "Sources in context"):
        assert f"<h3>{heading}</h3>" in html
    summary = html[html.index("<h3>Summary</h3>"):html.index("<h3>Facts</h3>")]
    assert summary.index("Corroborated") < summary.index("Single-source claims")
    assert summary.count('class="sl-badge sl-single_source"') == 2
    assert html.count('class="sl-mark sl-alone"') == 2  # F3 and F4 each have one outlet
    assert '<p class="sl-value">Fifteen workers</p>' in html
    assert html.count("<blockquote>") == 1
    assert '<meter min="0" max="1" value="0.5">' in html


def test_cuts_of_a_quote_marked(analysis):
    """The Tribune's shorter cut of Brenner's quote: the words it leaves out are marked."""
    html = brief_fragment(analysis)
    assert html.count("<del") == 1 and "<ins" not in html
    assert re.search(r'<span class="sl-diff"><span>We held that wall</span> '
                     r'<del title="left out">and saved the cranes</del>', html)
    report = render_markdown([], [], [analysis])
    assert "Coastal Tribune [2] (−“and saved the cranes”), Northern Post [3]" in report


def test_an_outlet_carrying_a_quote_twice_is_named_once(analysis):
    """An article that tells a quote in its lede and again in its body is one source
    carrying two cuts, not two outlets."""
    [quote] = analysis.quotes
    lede = words(HARBOUR, "We held that wall")
    again = replace(quote, carriers=quote.carriers[:1] + (QuoteCarrier(
        "hd", "Harbour Daily", lede.start, lede.end, "direct", "Tomasz Brenner"),))
    report = render_markdown([], [], [replace(analysis, quotes=(again,))])
    assert "— Harbour Daily [1], again [1] (−“and saved the cranes”)" in report


def test_a_quote_of_an_unnamed_source_is_listed_under_the_words_for_it(analysis):
    """"…, officials said": attributed, to people the outlet does not name; not
    "unattributed"."""
    harbour, *others = analysis.articles
    said = words(HARBOUR, "twelve workers were evacuated")
    officials = words(HARBOUR, "officials")
    quoted = replace(harbour, quotes=(Quote(Span(said.start, said.end), "indirect",
                                            source=Span(officials.start, officials.end)),))
    quote = StoryQuote("q2", None, "twelve workers were evacuated", (
        QuoteCarrier("hd", "Harbour Daily", said.start, said.end, "indirect", None),), ())
    report = render_markdown([], [], [replace(analysis, articles=(quoted, *others),
                                              quotes=(quote,))])
    quotes = section(report, "### Quotes by speaker")
    assert "**“officials”**" in quotes and "(unattributed)" not in quotes


def test_reported_speech_is_shown_under_the_words_reporting_it(analysis):
    """"touted his plan" is no "said that": a reader sees which the outlet wrote."""
    said = words(HARBOUR, "twelve workers were evacuated")
    reported = StoryQuote("q2", "Tomasz Brenner", "twelve workers were evacuated", (
        QuoteCarrier("hd", "Harbour Daily", said.start, said.end, "indirect",
                     "Tomasz Brenner", "boasted"),))
    analysis = replace(analysis, quotes=analysis.quotes + (reported,))
    assert ('<blockquote class="sl-reported"><span class="sl-kind">boasted:</span> '
            'twelve workers were evacuated</blockquote>') in brief_fragment(analysis)
    report = render_markdown([], [], [analysis])
    assert "- (boasted) twelve workers were evacuated — Harbour Daily [1]" in report


def test_reported_speech_never_in_quote_marks(analysis):
    said = words(HARBOUR, "twelve workers were evacuated")
    reported = StoryQuote("q2", "Tomasz Brenner", "twelve workers were evacuated", (
        QuoteCarrier("hd", "Harbour Daily", said.start, said.end, "indirect",
                     "Tomasz Brenner"),))
    analysis = replace(analysis, quotes=analysis.quotes + (reported,))
    html = brief_fragment(analysis)
    assert ('<blockquote class="sl-reported"><span class="sl-kind">reported:</span> '
            'twelve workers were evacuated</blockquote>') in html
    assert "“twelve workers" not in html
    report = render_markdown([], [], [analysis])
    assert "- (reported) twelve workers were evacuated — Harbour Daily [1]" in report


def test_long_unchanged_stretches_of_a_cut_shortened(annotated):
    analysis = build_analysis(annotated)
    [quote] = analysis.quotes
    reference = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen")
    wording = reference.replace("thirteen", "THIRTY")
    text = f"{wording}. " + TRIBUNE.text
    tribune = replace(annotated["ct"], article=replace(TRIBUNE, text=text))
    carrier = replace(quote.carriers[1], start=0, end=len(wording))
    analysis = replace(analysis, articles=(analysis.articles[0], tribune, analysis.articles[2]),
                       quotes=(replace(quote, text=reference,
                                       carriers=(quote.carriers[0], carrier)),))
    html = brief_fragment(analysis)
    assert re.search(r'<span class="sl-diff"><span>… nine ten eleven twelve</span> '
                     r'<del title="left out">thirteen</del> <ins title="added">THIRTY</ins> '
                     r'<span>fourteen fifteen sixteen</span>', html)


def test_timeline_marks_the_words_that_date_each_event(analysis):
    charged = analysis.facts[1]
    text = ("In Portvale on Thursday, prosecutors charged a guard with manslaughter for "
            "killing a dock worker on the harbour road last week.")
    entries = (TimelineEntry(dt.date(2025, 2, 24), "week", text, charged.statements,
                             expression="last week"),
               TimelineEntry(dt.date(2025, 3, 6), "day", text, charged.statements,
                             expression="on Thursday"))
    analysis = replace(analysis, timeline=entries)
    html = brief_fragment(analysis)
    assert '<mark class="sl-when">last week</mark>' in html
    assert 'In Portvale <mark class="sl-when">on Thursday</mark>, prosecutors' in html
    rows = section(render_markdown([], [], [analysis]), "### Timeline").splitlines()[4:6]
    assert "…charged a guard with manslaughter for killing a dock worker on the harbour road " \
        "**last week**." in rows[0]
    assert "In Portvale **on Thursday**, prosecutors charged a guard with manslaughter for " \
        "killing a…" in rows[1]


@pytest.mark.parametrize("phrase, width, parts", [
    ("last week", None, ("In Portvale on Thursday, guards were charged for a killing ",
                         "last week", ".")),
    ("last week", 40, ("…were charged for a killing ", "last week", ".")),
    ("on Thursday", 40, ("…Portvale ", "on Thursday", ", guards were…")),
    ("in May", 40, ("In Portvale on Thursday, guards were…", "", "")),
])
def test_text_around_a_phrase_keeps_it_in_view(phrase, width, parts):
    text = "In Portvale on Thursday, guards were charged for a killing last week."
    assert around(text, phrase, width) == parts


def test_timeline_shows_each_date_once(analysis):
    evacuated = analysis.facts[1]
    timeline = analysis.timeline + (TimelineEntry(dt.date(2025, 3, 4), "day",
                                                  "Workers are evacuated.",
                                                  evacuated.statements, evacuated.id),)
    analysis = replace(analysis, timeline=timeline)
    html = brief_fragment(analysis)
    assert re.findall(r"<time datetime=\"([\d-]+)\">", html) == ["2025-03-04", "2025-03-10"]
    rows = section(render_markdown([], [], [analysis]), "### Timeline").splitlines()[4:7]
    assert [row.split(" | ")[0] for row in rows] == ["| 2025-03-04", "| ", "| 2025-03-10"]


# --- helpers ----------------------------------------------------------------------------

@pytest.mark.parametrize("url, link", [
    ("https://harbour.example/fire", "https://harbour.example/fire"),
    ("  HTTP://harbour.example/a?b=1 ", "HTTP://harbour.example/a?b=1"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None),
    ("java\tscript:alert(1)", None), ("data:text/html,<b>x</b>", None),
    ("//harbour.example/fire", None), ("/fire", None), ("https:///nohost", None), (None, None)])
def test_only_http_urls_become_links(url, link):
    assert safe_link(url) == link


@pytest.mark.parametrize("granularity, label", [
    ("day", "2025-03-04"), ("month", "2025-03"), ("quarter", "2025 Q1"), ("year", "2025"),
    ("decade", "2025s"), ("week", "week of 2025-03-04")])
def test_dates_shown_at_their_granularity(granularity, label):
    assert date_label(dt.date(2025, 3, 4), granularity) == label


def test_clip_and_bare_quote():
    assert clip("one  two\nthree four", 13) == "one two…"
    assert clip("short", 10) == "short"
    assert bare_quote("“We held that wall,” ") == "We held that wall"
    assert bare_quote('"It is the officials\' call,"') == "It is the officials' call"
    assert bare_quote('made it a partner "for peace"') == 'made it a partner "for peace"'
    # a speaker tag inside a quote is not the speaker's words
    assert bare_quote("“Nobody told us,” said Ann Lee, a teacher. “We saw it on TV.”") \
        == "Nobody told us … We saw it on TV."
    assert bare_quote('"Nobody told us," she said. "We saw it on TV."') \
        == "Nobody told us … We saw it on TV."
    assert bare_quote("‘It was “fair”, he said’") == "It was “fair”, he said"


def test_html_header_tells_unnamed_sources_from_outlets(annotated, analysis):
    assert "3 outlets\n" in brief_fragment(analysis)
    post = replace(POST, outlet=None)
    [annotated_post] = annotate([post], load_pipeline())
    unnamed = build_analysis({**annotated, "np": annotated_post}, (HARBOUR, TRIBUNE, post))
    html = brief_fragment(unnamed)
    assert "2 outlets and 1 unnamed source\n" in html
    assert "3 outlets" not in html
