"""Attributions: who said or believes what, found in an already parsed spaCy `Doc`.

Each attribution comes back as a `Quote` with its content, cue and source-mention
spans and its kind (direct, indirect, mixed, belief); the `speaker` is left for
`understand.speakers` to resolve from the source mention.

Method: a cue-first pipeline in the manner of PARC (Pareti 2016) and PolNeAR (Newell,
Margolin & Ruths, LREC 2018), with three small logistic-regression models trained on
PolNeAR's train split (`training/train_attribution.py`): one decides which tokens are
cues, the next ranks the proposed spans of each cue's content (see `features`; the
latter also weighs the parser's contextual vectors of the span's edges), and the span
taken is the ranker's choice unless a rival is clearly likelier to match the true
content by half (`consensus`, minimum Bayes risk under the metric of record). Every
cue the first model gives a fair chance (`PROPOSAL_FLOOR`) is proposed with its
content; of proposals with much the same content only the likeliest cue's stays,
and the last model (`keep`) decides which of those to keep, from how sure the first
two were, what the content looks like and how the attribution sits among the
others. Sources come from the parse (Krestel, Bergler & Witte, LREC 2008), and a
paragraph that only goes on quoting, with no tag of its own, is given the source of
the attribution before it, as news style writes multi-paragraph quotes; a paragraph
quoted whole and signed with a dash and a name ("“…” ― Ann Lee") is that name's, a
paragraph after a verb of saying and a colon ("The statement said:") is that tag's,
a post quoted from a social network and signed "— Ann Lee (@annlee) June 1, 2017"
is that name's, each paragraph of a transcript's turn is the speaker's its label
names ("AMY GOODMAN: …", see `turns`), and reported words run on over an
ellipsis, which marks words left out, not the end of the quotation.
No second pass over the text by any model: everything reads the `Doc` the base
pipeline already parsed.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from ...ingest.clean import EMBEDDED_POST
from ...model import Quote, Span
from .features import (SPEECH_VERBS, Candidate, Sentences, content_candidates,
                       cue_features, is_cue_candidate, source_range, token_end)
from .keep import Proposal, inside, keep_features
from .linear import LinearModel, load_models, sigmoid
from .marks import QuoteIndex
from .reporting import names_a_medium, reports_words
from .turns import speaker_turns

__all__ = ["Extractor", "extract_quotes"]

#: The trained weights, shipped as package data.
WEIGHTS = Path(__file__).with_name("attribution.json.gz")

_QUOTE_MARKS = "\"“”„«»'‘’`"
#: A dash after a closing quote mark, then a capitalised word: a signed quote.
_SIGNATURE = re.compile(r"[^\S\n]*([―—–-])[^\S\n]*(?=[A-Z])")


#: The cue probability from which a cue is proposed for the keep decision: below it
#: lie 6% of PolNeAR dev's gold cues (133 of 2,116) and 91% of the other candidate
#: words, whose content candidates need not be built.
PROPOSAL_FLOOR = 0.05
#: A colon closing a paragraph, and the next paragraph's first character.
_BLOCK_COLON = re.compile(r":[^\S\n]*\n\s*(?=\S)")
#: The verbs that introduce a block quote with a colon ("The statement read:"): the
#: paragraph after a colon is as often a list ("The menu included:") as something
#: said, and the cue model, which weighs a cue by the clause it governs, has none
#: to weigh here.
COLON_TAGS = SPEECH_VERBS | {"read", "reads", "declared", "announced", "tweeted",
                             "posted", "warned", "insisted", "argued", "replied",
                             "responded", "continued", "concluded", "urged", "texted",
                             "emailed", "messaged"}
#: The ranker's margin recorded for a cue with a single content on offer: past the
#: largest margin step the keep decision tells apart (`keep`), as sure as it gets.
MARGIN_ALONE = 5.0


class Extractor:
    """The three trained decisions and the threshold on the last one's probability
    (see `extract`), applied to parsed docs."""

    def __init__(self, cue: LinearModel, content: LinearModel, keep: LinearModel,
                 threshold: float = 0.5):
        self.cue, self.content, self.keep, self.threshold = cue, content, keep, threshold

    @classmethod
    def from_file(cls, path: Path = WEIGHTS) -> "Extractor":
        models, settings = load_models(path)
        return cls(models["cue"], models["content"], models["keep"],
                   settings.get("threshold", 0.5))

    def _cue_noun(self, word: str) -> bool:
        """Whether the cue model weighs noun `word` as a cue word at all: most nouns
        never are, and skipping them early saves most of the feature work."""
        return self.cue.weights.get("w=" + word, 0.0) > 0.0

    def propose(self, doc: Doc, sentences: Sentences, quotes: QuoteIndex
                ) -> list[Proposal]:
        """Every attribution the cue and content models put forward, in text order."""
        proposals = []
        weigh_edges = sentences.edge_weigher(self.content.dense)
        for token in map(doc.__getitem__, _possible_cues(doc)):
            if not is_cue_candidate(token) or (token.pos_ == "NOUN" and
                                               not self._cue_noun(token.lower_)):
                continue
            confidence = self.cue.probability(cue_features(token, quotes, sentences))
            if confidence < PROPOSAL_FLOOR:
                continue
            source = source_range(token, quotes)
            if source is None and token.text == ":":
                continue  # a colon gives what follows to the name before it, or to none
            # where the words were said is not what was said ("wrote on Twitter")
            candidates = [c for c in content_candidates(token, quotes, sentences)
                          if not names_a_medium(sentences.text, c.start, c.end)]
            if source is not None:
                # a speaker is no part of what they said: not a speaker after the tag
                # ("…, warned the chief."), nor the words before the speaker with it,
                # after the cue or before it ("…, fire chief Tomasz Brenner said.",
                # where a misparse makes one phrase of the clause and the speaker)
                candidates = [c for c in candidates
                              if not (source[0] > token.idx and source[0] <= c.start < source[1])
                              and not _ends_with_source(sentences.text, c, source)]
            if not candidates:
                continue
            scores = [self.content.score(c.features) + weigh_edges(c.start, c.end)
                      for c in candidates]
            best, chance = consensus(candidates, scores)
            if source is not None and _within(sentences.text, best, source):
                continue  # content inside its own source mention comes of a misparse
            ranked = sorted(scores, reverse=True)
            margin = ranked[0] - ranked[1] if len(ranked) > 1 else MARGIN_ALONE
            proposals.append(Proposal(
                _quote(sentences.text, token, best.start, best.end, source), token,
                confidence, chance, len(candidates), margin, sentences.of(token),
                quotes.containing(token.idx) is not None,
                sentences.edge_vector(best.start, best.end)))
        return proposals

    def kept(self, proposals: list[Proposal], text: str) -> list[Proposal]:
        """The proposals of one article the keep decision takes: of those with much
        the same content the likeliest cue's, if its probability reaches the
        threshold, unless its cue lies inside what a kept "according to" reports."""
        kept = [p for p in distinct(proposals)
                if sigmoid(self.keep.score(*keep_features(p, proposals, text)))
                >= self.threshold]
        # A tag inside what an outlet reports ("“…,” Collins said, according to the
        # Tribune") is part of the outlet's attribution, not one of its own: PolNeAR
        # marks 30 of its train split's 31 such tags so.
        reported = [p.quote.content for p in kept if p.cue.lower_ == "according"]
        return [p for p in kept if p.cue.lower_ == "according" or
                not any(inside(p.cue.idx, content) for content in reported)]

    def extract(self, doc: Doc) -> tuple[Quote, ...]:
        """Every attribution of `doc`, in text order (none without a parse)."""
        if not doc.has_annotation("DEP"):
            return ()
        sentences = Sentences(doc)
        quotes = QuoteIndex(sentences.text)
        attributions = [p.quote for p in self.kept(self.propose(doc, sentences, quotes),
                                                   sentences.text)]
        # a post's signature or a transcript's label says whose words it holds
        # better than any tag outside it; a tag inside it is the post or speaker
        # quoting someone ("Lee: “…” (via @TV)")
        posts = posted_quotes(sentences) + speaker_turns(doc, sentences.text)
        attributions = posts + [q for q in attributions if all(
            _overlap(post.content, q.content) < 0.5
            or q.source is not None and inside(q.source.start, post.content)
            for post in posts)]
        for found_by_rule in (signed_quotes, block_quotes):
            attributions += [rule for rule in found_by_rule(doc, quotes, sentences)
                             if all(_overlap(rule.content, q.content) < 0.5
                                    for q in attributions)]
        attributions = [past_elisions(sentences, q, attributions) for q in attributions]
        attributions.sort(key=lambda q: q.content.start)
        return tuple(sorted(attributions + continuations(sentences.text, quotes,
                                                         attributions),
                            key=lambda q: (q.content.start, q.content.end)))


#: Parts of speech a cue candidate may have (besides "according" and a colon).
_CUE_POS = np.array([VERB, AUX, NOUN], dtype=np.uint64)


def _possible_cues(doc: Doc) -> list[int]:
    """Indexes of the tokens `is_cue_candidate` may take, read off the doc's arrays:
    most tokens are not, and building a `Token` for each costs more than the test."""
    pos, lower = doc.to_array([POS, LOWER]).T
    strings = doc.vocab.strings
    return np.flatnonzero(np.isin(pos, _CUE_POS) | (lower == strings["according"])
                          | (lower == strings[":"])).tolist()


#: How much likelier to match a rival of the top-scored content must be to replace it
#: (chosen on a held-out quarter of PolNeAR train and on dev): below this the
#: ranker's own choice, more often the exact span, stands.
CONSENSUS_MARGIN = 0.05


def consensus(candidates: list[Candidate], scores: list[float]
              ) -> tuple[Candidate, float]:
    """The content to take among a cue's scored candidates, with its chance of
    matching the true content: minimum Bayes risk decoding (Kumar & Byrne 2004)
    under the metric of record.

    Each candidate's chance of matching the true content (intersection over union
    >= 0.5) is the ranker's softmax probability of the candidates it overlaps that
    much, itself included. The top-scored candidate is kept unless another's chance
    is higher by more than `CONSENSUS_MARGIN`: when the ranker hesitates between a
    clause and the clause with its trailing modifier, either of which would match,
    the one matching both is the safer answer.
    """
    top = max(scores)
    weights = [math.exp(score - top) for score in scores]
    total = sum(weights)
    # which candidates match which (intersection over union >= 0.5), each pair once:
    # a cue has a dozen candidates, and this runs for every cue proposed
    matches = [[k] for k in range(len(candidates))]
    for k, first in enumerate(candidates):
        for m in range(k + 1, len(candidates)):
            if _overlap(first, candidates[m]) >= 0.5:
                matches[k].append(m)
                matches[m].append(k)
    chance = [sum(weights[m] for m in sorted(matched)) / total for matched in matches]
    ranked = scores.index(top)
    safest = max(range(len(candidates)), key=lambda k: (chance[k], scores[k]))
    chosen = safest if chance[safest] > chance[ranked] + CONSENSUS_MARGIN else ranked
    return candidates[chosen], chance[chosen]


def distinct(proposals: list[Proposal]) -> list[Proposal]:
    """The proposals left when of two with much the same content (overlap over
    union >= 0.5) only the more confident cue's is kept: one content, one cue."""
    kept: list[Proposal] = []
    for proposal in sorted(proposals, key=lambda p: -p.confidence):
        if all(_overlap(proposal.quote.content, other.quote.content) < 0.5
               for other in kept):
            kept.append(proposal)
    return kept


