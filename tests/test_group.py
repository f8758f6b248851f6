"""Grouping: syndicated copies are one origin, reports of one event are one story,
two events of the same kind are two stories, and incremental grouping matches
grouping at once. Articles here are short made-up reports written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, deque

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from conftest import EXAMPLES

from storylens.engines.local import ingest_into
from storylens.group import StoryGrouper, assign, load, save
from storylens.group.stories import headline
from storylens.group.cluster import (CANDIDATES, ONE_OUTLET_UNDATED_JOIN, PAIR_FEATURES,
                                     POSTING_LIMIT, WINDOW_DAYS, StoryClusterer, StoryIndex,
                                     new_story_id, time_discount)
from storylens.group.features import article_features, headline_names
from storylens.group.join import MODEL_FILE, JoinModel, join_model
from storylens.group.dedup import (BANDS, PERMUTATIONS, ROWS, SCHEME, DuplicateIndex, _bands,
                                   containments, sketch)
from storylens.model import AnnotatedArticle, Article
from storylens.store import Store

WIRE = (
    "HALDEN, May 12 (Nordic Wire) — A passenger ferry ran aground near the island of "
    "Skarvøy on Sunday morning, and all 214 people on board were brought ashore by "
    "rescue boats, the coastguard said. The ferry Solbris, operated by Fjordlink, "
    "struck rocks shortly after leaving Halden harbour in dense fog. Coastguard "
    "spokeswoman Ingrid Lunde said three passengers were treated for minor injuries "
    "and that a small amount of diesel had leaked into the water. \"The crew acted "
    "quickly and calmly,\" Lunde said. Fjordlink said it had suspended the route while "
    "investigators from the maritime authority examine the hull. The company added "
    "that the ferry had passed its annual inspection in March. Divers were expected to "
    "inspect the damage on Monday, and salvage crews will try to refloat the vessel at "
    "high tide later this week, the coastguard said."
)


def annotated(article_id: str, title: str, text: str, outlet: str,
              published: dt.date | None = None) -> AnnotatedArticle:
    return AnnotatedArticle(Article(id=article_id, text=text, title=title, outlet=outlet,
                                    published=published))


def wire_copies() -> list[AnnotatedArticle]:
    """The wire dispatch as three outlets ran it: new headlines, edits, trims, boilerplate."""
    edited = WIRE.replace("brought ashore", "taken ashore").replace("dense fog", "thick fog")
    trimmed = WIRE.rsplit(" Divers were expected", 1)[0]
    return [
        annotated("coast-post", "Ferry runs aground off Skarvøy, 214 rescued", WIRE,
                  "Coast Post", dt.date(2024, 5, 12)),
        annotated("daily-star", "All passengers safe after ferry hits rocks in fog",
                  "Advertisement\n\n" + edited + "\n\nSign up for our morning newsletter.",
                  "Daily Star", dt.date(2024, 5, 12)),
        annotated("metro-news", "Fog blamed as Solbris ferry grounds near Halden",
                  trimmed + "\n\nRead more: our maritime coverage.", "Metro News",
                  dt.date(2024, 5, 13)),
    ]


INDEPENDENT = annotated(
    "harbour-times", "Skarvøy ferry grounding: passengers describe fog and panic",
    "Passengers on the ferry Solbris described a sudden jolt and a moment of panic when "
    "the vessel struck rocks off Skarvøy in fog on Sunday. \"We heard a bang and the "
    "floor tilted,\" said Mats Olsen, a teacher from Halden travelling with his son. "
    "Rescue boats took all 214 passengers and crew ashore within two hours. Fjordlink, "
    "the operator, has suspended the Halden route. The coastguard said diesel had "
    "leaked from the ferry and a clean-up crew was on its way to the island.",
    "Harbour Times", dt.date(2024, 5, 12))

EARTHQUAKES = [
    annotated("quake-a1", "Magnitude 6.1 earthquake shakes Veloria, killing 9",
              "A magnitude 6.1 earthquake struck the mountain province of Veloria before "
              "dawn, killing nine people and collapsing dozens of stone houses in the "
              "village of Marenco, the civil protection agency said. Governor Paolo Serrat "
              "said 40 people were injured and 600 spent the night in tents. Rescuers with "
              "sniffer dogs searched the rubble of the Marenco school.", "Alpine Herald"),
    annotated("quake-a2", "Nine dead as quake flattens homes in Marenco",
              "Rescuers in Marenco pulled survivors from collapsed stone houses after a "
              "6.1-magnitude quake hit Veloria province, where nine people died. Governor "
              "Paolo Serrat declared a state of emergency and said 600 residents would "
              "sleep in tents. The Marenco school was badly damaged.", "Evening Courier"),
    annotated("quake-b1", "Strong earthquake hits coastal Tamsar; tsunami warning lifted",
              "A magnitude 7.3 earthquake struck off the coast of Tamsar, cracking roads "
              "in the port city of Bellhaven and prompting a brief tsunami warning, "
              "seismologists said. Mayor Hana Okoro said two people were killed by falling "
              "masonry and the Bellhaven container terminal was closed. The warning was "
              "lifted after two hours.", "Alpine Herald"),
    annotated("quake-b2", "Bellhaven port closed after 7.3 quake off Tamsar",
              "Two people died in Bellhaven when a 7.3-magnitude earthquake struck off the "
              "Tamsar coast. Mayor Hana Okoro said the container terminal would stay "
              "closed while engineers checked the quays. A tsunami warning issued by "
              "seismologists was lifted.", "Evening Courier"),
]


def partition(grouper: StoryGrouper) -> set[frozenset[str]]:
    return {frozenset(story.article_ids) for story in grouper.stories()}


def test_wire_copied_by_three_outlets_is_one_origin():
    grouper = StoryGrouper()
    for article in [*wire_copies(), INDEPENDENT]:
        grouper.add(article)
    [story] = grouper.stories()
    assert set(story.article_ids) == {"coast-post", "daily-star", "metro-news", "harbour-times"}
    assert story.origins == (("coast-post", "daily-star", "metro-news"),)
    assert story.outlets == ("Coast Post", "Daily Star", "Harbour Times", "Metro News")
    assert (story.first_published, story.last_published) == (dt.date(2024, 5, 12),
                                                              dt.date(2024, 5, 13))


def test_copy_direction_and_containment():
    index = DuplicateIndex()
    full, edited, trimmed = wire_copies()
    # The trimmed copy arrives first but is dated later: it is still the copy.
    assert index.add(trimmed.article.id, sketch(trimmed.article.text),
                     trimmed.article.published) == []
    [copy] = index.add(full.article.id, sketch(full.article.text), full.article.published)
    assert (copy.article_id, copy.original_id) == ("metro-news", "coast-post")
    assert copy.containment > 0.85 and 0.6 < copy.coverage < 0.95
    assert index.origins() == [["coast-post", "metro-news"]]


def test_an_outlets_template_makes_no_copy_of_its_articles_but_a_version_does():
    # One outlet's pages share its furniture (a standing blurb, a gallery) that cleaning
    # may not know; two of its articles are one text only when most of both is shared.
    template = " ".join(f"Coast Post photo {n}: the harbour, the ferries and the islands "
                        f"of the coast in the year {1990 + n}, from our archive."
                        for n in range(12))
    stories = [INDEPENDENT.article.text, EARTHQUAKES[0].article.text]
    assert 0.5 < max(containments(sketch(f"{stories[0]} {template}"),
                                  sketch(f"{stories[1]} {template}"))) < 0.8
    index = DuplicateIndex()
    for n, text in enumerate(stories):
        assert index.add(f"post-{n}", sketch(f"{text} {template}"), None, "Coast Post") == []
    edited = WIRE.replace("brought ashore", "taken ashore")
    index.add("post-wire", sketch(WIRE), None, "Coast Post")
    [version] = index.add("post-wire-update", sketch(edited), None, "Coast Post")
    assert version.original_id == "post-wire"
    # The same shared share between two outlets makes a copy.
    other = DuplicateIndex()
    other.add("a", sketch(f"{stories[0]} {template}"), None, "Coast Post")
    assert len(other.add("b", sketch(f"{stories[1]} {template}"), None, "Daily Star")) == 1


def test_independent_report_of_the_same_event_is_no_copy():
    wire, independent = sketch(WIRE), sketch(INDEPENDENT.article.text)
    assert max(containments(wire, independent)) < 0.2


def test_two_events_of_the_same_kind_are_two_stories():
    grouper = StoryGrouper()
    for article in EARTHQUAKES:
        grouper.add(article)
    assert partition(grouper) == {frozenset({"quake-a1", "quake-a2"}),
                                  frozenset({"quake-b1", "quake-b2"})}


def test_a_story_that_joined_two_events_is_split_and_the_store_follows(tmp_path):
    # With a join threshold of 0 every report joins the story: the four earthquake
    # reports are one story until its members show the two events.
    grouper = StoryGrouper(StoryClusterer(join_threshold=0.0))
    two_events = {frozenset({"quake-a1", "quake-a2"}), frozenset({"quake-b1", "quake-b2"})}
    with Store(tmp_path / "news.db") as store:
        for article in EARTHQUAKES:
            store.add(article)
        save(store, grouper, [grouper.add(a) for a in EARTHQUAKES[:3]])
        assert [len(s.article_ids) for s in store.stories()] == [3]
        last = grouper.add(EARTHQUAKES[3])
        save(store, grouper, [last])
        assert partition(grouper) == two_events
        # The half with the founding report keeps the story's id; the report that
        # had joined it with the fourth moves to a new one.
        assert (last.split_from, last.moved) == (new_story_id("quake-a1"), ("quake-b1",))
        assert store.story_of("quake-b1") == store.story_of("quake-b2") == last.story_id
        assert {frozenset(s.article_ids) for s in store.stories()} == two_events
        # Both stories' rows were rewritten: labels of their own reports.
        labels = {s.id: s.label for s in store.stories()}
        assert "Veloria" in labels[new_story_id("quake-a1")]
        assert "Tamsar" in labels[last.story_id]
        assert partition(load(store)) == two_events


def test_the_same_kind_of_event_months_apart_is_another_story():
    same_week, months_later = StoryGrouper(), StoryGrouper()
    for grouper, published in ((same_week, dt.date(2024, 5, 13)),
                               (months_later, dt.date(2024, 11, 3))):
        grouper.add(wire_copies()[0])
        grouper.add(annotated("later", INDEPENDENT.article.title, INDEPENDENT.article.text,
                              "Harbour Times", published))
    assert len(same_week.stories()) == 1
    assert len(months_later.stories()) == 2


def test_reports_days_apart_do_not_chain_into_a_story_of_weeks():
    # Reports alike in every feature (one topic's events, no copies), each four days
    # after the one before: stories of under two weeks, not one of three weeks.
    clusterer = StoryClusterer()
    features = {"w:ferry": 1.0, "w:fog": 1.0, "w:ground": 1.0, "p:anna lund": 1.0,
                "g:skarvoy": 1.0, "h:ferry": 1.0}
    start = dt.date(2024, 5, 13)
    stories = [clusterer.add(f"report-{n}", features, start + dt.timedelta(days=4 * n))
               .story_id for n in range(6)]
    assert stories[1] == stories[0] and len(set(stories)) > 1
    assert max(Counter(stories).values()) <= 4  # at most 12 days of reports


DIGEST_FORMAT = (
    "From the Left. The left argues that the decision is a mistake, writing in the "
    "Washington Post that voters deserve better. From the Right. The right argues that "
    "the decision is overdue, writing in National Review that the promise was kept. ")
DIGESTS = {
    "budget": "The White House sent its budget proposal to Congress on Monday, with deep cuts "
              "to foreign aid and housing programmes and more money for the border wall and "
              "defence. Appropriators in both chambers said the plan would not pass as written.",
    "nato": "NATO leaders met in London for a summit marking the alliance's seventieth "
            "anniversary. The meeting was overshadowed by a row between France and Turkey over "
            "Syria, and by remarks the Canadian prime minister made at a reception.",
}


def test_undated_articles_of_one_outlet_need_a_sure_join():
    # One outlet's undated digests share its format, and nothing dates them apart:
    # the words alone give two events a join probability the model would accept. From
    # a second outlet the pair is left to the model (reports of one event usually
    # come from several outlets).
    budget, nato = (article_features(annotated(k, k.title(), DIGEST_FORMAT + text, "Digest"))
                    for k, text in DIGESTS.items())
    for nato_outlet, stories in (("Digest", 2), ("Other Digest", 1)):
        clusterer = StoryClusterer()
        clusterer.add("budget", budget, None, outlet="Digest")
        placement = clusterer.add("nato", nato, None, outlet=nato_outlet)
        assert clusterer.join_threshold < placement.probability < ONE_OUTLET_UNDATED_JOIN
        assert len(clusterer.clusters) == stories


def test_time_discount():
    day = dt.date(2024, 5, 12)
    assert time_discount(day, day, day + dt.timedelta(days=3)) == 1.0
    assert time_discount(day + dt.timedelta(days=17), day - dt.timedelta(days=3),
                         day + dt.timedelta(days=3)) == 0.5 ** (1 + 13 / 3.5)
    # A week after a story of a week: half of a halving for the gap, two for the
    # week it adds beyond one.
    assert time_discount(day + dt.timedelta(days=14), day,
                         day + dt.timedelta(days=7)) == 0.5 ** 2.5
    # a story no longer than a week is not discounted for its span
    assert time_discount(day + dt.timedelta(days=7), day, day + dt.timedelta(days=7)) == 1.0
    assert time_discount(day + dt.timedelta(days=10), day + dt.timedelta(days=3),
                         day + dt.timedelta(days=10)) == 1.0
    assert time_discount(None, day, day) == time_discount(day, None, None) == 1.0


def _pair(story: list[dict[str, float]], article: dict[str, float]) -> dict[str, float]:
    """The pair features of `article` against a story made of `story`'s articles."""
    clusterer = StoryClusterer()
    for n, features in enumerate(story):
        clusterer.add(f"member-{n}", features, story_id="story")
    ids, weights = clusterer.vocabulary.add_document(article)
    [candidate] = clusterer.candidates(ids, weights, None, [clusterer.clusters["story"]])
    return dict(zip(PAIR_FEATURES, candidate.features))


