"""Statement alignment: which statements of a story's articles report the same fact.

Sentence similarity alone cannot tell "an earthquake struck" in one report from the
same words about another quake, nor see that "reach the benchmark of 2% of GDP in
2027" and "raise defence spending to two percent of GDP by fiscal 2027" agree. So a
pair of statements from two articles is judged on several kinds of evidence, after
the event-coreference features of Cybulska & Vossen (2015) and Barhom et al. (2019):

- meaning: cosine of their MiniLM sentence embeddings (paraphrase-aware), and the
  greedy matching of their contextual word pieces weighted by rarity in the story
  (BERTScore, Zhang et al., ICLR 2020), names left out: two reports of one fact
  agree on what happened, not only on whom it is about;
- wording: cosine of their content words weighted by inverse frequency in the story
  (a word every statement uses says nothing);
- who and where: the story-wide entity names both mention, or that only one does;
- how many and when: numbers and dates that agree, or disagree;
- who says it: the speaker when both lie inside quotes; the verbatim words of two
  different speakers are never one statement (unless near-paraphrases: then one
  outlet credits another speaker, a conflict for `compare.conflicts` to show);
- where it stands: news states its main event first, so lead sentences of two
  reports of one story usually tell the same fact.

A logistic regression over those signals (binned into indicator features; weights
trained on ECB+ dev event chains by `training/train_alignment.py`, shipped as
`alignment.json.gz`) gives each pair a probability. ECB+ links sentences that share
an event chain, which is topic-level event coreference: two statements about the
same people in the same story score high without telling the same claim. So each
pair the pair model accepts then meets a second decision, the fact decision,
trained on pairs of BASIL statements labelled by hand as "one would corroborate the
other" or not (`training/label_facts.py`): a logistic regression over the pair
probability, the meaning and wording similarities, what the two statements tell
once the names are left out (`told_words`), each measured both ways (a statement
that adds a claim to the shared subject is matched only in part: `token_matches`,
`told_similarities`), how much closer the two are than either is to the rest of
the other's article (`cosine_margins`), and whether their names, numbers, dates
and speakers agree (`fact_evidence`). Its threshold is the lowest whose precision
on held-out events reaches 0.90: a corroborated fact made of two claims is an
invented fact, a missed pair leaves two statements single-source. It never keeps a
pair the pair model rejects. Of the pairs it keeps, the reciprocal best matches
(`reciprocal_best`) make facts: the groups of statements that average-link
clustering (Voorhees, 1986) joins, so a fact never rests on one strong but isolated
resemblance. A statement and its negation (`polarity`: "my campaign was spied on" /
"no one spied on the Trump campaign") are never kept as one fact, unless they are
so close that `conflicts` shows them as a dispute.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from ..disjoint import DisjointSets
from ..group.features import smoothed_idf, words
from ..understand.quotes.linear import LinearModel, load_models, sigmoid
from ..understand.sentence_encoder import TokenStates, sentence_encoder
from ..understand.speakers import voices
from .figures import disagreeing_figures
from .polarity import opposite_polarity
from .quotes import STEM_LETTERS
from .statements import DescribedStatement, unnamed_words

MODEL_FILE = Path(__file__).with_name("alignment.json.gz")
#: Pairs below both of these similarities are never aligned: it keeps the scored
#: pairs few in large stories, and no aligned pair of ECB+ dev falls below both.
MIN_COSINE = 0.25
MIN_LEXICAL = 0.1
#: Near-paraphrases (this close in meaning and in wording) tell one fact whatever
#: their numbers, dates or negations say: where those differ it is a conflict, for
#: `compare.conflicts` to show, not a second fact. The learned model cannot know it,
#: as in ECB+ differing numbers mean a different event.
PARAPHRASE_COSINE = 0.8
PARAPHRASE_LEXICAL = 0.5
#: Sentences counted as the lead of an article.
LEAD_SENTENCES = 2
#: Two statements this close (pair probability and shared wording) tell the same
#: thing: where they differ in a number, a date or a negation, that is a conflict.
CLOSE_PROBABILITY = 0.7
CLOSE_LEXICAL = 0.4


@functools.lru_cache(maxsize=None)
def _step_names(name: str, steps: tuple[float, ...]) -> tuple[str, ...]:
    return tuple(f"{name}>={step:g}" for step in steps)


def _cumulative(name: str, value: float, steps: tuple[float, ...]) -> list[str]:
    """Indicator features "name>=t" for every step t the value reaches (`steps`
    ascending; the names are made once: every scored pair asks for dozens)."""
    return list(_step_names(name, steps)[:bisect.bisect_right(steps, value)])


_SIMILARITY_STEPS = tuple(round(0.05 * k, 2) for k in range(2, 20))
#: Token alignment of unrelated statements of a story is ~0.3, of paraphrases ~0.6.
_TOKEN_STEPS = tuple(round(0.025 * k, 3) for k in range(10, 29))


def _overlap(name: str, a: frozenset, b: frozenset) -> list[str]:
    """Shared / one-sided / disjoint indicators of two sets of values."""
    if not a and not b:
        return [f"{name}:none"]
    if not a or not b:
        return [f"{name}:one_side"]
    shared = len(a & b)
    if not shared:
        return [f"{name}:disjoint"]
    return [f"{name}:shared", f"{name}:shared>={min(shared, 3)}"] + (
        [f"{name}:same"] if a == b else [f"{name}:partly"])


def pair_features(a: DescribedStatement, b: DescribedStatement, cosine: float,
                  lexical: float, centrality: tuple[float, float] = (0.0, 0.0),
                  tokens: float = 0.0) -> list[str]:
    """The indicator features of one pair of statements from two articles.

    `centrality` is each statement's cosine to the story's main event (see
    `story_centrality`): two statements that both tell the main event align even in
    different words, two asides rarely do. `tokens` is their token alignment (see
    `token_f1`).
    """
    lead = (a.position < LEAD_SENTENCES) + (b.position < LEAD_SENTENCES)
    features = [*_cumulative("cos", cosine, _SIMILARITY_STEPS),
                *_cumulative("lex", lexical, _SIMILARITY_STEPS),
                *_cumulative("tok", tokens, _TOKEN_STEPS),
                *_overlap("names", a.names, b.names),
                *_overlap("numbers", a.numbers, b.numbers),
                *_overlap("dates", a.dates, b.dates),
                f"lead={lead}"]
    if a.speaker and b.speaker:
        features.append("speaker:same" if same_voice(a, b) else "speaker:differ")
    # Similarity counts for more in the lead, where reports restate the main event.
    features += [f"lead{lead}&{f}" for f in _cumulative("cos", cosine, _SIMILARITY_STEPS[::2])]
    features += _cumulative("central_min", min(centrality), _SIMILARITY_STEPS[::2])
    features += _cumulative("central_max", max(centrality), _SIMILARITY_STEPS[::2])
    shared_words = len(a.words & b.words)
    features.append(f"words_shared={min(shared_words, 6)}")
    return features


def embed_with_tokens(statements: Sequence[DescribedStatement]
                      ) -> tuple[np.ndarray, list[TokenStates]]:
    """The statements' unit sentence vectors, in order, and from the same encoder
    pass each statement's word-piece states (for `token_matches`)."""
    return sentence_encoder().encode_with_tokens([s.text for s in statements])


