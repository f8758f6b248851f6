"""The packaged int8 MiniLM sentence encoder: loads offline, embeds meaningfully."""

from __future__ import annotations

import numpy as np

from storylens.understand.sentence_encoder import DIMENSIONS, sentence_encoder


def test_paraphrases_are_closer_than_unrelated_sentences():
    vectors = sentence_encoder().encode([
        "Japan plans to raise defence spending to two percent of GDP by 2027.",
        "Tokyo intends to lift military spending to 2% of its economy by 2027.",
        "The library reopened after a two-year renovation.",
    ])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    paraphrase, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert paraphrase > 0.7 and unrelated < 0.3


def test_the_same_texts_always_get_the_same_vectors():
    texts = ["A short one.", "A much longer sentence about a fire in a port warehouse "
             "that injured twelve people on Tuesday evening.", "Mid-length text here."]
    first = sentence_encoder().encode(texts)
    assert np.array_equal(first, sentence_encoder().encode(texts))
    # A text's vector is its own, whatever is encoded beside it.
    singly = np.vstack([sentence_encoder().encode([t]) for t in texts])
    assert np.array_equal(first, singly)
    assert np.array_equal(sentence_encoder().encode([texts[1], texts[1]])[1], first[1])
    assert sentence_encoder().encode([]).shape == (0, DIMENSIONS)