def test_pair_features_tell_who_from_what():
    words = {"w:earthquake": 2.0, "w:magnitude": 1.0, "w:collapsed": 1.0}
    story = [{**words, "p:serrat": 2.0, "g:marenco": 1.0, "n:9": 1.0},
             {**words, "p:serrat": 1.0, "g:marenco": 2.0, "n:9": 1.0}]
    same = _pair(story, {**words, "p:serrat": 1.0, "g:marenco": 1.0})
    other = _pair(story, {**words, "p:okoro": 1.0, "g:bellhaven": 1.0, "n:2": 1.0})
    assert same["cosine_w"] == other["cosine_w"] > 0.99
    assert same["cosine_p"] > 0.99 and other["cosine_p"] == 0.0
    assert other["article_covered_p"] == other["story_covered_g"] == 0.0
    assert same["article_covered_g"] > 0.99 and same["both_n"] == 0.0
    assert other["both_n"] == 1.0 and other["cosine_n"] == 0.0
    assert same["log_size"] == np.log(2) and same["best_member"] >= same["mean_member"]
    assert join_model().probability(np.array([same[n] for n in PAIR_FEATURES])) > \
        join_model().probability(np.array([other[n] for n in PAIR_FEATURES]))


def test_a_story_is_labelled_by_the_title_sharing_most_words_with_the_others():
    # Every title names the town; a short one naming only the town does not beat
    # the one that also names what most of the others report.
    titles = ["Veloria mourns",
              "Army engineers reinforce Veloria levee as flood waters rise",
              "Veloria levee holds overnight",
              "Flood waters reach Veloria farms",
              "Veloria schools closed",
              "Army engineers arrive in Veloria",
              "Veloria residents shelter in church"]
    assert headline(titles) == "Army engineers reinforce Veloria levee as flood waters rise"
    assert headline([None, "  "]) == "(untitled)"