def token_similarities(statements: Sequence[DescribedStatement], embeddings: np.ndarray,
                       lexical: np.ndarray,
                       pieces: Sequence[TokenStates] | None = None) -> np.ndarray:
    """An (n, n) matrix of token matches (`token_matches`) of every candidate pair
    (`candidate_pairs`), 0 elsewhere: [i, j] is how much of statement i statement j
    matches (not symmetric: `token_f1` makes the pair's score). `pieces` are the
    statements' word-piece states from `embed_with_tokens`, encoded again when not
    given (and only when there is a pair to score: most stories of a stream have one
    article)."""
    similarities = np.zeros((len(statements), len(statements)), dtype=np.float32)
    pairs = candidate_pairs(statements, embeddings @ embeddings.T, lexical)
    if len(pairs):
        if pieces is None:
            pieces = embed_with_tokens(statements)[1]
        recall, precision = token_matches([s.text for s in statements], pieces, pairs)
        similarities[pairs[:, 0], pairs[:, 1]] = recall
        similarities[pairs[:, 1], pairs[:, 0]] = precision
    return similarities


def token_f1(matches: np.ndarray) -> np.ndarray:
    """The symmetric token alignment (BERTScore F1) of directed token matches, as
    `token_similarities` returns them."""
    both = matches + matches.T
    return np.where(both > 0, 2 * matches * matches.T / np.maximum(both, 1e-9), 0.0)