def _overlap(a: Span | Candidate, b: Span | Candidate) -> float:
    """Intersection over union of two character ranges."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    return inter / (max(a.end, b.end) - min(a.start, b.start)) if inter > 0 else 0.0


def _within(text: str, candidate: Candidate, source: tuple[int, int]) -> bool:
    """Whether a content candidate is the source mention or part of it (its
    sentence's closing mark aside)."""
    return source[0] <= candidate.start and _ends_by(text, source[1], candidate.end)


def _ends_with_source(text: str, candidate: Candidate, source: tuple[int, int]) -> bool:
    """Whether a content candidate runs from before the source mention to its end
    ("Wages must rise, warned the chief.", "…, fire chief Tomasz Brenner"): what the
    source said lies before it."""
    return candidate.start < source[0] and source[1] <= candidate.end and \
        _ends_by(text, source[1], candidate.end)


def _ends_by(text: str, offset: int, end: int) -> bool:
    """Whether a span ending at `end` ends by character `offset`, but for a
    sentence's closing marks."""
    return not text[offset:max(offset, end)].strip(" .!?")


def _quote(text: str, cue: Token, start: int, end: int,
           source: tuple[int, int] | None) -> Quote:
    return Quote(content=Span(start, end), kind=quote_kind(text, start, end, cue),
                 cue=Span(*cue_range(cue)),
                 source=Span(*source) if source else None)


def cue_range(token: Token) -> tuple[int, int]:
    """The cue's own words: the token, with the "to" of "according to"."""
    end = token_end(token)
    if token.lower_ == "according" and token.i + 1 < len(token.doc):
        end = token_end(token.doc[token.i + 1])
    return token.idx, end


def quote_kind(text: str, start: int, end: int, cue: Token | None) -> str:
    """Direct when all the content is in quote marks (pieces around the speaker tag
    included), mixed when only part of it is, belief for a belief or intention cue,
    else indirect (PolNeAR's distinctions)."""
    span = text[start:end].rstrip(" .,;:!?")
    inner = span[1:-1]
    quoted = len(span) > 1 and span[0] in _QUOTE_MARKS and span[-1] in _QUOTE_MARKS
    tag_inside = cue is not None and start <= cue.idx < end  # "…," she said. "…"
    if quoted and (tag_inside or not any(mark in inner for mark in "“”\"")):
        return "direct"
    if any(mark in span for mark in "“”\"«»"):
        return "mixed"
    if cue is not None and not reports_words(cue):
        return "belief"
    return "indirect"


def signed_quotes(doc: Doc, quotes: QuoteIndex, sentences: Sentences) -> list[Quote]:
    """Paragraphs quoted whole and signed by a dash and a name ("“…” ― Ann Lee").

    Notes:
        The convention of quote lists, readers' reactions and epigraphs: no verb
        says who spoke, so the cue model never sees one; the dash is the cue and
        the name (a run of proper nouns on the same line) the source.
    """
    text, found = sentences.text, []
    for region in quotes.regions:
        dash = _SIGNATURE.match(text, region.end)
        line_start = text.rfind("\n", 0, region.start) + 1
        if dash is None or text[line_start:region.start].strip():
            continue  # a signed quote is a paragraph of its own
        first = sentences.token_at(dash.end())
        if first is None or doc[first].pos_ != "PROPN":
            continue
        last = first
        while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and \
                "\n" not in doc[last].whitespace_:
            last += 1
        found.append(Quote(content=Span(*region), kind="direct",
                           cue=Span(dash.start(1), dash.end(1)),
                           source=Span(doc[first].idx, token_end(doc[last]))))
    return found


def posted_quotes(sentences: Sentences) -> list[Quote]:
    """Posts quoted from a social network, each a paragraph signed "— Ann Lee
    (@annlee) June 1, 2017": the words before the dash are the name's.

    Notes:
        How pages embed a post once scraped: its text, then its signature, with no
        quote marks and no verb of saying (a tag before it, "Here is what the
        chief executive had to say:", names a role, where the signature names the
        person). The dash is the cue, the name the source.
    """
    text, found = sentences.text, []
    start = 0
    for line in text.split("\n"):
        signature = EMBEDDED_POST.search(line)
        if signature is not None:
            words = line[:signature.start()].rstrip()
            lead = len(words) - len(words.lstrip())
            if words.strip():
                name = signature.start("name")
                found.append(Quote(
                    content=Span(start + lead, start + len(words)), kind="direct",
                    cue=Span(start + signature.start("dash"), start + signature.end("dash")),
                    source=Span(start + name, start + signature.end("name"))))
        start += len(line) + 1
    return found


def block_quotes(doc: Doc, quotes: QuoteIndex, sentences: Sentences) -> list[Quote]:
    """Paragraphs introduced by a speech tag that closes the paragraph before with a
    colon ("The joint statement said:").

    Notes:
        A block quote set off as a paragraph of its own needs no quote marks, and the
        content ranker, whose candidates stay within the cue's sentence, never
        reaches it. The cue is the verb of saying (`COLON_TAGS`) nearest the colon in
        its sentence, taken when the parse gives it a source; the content is the
        whole next paragraph.
    """
    text, found = sentences.text, []
    for colon in _BLOCK_COLON.finditer(text):
        at = sentences.token_at(colon.start())
        line_end = text.find("\n", colon.end())
        block_end = len(text[:line_end if line_end >= 0 else len(text)].rstrip())
        if at is None or block_end <= colon.end():
            continue
        # the tag nearest the colon introduces the block ("…, which said:")
        cue = next((t for t in reversed(doc[doc[at].sent.start:at])
                    if t.lower_ in COLON_TAGS), None)
        source = source_range(cue, quotes) if cue is not None else None
        if source is None:
            continue
        found.append(Quote(content=Span(colon.end(), block_end),
                           kind=quote_kind(text, colon.end(), block_end, cue),
                           cue=Span(*cue_range(cue)), source=Span(*source)))
    return found


#: An ellipsis between two sentences of one paragraph.
_ELISION = re.compile(r"[^\S\n]*(?:\.\.\.|…)[^\S\n]+(?=\S)")


def _elision_at(text: str, end: int) -> re.Match | None:
    """The ellipsis a content ending at `end` stops before or ends with."""
    back = 3 if text.endswith("...", 0, end) else 1 if text.endswith("…", 0, end) else 0
    return _ELISION.match(text, end - back)


def past_elisions(sentences: Sentences, quote: Quote, others: list[Quote]) -> Quote:
    """`quote` with its content run on over an ellipsis to the end of the sentence
    after it ("… since World War II ... This war is not just a European crisis."),
    as often as one follows, unless another attribution lies there.

    Notes:
        An ellipsis inside reported words marks words left out of one quotation,
        not the end of what was said; the sentence splitter ends a sentence at it,
        and the content model, which keeps to the cue's sentence, with it. Quoted
        content (quote marks at both ends) already shows where it ends.
    """
    text, end = sentences.text, quote.content.end
    if quote.kind == "direct":
        return quote
    while elision := _elision_at(text, end):
        at = sentences.token_at(elision.end())
        if at is None:
            break
        start, sentence_end = sentences.bounds[sentences.of_token[at]]
        if start != elision.end() or any(
                q is not quote and start < q.content.end and q.content.start < sentence_end
                for q in others):
            break
        end = len(text[:sentence_end].rstrip())
    if end == quote.content.end:
        return quote
    return replace(quote, content=Span(quote.content.start, end),
                   kind=quote_kind(text, quote.content.start, end, None)
                   if quote.kind == "indirect" else quote.kind)


def continuations(text: str, quotes: QuoteIndex, attributions: list[Quote]
                  ) -> list[Quote]:
    """Quoted paragraphs with no tag, given to the attribution that precedes them.

    Notes:
        News style runs a speaker's quote on over paragraphs with no new "she said";
        such a paragraph is one quote region at a paragraph's start that no
        attribution already covers (attributions nested inside it do not count).
        It takes the source of the nearest earlier attribution, if at most one
        paragraph lies between them.
    """
    covered = [(q.content.start, q.content.end) for q in attributions]
    found = []
    for region in quotes.regions:
        line_start = text.rfind("\n", 0, region.start) + 1
        if text[line_start:region.start].strip() or \
                any(s <= region.start + 2 and region.end - 2 <= e for s, e in covered):
            continue
        earlier = [q for q in attributions if q.content.end <= region.start]
        if not earlier:
            continue
        previous = max(earlier, key=lambda q: q.content.end)
        between = text[previous.content.end:line_start].split("\n")[1:]
        if previous.source is None or sum(1 for line in between if line.strip()) > 1:
            continue
        found.append(Quote(content=Span(*region), kind="direct", cue=None,
                           source=previous.source))
    return found


@functools.lru_cache(maxsize=1)
def _default() -> Extractor:
    return Extractor.from_file()


def extract_quotes(doc: Doc) -> tuple[Quote, ...]:
    """Every attribution in parsed `doc` (content, cue, source mention and kind).

    Args:
        doc: the article's clean text parsed by the base pipeline (tagger, parser).
    Returns:
        Quotes in text order, `speaker` left None; offsets index `doc.text`.
    Notes:
        Unbalanced quote marks degrade (see `marks`): an article is never dropped.
    """
    return _default().extract(doc)
