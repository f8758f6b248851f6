"""Candidates and their features for the two learned decisions of attribution.

Following the pipeline of Pareti's PARC work (Pareti 2016, "PARC 3.0"; Pareti et al.
2013) and its PolNeAR successor (Newell, Margolin & Ruths, LREC 2018), an attribution
is found from its cue: (1) every verb, noun, "according (to)" and colon is a cue
candidate, classified from lexical and dependency features; (2) for each cue, the
content is chosen among spans the parse and the quote marks propose (the cue's
clausal and object subtrees, also cut before a clause set off by a comma, its right
dependents together and without the trailing ones, what a preposition under its
object governs, the rest of the sentence, the quote before, after or around the tag,
the governing clause of a parenthetical "he said", whole and cut the same way), by a
second, ranking classifier that also reads the words just outside each span ("…,
which", "that …"). The source is read off the parse as in Krestel, Bergler & Witte
(LREC 2008) for reported speech: the cue's subject, the agent of a passive cue, the
object of "according to", the possessor of a noun cue ("Clinton's claim") or the
noun or group adjective before it ("GOP strategy", "public support").
A content candidate also carries the parser's contextual vectors (spaCy's `tok2vec`
output, `Doc.tensor`, computed anyway) of its first and last tokens, of the tokens
just outside it, and their mean over the span: they tell the ranker where a clause
plausibly begins and ends, which no feature string names.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, NamedTuple, Sequence

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LOWER, ORTH, POS, SHAPE, TAG
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ...ingest.clean import past_dateline
from ..entities import FINITE_TAGS, PERSON_ROLE_NOUNS, TIME_ZONES
from .marks import QuoteIndex, Region

#: Dependents of a cue whose subtree may be the content it introduces.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "acl", "relcl",
                          "oprd", "acomp", "attr", "conj", "nsubjpass", "nsubj",
                          "pobj", "dep", "npadvmod", "pcomp", "parataxis"})
#: Dependents of a cue that may name a stance whose object is the content.
_STANCE_HOLDERS = frozenset({"dobj", "acomp", "attr"})
#: Dependents of a source mention left out of its span (clauses describing it).
_SOURCE_CUT = frozenset({"relcl", "acl", "punct", "appos", "advcl", "cc"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: Pronouns that stand for a speaker named elsewhere in the sentence, never a source.
_RELATIVES = frozenset({"who", "whom", "which", "that", "what", "whose"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Words an aside between a speaker and its cue may run to ("X, speaking at Y, said").
MAX_ASIDE = 12
#: A letter or digit: a span without one ("." after a cue) is no content.
_WORD_CHARACTER = re.compile(r"[^\W_]")
#: Words of a role between a comma and the name it goes before ("…, fire chief |
#: Tomasz Brenner said").
MAX_ROLE_WORDS = 6
#: Cues whose passive makes the addressee the subject ("she was asked").
_ADDRESSEE_PASSIVES = frozenset({"asked", "told", "questioned", "pressed", "quizzed",
                                 "challenged"})
#: Nouns of time a participle may hang on that say nothing ("at the same time
#: advocating …", "by the time saying …").
_TIME_NOUNS = frozenset({"time", "times", "moment", "period", "day", "days", "week",
                         "weeks", "year", "years", "night", "morning", "afternoon"})
#: Cues that take their source from the verb they hang on ("appeared to suggest").
_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp"})
#: Adjectives that name a group holding a stance ("public support").
GROUP_ADJECTIVES = frozenset({"public", "popular"})
_QUOTE_CHARS = "\"“”‘’«»„'`"
_TRIM = " \t\r\n,;:—–-"
#: Punctuation that sets an addition off from what precedes it.
_BREAKS = frozenset({",", ";", "—", "–", "--", "―"})
#: The same marks, the conjunction label and the verbs' parts of speech as a doc's
#: arrays hold them.
_BREAK_IDS = np.array([get_string_id(mark) for mark in _BREAKS], dtype=np.uint64)
_CC_ID = get_string_id("cc")
_VERB_IDS = np.array([VERB, AUX], dtype=np.uint64)
#: Dependents that add to a word rather than restrict it, when set off after it.
_ADDITIONS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis", "npadvmod"})
#: Entity types an apposition of the same kind only pins down: dates and places.
_PINNED = {"DATE": "when", "TIME": "when", "GPE": "where", "LOC": "where"}
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
#: The word or mark just after a span, and the one just before it: where a content
#: ends ("…, which", "… in", "… and") and begins ("that …") is told by these words.
_NEXT_WORD = re.compile(r"[^\S\n]*(\w+|\S)")
_LAST_WORD = re.compile(r"(\w+|\S)[^\S\n]*\Z")
_FIRST_WORD = re.compile(r"\s*(\S+)")
_HAS_QUOTE = re.compile("[“”\"]")


#: Verbs of saying that tell nothing of the speaker's standing ("said", not
#: "claimed"), in the forms the text has (the pipeline has no lemmatiser): the tag
#: "X said" an "according to" hangs on gives the words to X; a swap of two of them
#: is no framing choice; "says Tuesday" is a headline's past; a colon after one may open
#: a block quote.
SPEECH_VERBS = frozenset({
    "say", "said", "says", "saying", "tell", "told", "tells", "add", "added", "adds",
    "ask", "asked", "asks", "write", "wrote", "writes", "note", "noted", "notes",
    "state", "stated", "states", "explain", "explained", "explains", "comment",
    "commented", "remark", "remarked", "report", "reported", "reports"})


class Sentences:
    """Sentence bounds of a doc, looked up by token index without `Token.sent`, its
    text (`Doc.text` joins every token anew on each access), token vectors, the
    words around a cue and where a content may be cut (`breaks`)."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        # read off the doc's arrays where a `Token` per word would cost more
        self.starts = doc.to_array(IDX).tolist()
        orth, dep, pos, lower, tag, shape = doc.to_array(
            [ORTH, DEP, POS, LOWER, TAG, SHAPE]).T
        heads = np.arange(len(doc)) + doc.to_array(HEAD).astype(np.int64)
        # where `_core_range` may cut a content: a separating mark, or a conjunction
        # joining verbs
        self.breaks = np.flatnonzero(np.isin(orth, _BREAK_IDS) | (dep == _CC_ID)
                                     & np.isin(pos[heads], _VERB_IDS)).tolist()
        self.tensor = doc.tensor if len(doc.tensor) == len(doc) else None
        # running sums of the vectors: a span's mean in two lookups (spans overlap a lot)
        self.sums = None if self.tensor is None else np.concatenate((
            np.zeros((1, self.tensor.shape[1])),
            np.cumsum(self.tensor, axis=0, dtype=np.float64)))
        # the word, tag and shape a cue candidate's neighbours are read from
        self._strings, self._words = doc.vocab.strings, (lower, tag, shape)
        self.of_token = [0] * len(doc)
        self.bounds: list[tuple[int, int]] = []
        for k, sent in enumerate(doc.sents):
            self.bounds.append((sent.start_char, sent.end_char))
            self.of_token[sent.start:sent.end] = [k] * (sent.end - sent.start)

    def token_at(self, offset: int) -> int | None:
        """The index of the token starting at character `offset`, or None."""
        k = bisect.bisect_left(self.starts, offset)
        return k if k < len(self.starts) and self.starts[k] == offset else None

    def word(self, i: int) -> tuple[str, str, str]:
        """Token `i`'s lower-case form, its tag and the first four marks of its
        shape; "</s>" or "<s>" past either end of the doc."""
        if not 0 <= i < len(self.starts):
            return ("</s>" if i >= 0 else "<s>"), "", ""
        lower, tag, shape = (int(column[i]) for column in self._words)
        return self._strings[lower], self._strings[tag], self._strings[shape][:4]

    def of(self, token: Token) -> tuple[int, int]:
        return self.bounds[self.of_token[token.i]]

    def _edges(self, start: int, end: int) -> tuple[int, int]:
        """The indexes of the tokens holding characters `start` and `end - 1`."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        return first, max(first, bisect.bisect_right(self.starts, end - 1) - 1)

    def edge_vector(self, start: int, end: int) -> np.ndarray | None:
        """The contextual vectors of the tokens holding characters `start` and
        `end - 1`, of the tokens just outside them and the mean over the tokens
        between, end to end; None when the doc has no tensor."""
        if self.tensor is None or not self.starts:
            return None
        first, last = self._edges(start, end)
        tensor = self.tensor
        mean = (self.sums[last + 1] - self.sums[first]) / (last + 1 - first)
        return np.concatenate((tensor[first], tensor[last], tensor[max(0, first - 1)],
                               tensor[min(len(tensor) - 1, last + 1)],
                               mean.astype(np.float32)))

    def edge_weigher(self, weights: Sequence[float]) -> Callable[[int, int], float]:
        """`weights @ edge_vector(start, end)` as a function of the span, without
        building the vector: each token's share under each of the five parts'
        weights is projected once per doc (a cue's rival spans share most tokens).
        Weighs nothing when the doc has no tensor or the weights are empty."""
        if self.tensor is None or not self.starts or not len(weights):
            return lambda start, end: 0.0
        size = self.tensor.shape[1]
        parts = np.asarray(weights, dtype=np.float32)[:5 * size].reshape(5, size)
        # einsum, not a matrix product: BLAS would start threads for this small sum
        shares = np.einsum("td,pd->tp", self.tensor, parts).astype(np.float64)
        first_share, last_share, before_share, after_share = shares[:, :4].T.tolist()
        mean_sums = np.concatenate(([0.0], np.cumsum(shares[:, 4]))).tolist()
        final = len(self.starts) - 1

        def weigh(start: int, end: int) -> float:
            first, last = self._edges(start, end)
            return (first_share[first] + last_share[last]
                    + before_share[max(0, first - 1)] + after_share[min(final, last + 1)]
                    + (mean_sums[last + 1] - mean_sums[first]) / (last + 1 - first))
        return weigh


class Candidate(NamedTuple):
    """A possible content span of a cue and the features describing it (the
    contextual vectors of its edges are `Sentences.edge_vector`)."""

    start: int
    end: int
    features: list[str]


def stem(word: str) -> str:
    """A crude suffix-stripped form ("says", "saying" -> "say"); the parser's lemma-free
    stand-in, good enough to share evidence across a verb's forms."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def token_end(token: Token) -> int:
    return token.idx + len(token)


def subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token_end(token.right_edge)


def is_cue_candidate(token: Token) -> bool:
    """Verbs, nouns, "according" and colons: where PolNeAR cues are headed (a dash
    the tagger calls a verb is punctuation: `signed_quotes` reads dash signatures)."""
    return (token.pos_ in ("VERB", "AUX", "NOUN") and token.text[0].isalpha()
            or token.lower_ == "according" or token.text == ":")


def cue_features(token: Token, quotes: QuoteIndex, sentences: Sentences) -> list[str]:
    """Lexical, dependency and quotation context of a cue candidate.

    Besides the word, its dependents carry most of the evidence: a cue has a source
    (a subject: a person, an organisation, a pronoun) and a content (a clause, an
    object, a quote), so their kinds are crossed with the word's stem.
    """
    word, head = token.lower_, token.head
    s = stem(word)
    features = ["w=" + word, "s=" + s, "suf=" + word[-3:], "pos=" + token.tag_,
                "dep=" + token.dep_, f"dep&s={token.dep_}&{s}", "hs=" + stem(head.lower_),
                f"hdep&s={head.dep_}&{s}", f"tag&s={token.tag_}&{s}"]
    deps = []
    for child in token.children:
        dep = child.dep_
        if dep == "punct":
            continue
        deps.append(dep)
        features.append("ch=" + dep)
        features.append(f"ch&s={dep}&{s}")
        if dep in _SUBJECTS:
            kind = child.ent_type_ or child.pos_
            features += ["subj=" + kind, f"subj&s={kind}&{s}", "subjw=" + child.lower_,
                         f"subjw&s={child.lower_}&{s}"]
        elif dep in ("ccomp", "xcomp", "dobj", "prep", "prt", "agent"):
            features += [f"ch&w={dep}&{child.lower_}", f"ch&w&s={dep}&{child.lower_}&{s}"]
    signature = ",".join(sorted(set(deps)))
    features += ["sig=" + signature, f"sig&s={signature}&{s}"]
    after = sentences.word(token.i + 1)[0]
    before, before_tag, before_shape = sentences.word(token.i - 1)
    features += ["n1=" + after, "p1=" + before, f"n1&s={after}&{s}", f"p1&s={before}&{s}",
                 f"p1tag&s={before_tag}&{s}", f"p1shape&s={before_shape}&{s}"]
    start, end = sentences.of(token)
    if start == 0 or sentences.text[start - 1] == "\n":
        features += ["para_start", "para_start&s=" + s]
    if quotes.containing(token.idx):
        features += ["inquote", "inquote&s=" + s]
    if quotes.after(start, end) is not None:
        features += ["sent_has_quote", "sent_has_quote&s=" + s]
    if quotes.after(token_end(token), end + 4) is not None:
        features += ["quote_follows", "quote_follows&s=" + s]
    if quotes.before(token.idx, start - 4) is not None:
        features += ["quote_precedes", "quote_precedes&s=" + s]
    return features


def content_candidates(token: Token, quotes: QuoteIndex, sentences: Sentences
                       ) -> list[Candidate]:
    """The spans that may be the content of cue `token`, with their features.

    Spans proposed by several routes are one candidate carrying every route's
    features, so the ranker sees that the parse and the quote marks agree.
    """
    text = sentences.text
    sent_start, sent_end = sentences.of(token)
    routes: dict[tuple[int, int], list[str]] = {}

    def propose(span: tuple[int, int] | None, route: str) -> None:
        if span is None:
            return
        start, end = quotes.snap(*_trimmed(text, past_dateline(text, span[0]), span[1]))
        if end > start and _WORD_CHARACTER.search(text, start, end):
            routes.setdefault((start, end), []).append(route)

    for child in token.children:
        if child.dep_ in CONTENT_DEPS:
            propose(_dependent_range(child), "c:" + child.dep_)
            propose(_core_range(child, sentences.breaks), "core:" + child.dep_)
            if child.dep_ == "xcomp":
                for grandchild in child.children:
                    if grandchild.dep_ in CONTENT_DEPS:
                        propose(_dependent_range(grandchild), "x:" + grandchild.dep_)
            elif child.dep_ in _STANCE_HOLDERS:
                # the stance a multi-word cue names takes what its preposition governs
                # ("has been critical of | Trump", "expressed misgivings about | her")
                for grandchild in child.children:
                    if grandchild.dep_ == "prep":
                        propose(_dependent_range(grandchild), "o:" + grandchild.lower_)
    rights = [c for c in token.rights if c.dep_ not in ("punct", "prt", "advmod", "cc")]
    if len(rights) > 1:
        propose((rights[0].left_edge.idx, token_end(rights[-1].right_edge)), "rights")
        # the cue's arguments without its trailing adjuncts ("attacked her opponent as
        # a fraud | during the debate"): every shorter run of its right dependents
        for last, dropped in zip(rights[1:-1], rights[2:]):
            propose((rights[0].left_edge.idx, token_end(last.right_edge)),
                    "rights_before:" + dropped.dep_)
    # "according to X" is cue and source: what it attributes starts after X.
    cue_end = subtree_range(token)[1] if token.lower_ == "according" else token_end(token)
    propose((cue_end, sent_end), "right")
    paragraph_end = text.find("\n", cue_end)
    propose((cue_end, len(text) if paragraph_end < 0 else paragraph_end), "paragraph")
    subjects = [c for c in token.children if c.dep_ in _SUBJECTS and c.i < token.i]
    left_end = subjects[0].left_edge.idx if subjects else _left_of_speaker(token, quotes)
    propose((sent_start, left_end), "left")
    if token.dep_ != "ROOT":
        head_start, head_end = subtree_range(token.head)
        propose((head_start, head_end), "h:" + token.dep_)
        # cut like a dependent's: "The test, Pyongyang said, was its biggest yet |
        # , although …"
        propose(_core_range(token.head, sentences.breaks), "hcore:" + token.dep_)
        cue_start, cue_stop = subtree_range(token)
        if cue_stop >= head_end:
            propose((head_start, cue_start), "hm:" + token.dep_)
        elif cue_start <= head_start:
            propose((cue_stop, head_end), "hm:" + token.dep_)
    after = quotes.after(cue_end, sent_end + 4)
    if after is not None and "\n" in text[cue_end:after.start] and \
            not text[cue_end:after.start].rstrip().endswith(":"):
        after = None  # a quote in the next paragraph follows only a colon
    before = quotes.before(token.idx, sent_start - 4)
    if after is not None:
        propose(after, "quote_after")
    if before is not None:
        propose(before, "quote_before")
        if after is not None and "\n" not in text[before.end:after.start]:
            propose((before.start, after.end), "quote_around")

    s = stem(token.lower_)
    available = sorted({name for names in routes.values() for name in names})
    candidates = []
    for (start, end), names in routes.items():
        shape = _span_features(text, start, end, token, quotes, sent_start, sent_end)
        features = list(shape)
        for name in names:
            features += ["r=" + name, f"r&s={name}&{s}", f"r&dep={name}&{token.dep_}"]
            features += [f"r&{f}&{name}" for f in shape]
            # what else was on offer: the ranker learns preferences between routes
            features += [f"r&alt={name}&{other}" for other in available if other != name]
        candidates.append(Candidate(start, end, features))
    return candidates


def _left_of_speaker(token: Token, quotes: QuoteIndex) -> int:
    """Where what a subjectless cue reports ends on its left: before the name just
    before it (`_name_before`) and the words set off by a comma with that name
    ("… operated by Corvane Logistics | , fire chief Tomasz Brenner said", which a
    misparse may read as one phrase), else at the cue."""
    name = _name_before(token, quotes, quotes.containing(token.idx))
    if name is None:
        return token.idx
    comma = quotes.text.rfind(",", 0, name[0])
    between = quotes.text[comma + 1:name[0]]
    return comma if comma >= 0 and len(between.split()) <= MAX_ROLE_WORDS \
        and not any(mark in between for mark in ".;:!?\"“”") else name[0]


def _dependent_range(child: Token) -> tuple[int, int]:
    """A dependent's subtree; for a preposition, only what it governs."""
    if child.dep_ == "prep":
        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return objects[0].left_edge.idx, token_end(objects[-1].right_edge)
    return subtree_range(child)


def _core_range(child: Token, breaks: list[int]) -> tuple[int, int] | None:
    """A dependent's subtree cut before the first addition set off inside it: a
    comma, dash or semicolon followed by a clause or apposition hung on the same word
    ("the reality of climate change, which makes him …", "he had his hands up,
    contradicting …"), or a coordinated verb the parse joined to the reported clause
    ("he would order a review and warned …"). PolNeAR's content stops there: what
    follows is the writer's, or another attribution. None when nothing is cut.
    `breaks` are the doc's `Sentences.breaks`, where such a cut may fall."""
    first, last = child.left_edge, child.right_edge.i
    doc = child.doc
    for i in breaks[bisect.bisect_right(breaks, first.i):bisect.bisect_right(breaks, last)]:
        token = doc[i]
        if i != child.i and not child.is_ancestor(token) or _closes_apposition(token):
            continue
        if any(_is_addition(sibling) for sibling in token.head.rights if sibling.i > i):
            return first.idx, token_end(doc[i - 1])
    return None


def _closes_apposition(comma: Token) -> bool:
    """The comma that closes an apposition another comma opened ("a Tuesday, January
    31st, meeting"): what follows goes on with the words before the apposition."""
    if comma.i == 0 or comma.text != ",":
        return False
    word = comma.doc[comma.i - 1]
    for ancestor in (word, *word.ancestors):
        if ancestor.dep_ == "appos" and ancestor.right_edge.i == word.i:
            opening = ancestor.left_edge.i - 1
            return opening >= 0 and comma.doc[opening].text == ","
    return False


def _is_addition(token: Token) -> bool:
    """A clause or apposition added to a word, or a verb coordinated with it. A date
    or place in apposition to another ("after a Tuesday, January 31st, meeting",
    "in Springfield, Illinois,") only pins the first down and is no addition."""
    if token.dep_ == "appos" and _PINNED.get(token.ent_type_) == _PINNED.get(
            token.head.ent_type_, "none"):
        return False
    return token.dep_ in _ADDITIONS or \
        token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without spaces and separating punctuation at its edges."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _span_features(text: str, start: int, end: int, cue: Token, quotes: QuoteIndex,
                   sent_start: int, sent_end: int) -> list[str]:
    """Shape of a candidate span: quote marks, first word, length, where it lies."""
    # read in place: candidates run to whole paragraphs, and a cue has a dozen
    first = _FIRST_WORD.match(text, start, end)
    features = ["fw=" + (first.group(1).lower().strip(_QUOTE_CHARS)[:12] if first else ""),
                "len=%d" % min(8, (end - start).bit_length() // 2),
                "nx=" + _word_at(_NEXT_WORD.match(text, end)),
                "pv=" + _word_at(_LAST_WORD.search(text, max(0, start - 24), start))]
    opens, closes = text[start] in _QUOTE_CHARS, text[end - 1] in _QUOTE_CHARS or \
        end - start > 1 and text[end - 2] in "”\""
    if opens and closes:
        features.append("quoted")
    elif opens or closes:
        features.append("half_quoted")
    elif _HAS_QUOTE.search(text, start, end):
        features.append("has_quote")
    if quotes.containing(start) is not None:
        features.append("starts_in_quote")
    if quotes.containing(end - 1) is not None:
        features.append("ends_in_quote")
    features.append("after_cue" if start >= cue.idx else
                    "before_cue" if end <= cue.idx + len(cue) else "spans_cue")
    if start < sent_start or end > sent_end:
        features.append("beyond_sentence")
    if start <= sent_start and end >= sent_end - 2:
        features.append("whole_sentence")
    return features


def _word_at(match: re.Match | None) -> str:
    """The word or mark a boundary pattern found, lower-cased ("" for none)."""
    return match.group(1).lower()[:12] if match else ""


def source_range(token: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The source mention of cue `token`, read off the dependency parse.

    The object of "according to"; the word before a colon cue, or the subject of
    the clause the colon closes (`_colon_source`); the agent alone of
    a passive asking or telling (`is_addressed`); the object of a closing tag the
    parse made a conjunct of its own content (`_inverted_speaker`); else the speaker
    `_speaker_of` the cue or of the word it hangs on (`_climbs`: "X arrived and
    said", "X appeared to suggest", "X ended by saying"), passing over the verb of a
    reported clause a conjunct cue is misattached to (`_reported_clause_verb`).
    With none of these, the name or pronoun just before the cue (`_name_before`),
    or the name after a tag that follows its quote or clause (`_inverted_speaker`).
    """
    quoted = quotes.containing(token.idx)
    if token.lower_ == "according":
        for prep in token.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return mention_range(obj)
    if token.text == ":":
        return _colon_source(token, quotes, quoted)
    if is_addressed(token):
        agent = _speaker_of(token, token, quotes, quoted)
        return mention_range(agent) if agent is not None else None
    if token.dep_ == "conj":  # "X rose, warned the chief.": the tag taken for a conjunct
        inverted = _inverted_speaker(token, quotes, quoted)
        if inverted is not None:
            return inverted
    verb, skip = token, False
    for _ in range(6):
        speaker = None if skip else _speaker_of(verb, token, quotes, quoted)
        if speaker is not None:
            return mention_range(speaker)
        if verb.head is verb or not _climbs(verb, skip):
            break
        # once a conjunct cue is found misattached, its speaker lies above the
        # reported clause: skip up through the clause's complement
        skip = _reported_clause_verb(verb) or skip and verb.dep_ != "ccomp"
        verb = verb.head
    return _name_before(token, quotes, quoted) or _inverted_speaker(token, quotes, quoted)


#: Labels of a listicle's or an explainer's headings, no speakers ("Winner: China",
#: "Loser: Donald Trump", "Bottom line: …").
_HEADING_LABELS = frozenset({"winner", "winners", "loser", "losers", "verdict", "line",
                             "takeaway", "takeaways", "background", "context", "update",
                             "note", "grade", "score", "result", "results"})


def _colon_source(colon: Token, quotes: QuoteIndex, quoted: Region | None
                  ) -> tuple[int, int] | None:
    """The source of a colon cue: the word before it when a name or noun alone
    introduces the quote ("Trump: …", "Sen. Lee: …"), unless it labels a heading
    ("Loser: Donald Trump", `_HEADING_LABELS`); after a clause ("McConnell
    made it clear he'll only go so far to please those who want fights with Obama:
    “…”"), the subject of the clause's main verb, not its last noun."""
    sentence = colon.sent
    if any(t.tag_ in FINITE_TAGS for t in colon.doc[sentence.start:colon.i]):
        root = sentence.root
        speaker = _speaker_of(root, colon, quotes, quoted) if root.i < colon.i else None
        return mention_range(speaker) if speaker is not None else None
    left = colon.doc[colon.i - 1] if colon.i else None
    if left is None or left.pos_ not in ("PROPN", "NOUN", "PRON") \
            or left.lower_ in _HEADING_LABELS:
        return None
    return mention_range(left)


def is_addressed(cue: Token) -> bool:
    """A passive cue of asking or telling ("Asked about the plan, Lee said …", "Lee
    was told …"): its subject, or that of the clause it hangs on, is who was
    addressed, never who spoke; only its agent ("asked by a reporter") is."""
    # a clause of its own with no subject is a participle the tagger may call a past
    # tense ("Asked whether he believed …, Mr. Trump said")
    participle = cue.tag_ == "VBN" or cue.tag_ == "VBD" and cue.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    return cue.lower_ in _ADDRESSEE_PASSIVES and participle and (
        any(c.dep_ == "auxpass" for c in cue.children)
        or not any(c.dep_ == "aux" for c in cue.children))  # not "has asked"


def _speaker_of(verb: Token, cue: Token, quotes: QuoteIndex, quoted: Region | None
                ) -> Token | None:
    """The head of the source mention `verb` itself governs, if any (Krestel, Bergler
    & Witte 2008): its subject, the possessor of a noun cue ("Clinton's claim") or
    the noun or group adjective before it (`_noun_holder`), the agent of a passive,
    or the noun a participle describes ("a sign saying …"; also "one lawmaker
    called …", a finite verb the tagger read as a reduced relative).
    Of several subjects the nearest to the cue speaks: the parse hangs a heading
    or dateline run into the sentence on the verb too ("THE BORROWING When …,
    Mr. Lee said"); a time taken for the subject yields to its apposition ("Late
    Monday, a group of lawmakers said"). A subject across a quote mark is a quoted
    word (`_same_voice`).
    """
    subjects = [child for child in verb.children
                if (child.dep_ in ("nsubj", "csubj", "poss") or _is_misread_name(child)
                    # "Braynard is quoted as saying": who is quoted speaks
                    or child.dep_ == "nsubjpass" and verb.lower_ == "quoted")
                and _same_voice(child, cue, quotes, quoted) and not in_dateline(child, quotes.text)
                and not _is_misread_clause(child)]
    if subjects:
        subject = min(subjects, key=lambda subject: abs(subject.i - cue.i))
        # "Late Monday, an influential group of Democrats … said", "At 12:11 a.m.
        # ET, Obama's campaign put out a statement": the parse makes the time the
        # subject and the speaker its apposition
        return next((c for c in subject.children if c.dep_ == "appos"
                     and c.ent_type_ not in _TIME_ENTITIES), subject) \
            if subject.ent_type_ in _TIME_ENTITIES or subject.text in TIME_ZONES else subject
    if verb.pos_ == "NOUN":
        return _noun_holder(verb)
    for child in verb.children:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "agent" and objects:
            return objects[0]
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN", "VBD"):
        # the main verb hung on the last noun of a relative clause set off before it
        # ("Sen. Lee, who leads the party's campaign efforts, scolded …", "efforts"
        # its head): the clause's antecedent did it
        relative = next((t for t in verb.head.ancestors if t.dep_ == "relcl"), None)
        if relative is not None and relative.head.pos_ in ("NOUN", "PROPN") \
                and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
            return relative.head
        if verb.tag_ != "VBD" and verb.head.lower_ not in _TIME_NOUNS:
            return verb.head  # not "while at the same time advocating …"
    return None


def _noun_holder(noun: Token) -> Token | None:
    """Whose stance a noun cue names when no possessor or subject says it: a noun
    before it ("GOP strategy", "media silence") or an adjective naming a group
    ("Republican calls", "public support"), as PolNeAR marks them. Not the subject
    of the verb the noun is the object of: "threats fuelled public support" is the
    public's support, not the threats'."""
    for child in noun.lefts:
        if child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN") or \
                child.dep_ == "amod" and (child.ent_type_ == "NORP"
                                          or child.lower_ in GROUP_ADJECTIVES):
            return child
    return None


def _is_misread_name(word: Token) -> bool:
    """Whether an auxiliary is a name the parser took for a modal: "May said", "May
    also promised", "May had called" (Theresa May): a proper noun, or a capitalised
    modal before a past or present-tense verb, which no modal takes, or one the
    tagger itself calls a person."""
    return word.dep_ == "aux" and (word.tag_ == "NNP" or word.tag_ == "MD" and (
        word.text[:1].isupper()
        and (word.ent_type_ == "PERSON" or word.head.tag_ in ("VBD", "VBZ"))))


def _is_misread_clause(word: Token) -> bool:
    """Whether a subject is a clause the tagger read as a noun phrase: a noun with
    a subordinating conjunction of its own ("As my colleagues report from Atlanta,
    …" with "report" a noun) is a verb in disguise, and says nothing itself."""
    return word.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "mark" for c in word.children)


def in_dateline(word: Token, text: str) -> bool:
    """Whether `word` lies in the dateline opening its paragraph: where the story was
    filed, which the parse often makes the subject of the lead's verb ("WASHINGTON —
    E-mails released … revealed"), never who speaks. `text` is the doc's text
    (`Doc.text` joins every token anew on each access: callers keep it)."""
    start = text.rfind("\n", 0, word.idx) + 1
    return word.idx - start <= 60 and word.idx < past_dateline(text, start)


def _same_voice(word: Token, cue: Token, quotes: QuoteIndex, quoted: Region | None
                ) -> bool:
    """Whether `word` may be the speaker of `cue`: not a word of a quote the cue is
    outside of (the parse of `"… your plan …," he said` may hang "plan" on "said").
    It is one only when a quote mark separates the two: marks paired wrongly (a
    closer typed as an opener, a quote nested in one of the same marks) must not
    cut a tag from its subject ("Millis told …")."""
    if quotes.containing(word.idx) == quoted:
        return True
    return not quotes.mark_between(min(word.idx, cue.idx), max(word.idx, cue.idx))


def _climbs(verb: Token, skipped: bool) -> bool:
    """Whether the speaker of `verb` is that of the word it hangs on: a verb's
    complement, conjunct or clause, a preposition's object ("by saying") or a
    preposition ("aside from saying"); and the clause of a conjunct passed over
    by `_reported_clause_verb`."""
    return verb.dep_ in _CLIMB or verb.dep_ in ("prep", "advmod") and \
        verb.pos_ not in ("VERB", "AUX") or skipped and verb.dep_ == "ccomp"


def _reported_clause_verb(verb: Token) -> bool:
    """Whether conjunct `verb` is coordinated with the speaker's verb, not with the
    reported clause the parse hangs it on: in "X said that Y would leave and warned
    …" the parser joins "warned" to "leave", in "Merkel said it shouldn't take
    forever for Britain to deliver notice but made clear …" "made" to "deliver";
    coordinated verbs share their form, so a past "warned" cannot pair with a bare
    verb inside the complement clause."""
    head = verb.head
    return verb.dep_ == "conj" and any(t.dep_ == "ccomp" for t in (head, *head.ancestors)) \
        and verb.tag_.startswith("VB") and head.tag_.startswith("VB") and \
        verb.tag_ != head.tag_


def _name_before(token: Token, quotes: QuoteIndex, quoted: Region | None
                 ) -> tuple[int, int] | None:
    """The name or pronoun just before a cue the parse gave no subject ("…,” Chief
    Jordan said", "Trump claims" with "claims" tagged a noun): news prose puts the
    speaker there, and the tagger often misparses exactly these tags. Not an
    expletive ("There seems to have been no guidance"), nor the subject of a passive
    cue before an infinitive ("Cruz was reported to have confessed", "Trump is
    expected to speak": whom the report is about, PolNeAR's 74 of 74 in train with
    no source)."""
    doc, k = token.doc, token.i - 1
    while k >= 0 and doc[k].pos_ in ("AUX", "ADV", "PART"):  # "has also said"
        k -= 1
    k = _before_aside(doc, k)
    if k < 0 or doc[k].pos_ not in ("PROPN", "PRON") or doc[k].lower_ in _RELATIVES \
            or doc[k].dep_ == "expl" or _reported_about(doc[k], token) \
            or doc[k].ent_type_ in _TIME_ENTITIES or in_dateline(doc[k], quotes.text) \
            or not _same_voice(doc[k], token, quotes, quoted):
        return None
    start = k
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].whitespace_:
        start -= 1
    return doc[start].idx, token_end(doc[k])


def _reported_about(subject: Token, cue: Token) -> bool:
    """Is `subject` the passive subject of `cue` with an infinitive after it ("X was
    reported to have …")? What is reported is about it; the reporter goes unnamed."""
    return subject.dep_ == "nsubjpass" and subject.head.i == cue.i and any(
        child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.children)
        for child in cue.children) and not any(
        child.dep_ == "dobj" for child in cue.children)  # "He's urged us to", active