_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w'’.&-]*")
#: Word pieces of a statement compared, the rarest in the story: the cost grows with
#: the square of it, and common pieces (function words, "said") weigh little anyway.
MAX_PIECES = 12


def told_pieces(text: str, pieces: TokenStates) -> np.ndarray:
    """Which word pieces tell what happened: all but those of capitalised words
    after the first (names and titles: who and where, judged by the names
    features). A headline in title case or capitals keeps every piece."""
    names = [m.span() for m in _CAPITALISED.finditer(text)]
    if len(names) * 2 > len(text.split()):
        return np.ones(len(pieces.ids), dtype=bool)
    starts = pieces.offsets[:, 0]
    told = np.ones(len(starts), dtype=bool)
    for start, end in names:
        told &= (starts < start) | (starts >= end)
    return told


def _rarest(pieces: TokenStates, told: np.ndarray, idf: dict[int, float]) -> TokenStates:
    """The MAX_PIECES told pieces of highest IDF (in text order)."""
    candidates = np.flatnonzero(told)
    rarity = np.array([idf[p] for p in pieces.ids[candidates].tolist()])
    chosen = np.sort(candidates[np.argsort(-rarity, kind="stable")[:MAX_PIECES]])
    return TokenStates(pieces.ids[chosen], pieces.offsets[chosen], pieces.states[chosen])