def test_headline_names_are_whole_names_of_the_headline():
    names = Counter({"p:jamal williams": 2, "p:williams": 2, "p:a.j. smith": 1, "o:nfl": 1,
                     "g:san diego": 1, "p:will": 1})
    assert set(headline_names(names, "Chargers' Jamal Williams held; A.J. Smith silent")) == {
        "m:jamal williams", "m:williams", "m:a.j. smith"}
    assert headline_names(names, "") == Counter()


def test_join_model_is_fitted_and_shipped_for_every_pair_feature():
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(shipped["weights"]) == set(PAIR_FEATURES)
    rng = np.random.default_rng(0)
    features = rng.normal(size=(400, 2))
    labels = (features[:, 0] - features[:, 1] > 0).astype(float)
    model = JoinModel.fit(("a", "b"), features, labels, l2=1.0)
    assert model.weights[0] > 1 and model.weights[1] < -1
    assert ((model.probability(features) > 0.5) == labels).mean() > 0.97


def test_candidates_share_most_features_within_the_time_window():
    # A story is a candidate by how many of the article's posting lists hold it (ties:
    # the one met first), each list holding the POSTING_LIMIT stories indexed under it
    # last, unless it is dated and both its ends lie beyond the window. The index
    # counts in numpy; checked here against counting the stories one by one.
    rng = np.random.default_rng(7)
    day = dt.date(2020, 1, 1)
    index, postings, spans = StoryIndex(), {}, {}
    for _ in range(4000):
        story = f"story-{rng.integers(1500)}"
        features = 50 * rng.choice(60, size=rng.integers(1, 9), replace=False)
        first = None if rng.random() < 0.2 else day + dt.timedelta(days=int(rng.integers(720)))
        spans[story] = (first, first and first + dt.timedelta(days=int(rng.integers(30))))
        index.update(story, features, *spans[story])
        for feature in features.tolist():
            posting = postings.setdefault(feature, deque(maxlen=POSTING_LIMIT))
            if story in posting:
                posting.remove(story)
            posting.append(story)
    assert max(map(len, postings.values())) == POSTING_LIMIT
    for _ in range(300):
        features = 50 * rng.choice(70, size=rng.integers(1, 41), replace=False)
        published = None if rng.random() < 0.2 else day + dt.timedelta(
            days=int(rng.integers(760)))
        hits: Counter[str] = Counter()
        for feature in features.tolist():
            hits.update(postings.get(feature, ()))
        expected = [story for story, _ in hits.most_common()
                    if not (published and spans[story][0] and all(
                        abs((published - end).days) > WINDOW_DAYS for end in spans[story]))]
        assert index.search(features, published, CANDIDATES) == expected[:CANDIDATES]