def _before_aside(doc: Doc, k: int) -> int:
    """The word before a participle's aside that ends at `k` ("Blumenthal, advocating
    for troops returning from war, clearly says"), else `k`: the aside, set off by
    commas, describes the speaker just before it."""
    if k < 1 or doc[k].text != ",":
        return k
    for opening in range(k - 1, max(k - MAX_ASIDE, 0), -1):
        if doc[opening].is_quote or doc[opening].is_sent_end:
            return k
        if doc[opening].text == ",":
            return opening - 1 if doc[opening + 1].tag_ in ("VBG", "VBN") else k
    return k


def _inverted_speaker(token: Token, quotes: QuoteIndex, quoted: Region | None
                      ) -> tuple[int, int] | None:
    """The speaker after a tag that follows its content: its quote (`"…," recalled
    Mr. Lee.`) or, unquoted, its clause, the tag closing the sentence ("…, warned
    the secretary general."). The parser, expecting a subject first, makes the
    speaker the verb's object, the only word the tag governs after it."""
    if token.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    rights = [child for child in token.rights if child.dep_ != "punct"]
    if len(rights) != 1 or rights[0].dep_ != "dobj" or \
            rights[0].pos_ not in ("PROPN", "NOUN") or \
            not _same_voice(rights[0], token, quotes, quoted):
        return None  # an object with more to follow is what the verb acts on
    if quotes.before(token.idx, token.idx - 4) is not None or \
            _closes_sentence(rights[0]) and _names_someone(rights[0]) and token.i > 0 \
            and token.doc[token.i - 1].text == ",":
        return mention_range(rights[0])  # right after its quote or its clause
    return None