def token_matches(texts: Sequence[str], tokens: Sequence[TokenStates],
                  pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """BERTScore recall and precision (Zhang et al., ICLR 2020) of each pair (i, j)
    of `pairs`, over the rarest pieces that tell what happened (`told_pieces`,
    MAX_PIECES): how much of i, and how much of j, the other matches. The fact
    decision reads the lesser: a statement that tells more than its partner (a
    claim beside the shared subject) matches it only in part.

    Each word piece of one statement is matched to its most similar piece of the
    other (cosine of contextual states); recall and precision are the IDF-weighted
    means of those matches, the IDF counted over the given statements so that what
    the whole story repeats weighs little beside what a statement tells. Pairs are
    scored row by row, all partners of a statement in one product.
    """
    frequency = Counter(piece for t in tokens for piece in set(t.ids.tolist()))
    total = len(tokens)
    idf = {piece: math.log((1 + total) / (1 + n)) for piece, n in frequency.items()}
    tokens = [_rarest(t, told_pieces(text, t), idf) for text, t in zip(texts, tokens)]
    weights = [np.array([idf[p] for p in t.ids.tolist()], dtype=np.float32) + 1e-6
               for t in tokens]
    recalls = np.zeros(len(pairs), dtype=np.float32)
    precisions = np.zeros(len(pairs), dtype=np.float32)
    rows: dict[int, list[int]] = {}
    for k, (i, _) in enumerate(pairs):
        rows.setdefault(int(i), []).append(k)
    for i, ks in rows.items():
        ks = [k for k in ks if len(tokens[int(pairs[k][1])].ids)]  # an all-names one: 0
        if not ks or not len(tokens[i].ids):
            continue
        partners = [int(pairs[k][1]) for k in ks]
        sizes = np.array([len(tokens[j].ids) for j in partners])
        bounds = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        similarity = tokens[i].states @ np.vstack([tokens[j].states for j in partners]).T
        # recall: each piece of i against its best piece of each partner
        recall = (np.maximum.reduceat(similarity, bounds, axis=1) * weights[i][:, None]
                  ).sum(axis=0) / weights[i].sum()
        partner_weights = np.concatenate([weights[j] for j in partners])
        precision = (np.add.reduceat(similarity.max(axis=0) * partner_weights, bounds)
                     / np.add.reduceat(partner_weights, bounds))
        recalls[ks], precisions[ks] = recall, precision
    return recalls, precisions


def story_centrality(statements: Sequence[DescribedStatement],
                     embeddings: np.ndarray) -> np.ndarray:
    """Each statement's cosine to the story's main event: the mean of its articles'
    lead statements (news states the main event first)."""
    leads = [k for k, s in enumerate(statements) if s.position < LEAD_SENTENCES]
    if not leads:
        return np.zeros(len(statements), dtype=np.float32)
    centre = embeddings[leads].mean(axis=0)
    return embeddings @ (centre / max(float(np.linalg.norm(centre)), 1e-9))


def lexical_similarities(statements: Sequence[DescribedStatement]) -> np.ndarray:
    """Pairwise cosine of IDF-weighted content-word sets, IDF over these statements."""
    frequency = Counter(word for s in statements for word in s.words)
    total = len(statements)
    idf = smoothed_idf(frequency, total)
    # A word of one statement only adds to that statement's norm, never to a dot
    # product: the matrix needs the shared words alone (a fraction of a story's).
    shared = {word: k for k, word in enumerate(w for w, n in frequency.items() if n > 1)}
    matrix = np.zeros((total, len(shared)), dtype=np.float32)
    norms = np.zeros(total, dtype=np.float32)
    for row, statement in enumerate(statements):
        norms[row] = math.sqrt(sum(idf[word] ** 2 for word in statement.words))
        for word in statement.words:
            if word in shared:
                matrix[row, shared[word]] = idf[word]
    matrix /= np.maximum(norms, 1e-9)[:, None]
    similarities = matrix @ matrix.T
    np.fill_diagonal(similarities, (norms > 0).astype(np.float32))
    return similarities


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, LinearModel], dict]:
    return load_models(MODEL_FILE)


def alignment_model() -> tuple[LinearModel, float]:
    """The trained pair model and its decision threshold (package data)."""
    models, settings = _shipped()
    return models["pair"], settings["threshold"]


def fact_model() -> tuple[LinearModel, float]:
    """The trained fact decision and its threshold (package data)."""
    models, settings = _shipped()
    return models["fact"], settings["fact_threshold"]


def candidate_pairs(statements: Sequence[DescribedStatement], cosines: np.ndarray,
                    lexical: np.ndarray) -> np.ndarray:
    """Pairs (i < j) of statements of different articles worth scoring (see
    MIN_COSINE): a (k, 2) array."""
    articles = np.array([s.statement.article_id for s in statements])
    return np.argwhere(np.triu((cosines >= MIN_COSINE) | (lexical >= MIN_LEXICAL), 1)
                       & (articles[:, None] != articles[None, :]))


def is_paraphrase(cosine: float, lexical: float) -> bool:
    """Near-paraphrases: one fact whatever else differs (see PARAPHRASE_COSINE)."""
    return cosine >= PARAPHRASE_COSINE and lexical >= PARAPHRASE_LEXICAL


def closely_aligned(probability: float, lexical: float) -> bool:
    """Do two statements tell the same thing so closely that a difference between
    them is a conflict (see CLOSE_PROBABILITY)?"""
    return probability >= CLOSE_PROBABILITY and lexical >= CLOSE_LEXICAL


def same_voice(a: DescribedStatement, b: DescribedStatement) -> bool:
    """Do both statements' speakers (both set) speak for one person at least? A
    joint statement of two people and one of them alone tell with one voice."""
    voices_a, voices_b = voices(a.speaker), voices(b.speaker)
    return voices_a <= voices_b or voices_b <= voices_a


