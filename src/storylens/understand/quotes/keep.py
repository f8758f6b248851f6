"""The last decision on a proposed attribution: keep it or drop it.

The cue model judges a word and the content ranker a span, each on its own. Whether
the attribution they make together is right depends on more: how sure both were,
what kind of attribution it is, whether it has a source and of what sort, what the
chosen content looks like (the parser's contextual vectors of its edges and their
mean, as the ranker read them: a span that starts or ends where contents do), and where
it sits among the other proposals of its sentence — a "said" nested inside the
content of a surer attribution ("“…,” Collins said at a rally, according to the
Tribune.") or a cue inside quote marks is more often part of someone's words than a
new attribution. This decision weighs all of that at once: a logistic regression
stacked on the two models (Wolpert, 1992), trained on proposals their cross-fitted
versions made on PolNeAR train articles they had not seen
(`training/train_attribution.py`), so it learns how far to trust them on new text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from spacy.tokens import Token

from ...model import Quote, Span
from .features import stem

#: The exponent of a content's chance of matching in a proposal's strength (cue
#: probability times chance to this power), which orders the proposals of a sentence;
#: chosen on PolNeAR dev among 1, 1.5 and 2 when it was the kept attributions' only
#: score (content F1 0.714, 0.714, 0.712 at their best thresholds, source F1 there
#: 0.659, 0.661, 0.657).
CHANCE_WEIGHT = 1.5
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
#: The cue words the shipped weights were trained to read as one group, the "kind"
#: belief (`keep_features`): the stance words an earlier `Quote.kind` took for beliefs.
#: `Quote.kind` now tells reported words from the rest by a lexicon of communication
#: (`reporting`); the keep decision retrained on that kind scored 0.003 lower on
#: PolNeAR dev than retrained on this grouping (content F1 0.742 against 0.745), so
#: its input stays as trained.
TRAINED_BELIEF_CUES = frozenset({
    "think", "thought", "believe", "believed", "feel", "felt", "want", "wanted", "hope",
    "hoped", "expect", "expected", "fear", "feared", "plan", "planned", "intend",
    "intended", "worry", "worried", "wish", "wished", "doubt", "doubted", "know",
    "knew", "known", "consider", "considered", "seek", "sought", "suspect", "suspected",
    "assume", "assumed", "suppose", "supposed", "aim", "aimed", "like", "liked",
    "prefer", "preferred", "need", "needed", "decide", "decided", "view", "viewed",
    "see", "saw", "seen", "agree", "agreed", "support", "supported", "oppose",
    "opposed", "favor", "favored", "favour", "favoured", "try", "tried", "wonder",
    "wondered", "realize", "realized", "realise", "realised", "understand",
    "understood", "trust", "trusted", "convinced", "sure", "skeptical", "concerned"})
_CONFIDENCE_STEPS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
_CHANCE_STEPS = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)
_STRENGTH_STEPS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_MARGIN_STEPS = (0.25, 0.5, 1.0, 2.0, 4.0)


@dataclass(frozen=True)
class Proposal:
    """An attribution the first two decisions put forward, with what they concluded:
    the cue's probability, the chosen content's chance of matching the true one, how
    many contents were on offer, the ranker's margin between its first two and the
    chosen content's edge vectors (`features.Candidate.vector`)."""

    quote: Quote
    cue: Token
    confidence: float
    chance: float
    candidates: int
    margin: float
    sentence: tuple[int, int]
    in_quote: bool
    vector: np.ndarray | None

    @cached_property  # read for every pair of an article's proposals
    def strength(self) -> float:
        return self.confidence * self.chance ** CHANCE_WEIGHT


def _step(value: float, steps: tuple[float, ...]) -> int:
    return next((k for k, edge in enumerate(steps) if value < edge), len(steps))


def inside(offset: int, span: Span) -> bool:
    """Whether character `offset` lies in `span`."""
    return span.start <= offset < span.end


def keep_features(proposal: Proposal, proposals: list[Proposal], text: str
                  ) -> tuple[list[str], np.ndarray]:
    """Feature strings of `proposal` among all the `proposals` of its article, and
    as dense inputs the log-odds of its cue, the log of its content's chance and
    the content's edge vectors (left out when the doc has none)."""
    cue, quote = proposal.cue, proposal.quote
    s = stem(cue.lower_)
    kind = quote.kind if quote.kind in ("direct", "mixed") else \
        "belief" if cue.lower_ in TRAINED_BELIEF_CUES or s in TRAINED_BELIEF_CUES else "indirect"
    confidence = _step(proposal.confidence, _CONFIDENCE_STEPS)
    chance = _step(proposal.chance, _CHANCE_STEPS)
    strength = _step(proposal.strength, _STRENGTH_STEPS)
    if quote.source is None:
        source = "none"
    else:
        words = text[quote.source.start:quote.source.end]
        source = "pronoun" if words.lower() in _PRONOUNS else \
            "capitalised" if words[:1].isupper() else "lower"
    content = quote.content
    place = "after" if content.start >= cue.idx else \
        "before" if content.end <= cue.idx else "spans"
    features = [f"p={confidence}", f"c={chance}", f"j={strength}", f"p&c={confidence}&{chance}",
                "kind=" + kind, "s=" + s, f"kind&s={kind}&{s}", "pos=" + cue.pos_,
                "dep=" + cue.dep_, "src=" + source, f"src&kind={source}&{kind}",
                f"src&j={source}&{strength}",
                "len=%d" % min(9, (content.end - content.start).bit_length() // 2),
                "place=" + place, "candidates=%d" % min(proposal.candidates, 8),
                "margin=%d" % _step(proposal.margin, _MARGIN_STEPS)]
    if proposal.in_quote:
        features += ["inquote", f"inquote&j={strength}"]
    stronger = [other for other in proposals if other.strength > proposal.strength]
    if any(inside(cue.idx, other.quote.content) for other in stronger):
        features += ["nested", f"nested&j={strength}", f"nested&s={s}"]
    if any(inside(other.cue.idx, content) for other in stronger):
        features.append("holds_stronger")
    for other in stronger:
        if other.quote.content.start < content.end and content.start < other.quote.content.end:
            features.append("overlaps_stronger")
            break
    same_sentence = [other for other in proposals
                     if other is not proposal and other.sentence == proposal.sentence]
    features += ["in_sentence=%d" % min(len(same_sentence), 4),
                 "rank=%d" % min(sum(1 for other in same_sentence
                                     if other.strength > proposal.strength), 3)]
    dense = np.array([math.log(proposal.confidence / (1.0 - proposal.confidence + 1e-9)),
                      math.log(proposal.chance + 1e-9)])
    if proposal.vector is not None:
        dense = np.concatenate((dense, proposal.vector))
    return features, dense