def _names_someone(word: Token) -> bool:
    """A name or a definite description ("the secretary general", "NATO's chief"),
    as a speaker is introduced; not a bare plural ("cited derogatory comments")."""
    return word.pos_ == "PROPN" or any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in word.children)


def _closes_sentence(word: Token) -> bool:
    """Whether only closing punctuation follows `word`'s phrase in its sentence."""
    return all(t.pos_ in ("PUNCT", "SPACE")
               for t in word.doc[word.right_edge.i + 1:word.sent.end])


def mention_range(token: Token) -> tuple[int, int]:
    """A noun phrase without the clauses and appositions describing it, nor the
    time a parse may hang on it ("NATO's chief on Wednesday applauded …"); with the
    nouns coordinated with it, as two people speak together ("Stoltenberg and
    Kishida issued a joint statement")."""
    start, end = token.left_edge.idx, token_end(token)
    titles = token.lower_ in _TITLE_HEADS  # "CEO and founder Reed Hastings": one person
    for child in token.rights:
        if child.dep_ == "cc" and (titles or joint_speakers(token)):
            continue
        if child.dep_ in _SOURCE_CUT or _is_time(child):
            break
        end = token_end(child.right_edge)
    return start, end


#: Titles coordinated before one person's name ("CEO and founder", "president and
#: CEO"): a joint source is two speakers, not one speaker's two titles.
_TITLE_HEADS = PERSON_ROLE_NOUNS | {"ceo", "cfo", "coo", "cto", "founder", "co-founder",
                                    "cofounder", "owner", "publisher", "editor", "author",
                                    "chairwoman", "chairperson", "host", "anchor"}