def different_voices(a: DescribedStatement, b: DescribedStatement) -> bool:
    """Are these the verbatim words of two different speakers? Then they are never
    one fact unless near-paraphrases (one outlet crediting another speaker)."""
    return a.verbatim and b.verbatim and bool(a.speaker) and bool(b.speaker) \
        and not same_voice(a, b)


def pair_probabilities(statements: Sequence[DescribedStatement], embeddings: np.ndarray,
                       model: LinearModel | None = None,
                       lexical: np.ndarray | None = None,
                       tokens: np.ndarray | None = None) -> np.ndarray:
    """An (n, n) matrix: the probability that statements i and j report one fact.

    Statements of one article are never paired (0): an article restating itself is
    no second account; nor are the verbatim words of two speakers. Near-paraphrases
    get at least their cosine (see PARAPHRASE_COSINE). `embeddings` are the
    statements' unit sentence vectors; `lexical` and `tokens` (from
    `lexical_similarities`, `token_similarities`: directed matches) are computed
    when not given.
    """
    model = model or alignment_model()[0]
    total = len(statements)
    probabilities = np.zeros((total, total), dtype=np.float32)
    if total < 2:
        return probabilities
    cosines = embeddings @ embeddings.T
    if lexical is None:
        lexical = lexical_similarities(statements)
    if tokens is None:
        tokens = token_similarities(statements, embeddings, lexical)
    tokens = token_f1(tokens)
    centrality = story_centrality(statements, embeddings)
    for i, j in candidate_pairs(statements, cosines, lexical):
        paraphrase = is_paraphrase(float(cosines[i, j]), float(lexical[i, j]))
        if not paraphrase and different_voices(statements[i], statements[j]):
            continue
        p = model.probability(pair_features(
            statements[i], statements[j], float(cosines[i, j]), float(lexical[i, j]),
            (float(centrality[i]), float(centrality[j])), float(tokens[i, j])))
        if paraphrase:
            p = max(p, float(cosines[i, j]))
        probabilities[i, j] = probabilities[j, i] = p
    return probabilities


def reciprocal_best(probabilities: np.ndarray,
                    statements: Sequence[DescribedStatement]) -> np.ndarray:
    """Keep a pair's probability only where each statement is the other's best match
    in the other's article (reciprocal best hits, as in parallel-text alignment).

    An article reports a fact once or restates it; a statement that resembles half
    of another article is about the story, not about one fact of it.
    """
    articles = np.array([s.statement.article_id for s in statements])
    kept = np.zeros_like(probabilities)
    for article in dict.fromkeys(articles):
        mine = np.flatnonzero(articles == article)
        for other in dict.fromkeys(articles):
            theirs = np.flatnonzero(articles == other)
            if other == article:
                continue
            block = probabilities[np.ix_(mine, theirs)]
            best_of_mine = block.argmax(axis=1)
            best_of_theirs = block.argmax(axis=0)
            for row, column in enumerate(best_of_mine):
                if best_of_theirs[column] == row and block[row, column] > 0:
                    kept[mine[row], theirs[column]] = block[row, column]
    return kept


def _components(probabilities: np.ndarray, threshold: float) -> list[list[int]]:
    """Connected components of the pairs at or above `threshold`."""
    components: DisjointSets[int] = DisjointSets()
    for i, j in np.argwhere(np.triu(probabilities >= threshold, 1)):
        components.union(int(j), int(i))
    return components.groups(range(len(probabilities)))


