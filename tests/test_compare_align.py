"""Statement alignment's hard logic: token alignment, the rule on speakers' words and
the fact decision.

Texts are short made-up sentences; the encoder is the packaged int8 MiniLM.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import numpy as np

from storylens.compare.align import (FACT_EVIDENCE, align, cosine_margins, decide_facts,
                                     embed_with_tokens, lexical_similarities,
                                     pair_probabilities, token_f1,
                                     token_matches, token_similarities, told_pieces,
                                     told_similarities, told_words)
from storylens.compare.figures import disagreeing_figures
from storylens.compare.statements import DescribedStatement
from storylens.group.features import words
from storylens.model import Quantity, Statement
from storylens.understand.quotes.linear import LinearModel

LABELS = Path(__file__).resolve().parents[1] / "training" / "data" / "fact_labels.tsv"

TEXTS = [
    # three articles of one story: a paraphrase pair, and a pair that shares only
    # the story's names
    ("a", "The mayor of Calder opened the new bridge over the river on Monday."),
    ("a", "The mayor of Calder said the city budget would be cut next year."),
    ("b", "Calder's mayor inaugurated the river crossing on Monday."),
    ("c", "The harbour of Calder will close for repairs, the mayor warned."),
    ("c", "Calder residents queued for hours to see the new bridge."),
]


def _statement(article_id: str, text: str, speaker: str | None = None,
               verbatim: bool = False) -> DescribedStatement:
    return DescribedStatement(Statement(article_id, 0, len(text)), text, None, 5,
                              frozenset(text.lower().split()), frozenset(), frozenset(),
                              frozenset(), frozenset(), speaker, verbatim=verbatim)


def test_token_alignment_prefers_what_happened_over_shared_names():
    statements = [_statement(a, t) for a, t in TEXTS]
    texts = [t for _, t in TEXTS]
    _, pieces = embed_with_tokens(statements)
    pairs = np.array([[0, 2], [1, 2], [2, 0], [1, 3]])
    recall, precision = token_matches(texts, pieces, pairs)
    opened, budget, reversed_pair, harbour = 2 * recall * precision / (recall + precision)
    assert opened > budget + 0.1 and opened > harbour + 0.1
    # each side's match read from the other side
    assert np.isclose(recall[0], precision[2], atol=1e-5)
    assert np.isclose(opened, reversed_pair, atol=1e-5)
    same = token_matches(texts, pieces, np.array([[0, 0]]))
    assert min(same) > 0.99


def test_names_are_left_to_the_name_features_except_in_headlines():
    sentence = "Police in Calder said Ana Ruiz had left."
    headline = "Calder Police Say Ana Ruiz Has Left"
    _, (in_sentence, in_headline) = embed_with_tokens(
        [_statement("a", sentence), _statement("b", headline)])
    told = told_pieces(sentence, in_sentence)
    kept = {sentence[a:b] for (a, b), keep in zip(in_sentence.offsets, told) if keep}
    assert kept == {"Police", "in", "said", "had", "left", "."}
    assert told_pieces(headline, in_headline).all()


def test_token_similarities_score_only_pairs_across_articles():
    statements = [_statement(a, t) for a, t in TEXTS]
    embeddings, pieces = embed_with_tokens(statements)
    lexical = np.ones((len(statements),) * 2, dtype=np.float32)
    matches = token_similarities(statements, embeddings, lexical, pieces)
    assert np.allclose(token_f1(matches), token_f1(matches).T)
    assert matches[0, 1] == 0 and matches[3, 4] == 0  # same article
    assert (matches[0, 2:] > 0).all() and (matches[2:, 0] > 0).all()


def test_token_matches_tell_which_side_says_more():
    """A claim told beside the shared one leaves the longer statement half matched."""
    texts = ["The mayor opened the new bridge on Monday.",
             "The mayor opened the new bridge on Monday and announced that property "
             "taxes would rise sharply next year."]
    _, pieces = embed_with_tokens([_statement(str(k), t) for k, t in enumerate(texts)])
    [short_matched], [long_matched] = token_matches(texts, pieces, np.array([[0, 1]]))
    assert short_matched > long_matched + 0.1


def _always_aligned() -> LinearModel:
    return LinearModel(bias=5.0)


def test_the_words_of_two_speakers_are_never_one_statement():
    statements = [
        _statement("a", "We will rebuild the bridge within a year.", "Ana Ruiz", True),
        _statement("b", "We will never pay for a new bridge.", "Tom Berg", True),
        _statement("c", "The bridge is to be rebuilt within a year, Ruiz said.", "Ana Ruiz"),
    ]
    embeddings, _ = embed_with_tokens(statements)
    lexical = np.full((3, 3), 0.3, dtype=np.float32)
    probabilities = pair_probabilities(statements, embeddings, _always_aligned(), lexical,
                                       np.ones((3, 3), dtype=np.float32))
    assert probabilities[0, 1] == 0  # two speakers' own words
    assert probabilities[0, 2] > 0.9  # her words, reported by another outlet
    assert probabilities[1, 2] > 0.9  # only one side is verbatim


def test_people_speaking_together_speak_with_each_ones_voice():
    statements = [
        _statement("a", "We will rebuild the bridge within a year.", "Ana Ruiz and Tom Berg",
                   True),
        _statement("b", "We will rebuild the bridge within a year.", "Ana Ruiz", True),
        _statement("c", "We will rebuild the bridge within a year.", "Eva Lind", True),
    ]
    embeddings, _ = embed_with_tokens(statements)
    probabilities = pair_probabilities(statements, embeddings, _always_aligned(),
                                       np.full((3, 3), 0.3, dtype=np.float32),
                                       np.ones((3, 3), dtype=np.float32))
    assert probabilities[0, 1] > 0.9  # the joint statement is hers too
    assert probabilities[0, 2] == 0 and probabilities[1, 2] == 0  # not Eva Lind's


def test_one_quote_credited_to_two_speakers_still_aligns():
    """The same words credited to different people: one statement, whose speakers
    conflict (for compare.conflicts), not two."""
    quote = "We will rebuild the bridge within a year and we will not raise taxes."
    statements = [_statement("a", quote, "Ana Ruiz", True),
                  _statement("b", quote, "Tom Berg", True)]
    embeddings, _ = embed_with_tokens(statements)
    probabilities = pair_probabilities(statements, embeddings, LinearModel(bias=-5.0),
                                       np.ones((2, 2), dtype=np.float32),
                                       np.zeros((2, 2), dtype=np.float32))
    assert probabilities[0, 1] > 0.9


def _described(article_id: str, text: str, names: tuple[str, ...] = ()) -> DescribedStatement:
    return replace(_statement(article_id, text), words=frozenset(words(text)),
                   names=frozenset(names))


def test_told_words_leave_out_names_and_meet_across_inflections():
    building = told_words(_described("a", "Jens Stoltenberg said Japan was building ships.",
                                     ("Jens Stoltenberg", "Japan")))
    build = told_words(_described("b", "Japan will build more ships, Stoltenberg said.",
                                  ("Stoltenberg", "Japan")))
    assert not {"jens", "stolt", "japan"} & building
    assert {"build", "ship"} <= building & build


def test_told_coverage_is_directed_and_margins_single_out_a_partner():
    statements = [
        _described("a", "Japan will build more warships.", ("Japan",)),
        _described("b", "Japan will build more warships and double its budget for tanks.",
                   ("Japan",)),
        _described("b", "Farmers protested outside the town hall.")]
    _, _, covered = told_similarities(statements, np.array([[0, 1]]))
    assert np.isclose(covered[0, 0], 1.0) and covered[0, 1] < 0.7
    cosines = np.array([[1.0, 0.8, 0.3], [0.8, 1.0, 0.2], [0.3, 0.2, 1.0]])
    assert np.isclose(cosine_margins(statements, cosines, np.array([[0, 1]]))[0], 0.5)
    cosines[0, 2] = cosines[2, 0] = 0.75  # a rival nearly as close in the same article
    assert np.isclose(cosine_margins(statements, cosines, np.array([[0, 1]]))[0], 0.05)


def test_fact_decision_picks_partners_by_what_they_tell_and_keeps_no_rejected_pair():
    statements = [
        _described("a", "The mayor opened the new bridge over the river on Monday."),
        _described("b", "The mayor said that taxes would rise next year."),
        _described("b", "The new bridge over the river was opened by the mayor on Monday."),
        _described("c", "Farmers protested outside the town hall on Monday."),
    ]
    embeddings, _ = embed_with_tokens(statements)
    lexical = lexical_similarities(statements)
    tokens = np.zeros((4, 4), dtype=np.float32)
    probabilities = np.zeros((4, 4), dtype=np.float32)
    for (i, j), p in {(0, 1): 0.9, (0, 2): 0.5, (0, 3): 0.1}.items():
        probabilities[i, j] = probabilities[j, i] = p
    # a decision that trusts what two statements tell, names and story aside
    told_alike = LinearModel(bias=-5.0,
                             dense=[10.0 if name == "told" else 0.0 for name in FACT_EVIDENCE])
    _, kept, groups = decide_facts(probabilities, statements, embeddings, lexical, tokens,
                                   pair_threshold=0.2, model=told_alike, threshold=0.5)
    assert kept[0, 2] > 0.9 and kept[0, 1] == 0  # the pair model's favourite is dropped
    assert [0, 2] in groups and [1] in groups
    # a decision that accepts everything still adds no pair the pair model rejects
    kept = decide_facts(probabilities, statements, embeddings, lexical, tokens,
                        pair_threshold=0.2, model=_always_aligned(), threshold=0.5).kept
    assert kept[0, 3] == 0


def _counted(article_id: str, text: str, figure: str, value: float,
             unit: str) -> DescribedStatement:
    start = text.index(figure)
    return replace(_described(article_id, text), quantities=(
        Quantity(start, start + len(figure), figure, value, unit),))


def test_counts_that_differ_are_two_facts_unless_aligned_close_enough_to_dispute():
    statements = [
        _counted("a", "On the Republican side, the governor has 384 delegates.",
                 "384 delegates", 384, "delegates"),
        _counted("b", "The governor leads the Republican race with 329 delegates.",
                 "329 delegates", 329, "delegates"),
        # two sums in one fact may measure different things: a watch, a spending spree
        _counted("a", "He admitted buying a $43,000 watch with campaign money.",
                 "$43,000", 43_000, "USD"),
        _counted("b", "He admitted spending $750,000 of campaign money on himself.",
                 "$750,000", 750_000, "USD"),
    ]
    embeddings, _ = embed_with_tokens(statements)
    lexical = lexical_similarities(statements)
    tokens = np.zeros((4, 4), dtype=np.float32)
    probabilities = np.zeros((4, 4), dtype=np.float32)
    probabilities[0, 1] = probabilities[1, 0] = probabilities[2, 3] = \
        probabilities[3, 2] = 0.5

    def kept(probabilities):
        return decide_facts(probabilities, statements, embeddings, lexical, tokens,
                            pair_threshold=0.2, model=_always_aligned(),
                            threshold=0.5).kept

    assert kept(probabilities)[0, 1] == 0 and kept(probabilities)[2, 3] > 0
    # told closely alike, they stay one fact, for the conflict to show both figures
    lexical[0, 1] = lexical[1, 0] = 0.9
    probabilities[0, 1] = probabilities[1, 0] = 0.95
    assert kept(probabilities)[0, 1] > 0


def test_tallies_without_units_disagree_as_pairs():
    # "Clinton leads 672 to 477" and "1,066 to 432" were one corroborated fact
    assert disagreeing_figures("Clinton leads Sanders 672 to 477 in pledged delegates.", (),
                               "Clinton leads 1,066 to 432.", (), counts_only=True) == (
        "672 to 477", "1,066 to 432")
    assert disagreeing_figures("The bill passed 220 to 207.", (),
                               "The House passed it 220-207 on Friday.", ()) is None
    # ranges are no tallies
    assert disagreeing_figures("Voters aged 18 to 24 backed him.", (),
                               "Voters aged 25 to 34 backed him.", ()) is None


def test_shipped_decision_joins_a_paraphrase_not_a_shared_subject():
    statements = [_described(a, t) for a, t in TEXTS]
    embeddings, pieces = embed_with_tokens(statements)
    _, _, groups = align(statements, embeddings, pieces=pieces)
    assert any({0, 2} <= set(g) for g in groups)  # the bridge opened, in other words
    # the mayor's budget shares only the town and the mayor with the others
    assert [1] in groups


def test_fact_labels_hold_offsets_and_labels_only():
    """Evaluation text never enters the project: a label is ids, offsets, 0 or 1."""
    with LABELS.open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    assert rows[0] == ["event", "article_a", "start_a", "end_a", "article_b", "start_b",
                       "end_b", "label"]
    for event, article_a, *offsets_a, article_b, start_b, end_b, label in rows[1:]:
        assert all(x.startswith("basil-") for x in (event, article_a, article_b))
        assert all(int(x) >= 0 for x in (*offsets_a, start_b, end_b))
        assert label in ("0", "1")