def joint_speakers(token: Token) -> list[Token]:
    """The heads of the noun phrases coordinated with `token` ("Kishida" in
    "Stoltenberg and Kishida"), none when `token` stands alone or no conjunction
    joins them (a conjunct the parse made of a name's appended affiliation)."""
    if token.lower_ in _TITLE_HEADS:
        return []  # "Netflix CEO and founder Reed Hastings": one person's titles
    # a singular party or nationality is a description the parse coordinated with
    # the name ("Rodgers, Washington Republican and chairwoman of …"); "Trump and
    # Republicans" are two speakers
    conjuncts = [child for child in token.rights
                 if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN")
                 and not (child.ent_type_ == "NORP" and child.tag_ in ("NNP", "NN"))]
    # the conjunction hangs on the first conjunct or, in a list ("Ames, Berg and
    # Cole"), on the one before the last
    chain = [token, *(t for t in token.subtree if t.dep_ == "conj")]
    if token.pos_ not in ("PROPN", "NOUN") or not any(
            child.dep_ == "cc" for t in chain for child in t.children):
        return []  # "Ian Simmonds of the University's School of Earth Sciences"
    return conjuncts


def _is_time(token: Token) -> bool:
    """A time modifier: "Tuesday", "on Wednesday", "last week"."""
    if token.dep_ == "prep":
        return any(_is_time(child) for child in token.children if child.dep_ == "pobj")
    return token.ent_type_ in _TIME_ENTITIES and token.dep_ in ("npadvmod", "pobj", "nmod",
                                                                "compound", "appos")