def _average_link_within(probabilities: np.ndarray, threshold: float) -> list[list[int]]:
    groups = {k: [k] for k in range(len(probabilities))}
    sums = probabilities.astype(np.float64)
    np.fill_diagonal(sums, 0.0)
    alive = np.ones(len(probabilities), dtype=bool)
    sizes = np.ones(len(probabilities))
    while len(groups) > 1:
        means = sums / np.outer(sizes, sizes)
        means[~alive, :] = -1.0
        means[:, ~alive] = -1.0
        np.fill_diagonal(means, -1.0)
        i, j = np.unravel_index(int(np.argmax(means)), means.shape)
        if means[i, j] < threshold:
            break
        groups[i] += groups.pop(j)
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = 0.0
        alive[j] = False
        sizes[i] += sizes[j]
    return list(groups.values())


def average_link(probabilities: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of indices joined by average-link clustering while the mean pair
    probability between two groups reaches `threshold`; singletons included, each
    group sorted, groups in order of their first index.

    Repeatedly merges the two groups with the highest mean probability over all
    their cross pairs (unscored pairs count as 0), so a chain of single resemblances
    does not pull unrelated statements into one fact. Groups never cross the
    components of pairs above the threshold, so the cubic merging runs per
    component, which stays small however many statements a story has.
    """
    groups = []
    for component in _components(probabilities, threshold):
        if len(component) == 1:
            groups.append(component)
            continue
        inner = probabilities[np.ix_(component, component)]
        groups += [[component[k] for k in group]
                   for group in _average_link_within(inner, threshold)]
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def told_words(statement: DescribedStatement) -> frozenset[str]:
    """Its content words that are no word of a name it mentions (what it tells
    happened, not whom it is about), truncated as `compare.quotes` truncates them so
    that "build" meets "building"."""
    return frozenset(word[:STEM_LETTERS] for word in unnamed_words(statement))


def told_similarities(statements: Sequence[DescribedStatement], pairs: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair (i, j) of `pairs`, from their told words (`told_words`) weighted
    by inverse frequency over the statements: their cosine, how many they share, and
    the share of each one's told weight the other covers (a (k, 2) array): a pair
    that shares a subject but not the claim leaves most of one side uncovered."""
    told = [told_words(s) for s in statements]
    idf = smoothed_idf(Counter(word for words_of in told for word in words_of),
                       len(statements))
    norms = [math.sqrt(sum(idf[word] ** 2 for word in words_of)) for words_of in told]
    weights = [sum(idf[word] for word in words_of) for words_of in told]
    cosines = np.zeros(len(pairs), dtype=np.float32)
    shared = np.zeros(len(pairs), dtype=np.int32)
    covered = np.zeros((len(pairs), 2), dtype=np.float32)
    for k, (i, j) in enumerate(pairs):
        common = told[i] & told[j]
        shared[k] = len(common)
        if common:
            cosines[k] = sum(idf[word] ** 2 for word in common) / (norms[i] * norms[j])
            weight = sum(idf[word] for word in common)
            covered[k] = weight / weights[i], weight / weights[j]
    return cosines, shared, covered


def cosine_margins(statements: Sequence[DescribedStatement], cosines: np.ndarray,
                   pairs: np.ndarray) -> np.ndarray:
    """For each pair (i, j) of `pairs`, how much closer in meaning the two are than
    either is to any other statement of its partner's article (the lesser of the two
    margins): two reports of one fact single each other out, a statement about the
    story in general resembles much of the other article about as well."""
    if not len(pairs):
        return np.zeros(0, dtype=np.float32)
    _, codes = np.unique([s.statement.article_id for s in statements], return_inverse=True)
    # per statement and article: its closest statement there, and the next closest
    best = np.full((len(statements), codes.max() + 1), -1.0, dtype=np.float32)
    closest = np.full(best.shape, -1)
    second = best.copy()
    for article in range(best.shape[1]):
        columns = np.flatnonzero(codes == article)
        block = cosines[:, columns]
        order = np.argsort(-block, axis=1)
        closest[:, article] = columns[order[:, 0]]
        best[:, article] = np.take_along_axis(block, order[:, :1], axis=1)[:, 0]
        if len(columns) > 1:
            second[:, article] = np.take_along_axis(block, order[:, 1:2], axis=1)[:, 0]

    def rival(one: np.ndarray, partner: np.ndarray) -> np.ndarray:
        article = codes[partner]
        return np.where(closest[one, article] == partner, second[one, article],
                        best[one, article])

    i, j = pairs[:, 0], pairs[:, 1]
    return (cosines[i, j] - np.maximum(rival(i, j), rival(j, i))).astype(np.float32)


#: The measured evidence the fact decision weighs, in the order of its dense weights
#: (see `fact_evidence`).
FACT_EVIDENCE = ("pair", "cosine", "lexical", "tokens", "tokens_min", "tokens_max",
                 "told", "told_shared", "covered_min", "covered_max", "margin")
#: Told words two statements share, counted up to this (more says no more).
MAX_TOLD_SHARED = 4

#: The fact decision's evidence on one pair: indicator features and the measures of
#: FACT_EVIDENCE, in that order.
Evidence = tuple[list[str], np.ndarray]


def fact_evidence(a: DescribedStatement, b: DescribedStatement, probability: float,
                  cosine: float, lexical: float, matches: tuple[float, float],
                  told: float, told_shared: int, covered: tuple[float, float],
                  margin: float) -> Evidence:
    """What the fact decision weighs on one pair (a, b).

    Measures (FACT_EVIDENCE), weighed linearly: the pair model's probability;
    meaning (`cosine`, the directed token `matches` of `token_matches` and the
    cosine `margin` of `cosine_margins`); wording (`lexical`); what the two tell
    without their names (`told_similarities`: cosine, words shared, share of each
    covered); of each directed measure the balance, the lesser and the greater (one
    claim told in more words than its partner still matches the whole partner).
    Indicators: whether their names, numbers and dates agree, and their speakers.
    A thousand labels fit these few dozen weights; the same measures binned into
    two hundred indicators did no better on held-out events.
    """
    balanced = 2 * matches[0] * matches[1] / max(matches[0] + matches[1], 1e-9)
    measures = np.array([probability, cosine, lexical, balanced, min(matches),
                         max(matches), told, min(told_shared, MAX_TOLD_SHARED)
                         / MAX_TOLD_SHARED, min(covered), max(covered), margin],
                        dtype=np.float32)
    features = [*_overlap("names", a.names, b.names),
                *_overlap("numbers", a.numbers, b.numbers),
                *_overlap("dates", a.dates, b.dates),
                f"verbatim={a.verbatim + b.verbatim}"]
    if a.speaker and b.speaker:
        features.append("speaker:same" if same_voice(a, b) else "speaker:differ")
    return features, measures


def fact_probability(model: LinearModel, evidence: Evidence) -> float:
    """The fact decision's probability that a pair tells one fact."""
    return sigmoid(model.score(*evidence))


def pairs_fact_evidence(statements: Sequence[DescribedStatement], pairs: np.ndarray,
                        probabilities: np.ndarray, embeddings: np.ndarray,
                        lexical: np.ndarray, tokens: np.ndarray) -> list[Evidence]:
    """`fact_evidence` of each pair (i, j) of `pairs`; `probabilities` are the pair
    model's, the other matrices as in `pair_probabilities` (`tokens` the directed
    matches of `token_similarities`)."""
    told, shared, covered = told_similarities(statements, pairs)
    cosines = embeddings @ embeddings.T
    margins = cosine_margins(statements, cosines, pairs)
    return [fact_evidence(statements[i], statements[j], float(probabilities[i, j]),
                          float(cosines[i, j]), float(lexical[i, j]),
                          (float(tokens[i, j]), float(tokens[j, i])), float(told[k]),
                          int(shared[k]), (float(covered[k, 0]), float(covered[k, 1])),
                          float(margins[k]))
            for k, (i, j) in enumerate(pairs)]


class FactDecision(NamedTuple):
    """What `decide_facts` decides about a story's statements.

    `scored`: the fact probability of every pair the pair model accepts (0
    elsewhere), kept or not, so a fact can show the statements that came close
    (`compare.corroborate`); `kept`: those of the pairs kept (reciprocal
    best matches at the threshold); `groups`: the facts, as groups of statement
    indices.
    """

    scored: np.ndarray
    kept: np.ndarray
    groups: list[list[int]]


def disagree(a: DescribedStatement, b: DescribedStatement) -> bool:
    """Do two statements say opposite things (a negation, or counts of one thing that
    differ beyond rounding)?"""
    return bool(opposite_polarity(a.text, b.text)
                or disagreeing_figures(a.text, a.quantities, b.text, b.quantities,
                                       counts_only=True))


def decide_facts(probabilities: np.ndarray, statements: Sequence[DescribedStatement],
                 embeddings: np.ndarray, lexical: np.ndarray, tokens: np.ndarray,
                 pair_threshold: float | None = None, model: LinearModel | None = None,
                 threshold: float | None = None) -> FactDecision:
    """Facts from the pair model's `probabilities` (see `pair_probabilities`).

    Every pair the pair model accepts (at `pair_threshold`) gets the fact decision's
    probability; of those, the reciprocal best matches (`reciprocal_best`) that
    reach `threshold` are kept (0 elsewhere: it never keeps a pair the pair model
    rejects, and picks each statement's partner by what it tells, not by the story
    it shares).
    Groups are then joined by average link while at least about half of their cross
    pairs are kept (mean at least half the threshold), so a third outlet joins two
    that agree when it matches either, while a chain of single resemblances stays
    apart. Thresholds and model default to the shipped ones.
    """
    shipped, shipped_threshold = fact_model()
    model = model or shipped
    threshold = shipped_threshold if threshold is None else threshold
    if pair_threshold is None:
        pair_threshold = alignment_model()[1]
    facts = np.zeros_like(probabilities)
    pairs = np.argwhere(np.triu(probabilities >= pair_threshold, 1))
    for (i, j), evidence in zip(pairs, pairs_fact_evidence(
            statements, pairs, probabilities, embeddings, lexical, tokens)):
        facts[i, j] = facts[j, i] = fact_probability(model, evidence)
    kept = reciprocal_best(facts, statements)
    kept[kept < threshold] = 0.0
    for i, j in np.argwhere(np.triu(kept > 0, 1)):
        # A statement and its negation, or two counts of one thing that differ ("384
        # delegates" / "329 delegates"), never corroborate each other: they are one
        # fact only when aligned closely enough for `conflicts` to show the dispute.
        if disagree(statements[i], statements[j]) \
                and not closely_aligned(probabilities[i, j], lexical[i, j]):
            kept[i, j] = kept[j, i] = 0.0
    return FactDecision(facts, kept, average_link(kept, threshold / 2))


def align(statements: Sequence[DescribedStatement], embeddings: np.ndarray,
          model: LinearModel | None = None, threshold: float | None = None,
          lexical: np.ndarray | None = None,
          pieces: Sequence[TokenStates] | None = None
          ) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Facts of a story: the pair probabilities of its statements, decided one fact
    or not and grouped (`decide_facts`).

    Returns (the pair probabilities of the pairs the fact decision kept, 0 elsewhere;
    the fact decision's probability of every pair it scored, as
    `FactDecision.scored`; groups of statement indices): downstream,
    `compare.conflicts` reads how closely two statements of a fact align from the
    pair model, as before the decision. The pair `model` and its `threshold` default
    to the shipped ones; `lexical` (from `lexical_similarities`) and `pieces` (the
    word-piece states from `embed_with_tokens`) are computed when not given.
    """
    if lexical is None:
        lexical = lexical_similarities(statements)
    tokens = token_similarities(statements, embeddings, lexical, pieces)
    probabilities = pair_probabilities(statements, embeddings, model, lexical, tokens)
    decision = decide_facts(probabilities, statements, embeddings, lexical, tokens,
                            pair_threshold=threshold)
    return (np.where(decision.kept > 0, probabilities, 0.0), decision.scored,
            decision.groups)