def test_copy_candidates_are_those_datasketchs_lsh_finds():
    # Articles whose signatures agree on a whole band are checked for copying. The
    # index keeps its buckets lean, but finds what datasketch's MinHashLSH finds with
    # the banding it chooses for a Jaccard threshold of 0.3.
    lsh = MinHashLSH(threshold=0.3, num_perm=PERMUTATIONS)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)
    index = DuplicateIndex()
    rng = np.random.default_rng(3)
    for n in range(300):
        # Three values only: bands are often shared, by two articles or more.
        signature = rng.integers(0, 3, size=PERMUTATIONS).astype(np.uint32)
        minhash = LeanMinHash(seed=1, hashvalues=signature, scheme=SCHEME)
        assert index._sharing_a_band(_bands(signature)) == set(lsh.query(minhash))
        index._insert(f"article-{n}", _bands(signature))
        lsh.insert(f"article-{n}", minhash)


def test_incremental_grouping_in_a_store_matches_grouping_at_once(tmp_path):
    articles = [*wire_copies(), INDEPENDENT, *EARTHQUAKES]
    at_once = StoryGrouper()
    for article in articles:
        at_once.add(article)
    with Store(tmp_path / "news.db") as store:
        for article in articles:
            store.add(article)
        first = assign(store, articles[:3])
        assert [len(s.article_ids) for s in first] == [3]
        assign(store, articles)  # the first three again: left as they are
        stored = {frozenset(s.article_ids) for s in store.stories()}
        assert stored == partition(at_once)
        assert partition(load(store)) == stored
        [ferry] = [s for s in store.stories() if "coast-post" in s.article_ids]
        assert ferry.origins == (("coast-post", "daily-star", "metro-news"),)
        assert store.story_of("metro-news") == ferry.id
        # Every pair of the three is a copy, the later one copying the earlier.
        assert {(c.article_id, c.original_id) for c in store.copies()} == {
            ("daily-star", "coast-post"), ("metro-news", "coast-post"),
            ("metro-news", "daily-star")}


def test_the_three_seeds_form_one_story(seeds, tmp_path):
    with Store(tmp_path / "seeds.db") as store:
        report = ingest_into(store, [str(seeds)])  # ingest groups what it stores
        stories = store.stories()
    assert len(report.article_ids) == 3
    assert [len(s.article_ids) for s in stories] == [3]
    assert stories[0].origins == ()


def test_demo_corpus_one_fire_story_with_one_wire_origin(tmp_path):
    with Store(tmp_path / "demo.db") as store:
        ingest_into(store, [str(EXAMPLES / "articles")])  # ingest groups what it stores
        stories = store.stories()
        outlet = {a.id: a.outlet for a in store.articles()}
    fire, library = sorted(stories, key=lambda s: -len(s.article_ids))
    assert len(fire.article_ids) == 4 and len(library.article_ids) == 1
    [origin] = fire.origins
    assert [outlet[i] for i in origin] == ["The Northern Ledger", "Valley Courier"]
